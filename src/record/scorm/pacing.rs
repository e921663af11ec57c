//! When each interaction began and how long the learner took to answer it, estimated from the
//! record. A record keeps when each item was first answered, not when it was shown, so an
//! item's answering period is taken to start at the learner's previous first answer (or at the
//! start of the attempt): exact when the learner answers in turn, an estimate otherwise.
//! Unanswered items have no period.

use crate::record::CompletionRecord;
use crate::timestamp::Timestamp;

/// An item's estimated answering period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pacing {
    /// When the period began (SCORM 2004 `timestamp`).
    pub shown_at: Timestamp,
    /// When the item was first answered (SCORM 1.2 `time`).
    pub answered_at: Timestamp,
    /// From the start of the period to the first answer (`latency`).
    pub latency_ms: u64,
}

/// The answering period of `item_id`, if the record holds a response to it.
pub fn pacing(record: &CompletionRecord, item_id: &str) -> Option<Pacing> {
    let answered_at = record.responses.get(item_id)?.answered_at;
    let previous = record
        .responses
        .values()
        .map(|r| r.answered_at)
        .filter(|t| *t < answered_at)
        .max();
    let shown_at = previous
        .unwrap_or(record.started_at)
        .max(record.started_at)
        .min(answered_at);
    Some(Pacing {
        shown_at,
        answered_at,
        latency_ms: answered_at.millis_since(shown_at),
    })
}
