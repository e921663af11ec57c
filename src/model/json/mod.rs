//! The engine's one JSON reader: text read into typed values, with the JSON path and
//! line/column of every error.
//!
//! [`Reader`] is a cursor over the text (tokens in `reader.rs`, typed values in `typed.rs`,
//! internally tagged values in `tagged.rs`, untyped values in `value.rs`). The documents the
//! browser module reads (packages, session snapshots, `Session.start` options and item
//! responses) are read with [`read`] into [`FromJson`] types, whose impls are written by hand
//! (`model::from_json`, `session::from_json`): the reader's helpers take the member readers as
//! `&mut dyn FnMut`, so nothing is compiled once per type and the module stays small.
//!
//! Documents that keep serde's `Deserialize` (completion records, export options, the record
//! service's request bodies) are read with [`from_str`], a serde `Deserializer`
//! ([`stream::TextDeserializer`]) over the same cursor: one grammar, one number parser, the
//! same errors. The browser module never calls it.
//!
//! The same documents go out through [`Writer`], its counterpart: [`write`] gives the compact
//! JSON text of a [`ToJson`] type, byte for byte what `serde_json::to_string` gives for the
//! type's serde `Serialize` impl, again with impls written by hand (`model::to_json`,
//! `session::to_json`, ...) and non-generic helpers. The package's content hash, the snapshot's
//! integrity chain, the canonical record and every document the browser module returns are
//! written this way, natively and in the browser alike; the `Serialize` derives stay for the
//! native code (record service, CLI, exporters) and are left out of the browser module.
//!
//! Untyped values (item responses above all) are a [`Value`], the engine's own stand-in for
//! `serde_json::Value` with the same meaning (`untyped.rs` says why: no `BTreeMap` and no
//! `serde_json` in the browser module).
//!
//! Errors are worded as serde words them (`invalid type: string "x", expected f64`,
//! `unknown field`, `missing field`, `duplicate field`), and a repeated field of a struct is
//! refused, so a document is read exactly as serde's derives read it.

mod error;
mod from_json;
mod reader;
mod serde_value;
pub mod stream;
mod tagged;
mod to_json;
mod typed;
mod untyped;
mod value;
mod writer;

use serde::de::DeserializeOwned;

pub use error::{join, Error, Segment};
pub use from_json::FromJson;
pub use reader::{Number, Reader, MAX_DEPTH};
pub use tagged::Variants;
pub use to_json::ToJson;
pub use typed::Fields;
pub use untyped::{Map, Value, ValueIndex};
pub use writer::Writer;

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

/// Read JSON text into a [`FromJson`] type (a package, a session snapshot, ...).
///
/// ```
/// use certa::model::json;
/// let err = json::read::<certa::model::Package>(r#"{"format": "certa/1", "id": 7}"#)
///     .unwrap_err();
/// assert_eq!(err.path, "id");
/// assert_eq!((err.line, err.column), (1, 29));
/// ```
pub fn read<T: FromJson>(text: &str) -> Result<T, ReadError> {
    let mut reader = Reader::new(text);
    T::from_json(&mut reader)
        .and_then(|value| reader.end().map(|()| value))
        .map_err(|e| ReadError::new(text, &e.or_at(reader.position())))
}

/// The compact JSON text of a [`ToJson`] value, as `serde_json::to_string` writes it.
///
/// ```
/// use certa::model::json;
/// let text = json::write(&vec![Some(1.0), None, Some(0.25)]);
/// assert_eq!(text, "[1.0,null,0.25]");
/// ```
pub fn write(value: &dyn ToJson) -> String {
    let mut writer = Writer::new();
    value.to_json(&mut writer);
    writer.finish()
}

/// Read JSON text into a type through its serde `Deserialize` impl (documents that are not
/// [`FromJson`]: completion records, export options, request bodies).
///
/// ```
/// use certa::model::json;
/// let err = json::from_str::<certa::record::CompletionRecord>(r#"{"format": 7}"#)
///     .unwrap_err();
/// assert_eq!((err.path.as_str(), err.column), ("format", 12));
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    let mut de = stream::TextDeserializer::new(text);
    T::deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value))
        .map_err(|e| ReadError::new(text, &e.or_at(de.position())))
}

/// Read JSON text into a [`Value`], refusing repeated keys.
pub fn value_from_str(text: &str) -> Result<Value, ReadError> {
    let mut reader = Reader::new(text);
    reader
        .value(true)
        .and_then(|value| reader.end().map(|()| value))
        .map_err(|e| ReadError::new(text, &e.or_at(reader.position())))
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
mod tests;
