//! The snapshot's integrity chain: every change to an attempt is an event in the snapshot's
//! log, and each log entry carries `chain = SHA-256(previous chain || canonical JSON of the
//! event)`. The first entry (the start of the attempt) carries the hash of the attempt's
//! identity: package id and version, attempt id, learner, attempt number, mode, seed, form,
//! assembly context, start time and deadline. `Session::resume` recomputes the chain and
//! replays the log, so a snapshot edited by hand (an answer, the seed, the deadline, the
//! current question) is refused, naming the first entry that fails.
//!
//! The checksum is not keyed: it detects edits, not a determined forger who recomputes it.
//! The authority remains the backend, which re-derives the form from the issued seed,
//! re-scores, and enforces the time limit with its own clock.

use serde::Serialize;

use super::{Learner, Mode, SessionSnapshot};
use crate::assemble::{AssemblyContext, FormItem, FormSection, Seed};
use crate::model::json::Value;
use crate::model::json::{self, ToJson, Writer};
use crate::model::tagged::internally_tagged;
use crate::sha256::{self, Sha256};
use crate::timestamp::Timestamp;

/// Domain tag hashed into the first link, so a chain of this format never matches another.
pub const CHAIN_FORMAT: &str = "certa-snapshot-chain/1";

/// One change to an attempt, as logged. Flags and navigation carry no time: the engine is
/// not told when they happen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
pub enum SessionEvent {
    /// The attempt opened (always the first entry).
    Start { at: Timestamp },
    /// An item was answered, or its answer changed.
    Answer {
        item_id: String,
        value: Value,
        at: Timestamp,
    },
    /// An answer was cleared.
    Clear { item_id: String, at: Timestamp },
    /// An item was flagged (`on`) or unflagged for review.
    Flag { item_id: String, on: bool },
    /// The learner moved to question `index` (0-based).
    GoTo { index: usize },
    /// The attempt was submitted (`at` is the recorded submission time, at most the deadline).
    Submit { at: Timestamp },
}

internally_tagged!(SessionEvent, "kind");

impl SessionEvent {
    /// A short description for error messages: `answer to "q3"`, `move to question 4`.
    pub fn describe(&self) -> String {
        match self {
            SessionEvent::Start { .. } => "start of the attempt".into(),
            SessionEvent::Answer { item_id, .. } => format!("answer to \"{item_id}\""),
            SessionEvent::Clear { item_id, .. } => format!("cleared answer to \"{item_id}\""),
            SessionEvent::Flag { item_id, on: true } => format!("flag on \"{item_id}\""),
            SessionEvent::Flag { item_id, on: false } => format!("flag removed from \"{item_id}\""),
            SessionEvent::GoTo { index } => format!("move to question {index}"),
            SessionEvent::Submit { .. } => "submission".into(),
        }
    }
}

/// An event and the chain value after it (64 lowercase hex digits).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    pub event: SessionEvent,
    pub chain: String,
}

/// A chain value.
pub type Link = [u8; 32];

/// What the first link covers: the attempt's identity and the fields a learner could edit to
/// gain something (seed, form, context, start, deadline). The form's soft-target figures are
/// diagnostics and are left out. (Serialize only for the test that holds its hand-written
/// [`ToJson`] to serde.)
#[cfg_attr(test, derive(Serialize))]
struct Identity<'a> {
    chain: &'static str,
    package_id: &'a str,
    package_version: &'a str,
    attempt_id: &'a str,
    learner: &'a Learner,
    attempt_number: u32,
    mode: Mode,
    seed: Seed,
    form_items: &'a [FormItem],
    form_sections: &'a [FormSection],
    context: &'a AssemblyContext,
    started_at: Timestamp,
    deadline: Option<Timestamp>,
}

impl ToJson for Identity<'_> {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("chain", &self.chain);
        w.field("package_id", &self.package_id);
        w.field("package_version", &self.package_version);
        w.field("attempt_id", &self.attempt_id);
        w.field("learner", self.learner);
        w.field("attempt_number", &self.attempt_number);
        w.field("mode", &self.mode);
        w.field("seed", &self.seed);
        w.field("form_items", &self.form_items);
        w.field("form_sections", &self.form_sections);
        w.field("context", self.context);
        w.field("started_at", &self.started_at);
        w.field("deadline", &self.deadline);
        w.end_object();
    }
}

/// The first link: the hash of the attempt's identity.
pub fn genesis(state: &SessionSnapshot) -> Link {
    sha256::digest(&canonical(&identity(state)))
}

/// What the first link covers.
fn identity(state: &SessionSnapshot) -> Identity<'_> {
    Identity {
        chain: CHAIN_FORMAT,
        package_id: &state.package_id,
        package_version: &state.package_version,
        attempt_id: &state.attempt_id,
        learner: &state.learner,
        attempt_number: state.attempt_number,
        mode: state.mode,
        seed: state.form.seed,
        form_items: &state.form.items,
        form_sections: &state.form.sections,
        context: &state.context,
        started_at: state.started_at,
        deadline: state.deadline,
    }
}

/// The link after `event`, chained on `previous`.
pub fn link(previous: &Link, event: &SessionEvent) -> Link {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(canonical(event));
    hasher.finalize()
}

/// Compact JSON with a fixed field order (struct order; maps are sorted), as
/// `serde_json::to_vec` writes it.
fn canonical(value: &dyn ToJson) -> Vec<u8> {
    json::write(value).into_bytes()
}

/// 64 lowercase hex digits.
pub fn to_hex(link: &Link) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for byte in link {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::Package;
    use crate::session::{Session, SessionStart};

    #[test]
    fn identity_is_written_as_serde_writes_it() {
        let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
        let package = Arc::new(Package::load(&text).unwrap());
        for (seed, name) in [(3, None), (8, Some("Zoë \"Ada\" \u{2028}".to_string()))] {
            let session = Session::start(
                Arc::clone(&package),
                SessionStart {
                    attempt_id: format!("attempt-{seed}"),
                    learner: Learner {
                        id: "u-17".into(),
                        name,
                        email: None,
                    },
                    seed: Seed(seed),
                    now: Timestamp(1_795_371_255_000),
                    attempt_number: 2,
                    mode: Mode::Practice,
                    context: AssemblyContext::default(),
                },
            )
            .unwrap();
            let identity = identity(session.state());
            let expected = serde_json::to_vec(&identity).unwrap();
            assert_eq!(canonical(&identity), expected);
            assert!(expected.starts_with(b"{\"chain\":\"certa-snapshot-chain/1\""));
        }
    }
}
