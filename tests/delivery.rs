//! The delivered form, session state and practice feedback on the certificate quiz: every
//! interaction kind delivered, choices in the form's order, nothing that reveals an answer,
//! cloze segments that rebuild the text.

use std::collections::BTreeSet;
use std::sync::Arc;

use certa::assemble::Seed;
use certa::delivery::{
    cloze_segments, delivered_form, item_feedback, package_info, session_state, ClozeSegment,
    DeliveredGap, DeliveredInteraction,
};
use certa::model::{Interaction, Package};
use certa::score::ItemStatus;
use certa::session::{Learner, Mode, Session, SessionStart};
use certa::timestamp::Timestamp;
use serde_json::{json, Value};

const T0: i64 = 1_795_371_255_000;

fn quiz() -> Arc<Package> {
    let json = std::fs::read_to_string("examples/certificate-quiz.json").expect("example");
    Arc::new(Package::load(&json).expect("valid package"))
}

fn start(package: Arc<Package>, seed: u64, mode: Mode) -> Session {
    Session::start(
        package,
        SessionStart {
            attempt_id: "0b7e6c55-3f1d-4a4e-9c1b-2d6f0a8e4b11".into(),
            learner: Learner {
                id: "learner-42".into(),
                name: None,
                email: None,
            },
            seed: Seed(seed),
            now: Timestamp(T0),
            attempt_number: 1,
            mode,
            context: Default::default(),
        },
    )
    .expect("session starts")
}

fn seed8_responses() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string("examples/responses/certificate-quiz-seed8.json")
        .expect("responses file");
    match serde_json::from_str(&text).expect("responses JSON") {
        Value::Object(map) => map,
        other => panic!("responses must be an object, found {other}"),
    }
}

#[test]
fn every_kind_is_delivered_with_its_form_metadata() {
    let package = quiz();
    let session = start(package.clone(), 8, Mode::Practice);
    let form = delivered_form(&package, session.state());
    assert_eq!(form.items.len(), package.blueprint.length);
    assert_eq!(form.seed, "8");
    assert_eq!(form.package_id, package.id);
    assert_eq!(form.time_limit_seconds, Some(1200));
    let kinds: BTreeSet<&str> = form
        .items
        .iter()
        .map(|i| match &i.interaction {
            DeliveredInteraction::SingleChoice { .. } => "single_choice",
            DeliveredInteraction::MultipleResponse { .. } => "multiple_response",
            DeliveredInteraction::TrueFalse => "true_false",
            DeliveredInteraction::TextEntry { .. } => "text_entry",
            DeliveredInteraction::Numeric { .. } => "numeric",
            DeliveredInteraction::Ordering { .. } => "ordering",
            DeliveredInteraction::Matching { .. } => "matching",
            DeliveredInteraction::Cloze { .. } => "cloze",
            DeliveredInteraction::ExtendedText { .. } => "extended_text",
        })
        .collect();
    assert_eq!(
        kinds.len(),
        9,
        "seed 8 delivers every kind, found {kinds:?}"
    );
    for (i, item) in form.items.iter().enumerate() {
        assert_eq!(item.index, i);
        assert_eq!(item.id, session.form().items[i].item_id);
        let section = form.sections.iter().find(|s| s.id == item.section).unwrap();
        assert!(section.start <= i && i < section.end);
    }
    // Set items carry their stimulus; others do not.
    for item in &form.items {
        let source = package.item(&item.id).unwrap();
        assert_eq!(
            item.set.as_ref().map(|s| s.id.as_str()),
            source.set.as_deref()
        );
        if let Some(set) = &item.set {
            assert!(set.stimulus.contains("<form"), "stimulus HTML delivered");
        }
    }
    let value = serde_json::to_value(&form).unwrap();
    assert!(value["items"][0]["interaction"]["type"].is_string());
    assert_eq!(value["mode"], "practice");
    assert_eq!(value["navigation"], "free");
}

#[test]
fn choices_come_in_the_forms_order() {
    let package = quiz();
    for seed in [1, 8, 23] {
        let session = start(package.clone(), seed, Mode::Practice);
        let form = delivered_form(&package, session.state());
        for (fi, item) in session.form().items.iter().zip(&form.items) {
            let ids = |c: &[certa::delivery::DeliveredChoice]| -> Vec<String> {
                c.iter().map(|c| c.id.clone()).collect()
            };
            match &item.interaction {
                DeliveredInteraction::SingleChoice { choices }
                | DeliveredInteraction::MultipleResponse { choices, .. }
                    if !fi.choice_order.is_empty() =>
                {
                    assert_eq!(ids(choices), fi.choice_order, "{}", item.id)
                }
                DeliveredInteraction::Ordering { steps } => {
                    assert_eq!(ids(steps), fi.choice_order, "{}", item.id)
                }
                DeliveredInteraction::Matching {
                    sources, targets, ..
                } => {
                    if !fi.choice_order.is_empty() {
                        assert_eq!(ids(sources), fi.choice_order, "{}", item.id);
                    }
                    if !fi.target_order.is_empty() {
                        assert_eq!(ids(targets), fi.target_order, "{}", item.id);
                    }
                }
                DeliveredInteraction::Cloze { gaps, .. } => {
                    for gap in gaps {
                        if let DeliveredGap::Choice { id, choices } = gap {
                            if let Some(order) = fi.gap_orders.get(id) {
                                assert_eq!(&ids(choices), order, "{} gap {id}", item.id);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn object_keys(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                object_keys(v, out);
            }
        }
        Value::Array(list) => list.iter().for_each(|v| object_keys(v, out)),
        _ => {}
    }
}

#[test]
fn nothing_that_reveals_an_answer_is_delivered() {
    let package = quiz();
    for mode in [Mode::Practice, Mode::Secure] {
        for seed in 0..12 {
            let session = start(package.clone(), seed, mode);
            let text = serde_json::to_string(&delivered_form(&package, session.state())).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            let mut keys = BTreeSet::new();
            object_keys(&value, &mut keys);
            for banned in [
                "key",
                "keys",
                "answers",
                "rubric",
                "feedback",
                "rule",
                "pinned",
                "case_sensitive",
                "absolute_tolerance",
                "relative_tolerance",
                "min",
                "max",
                "outcomes",
                "difficulty",
                "irt",
            ] {
                assert!(
                    !keys.contains(banned),
                    "seed {seed}: field {banned:?} delivered"
                );
            }
            // No feedback or rubric text leaks as a value either.
            for item in &package.items {
                let mut secrets: Vec<&str> = Vec::new();
                if let Some(f) = &item.feedback {
                    secrets.extend(f.correct.as_deref());
                    secrets.extend(f.incorrect.as_deref());
                    secrets.extend(f.partial.as_deref());
                }
                if let Interaction::ExtendedText {
                    rubric: Some(r), ..
                } = &item.interaction
                {
                    secrets.push(r);
                }
                for secret in secrets {
                    let encoded = serde_json::to_string(secret).unwrap();
                    let inner = &encoded[1..encoded.len() - 1];
                    assert!(
                        !text.contains(inner),
                        "{}: feedback or rubric leaked",
                        item.id
                    );
                }
            }
        }
    }
}

#[test]
fn cloze_segments_rebuild_the_text() {
    let package = quiz();
    let mut seen = 0;
    for item in &package.items {
        let Interaction::Cloze { text, gaps } = &item.interaction else {
            continue;
        };
        seen += 1;
        let segments = cloze_segments(text);
        let rebuilt: String = segments
            .iter()
            .map(|s| match s {
                ClozeSegment::Html { html } => html.clone(),
                ClozeSegment::Gap { gap } => format!("{{{{{gap}}}}}"),
            })
            .collect();
        assert_eq!(&rebuilt, text, "{}", item.id);
        let gap_ids: Vec<&str> = segments
            .iter()
            .filter_map(|s| match s {
                ClozeSegment::Gap { gap } => Some(gap.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(gap_ids, certa::model::cloze_markers(text));
        assert_eq!(gap_ids.len(), gaps.len());
        assert!(gaps.iter().all(|g| gap_ids.contains(&g.id())));
    }
    assert!(seen >= 2, "the quiz has cloze items");
    // Serialized shape: {"html": …} and {"gap": …}.
    assert_eq!(
        serde_json::to_value(cloze_segments("<p>A {{g1}} b</p>")).unwrap(),
        json!([{"html": "<p>A "}, {"gap": "g1"}, {"html": " b</p>"}])
    );
    // An unclosed marker stays text.
    assert_eq!(
        serde_json::to_value(cloze_segments("x {{g1")).unwrap(),
        json!([{"html": "x {{g1"}])
    );
}

#[test]
fn session_state_tracks_answers_flags_and_submission() {
    let package = quiz();
    let mut session = start(package.clone(), 8, Mode::Practice);
    let ids: Vec<String> = session
        .form()
        .item_ids()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let responses = seed8_responses();
    let first = &ids[0];
    session
        .answer(first, responses[first].clone(), Timestamp(T0 + 1_000))
        .unwrap();
    session.flag(&ids[3], true).unwrap();
    session.go_to(2).unwrap();
    let state = session_state(&session);
    assert_eq!(state.current, 2);
    assert_eq!(state.total, 15);
    assert_eq!(state.answered, vec![first.clone()]);
    assert_eq!(state.flagged, vec![ids[3].clone()]);
    assert_eq!(state.unanswered, ids[1..].to_vec());
    assert_eq!(
        state.responses.get(first).expect("answered"),
        &responses[first]
    );
    assert!(!state.submitted);
    assert_eq!(state.deadline, Some(Timestamp(T0 + 1_200_000)));
    let value = serde_json::to_value(&state).unwrap();
    assert_eq!(value["started_at"], json!(T0));
    session.submit(Timestamp(T0 + 60_000)).unwrap();
    assert!(session_state(&session).submitted);
}

#[test]
fn practice_feedback_follows_status_and_chosen_choices() {
    let package = quiz();
    let mut session = start(package.clone(), 8, Mode::Practice);
    for (id, value) in seed8_responses() {
        session.answer(&id, value, Timestamp(T0 + 5_000)).unwrap();
    }
    let result = session.submit(Timestamp(T0 + 600_000)).unwrap().unwrap();
    let feedback = item_feedback(&package, session.state(), &result);
    assert_eq!(feedback.len(), 15);
    for (f, score) in feedback.iter().zip(&result.items) {
        assert_eq!(f.item_id, score.item_id);
        assert_eq!(f.status, score.status);
        let item = package.item(&f.item_id).unwrap();
        if let (ItemStatus::Correct, Some(text)) = (
            f.status,
            item.feedback.as_ref().and_then(|f| f.correct.as_ref()),
        ) {
            assert!(f.feedback.as_deref().unwrap().starts_with(text.as_str()));
        }
        if f.status == ItemStatus::PendingManual {
            assert_eq!(f.feedback, None, "no feedback before a human grades it");
        }
    }
    // a11y-14 picks tabindex "zero" (no choice feedback) — the item feedback still comes.
    assert!(feedback
        .iter()
        .any(|f| f.status == ItemStatus::PendingManual));
    let value = serde_json::to_value(&feedback[0]).unwrap();
    assert!(
        value.get("feedback").is_some(),
        "feedback is null, not absent"
    );
}

#[test]
fn chosen_choice_feedback_is_appended() {
    let package = quiz();
    // Find a single-choice item on the seed-8 form with a choice that carries feedback.
    let mut session = start(package.clone(), 8, Mode::Practice);
    let picked =
        session
            .form()
            .items
            .iter()
            .find_map(|fi| match &package.item(&fi.item_id)?.interaction {
                Interaction::SingleChoice { choices, .. } => {
                    choices.iter().find(|c| c.feedback.is_some()).map(|c| {
                        (
                            fi.item_id.clone(),
                            c.id.clone(),
                            c.feedback.clone().unwrap(),
                        )
                    })
                }
                _ => None,
            });
    let (item_id, choice_id, text) = picked.expect("a choice with feedback on the form");
    session
        .answer(&item_id, json!(choice_id), Timestamp(T0 + 1_000))
        .unwrap();
    let result = session.submit(Timestamp(T0 + 2_000)).unwrap().unwrap();
    let feedback = item_feedback(&package, session.state(), &result);
    let entry = feedback.iter().find(|f| f.item_id == item_id).unwrap();
    assert!(entry.feedback.as_deref().unwrap().contains(&text));
    // Unanswered items get the incorrect feedback when there is one.
    let unanswered = feedback
        .iter()
        .find(|f| {
            f.status == ItemStatus::Unanswered
                && package
                    .item(&f.item_id)
                    .and_then(|i| i.feedback.as_ref())
                    .and_then(|f| f.incorrect.as_ref())
                    .is_some()
        })
        .expect("an unanswered item with incorrect feedback");
    assert!(unanswered.feedback.is_some());
}

#[test]
fn package_info_summarises_the_quiz() {
    let package = quiz();
    let info = serde_json::to_value(package_info(&package)).unwrap();
    assert_eq!(info["items"], json!(40));
    assert_eq!(info["form_length"], json!(15));
    assert_eq!(info["time_limit_seconds"], json!(1200));
    assert_eq!(info["navigation"], json!("free"));
    assert_eq!(info["secure"], json!(false));
    assert_eq!(
        info["domains"].as_array().unwrap().len(),
        package.domains().len()
    );
}
