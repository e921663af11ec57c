//! LTI AGS score bodies: FullyGraded and PendingManual, a zero score that is sent as a score,
//! the options a host supplies, the JSON names of the spec, and refusals. The JSON Schema
//! check is www/tests/lti.test.mjs.

mod export_fixtures;

use certa::record::lti::{lti_score, ActivityProgress, GradingProgress, LtiOptions};
use certa::record::ExportError;
use certa::score::round;
use certa::session::Mode;
use certa::timestamp::Timestamp;
use export_fixtures::*;
use serde_json::json;

#[test]
fn a_graded_attempt_reports_points_and_fully_graded() {
    for (path, seed, theta, mode) in [
        (QUIZ, 2, 2.5, Mode::Practice),
        (EXAM, 2, -1.5, Mode::Secure),
    ] {
        let (p, r) = simulated(path, seed, theta, mode);
        let result = r.result.as_ref().unwrap();
        let score = lti_score(&p, &r, &LtiOptions::default()).unwrap();
        assert_eq!(score.user_id, r.learner.id);
        assert_eq!(score.score_given, round(result.raw, &p.scoring.rounding));
        assert_eq!(score.score_maximum, result.max_raw);
        assert_eq!(score.grading_progress, GradingProgress::FullyGraded);
        assert_eq!(score.activity_progress, ActivityProgress::Completed);
        assert_eq!(score.timestamp, r.submitted_at.to_rfc3339());
        assert!(score.timestamp.ends_with(".000Z") || score.timestamp.len() == 24);
    }
}

#[test]
fn essays_awaiting_a_grader_make_it_pending_manual() {
    let (p, r) = simulated(QUIZ, 1, 2.5, Mode::Practice);
    assert_eq!(r.result.as_ref().unwrap().pending_manual, 2);
    let score = lti_score(&p, &r, &LtiOptions::default()).unwrap();
    assert_eq!(score.grading_progress, GradingProgress::PendingManual);
    // The points so far are sent.
    assert!(score.score_given > 0.0);
}

#[test]
fn a_zero_score_is_a_score() {
    let wrong = [
        ("q 1", json!("opt A")),
        ("q_2", json!(["b"])),
        ("q3", json!(false)),
        ("q4", json!("zipcode")),
        ("q5", json!(1)),
        ("q6", json!(["s3", "s2", "s1"])),
        ("q7", json!([["src-x", "q"], ["src-y", "p"]])),
        ("q8", json!({"g1": "dog", "g2": "hat"})),
        ("q9", json!(null)),
    ];
    let (p, r) = kinds_record_with(Mode::Practice, &wrong);
    let result = r.result.as_ref().unwrap();
    assert_eq!((result.raw, result.pending_manual), (0.0, 0));
    let score = lti_score(&p, &r, &LtiOptions::default()).unwrap();
    assert_eq!(score.grading_progress, GradingProgress::FullyGraded);
    let body = serde_json::to_value(&score).unwrap();
    assert_eq!(body["scoreGiven"], json!(0.0));
    assert_eq!(body["scoreMaximum"], json!(9.0));
}

#[test]
fn the_body_uses_the_spec_names_and_the_host_options() {
    let (p, r) = simulated(QUIZ, 2, 2.5, Mode::Practice);
    let options: LtiOptions = serde_json::from_value(json!({
        "user_id": "lti-sub-42",
        "comment": "Well done.",
        "activity_progress": "Submitted",
        "timestamp": "2026-11-23T10:00:00.5+01:00"
    }))
    .unwrap();
    let body = serde_json::to_value(lti_score(&p, &r, &options).unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "userId": "lti-sub-42",
            "scoreGiven": 20.0,
            "scoreMaximum": 21.0,
            "comment": "Well done.",
            "timestamp": "2026-11-23T09:00:00.500Z",
            "activityProgress": "Submitted",
            "gradingProgress": "FullyGraded"
        })
    );
    // Without options: no comment key at all, never a null.
    let body = serde_json::to_value(lti_score(&p, &r, &LtiOptions::default()).unwrap()).unwrap();
    assert!(body.get("comment").is_none());
    // Unix milliseconds are accepted too; unknown keys are not.
    let options: LtiOptions =
        serde_json::from_value(json!({"timestamp": 1_795_371_255_123_i64})).unwrap();
    assert_eq!(options.timestamp, Some(Timestamp(1_795_371_255_123)));
    assert!(serde_json::from_value::<LtiOptions>(json!({"userid": "x"})).is_err());
    assert!(serde_json::from_value::<LtiOptions>(json!({"timestamp": "yesterday"})).is_err());
}

#[test]
fn records_that_cannot_be_sent_are_refused() {
    let (p, r) = simulated(QUIZ, 2, 2.5, Mode::Practice);
    let blank = LtiOptions {
        user_id: Some(" ".into()),
        ..Default::default()
    };
    assert!(matches!(
        lti_score(&p, &r, &blank),
        Err(ExportError::BadOption { field, .. }) if field == "user_id"
    ));
    let mut unscored = r.clone();
    unscored.result = None;
    assert_eq!(
        lti_score(&p, &unscored, &LtiOptions::default()),
        Err(ExportError::Unscored)
    );
    let mut empty = r;
    if let Some(result) = empty.result.as_mut() {
        result.max_raw = 0.0;
    }
    assert!(matches!(
        lti_score(&p, &empty, &LtiOptions::default()),
        Err(ExportError::Unrepresentable { field, .. }) if field == "scoreMaximum"
    ));
}
