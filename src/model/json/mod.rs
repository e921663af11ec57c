//! JSON text read into serde types, with the JSON path and line/column of every error and
//! repeated keys refused.
//!
//! Reading happens in two steps: [`parse`] turns the text into a [`Node`] tree (syntax, repeated
//! keys, number classification), then [`de::NodeDeserializer`] hands the tree to a type's
//! `Deserialize` impl. The path of an error (`items[2].interaction.gaps[1].choices[0].id`) is
//! assembled only when something fails, on the way out. This is the engine's one JSON reader,
//! on every target: packages, snapshots and the browser's option objects all go through it,
//! so every `Deserialize` impl is compiled once, for this deserializer.

mod buffer;
pub mod de;
mod error;
mod parse;

use serde::de::DeserializeOwned;

pub use buffer::read_node;
pub use error::{join, Error, Segment, MARK};
pub use parse::{parse, Node, Number, Value};

/// Why JSON text could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {message} (line {line}, column {column})", if path.is_empty() { "." } else { path })]
pub struct ReadError {
    /// JSON path of the value the error is about (`items[3].interaction.key`); empty for the
    /// document itself.
    pub path: String,
    /// What is wrong, in serde's words (`invalid type: string "x", expected f64`).
    pub message: String,
    /// Line of the value the error is about, from 1.
    pub line: usize,
    /// Column of that value's first character on its line, from 1, in characters.
    pub column: usize,
}

impl ReadError {
    fn new(text: &str, error: &Error) -> ReadError {
        let (line, column) = line_column(text, error.offset().unwrap_or(0));
        ReadError {
            path: error.path(),
            message: error.message().to_string(),
            line,
            column,
        }
    }
}

/// Read JSON text into `T`.
///
/// ```
/// use certa::model::json;
/// let err = json::from_str::<certa::model::Package>(r#"{"format": "certa/1", "id": 7}"#)
///     .unwrap_err();
/// assert_eq!(err.path, "id");
/// assert_eq!((err.line, err.column), (1, 29));
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    parse(text)
        .and_then(|node| {
            let offset = node.offset;
            T::deserialize(de::NodeDeserializer::new(node)).map_err(|e| e.or_at(offset))
        })
        .map_err(|e| ReadError::new(text, &e))
}

/// Read JSON text into a `serde_json::Value`, refusing repeated keys like [`from_str`].
pub fn value_from_str(text: &str) -> Result<serde_json::Value, ReadError> {
    parse(text)
        .map(into_value)
        .map_err(|e| ReadError::new(text, &e))
}

/// The tree as a `serde_json::Value` (numbers keep their u64 / i64 / f64 kind).
pub fn into_value(node: Node) -> serde_json::Value {
    use serde_json::Value as J;
    match node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(b),
        Value::Number(Number::U64(n)) => J::from(n),
        Value::Number(Number::I64(n)) => J::from(n),
        Value::Number(Number::F64(n)) => serde_json::Number::from_f64(n).map_or(J::Null, J::Number),
        Value::String(s) => J::String(s),
        Value::Array(items) => J::Array(items.into_iter().map(into_value).collect()),
        Value::Object(members) => J::Object(
            members
                .into_iter()
                .map(|(k, v)| (k, into_value(v)))
                .collect(),
        ),
    }
}

/// Line and column (both from 1, the column in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            err.to_string(),
            ".: invalid length 3, expected fewer elements in array (line 1, column 1)"
        );
    }

    #[test]
    fn values_keep_their_number_kinds() {
        let v = value_from_str(r#"{"a": [1, -2, 2.5, "x", null, true]}"#).unwrap();
        assert_eq!(v, serde_json::json!({"a": [1, -2, 2.5, "x", null, true]}));
        assert!(value_from_str(r#"{"a": 1, "a": 2}"#).is_err());
    }
}
