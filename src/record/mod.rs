//! The completion record: one canonical JSON document per attempt (`"format":
//! "certa-record/1"`), holding who, what (package id, version and content hash), the seed and
//! form, the timed responses, and the scored result. It is what the host page posts to its
//! backend, and what the backend re-derives and verifies.
//!
//! The record is byte-stable: struct fields are written in declaration order, maps in key
//! order (`SortedMap`, `BTreeMap`), and numbers with serde_json's shortest round-trip digits,
//! the same on every target (the text is [`crate::model::json::write`]'s, byte for byte what
//! `serde_json::to_string` writes).
//!
//! The standards exporters live here too, each a pure function of (package, record) that
//! first checks the two fit: xAPI 1.0.3 statements ([`xapi`]) and cmi5 ([`cmi5`]), SCORM 2004
//! and 1.2 run-time data ([`scorm`]), the LTI AGS score ([`lti`]) and the Open Badges 3.0
//! credential ([`badge`]).

pub mod badge;
pub mod cmi5;
pub mod export_check;
pub mod export_error;
pub mod hash;
pub mod lti;
pub mod scorm;
mod to_json;
pub mod xapi;
pub mod xapi_attempt;
pub mod xapi_format;
pub mod xapi_interaction;
pub mod xapi_statement;

use serde::{Deserialize, Serialize};

use crate::assemble::{AssemblyContext, FormItem, Seed};
use crate::score::AttemptResult;
use crate::session::{Learner, Mode, ResponseEntry, Session, SessionError, SessionSnapshot};
use crate::sorted_map::SortedMap;
use crate::timestamp::Timestamp;

pub use cmi5::{cmi5_statements, Cmi5Launch, LaunchMode, MoveOn};
pub use export_error::ExportError;
pub use hash::content_hash;
pub use xapi::{xapi_statements, ActorIdentity, XapiOptions};
pub use xapi_statement::Statement;

/// The only record format tag this engine writes.
pub const RECORD_FORMAT: &str = "certa-record/1";

/// The engine that produced a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engine {
    pub name: String,
    pub version: String,
}

impl Engine {
    /// This build of certa.
    pub fn current() -> Engine {
        Engine {
            name: "certa".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// Which package the attempt was on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageRef {
    pub id: String,
    pub version: String,
    /// `sha256:` + hex SHA-256 of the package's canonical JSON ([`content_hash`]).
    pub content_hash: String,
}

/// One attempt's canonical record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionRecord {
    pub format: String,
    pub attempt_id: String,
    pub learner: Learner,
    pub package: PackageRef,
    pub engine: Engine,
    pub mode: Mode,
    pub attempt_number: u32,
    pub seed: Seed,
    /// The form as delivered: item ids with their choice orders.
    pub form: Vec<FormItem>,
    /// What assembly knew when it built the form (seen items, exposure counts); absent when
    /// nothing. With the seed it re-derives the form exactly.
    #[serde(default, skip_serializing_if = "AssemblyContext::is_empty")]
    pub assembly_context: AssemblyContext,
    /// Responses by item id, with when each was first given and last changed.
    pub responses: SortedMap<String, ResponseEntry>,
    pub started_at: Timestamp,
    pub submitted_at: Timestamp,
    pub duration_ms: u64,
    /// True when the attempt ended at the time limit.
    pub timed_out: bool,
    /// The scored result. Absent in secure mode, where the browser holds no keys and the
    /// backend's verification is the scoring ([`crate::verify`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<AttemptResult>,
}

impl CompletionRecord {
    /// Build the record of a submitted attempt from its final state and result.
    pub fn new(
        state: &SessionSnapshot,
        content_hash: String,
        submitted_at: Timestamp,
        result: Option<AttemptResult>,
    ) -> CompletionRecord {
        CompletionRecord {
            format: RECORD_FORMAT.into(),
            attempt_id: state.attempt_id.clone(),
            learner: state.learner.clone(),
            package: PackageRef {
                id: state.package_id.clone(),
                version: state.package_version.clone(),
                content_hash,
            },
            engine: Engine::current(),
            mode: state.mode,
            attempt_number: state.attempt_number,
            seed: state.form.seed,
            form: state.form.items.clone(),
            assembly_context: state.context.clone(),
            responses: state.responses.clone(),
            started_at: state.started_at,
            submitted_at,
            duration_ms: submitted_at.millis_since(state.started_at),
            timed_out: state.deadline.is_some_and(|d| submitted_at >= d),
            result,
        }
    }

    /// The canonical JSON text (compact, fixed field order).
    pub fn to_canonical_json(&self) -> String {
        crate::model::json::write(self)
    }
}

/// Submit the attempt and return its completion record.
pub fn submit(session: &mut Session, now: Timestamp) -> Result<CompletionRecord, SessionError> {
    let result = session.submit(now)?;
    let state = session.state();
    let submitted_at = state.submitted_at.unwrap_or(now);
    // A delivery copy names the full package it was published from: that is what the
    // backend verifies against.
    let package = session.package();
    let hash = match &package.published {
        Some(publication) => publication.source_hash.clone(),
        None => content_hash(package),
    };
    Ok(CompletionRecord::new(state, hash, submitted_at, result))
}
