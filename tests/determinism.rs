//! The cross-target determinism cases (`certa::synthetic::determinism`), natively: cases are
//! a pure function of their index, a case line read back replays to the same record, and a
//! batch covers what the browser comparison (`www/tests/determinism.test.mjs`) is meant to
//! exercise.

use certa::model::{json, Package};
use certa::synthetic::determinism::{generate_case, replay_case, Coverage, DeterminismCase};

/// Cases for the coverage check (debug builds: a few seconds).
const CASES: u64 = 60;

#[test]
fn a_case_is_a_function_of_its_index() {
    for index in [0, 1, 17, u64::MAX] {
        let a = generate_case(index).unwrap();
        let b = generate_case(index).unwrap();
        assert_eq!(a, b, "case {index}");
        assert_eq!(a.case.case, index);
    }
    assert_ne!(
        generate_case(3).unwrap().case.package,
        generate_case(4).unwrap().case.package
    );
}

#[test]
fn a_case_line_read_back_replays_to_the_same_record() {
    for index in 0..12 {
        let generated = generate_case(index).unwrap();
        let line = serde_json::to_string(&generated.case).unwrap();
        assert!(!line.contains('\n'), "one line per case");
        let read: DeterminismCase = json::from_str(&line).unwrap();
        assert_eq!(read, generated.case, "case {index} survives its JSON line");
        let direct = replay_case(&generated.case).unwrap().to_canonical_json();
        let from_line = replay_case(&read).unwrap().to_canonical_json();
        assert_eq!(direct, from_line, "case {index}");
        // The start options are what the browser API takes: camelCase, seed as a string.
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert!(value["start"]["seed"].is_string());
        assert!(value["start"]["attemptId"].is_string());
        assert!(value["package"].is_string());
    }
}

#[test]
fn a_batch_covers_every_kind_partial_credit_ability_time_outs_and_odd_responses() {
    let mut coverage = Coverage::default();
    for index in 0..CASES {
        let generated = generate_case(index).unwrap();
        let package = Package::load(&generated.case.package).unwrap();
        let record = replay_case(&generated.case).unwrap();
        // The log is the attempt: every answer given is in the record, none refused.
        assert!(record.responses.len() <= record.form.len());
        coverage.add(&generated.case, &package, &record, generated.tries);
    }
    assert_eq!(coverage.cases, CASES as usize);
    for kind in [
        "single_choice",
        "multiple_response",
        "true_false",
        "text_entry",
        "numeric",
        "ordering",
        "matching",
        "cloze",
        "extended_text",
    ] {
        assert!(
            coverage.cases_by_kind.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} item on any form: {coverage:#?}"
        );
    }
    for status in [
        "correct",
        "incorrect",
        "partial",
        "unanswered",
        "pending_manual",
    ] {
        assert!(
            coverage.item_status.get(status).copied().unwrap_or(0) > 0,
            "no {status} item: {coverage:#?}"
        );
    }
    assert!(coverage.ability_estimates > 0 && coverage.ability_estimates < coverage.cases);
    assert!(coverage.timed_out > 0 && coverage.timed_out < coverage.cases);
    assert!(coverage.irt_all > 0 && coverage.irt_some > 0 && coverage.irt_none > 0);
    for mode in ["practice", "secure", "review"] {
        assert!(coverage.modes.contains_key(mode), "no {mode} case");
    }
    for credential in ["certificate awarded", "certification awarded", "none"] {
        assert!(
            coverage.credentials.contains_key(credential),
            "no case with {credential}: {:?}",
            coverage.credentials
        );
    }
    for feature in [
        "linear",
        "sections",
        "pinned",
        "percent_quotas",
        "item_sets",
        "enemies",
        "information_target",
        "negative_marking",
        "seed_above_2^53",
    ] {
        assert!(
            coverage.features.contains_key(feature),
            "no case with {feature}: {:?}",
            coverage.features
        );
    }
    for odd in [
        "negative_zero",
        "integer_beyond_2^53",
        "unnormalized_text",
        "non_ascii_text",
        "whole_float",
        "empty_list",
    ] {
        assert!(
            coverage.unusual.contains_key(odd),
            "no {odd} response: {:?}",
            coverage.unusual
        );
    }
    assert!(coverage.changed > 0 && coverage.cleared > 0);
    // Most drawn packages can be delivered as drawn.
    assert!(coverage.regenerated * 2 < coverage.cases, "{coverage:#?}");
}

/// The root cause the browser comparison found: a native host and a browser spell the same
/// numeric answer differently (`8.0` from a file, `8` from `JSON.stringify`; `-0` becomes `0`;
/// integers beyond 2^53 lose digits in JavaScript). The session stores one spelling, so the
/// records are the same bytes.
#[test]
fn a_numeric_answer_is_recorded_in_one_spelling_however_it_was_written() {
    use std::sync::Arc;

    use certa::assemble::{AssemblyContext, Seed};
    use certa::record;
    use certa::session::{Learner, Mode, Session, SessionStart};
    use certa::timestamp::Timestamp;

    let package =
        Arc::new(Package::load(include_str!("../examples/certificate-quiz.json")).unwrap());
    let record_for = |response: &str| {
        let mut session = Session::start(
            Arc::clone(&package),
            SessionStart {
                attempt_id: "a-1".into(),
                learner: Learner {
                    id: "l-1".into(),
                    ..Learner::default()
                },
                seed: Seed(8),
                now: Timestamp(1_795_342_455_000),
                attempt_number: 1,
                mode: Mode::Practice,
                context: AssemblyContext::default(),
            },
        )
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(response).unwrap();
        // a11y-11 is a numeric item on the seed-8 form (tests/golden_record.rs).
        session
            .answer("a11y-11", value, Timestamp(1_795_342_475_000))
            .unwrap();
        record::submit(&mut session, Timestamp(1_795_342_500_000))
            .unwrap()
            .to_canonical_json()
    };
    assert_eq!(record_for("8.0"), record_for("8"));
    assert!(record_for("8.0").contains(r#""a11y-11":{"value":8,"#));
    assert_eq!(record_for("-0.0"), record_for("0"));
    assert_eq!(
        record_for("12345678901234567890"),
        record_for("12345678901234567000")
    );
    assert_ne!(record_for("8.5"), record_for("8"));
}
