//! GIFT import on the fixtures in `tests/fixtures/gift/`: every question type and escape, the
//! 100-question bank (imports, validates, assembles, and every item scores full marks for its
//! key and nothing for a wrong answer), weighted answers scoring their weight, warnings for
//! weights certa cannot express, ids and domains, and errors with their line and column.

use std::collections::BTreeMap;

use certa::assemble::{assemble_form, AssemblyContext, Seed};
use certa::import::gift::{
    gift_package, parse_gift, parse_gift_bytes, parse_gift_with, GiftImport, GiftOptions,
    PackageSettings,
};
use certa::model::{Gap, Interaction, Item, MultipleResponseRule, Package, ScoringPolicy};
use certa::score::{score_item, ItemStatus};
use serde_json::{json, Value};

const DIR: &str = "tests/fixtures/gift";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).expect("fixture exists")
}

fn import(name: &str) -> GiftImport {
    parse_gift(&fixture(name), name).unwrap_or_else(|e| panic!("{e}"))
}

fn item<'a>(import: &'a GiftImport, id: &str) -> &'a Item {
    import
        .items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn scoring() -> ScoringPolicy {
    ScoringPolicy {
        cut_score: 70.0,
        scale: Default::default(),
        negative_marking: Default::default(),
        rounding: Default::default(),
    }
}

/// Points and status of one response.
fn score(item: &Item, response: Value) -> (f64, ItemStatus) {
    let s = score_item(item, Some(&response.into()), &scoring()).unwrap_or_else(|e| panic!("{e}"));
    (s.points, s.status)
}

fn package_of(import: &GiftImport) -> Package {
    let package = gift_package(import, &PackageSettings::new("fixture", "Fixture"));
    // Through JSON, as `certa validate` reads it.
    let json = serde_json::to_string(&package).unwrap();
    Package::load(&json).unwrap_or_else(|e| panic!("{:#?}", e.problems()))
}

#[test]
fn types_fixture_maps_every_question_type() {
    let imp = import("types.gift");
    assert_eq!(imp.items.len(), 16);
    let kinds: Vec<&str> = imp
        .items
        .iter()
        .map(|i| i.interaction.kind().as_str())
        .collect();
    for kind in [
        "single_choice",
        "multiple_response",
        "true_false",
        "text_entry",
        "numeric",
        "matching",
        "cloze",
        "extended_text",
    ] {
        assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
    }

    let ohm = item(&imp, "ohm-unit");
    let Interaction::SingleChoice { choices, key, .. } = &ohm.interaction else {
        panic!("{ohm:?}")
    };
    assert_eq!(key, "a");
    assert_eq!(choices[0].content, "the ohm");
    assert_eq!(choices[0].feedback.as_deref(), Some("Right: 1 Ω = 1 V/A."));
    assert_eq!(choices[2].feedback, None);
    let fb = ohm.feedback.as_ref().unwrap();
    assert_eq!(
        fb.correct.as_deref(),
        Some("Resistance is measured in ohms (Ω).")
    );
    assert_eq!(
        fb.incorrect, fb.correct,
        "general feedback goes to every outcome"
    );

    let gases = item(&imp, "noble-gases");
    let Interaction::MultipleResponse { keys, rule, .. } = &gases.interaction else {
        panic!("{gases:?}")
    };
    assert_eq!(keys, &["a", "b"]);
    assert_eq!(*rule, MultipleResponseRule::RightMinusWrong);

    let tf = item(&imp, "current-tf");
    assert_eq!(tf.interaction, Interaction::TrueFalse { key: true });
    let fb = tf.feedback.as_ref().unwrap();
    assert_eq!(
        fb.incorrect.as_deref(),
        Some("Think about where the current flows.")
    );
    assert_eq!(
        fb.correct.as_deref(),
        Some("Correct: all the current must pass through it.")
    );
    assert_eq!(
        item(&imp, "voltage-tf").interaction,
        Interaction::TrueFalse { key: false }
    );

    assert_eq!(
        serde_json::to_value(&item(&imp, "power-symbol").interaction).unwrap(),
        json!({"type": "text_entry", "case_sensitive": false, "answers": [
            {"value": "P"}, {"value": "p"}, {"value": "W", "points": 0.5}]})
    );
    let numeric =
        |id: &str| serde_json::to_value(&item(&imp, id).interaction).unwrap()["key"].clone();
    assert_eq!(numeric("ohm-law-numeric"), json!({"value": 6.0}));
    assert_eq!(
        numeric("resistor-tolerance"),
        json!({"value": 4.935, "absolute_tolerance": 0.0005})
    );
    assert_eq!(numeric("range"), json!({"min": 1.0, "max": 5.0}));
    assert_eq!(numeric("grant-born"), json!({"value": 1822.0}));
    let grant = item(&imp, "grant-born").feedback.as_ref().unwrap();
    assert_eq!(grant.incorrect.as_deref(), Some("That is not the year."));

    let Interaction::Matching {
        sources,
        targets,
        key,
        ..
    } = &item(&imp, "match-units").interaction
    else {
        panic!()
    };
    assert_eq!(sources.len(), 3);
    assert_eq!(
        targets.len(),
        4,
        "the pair with an empty question is a distractor"
    );
    assert_eq!(targets[3].content, "kelvin");
    assert_eq!(key[2], ("s3".to_string(), "t3".to_string()));

    let essay = item(&imp, "explain");
    assert_eq!(
        essay.stem,
        "Explain <strong>in your own words</strong> why copper is used for wires."
    );
    let Interaction::ExtendedText { rubric, .. } = &essay.interaction else {
        panic!()
    };
    assert_eq!(
        rubric.as_deref(),
        Some("A good answer mentions low <em>resistivity</em>, ductility and cost.")
    );

    let Interaction::Cloze { text, gaps } = &item(&imp, "missing-choice").interaction else {
        panic!()
    };
    assert_eq!(
        text,
        "The current in a series circuit is {{blank}} through every component."
    );
    assert!(
        matches!(&gaps[0], Gap::Choice { key, choices, .. } if key == "b" && choices.len() == 3)
    );
    let Interaction::Cloze { text, gaps } = &item(&imp, "missing-text").interaction else {
        panic!()
    };
    assert_eq!(text, "Ohm's law states that V equals I times {{blank}}.");
    assert!(matches!(&gaps[0], Gap::Text { answers, .. } if answers.len() == 3));

    assert_eq!(
        item(&imp, "plain-text").stem,
        "Is 3 &lt; 5 &amp;&amp; 5 &gt; 3 ?"
    );
    let html = item(&imp, "html-text");
    assert_eq!(
        html.stem,
        "<p>Which tag makes <strong>bold</strong> text?</p>"
    );
    let Interaction::SingleChoice { choices, .. } = &html.interaction else {
        panic!()
    };
    assert_eq!(
        choices[0].content, "&lt;strong&gt;",
        "[plain] answers are escaped"
    );

    // No title: numbered by position among the questions.
    assert_eq!(imp.items[15].id, "q016");
    assert_eq!(imp.skipped.len(), 1);
    assert!(
        imp.skipped[0].reason.contains("description"),
        "{:?}",
        imp.skipped
    );
    assert_eq!(imp.skipped[0].location.line, 64);

    let domains: Vec<(&str, usize)> = imp
        .domains
        .iter()
        .map(|d| (d.name.as_str(), d.items))
        .collect();
    assert_eq!(domains, [("Basics", 4), ("Formulas", 7), ("Language", 5)]);
    assert_eq!(
        imp.domains[0].categories,
        ["$course$/top/Electricity/Basics"]
    );
    package_of(&imp);
}

#[test]
fn escapes_fixture_keeps_special_characters_as_text() {
    let imp = import("escapes.gift");
    assert_eq!(imp.items.len(), 6);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let set = item(&imp, "set-braces");
    assert_eq!(
        set.stem,
        "In set notation, which of these is the empty set {}?"
    );
    let Interaction::SingleChoice { choices, key, .. } = &set.interaction else {
        panic!()
    };
    assert_eq!(key, "a");
    let contents: Vec<&str> = choices.iter().map(|c| c.content.as_str()).collect();
    assert_eq!(contents, ["{}", "{0}", "0 ~ nothing"]);
    assert_eq!(
        choices[1].feedback.as_deref(),
        Some("No: it holds 0 = zero.")
    );
    let answers = |id: &str| match &item(&imp, id).interaction {
        Interaction::TextEntry { answers, .. } => {
            answers.iter().map(|a| a.value.clone()).collect::<Vec<_>>()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(answers("hash-sign"), ["#"]);
    assert_eq!(answers("backslash"), ["\\"]);
    assert_eq!(answers("colon"), ["1/2", "0.5"]);
    assert_eq!(
        item(&imp, "backslash").stem,
        "Which string is a Windows path separator? Type it: \\"
    );
    assert_eq!(
        item(&imp, "line-breaks").stem,
        "First line<br>second line, see https://example.org/a//b"
    );
    assert!(item(&imp, "comment-after-text")
        .stem
        .ends_with("// not a comment: it is part of the text"));
    assert_eq!(
        item(&imp, "colon").stem,
        "What is the ratio 1:2 written as a fraction?"
    );
}

#[test]
fn windows_line_endings_and_a_bom_import_the_same() {
    for name in ["types.gift", "escapes.gift", "hundred.gift"] {
        let unix = fixture(name);
        let windows = format!("\u{FEFF}{}", unix.replace('\n', "\r\n"));
        let a = parse_gift(&unix, name).unwrap();
        let b = parse_gift_bytes(windows.as_bytes(), name, &GiftOptions::default()).unwrap();
        assert_eq!(a, b, "{name}");
        let mac = unix.replace('\n', "\r");
        assert_eq!(
            parse_gift(&mac, name).unwrap(),
            a,
            "{name} with CR line endings"
        );
    }
    // Positions are the same too (the BOM is not a column).
    let broken = "::A:: one {T}\n\n::B:: two {=x ~y\n";
    let e1 = parse_gift(broken, "f").unwrap_err();
    let e2 = parse_gift(&format!("\u{FEFF}{}", broken.replace('\n', "\r\n")), "f").unwrap_err();
    assert_eq!(e1, e2);
    assert_eq!((e1.location.line, e1.location.column), (3, 11));
}

#[test]
fn hundred_questions_import_validate_and_assemble() {
    let imp = import("hundred.gift");
    assert_eq!(imp.items.len(), 100);
    assert!(imp.skipped.is_empty());
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &imp.items {
        *kinds.entry(i.interaction.kind().as_str()).or_default() += 1;
    }
    assert_eq!(
        kinds,
        BTreeMap::from([
            ("cloze", 10),
            ("extended_text", 5),
            ("matching", 5),
            ("multiple_response", 10),
            ("numeric", 10),
            ("single_choice", 30),
            ("text_entry", 15),
            ("true_false", 15),
        ])
    );
    let domains: Vec<(&str, usize)> = imp
        .domains
        .iter()
        .map(|d| (d.name.as_str(), d.items))
        .collect();
    assert_eq!(
        domains,
        [
            ("Addressing", 20),
            ("Protocols", 20),
            ("Security", 20),
            ("Linux command line", 20),
            ("Databases", 20)
        ]
    );
    // The one thing certa cannot express: a 50% numeric answer.
    assert_eq!(imp.warnings.len(), 1, "{:#?}", imp.warnings);
    assert_eq!(
        imp.warnings[0].item_id.as_deref(),
        Some("addr-16-prefix-for-500-hosts")
    );

    let package = package_of(&imp);
    assert_eq!(package.blueprint.length, 100);
    assert_eq!(package.outcomes.len(), 5);
    assert_eq!(package.scoring.cut_score, 70.0);
    assert!(package.items.iter().all(|i| i.outcomes.len() == 1));
    let form = assemble_form(&package, Seed(7), &AssemblyContext::default()).unwrap();
    assert_eq!(form.items.len(), 100);
}

/// The response that the key of an item gives full marks to.
fn right_response(item: &Item) -> Value {
    match &item.interaction {
        Interaction::SingleChoice { key, .. } => json!(key),
        Interaction::MultipleResponse { keys, .. } => json!(keys),
        Interaction::TrueFalse { key } => json!(key),
        Interaction::TextEntry { answers, .. } => {
            json!(answers
                .iter()
                .find(|a| a.points.is_none())
                .unwrap()
                .value
                .to_uppercase())
        }
        Interaction::Numeric { key, .. } => match key.value {
            Some(v) => json!(v + key.absolute_tolerance.unwrap_or(0.0)),
            None => json!((key.min.unwrap() + key.max.unwrap()) / 2.0),
        },
        Interaction::Matching { key, .. } => json!(key),
        Interaction::Cloze { gaps, .. } => {
            let mut out = serde_json::Map::new();
            for gap in gaps {
                let value = match gap {
                    Gap::Choice { key, .. } => key.clone(),
                    Gap::Text { answers, .. } => answers
                        .iter()
                        .find(|a| a.points.is_none())
                        .unwrap()
                        .value
                        .clone(),
                };
                out.insert(gap.id().to_string(), json!(value));
            }
            Value::Object(out)
        }
        Interaction::ExtendedText { .. } => json!("An answer for the grader."),
        Interaction::Ordering { key, .. } => json!(key),
    }
}

/// A response that earns nothing.
fn wrong_response(item: &Item) -> Value {
    let other = |choices: &[certa::model::Choice], key: &str| {
        json!(choices.iter().find(|c| c.id != key).unwrap().id)
    };
    match &item.interaction {
        Interaction::SingleChoice { choices, key, .. } => other(choices, key),
        Interaction::MultipleResponse { choices, keys, .. } => json!(choices
            .iter()
            .filter(|c| !keys.contains(&c.id))
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()),
        Interaction::TrueFalse { key } => json!(!key),
        Interaction::TextEntry { .. } => json!("certainly not this"),
        Interaction::Numeric { key, .. } => json!(key.value.or(key.max).unwrap() + 1000.0),
        Interaction::Matching { key, .. } => {
            // Each source with the next source's target: no pair is right.
            let n = key.len();
            json!((0..n)
                .map(|i| [key[i].0.clone(), key[(i + 1) % n].1.clone()])
                .collect::<Vec<_>>())
        }
        Interaction::Cloze { gaps, .. } => {
            let mut out = serde_json::Map::new();
            for gap in gaps {
                let value = match gap {
                    Gap::Choice { choices, key, .. } => other(choices, key),
                    Gap::Text { .. } => json!("certainly not this"),
                };
                out.insert(gap.id().to_string(), value);
            }
            Value::Object(out)
        }
        Interaction::ExtendedText { .. } | Interaction::Ordering { .. } => Value::Null,
    }
}

#[test]
fn every_imported_item_scores_full_marks_for_its_key_and_zero_for_a_wrong_answer() {
    let package = package_of(&import("hundred.gift"));
    let mut checked = 0;
    for item in &package.items {
        let (points, status) = score(item, right_response(item));
        if matches!(item.interaction, Interaction::ExtendedText { .. }) {
            assert_eq!(status, ItemStatus::PendingManual, "{}", item.id);
            continue;
        }
        assert_eq!(
            (points, status),
            (item.points, ItemStatus::Correct),
            "{}",
            item.id
        );
        let (points, status) = score(item, wrong_response(item));
        assert_eq!(
            (points, status),
            (0.0, ItemStatus::Incorrect),
            "{}",
            item.id
        );
        checked += 1;
    }
    assert_eq!(checked, 95);
}

#[test]
fn weighted_answers_score_their_weight() {
    let imp = import("types.gift");
    let gases = item(&imp, "noble-gases");
    assert_eq!(score(gases, json!(["a"])), (0.5, ItemStatus::Partial));
    assert_eq!(score(gases, json!(["a", "b"])), (1.0, ItemStatus::Correct));
    assert_eq!(
        score(gases, json!(["a", "c"])),
        (0.0, ItemStatus::Incorrect),
        "-50% cancels +50%"
    );
    assert_eq!(score(gases, json!(["a", "b", "d"])).0, 0.5);
    assert_eq!(
        score(item(&imp, "power-symbol"), json!("w")),
        (0.5, ItemStatus::Partial)
    );
    assert_eq!(score(item(&imp, "power-symbol"), json!("P")).0, 1.0);
    assert_eq!(
        score(item(&imp, "missing-text"), json!({"blank": "Ω"})),
        (0.5, ItemStatus::Partial)
    );
    assert_eq!(
        score(item(&imp, "missing-text"), json!({"blank": "resistance"})).0,
        1.0
    );
    assert_eq!(
        score(item(&imp, "resistor-tolerance"), json!(4.9356)).0,
        0.0
    );
    assert_eq!(
        score(item(&imp, "resistor-tolerance"), json!(4.9345)).0,
        1.0
    );
    assert_eq!(score(item(&imp, "range"), json!(5)).0, 1.0);
    assert_eq!(score(item(&imp, "range"), json!(5.01)).0, 0.0);
    let pairs = json!([["s1", "t1"], ["s2", "t2"], ["s3", "t4"]]);
    let (points, status) = score(item(&imp, "match-units"), pairs);
    assert!((points - 2.0 / 3.0).abs() < 1e-12 && status == ItemStatus::Partial);

    // Three right answers of 33.33333% each, wrong ones -33.33333%: exact right-minus-wrong.
    let hundred = import("hundred.gift");
    let joins = item(&hundred, "db-08-joins");
    let (points, _) = score(joins, json!(["a", "b"]));
    assert!((points - 2.0 / 3.0).abs() < 1e-12);
    let (points, _) = score(joins, json!(["a", "b", "d"]));
    assert!((points - 1.0 / 3.0).abs() < 1e-12);
    // A 50% short answer, with points to match.
    let opts = GiftOptions {
        points: 4.0,
        ..GiftOptions::default()
    };
    let imp = parse_gift_with(&fixture("hundred.gift"), "h", &opts).unwrap();
    assert_eq!(
        score(item(&imp, "prot-14-http-verb"), json!("put")),
        (2.0, ItemStatus::Partial)
    );
}

fn warnings_of(text: &str) -> Vec<String> {
    parse_gift(text, "w.gift")
        .unwrap_or_else(|e| panic!("{e}"))
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn weights_certa_cannot_express_are_imported_with_a_warning_naming_the_item() {
    let w = warnings_of("::Partial single::Pick one {=right ~%50%half ~%-25%minus ~wrong}");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with(
            "w.gift:1:1: item \"partial-single\": a single-choice item has no partial credit"
        ),
        "{}",
        w[0]
    );
    assert!(
        w[0].contains("50% for \"half\", -25% for \"minus\""),
        "{}",
        w[0]
    );

    let w = warnings_of("::No penalty::Pick {~%50%a ~%50%b ~c ~d}");
    assert!(
        w[0].contains("item \"no-penalty\"") && w[0].contains("cost nothing in Moodle"),
        "{w:?}"
    );
    let w = warnings_of("::Uneven::Pick {~%70%a ~%30%b ~%-100%c}");
    assert!(
        w[0].contains("weigh 70%, 30% in GIFT, in certa each earns 50%"),
        "{w:?}"
    );
    assert!(w[0].contains("wrong answers weigh -100%"), "{w:?}");
    let w = warnings_of("::Two right::Pick {=a =b ~c}");
    assert!(w[0].contains("2 answers are marked `=`"), "{w:?}");
    let w = warnings_of("::Num::Year? {#=1822 =%50%1822:2 =%100%1823}");
    assert!(
        w[0].contains("(1822, kept)") && w[0].contains("50% for 1822:2, 100% for 1823"),
        "{w:?}"
    );
    let w = warnings_of("::Neg::Name? {=right =%-50%wrong}");
    assert!(w[0].contains("negative answer weights"), "{w:?}");
    let w = warnings_of("::Blank MR::Two {~%50%a ~%50%b ~%-100%c} words.");
    assert!(
        w.iter().any(|w| w.contains("cannot be a cloze gap")),
        "{w:?}"
    );
    let w = warnings_of("Capital of France? {Paris}");
    assert!(w[0].contains("has no `=` in front"), "{w:?}");
    assert!(warnings_of("::Exact::Pick {~%50%a ~%50%b ~%-50%c ~%-50%d}").is_empty());
}

#[test]
fn ids_come_from_comments_titles_or_position_and_stay_unique() {
    let imp = parse_gift(
        "// [id:CHEM-7] [tag:easy]\n::Water::H2O is water {T}\n\n::Q 1::a {T}\n\n::q-1::b {T}\n\n::日本::c {T}\n\nd {T}",
        "f",
    )
    .unwrap();
    let ids: Vec<&str> = imp.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["CHEM-7", "q-1", "q-1-2", "q004", "q005"]);
    assert_eq!(imp.warnings.len(), 1);
    assert!(imp.warnings[0]
        .to_string()
        .contains("\"q-1\" is already taken, so this item is \"q-1-2\""));
}

#[test]
fn categories_become_domains() {
    let text = "Before any category {T}\n\n$CATEGORY: $course$/top/Net/Basics\n\nA {T}\n\n\
                $CATEGORY: Sec/Basics\n::T::B {T}\n\n$CATEGORY: Net/Routing\n\nC {T}\n\n$CATEGORY: $course$/top/Net/Basics\n\nD {T}";
    let imp = parse_gift(text, "f").unwrap();
    let domains: Vec<&str> = imp.items.iter().map(|i| i.domain.as_str()).collect();
    assert_eq!(
        domains,
        [
            "General",
            "Net/Basics",
            "Sec/Basics",
            "Routing",
            "Net/Basics"
        ]
    );
    assert_eq!(imp.domains.len(), 4);
    assert_eq!(imp.domains[1].items, 2);
    let package = package_of(&imp);
    assert_eq!(package.blueprint.domains.len(), 4);
    let ids: Vec<&str> = package.outcomes.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        ["o-general", "o-net-basics", "o-sec-basics", "o-routing"]
    );
}

/// `(gift text, "line:column: start of the message")`.
const ERRORS: &[(&str, &str)] = &[
    (
        "::Q:: Which? {=a ~b\n\n::R:: Next {T}",
        "1:14: unterminated answer block",
    ),
    ("::Q::\nWhich?\n  {~a ~b ~c}", "3:3: no right answer"),
    (
        "Pi? {#3,14}",
        "1:7: the numeric answer \"3,14\": not a number",
    ),
    (
        "Pi? {#=3.14 =%50%three}",
        "1:13: the numeric answer \"three\": not a number",
    ),
    (
        "Range? {#5..1}",
        "1:10: the numeric answer \"5..1\": the range starts at 5",
    ),
    (
        "Tol? {#5:-1}",
        "1:8: the numeric answer \"5:-1\": the tolerance is negative",
    ),
    ("Pi? {#}", "1:5: a numeric question with no answer"),
    ("Pi? {#=%50%3}", "1:5: no numeric answer earns full credit"),
    (
        "::Same:: a {T}\n\n::Same:: b {F}",
        "3:1: duplicate title \"Same\" (first at line 1, column 1)",
    ),
    (
        "// [id:X1]\na {T}\n\n// [id:X1]\nb {T}",
        "5:1: duplicate identifier [id:X1]",
    ),
    (
        "<?xml version=\"1.0\"?>\n<assessmentItem/>",
        "1:1: not GIFT: the file starts with `<`",
    ),
    (
        "\n  {\"format\": \"certa/1\"}",
        "2:3: not GIFT: the file looks like JSON",
    ),
    ("", "1:1: not GIFT: the file holds no questions"),
    (
        "// only comments\n\n   \n",
        "1:1: not GIFT: the file holds no questions",
    ),
    (
        "Dear all,\n\nthe exam is on Monday.",
        "1:1: not GIFT: none of its 2 block(s)",
    ),
    ("a\u{1}b {T}", "1:2: not GIFT: control character U+0001"),
    ("Which? } {=a ~b}", "1:8: a `}` with no `{` before it"),
    ("Which? {=a ~b} and {=c ~d}", "1:20: a second answer block"),
    (
        "Which? {=a {~b}",
        "1:12: a `{` inside the answer block opened at line 1, column 8",
    ),
    (
        "Which? {~%150%a =b}",
        "1:10: answer weight 150% is outside -100%..100%",
    ),
    (
        "Which? {~%5..0%a =b}",
        "1:10: answer weight %5..0% is not a number",
    ),
    (
        "::Untitled\nWhich? {T}",
        "1:1: the question title has no closing `::`",
    ),
    ("Match {=a -> b =c}", "1:16: the pair \"c\" has no `->`"),
    ("Match {=a -> b}", "1:7: a matching question with 1 pair(s)"),
    (
        "Which? {~only}",
        "1:8: a multiple-choice question with 1 answer",
    ),
    (
        "Which? {=a ~ # feedback only}",
        "1:12: an answer with no text",
    ),
    (
        "Which? {x =a ~b}",
        "1:9: text \"x\" before the first answer",
    ),
    ("Name? {=%50%half}", "1:7: no answer earns full credit"),
    ("Which? {=%50%a ~b}", "1:8: no answer earns 100%"),
    ("{T}", "1:1: a question with no text"),
    (
        "$CATEGORY:   \n\nQ {T}",
        "1:1: a $CATEGORY: line with no category",
    ),
];

#[test]
fn errors_name_the_file_line_column_and_what_was_expected() {
    let mut wrong = Vec::new();
    for (text, want) in ERRORS {
        let err = parse_gift(text, "bad.gift").expect_err(text);
        let shown = err.to_string();
        if !shown.starts_with(&format!("bad.gift:{want}")) || err.expected.is_none() {
            wrong.push(format!("{text:?}\n  got: {shown}\n want: {want}"));
        }
        assert!(shown.contains("; expected "), "{shown}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn bytes_must_be_utf8() {
    let e = parse_gift_bytes(
        b"Q1 {T}\n\nQ2 caf\xE9 {T}",
        "latin1.gift",
        &GiftOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("latin1.gift:3:7: not GIFT: byte 0xE9 is not UTF-8 text"),
        "{e}"
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Q {T}".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(parse_gift_bytes(&utf16, "w.gift", &GiftOptions::default())
        .unwrap_err()
        .to_string()
        .contains("UTF-16"));
}

#[test]
fn invalid_questions_can_be_skipped_with_their_reasons() {
    let text =
        "::Good::One {T}\n\n::Bad::Two {~a ~b}\n\n::Broken::Three {=x\n\n::Also good::Four {F}";
    assert!(parse_gift(text, "f").is_err());
    let opts = GiftOptions {
        skip_invalid: true,
        ..GiftOptions::default()
    };
    let imp = parse_gift_with(text, "f", &opts).unwrap();
    let ids: Vec<&str> = imp.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["good", "also-good"]);
    assert_eq!(imp.skipped.len(), 2);
    assert_eq!(imp.skipped[0].to_string(), "f:3:12: \"Bad\": no right answer: every answer weighs 0% or less; expected `=` before the right answer, or a positive weight like `~%50%`");
    assert_eq!(imp.skipped[1].location.line, 5);
    assert!(imp.skipped[1]
        .reason
        .starts_with("unterminated answer block"));
    package_of(&imp);
}
