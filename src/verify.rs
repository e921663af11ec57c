//! Verification of a completion record against the full package: the backend's half of every
//! attempt. It re-derives the form from the seed (and the recorded assembly context), checks
//! the package's content hash, the responses and their times, re-scores, and compares every
//! figure the record claims. A record is [`Verification::Verified`] with the recomputed result
//! in it, or [`Verification::Rejected`] with concrete reasons ("form differs at position 7",
//! "claimed scaled 92, recomputed 61", "package hash mismatch").
//!
//! In secure mode the browser holds no keys and the record carries no result: verification
//! *is* the scoring. Outside secure mode the claimed result must equal the recomputed one
//! exactly; the engine is deterministic across targets, so any difference is a tampered or
//! foreign record.

mod compare;
mod rejection;

use crate::assemble::{assemble_form, Form};
use crate::model::json::Value;
use crate::model::Package;
use crate::record::{content_hash, CompletionRecord, RECORD_FORMAT};
use crate::score::{check_response, score_attempt};
use crate::session::Mode;
use crate::sorted_map::SortedMap;

pub use rejection::{Rejection, RejectionCode};

/// The verdict on a record.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Verification {
    /// Every check passed. The record carries the result recomputed here (for a secure
    /// record, the only result it has).
    Verified(CompletionRecord),
    /// At least one check failed; every failure found is listed.
    Rejected(Vec<Rejection>),
}

impl Verification {
    /// The verified record, if any.
    pub fn verified(&self) -> Option<&CompletionRecord> {
        match self {
            Verification::Verified(record) => Some(record),
            Verification::Rejected(_) => None,
        }
    }
}

/// Verify `record` against `package` (the full package, with keys).
pub fn verify(package: &Package, record: &CompletionRecord) -> Verification {
    let mut reasons = Vec::new();
    check_identity(package, record, &mut reasons);
    if !reasons.is_empty() {
        // Against another package nothing else can be checked meaningfully.
        return Verification::Rejected(reasons);
    }
    let form = match assemble_form(package, record.seed, &record.assembly_context) {
        Ok(form) => form,
        Err(e) => {
            reasons.push(Rejection::new(
                RejectionCode::Form,
                format!("the form cannot be re-derived from the seed: {e}"),
            ));
            return Verification::Rejected(reasons);
        }
    };
    compare::forms(&form, record, &mut reasons);
    check_attempt(package, record, &mut reasons);
    let responses = check_responses(package, &form, record, &mut reasons);
    if !reasons.is_empty() {
        return Verification::Rejected(reasons);
    }
    let result = match score_attempt(package, &form, &responses, record.submitted_at) {
        Ok(result) => result,
        Err(e) => {
            return Verification::Rejected(vec![Rejection::new(
                RejectionCode::Response,
                e.to_string(),
            )])
        }
    };
    match (&record.mode, &record.result) {
        (Mode::Secure, Some(_)) => reasons.push(Rejection::new(
            RejectionCode::Score,
            "a secure record must not carry scores from the browser",
        )),
        (Mode::Secure, None) => {}
        (_, None) => reasons.push(Rejection::new(
            RejectionCode::Score,
            "the record carries no result (only secure records are scored by the backend)",
        )),
        (_, Some(claimed)) => compare::results(claimed, &result, &mut reasons),
    }
    if !reasons.is_empty() {
        return Verification::Rejected(reasons);
    }
    let mut verified = record.clone();
    verified.result = Some(result);
    Verification::Verified(verified)
}

/// Parse a record body and verify it. A body that is not a record is one `format` rejection
/// naming the JSON path of the problem.
pub fn verify_json(package: &Package, body: &str) -> Verification {
    match crate::model::json::from_str::<CompletionRecord>(body) {
        Ok(record) => verify(package, &record),
        Err(e) => {
            Verification::Rejected(vec![Rejection::new(RejectionCode::Format, e.to_string())])
        }
    }
}

/// Format, package id, version and content hash.
fn check_identity(package: &Package, record: &CompletionRecord, reasons: &mut Vec<Rejection>) {
    if record.format != RECORD_FORMAT {
        reasons.push(Rejection::new(
            RejectionCode::Format,
            format!(
                "unsupported record format \"{}\"; this engine verifies \"{RECORD_FORMAT}\"",
                record.format
            ),
        ));
    }
    if package.keys_stripped() {
        reasons.push(Rejection::new(
            RejectionCode::Package,
            "cannot verify against a key-stripped delivery copy; give the full package",
        ));
        return;
    }
    if record.package.id != package.id || record.package.version != package.version {
        reasons.push(Rejection::new(
            RejectionCode::Package,
            format!(
                "the record is for package \"{}\" version \"{}\", not \"{}\" version \"{}\"",
                record.package.id, record.package.version, package.id, package.version
            ),
        ));
        return;
    }
    let hash = content_hash(package);
    if record.package.content_hash != hash {
        reasons.push(Rejection::new(
            RejectionCode::PackageHash,
            format!(
                "package hash mismatch: the record names {}, the package is {hash}",
                record.package.content_hash
            ),
        ));
    }
}

/// Learner, attempt number, mode and times.
fn check_attempt(package: &Package, record: &CompletionRecord, reasons: &mut Vec<Rejection>) {
    let mut reject = |code, message: String| reasons.push(Rejection::new(code, message));
    if record.attempt_id.trim().is_empty() {
        reject(RejectionCode::Attempt, "the attempt id is empty".into());
    }
    if record.learner.id.trim().is_empty() {
        reject(RejectionCode::Attempt, "the learner id is empty".into());
    }
    if record.attempt_number == 0 {
        reject(
            RejectionCode::Attempt,
            "attempt_number must be at least 1".into(),
        );
    }
    if let Some(max) = package.attempts.max {
        if record.attempt_number > max {
            reject(
                RejectionCode::Attempt,
                format!(
                    "attempt {} exceeds the package's limit of {max} attempts",
                    record.attempt_number
                ),
            );
        }
    }
    if package.delivery.secure && record.mode != Mode::Secure {
        reject(
            RejectionCode::Attempt,
            format!(
                "the package is delivered in secure mode only, but the record says {:?} mode",
                record.mode
            )
            .to_lowercase(),
        );
    }
    if record.submitted_at < record.started_at {
        reject(
            RejectionCode::Timing,
            format!(
                "submitted_at {} is before started_at {}",
                record.submitted_at.to_rfc3339(),
                record.started_at.to_rfc3339()
            ),
        );
    }
    let duration = record.submitted_at.millis_since(record.started_at);
    if record.duration_ms != duration {
        reject(
            RejectionCode::Timing,
            format!(
                "claimed duration_ms {}, but submitted_at − started_at is {duration}",
                record.duration_ms
            ),
        );
    }
    let deadline = package.delivery.time_limit_seconds.map(|s| {
        record
            .started_at
            .0
            .saturating_add(s.saturating_mul(1000).min(i64::MAX as u64) as i64)
    });
    if let Some(deadline) = deadline {
        if record.submitted_at.0 > deadline {
            reject(
                RejectionCode::Timing,
                format!(
                    "submitted at {}, after the time limit ended at {}",
                    record.submitted_at.to_rfc3339(),
                    crate::timestamp::Timestamp(deadline).to_rfc3339()
                ),
            );
        }
    }
    let timed_out = deadline.is_some_and(|d| record.submitted_at.0 >= d);
    if record.timed_out != timed_out {
        reject(
            RejectionCode::Timing,
            format!(
                "claimed timed_out {}, but the times say {timed_out}",
                record.timed_out
            ),
        );
    }
}

/// Every response is to an item on the form, has the item's shape, and was given during the
/// attempt. Returns the response values for scoring.
fn check_responses(
    package: &Package,
    form: &Form,
    record: &CompletionRecord,
    reasons: &mut Vec<Rejection>,
) -> SortedMap<String, Value> {
    let mut values = SortedMap::new();
    for (item_id, entry) in &record.responses {
        let place = format!("responses.{item_id}");
        let on_form = form.items.iter().any(|f| &f.item_id == item_id);
        let Some(item) = package.item(item_id).filter(|_| on_form) else {
            reasons.push(Rejection::new(
                RejectionCode::Response,
                format!("{place}: item \"{item_id}\" is not on this form"),
            ));
            continue;
        };
        if let Err(e) = check_response(item, &entry.value) {
            reasons.push(Rejection::new(
                RejectionCode::Response,
                format!("{place}: {e}"),
            ));
        }
        let in_attempt =
            |t: crate::timestamp::Timestamp| t >= record.started_at && t <= record.submitted_at;
        if !in_attempt(entry.answered_at) || !in_attempt(entry.changed_at) {
            reasons.push(Rejection::new(
                RejectionCode::Timing,
                format!("{place}: answered or changed outside the attempt's start and submission"),
            ));
        }
        if entry.changed_at < entry.answered_at
            || (entry.changes == 0 && entry.changed_at != entry.answered_at)
        {
            reasons.push(Rejection::new(
                RejectionCode::Timing,
                format!(
                    "{place}: changed_at {} does not fit answered_at {} and {} change(s)",
                    entry.changed_at.to_rfc3339(),
                    entry.answered_at.to_rfc3339(),
                    entry.changes
                ),
            ));
        }
        values.insert(item_id.clone(), entry.value.clone());
    }
    values
}
