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
