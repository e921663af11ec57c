//! `certa verify --package P --record R`: re-derive the form from the record's seed, re-score
//! its responses against the full package, and compare every claimed figure. Prints the
//! verified result, or every reason the record is refused (exit status 1).

use std::path::Path;

use certa::verify::{verify_json, Verification};

use super::output::{load_or_report, print_json, read, CliError, Status};

pub fn run(package: &Path, record: &Path, json: bool) -> Result<Status, CliError> {
    let Some(package) = load_or_report(package, json)? else {
        return Ok(Status::Problems);
    };
    let body = read(record)?;
    match verify_json(&package, &body) {
        Verification::Verified(verified) => {
            if json {
                print_json(&serde_json::json!({ "verified": true, "record": verified }));
            } else if let Some(result) = &verified.result {
                println!(
                    "verified: attempt {} by {}: {:?}, scaled {}, credential {}",
                    verified.attempt_id,
                    verified.learner.id,
                    result.decision,
                    result.scaled,
                    if result.credential.awarded {
                        "awarded"
                    } else {
                        "not awarded"
                    }
                );
            }
            Ok(Status::Ok)
        }
        Verification::Rejected(reasons) => {
            if json {
                print_json(&serde_json::json!({ "verified": false, "reasons": reasons }));
            } else {
                println!("rejected: {} reason(s)", reasons.len());
                for r in &reasons {
                    println!("  {r}");
                }
            }
            Ok(Status::Problems)
        }
    }
}
