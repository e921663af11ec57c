//! The golden completion record: the certificate quiz, seed 8, a fixed attempt id, learner and
//! times, and the responses in `examples/responses/certificate-quiz-seed8.json` (answered in
//! form order, 20 s apart), must give exactly the bytes of
//! `tests/golden/certificate-quiz-seed8.record.json`. `tests/web.rs` builds the same attempt in
//! headless Chromium through the JS API and compares with the same file, so the record is
//! proven byte-identical on x86_64 and wasm32.
//!
//! After an intended change to the record, rewrite the file with
//! `CERTA_BLESS=1 cargo test --test golden_record` and review the diff.

use std::sync::Arc;

use certa::assemble::Seed;
use certa::model::Package;
use certa::record;
use certa::session::{Learner, Mode, Session, SessionStart};
use certa::timestamp::Timestamp;
use serde_json::Value;

const GOLDEN: &str = "tests/golden/certificate-quiz-seed8.record.json";
/// 2026-11-22T10:14:15Z.
const T0: i64 = 1_795_342_455_000;
const ATTEMPT_ID: &str = "5f0c2a9e-8b7d-4e61-a3c4-9d2b1e0f7a53";

fn golden_record() -> String {
    let json = std::fs::read_to_string("examples/certificate-quiz.json").expect("example package");
    let package = Arc::new(Package::load(&json).expect("valid package"));
    let responses: serde_json::Map<String, Value> = serde_json::from_str(
        &std::fs::read_to_string("examples/responses/certificate-quiz-seed8.json")
            .expect("responses file"),
    )
    .expect("responses object");
    let mut session = Session::start(
        package,
        SessionStart {
            attempt_id: ATTEMPT_ID.into(),
            learner: Learner {
                id: "learner-0042".into(),
                name: Some("Grace Hopper".into()),
                email: Some("grace@example.org".into()),
            },
            seed: Seed(8),
            now: Timestamp(T0),
            attempt_number: 1,
            mode: Mode::Practice,
            context: Default::default(),
        },
    )
    .expect("session starts");
    let ids: Vec<String> = session
        .form()
        .item_ids()
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (i, id) in ids.iter().enumerate() {
        if let Some(value) = responses.get(id) {
            let at = Timestamp(T0 + 20_000 * (i as i64 + 1));
            session
                .answer(id, value.clone(), at)
                .expect("response accepted");
        }
    }
    record::submit(&mut session, Timestamp(T0 + 20_000 * 16 + 7_500))
        .expect("submits")
        .to_canonical_json()
}

#[test]
fn record_matches_the_golden_file_byte_for_byte() {
    let produced = golden_record();
    if std::env::var("CERTA_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(GOLDEN, &produced).expect("write golden file");
    }
    let golden = std::fs::read_to_string(GOLDEN)
        .unwrap_or_else(|e| panic!("{GOLDEN}: {e}; run with CERTA_BLESS=1 to create it"));
    assert_eq!(
        produced, golden,
        "the record differs from {GOLDEN}; if the change is intended, rerun with CERTA_BLESS=1"
    );
    // The golden attempt exercises what it should: every response on the form was given.
    let record: Value = serde_json::from_str(&golden).unwrap();
    assert_eq!(record["format"], "certa-record/1");
    assert_eq!(record["seed"], "8");
    assert_eq!(record["responses"].as_object().unwrap().len(), 15);
    assert_eq!(record["result"]["items"].as_array().unwrap().len(), 15);
}
