//! Item-level scoring for every interaction kind: full, partial and zero credit, negative
//! marking, wrong-shaped responses, text normalisation, numeric tolerances, the multiple
//! response rules, and property tests over random responses.

// Property tests need OS entropy, so this file runs natively only.
#![cfg(not(target_arch = "wasm32"))]

use certa::model::{json, InteractionKind, Item, ScoringPolicy};
use certa::score::{check_response, score_item, ItemScore, ItemStatus, ScoreError};
use proptest::prelude::*;
use serde_json::{json, Value};

fn item(value: Value) -> Item {
    json::read(&value.to_string()).expect("test item JSON")
}

fn policy() -> ScoringPolicy {
    json::read(&json!({ "cut_score": 70 }).to_string()).expect("policy")
}

fn negative(penalty: f64) -> ScoringPolicy {
    let policy = json!({
        "cut_score": 70,
        "negative_marking": { "enabled": true, "penalty": penalty }
    });
    json::read(&policy.to_string()).expect("policy")
}

fn score(item: &Item, response: Value) -> ItemScore {
    score_item(item, Some(&response.into()), &policy()).expect("a well-shaped response scores")
}

fn assert_scores(item: &Item, response: Value, status: ItemStatus, points: f64) {
    let s = score(item, response.clone());
    assert_eq!(s.item_id, item.id);
    assert_eq!(s.status, status, "status for {response}");
    assert!(
        (s.points - points).abs() < 1e-12,
        "points for {response}: got {}, want {points}",
        s.points
    );
    assert_eq!(s.max_points, item.points);
}

/// The response is refused as WrongShape, naming the item and its kind; returns the problem.
fn assert_wrong_shape(item: &Item, response: Value) -> String {
    let response = json::Value::from(response);
    let err = score_item(item, Some(&response), &policy()).expect_err("wrong shape");
    assert_eq!(check_response(item, &response), Err(err.clone()));
    match &err {
        ScoreError::WrongShape {
            item_id,
            kind,
            expected,
            problem,
        } => {
            assert_eq!(item_id, &item.id);
            assert_eq!(*kind, item.interaction.kind());
            assert_eq!(*expected, kind.expected_response());
            assert!(err.to_string().contains(&format!("item \"{}\"", item.id)));
            problem.clone()
        }
        other => panic!("expected WrongShape, got {other:?}"),
    }
}

fn single_choice() -> Item {
    item(json!({
        "id": "net-dns-01",
        "stem": "<p>Which protocol resolves host names to IP addresses?</p>",
        "points": 2,
        "domain": "Networking",
        "interaction": {
            "type": "single_choice",
            "choices": [
                { "id": "a", "content": "DHCP" },
                { "id": "b", "content": "DNS" },
                { "id": "c", "content": "ARP" },
                { "id": "d", "content": "NTP" }
            ],
            "key": "b"
        }
    }))
}

fn multiple_response(rule: &str) -> Item {
    item(json!({
        "id": "sec-mr-02",
        "stem": "<p>Which of these are symmetric ciphers?</p>",
        "points": 3,
        "domain": "Security",
        "interaction": {
            "type": "multiple_response",
            "choices": [
                { "id": "aes", "content": "AES" },
                { "id": "rsa", "content": "RSA" },
                { "id": "chacha", "content": "ChaCha20" },
                { "id": "ecdsa", "content": "ECDSA" },
                { "id": "3des", "content": "3DES" }
            ],
            "keys": ["aes", "chacha", "3des"],
            "rule": rule,
            "max_choices": 4
        }
    }))
}

fn true_false() -> Item {
    item(json!({
        "id": "net-tf-03",
        "stem": "<p>UDP guarantees in-order delivery.</p>",
        "domain": "Networking",
        "interaction": { "type": "true_false", "key": false }
    }))
}

fn text_entry() -> Item {
    item(json!({
        "id": "web-te-04",
        "stem": "<p>What does the C in CSS stand for?</p>",
        "points": 2,
        "domain": "Web",
        "interaction": {
            "type": "text_entry",
            "answers": [
                { "value": "Cascading" },
                { "value": "Cascade", "points": 1 },
                { "value": "Cascading Style", "points": 1.5 }
            ],
            "max_length": 20
        }
    }))
}

fn numeric(key: Value) -> Item {
    item(json!({
        "id": "phy-nu-05",
        "stem": "<p>Standard gravity, in m/s²?</p>",
        "points": 1,
        "domain": "Physics",
        "interaction": { "type": "numeric", "key": key, "unit": "m/s²" }
    }))
}

fn ordering(rule: &str) -> Item {
    item(json!({
        "id": "sec-or-06",
        "stem": "<p>Order the phases of incident response.</p>",
        "points": 3,
        "domain": "Security",
        "interaction": {
            "type": "ordering",
            "choices": [
                { "id": "recover", "content": "Recovery" },
                { "id": "prepare", "content": "Preparation" },
                { "id": "contain", "content": "Containment" },
                { "id": "detect", "content": "Detection and analysis" }
            ],
            "key": ["prepare", "detect", "contain", "recover"],
            "rule": rule
        }
    }))
}

fn matching(rule: &str) -> Item {
    item(json!({
        "id": "net-ma-07",
        "stem": "<p>Match each protocol to its default port.</p>",
        "points": 3,
        "domain": "Networking",
        "interaction": {
            "type": "matching",
            "sources": [
                { "id": "ssh", "content": "SSH" },
                { "id": "https", "content": "HTTPS" },
                { "id": "dns", "content": "DNS" }
            ],
            "targets": [
                { "id": "22", "content": "22" },
                { "id": "53", "content": "53" },
                { "id": "443", "content": "443" },
                { "id": "8080", "content": "8080" }
            ],
            "key": [["ssh", "22"], ["https", "443"], ["dns", "53"]],
            "rule": rule
        }
    }))
}

fn cloze() -> Item {
    item(json!({
        "id": "web-cl-08",
        "stem": "<p>Complete the sentence.</p>",
        "points": 3,
        "domain": "Web",
        "interaction": {
            "type": "cloze",
            "text": "HTTP/1.1 runs over {{transport}} on port {{port}}; HTTPS adds {{tls}}.",
            "gaps": [
                { "kind": "choice", "id": "transport", "key": "tcp", "choices": [
                    { "id": "tcp", "content": "TCP" },
                    { "id": "udp", "content": "UDP" }
                ] },
                { "kind": "text", "id": "port", "points": 1, "answers": [{ "value": "80" }] },
                { "kind": "text", "id": "tls", "answers": [
                    { "value": "TLS" },
                    { "value": "SSL", "points": 0.5 }
                ] }
            ]
        }
    }))
}

fn extended_text() -> Item {
    item(json!({
        "id": "sec-et-09",
        "stem": "<p>Explain the principle of least privilege.</p>",
        "points": 5,
        "domain": "Security",
        "interaction": { "type": "extended_text", "max_length": 50, "rubric": "Mentions minimal rights." }
    }))
}

// ---------------------------------------------------------------- single choice

#[test]
fn single_choice_full_zero_and_unanswered() {
    let it = single_choice();
    assert_scores(&it, json!("b"), ItemStatus::Correct, 2.0);
    assert_scores(&it, json!("c"), ItemStatus::Incorrect, 0.0);
    let none = score_item(&it, None, &policy()).unwrap();
    assert_eq!((none.status, none.points), (ItemStatus::Unanswered, 0.0));
    let null = score_item(&it, Some(&json::Value::Null), &policy()).unwrap();
    assert_eq!(null, none);
}

#[test]
fn single_choice_negative_marking() {
    let it = single_choice();
    let p = negative(0.25);
    let wrong = score_item(&it, Some(&json!("a").into()), &p).unwrap();
    assert_eq!(wrong.status, ItemStatus::Incorrect);
    assert_eq!(wrong.points, -0.5);
    let right = score_item(&it, Some(&json!("b").into()), &p).unwrap();
    assert_eq!(right.points, 2.0);
    let skipped = score_item(&it, None, &p).unwrap();
    assert_eq!(skipped.points, 0.0);
    assert!(skipped.points.is_sign_positive());
    let no_penalty = score_item(&it, Some(&json!("a").into()), &negative(0.0)).unwrap();
    assert!(no_penalty.points == 0.0 && no_penalty.points.is_sign_positive());
}

#[test]
fn single_choice_wrong_shapes() {
    let it = single_choice();
    assert!(assert_wrong_shape(&it, json!(2)).contains("number"));
    assert!(assert_wrong_shape(&it, json!("z")).contains("\"z\" names no choice"));
    assert_wrong_shape(&it, json!(["b"]));
}

// ---------------------------------------------------------------- multiple response

#[test]
fn multiple_response_all_or_nothing() {
    let it = multiple_response("all_or_nothing");
    assert_scores(
        &it,
        json!(["3des", "aes", "chacha"]),
        ItemStatus::Correct,
        3.0,
    );
    assert_scores(&it, json!(["aes", "chacha"]), ItemStatus::Incorrect, 0.0);
    assert_scores(
        &it,
        json!(["aes", "chacha", "3des", "rsa"]),
        ItemStatus::Incorrect,
        0.0,
    );
    assert_scores(&it, json!([]), ItemStatus::Incorrect, 0.0);
}

#[test]
fn multiple_response_per_option() {
    let it = multiple_response("per_option");
    // aes, chacha right (selected keys); rsa, ecdsa right (unselected non-keys); 3des wrong.
    assert_scores(
        &it,
        json!(["aes", "chacha"]),
        ItemStatus::Partial,
        3.0 * 4.0 / 5.0,
    );
    // Empty: only the two non-keys are judged right.
    assert_scores(&it, json!([]), ItemStatus::Partial, 3.0 * 2.0 / 5.0);
    assert_scores(
        &it,
        json!(["aes", "chacha", "3des"]),
        ItemStatus::Correct,
        3.0,
    );
    // Everything judged wrong.
    assert_scores(&it, json!(["rsa", "ecdsa"]), ItemStatus::Incorrect, 0.0);
}

#[test]
fn multiple_response_right_minus_wrong() {
    let it = multiple_response("right_minus_wrong");
    assert_scores(
        &it,
        json!(["aes", "chacha", "rsa"]),
        ItemStatus::Partial,
        1.0,
    );
    assert_scores(&it, json!(["aes", "chacha"]), ItemStatus::Partial, 2.0);
    assert_scores(
        &it,
        json!(["aes", "rsa", "ecdsa"]),
        ItemStatus::Incorrect,
        0.0,
    );
    assert_scores(
        &it,
        json!(["aes", "chacha", "3des"]),
        ItemStatus::Correct,
        3.0,
    );
}

#[test]
fn multiple_response_negative_marking_and_shapes() {
    let it = multiple_response("right_minus_wrong");
    let wrong = score_item(&it, Some(&json!(["rsa"]).into()), &negative(0.5)).unwrap();
    assert_eq!((wrong.status, wrong.points), (ItemStatus::Incorrect, -1.5));
    let partial = score_item(&it, Some(&json!(["aes"]).into()), &negative(0.5)).unwrap();
    assert_eq!((partial.status, partial.points), (ItemStatus::Partial, 1.0));

    assert!(assert_wrong_shape(&it, json!(["aes", "aes"])).contains("twice"));
    assert!(
        assert_wrong_shape(&it, json!(["aes", "rsa", "chacha", "ecdsa", "3des"]))
            .contains("at most 4")
    );
    assert!(assert_wrong_shape(&it, json!(["aes", "des"])).contains("\"des\" names no choice"));
    assert_wrong_shape(&it, json!("aes"));
    assert_wrong_shape(&it, json!(["aes", 3]));
}

// ---------------------------------------------------------------- true/false

#[test]
fn true_false_scoring_and_negative_marking() {
    let it = true_false();
    assert_scores(&it, json!(false), ItemStatus::Correct, 1.0);
    assert_scores(&it, json!(true), ItemStatus::Incorrect, 0.0);
    let wrong = score_item(&it, Some(&json!(true).into()), &negative(1.0)).unwrap();
    assert_eq!(wrong.points, -1.0);
    assert!(assert_wrong_shape(&it, json!("false")).contains("string"));
    assert_wrong_shape(&it, json!(0));
}

// ---------------------------------------------------------------- text entry

#[test]
fn text_entry_full_partial_zero() {
    let it = text_entry();
    assert_scores(&it, json!("Cascading"), ItemStatus::Correct, 2.0);
    assert_scores(&it, json!("cascade"), ItemStatus::Partial, 1.0);
    assert_scores(&it, json!("  cascading   STYLE "), ItemStatus::Partial, 1.5);
    assert_scores(&it, json!("Computer"), ItemStatus::Incorrect, 0.0);
    assert_scores(&it, json!(""), ItemStatus::Incorrect, 0.0);
}

#[test]
fn text_entry_negative_marking_does_not_apply() {
    let wrong = score_item(&text_entry(), Some(&json!("Colour").into()), &negative(1.0)).unwrap();
    assert_eq!((wrong.status, wrong.points), (ItemStatus::Incorrect, 0.0));
}

#[test]
fn text_entry_normalises_nfc_case_and_whitespace() {
    let cafe = item(json!({
        "id": "fr-te-10", "stem": "<p>Un espresso, en France ?</p>", "domain": "French",
        "interaction": { "type": "text_entry", "answers": [{ "value": "un caf\u{e9}" }] }
    }));
    assert_scores(&cafe, json!("un cafe\u{301}"), ItemStatus::Correct, 1.0);
    assert_scores(&cafe, json!("UN CAF\u{c9}"), ItemStatus::Correct, 1.0);
    assert_scores(
        &cafe,
        json!("\tun \n  caf\u{e9}  "),
        ItemStatus::Correct,
        1.0,
    );
    assert_scores(&cafe, json!("uncafé"), ItemStatus::Incorrect, 0.0);
    assert_scores(&cafe, json!("un cafe"), ItemStatus::Incorrect, 0.0);

    let symbol = item(json!({
        "id": "chem-te-11", "stem": "<p>Chemical symbol of sodium?</p>", "domain": "Chemistry",
        "interaction": { "type": "text_entry", "case_sensitive": true,
                         "answers": [{ "value": "Na" }] }
    }));
    assert_scores(&symbol, json!(" Na "), ItemStatus::Correct, 1.0);
    assert_scores(&symbol, json!("NA"), ItemStatus::Incorrect, 0.0);
    assert_scores(&symbol, json!("na"), ItemStatus::Incorrect, 0.0);
}

#[test]
fn text_entry_takes_the_best_matching_answer() {
    // Both answers match "colour" case-insensitively; the better one wins, whatever the order.
    let it = item(json!({
        "id": "en-te-12", "stem": "<p>Spell the British word.</p>", "points": 2, "domain": "English",
        "interaction": { "type": "text_entry", "answers": [
            { "value": "COLOUR", "points": 0.5 },
            { "value": "colour" }
        ] }
    }));
    assert_scores(&it, json!("Colour"), ItemStatus::Correct, 2.0);
}

#[test]
fn text_entry_wrong_shapes() {
    let it = text_entry();
    assert_wrong_shape(&it, json!(42));
    assert_wrong_shape(&it, json!(["Cascading"]));
    let long = "Cascading Style Sheets!";
    assert!(assert_wrong_shape(&it, json!(long)).contains("23 characters"));
    // 20 characters counted after NFC: 19 letters + a decomposed é (2 code points).
    assert_scores(
        &it,
        json!("abcdefghijklmnopqrse\u{301}"),
        ItemStatus::Incorrect,
        0.0,
    );
}

// ---------------------------------------------------------------- numeric

#[test]
fn numeric_absolute_tolerance_edges() {
    let it = numeric(json!({ "value": 9.81, "absolute_tolerance": 0.05 }));
    assert_scores(&it, json!(9.81), ItemStatus::Correct, 1.0);
    assert_scores(&it, json!(9.76), ItemStatus::Correct, 1.0);
    assert_scores(&it, json!(9.86), ItemStatus::Correct, 1.0);
    assert_scores(&it, json!(9.7599), ItemStatus::Incorrect, 0.0);
    assert_scores(&it, json!(9.8601), ItemStatus::Incorrect, 0.0);
    assert_scores(&it, json!(10), ItemStatus::Incorrect, 0.0);
}

#[test]
fn numeric_relative_exact_and_range() {
    let c = numeric(json!({ "value": 299792.458, "relative_tolerance": 0.01 }));
    assert_scores(&c, json!(296794.53342), ItemStatus::Correct, 1.0);
    assert_scores(&c, json!(302790.38258), ItemStatus::Correct, 1.0);
    assert_scores(&c, json!(296794.0), ItemStatus::Incorrect, 0.0);

    let exact = numeric(json!({ "value": 0.3 }));
    assert_scores(&exact, json!(0.1 + 0.2), ItemStatus::Correct, 1.0);
    assert_scores(&exact, json!(0.3001), ItemStatus::Incorrect, 0.0);

    let whole = numeric(json!({ "value": 42 }));
    assert_scores(&whole, json!(42), ItemStatus::Correct, 1.0);
    assert_scores(&whole, json!(-42), ItemStatus::Incorrect, 0.0);

    let range = numeric(json!({ "min": 18.5, "max": 24.9 }));
    assert_scores(&range, json!(18.5), ItemStatus::Correct, 1.0);
    assert_scores(&range, json!(24.9), ItemStatus::Correct, 1.0);
    assert_scores(&range, json!(21), ItemStatus::Correct, 1.0);
    assert_scores(&range, json!(18.49), ItemStatus::Incorrect, 0.0);
    assert_scores(&range, json!(24.91), ItemStatus::Incorrect, 0.0);
}

#[test]
fn numeric_wrong_shapes() {
    let it = numeric(json!({ "value": 9.81 }));
    assert!(assert_wrong_shape(&it, json!("9.81")).contains("string"));
    assert_wrong_shape(&it, json!([9.81]));
    assert_wrong_shape(&it, json!(true));
}

// ---------------------------------------------------------------- ordering

#[test]
fn ordering_exact() {
    let it = ordering("exact");
    assert_scores(
        &it,
        json!(["prepare", "detect", "contain", "recover"]),
        ItemStatus::Correct,
        3.0,
    );
    assert_scores(
        &it,
        json!(["detect", "prepare", "contain", "recover"]),
        ItemStatus::Incorrect,
        0.0,
    );
}

#[test]
fn ordering_adjacent_pairs() {
    let it = ordering("adjacent_pairs");
    assert_scores(
        &it,
        json!(["prepare", "detect", "contain", "recover"]),
        ItemStatus::Correct,
        3.0,
    );
    // (detect, contain) and (contain, recover) kept; (recover, prepare) is not keyed.
    assert_scores(
        &it,
        json!(["detect", "contain", "recover", "prepare"]),
        ItemStatus::Partial,
        2.0,
    );
    // Only (prepare, detect) kept.
    assert_scores(
        &it,
        json!(["recover", "contain", "prepare", "detect"]),
        ItemStatus::Partial,
        1.0,
    );
    // Reversed: every pair is in the wrong direction.
    assert_scores(
        &it,
        json!(["recover", "contain", "detect", "prepare"]),
        ItemStatus::Incorrect,
        0.0,
    );
}

#[test]
fn ordering_wrong_shapes() {
    let it = ordering("adjacent_pairs");
    assert!(
        assert_wrong_shape(&it, json!(["prepare", "detect", "contain"]))
            .contains("\"recover\" is missing")
    );
    assert!(
        assert_wrong_shape(&it, json!(["prepare", "detect", "detect", "recover"]))
            .contains("twice")
    );
    assert!(assert_wrong_shape(
        &it,
        json!(["prepare", "detect", "contain", "recover", "lessons"])
    )
    .contains("names no step"));
    assert_wrong_shape(&it, json!({ "0": "prepare" }));
}

// ---------------------------------------------------------------- matching

#[test]
fn matching_per_pair() {
    let it = matching("per_pair");
    assert_scores(
        &it,
        json!([["dns", "53"], ["ssh", "22"], ["https", "443"]]),
        ItemStatus::Correct,
        3.0,
    );
    assert_scores(
        &it,
        json!([["ssh", "22"], ["https", "8080"], ["dns", "53"]]),
        ItemStatus::Partial,
        2.0,
    );
    assert_scores(&it, json!([["ssh", "22"]]), ItemStatus::Partial, 1.0);
    assert_scores(
        &it,
        json!([["ssh", "443"], ["https", "22"]]),
        ItemStatus::Incorrect,
        0.0,
    );
    assert_scores(&it, json!([]), ItemStatus::Incorrect, 0.0);
}

#[test]
fn matching_all_or_nothing() {
    let it = matching("all_or_nothing");
    assert_scores(
        &it,
        json!([["https", "443"], ["dns", "53"], ["ssh", "22"]]),
        ItemStatus::Correct,
        3.0,
    );
    assert_scores(
        &it,
        json!([["ssh", "22"], ["https", "443"]]),
        ItemStatus::Incorrect,
        0.0,
    );
    assert_scores(
        &it,
        json!([["ssh", "22"], ["https", "443"], ["dns", "8080"]]),
        ItemStatus::Incorrect,
        0.0,
    );
}

#[test]
fn matching_wrong_shapes() {
    let it = matching("per_pair");
    assert!(assert_wrong_shape(&it, json!([["ssh", "22"], ["ssh", "22"]])).contains("twice"));
    assert!(assert_wrong_shape(&it, json!([["ssh", "21"]])).contains("\"21\" names no target"));
    assert!(assert_wrong_shape(&it, json!([["ftp", "21"]])).contains("names no source"));
    assert_wrong_shape(&it, json!([["ssh", "22", "tcp"]]));
    assert_wrong_shape(&it, json!([["ssh", 22]]));
    assert_wrong_shape(&it, json!({ "ssh": "22" }));
    // One-to-one key: a source cannot take every target to collect the right one.
    assert!(
        assert_wrong_shape(&it, json!([["ssh", "22"], ["ssh", "53"]])).contains("at most 1 target")
    );
}

// ---------------------------------------------------------------- cloze

#[test]
fn cloze_shares_points_among_gaps() {
    let it = cloze();
    // transport and tls share the 2 points port leaves: 1 each.
    assert_scores(
        &it,
        json!({ "transport": "tcp", "port": "80", "tls": "tls" }),
        ItemStatus::Correct,
        3.0,
    );
    assert_scores(
        &it,
        json!({ "transport": "tcp", "tls": "SSL" }),
        ItemStatus::Partial,
        1.5,
    );
    assert_scores(
        &it,
        json!({ "port": " 80 ", "tls": null }),
        ItemStatus::Partial,
        1.0,
    );
    assert_scores(
        &it,
        json!({ "transport": "udp", "port": "8080", "tls": "SSH" }),
        ItemStatus::Incorrect,
        0.0,
    );
    assert_scores(&it, json!({}), ItemStatus::Incorrect, 0.0);
}

#[test]
fn cloze_wrong_shapes() {
    let it = cloze();
    assert!(assert_wrong_shape(&it, json!({ "proto": "tcp" })).contains("\"proto\" names no gap"));
    assert!(assert_wrong_shape(&it, json!({ "port": 80 })).contains("gap \"port\""));
    assert!(assert_wrong_shape(&it, json!({ "transport": "sctp" }))
        .contains("\"sctp\" names no choice"));
    assert_wrong_shape(&it, json!(["tcp", "80", "TLS"]));
}

// ---------------------------------------------------------------- extended text

#[test]
fn extended_text_is_pending_manual() {
    let it = extended_text();
    let s = score_item(
        &it,
        Some(&json!("Give each account only the rights it needs.").into()),
        &negative(1.0),
    )
    .unwrap();
    assert_eq!(s.status, ItemStatus::PendingManual);
    assert_eq!((s.points, s.max_points), (0.0, 5.0));
    let empty = score(&it, json!(""));
    assert_eq!(empty.status, ItemStatus::PendingManual);
    let skipped = score_item(&it, None, &policy()).unwrap();
    assert_eq!(skipped.status, ItemStatus::Unanswered);
}

#[test]
fn extended_text_wrong_shapes() {
    let it = extended_text();
    assert_wrong_shape(&it, json!(5));
    assert!(assert_wrong_shape(&it, json!("x".repeat(51))).contains("51 characters"));
}

#[test]
fn check_response_accepts_null_and_good_shapes() {
    for (it, good) in [
        (single_choice(), json!("a")),
        (multiple_response("per_option"), json!([])),
        (true_false(), json!(true)),
        (text_entry(), json!("anything")),
        (numeric(json!({ "value": 1 })), json!(-3.5e-2)),
        (
            ordering("exact"),
            json!(["recover", "prepare", "contain", "detect"]),
        ),
        (matching("per_pair"), json!([["dns", "8080"]])),
        (cloze(), json!({ "transport": "udp" })),
        (extended_text(), json!("essay")),
    ] {
        assert_eq!(check_response(&it, &good.into()), Ok(()), "{}", it.id);
        assert_eq!(check_response(&it, &json::Value::Null), Ok(()), "{}", it.id);
    }
}

// ---------------------------------------------------------------- properties

fn all_items() -> Vec<Item> {
    vec![
        single_choice(),
        multiple_response("all_or_nothing"),
        multiple_response("per_option"),
        multiple_response("right_minus_wrong"),
        true_false(),
        text_entry(),
        numeric(json!({ "value": 9.81, "absolute_tolerance": 0.05 })),
        numeric(json!({ "min": 18.5, "max": 24.9 })),
        ordering("exact"),
        ordering("adjacent_pairs"),
        matching("per_pair"),
        matching("all_or_nothing"),
        cloze(),
        extended_text(),
    ]
}

/// A random response of valid shape for `item`.
fn valid_response(item: &Item) -> BoxedStrategy<Value> {
    use certa::model::{Gap, Interaction};
    let ids = |choices: &[certa::model::Choice]| -> Vec<String> {
        choices.iter().map(|c| c.id.clone()).collect()
    };
    match &item.interaction {
        Interaction::SingleChoice { choices, .. } => prop::sample::select(ids(choices))
            .prop_map(Value::from)
            .boxed(),
        Interaction::MultipleResponse {
            choices,
            max_choices,
            ..
        } => {
            let all = ids(choices);
            let max = max_choices.unwrap_or(all.len());
            prop::sample::subsequence(all, 0..=max)
                .prop_shuffle()
                .prop_map(|v| json!(v))
                .boxed()
        }
        Interaction::TrueFalse { .. } => any::<bool>().prop_map(Value::from).boxed(),
        Interaction::TextEntry { .. } => prop_oneof![
            "[ a-zA-Z\u{e9}\u{301}\t]{0,20}",
            prop::sample::select(vec!["Cascading", " cascade ", "CASCADING  style"])
                .prop_map(String::from),
        ]
        .prop_map(Value::from)
        .boxed(),
        Interaction::Numeric { .. } => prop_oneof![
            (-1e6..1e6f64),
            (9.7..9.9f64),
            any::<f64>().prop_filter("finite", |x| x.is_finite()),
        ]
        .prop_map(|x| json!(x))
        .boxed(),
        Interaction::Ordering { choices, .. } => Just(ids(choices))
            .prop_shuffle()
            .prop_map(|v| json!(v))
            .boxed(),
        Interaction::Matching {
            sources, targets, ..
        } => {
            let sources = ids(sources);
            let targets = ids(targets);
            let n = sources.len();
            prop::collection::vec(prop::option::of(prop::sample::select(targets)), n)
                .prop_map(move |picks| {
                    let pairs: Vec<Value> = sources
                        .iter()
                        .zip(picks)
                        .filter_map(|(s, t)| t.map(|t| json!([s, t])))
                        .collect();
                    Value::Array(pairs)
                })
                .boxed()
        }
        Interaction::Cloze { gaps, .. } => {
            let per_gap: Vec<BoxedStrategy<Option<(String, Value)>>> = gaps
                .iter()
                .map(|g| {
                    let id = g.id().to_string();
                    let value: BoxedStrategy<Value> = match g {
                        Gap::Text { .. } => prop_oneof![
                            "[ a-zA-Z0-9]{0,6}".prop_map(Value::from),
                            Just(json!("80")),
                            Just(json!("ssl")),
                            Just(Value::Null),
                        ]
                        .boxed(),
                        Gap::Choice { choices, .. } => prop::sample::select(ids(choices))
                            .prop_map(Value::from)
                            .boxed(),
                    };
                    prop::option::of(value.prop_map(move |v| (id.clone(), v))).boxed()
                })
                .collect();
            per_gap
                .prop_map(|entries| Value::Object(entries.into_iter().flatten().collect()))
                .boxed()
        }
        Interaction::ExtendedText { .. } => "[ a-z]{0,50}".prop_map(Value::from).boxed(),
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|x| json!(x)),
        "[a-z0-9]{0,3}".prop_map(Value::from),
        prop::sample::select(vec!["a", "b", "aes", "tcp", "ssh", "22", "prepare", "port"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec!["transport", "port", "tls", "x"]).prop_map(String::from),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn item_and_valid_response() -> impl Strategy<Value = (Item, Value)> {
    prop::sample::select(all_items()).prop_flat_map(|it| {
        let response = valid_response(&it);
        (Just(it), response)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn valid_responses_score_within_bounds((it, response) in item_and_valid_response()) {
        let response = json::Value::from(response);
        prop_assert_eq!(check_response(&it, &response), Ok(()));
        let s = score_item(&it, Some(&response), &policy()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(s.points >= 0.0 && s.points <= s.max_points, "{} scored {}", it.id, s.points);
        match s.status {
            ItemStatus::Correct => prop_assert_eq!(s.points, s.max_points),
            ItemStatus::Incorrect | ItemStatus::PendingManual => prop_assert_eq!(s.points, 0.0),
            ItemStatus::Partial => prop_assert!(s.points > 0.0 && s.points < s.max_points),
            ItemStatus::Unanswered => prop_assert!(false, "a response is never unanswered"),
        }
        let negative = score_item(&it, Some(&response), &negative(0.25)).unwrap();
        prop_assert!(negative.points >= -0.25 * s.max_points);
        prop_assert!(negative.points == s.points || s.status == ItemStatus::Incorrect);
    }

    #[test]
    fn random_json_never_panics(it in prop::sample::select(all_items()), response in any_json()) {
        let response = json::Value::from(response);
        let checked = check_response(&it, &response);
        let scored = score_item(&it, Some(&response), &policy());
        prop_assert_eq!(checked.is_ok(), scored.is_ok());
        match scored {
            Ok(s) => prop_assert!(s.points >= 0.0 && s.points <= s.max_points),
            Err(ScoreError::WrongShape { item_id, kind, .. }) => {
                prop_assert_eq!(item_id, it.id.clone());
                prop_assert_eq!(kind, it.interaction.kind());
            }
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }
}

#[test]
fn every_kind_is_covered() {
    let kinds: std::collections::BTreeSet<InteractionKind> =
        all_items().iter().map(|i| i.interaction.kind()).collect();
    assert_eq!(kinds.len(), 9);
}
