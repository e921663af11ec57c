//! A JSON value held in memory: what a `Deserialize` impl that must look at a value before it
//! knows its type (an internally tagged enum) buffers, and what [`super::de`] reads back.

use std::borrow::Cow;

/// The JSON data model. Objects keep their members in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

/// A JSON number as `serde_json` classifies it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer that fits in `u64`.
    U64(u64),
    /// A negative integer that fits in `i64`.
    I64(i64),
    /// Anything else: a fraction, an exponent, or an integer out of range.
    F64(f64),
}

impl Node<'_> {
    /// The value as a `serde_json::Value` (numbers keep their u64 / i64 / f64 kind).
    pub fn into_value(self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Node::Null => J::Null,
            Node::Bool(b) => J::Bool(b),
            Node::Number(Number::U64(n)) => J::from(n),
            Node::Number(Number::I64(n)) => J::from(n),
            Node::Number(Number::F64(n)) => {
                serde_json::Number::from_f64(n).map_or(J::Null, J::Number)
            }
            Node::String(s) => J::String(s),
            Node::Array(items) => J::Array(items.into_iter().map(Node::into_value).collect()),
            Node::Object(members) => J::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k.into_owned(), v.into_value()))
                    .collect(),
            ),
        }
    }
}
