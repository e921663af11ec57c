//! The cmi5 exporter: `initialized` first and `terminated` last, the cmi5 and moveon
//! categories where cmi5 puts them, the context template merged into every statement without
//! losing any of its values, masteryScore overriding the package's cut score, moveOn and the
//! registration's history deciding which verdicts are sent, Browse and Review sending none,
//! and malformed launches refused.

use std::sync::Arc;

use certa::assemble::Seed;
use certa::model::Package;
use certa::record::cmi5::{CMI5_CATEGORY, MASTERY_SCORE_EXTENSION, MOVEON_CATEGORY};
use certa::record::{
    cmi5_statements, xapi_statements, Cmi5Launch, CompletionRecord, ExportError, LaunchMode,
    MoveOn, Statement, XapiOptions,
};
use certa::score::Decision;
use certa::session::{Learner, Mode};
use certa::synthetic::{simulate_attempt, SimulatedAttempt};
use serde_json::{json, Value};

const AU: &str = "https://lms.example.edu/cmi5/au/7f3c";
const REGISTRATION: &str = "9c1e6a2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d";
const SESSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

fn quiz() -> Arc<Package> {
    let text = std::fs::read_to_string("examples/certificate-quiz.json").expect("example");
    Arc::new(Package::load(&text).expect("valid example"))
}

fn record(package: &Arc<Package>, seed: u64, theta: f64) -> CompletionRecord {
    simulate_attempt(
        Arc::clone(package),
        &SimulatedAttempt {
            attempt_id: "attempt-17".into(),
            learner: Learner {
                id: "learner-0001".into(),
                name: None,
                email: None,
            },
            seed: Seed(seed),
            mode: Mode::Practice,
            attempt_number: 1,
            theta,
            started_at: "2026-11-22T09:00:00Z".parse().expect("time"),
            seconds_per_item: 20,
        },
    )
    .expect("simulated attempt")
}

/// A launch as an LMS would hand it over: actor, registration, AU id and LMS.LaunchData.
fn launch(extra: Value) -> Cmi5Launch {
    let mut launch = json!({
        "actor": {"objectType": "Agent", "name": "Ada",
                  "account": {"homePage": "https://lms.example.edu", "name": "u-1625378"}},
        "registration": REGISTRATION,
        "activityId": AU,
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": "https://publisher.example/au/quiz"}]},
            "extensions": {(SESSION): "sess-42"},
            "language": "en-GB"
        },
        "launchMode": "Normal",
        "moveOn": "CompletedOrPassed"
    });
    if let (Some(base), Some(more)) = (launch.as_object_mut(), extra.as_object()) {
        for (k, v) in more {
            base.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(launch).expect("launch")
}

fn cmi5(package: &Package, record: &CompletionRecord, launch: &Cmi5Launch) -> Vec<Statement> {
    cmi5_statements(package, record, launch, &XapiOptions::default()).expect("exports")
}

fn verb(s: &Statement) -> &str {
    s.verb.id.rsplit('/').next().unwrap_or("")
}

fn categories(s: &Statement) -> Vec<String> {
    s.context
        .as_ref()
        .and_then(|c| c.context_activities.as_ref())
        .and_then(|c| c.category.as_ref())
        .map(|list| list.iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default()
}

/// The cmi5 defined statements' verbs (object: the AU).
fn defined(statements: &[Statement]) -> Vec<&str> {
    statements
        .iter()
        .filter(|s| s.object.id == AU)
        .map(verb)
        .collect()
}

#[test]
fn a_session_is_bracketed_and_categorised() {
    let quiz = quiz();
    let rec = record(&quiz, 2, 2.5);
    let s = cmi5(&quiz, &rec, &launch(json!({})));
    assert_eq!(verb(&s[0]), "initialized");
    assert_eq!(verb(s.last().unwrap()), "terminated");
    assert_eq!(
        defined(&s),
        ["initialized", "completed", "passed", "terminated"]
    );
    for st in &s {
        let cats = categories(st);
        let context = st.context.as_ref().expect("context");
        if st.object.id == AU {
            assert!(cats.contains(&CMI5_CATEGORY.to_string()), "{}", verb(st));
            let r = st.result.as_ref();
            let moves_on = r.is_some_and(|r| r.success.is_some() || r.completion.is_some());
            assert_eq!(cats.contains(&MOVEON_CATEGORY.to_string()), moves_on);
        } else {
            assert!(
                cats.is_empty(),
                "cmi5 allowed statements carry no cmi5 category"
            );
            let parent = context
                .context_activities
                .as_ref()
                .and_then(|c| c.parent.as_ref());
            assert_eq!(parent.map(|p| p[0].id.as_str()), Some(AU));
        }
        // The template is merged into every statement and none of its values is replaced.
        assert_eq!(context.registration.as_deref(), Some(REGISTRATION));
        assert_eq!(
            context.extensions.as_ref().and_then(|e| e.get(SESSION)),
            Some(&json!("sess-42"))
        );
        assert_eq!(context.language.as_deref(), Some("en-GB"));
        let grouping = context
            .context_activities
            .as_ref()
            .and_then(|c| c.grouping.as_ref());
        assert_eq!(
            grouping.map(|g| g[0].id.as_str()),
            Some("https://publisher.example/au/quiz")
        );
        assert_eq!(
            st.actor.account.as_ref().map(|a| a.name.as_str()),
            Some("u-1625378")
        );
    }
    // Result rules of cmi5 defined statements.
    let by_verb = |name: &str| {
        s.iter()
            .find(|st| st.object.id == AU && verb(st) == name)
            .unwrap()
    };
    assert!(by_verb("initialized").result.is_none());
    let completed = by_verb("completed").result.clone().unwrap();
    assert_eq!(completed.completion, Some(true));
    assert!(
        completed.score.is_none() && completed.success.is_none() && completed.duration.is_some()
    );
    let passed = by_verb("passed").result.clone().unwrap();
    assert_eq!((passed.success, passed.completion), (Some(true), None));
    let score = passed.score.unwrap();
    assert_eq!(
        score.raw.map(f64::fract),
        Some(0.0),
        "cmi5 raw is an integer"
    );
    let terminated = by_verb("terminated").result.clone().unwrap();
    assert!(terminated.duration.is_some() && terminated.score.is_none());
    // No masteryScore in the launch: no masteryscore extension.
    let ext = by_verb("passed")
        .context
        .as_ref()
        .and_then(|c| c.extensions.clone())
        .unwrap();
    assert!(!ext.contains_key(MASTERY_SCORE_EXTENSION));
    // Every statement lies within the session, initialized first, terminated last.
    assert!(s.windows(2).all(|w| w[0].timestamp <= w[1].timestamp));
}

#[test]
fn mastery_score_overrides_the_cut_score() {
    let quiz = quiz();
    let passing = record(&quiz, 2, 2.5);
    assert_eq!(passing.result.as_ref().unwrap().decision, Decision::Pass);
    let strict = cmi5(&quiz, &passing, &launch(json!({"masteryScore": 0.99})));
    assert!(
        defined(&strict).contains(&"failed"),
        "{:?}",
        defined(&strict)
    );
    let failing = record(&quiz, 2, -1.5);
    assert_eq!(failing.result.as_ref().unwrap().decision, Decision::Fail);
    let lenient = cmi5(&quiz, &failing, &launch(json!({"masteryScore": 0.1})));
    assert!(
        defined(&lenient).contains(&"passed"),
        "{:?}",
        defined(&lenient)
    );
    for (s, passed) in [(&strict, false), (&lenient, true)] {
        let verdict = s
            .iter()
            .find(|st| st.object.id == AU && matches!(verb(st), "passed" | "failed"))
            .unwrap();
        let scaled = verdict
            .result
            .as_ref()
            .and_then(|r| r.score)
            .and_then(|s| s.scaled)
            .unwrap();
        let mastery = verdict
            .context
            .as_ref()
            .and_then(|c| c.extensions.as_ref())
            .and_then(|e| e.get(MASTERY_SCORE_EXTENSION))
            .and_then(Value::as_f64)
            .expect("masteryscore extension");
        assert_eq!(
            scaled >= mastery,
            passed,
            "passed exactly when scaled ≥ masteryScore"
        );
    }
}

#[test]
fn move_on_and_the_registration_history_decide_the_verdicts() {
    let quiz = quiz();
    let rec = record(&quiz, 2, 2.5);
    let cases = [
        (
            json!({"moveOn": "Passed"}),
            vec!["initialized", "passed", "terminated"],
        ),
        (
            json!({"moveOn": "Completed"}),
            vec!["initialized", "completed", "terminated"],
        ),
        (
            json!({"moveOn": "CompletedAndPassed"}),
            vec!["initialized", "completed", "passed", "terminated"],
        ),
        (
            json!({"moveOn": "NotApplicable"}),
            vec!["initialized", "completed", "passed", "terminated"],
        ),
        (
            json!({"alreadyCompleted": true}),
            vec!["initialized", "passed", "terminated"],
        ),
        (
            json!({"alreadyPassed": true}),
            vec!["initialized", "completed", "terminated"],
        ),
        (
            json!({"launchMode": "Browse"}),
            vec!["initialized", "terminated"],
        ),
        (
            json!({"launchMode": "Review"}),
            vec!["initialized", "terminated"],
        ),
    ];
    for (extra, expected) in cases {
        let l = launch(extra.clone());
        let s = cmi5(&quiz, &rec, &l);
        assert_eq!(defined(&s), expected, "{extra}");
        if l.launch_mode != LaunchMode::Normal {
            assert!(
                s.iter()
                    .all(|st| st.object.id == AU || verb(st) == "answered"),
                "{extra}"
            );
        }
    }
    // After a pass in this registration, a failing attempt sends no failed.
    let failing = record(&quiz, 2, -1.5);
    let s = cmi5(&quiz, &failing, &launch(json!({"alreadyPassed": true})));
    assert!(!defined(&s).contains(&"failed"));
    // Pending manual grading: completed, no verdict.
    let pending = record(&quiz, 1, 0.5);
    assert_eq!(pending.result.as_ref().unwrap().decision, Decision::Pending);
    let s = cmi5(&quiz, &pending, &launch(json!({"masteryScore": 0.5})));
    assert_eq!(defined(&s), ["initialized", "completed", "terminated"]);
    assert_eq!(launch(json!({})).move_on, MoveOn::CompletedOrPassed);
}

#[test]
fn ids_are_distinct_from_xapi_and_stable_per_registration() {
    let quiz = quiz();
    let rec = record(&quiz, 2, 2.5);
    let a = cmi5(&quiz, &rec, &launch(json!({})));
    assert_eq!(a, cmi5(&quiz, &rec, &launch(json!({}))));
    let other = cmi5(
        &quiz,
        &rec,
        &launch(json!({"registration": "0b5e8f1c-2a3d-4e6f-9a7b-1c2d3e4f5a6b"})),
    );
    let xapi = xapi_statements(&quiz, &rec, &XapiOptions::default()).unwrap();
    let ids: std::collections::BTreeSet<&str> = a.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), a.len());
    assert!(other
        .iter()
        .chain(&xapi)
        .all(|s| !ids.contains(s.id.as_str())));
}

#[test]
fn malformed_launches_are_refused() {
    let quiz = quiz();
    let rec = record(&quiz, 2, 2.5);
    let cases = [
        (json!({"registration": "reg-1"}), "launch.registration"),
        (json!({"activityId": "au 7"}), "launch.activityId"),
        (json!({"masteryScore": 1.5}), "launch.masteryScore"),
        (
            json!({"actor": {"mbox": "mailto:ada@example.org"}}),
            "launch.actor.account",
        ),
        (
            json!({"actor": {"mbox": "mailto:ada@example.org",
                             "account": {"homePage": "https://lms.example.edu", "name": "u"}}}),
            "launch.actor",
        ),
        (
            json!({"contextTemplate": {"registration": "0b5e8f1c-2a3d-4e6f-9a7b-1c2d3e4f5a6b"}}),
            "launch.contextTemplate.registration",
        ),
    ];
    for (extra, field) in cases {
        match cmi5_statements(&quiz, &rec, &launch(extra.clone()), &XapiOptions::default()) {
            Err(ExportError::BadOption { field: f, .. }) => assert_eq!(f, field, "{extra}"),
            other => panic!("{extra}: {other:?}"),
        }
    }
    assert!(serde_json::from_value::<Cmi5Launch>(json!({"registration": REGISTRATION})).is_err());
    let mut unscored = rec.clone();
    unscored.mode = Mode::Secure;
    unscored.result = None;
    assert_eq!(
        cmi5_statements(
            &quiz,
            &unscored,
            &launch(json!({})),
            &XapiOptions::default()
        ),
        Err(ExportError::Unscored)
    );
}
