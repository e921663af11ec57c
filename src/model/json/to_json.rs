//! [`ToJson`]: a type written by hand to the [`Writer`], and its impls for the standard types
//! the documents hold. The impls for the engine's own types sit next to the types' readers
//! (`model::to_json`, `session::to_json`, ...).

use std::collections::BTreeMap;

use super::reader::Number;
use super::untyped::Value;

use crate::sorted_map::{SortedMap, SortedSet};

use super::writer::Writer;

/// A type written as JSON text by hand, byte for byte as its serde `Serialize` impl writes it
/// with `serde_json::to_string` (`tests/json_writer.rs` holds the two together).
///
/// An impl writes exactly one value. Structs use [`Writer::begin_object`], [`Writer::field`]
/// (which takes the value as `&dyn ToJson`) and [`Writer::end_object`]; enums write their
/// variant's name with [`Writer::string`], or use [`Writer::tagged`]. None of these is
/// generic, so each type adds only its own code.
pub trait ToJson {
    /// Write this value.
    fn to_json(&self, w: &mut Writer);
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self, w: &mut Writer) {
        (**self).to_json(w);
    }
}

impl ToJson for str {
    fn to_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn to_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn to_json(&self, w: &mut Writer) {
        w.boolean(*self);
    }
}

impl ToJson for f64 {
    fn to_json(&self, w: &mut Writer) {
        w.float(*self);
    }
}

impl ToJson for u32 {
    fn to_json(&self, w: &mut Writer) {
        w.unsigned(u64::from(*self));
    }
}

impl ToJson for u64 {
    fn to_json(&self, w: &mut Writer) {
        w.unsigned(*self);
    }
}

impl ToJson for usize {
    fn to_json(&self, w: &mut Writer) {
        w.unsigned(*self as u64);
    }
}

impl ToJson for i64 {
    fn to_json(&self, w: &mut Writer) {
        w.signed(*self);
    }
}

/// `None` is `null`.
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, w: &mut Writer) {
        match self {
            Some(value) => value.to_json(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, w: &mut Writer) {
        w.array(&mut self.iter().map(|e| e as &dyn ToJson));
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, w: &mut Writer) {
        self.as_slice().to_json(w);
    }
}

impl ToJson for SortedSet<String> {
    fn to_json(&self, w: &mut Writer) {
        w.array(&mut self.iter().map(|e| e as &dyn ToJson));
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self, w: &mut Writer) {
        w.map(&mut self.iter().map(|(k, v)| (k.as_str(), v as &dyn ToJson)));
    }
}

impl<T: ToJson> ToJson for SortedMap<String, T> {
    fn to_json(&self, w: &mut Writer) {
        w.map(&mut self.iter().map(|(k, v)| (k.as_str(), v as &dyn ToJson)));
    }
}

/// `[a, b]`.
impl ToJson for (String, String) {
    fn to_json(&self, w: &mut Writer) {
        w.array(&mut [&self.0 as &dyn ToJson, &self.1].into_iter());
    }
}

impl ToJson for Value {
    fn to_json(&self, w: &mut Writer) {
        match self {
            Value::Null => w.null(),
            Value::Bool(b) => w.boolean(*b),
            Value::Number(n) => n.to_json(w),
            Value::String(s) => w.string(s),
            Value::Array(elements) => elements.to_json(w),
            Value::Object(members) => {
                w.map(&mut members.iter().map(|(k, v)| (k.as_str(), v as &dyn ToJson)));
            }
        }
    }
}

/// As serde_json writes it: an integer in decimal, a float with its shortest digits.
impl ToJson for Number {
    fn to_json(&self, w: &mut Writer) {
        if let Some(n) = self.as_u64() {
            w.unsigned(n);
        } else if let Some(n) = self.as_i64() {
            w.signed(n);
        } else {
            w.float(self.as_f64().unwrap_or(f64::NAN));
        }
    }
}
