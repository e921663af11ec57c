//! Attempt roll-up on a small certificate package: totals, scaled score, domain subscores,
//! weighted outcome mastery with evidence minimums, the pass/fail/pending decision, the
//! certificate and certification decisions with their reasons, rounding, IRT ability, and the
//! attempt-level errors.

use certa::assemble::{Form, FormItem, Seed, SoftDeviation};
use certa::model::{json, CredentialPolicy, Package, Rounding, RoundingMode};
use certa::score::irt;
use certa::score::{round, score_attempt, AttemptResult, Decision, ItemStatus, ScoreError};
use certa::sorted_map::SortedMap;
use certa::timestamp::Timestamp;
use serde_json::{json, Value};

/// 2026-11-22T18:14:15.123Z
const SUBMITTED: Timestamp = Timestamp(1_795_371_255_123);

fn package_json() -> Value {
    json!({
        "format": "certa/1",
        "id": "websec-cert",
        "version": "1.2.0",
        "title": "Web Security Fundamentals",
        "language": "en",
        "outcomes": [
            { "id": "LO-1", "statement": "Explain how TLS protects traffic.", "mastery": 0.8,
              "required": true, "min_items": 2 },
            { "id": "LO-2", "statement": "Configure HTTP security headers.", "mastery": 0.75,
              "min_items": 3 },
            { "id": "LO-3", "statement": "Identify injection flaws.", "mastery": 0.6 }
        ],
        "items": [
            { "id": "q1", "stem": "<p>Which TLS version removed RSA key exchange?</p>", "points": 2,
              "domain": "Cryptography", "outcomes": [{ "outcome": "LO-1" }],
              "irt": { "a": 1.2, "b": -0.5 },
              "interaction": { "type": "single_choice", "key": "c", "choices": [
                  { "id": "a", "content": "TLS 1.0" }, { "id": "b", "content": "TLS 1.2" },
                  { "id": "c", "content": "TLS 1.3" } ] } },
            { "id": "q2", "stem": "<p>Which provide forward secrecy?</p>", "points": 3,
              "domain": "Cryptography",
              "outcomes": [{ "outcome": "LO-1", "weight": 3 }, { "outcome": "LO-3", "weight": 1 }],
              "irt": { "a": 0.9, "b": 0.3, "c": 0.2 },
              "interaction": { "type": "multiple_response", "rule": "per_option",
                  "keys": ["a", "c", "e"], "choices": [
                  { "id": "a", "content": "ECDHE" }, { "id": "b", "content": "static RSA" },
                  { "id": "c", "content": "DHE" }, { "id": "d", "content": "PSK only" },
                  { "id": "e", "content": "X25519 key share" } ] } },
            { "id": "q3", "stem": "<p>HSTS forces HTTPS on later visits.</p>", "points": 1,
              "domain": "Web", "outcomes": [{ "outcome": "LO-2" }],
              "irt": { "a": 1.5, "b": -1.0 },
              "interaction": { "type": "true_false", "key": true } },
            { "id": "q4", "stem": "<p>Name the header that restricts script sources.</p>", "points": 2,
              "domain": "Web",
              "outcomes": [{ "outcome": "LO-2" }, { "outcome": "LO-1" }],
              "interaction": { "type": "text_entry", "answers": [
                  { "value": "Content-Security-Policy" }, { "value": "CSP", "points": 1 } ] } },
            { "id": "q5", "stem": "<p>Bits of security of a 3072-bit RSA key?</p>", "points": 1,
              "domain": "Cryptography", "outcomes": [{ "outcome": "LO-1" }],
              "irt": { "a": 0.8, "b": 1.2 },
              "interaction": { "type": "numeric", "key": { "value": 128, "absolute_tolerance": 0 } } },
            { "id": "q6", "stem": "<p>Order the steps of a SQL injection fix.</p>", "points": 3,
              "domain": "Web", "outcomes": [{ "outcome": "LO-3" }],
              "irt": { "a": 1.1, "b": 0.0 },
              "interaction": { "type": "ordering", "rule": "adjacent_pairs",
                  "key": ["find", "param", "test", "deploy"], "choices": [
                  { "id": "deploy", "content": "Deploy" }, { "id": "find", "content": "Find the query" },
                  { "id": "param", "content": "Parameterise it" }, { "id": "test", "content": "Test" } ] } },
            { "id": "q7", "stem": "<p>Explain why cookies need the Secure flag.</p>", "points": 4,
              "domain": "Web", "outcomes": [{ "outcome": "LO-2" }],
              "irt": { "a": 1.0, "b": 0.5 },
              "interaction": { "type": "extended_text", "rubric": "Mentions plaintext HTTP." } },
            { "id": "q8", "stem": "<p>Match each attack to its defence.</p>", "points": 2,
              "domain": "Cryptography",
              "interaction": { "type": "matching",
                  "sources": [{ "id": "xss", "content": "XSS" }, { "id": "csrf", "content": "CSRF" }],
                  "targets": [{ "id": "csp", "content": "CSP" }, { "id": "token", "content": "Anti-CSRF token" }],
                  "key": [["xss", "csp"], ["csrf", "token"]] } }
        ],
        "blueprint": { "length": 8 },
        "scoring": { "cut_score": 70, "rounding": { "decimals": 1, "mode": "half_up" } },
        "credential": { "kind": "certificate", "name": "Web Security Fundamentals" }
    })
}

fn package() -> Package {
    load(package_json())
}

fn load(value: Value) -> Package {
    Package::load(&value.to_string()).expect("the test package is valid")
}

fn form(ids: &[&str]) -> Form {
    Form {
        seed: Seed(7),
        items: ids
            .iter()
            .map(|id| FormItem {
                item_id: id.to_string(),
                choice_order: Vec::new(),
                target_order: Vec::new(),
                gap_orders: Default::default(),
            })
            .collect(),
        sections: Vec::new(),
        deviation: SoftDeviation::default(),
    }
}

/// Web items first, so domains appear as Web, then Cryptography.
fn full_form() -> Form {
    form(&["q3", "q1", "q2", "q4", "q5", "q6", "q7", "q8"])
}

fn responses(pairs: Value) -> SortedMap<String, json::Value> {
    pairs
        .as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone().into()))
        .collect()
}

/// q2 partial (4/5 judged right), q5 wrong, q6 partial (2 of 3 pairs), q7 answered (pending).
fn pending_responses() -> SortedMap<String, json::Value> {
    responses(json!({
        "q1": "c",
        "q2": ["a", "c"],
        "q3": true,
        "q4": "  content-security-policy ",
        "q5": 256,
        "q6": ["param", "test", "deploy", "find"],
        "q7": "Without Secure the cookie is sent over plaintext HTTP.",
        "q8": [["xss", "csp"], ["csrf", "token"]]
    }))
}

/// Everything right; the essay is left unanswered.
fn strong_responses() -> SortedMap<String, json::Value> {
    responses(json!({
        "q1": "c",
        "q2": ["a", "c", "e"],
        "q3": true,
        "q4": "Content-Security-Policy",
        "q5": 128,
        "q6": ["find", "param", "test", "deploy"],
        "q8": [["xss", "csp"], ["csrf", "token"]]
    }))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn assert_close(a: f64, b: f64, what: &str) {
    assert!(close(a, b), "{what}: got {a}, want {b}");
}

fn score(
    package: &Package,
    form: &Form,
    responses: &SortedMap<String, json::Value>,
) -> AttemptResult {
    score_attempt(package, form, responses, SUBMITTED).expect("the attempt scores")
}

#[test]
fn totals_items_and_domains() {
    let r = score(&package(), &full_form(), &pending_responses());
    let ids: Vec<&str> = r.items.iter().map(|i| i.item_id.as_str()).collect();
    assert_eq!(ids, ["q3", "q1", "q2", "q4", "q5", "q6", "q7", "q8"]);
    let points: Vec<f64> = r.items.iter().map(|i| i.points).collect();
    let want = [1.0, 2.0, 2.4, 2.0, 0.0, 2.0, 0.0, 2.0];
    for (got, want) in points.iter().zip(want) {
        assert_close(*got, want, "item points");
    }
    assert_eq!(r.items[6].status, ItemStatus::PendingManual);
    assert_eq!(r.items[4].status, ItemStatus::Incorrect);
    assert_eq!(r.items[2].status, ItemStatus::Partial);
    assert_eq!(r.pending_manual, 1);
    assert_close(r.raw, 11.4, "raw");
    assert_close(r.max_raw, 18.0, "max_raw");
    assert_close(r.scaled, 11.4 / 18.0 * 100.0, "scaled");

    assert_eq!(r.domains.len(), 2);
    let web = &r.domains[0];
    assert_eq!((web.domain.as_str(), web.items), ("Web", 4));
    assert_close(web.points, 5.0, "web points");
    assert_close(web.max_points, 10.0, "web max");
    assert_close(web.ratio, 0.5, "web ratio");
    let crypto = &r.domains[1];
    assert_eq!((crypto.domain.as_str(), crypto.items), ("Cryptography", 4));
    assert_close(crypto.points, 6.4, "crypto points");
    assert_close(crypto.ratio, 0.8, "crypto ratio");
}

#[test]
fn weighted_outcome_mastery() {
    let r = score(&package(), &full_form(), &pending_responses());
    let ids: Vec<&str> = r.outcomes.iter().map(|o| o.outcome.as_str()).collect();
    assert_eq!(ids, ["LO-1", "LO-2", "LO-3"]);

    // LO-1: q1 (share 1), q2 (3/4), q4 (1/2), q5 (1): (2 + 0.75·2.4 + 0.5·2 + 0) / (2 + 2.25 + 1 + 1).
    let lo1 = &r.outcomes[0];
    assert_close(lo1.score, 4.8 / 6.25, "LO-1 score");
    assert_eq!((lo1.items, lo1.min_items, lo1.required), (4, 2, true));
    assert!(!lo1.mastered, "0.768 < 0.8");
    assert_eq!(lo1.pending_manual, 0);

    // LO-2: q3 (1), q4 (1/2), q7 (1, pending): (1 + 1 + 0) / (1 + 1 + 4).
    let lo2 = &r.outcomes[1];
    assert_close(lo2.score, 2.0 / 6.0, "LO-2 score");
    assert_eq!((lo2.items, lo2.pending_manual), (3, 1));
    assert!(!lo2.mastered);

    // LO-3: q2 (1/4), q6 (1): (0.25·2.4 + 2) / (0.75 + 3).
    let lo3 = &r.outcomes[2];
    assert_close(lo3.score, 2.6 / 3.75, "LO-3 score");
    assert_close(lo3.threshold, 0.6, "LO-3 threshold");
    assert!(lo3.mastered);
}

#[test]
fn pending_decision_and_its_reasons() {
    let r = score(&package(), &full_form(), &pending_responses());
    // 63.3 now; full marks on the essay would give 85.6, so the decision waits.
    assert_eq!(r.decision, Decision::Pending);
    assert_eq!(r.credential.kind, "certificate");
    assert!(!r.credential.awarded);
    assert_eq!(
        r.credential.reasons,
        [
            "not awarded: grading is pending for 1 item (scaled score so far 63.3, cut score 70)",
            "not awarded: outcome LO-1 not mastered (0.77 < 0.80)",
        ]
    );
    assert_eq!(r.credential.expires_at, None);
}

#[test]
fn pass_with_a_pending_item_when_the_cut_is_already_met() {
    let mut resp = strong_responses();
    resp.insert("q7".into(), json!("Plaintext HTTP would leak it.").into());
    let r = score(&package(), &full_form(), &resp);
    assert_close(r.scaled, 14.0 / 18.0 * 100.0, "scaled");
    assert_eq!(r.decision, Decision::Pass);
    // LO-2 awaits grading, but it is not required.
    assert!(!r.outcomes[1].mastered);
    assert!(r.credential.awarded);
    assert_eq!(
        r.credential.reasons,
        ["awarded: cut score met and the 1 required outcome mastered"]
    );
}

#[test]
fn fail_when_the_pending_items_cannot_reach_the_cut() {
    let resp = responses(json!({ "q1": "a", "q3": false, "q7": "I do not know." }));
    let r = score(&package(), &full_form(), &resp);
    assert_eq!(r.raw, 0.0);
    assert_eq!(r.pending_manual, 1);
    assert_eq!(r.decision, Decision::Fail);
    assert_eq!(
        r.credential.reasons[0],
        "not awarded: scaled score 0 is below the cut score 70"
    );
    let unanswered = r
        .items
        .iter()
        .filter(|i| i.status == ItemStatus::Unanswered)
        .count();
    assert_eq!(unanswered, 5);
}

#[test]
fn certificate_awarded_with_every_required_outcome() {
    let mut json = package_json();
    json["outcomes"][2]["required"] = json!(true);
    let r = score(&load(json), &full_form(), &strong_responses());
    assert_close(r.raw, 14.0, "raw");
    assert_eq!(r.decision, Decision::Pass);
    assert!(r.outcomes[0].mastered && r.outcomes[2].mastered);
    assert!(r.credential.awarded);
    assert_eq!(
        r.credential.reasons,
        ["awarded: cut score met and all 2 required outcomes mastered"]
    );
}

#[test]
fn certificate_refused_for_missing_evidence() {
    // LO-2 is required and needs 3 items; this form holds only q7 for it (unanswered).
    let mut json = package_json();
    json["outcomes"][1]["required"] = json!(true);
    json["outcomes"][1]["mastery"] = json!(0.0);
    let f = form(&["q1", "q2", "q5", "q6", "q7", "q8"]);
    let resp = responses(json!({
        "q1": "c", "q2": ["a", "c", "e"], "q5": 128,
        "q6": ["find", "param", "test", "deploy"], "q8": [["xss", "csp"], ["csrf", "token"]]
    }));
    let r = score(&load(json), &f, &resp);
    assert_close(r.scaled, 11.0 / 15.0 * 100.0, "scaled");
    assert_eq!(r.decision, Decision::Pass);
    let lo2 = &r.outcomes[1];
    assert_eq!((lo2.items, lo2.min_items), (1, 3));
    assert!(
        !lo2.mastered,
        "score 0 meets a 0 threshold, but the evidence is short"
    );
    assert!(!r.credential.awarded);
    assert_eq!(
        r.credential.reasons,
        ["not awarded: outcome LO-2 has 1 item of evidence, needs 3"]
    );
}

#[test]
fn reasons_show_enough_digits_to_differ() {
    // With one decimal, 63.33 and 63.34 would both read 63.3.
    let mut json = package_json();
    json["scoring"]["cut_score"] = json!(63.34);
    let mut resp = pending_responses();
    resp.remove("q7");
    let r = score(&load(json), &full_form(), &resp);
    assert_eq!(r.decision, Decision::Fail);
    assert_eq!(
        r.credential.reasons[0],
        "not awarded: scaled score 63.33 is below the cut score 63.34"
    );
}

#[test]
fn certification_expires_after_its_validity() {
    let mut json = package_json();
    json["credential"] = json!({
        "kind": "certification", "name": "Certified Web Defender", "validity_days": 365
    });
    let package = load(json);
    assert!(matches!(
        package.credential,
        CredentialPolicy::Certification { .. }
    ));
    let r = score(&package, &full_form(), &strong_responses());
    assert_eq!(r.decision, Decision::Pass);
    assert_eq!(r.credential.kind, "certification");
    assert!(r.credential.awarded);
    let expiry = r
        .credential
        .expires_at
        .expect("an awarded certification expires");
    assert_eq!(expiry, Timestamp(SUBMITTED.0 + 365 * Timestamp::DAY_MS));
    assert_eq!(expiry.to_date(), "2027-11-22");
    assert_eq!(
        r.credential.reasons,
        ["awarded: scaled score 77.8 meets the cut score 70; valid until 2027-11-22"]
    );

    let failed = score(&package, &full_form(), &responses(json!({ "q1": "c" })));
    assert_eq!(failed.decision, Decision::Fail);
    assert!(!failed.credential.awarded);
    assert_eq!(failed.credential.expires_at, None);
    assert_eq!(
        failed.credential.reasons,
        ["not awarded: scaled score 11.1 is below the cut score 70"]
    );
}

#[test]
fn no_credential() {
    let mut json = package_json();
    json["credential"] = json!({ "kind": "none" });
    let r = score(&load(json), &full_form(), &strong_responses());
    assert_eq!(r.decision, Decision::Pass);
    assert_eq!(r.credential.kind, "none");
    assert!(!r.credential.awarded);
    assert_eq!(r.credential.reasons, ["no credential"]);
}

#[test]
fn scale_and_negative_marking_floor() {
    let mut json = package_json();
    json["scoring"] = json!({
        "cut_score": 500,
        "scale": { "min": 200, "max": 800 },
        "negative_marking": { "enabled": true, "penalty": 1.0 }
    });
    let package = load(json);
    // Only wrong selected-response answers: -2 -3 -1 points before the floor.
    let wrong = responses(json!({ "q1": "a", "q2": ["b", "d"], "q3": false }));
    let r = score(&package, &full_form(), &wrong);
    assert_eq!(r.items[0].points, -1.0);
    assert_eq!(r.items[1].points, -2.0);
    assert_eq!(r.items[2].points, -3.0);
    assert_eq!(r.raw, 0.0);
    assert_eq!(r.scaled, 200.0);
    assert!(r.domains.iter().all(|d| d.points == 0.0 && d.ratio == 0.0));
    assert!(r.outcomes.iter().all(|o| o.score == 0.0));

    // q1 wrong (-2), q4 partial (1), q6 and q8 right (5): raw 4 of 18 on 200..800.
    let mixed = responses(json!({
        "q1": "b", "q4": "CSP", "q6": ["find", "param", "test", "deploy"],
        "q8": [["xss", "csp"], ["csrf", "token"]]
    }));
    let r = score(&package, &full_form(), &mixed);
    assert_close(r.raw, 4.0, "raw");
    assert_close(r.scaled, 200.0 + 4.0 / 18.0 * 600.0, "scaled");
}

#[test]
fn rounding_of_reported_figures() {
    let r = score(&package(), &full_form(), &pending_responses());
    let one = Rounding {
        decimals: 1,
        mode: RoundingMode::HalfUp,
    };
    assert_eq!(round(r.scaled, &one), 63.3);
    let two_down = Rounding {
        decimals: 2,
        mode: RoundingMode::Down,
    };
    assert_eq!(round(r.outcomes[0].score, &two_down), 0.76);
    assert_eq!(
        round(
            2.345,
            &Rounding {
                decimals: 2,
                mode: RoundingMode::HalfUp
            }
        ),
        2.35
    );
    assert_eq!(
        round(
            2.345,
            &Rounding {
                decimals: 2,
                mode: RoundingMode::HalfEven
            }
        ),
        2.34
    );
    assert_eq!(
        round(
            0.125,
            &Rounding {
                decimals: 2,
                mode: RoundingMode::HalfEven
            }
        ),
        0.12
    );
    // Raw figures stay unrounded in the result.
    assert!(!close(r.scaled, 63.3));
}

#[test]
fn ability_uses_dichotomous_irt_items() {
    let r = score(&package(), &full_form(), &pending_responses());
    let ability = r.ability.expect("form items carry IRT parameters");
    // q3 right, q1 right, q2 partial (wrong), q5 wrong, q6 partial (wrong); q7 pending is out.
    let p = package();
    let params: Vec<_> = ["q3", "q1", "q2", "q5", "q6"]
        .iter()
        .map(|id| p.item(id).and_then(|i| i.irt).expect("irt"))
        .collect();
    let correct = [true, true, false, false, false];
    let (eap, sd) = irt::eap(&params, &correct);
    assert_eq!(ability.items, 5);
    assert_eq!((ability.eap, ability.eap_se), (eap, sd));
    let mle = irt::mle(&params, &correct);
    assert_eq!(ability.mle, mle.theta);
    assert!(!ability.mle_bounded);

    let mut json = package_json();
    for item in json["items"].as_array_mut().expect("items") {
        item.as_object_mut().expect("item").remove("irt");
    }
    let r = score(&load(json), &full_form(), &pending_responses());
    assert_eq!(r.ability, None);
}

#[test]
fn attempt_errors() {
    let p = package();
    let f = form(&["q1", "q2", "q3"]);
    let err = score_attempt(
        &p,
        &f,
        &responses(json!({ "q1": "c", "q7": "essay" })),
        SUBMITTED,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ScoreError::NotOnForm {
            item_id: "q7".into()
        }
    );

    let err = score_attempt(&p, &form(&["q1", "q99"]), &SortedMap::new(), SUBMITTED).unwrap_err();
    assert_eq!(
        err,
        ScoreError::UnknownItem {
            item_id: "q99".into()
        }
    );

    let err = score_attempt(&p, &f, &responses(json!({ "q2": "a" })), SUBMITTED).unwrap_err();
    assert!(matches!(err, ScoreError::WrongShape { ref item_id, .. } if item_id == "q2"));
}

#[test]
fn empty_form_scores_to_the_scale_minimum() {
    let r = score(&package(), &form(&[]), &SortedMap::new());
    assert_eq!((r.raw, r.max_raw, r.scaled), (0.0, 0.0, 0.0));
    assert_eq!(r.decision, Decision::Fail);
    assert_eq!(r.ability, None);
    assert!(r.outcomes.iter().all(|o| !o.mastered && o.items == 0));
}

#[test]
fn result_round_trips_through_json() {
    let r = score(&package(), &full_form(), &pending_responses());
    let text = serde_json::to_string(&r).expect("serialize");
    let back: AttemptResult = serde_json::from_str(&text).expect("deserialize");
    assert_eq!(back, r);
}
