//! The reader on small documents: both entry points ([`read`] for hand-read types,
//! [`from_str`] for serde types) and [`value_from_str`].

use super::*;
use std::collections::BTreeMap;

#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Point {
    x: f64,
    #[serde(default)]
    tags: Vec<String>,
    at: Option<u32>,
}

#[test]
fn reads_types_and_names_the_failing_value() {
    let p: Point = from_str(r#"{"x": 1, "tags": ["a"], "at": null}"#).unwrap();
    assert_eq!(p.x, 1.0);
    let err = from_str::<Vec<Point>>("[{\"x\": 1},\n  {\"x\": \"one\"}]").unwrap_err();
    assert_eq!(err.path, "[1].x");
    assert_eq!(err.message, "invalid type: string \"one\", expected f64");
    assert_eq!((err.line, err.column), (2, 9));
    let err = from_str::<Point>(r#"{"x": 1, "colour": 2}"#).unwrap_err();
    assert!(err.message.contains("unknown field `colour`"), "{err}");
    let err = from_str::<Point>(r#"{"tags": []}"#).unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.message.as_str()),
        ("", "missing field `x`")
    );
    let err = from_str::<BTreeMap<String, u32>>(r#"{"a": -5}"#).unwrap_err();
    assert_eq!(err.path, "a");
    assert!(err.message.contains("-5"), "{err}");
    let err = from_str::<(u8, u8)>("[1, 2, 3]").unwrap_err();
    assert!(err.message.contains("fewer elements"), "{err}");
    assert_eq!(err.path, "");
    let err = from_str::<Point>(r#"{"x": 1, "x": 2}"#).unwrap_err();
    assert_eq!(err.message, "duplicate field `x`");
}

#[test]
fn reads_numbers_as_serde_json_classifies_them() {
    use serde_json::json;
    let v = value_from_str("[7, -7, -0, 2.0, 1e2, 18446744073709551616, -9223372036854775808]")
        .unwrap();
    assert_eq!(v[0], json!(7u64));
    assert_eq!(v[1], json!(-7i64));
    assert!(v[2]
        .as_f64()
        .is_some_and(|f| f == 0.0 && f.is_sign_negative()));
    assert!(v[3].is_f64() && v[4].is_f64() && v[5].is_f64());
    assert_eq!(v[6], json!(i64::MIN));
    for bad in [
        "01",
        "1.",
        "-",
        ".5",
        "1e",
        "1e400",
        "+1",
        "[1,]",
        "{\"a\":1,}",
    ] {
        assert!(value_from_str(bad).is_err(), "{bad}");
    }
    let err = from_str::<u32>("2.5").unwrap_err();
    assert_eq!(
        err.message,
        "invalid type: floating point `2.5`, expected u32"
    );
}

#[test]
fn reads_strings_with_escapes_and_refuses_control_characters() {
    let s: String = from_str(r#""a\"b\\c\/\n\u00e9\ud83d\ude00é""#).unwrap();
    assert_eq!(s, "a\"b\\c/\né😀é");
    for bad in [
        "\"a\u{1}\"",
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\x""#,
        "\"abc",
    ] {
        assert!(from_str::<String>(bad).is_err(), "{bad}");
    }
}

#[test]
fn syntax_errors_name_the_place_and_position() {
    let err = value_from_str("{\"a\": {\"b\": [1, 2 x]}}").unwrap_err();
    assert_eq!((err.path.as_str(), err.column), ("a.b", 19));
    let err = from_str::<BTreeMap<String, Vec<u8>>>("{\"a\": [1,\n 2 x]}").unwrap_err();
    assert_eq!((err.path.as_str(), err.line, err.column), ("a", 2, 4));
    assert!(value_from_str("").is_err());
    assert!(value_from_str("{} x").is_err());
    assert!(value_from_str(&"[".repeat(200)).is_err());
    assert!(from_str::<serde_json::Value>(&"[".repeat(200)).is_err());
    assert!(value_from_str(&format!("{}{}", "[".repeat(100), "]".repeat(100))).is_ok());
}

#[test]
fn buffered_values_refuse_repeated_keys_with_their_path() {
    let err = value_from_str(r#"{"a": [{"k": 1, "k": 2}]}"#).unwrap_err();
    assert_eq!(err.path, "a[0].k");
    assert_eq!(err.message, "duplicate field `k`");
}

#[test]
fn values_keep_their_number_kinds() {
    let v = value_from_str(r#"{"a": [1, -2, 2.5, "x", null, true]}"#).unwrap();
    assert_eq!(v, serde_json::json!({"a": [1, -2, 2.5, "x", null, true]}));
    assert!(value_from_str(r#"{"a": 1, "a": 2}"#).is_err());
}

mod hand_read {
    //! [`read`] into hand-written [`FromJson`] types.

    use super::super::*;
    use crate::assemble::Seed;
    use crate::model::{CredentialPolicy, DifficultyTarget, Gap, Interaction};
    use crate::session::{Learner, Mode, ResponseEntry};
    use crate::sorted_map::{SortedMap, SortedSet};
    use crate::timestamp::Timestamp;

    #[test]
    fn numbers_keep_their_type_and_range() {
        assert_eq!(read::<u32>("4294967295"), Ok(u32::MAX));
        let err = read::<u32>("4294967296").unwrap_err();
        assert_eq!(
            err.message,
            "invalid value: integer `4294967296`, expected u32"
        );
        // A range error is about the whole number: it is placed after it.
        assert_eq!(err.column, 11);
        assert_eq!(read::<f64>("-0").map(f64::is_sign_negative), Ok(true));
        assert_eq!(
            read::<f64>("18446744073709551615"),
            Ok(18446744073709551615.0)
        );
        assert_eq!(read::<f64>("0.1e1"), Ok(1.0));
        assert_eq!(
            read::<i64>("-9223372036854775808").map(Timestamp),
            Ok(Timestamp(i64::MIN))
        );
        let err = read::<Timestamp>("9223372036854775808").unwrap_err();
        assert_eq!(
            err.message,
            "invalid value: integer `9223372036854775808`, expected i64"
        );
        assert_eq!(read::<u64>("1e2").unwrap_err().column, 1);
    }

    #[test]
    fn seeds_are_decimal_strings_or_whole_numbers() {
        assert_eq!(read::<Seed>("\"18446744073709551615\""), Ok(Seed(u64::MAX)));
        assert_eq!(read::<Seed>("12"), Ok(Seed(12)));
        let err = read::<Seed>("\"-1\"").unwrap_err();
        assert!(err.message.starts_with("a seed is a whole number"), "{err}");
        for bad in ["-1", "1.5", "true", "[1]", "{}"] {
            let err = read::<Seed>(bad).unwrap_err();
            assert_eq!(
                err.message, "data did not match any variant of untagged enum Raw",
                "{bad}"
            );
        }
    }

    #[test]
    fn structs_take_defaults_and_refuse_unknown_repeated_or_missing_fields() {
        let learner: Learner = read(r#"{"id": "u-1", "name": null}"#).unwrap();
        assert_eq!(
            learner,
            Learner {
                id: "u-1".into(),
                ..Learner::default()
            }
        );
        let err = read::<Learner>(r#"{"id": "u", "nickname": "x"}"#).unwrap_err();
        assert_eq!(err.path, "nickname");
        assert_eq!(
            err.message,
            "unknown field `nickname`, expected one of `id`, `name`, `email`"
        );
        let err = read::<Learner>("{\"id\": \"u\",\n \"id\": \"v\"}").unwrap_err();
        assert_eq!((err.path.as_str(), err.line, err.column), ("", 2, 7));
        assert_eq!(err.message, "duplicate field `id`");
        let err = read::<Learner>(r#"{"name": "Ada"}"#).unwrap_err();
        assert_eq!(
            (err.message.as_str(), err.column),
            ("missing field `id`", 15)
        );
        let err = read::<Learner>(r#"["u"]"#).unwrap_err();
        assert_eq!(
            err.message,
            "invalid type: sequence, expected struct Learner"
        );
        // A response entry lets members it does not know pass, as its serde declaration did.
        let entry: ResponseEntry = read(
            r#"{"value": {"g": "a", "g": "b"}, "answered_at": 1, "changed_at": 2, "changes": 0, "x": [1]}"#,
        )
        .unwrap();
        assert_eq!(entry.value, serde_json::json!({"g": "b"}));
    }

    #[test]
    fn enums_read_their_variant_names() {
        assert_eq!(read::<Mode>("\"secure\""), Ok(Mode::Secure));
        assert_eq!(read::<Mode>(r#"{"review": null}"#), Ok(Mode::Review));
        let err = read::<Mode>("\"exam\"").unwrap_err();
        assert_eq!(
            err.message,
            "unknown variant `exam`, expected one of `practice`, `secure`, `review`"
        );
        let err = read::<Mode>("3").unwrap_err();
        assert_eq!(
            err.message,
            "invalid type: integer `3`, expected string or map"
        );
        let err = read::<Mode>(r#"{"review": 1}"#).unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            ("review", "invalid type: integer `1`, expected unit")
        );
    }

    #[test]
    fn tagged_values_find_their_tag_anywhere_and_pass_over_it() {
        let gap: Gap = read(r#"{"id": "g", "answers": [], "kind": "text"}"#).unwrap();
        assert_eq!(gap.id(), "g");
        let target: DifficultyTarget =
            read(r#"{"max": 0.8, "kind": "mean_b", "min": 0.1}"#).unwrap();
        assert_eq!(target, DifficultyTarget::MeanB { min: 0.1, max: 0.8 });
        assert_eq!(
            read::<CredentialPolicy>(r#"{"kind": "none"}"#),
            Ok(CredentialPolicy::None)
        );
        let err = read::<Interaction>(r#""true_false""#).unwrap_err();
        assert_eq!(
            err.message,
            "expected an object with a \"type\" field, found a string"
        );
        // Errors inside are placed at the end of the value, as when it was read whole first.
        let err = read::<Interaction>("{\"type\": \"true_false\", \"key\": 1}\n").unwrap_err();
        assert_eq!((err.path.as_str(), err.column), ("key", 33));
        // A repeated key anywhere inside is reported under its own name, before anything else.
        let text = r#"{"type": "matching", "key": 1, "sources": [{"id": "a", "id": "a"}]}"#;
        let err = read::<Interaction>(text).unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            ("sources[0].id", "duplicate field `id`")
        );
    }

    #[test]
    fn pairs_sets_and_maps() {
        let text =
            r#"{"type": "matching", "sources": [], "targets": [], "key": [["a", "b", "c"]]}"#;
        let err = read::<Interaction>(text).unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            (
                "key[0]",
                "invalid length 3, expected fewer elements in array"
            )
        );
        let text = r#"{"type": "matching", "sources": [], "targets": [], "key": [["a"]]}"#;
        let err = read::<Interaction>(text).unwrap_err();
        assert_eq!(err.message, "invalid length 1, expected a tuple of size 2");
        let set: SortedSet<String> = read(r#"["b", "a", "b"]"#).unwrap();
        assert_eq!(set.len(), 2);
        let map: SortedMap<String, u64> = read(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(map.get("a"), Some(&2));
        let err = read::<SortedMap<String, u64>>(r#"{"a": -1}"#).unwrap_err();
        assert_eq!(err.path, "a");
    }

    #[test]
    fn nesting_stops_at_the_depth_limit() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(
            read::<Value>(&deep).unwrap_err().message,
            "recursion limit exceeded"
        );
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(read::<Value>(&ok).is_ok());
    }
}

#[test]
fn words_unexpected_values_as_serde_does() {
    use serde::de::Unexpected;
    let mut cases = vec![
        Unexpected::Bool(true),
        Unexpected::Unsigned(7),
        Unexpected::Signed(-7),
        Unexpected::Char('x'),
        Unexpected::Str("say \"hi\"\n"),
        Unexpected::Bytes(b"ab"),
        Unexpected::Unit,
        Unexpected::Option,
        Unexpected::NewtypeStruct,
        Unexpected::Seq,
        Unexpected::Map,
        Unexpected::Enum,
        Unexpected::UnitVariant,
        Unexpected::NewtypeVariant,
        Unexpected::TupleVariant,
        Unexpected::StructVariant,
        Unexpected::Other("something else"),
    ];
    for x in [
        1.0,
        -1.5,
        0.1,
        1e21,
        1e-7,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        cases.push(Unexpected::Float(x));
    }
    for unexpected in cases {
        assert_eq!(
            error::Worded(unexpected).to_string(),
            unexpected.to_string()
        );
    }
    let err = read::<u32>("2.50").unwrap_err();
    assert_eq!(
        err.message,
        "invalid type: floating point `2.5`, expected u32"
    );
}

#[test]
fn values_mean_what_serde_json_values_mean() {
    use serde_json::json;
    // Number kinds: `1` and `1.0` differ, a non-negative integer is one kind however built.
    assert_ne!(Value::from(1_u64), Value::from(1.0));
    assert_eq!(Value::from(7_i64), Value::from(7_u64));
    assert_eq!(Value::from(f64::NAN), Value::Null);
    // Members in byte order of their keys, the last of a repeated key kept.
    let text = r#"{"b": 1, "é": 2, "a": {"z": 1, "Z": 2}, "B": 3, "b": [1.0, -2, "x"]}"#;
    let ours: Value = read(text).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(write(&ours), theirs.to_string());
    assert_eq!(ours.to_string(), theirs.to_string());
    assert_eq!(serde_json::to_string(&ours).unwrap(), theirs.to_string());
    assert_eq!(serde_json::Value::from(ours.clone()), theirs);
    assert_eq!(serde_json::from_str::<Value>(text).unwrap(), ours);
    assert_eq!(from_str::<Value>(text).unwrap(), ours);
    assert_eq!(ours["b"][0], json!(1.0));
    assert!(ours["b"][0].is_f64() && ours["b"][1].is_i64() && ours["missing"].is_null());
    for (number, shown) in [(json!(3), "3"), (json!(-3), "-3"), (json!(2.0), "2.0")] {
        let Value::Number(n) = Value::from(number.clone()) else {
            panic!("{number} is a number");
        };
        assert_eq!(
            (n.to_string(), number.to_string()),
            (shown.into(), shown.into())
        );
    }
}

#[test]
fn a_repeated_key_is_refused_where_it_is_read_whatever_the_key_order() {
    // The duplicate is reported at the end of its value, before a later error in the object.
    let err = value_from_str(r#"{"b": 1, "a": 2, "b": 3, "c": [}"#).unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.message.as_str(), err.column),
        ("b", "duplicate field `b`", 24)
    );
    // An error inside the repeated member's own value comes first.
    let err = value_from_str(r#"{"a": 1, "a": {"x": [}}"#).unwrap_err();
    assert_eq!(err.message, "expected value");
    // Of two repeated keys, the one repeated first in the document.
    let err = value_from_str(r#"{"z": 1, "y": 2, "y": 3, "z": 4}"#).unwrap_err();
    assert_eq!(err.message, "duplicate field `y`");
    // Many keys in reverse order read as quickly as in order, and sorted.
    let keys: Vec<String> = (0..20_000)
        .rev()
        .map(|k| format!("\"k{k:05}\": {k}"))
        .collect();
    let value = value_from_str(&format!("{{{}}}", keys.join(","))).unwrap();
    let members = value.as_object().unwrap();
    assert_eq!(members.len(), 20_000);
    assert_eq!(members.keys().next().map(String::as_str), Some("k00000"));
}
