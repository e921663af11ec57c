//! INTERIM (removed when `certa::verify` and `certa::publish` land on main): the two contracts
//! the service codes against, with the signatures agreed, so the rest of the service can be
//! built and tested meanwhile.
//!
//! - `verify` re-derives the form from the seed and re-scores; secure records get their result.
//! - `secure_delivery_package` is not available yet: secure packages are not served.

use crate::assemble::{assemble_form, AssemblyContext};
use crate::model::Package;
use crate::record::{content_hash, CompletionRecord, RECORD_FORMAT};
use crate::score::score_attempt;

/// Why a record was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub code: String,
    pub message: String,
}

/// The verdict on a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Verification {
    Verified(CompletionRecord),
    Rejected(Vec<Rejection>),
}

fn reject(code: &str, message: String) -> Verification {
    Verification::Rejected(vec![Rejection {
        code: code.into(),
        message,
    }])
}

/// Re-derive and re-score `record` against `package`.
pub fn verify(package: &Package, record: &CompletionRecord) -> Verification {
    if record.format != RECORD_FORMAT {
        return reject(
            "format",
            format!("unsupported format \"{}\"", record.format),
        );
    }
    if record.package.content_hash != content_hash(package) {
        return reject("package_hash", "package hash mismatch".into());
    }
    let form = match assemble_form(package, record.seed, &AssemblyContext::default()) {
        Ok(form) => form,
        Err(e) => return reject("form", e.to_string()),
    };
    if let Some(i) = form
        .items
        .iter()
        .zip(&record.form)
        .position(|(a, b)| a != b)
        .or((form.items.len() != record.form.len()).then_some(form.items.len()))
    {
        return reject("form", format!("form differs at position {i}"));
    }
    let responses = record
        .responses
        .iter()
        .map(|(k, v)| (k.clone(), v.value.clone()))
        .collect();
    let result = match score_attempt(package, &form, &responses, record.submitted_at) {
        Ok(result) => result,
        Err(e) => return reject("response", e.to_string()),
    };
    if let Some(claimed) = &record.result {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        let same = close(claimed.scaled, result.scaled)
            && close(claimed.raw, result.raw)
            && claimed.decision == result.decision
            && claimed.credential.awarded == result.credential.awarded
            && claimed.outcomes.len() == result.outcomes.len()
            && claimed
                .outcomes
                .iter()
                .zip(&result.outcomes)
                .all(|(a, b)| a.mastered == b.mastered && close(a.score, b.score));
        if !same {
            return reject(
                "score",
                format!(
                    "claimed scaled {}, recomputed {}",
                    claimed.scaled, result.scaled
                ),
            );
        }
    }
    let mut verified = record.clone();
    verified.result = Some(result);
    Verification::Verified(verified)
}

/// The key-stripped delivery copy: not available until `certa::publish` lands.
pub fn secure_delivery_package(_package: &Package) -> Option<Package> {
    None
}
