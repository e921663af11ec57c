//! The attempt state machine on a small realistic package: answering, changing answers,
//! navigation rules, flags, the time limit, snapshot/resume, and submit.

use std::sync::Arc;

use certa::assemble::Seed;
use certa::model::{Navigation, Package};
use certa::score::{Decision, ItemStatus};
use certa::session::{Learner, Mode, Session, SessionError, SessionStart};
use certa::timestamp::Timestamp;
use serde_json::json;

const T0: i64 = 1_795_371_255_000;

fn package_json() -> serde_json::Value {
    json!({
      "format": "certa/1", "id": "ohs-basics", "version": "2.1.0",
      "title": "Workplace Safety Basics — Module Check", "language": "en",
      "outcomes": [
        {"id": "OHS-1", "statement": "Identify common workplace hazards.", "mastery": 0.7, "required": true, "min_items": 2},
        {"id": "OHS-2", "statement": "Select the right response to an incident.", "mastery": 0.7, "required": true, "min_items": 1}
      ],
      "items": [
        {"id": "q1", "stem": "<p>Which class of fire extinguisher is intended for flammable liquids?</p>", "domain": "Hazards",
         "outcomes": [{"outcome": "OHS-1"}],
         "interaction": {"type": "single_choice", "shuffle": false, "choices": [
            {"id": "a", "content": "Class A"}, {"id": "b", "content": "Class B"}, {"id": "c", "content": "Class C"}], "key": "b"}},
        {"id": "q2", "stem": "<p>Which are signs of a trip hazard? (Choose two.)</p>", "domain": "Hazards", "points": 2,
         "outcomes": [{"outcome": "OHS-1"}],
         "interaction": {"type": "multiple_response", "rule": "per_option", "choices": [
            {"id": "a", "content": "A trailing cable across a walkway"}, {"id": "b", "content": "A closed fire door"},
            {"id": "c", "content": "A raised carpet edge"}, {"id": "d", "content": "A labelled first-aid kit"}], "keys": ["a", "c"]}},
        {"id": "q3", "stem": "<p>A near miss should be reported even when nobody was hurt.</p>", "domain": "Response",
         "outcomes": [{"outcome": "OHS-2"}], "interaction": {"type": "true_false", "key": true}},
        {"id": "q4", "stem": "<p>What is the emergency number in the EU?</p>", "domain": "Response",
         "outcomes": [{"outcome": "OHS-2"}], "interaction": {"type": "text_entry", "answers": [{"value": "112"}]}},
        {"id": "q5", "stem": "<p>Describe how you would report a chemical spill.</p>", "domain": "Response",
         "outcomes": [{"outcome": "OHS-2"}], "interaction": {"type": "extended_text", "rubric": "Mentions isolating the area and notifying the supervisor."}}
      ],
      "blueprint": {"length": 5, "sections": [{"id": "all", "title": "Module check", "order": "fixed"}], "exposure": {"randomesque": 1}},
      "scoring": {"cut_score": 60},
      "credential": {"kind": "certificate", "name": "Workplace Safety Basics"},
      "attempts": {"max": 2},
      "delivery": {"navigation": "free", "time_limit_seconds": 600}
    })
}

fn package(navigation: Navigation) -> Arc<Package> {
    let mut p = Package::load(&package_json().to_string()).expect("valid package");
    p.delivery.navigation = navigation;
    Arc::new(p)
}

fn start(package: Arc<Package>) -> Session {
    Session::start(
        package,
        SessionStart {
            attempt_id: "9b2f1c0e-5d4a-4c3b-9a8e-1f2d3c4b5a69".into(),
            learner: Learner {
                id: "learner-17".into(),
                name: Some("Ada Byron".into()),
                email: None,
            },
            seed: Seed(11),
            now: Timestamp(T0),
            attempt_number: 1,
            mode: Mode::Practice,
            context: Default::default(),
        },
    )
    .expect("session starts")
}

#[test]
fn full_attempt_scores_and_records_times() {
    let mut s = start(package(Navigation::Free));
    assert_eq!(s.form().item_ids(), vec!["q1", "q2", "q3", "q4", "q5"]);
    s.answer("q1", json!("a"), Timestamp(T0 + 5_000)).unwrap();
    s.answer("q1", json!("b"), Timestamp(T0 + 9_000)).unwrap();
    s.answer("q2", json!(["a", "c"]), Timestamp(T0 + 20_000))
        .unwrap();
    s.answer("q3", json!(true), Timestamp(T0 + 30_000)).unwrap();
    s.answer("q4", json!(" 112 "), Timestamp(T0 + 40_000))
        .unwrap();
    let entry = s.state().responses.get("q1").unwrap();
    assert_eq!(entry.answered_at, Timestamp(T0 + 5_000));
    assert_eq!(entry.changed_at, Timestamp(T0 + 9_000));
    assert_eq!(entry.changes, 1);
    assert_eq!(s.unanswered(), vec!["q5"]);

    // An unanswered essay has nothing to grade.
    let mut unanswered_essay = s.clone();
    let result = unanswered_essay
        .submit(Timestamp(T0 + 60_000))
        .unwrap()
        .unwrap();
    assert_eq!(
        (result.raw, result.max_raw, result.pending_manual),
        (5.0, 6.0, 0)
    );
    let q5 = result.items.iter().find(|i| i.item_id == "q5").unwrap();
    assert_eq!(q5.status, ItemStatus::Unanswered);
    assert_eq!(result.decision, Decision::Pass);

    s.answer(
        "q5",
        json!("Cordon off the area, then tell the supervisor."),
        Timestamp(T0 + 50_000),
    )
    .unwrap();
    let result = s.submit(Timestamp(T0 + 60_000)).unwrap().unwrap();
    assert_eq!(
        (result.raw, result.max_raw, result.pending_manual),
        (5.0, 6.0, 1)
    );
    let q5 = result.items.iter().find(|i| i.item_id == "q5").unwrap();
    assert_eq!(q5.status, ItemStatus::PendingManual);
    // 5 of 6 points is 83.3 ≥ 60 already: the essay cannot change the decision, but the
    // outcome it evidences waits for the grader, so the certificate is not yet awarded.
    assert_eq!(result.decision, Decision::Pass);
    assert!(!result.credential.awarded);
    assert!(matches!(
        s.answer("q5", json!("late"), Timestamp(T0 + 61_000)),
        Err(SessionError::Submitted)
    ));
    assert!(matches!(
        s.submit(Timestamp(T0 + 62_000)),
        Err(SessionError::Submitted)
    ));
}

#[test]
fn refuses_wrong_shapes_and_unknown_items() {
    let mut s = start(package(Navigation::Free));
    let err = s.answer("q1", json!(["b"]), Timestamp(T0 + 1)).unwrap_err();
    assert!(err.to_string().contains("q1"), "{err}");
    assert!(matches!(err, SessionError::Response(_)));
    assert!(matches!(
        s.answer("q9", json!("a"), Timestamp(T0 + 1)),
        Err(SessionError::NotOnForm { .. })
    ));
    assert!(matches!(
        s.flag("q9", true),
        Err(SessionError::NotOnForm { .. })
    ));
    assert!(
        s.state().responses.is_empty(),
        "a refused answer changes nothing"
    );
}

#[test]
fn null_clears_and_flags_toggle() {
    let mut s = start(package(Navigation::Free));
    s.answer("q3", json!(false), Timestamp(T0 + 1)).unwrap();
    s.answer("q3", serde_json::Value::Null, Timestamp(T0 + 2))
        .unwrap();
    assert!(!s.state().responses.contains_key("q3"));
    s.flag("q2", true).unwrap();
    s.flag("q4", true).unwrap();
    s.flag("q2", false).unwrap();
    assert_eq!(s.state().flagged.iter().collect::<Vec<_>>(), vec!["q4"]);
}

#[test]
fn free_navigation_goes_anywhere_linear_only_forward() {
    let mut free = start(package(Navigation::Free));
    free.go_to(3).unwrap();
    free.go_to(1).unwrap();
    free.go_previous().unwrap();
    assert_eq!(free.current(), 0);
    assert!(matches!(
        free.go_previous(),
        Err(SessionError::OutOfRange { .. })
    ));
    assert!(matches!(
        free.go_to(5),
        Err(SessionError::OutOfRange { index: 5, len: 5 })
    ));

    let mut linear = start(package(Navigation::Linear));
    linear.answer("q1", json!("b"), Timestamp(T0 + 1)).unwrap();
    assert!(matches!(
        linear.answer("q2", json!(["a"]), Timestamp(T0 + 2)),
        Err(SessionError::LinearLocked { .. })
    ));
    linear.go_next().unwrap();
    linear.go_to(3).unwrap();
    let back = linear.go_to(1).unwrap_err();
    assert_eq!(back, SessionError::LinearBack { from: 3, to: 1 });
    assert!(back.to_string().contains("linear"));
    assert!(matches!(
        linear.answer("q1", json!("a"), Timestamp(T0 + 3)),
        Err(SessionError::LinearLocked { .. })
    ));
}

#[test]
fn time_limit_refuses_late_answers_and_submit_caps_the_time() {
    let mut s = start(package(Navigation::Free));
    assert_eq!(s.time_remaining(Timestamp(T0 + 100_000)), Some(500_000));
    s.answer("q1", json!("b"), Timestamp(T0 + 599_999)).unwrap();
    assert_eq!(s.time_remaining(Timestamp(T0 + 700_000)), Some(0));
    assert!(s.is_expired(Timestamp(T0 + 600_000)));
    let late = s
        .answer("q3", json!(true), Timestamp(T0 + 600_000))
        .unwrap_err();
    assert!(matches!(late, SessionError::TimeUp { .. }));
    s.submit(Timestamp(T0 + 900_000)).unwrap();
    assert_eq!(s.state().submitted_at, Some(Timestamp(T0 + 600_000)));
}

#[test]
fn snapshot_resume_round_trip_through_json() {
    let pkg = package(Navigation::Free);
    let mut s = start(pkg.clone());
    s.answer("q2", json!(["a"]), Timestamp(T0 + 10)).unwrap();
    s.flag("q3", true).unwrap();
    s.go_to(2).unwrap();
    let json = serde_json::to_string(&s.snapshot()).unwrap();
    let mut resumed = Session::resume_json(pkg, &json).unwrap();
    assert_eq!(resumed.form(), s.form());
    assert_eq!(resumed.current(), 2);
    assert_eq!(resumed.state().responses, s.state().responses);
    assert_eq!(resumed.time_remaining(Timestamp(T0 + 1000)), Some(599_000));
    resumed
        .answer("q3", json!(true), Timestamp(T0 + 20))
        .unwrap();
    let a = resumed.submit(Timestamp(T0 + 30)).unwrap();
    s.answer("q3", json!(true), Timestamp(T0 + 20)).unwrap();
    let b = s.submit(Timestamp(T0 + 30)).unwrap();
    assert_eq!(a, b, "a resumed attempt scores exactly like the original");
}

#[test]
fn resume_refuses_another_package_version_and_tampered_snapshots() {
    let pkg = package(Navigation::Free);
    let s = start(pkg.clone());
    let mut newer = (*pkg).clone();
    newer.version = "2.2.0".into();
    let err = Session::resume(Arc::new(newer), s.snapshot()).unwrap_err();
    assert!(matches!(err, SessionError::WrongPackage { .. }));
    assert!(err.to_string().contains("2.1.0") && err.to_string().contains("2.2.0"));

    // Hand edits disagree with the snapshot's answer log (tests/snapshot_chain.rs has more).
    let mut bad = serde_json::to_value(s.snapshot()).unwrap();
    bad["responses"] =
        json!({"q1": {"value": 7, "answered_at": T0, "changed_at": T0, "changes": 0}});
    assert!(matches!(
        Session::resume_json(pkg.clone(), &bad.to_string()),
        Err(SessionError::SnapshotTampered { place, .. }) if place == "responses.q1"
    ));
    let mut bad = serde_json::to_value(s.snapshot()).unwrap();
    bad["current"] = json!(99);
    assert!(matches!(
        Session::resume_json(pkg.clone(), &bad.to_string()),
        Err(SessionError::SnapshotTampered { place, .. }) if place == "current"
    ));
    let err = Session::resume_json(pkg, "{\"format\": 3}").unwrap_err();
    assert!(err.to_string().contains("format"), "{err}");
}

#[test]
fn start_checks_ids_and_attempt_limit() {
    let pkg = package(Navigation::Free);
    let base = SessionStart {
        attempt_id: "a-1".into(),
        learner: Learner {
            id: "l-1".into(),
            ..Default::default()
        },
        seed: Seed(1),
        now: Timestamp(T0),
        attempt_number: 3,
        mode: Mode::Practice,
        context: Default::default(),
    };
    let err = Session::start(pkg.clone(), base.clone()).unwrap_err();
    assert_eq!(err, SessionError::TooManyAttempts { attempt: 3, max: 2 });
    let mut no_learner = base.clone();
    no_learner.attempt_number = 1;
    no_learner.learner.id = " ".into();
    assert_eq!(
        Session::start(pkg, no_learner).unwrap_err(),
        SessionError::MissingLearner
    );
}

#[test]
fn submit_yields_a_canonical_record() {
    let mut s = start(package(Navigation::Free));
    s.answer("q1", json!("b"), Timestamp(T0 + 5_000)).unwrap();
    s.answer("q3", json!(true), Timestamp(T0 + 7_000)).unwrap();
    let mut again = s.clone();
    let record = certa::record::submit(&mut s, Timestamp(T0 + 65_000)).unwrap();
    assert_eq!(record.format, "certa-record/1");
    assert_eq!(record.attempt_id, "9b2f1c0e-5d4a-4c3b-9a8e-1f2d3c4b5a69");
    assert_eq!(record.package.id, "ohs-basics");
    assert!(record.package.content_hash.starts_with("sha256:"));
    assert_eq!(record.duration_ms, 65_000);
    assert!(!record.timed_out);
    assert_eq!(record.result.as_ref().map(|r| r.raw), Some(2.0));
    assert_eq!(
        record.responses.get("q1").map(|r| r.answered_at),
        Some(Timestamp(T0 + 5_000))
    );
    let json = record.to_canonical_json();
    assert!(
        json.starts_with("{\"format\":\"certa-record/1\",\"attempt_id\":"),
        "{json}"
    );
    let same = certa::record::submit(&mut again, Timestamp(T0 + 65_000)).unwrap();
    assert_eq!(
        same.to_canonical_json(),
        json,
        "the same attempt gives the same bytes"
    );
    let parsed: certa::record::CompletionRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed, record);
    assert!(matches!(
        certa::record::submit(&mut s, Timestamp(T0 + 66_000)),
        Err(SessionError::Submitted)
    ));
}
