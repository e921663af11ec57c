//! Verification against forged and honest records, on both examples: every honest record
//! verifies (and a secure one is scored by verification), every forgery is refused with a
//! reason that names what differs.

use std::sync::Arc;

use certa::assemble::Seed;
use certa::model::Package;
use certa::publish::secure_delivery_package;
use certa::record::CompletionRecord;
use certa::score::ItemStatus;
use certa::session::{Learner, Mode};
use certa::synthetic::{simulate_attempt, SimulatedAttempt};
use certa::timestamp::Timestamp;
use certa::verify::{verify, verify_json, RejectionCode, Verification};
use serde_json::json;

const T0: i64 = 1_795_338_000_000; // 2026-11-22T09:00:00Z

fn package(name: &str) -> Arc<Package> {
    let text = std::fs::read_to_string(format!("examples/{name}.json")).unwrap();
    Arc::new(Package::load(&text).unwrap())
}

fn attempt(seed: u64, theta: f64, mode: Mode) -> SimulatedAttempt {
    SimulatedAttempt {
        attempt_id: format!("6b1f0c2e-0000-4000-8000-{seed:012}"),
        learner: Learner {
            id: format!("learner-{seed}"),
            name: Some("Ada Lovelace".into()),
            email: None,
        },
        seed: Seed(seed),
        mode,
        attempt_number: 1,
        theta,
        started_at: Timestamp(T0),
        seconds_per_item: 25,
    }
}

fn quiz_record(seed: u64, theta: f64) -> (Arc<Package>, CompletionRecord) {
    let p = package("certificate-quiz");
    let r = simulate_attempt(Arc::clone(&p), &attempt(seed, theta, Mode::Practice)).unwrap();
    (p, r)
}

/// The rejection messages, or a panic when the record verified.
fn rejected(package: &Package, record: &CompletionRecord) -> Vec<(RejectionCode, String)> {
    match verify(package, record) {
        Verification::Rejected(reasons) => {
            reasons.into_iter().map(|r| (r.code, r.message)).collect()
        }
        Verification::Verified(_) => panic!("a forged record verified"),
    }
}

fn has(reasons: &[(RejectionCode, String)], code: RejectionCode, needle: &str) -> bool {
    reasons
        .iter()
        .any(|(c, m)| *c == code && m.contains(needle))
}

#[test]
fn honest_practice_records_verify_with_the_same_result() {
    let p = package("certificate-quiz");
    for seed in 1..=12 {
        for theta in [-1.5, 0.0, 2.5] {
            let record =
                simulate_attempt(Arc::clone(&p), &attempt(seed, theta, Mode::Practice)).unwrap();
            // Through the canonical JSON, as the record travels.
            let verdict = verify_json(&p, &record.to_canonical_json());
            let verified = verdict
                .verified()
                .unwrap_or_else(|| panic!("seed {seed} θ {theta}: {verdict:?}"));
            assert_eq!(verified, &record);
        }
    }
}

#[test]
fn a_secure_record_carries_no_result_and_verification_scores_it() {
    let exam = package("certification-exam");
    let mut decisions = std::collections::BTreeSet::new();
    for (seed, theta) in [(1, 2.5), (2, -1.5), (3, 0.4), (4, 1.0)] {
        let record =
            simulate_attempt(Arc::clone(&exam), &attempt(seed, theta, Mode::Secure)).unwrap();
        assert_eq!(
            record.result, None,
            "the browser sends no scores in secure mode"
        );
        // The record names the full package, although the attempt ran on the stripped copy.
        assert_eq!(
            record.package.content_hash,
            certa::record::content_hash(&exam)
        );
        let verified = verify(&exam, &record);
        let result = verified.verified().and_then(|r| r.result.clone()).unwrap();
        assert_eq!(result.items.len(), 60);
        decisions.insert(format!("{:?}", result.decision));
    }
    assert!(
        decisions.contains("Pass") && decisions.contains("Fail"),
        "{decisions:?}"
    );
}

#[test]
fn an_edited_score_is_refused() {
    let (p, mut record) = quiz_record(2, 2.5);
    let result = record.result.as_mut().unwrap();
    let honest = result.scaled;
    result.scaled = 92.0;
    let reasons = rejected(&p, &record);
    assert!(
        has(
            &reasons,
            RejectionCode::Score,
            &format!("claimed scaled 92, recomputed {honest}")
        ),
        "{reasons:?}"
    );
}

#[test]
fn an_upgraded_item_status_or_credential_is_refused() {
    let (p, mut record) = quiz_record(5, -1.5);
    let result = record.result.as_mut().unwrap();
    let wrong = result
        .items
        .iter_mut()
        .find(|i| i.status == ItemStatus::Incorrect)
        .unwrap();
    wrong.status = ItemStatus::Correct;
    let id = wrong.item_id.clone();
    result.credential.awarded = true;
    let reasons = rejected(&p, &record);
    assert!(
        has(
            &reasons,
            RejectionCode::Score,
            &format!("item \"{id}\": claimed status correct, recomputed incorrect")
        ),
        "{reasons:?}"
    );
    assert!(
        has(
            &reasons,
            RejectionCode::Score,
            "claimed credential awarded true, recomputed false"
        ),
        "{reasons:?}"
    );
}

#[test]
fn a_swapped_item_is_refused_at_its_position() {
    let (p, mut record) = quiz_record(3, 1.0);
    let on_form: Vec<String> = record.form.iter().map(|f| f.item_id.clone()).collect();
    let other = p
        .items
        .iter()
        .find(|i| {
            !on_form.contains(&i.id)
                && i.interaction.kind() == p.item(&on_form[6]).unwrap().interaction.kind()
        })
        .unwrap();
    record.form[6].item_id = other.id.clone();
    let reasons = rejected(&p, &record);
    assert!(
        has(
            &reasons,
            RejectionCode::Form,
            &format!(
                "form differs at position 7: the record has \"{}\", the seed gives \"{}\"",
                other.id, on_form[6]
            )
        ),
        "{reasons:?}"
    );
}

#[test]
fn a_reordered_choice_list_is_refused() {
    let (p, mut record) = quiz_record(4, 1.0);
    let (index, item) = record
        .form
        .iter_mut()
        .enumerate()
        .find(|(_, f)| f.choice_order.len() > 2)
        .unwrap();
    item.choice_order.swap(0, 1);
    let reasons = rejected(&p, &record);
    assert!(
        has(
            &reasons,
            RejectionCode::Form,
            &format!("form differs at position {}", index + 1)
        ),
        "{reasons:?}"
    );
}

#[test]
fn a_response_edited_after_scoring_is_refused() {
    // A weak learner's wrong single-choice answer replaced by the key, the scores left alone.
    let (p, mut record) = quiz_record(6, -1.5);
    let result = record.result.clone().unwrap();
    let (id, key) = result
        .items
        .iter()
        .filter(|s| s.status == ItemStatus::Incorrect)
        .find_map(|s| match &p.item(&s.item_id)?.interaction {
            certa::model::Interaction::SingleChoice { key, .. } => {
                Some((s.item_id.clone(), key.clone()))
            }
            _ => None,
        })
        .unwrap();
    record.responses.get_mut(&id).unwrap().value = json!(key).into();
    let reasons = rejected(&p, &record);
    assert!(
        has(&reasons, RejectionCode::Score, "claimed raw"),
        "{reasons:?}"
    );
    assert!(
        has(
            &reasons,
            RejectionCode::Score,
            &format!("item \"{id}\": claimed status incorrect, recomputed correct")
        ),
        "{reasons:?}"
    );
}

#[test]
fn another_package_version_or_content_is_refused() {
    let (p, record) = quiz_record(2, 2.5);
    let mut next = (*p).clone();
    next.version = "1.0.1".into();
    let reasons = rejected(&next, &record);
    assert!(
        has(
            &reasons,
            RejectionCode::Package,
            "version \"1.0.0\", not \"web-a11y-foundations-quiz\" version \"1.0.1\""
        ),
        "{reasons:?}"
    );

    let mut edited = (*p).clone();
    edited.items[0].points += 1.0;
    let reasons = rejected(&edited, &record);
    assert!(
        has(
            &reasons,
            RejectionCode::PackageHash,
            "package hash mismatch"
        ),
        "{reasons:?}"
    );

    let copy = secure_delivery_package(&p);
    let reasons = rejected(&copy, &record);
    assert!(
        has(&reasons, RejectionCode::Package, "key-stripped"),
        "{reasons:?}"
    );
}

#[test]
fn impossible_times_are_refused() {
    let (p, record) = quiz_record(2, 2.5);
    let mut late = record.clone();
    let entry = late.responses.values_mut().next().unwrap();
    entry.answered_at = Timestamp(late.submitted_at.0 + 1);
    entry.changed_at = entry.answered_at;
    assert!(has(
        &rejected(&p, &late),
        RejectionCode::Timing,
        "outside the attempt"
    ));

    let mut short = record.clone();
    short.duration_ms = 1_000;
    assert!(has(
        &rejected(&p, &short),
        RejectionCode::Timing,
        "claimed duration_ms 1000"
    ));

    // The quiz allows 30 minutes; a record submitted after 3 hours is refused, even with
    // a consistent duration.
    let mut overtime = record;
    overtime.submitted_at = Timestamp(overtime.started_at.0 + 3 * 3_600_000);
    overtime.duration_ms = 3 * 3_600_000;
    let reasons = rejected(&p, &overtime);
    assert!(
        has(&reasons, RejectionCode::Timing, "after the time limit"),
        "{reasons:?}"
    );
}

#[test]
fn a_secure_record_with_browser_scores_or_a_practice_record_of_a_secure_exam_is_refused() {
    let exam = package("certification-exam");
    let mut record = simulate_attempt(Arc::clone(&exam), &attempt(1, 1.0, Mode::Secure)).unwrap();
    let honest = verify(&exam, &record).verified().cloned().unwrap();
    record.result = honest.result.clone();
    assert!(has(
        &rejected(&exam, &record),
        RejectionCode::Score,
        "must not carry scores"
    ));

    let practice = simulate_attempt(Arc::clone(&exam), &attempt(1, 1.0, Mode::Practice)).unwrap();
    assert!(has(
        &rejected(&exam, &practice),
        RejectionCode::Attempt,
        "secure mode only"
    ));
}

#[test]
fn a_response_to_an_item_not_on_the_form_or_of_the_wrong_shape_is_refused() {
    let (p, record) = quiz_record(2, 2.5);
    let on_form: Vec<&str> = record.form.iter().map(|f| f.item_id.as_str()).collect();
    let stranger = p
        .items
        .iter()
        .find(|i| !on_form.contains(&i.id.as_str()))
        .unwrap();
    let mut extra = record.clone();
    let mut entry = extra.responses.values().next().unwrap().clone();
    entry.value = json!("a").into();
    extra.responses.insert(stranger.id.clone(), entry);
    assert!(has(
        &rejected(&p, &extra),
        RejectionCode::Response,
        &format!(
            "responses.{}: item \"{}\" is not on this form",
            stranger.id, stranger.id
        )
    ));

    let mut shape = record;
    let (id, entry) = shape.responses.iter_mut().next().unwrap();
    let id = id.clone();
    entry.value = json!({"not": "a response"}).into();
    assert!(has(
        &rejected(&p, &shape),
        RejectionCode::Response,
        &format!("responses.{id}:")
    ));
}

#[test]
fn a_body_that_is_not_a_record_is_refused_with_its_path() {
    let (p, record) = quiz_record(2, 2.5);
    let mut value: serde_json::Value = serde_json::from_str(&record.to_canonical_json()).unwrap();
    value["form"][3]["item_id"] = json!(17);
    match verify_json(&p, &value.to_string()) {
        Verification::Rejected(reasons) => {
            assert_eq!(reasons[0].code, RejectionCode::Format);
            assert!(
                reasons[0]
                    .message
                    .starts_with("form[3].item_id: invalid type"),
                "{reasons:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        verify_json(&p, "not json"),
        Verification::Rejected(_)
    ));
}
