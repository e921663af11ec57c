//! A simulated learner taking a whole attempt through the [`Session`] state machine: start,
//! answer each item of the form in order at a steady pace (with simulated responses at
//! ability θ), and submit. The result is the completion record a browser would post, which
//! makes realistic fixtures for exporters, verification and the record service.

use std::sync::Arc;

use crate::assemble::{AssemblyContext, Seed};
use crate::model::Package;
use crate::publish::secure_delivery_package;
use crate::record::{self, CompletionRecord};
use crate::score::ScoreError;
use crate::session::{Learner, Mode, Session, SessionError, SessionStart};
use crate::timestamp::Timestamp;

use super::responses::simulate_responses;

/// Who takes the simulated attempt, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatedAttempt {
    pub attempt_id: String,
    pub learner: Learner,
    pub seed: Seed,
    pub mode: Mode,
    pub attempt_number: u32,
    /// Ability on the logistic IRT metric; 2 answers nearly everything right, -2 mostly wrong.
    pub theta: f64,
    pub started_at: Timestamp,
    /// Time spent on each item before answering it.
    pub seconds_per_item: u32,
}

/// Take the attempt and return its completion record (unscored in secure mode, as a browser
/// would post it). Responses come from [`simulate_responses`] with the attempt seed, using
/// the full package's keys; a secure attempt itself runs on the key-stripped delivery copy,
/// exactly as in a browser.
pub fn simulate_attempt(
    package: Arc<Package>,
    attempt: &SimulatedAttempt,
) -> Result<CompletionRecord, SessionError> {
    if package.keys_stripped() {
        return Err(SessionError::Response(ScoreError::KeysStripped));
    }
    let delivered = if attempt.mode == Mode::Secure {
        Arc::new(secure_delivery_package(&package))
    } else {
        Arc::clone(&package)
    };
    let mut session = Session::start(
        delivered,
        SessionStart {
            attempt_id: attempt.attempt_id.clone(),
            learner: attempt.learner.clone(),
            seed: attempt.seed,
            now: attempt.started_at,
            attempt_number: attempt.attempt_number,
            mode: attempt.mode,
            context: AssemblyContext::default(),
        },
    )?;
    let ids: Vec<String> = session
        .form()
        .items
        .iter()
        .map(|i| i.item_id.clone())
        .collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let responses = simulate_responses(&package, &id_refs, attempt.theta, attempt.seed.0);
    let step = i64::from(attempt.seconds_per_item) * 1000;
    let mut now = attempt.started_at;
    for (index, id) in ids.iter().enumerate() {
        now = Timestamp(now.0.saturating_add(step));
        if let Some(value) = responses.get(id) {
            session.answer(id, value.clone(), now)?;
        }
        if index + 1 < ids.len() {
            session.go_next()?;
        }
    }
    record::submit(&mut session, Timestamp(now.0.saturating_add(step / 2)))
}
