//! What a posted record must satisfy before it is stored, besides parsing: its package is
//! registered, its attempt was issued here when the package is secure (and then matches what
//! was issued), and it verifies against the full package. The checks are pure functions of
//! the record, the issued attempt and the package; the handler runs them.

use super::error::Reason;
use super::registry::RegisteredPackage;
use super::store::IssuedAttempt;
use crate::record::{CompletionRecord, RECORD_FORMAT};
use crate::session::Mode;
use crate::verify::{verify, Verification};

/// The longest attempt id accepted (a UUID is 36 characters).
pub const MAX_ATTEMPT_ID_LEN: usize = 128;

/// Structural checks that make a body a record at all (400 when they fail).
pub fn check_shape(record: &CompletionRecord) -> Result<(), String> {
    if record.format != RECORD_FORMAT {
        return Err(format!(
            "format: expected \"{RECORD_FORMAT}\", found \"{}\"",
            record.format
        ));
    }
    let id = record.attempt_id.trim();
    if id.is_empty() {
        return Err("attempt_id: must not be empty".into());
    }
    if record.attempt_id.len() > MAX_ATTEMPT_ID_LEN
        || record.attempt_id.chars().any(char::is_control)
    {
        return Err(format!(
            "attempt_id: at most {MAX_ATTEMPT_ID_LEN} characters, without control characters"
        ));
    }
    if record.learner.id.trim().is_empty() {
        return Err("learner.id: must not be empty".into());
    }
    Ok(())
}

/// Check the record against the attempt issued under its id (if any): secure attempts must
/// have been issued here, and then match in package, learner, seed, number and context. Returns the record to verify: for an issued attempt, the learner is the
/// one the host named when the attempt was issued, never the body's.
pub fn check_attempt(
    record: &CompletionRecord,
    issued: Option<&IssuedAttempt>,
    package: &RegisteredPackage,
) -> Result<CompletionRecord, Vec<Reason>> {
    let mut reasons = Vec::new();
    if record.mode == Mode::Review {
        reasons.push(Reason::new(
            "mode",
            "review attempts (an instructor walking through a form) are not recorded",
        ));
    }
    let mut checked = record.clone();
    match issued {
        None if package.secure || record.mode == Mode::Secure => reasons.push(Reason::new(
            "attempt_not_issued",
            format!(
                "attempt {} was not issued by this service; secure attempts start with POST /api/attempts",
                record.attempt_id
            ),
        )),
        None => {}
        Some(issued) => {
            if issued.package_id != record.package.id
                || issued.package_version != record.package.version
            {
                reasons.push(Reason::new(
                    "package",
                    format!(
                        "the attempt was issued for package {} {}, the record is for {} {}",
                        issued.package_id,
                        issued.package_version,
                        record.package.id,
                        record.package.version
                    ),
                ));
            }
            if issued.learner.id != record.learner.id {
                reasons.push(Reason::new(
                    "learner",
                    format!(
                        "the attempt was issued to learner \"{}\", the record names \"{}\"",
                        issued.learner.id, record.learner.id
                    ),
                ));
            }
            if issued.seed != record.seed {
                reasons.push(Reason::new(
                    "seed",
                    format!(
                        "the attempt was issued with seed {}, the record has {}",
                        issued.seed, record.seed
                    ),
                ));
            }
            if issued.attempt_number != record.attempt_number {
                reasons.push(Reason::new(
                    "attempt_number",
                    format!(
                        "the attempt was issued as attempt {}, the record says {}",
                        issued.attempt_number, record.attempt_number
                    ),
                ));
            }
            if issued.context != record.assembly_context {
                reasons.push(Reason::new(
                    "assembly_context",
                    format!(
                        "the attempt was issued avoiding {} seen items, the record's form was assembled avoiding {}",
                        issued.context.seen_item_ids.len(),
                        record.assembly_context.seen_item_ids.len()
                    ),
                ));
            }
            checked.learner = issued.learner.clone();
        }
    }
    if reasons.is_empty() {
        Ok(checked)
    } else {
        Err(reasons)
    }
}

/// Re-derive the form and re-score against the full package. The verified record carries the
/// recomputed result (secure records get theirs here).
pub fn verify_record(
    record: &CompletionRecord,
    package: &RegisteredPackage,
) -> Result<CompletionRecord, Vec<Reason>> {
    match verify(&package.package, record) {
        Verification::Verified(verified) if verified.result.is_some() => Ok(verified),
        Verification::Verified(_) => Err(vec![Reason::new(
            "result",
            "verification produced no result",
        )]),
        Verification::Rejected(rejections) => Err(rejections
            .into_iter()
            .map(|r| Reason::new(code_name(&r.code), r.message))
            .collect()),
    }
}

/// The snake_case name of a serializable code (`package_hash`).
fn code_name<T: serde::Serialize>(code: &T) -> String {
    match serde_json::to_value(code) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "rejected".into(),
    }
}
