//! Package validation: parse errors carry the JSON path, and every rule violation is reported
//! at once with its path and a plain sentence.

use certa::model::{LoadError, Package, Problem};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
      "format": "certa/1", "id": "geo-101", "version": "1.0.0", "title": "Physical Geography — Unit Quiz", "language": "en",
      "outcomes": [
        {"id": "GEO-1", "statement": "Describe the water cycle.", "mastery": 0.75, "required": true, "min_items": 1},
        {"id": "GEO-2", "statement": "Interpret a climate graph.", "mastery": 0.75, "required": false, "min_items": 1}
      ],
      "items": [
        {"id": "g1", "stem": "<p>Which process turns water vapour into droplets?</p>", "domain": "Water",
         "outcomes": [{"outcome": "GEO-1", "weight": 1}],
         "interaction": {"type": "single_choice", "choices": [
           {"id": "a", "content": "Evaporation"}, {"id": "b", "content": "Condensation"}, {"id": "c", "content": "Infiltration"}], "key": "b"}},
        {"id": "g2", "stem": "<p>Mean July temperature in the graph, in °C?</p>", "domain": "Climate",
         "outcomes": [{"outcome": "GEO-2"}],
         "interaction": {"type": "numeric", "key": {"value": 18.5, "absolute_tolerance": 0.5}, "unit": "°C"}},
        {"id": "g3", "stem": "<p>Complete the sentence.</p>", "domain": "Water",
         "outcomes": [{"outcome": "GEO-1"}],
         "interaction": {"type": "cloze", "text": "<p>Water soaking into soil is {{g}}; flowing over land is {{r}}.</p>", "gaps": [
            {"kind": "text", "id": "g", "answers": [{"value": "infiltration"}]},
            {"kind": "choice", "id": "r", "choices": [{"id": "x", "content": "runoff"}, {"id": "y", "content": "transpiration"}], "key": "x"}]}}
      ],
      "blueprint": {"length": 3},
      "scoring": {"cut_score": 70},
      "credential": {"kind": "certificate", "name": "Unit 1 Certificate"}
    })
}

fn problems(doc: &Value) -> Vec<Problem> {
    match Package::load(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems(),
    }
}

fn has(problems: &[Problem], path: &str, needle: &str) -> bool {
    problems
        .iter()
        .any(|p| p.path == path && p.message.contains(needle))
}

#[test]
fn a_good_package_loads() {
    let p = Package::load(&base().to_string()).expect("valid");
    assert_eq!(p.items.len(), 3);
    assert_eq!(p.domains(), vec!["Water", "Climate"]);
}

#[test]
fn parse_errors_name_the_path_and_position() {
    let mut doc = base();
    doc["items"][1]["interaction"]["key"]["value"] = json!("eighteen");
    let parse_path = |doc: &Value| match Package::load(&doc.to_string()).unwrap_err() {
        LoadError::Parse { path, message, .. } => (path, message),
        other => panic!("expected a parse error, got {other:?}"),
    };
    let (path, message) = parse_path(&doc);
    assert_eq!(path, "items[1].interaction.key.value");
    assert!(message.contains("\"eighteen\""), "{message}");
    let mut doc = base();
    doc["items"][2]["interaction"]["gaps"][1]["choices"][0]["id"] = json!(7);
    assert_eq!(
        parse_path(&doc).0,
        "items[2].interaction.gaps[1].choices[0].id"
    );
    let mut doc = base();
    doc["items"][2]["interaction"]["gaps"][0]
        .as_object_mut()
        .unwrap()
        .remove("kind");
    let (path, message) = parse_path(&doc);
    assert_eq!(path, "items[2].interaction.gaps[0]");
    assert!(message.contains("missing field `kind`"), "{message}");
    let mut doc = base();
    doc["items"][0]["interaction"]["type"] = json!(3);
    assert_eq!(parse_path(&doc).0, "items[0].interaction.type");
    let mut doc = base();
    doc["credential"]["validity_days"] = json!(-5);
    assert_eq!(parse_path(&doc).0, "credential.validity_days");
    let mut doc = base();
    doc["items"][0]["interaction"]["choices"][1]["pinned"] = json!("yes");
    assert_eq!(parse_path(&doc).0, "items[0].interaction.choices[1].pinned");
    let mut doc = base();
    doc["outcomes"][1]["mastery"] = json!("high");
    match Package::load(&doc.to_string()).unwrap_err() {
        LoadError::Parse { path, .. } => assert_eq!(path, "outcomes[1].mastery"),
        other => panic!("expected a parse error, got {other:?}"),
    }
    let mut doc = base();
    doc["items"][0]["interaction"]["type"] = json!("hotspot");
    let err = Package::load(&doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("items[0].interaction"), "{err}");
    assert!(err.to_string().contains("hotspot"), "{err}");
    let mut doc = base();
    doc["items"][0]["colour"] = json!("red");
    let err = Package::load(&doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
    let err = Package::load("{\"format\": \"certa/1\",").unwrap_err();
    assert!(matches!(err, LoadError::Parse { line: 1, .. }), "{err:?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut doc = base();
    doc["format"] = json!("certa/2");
    doc["items"][1]["id"] = json!("g1");
    doc["items"][0]["interaction"]["choices"][2]["id"] = json!("b");
    doc["items"][0]["interaction"]["key"] = json!("d");
    doc["items"][0]["outcomes"][0]["outcome"] = json!("GEO-9");
    doc["items"][0]["outcomes"][0]["weight"] = json!(-1);
    doc["items"][1]["interaction"]["key"]["absolute_tolerance"] = json!(-0.5);
    doc["items"][2]["interaction"]["text"] = json!("<p>{{g}} and {{g}} and {{z}}</p>");
    doc["blueprint"]["length"] = json!(7);
    doc["scoring"]["cut_score"] = json!(140);
    let ps = problems(&doc);
    for (path, needle) in [
        ("format", "unsupported format \"certa/2\""),
        ("items[1].id", "duplicate id \"g1\""),
        ("items[0].interaction.choices[2].id", "duplicate id \"b\""),
        ("items[0].interaction.key", "key \"d\" names no choice"),
        ("items[0].outcomes[0].outcome", "unknown outcome \"GEO-9\""),
        ("items[0].outcomes[0].weight", "greater than 0"),
        (
            "items[1].interaction.key.absolute_tolerance",
            "tolerance must be 0 or more",
        ),
        ("items[2].interaction.text", "marked 2 times"),
        ("items[2].interaction.text", "marker {{z}} names no gap"),
        ("items[2].interaction.text", "gap \"r\" has no {{r}} marker"),
        ("blueprint.length", "needs 7 items but the bank holds 3"),
        ("scoring.cut_score", "between 0 and 100"),
    ] {
        assert!(
            has(&ps, path, needle),
            "missing {path}: {needle}\n got: {ps:#?}"
        );
    }
    assert_eq!(ps.len(), 12, "{ps:#?}");
}

#[test]
fn interaction_rules() {
    let mut doc = base();
    doc["items"][0]["interaction"] = json!({"type": "multiple_response", "choices": [
        {"id": "a", "content": "x"}, {"id": "b", "content": "y"}], "keys": ["a", "a", "q"], "max_choices": 1});
    doc["items"][1]["interaction"] = json!({"type": "ordering", "choices": [
        {"id": "s1", "content": "first"}, {"id": "s2", "content": "second"}, {"id": "s3", "content": "third"}], "key": ["s2", "s1"]});
    doc["items"][2]["interaction"] = json!({"type": "matching",
        "sources": [{"id": "m1", "content": "Delta"}], "targets": [{"id": "t1", "content": "River mouth"}],
        "key": [["m1", "t1"], ["m1", "t1"], ["m2", "t1"]]});
    let ps = problems(&doc);
    assert!(
        has(&ps, "items[0].interaction.keys[1]", "listed twice"),
        "{ps:#?}"
    );
    assert!(
        has(
            &ps,
            "items[0].interaction.keys[2]",
            "key \"q\" names no choice"
        ),
        "{ps:#?}"
    );
    assert!(
        has(&ps, "items[0].interaction.max_choices", "found 1"),
        "{ps:#?}"
    );
    assert!(
        has(&ps, "items[1].interaction.key", "step \"s3\" is missing"),
        "{ps:#?}"
    );
    assert!(
        has(&ps, "items[2].interaction.key[1]", "listed twice"),
        "{ps:#?}"
    );
    assert!(
        has(
            &ps,
            "items[2].interaction.key[2][0]",
            "key \"m2\" names no source"
        ),
        "{ps:#?}"
    );

    let mut doc = base();
    doc["items"][1]["interaction"] =
        json!({"type": "numeric", "key": {"value": 3, "min": 1, "max": 5}});
    doc["items"][0]["interaction"] =
        json!({"type": "text_entry", "answers": [{"value": "condensation", "points": 0.5}]});
    let ps = problems(&doc);
    assert!(has(&ps, "items[1].interaction.key", "not both"), "{ps:#?}");
    assert!(
        has(
            &ps,
            "items[0].interaction.answers",
            "no accepted answer earns the full 1 point(s)"
        ),
        "{ps:#?}"
    );
}

#[test]
fn blueprint_rules() {
    let mut doc = base();
    doc["blueprint"] = json!({
        "length": 3,
        "sections": [{"id": "s", "domains": ["Water", "Ocean"]}, {"id": "s", "domains": ["Water"]}],
        "domains": [{"id": "Water", "percent": 70}, {"id": "Climate", "percent": 40}, {"id": "Glaciers", "count": 1}],
        "outcomes": [{"id": "GEO-1", "count": 5}],
        "pinned": ["g1", "g1", "g7"],
        "difficulty": {"kind": "maximize_information", "theta": 0.0},
        "exposure": {"randomesque": 0, "max_rate": 1.5}
    });
    let ps = problems(&doc);
    for (path, needle) in [
        ("blueprint.sections[1].id", "duplicate id \"s\""),
        (
            "blueprint.sections[0].domains[1]",
            "unknown domain \"Ocean\"",
        ),
        (
            "blueprint.sections[1].domains[0]",
            "already in section \"s\"",
        ),
        (
            "blueprint.sections",
            "domain \"Climate\" belongs to no section",
        ),
        ("blueprint.domains[2].id", "unknown domain \"Glaciers\""),
        ("blueprint.domains", "percentages add up to 110"),
        ("blueprint.domains", "not both"),
        (
            "blueprint.outcomes",
            "counts add up to 5, more than the form length 3",
        ),
        ("blueprint.pinned[1]", "pinned twice"),
        ("blueprint.pinned[2]", "unknown item \"g7\""),
        ("items[0].irt", "needs IRT parameters on every item"),
        ("blueprint.exposure.randomesque", "at least 1"),
        ("blueprint.exposure.max_rate", "found 1.5"),
    ] {
        assert!(
            has(&ps, path, needle),
            "missing {path}: {needle}\n got: {ps:#?}"
        );
    }
}

#[test]
fn sets_policies_and_outcomes() {
    let mut doc = base();
    doc["sets"] = json!([{"id": "S1", "stimulus": "<p>Graph</p>", "draw": 3}, {"id": "S2"}]);
    doc["items"][1]["set"] = json!("S1");
    doc["items"][2]["set"] = json!("S9");
    doc["outcomes"][1]["mastery"] = json!(1.2);
    doc["outcomes"][0]["uri"] = json!("case-item-17");
    doc["credential"] = json!({"kind": "certification", "name": "", "validity_days": 0});
    doc["attempts"] = json!({"max": 0});
    doc["scoring"]["negative_marking"] = json!({"enabled": true, "penalty": 2});
    let ps = problems(&doc);
    for (path, needle) in [
        ("sets[0].draw", "between 1 and the set's 1 item(s), found 3"),
        ("sets[1]", "set \"S2\" has no items"),
        ("items[2].set", "unknown set \"S9\""),
        ("outcomes[1].mastery", "between 0 and 1"),
        ("outcomes[0].uri", "absolute"),
        ("credential.name", "must not be empty"),
        ("credential.validity_days", "at least 1 day"),
        ("attempts.max", "at least 1"),
        ("scoring.negative_marking.penalty", "between 0 and 1"),
    ] {
        assert!(
            has(&ps, path, needle),
            "missing {path}: {needle}\n got: {ps:#?}"
        );
    }
}

#[test]
fn hostile_input_never_panics() {
    let deep = "[".repeat(10_000);
    for text in [
        "",
        "null",
        "[]",
        "{\"format\": \"certa/1\"}",
        deep.as_str(),
        "{\"items\": [{\"id\": \"\u{0}\"}]}",
        "\u{feff}{}",
    ] {
        assert!(Package::load(text).is_err());
    }
    let mut doc = base();
    doc["blueprint"]["length"] = json!(u64::MAX);
    doc["items"][0]["points"] = json!(1e308);
    doc["items"][1]["interaction"]["key"] = json!({"min": 1e308, "max": -1e308});
    let ps = problems(&doc);
    assert!(!ps.is_empty());
}

#[test]
fn packages_round_trip_in_the_documented_shape() {
    for path in [
        "examples/certificate-quiz.json",
        "examples/certification-exam.json",
    ] {
        let package = Package::load(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = serde_json::to_string(&package).unwrap();
        assert_eq!(Package::load(&text).unwrap(), package, "{path}");
        let value: Value = serde_json::from_str(&text).unwrap();
        assert!(
            value["items"][0]["interaction"]["type"].is_string(),
            "{path}"
        );
        assert!(value["credential"]["kind"].is_string(), "{path}");
        assert!(
            value["blueprint"]["difficulty"]["kind"].is_string(),
            "{path}"
        );
    }
}

#[test]
fn duplicate_keys_are_refused_not_silently_dropped() {
    // JSON allows repeated keys; an author who wrote two keys meant something, so the package
    // is refused with the place named instead of keeping whichever came last.
    let text = base().to_string();
    let twice = text.replacen("\"key\":\"b\"", "\"key\":\"b\",\"key\":\"c\"", 1);
    assert_ne!(twice, text);
    match Package::load(&twice).unwrap_err() {
        LoadError::Parse { path, message, .. } => {
            assert_eq!(path, "items[0].interaction.key");
            assert!(message.contains("duplicate field `key`"), "{message}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let nested = text.replacen(
        "{\"content\":\"Condensation\",\"id\":\"b\"}",
        "{\"content\":\"Condensation\",\"id\":\"b\",\"id\":\"z\"}",
        1,
    );
    assert_ne!(nested, text);
    match Package::load(&nested).unwrap_err() {
        LoadError::Parse { path, message, .. } => {
            assert_eq!(path, "items[0].interaction.choices[1].id");
            assert!(message.contains("duplicate field `id`"), "{message}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let top = text.replacen(
        "\"language\":\"en\"",
        "\"language\":\"en\",\"language\":\"fr\"",
        1,
    );
    assert_ne!(top, text);
    assert!(Package::load(&top)
        .unwrap_err()
        .to_string()
        .contains("duplicate field `language`"));
}
