//! Records for the exporter tests: simulated learners on the two examples (secure ones scored
//! by verification, as the backend does), and a small package with one item of each of the
//! nine interaction kinds, ids that SCORM cannot take as they are, and a long stem.
#![allow(dead_code)]

use std::sync::Arc;

use certa::assemble::Seed;
use certa::model::Package;
use certa::record::{submit, CompletionRecord};
use certa::session::{Learner, Mode, Session, SessionStart};
use certa::synthetic::{simulate_attempt, SimulatedAttempt};
use certa::timestamp::Timestamp;
use certa::verify::{verify, Verification};
use serde_json::{json, Value};

pub const QUIZ: &str = "examples/certificate-quiz.json";
pub const EXAM: &str = "examples/certification-exam.json";
pub const KINDS: &str = "tests/fixtures/export-kinds.json";
/// 2026-11-22T09:00:00Z
pub const T0: i64 = 1_795_338_000_000;

pub fn package(path: &str) -> Arc<Package> {
    let text = std::fs::read_to_string(path).unwrap();
    Arc::new(Package::load(&text).unwrap())
}

/// A simulated attempt; a secure one comes back scored by verification.
pub fn simulated(
    path: &str,
    seed: u64,
    theta: f64,
    mode: Mode,
) -> (Arc<Package>, CompletionRecord) {
    let p = package(path);
    let record = simulate_attempt(
        Arc::clone(&p),
        &SimulatedAttempt {
            attempt_id: format!("3f2b8c1a-0000-4000-8000-{seed:012}"),
            learner: Learner {
                id: format!("learner-{seed}"),
                name: None,
                email: None,
            },
            seed: Seed(seed),
            mode,
            attempt_number: 1,
            theta,
            started_at: Timestamp(T0),
            seconds_per_item: 20,
        },
    )
    .unwrap();
    if mode == Mode::Secure {
        assert!(record.result.is_none());
        return (Arc::clone(&p), verified(&p, &record));
    }
    (p, record)
}

pub fn verified(package: &Package, record: &CompletionRecord) -> CompletionRecord {
    match verify(package, record) {
        Verification::Verified(r) => r,
        Verification::Rejected(reasons) => panic!("not verified: {reasons:?}"),
    }
}

/// Every (example, seed, θ, mode) the exporter tests sweep: both examples, passing and
/// failing learners, practice and secure.
pub fn sweep() -> Vec<(String, Arc<Package>, CompletionRecord)> {
    let mut out = Vec::new();
    for path in [QUIZ, EXAM] {
        for seed in 1..=4 {
            for theta in [2.5, -1.5] {
                for mode in [Mode::Practice, Mode::Secure] {
                    let (p, r) = simulated(path, seed, theta, mode);
                    out.push((format!("{path} seed {seed} θ {theta} {mode:?}"), p, r));
                }
            }
        }
    }
    out
}

/// One item of each kind, in a fixed order, with ids and text that SCORM must transform
/// (`tests/fixtures/export-kinds.json`, also used by the node tests).
pub fn kinds_package() -> Arc<Package> {
    package(KINDS)
}

/// The kinds package answered: `q3` unanswered, partial credit on `q_2`, `q6` and `q7`, text
/// with a reserved delimiter on `q4`, and an essay awaiting a grader on `q9`.
pub fn kinds_record(mode: Mode) -> (Arc<Package>, CompletionRecord) {
    kinds_record_with(mode, &[])
}

/// As [`kinds_record`], with some responses replaced.
pub fn kinds_record_with(
    mode: Mode,
    replace: &[(&str, Value)],
) -> (Arc<Package>, CompletionRecord) {
    let p = kinds_package();
    let mut session = Session::start(
        Arc::clone(&p),
        SessionStart {
            attempt_id: "7d9e2f4a-1b3c-4d5e-8f60-718293a4b5c6".into(),
            learner: Learner {
                id: "learner-kinds".into(),
                name: None,
                email: Some("Ada@Example.org".into()),
            },
            seed: Seed(7),
            now: Timestamp(T0),
            attempt_number: 1,
            mode,
            context: Default::default(),
        },
    )
    .unwrap();
    let mut responses: Vec<(&str, Value)> = vec![
        ("q 1", json!("b")),
        ("q_2", json!(["a", "b"])),
        ("q4", json!("a[,]b {x")),
        ("q5", json!(3.8)),
        ("q6", json!(["s2", "s3", "s1"])),
        ("q7", json!([["src-x", "p"], ["src-y", "r"]])),
        ("q8", json!({"g1": "Cat", "g2": "mat"})),
        ("q9", json!("Line one.\nLine two.")),
    ];
    for (id, value) in replace {
        match responses.iter_mut().find(|(i, _)| i == id) {
            Some(entry) => entry.1 = value.clone(),
            None => responses.push((id, value.clone())),
        }
    }
    let mut now = T0;
    for (id, value) in responses {
        now += 15_250;
        session.answer(id, value, Timestamp(now)).unwrap();
    }
    let record = submit(&mut session, Timestamp(now + 4_000)).unwrap();
    if mode == Mode::Secure {
        return (Arc::clone(&p), verified(&p, &record));
    }
    (p, record)
}
