//! What a posted record must satisfy before it is stored, besides parsing: its package is
//! registered, its attempt was issued here when the package is secure (and then matches what
//! was issued), it arrived within the time limit by the service's own clock, and it verifies
//! against the full package. The checks are pure functions of the record, the issued attempt,
//! the package and the service's times; the handler runs them.
//!
//! Two clocks: the record's `started_at`, `submitted_at` and answer times are the browser's
//! clock, which the learner controls. Verification only checks them against each other (order,
//! duration, the limit from `started_at`), so an honest learner whose clock is an hour off is
//! accepted. The limit itself is enforced on the service's clock: an issued attempt's record
//! must arrive by `issued_at + time limit + grace` ([`check_service_clock`]), whatever its own
//! times claim.

use super::error::Reason;
use super::registry::RegisteredPackage;
use super::store::IssuedAttempt;
use crate::record::{CompletionRecord, RECORD_FORMAT};
use crate::session::Mode;
use crate::timestamp::Timestamp;
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

/// The service's view of an issued attempt's time: when it was issued and when its record
/// arrived, both on the service's clock, against the package's time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ServiceClock {
    /// When `POST /api/attempts` issued the attempt.
    pub issued_at: Timestamp,
    /// When the record arrived.
    pub received_at: Timestamp,
    /// `received_at - issued_at`, in milliseconds.
    pub elapsed_ms: i64,
    /// The package's time limit, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limit_ms: Option<u64>,
    /// Allowance past the limit for page load, the post and retries.
    pub grace_ms: u64,
    /// The record's `submitted_at` minus `received_at`: how far ahead of the service the
    /// browser's clock was at submit (negative: behind), give or take the time in transit.
    /// Informative only; nothing is decided on it.
    pub browser_offset_ms: i64,
}

impl ServiceClock {
    /// The figures for a record of an issued attempt arriving at `received_at`.
    pub fn of(
        record: &CompletionRecord,
        issued: &IssuedAttempt,
        package: &RegisteredPackage,
        received_at: Timestamp,
        grace_ms: u64,
    ) -> ServiceClock {
        ServiceClock {
            issued_at: issued.issued_at,
            received_at,
            elapsed_ms: received_at.0.saturating_sub(issued.issued_at.0),
            time_limit_ms: package
                .package
                .delivery
                .time_limit_seconds
                .map(|s| s.saturating_mul(1000)),
            grace_ms,
            browser_offset_ms: record.submitted_at.0.saturating_sub(received_at.0),
        }
    }

    /// The latest arrival accepted: issue + limit + grace (`None` when untimed).
    pub fn deadline(&self) -> Option<Timestamp> {
        self.time_limit_ms.map(|limit| {
            let allowed = i64::try_from(limit.saturating_add(self.grace_ms)).unwrap_or(i64::MAX);
            Timestamp(self.issued_at.0.saturating_add(allowed))
        })
    }
}

/// The time limit on the service's clock: a record of an issued attempt on a timed package is
/// refused (`time_limit_service_clock`) when it arrives after issue + limit + grace, whatever
/// its own `started_at` and `submitted_at` say. (Records of attempts not issued here have no
/// service-side start; secure ones are refused as not issued anyway.)
pub fn check_service_clock(record: &CompletionRecord, clock: &ServiceClock) -> Option<Reason> {
    let deadline = clock.deadline()?;
    if clock.received_at <= deadline {
        return None;
    }
    let secs = |ms: u64| ms as f64 / 1000.0;
    Some(Reason::new(
        "time_limit_service_clock",
        format!(
            "the attempt was issued at {} with a time limit of {} s; its record arrived at {} (service clock), {} s later, past the limit and the {} s grace. The record's own times (started {}, submitted {}) come from the browser's clock and do not extend the limit",
            clock.issued_at.to_rfc3339(),
            secs(clock.time_limit_ms.unwrap_or(0)),
            clock.received_at.to_rfc3339(),
            secs(clock.elapsed_ms.max(0) as u64),
            secs(clock.grace_ms),
            record.started_at.to_rfc3339(),
            record.submitted_at.to_rfc3339(),
        ),
    ))
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::assemble::Seed;
    use crate::model::Package;
    use crate::session::Learner;
    use crate::synthetic::{simulate_attempt, SimulatedAttempt};

    const ISSUED: i64 = 1_795_338_000_000;

    fn record(started_at: i64) -> CompletionRecord {
        let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
        let quiz = Arc::new(Package::load(&text).unwrap());
        simulate_attempt(
            quiz,
            &SimulatedAttempt {
                attempt_id: "7d0c8f5e-2a41-4b8e-9f00-5c1d2e3f4a5b".into(),
                learner: Learner {
                    id: "learner-0042".into(),
                    ..Default::default()
                },
                seed: Seed(8),
                mode: Mode::Practice,
                attempt_number: 1,
                theta: 0.5,
                started_at: Timestamp(started_at),
                seconds_per_item: 20,
            },
        )
        .unwrap()
    }

    fn clock(received_at: i64) -> ServiceClock {
        ServiceClock {
            issued_at: Timestamp(ISSUED),
            received_at: Timestamp(received_at),
            elapsed_ms: received_at - ISSUED,
            time_limit_ms: Some(1_200_000),
            grace_ms: 120_000,
            browser_offset_ms: 0,
        }
    }

    #[test]
    fn the_limit_is_issue_plus_limit_plus_grace_on_the_service_clock() {
        // The browser's clock is an hour behind: its times look early, and it does not matter.
        let honest = record(ISSUED - 3_600_000);
        let last = ISSUED + 1_200_000 + 120_000;
        assert_eq!(clock(last).deadline(), Some(Timestamp(last)));
        assert!(check_service_clock(&honest, &clock(ISSUED + 400_000)).is_none());
        assert!(check_service_clock(&honest, &clock(last)).is_none());
        let late = check_service_clock(&honest, &clock(last + 1)).unwrap();
        assert_eq!(late.code, "time_limit_service_clock");
        assert!(late.message.contains("1200 s"), "{}", late.message);
        // A record claiming a fresh start right before it arrived is just as late.
        let fresh = record(last - 60_000);
        assert!(check_service_clock(&fresh, &clock(last + 3_600_000)).is_some());
        // Untimed: no service-side limit.
        let untimed = ServiceClock {
            time_limit_ms: None,
            ..clock(last + 86_400_000)
        };
        assert_eq!(untimed.deadline(), None);
        assert!(check_service_clock(&honest, &untimed).is_none());
    }
}
