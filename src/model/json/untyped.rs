//! [`Value`]: any JSON value, the engine's own stand-in for `serde_json::Value`. Item
//! responses are held as one throughout the core (sessions, scoring, delivery, records).
//!
//! It exists for the size of the browser module. `serde_json::Value` keeps an object's members
//! in a `BTreeMap`, whose node code (insert with splits, search, drop) and the value's own
//! `PartialEq`, `Clone`, drop and number helpers came to about 3 KB gzip of WebAssembly. This
//! type keeps them in a [`SortedMap`] (one sorted `Vec`), so the browser module carries no
//! `BTreeMap` and nothing of `serde_json`.
//!
//! It means exactly what a `serde_json::Value` means, so records, snapshots and hashes do not
//! change: members in the order a `BTreeMap<String, _>` keeps them (byte order of the keys), a
//! number keeps its kind (`u64` for a non-negative integer, `i64` for a negative one, `f64`
//! otherwise) and two values are equal as serde_json compares them (`1` and `1.0` differ). The
//! reader builds them ([`Reader::value`](super::Reader::value)), the [`Writer`](super::Writer)
//! writes them; native code reads and writes them with serde (`serde_value.rs`) and converts
//! from and to `serde_json::Value` (`Value::from(json!(...))`).

use std::fmt;

use super::reader::Number;
use crate::sorted_map::SortedMap;

/// An object's members, in key order; a repeated key keeps its last value.
pub type Map = SortedMap<String, Value>;

/// Any JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, with serde_json's kind.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

impl Value {
    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// True for `true` or `false`.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    /// True for a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// True for a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// True for an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(Number::as_f64)
    }

    /// The number as a `u64`, if this is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }

    /// The number as an `i64`, if this is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    /// True for a number of the float kind (`1.0`, `1e3`, an integer out of range).
    pub fn is_f64(&self) -> bool {
        self.as_number().is_some_and(Number::is_f64)
    }

    /// True for a number of an integer kind that fits a `u64`.
    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// True for a number of an integer kind that fits an `i64`.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// A member of an object by key, or an element of an array by index.
    pub fn get(&self, index: impl ValueIndex) -> Option<&Value> {
        index.index_into(self)
    }
}

/// What [`Value::get`] and `value[...]` take: a key (`&str`) or an index (`usize`).
pub trait ValueIndex {
    /// The member or element of `value` this names.
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value>;
}

impl ValueIndex for str {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_object().and_then(|members| members.get(self))
    }
}

impl ValueIndex for String {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        self.as_str().index_into(value)
    }
}

impl ValueIndex for usize {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_array().and_then(|elements| elements.get(*self))
    }
}

impl<T: ValueIndex + ?Sized> ValueIndex for &T {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        (**self).index_into(value)
    }
}

/// `value["key"]` or `value[2]`: the member or element, or `null` when there is none (as
/// `serde_json::Value` indexes).
impl<I: ValueIndex> std::ops::Index<I> for Value {
    type Output = Value;

    fn index(&self, index: I) -> &Value {
        static NULL: Value = Value::Null;
        index.index_into(self).unwrap_or(&NULL)
    }
}

impl Number {
    /// The number of a finite `f64`; `None` for NaN and the infinities, which JSON has not.
    pub fn from_f64(value: f64) -> Option<Number> {
        value.is_finite().then_some(Number::F64(value))
    }

    /// The number as an `f64` (rounded for a large integer); always `Some`, as serde_json's.
    pub fn as_f64(&self) -> Option<f64> {
        Some(match *self {
            Number::U64(n) => n as f64,
            Number::I64(n) => n as f64,
            Number::F64(n) => n,
        })
    }

    /// The number as a `u64`, if it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::U64(n) => Some(n),
            Number::I64(n) => u64::try_from(n).ok(),
            Number::F64(_) => None,
        }
    }

    /// The number as an `i64`, if it is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::U64(n) => i64::try_from(n).ok(),
            Number::I64(n) => Some(n),
            Number::F64(_) => None,
        }
    }

    /// True for a float (not an integer kind).
    pub fn is_f64(&self) -> bool {
        matches!(self, Number::F64(_))
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number::U64(n)
    }
}

/// A non-negative `i64` is a `u64`, as serde_json classifies it.
impl From<i64> for Number {
    fn from(n: i64) -> Number {
        match u64::try_from(n) {
            Ok(n) => Number::U64(n),
            Err(_) => Number::I64(n),
        }
    }
}

/// As serde_json displays it: an integer in decimal, a float with its shortest digits (`1.0`).
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::U64(n) => write!(f, "{n}"),
            Number::I64(n) => write!(f, "{n}"),
            Number::F64(n) => f.write_str(zmij::Buffer::new().format_finite(n)),
        }
    }
}

/// The compact JSON text, as `serde_json::Value` displays it.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::write(self))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Number(Number::from(n))
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Number(Number::from(n))
    }
}

/// `null` for NaN and the infinities, as serde_json converts them.
impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}

impl From<Vec<Value>> for Value {
    fn from(elements: Vec<Value>) -> Value {
        Value::Array(elements)
    }
}

impl From<Map> for Value {
    fn from(members: Map) -> Value {
        Value::Object(members)
    }
}
