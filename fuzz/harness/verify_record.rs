//! `verify_record`: a completion record → `verify_json` against the certificate quiz (what
//! the record service runs on every posted body).
//!
//! Two input modes:
//! - text: the bytes as the record body (lossy UTF-8); seeds are the golden record and records
//!   of other attempts (`fuzz/seeds/verify_record/`);
//! - structured (first byte [`STRUCTURED`](super::STRUCTURED)): [`Edit`]s of the golden record
//!   (`tests/golden/certificate-quiz-seed8.record.json`), with strings drawn from the quiz's
//!   ids, so that most records parse and reach the identity, form, response, time and score
//!   checks.
//!
//! Checked: no panic; every rejection gives at least one reason, each with a message; the
//! golden record itself (no edits) is verified; a verified record, written canonically (with
//! its result removed again if it is secure) and verified again, is verified again with the
//! same result.

use arbitrary::{Arbitrary, Unstructured};
use certa::session::Mode;
use certa::verify::{verify_json, Verification};

use super::examples;
use super::json_edit::{apply, Edit};

/// A structured input: edits of the golden record.
#[derive(Arbitrary, Debug)]
pub struct RecordCase {
    pub edits: Vec<Edit>,
}

pub fn run(data: &[u8]) {
    match data.split_first() {
        Some((&super::STRUCTURED, rest)) => {
            let Ok(case) = RecordCase::arbitrary_take_rest(Unstructured::new(rest)) else {
                return;
            };
            let package = examples::quiz();
            let mut record = examples::golden_record().clone();
            apply(&mut record, &case.edits, &examples::vocabulary(&package));
            let verdict = check(&record.to_string());
            if case.edits.is_empty() {
                assert!(
                    matches!(verdict, Verification::Verified(_)),
                    "the golden record is rejected: {verdict:?}"
                );
            }
        }
        _ => {
            check(&String::from_utf8_lossy(data));
        }
    }
}

/// Verify `body` against the quiz, and check the verdict.
pub fn check(body: &str) -> Verification {
    let package = examples::quiz();
    let verdict = verify_json(&package, body);
    match &verdict {
        Verification::Verified(record) => {
            // As the browser would post it: a secure record carries no result.
            let mut posted = record.clone();
            if posted.mode == Mode::Secure {
                posted.result = None;
            }
            let again = verify_json(&package, &posted.to_canonical_json());
            match again {
                Verification::Verified(again) => {
                    assert_eq!(&again, record, "a verified record verifies differently")
                }
                Verification::Rejected(reasons) => {
                    panic!("a verified record, written again, is rejected: {reasons:?}")
                }
            }
        }
        Verification::Rejected(reasons) => {
            assert!(!reasons.is_empty(), "a rejection without a reason");
            assert!(
                reasons.iter().all(|r| !r.message.is_empty()),
                "a reason without a message: {reasons:?}"
            );
        }
    }
    verdict
}
