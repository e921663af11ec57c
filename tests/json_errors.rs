//! The package reader's errors, kind by kind, on copies of the certificate quiz with one
//! mistake each: the JSON path, message, line and column of each are the ones the serde-based
//! reader gave before the hand-written one replaced it (checked over some 28,000 damaged
//! packages and snapshots while both existed), so authors and hosts see the same reports.

use certa::model::{LoadError, MatchingRule, OrderingRule, Package};

fn quiz() -> String {
    std::fs::read_to_string("examples/certificate-quiz.json").expect("the example package")
}

/// The quiz with the first occurrence of `find` replaced by `replace`.
fn with(find: &str, replace: &str) -> String {
    let text = quiz();
    assert!(text.contains(find), "{find} is not in the example");
    text.replacen(find, replace, 1)
}

/// `(path, message, line, column)` of the parse error.
fn parse_error(text: &str) -> (String, String, usize, usize) {
    match Package::parse(text) {
        Err(LoadError::Parse {
            path,
            message,
            line,
            column,
        }) => (path, message, line, column),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

fn check(find: &str, replace: &str, expected: (&str, &str, usize, usize)) {
    let (path, message, line, column) = parse_error(&with(find, replace));
    assert_eq!(
        (path.as_str(), message.as_str(), line, column),
        expected,
        "{find} -> {replace}"
    );
}

/// `[…]` nested past the reader's depth limit, inside an interaction.
const DEEP: &str = "\"type\": \"cloze\", \"zz\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],";

/// One mistake per row: `(find, replace, path, message, line, column)`.
const CASES: &[(&str, &str, &str, &str, usize, usize)] = &[
    // Numbers: out of range for the type (placed after the number), a fraction or an
    // integer beyond u64 for an integer field (placed at it), too large for a float.
    (
        "\"min_items\": 3",
        "\"min_items\": -3",
        "outcomes[0].min_items",
        "invalid value: integer `-3`, expected usize",
        14,
        22,
    ),
    (
        "\"min_items\": 3",
        "\"min_items\": 3.5",
        "outcomes[0].min_items",
        "invalid type: floating point `3.5`, expected usize",
        14,
        20,
    ),
    (
        "\"min_items\": 3",
        "\"min_items\": 18446744073709551616",
        "outcomes[0].min_items",
        "invalid type: floating point `18446744073709552000.0`, expected usize",
        14,
        20,
    ),
    (
        "\"max_length\": 40",
        "\"max_length\": 1e400",
        "items[4].interaction.max_length",
        "number out of range",
        302,
        23,
    ),
    // Wrong types, null included.
    (
        "\"mastery\": 0.75",
        "\"mastery\": \"high\"",
        "outcomes[0].mastery",
        "invalid type: string \"high\", expected f64",
        12,
        18,
    ),
    (
        "\"mastery\": 0.75",
        "\"mastery\": null",
        "outcomes[0].mastery",
        "invalid type: unit value, expected f64",
        12,
        18,
    ),
    // Fields: unknown (under its key), repeated (at the object, after the colon), missing (at
    // the closing brace).
    (
        "\"stem\":",
        "\"stem_html\":",
        "items[0].stem_html",
        "unknown field `stem_html`, expected one of `id`, `stem`, `points`, `domain`, \
      `outcomes`, `difficulty`, `irt`, `enemy_group`, `set`, `feedback`, `interaction`",
        57,
        19,
    ),
    (
        "\"id\": \"A11Y-1\",",
        "\"id\": \"A11Y-1\", \"id\": \"A11Y-1\",",
        "outcomes[0]",
        "duplicate field `id`",
        9,
        28,
    ),
    (
        "\"domain\": \"Semantics\",",
        "",
        "items[0]",
        "missing field `domain`",
        99,
        5,
    ),
    // Enums written as their variant's name, and serde's `{"name": content}` form.
    (
        "\"p\": 0.72",
        "\"p\": 0.72, \"b\": 1",
        "items[0].difficulty",
        "expected a map with a single key",
        67,
        18,
    ),
    (
        "\"p\": 0.72\n      }",
        "\"q\": 0.72\n      }",
        "items[0].difficulty",
        "unknown variant `q`, expected `p` or `b`",
        67,
        13,
    ),
    // Internally tagged values: errors placed at the end of the value, a repeated key under
    // its own name, a syntax error or runaway nesting anywhere in the value first.
    (
        "\"rule\": \"adjacent_pairs\"",
        "\"rule\": \"adjacent\"",
        "items[2].interaction.rule",
        "unknown variant `adjacent`, expected `exact` or `adjacent_pairs`",
        197,
        8,
    ),
    (
        "\"rule\": \"adjacent_pairs\"",
        "\"rule\": {\"adjacent_pairs\": null, \"exact\": null}",
        "items[2].interaction.rule",
        "invalid value: map, expected map with a single key",
        197,
        8,
    ),
    (
        "\"type\": \"matching\",",
        "",
        "items[15].interaction",
        "missing field `type`",
        837,
        8,
    ),
    (
        "\"type\": \"cloze\",",
        "\"type\": \"cloze\", \"type\": \"cloze\",",
        "items[13].interaction.type",
        "duplicate field `type`",
        656,
        41,
    ),
    (
        "\"type\": \"cloze\",",
        "\"type\": \"hotspot\",",
        "items[13].interaction",
        "unknown variant `hotspot`, expected one of `single_choice`, `multiple_response`, \
      `true_false`, `text_entry`, `numeric`, `ordering`, `matching`, `cloze`, `extended_text`",
        725,
        8,
    ),
    (
        "\"kind\": \"text\",",
        "\"kind\": 5,",
        "items[13].interaction.gaps[1].kind",
        "expected a string, found a number",
        725,
        8,
    ),
    (
        "\"rule\": \"adjacent_pairs\"",
        "\"rule\": 7, \"x\": tru",
        "items[2].interaction.x",
        "expected value",
        196,
        25,
    ),
    (
        "\"kind\": \"certificate\"",
        "\"kind\": \"none\"",
        "credential",
        "invalid type: map, expected unit",
        2048,
        4,
    ),
    // Text: strings, literals, structure.
    (
        "\"title\": \"Foundations",
        "\"title\": \"\\ud800 Foundations",
        "title",
        "lone leading surrogate in hex escape",
        5,
        19,
    ),
    (
        "\"language\": \"en\"",
        "\"language\": \"e\u{1}n\"",
        "language",
        "control character (\\u0000-\\u001F) found while parsing a string",
        6,
        17,
    ),
    (
        "\"language\": \"en\"",
        "\"language\": \"en\" \"x\"",
        "",
        "expected `,` or `}`",
        6,
        20,
    ),
    (
        "\"shuffle_choices\": true",
        "\"shuffle_choices\": tru",
        "blueprint.shuffle_choices",
        "expected value",
        2028,
        24,
    ),
];

#[test]
fn each_kind_of_mistake_is_reported_as_before() {
    for &(find, replace, path, message, line, column) in CASES {
        check(find, replace, (path, message, line, column));
    }
}

#[test]
fn runaway_nesting_inside_an_interaction_is_refused_with_its_place() {
    let (path, message, line, column) = parse_error(&with("\"type\": \"cloze\",", DEEP));
    assert_eq!(message, "recursion limit exceeded");
    assert_eq!((line, column), (656, 156));
    assert_eq!(
        path,
        format!("items[13].interaction.zz{}", "[0]".repeat(124))
    );
}

#[test]
fn enums_are_also_read_in_serde_s_externally_tagged_form() {
    // `"rule": {"adjacent_pairs": null}` has always been read as `"rule": "adjacent_pairs"`.
    let text = with(
        "\"rule\": \"adjacent_pairs\"",
        "\"rule\": {\"adjacent_pairs\": null}",
    );
    let package = Package::parse(&text).expect("the external form reads");
    let original = Package::parse(&quiz()).expect("the example reads");
    assert_eq!(package, original);
    assert!(matches!(
        package.items[2].interaction,
        certa::model::Interaction::Ordering {
            rule: OrderingRule::AdjacentPairs,
            ..
        }
    ));
    assert!(package.items.iter().any(|i| matches!(
        i.interaction,
        certa::model::Interaction::Matching {
            rule: MatchingRule::PerPair,
            ..
        }
    )));
}
