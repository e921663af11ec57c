//! [`Writer`]: compact JSON text, byte for byte as `serde_json::to_string` writes it.
//!
//! Why: the browser module's size (issue 3). serde's serializer is compiled once per type and
//! per serializer (and the internally tagged enums went through a `serde_json::Value` too);
//! this writer is compiled once, and each [`ToJson`] impl adds only its own calls. Use it
//! through [`super::write`] and the `ToJson` impls (`model::to_json`, `session::to_json`, ...).
//!
//! Strings are escaped as serde_json escapes them (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
//! other control characters as `\u00xx` in lowercase hex, everything else as is), integers
//! are written in decimal, finite floats with `zmij` (serde_json's own formatter: `1.0`,
//! `1e21`, `5e-324`, `-0.0`), and a float that is not finite as `null`.
//!
//! Separators need no state: a comma goes before a member or element unless the text so far
//! ends with the `{` or `[` that opened it (no value ends with either).

use super::to_json::ToJson;
use crate::stable_sort;

/// Compact JSON text under construction.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    /// How many internally tagged values enclose the position (see [`Writer::tagged`]).
    tagged: usize,
    /// The objects open inside internally tagged values, innermost last.
    sorting: Vec<SortingObject>,
}

/// An object whose members are put in key order when it closes.
#[derive(Debug)]
struct SortingObject {
    /// Where the members start in the text (just after the `{`).
    body: usize,
    /// Each member's key and where the member starts (its key's opening quote).
    members: Vec<(String, usize)>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// A whole number from 0.
    pub fn unsigned(&mut self, value: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = value;
        loop {
            start -= 1;
            if let Some(d) = digits.get_mut(start) {
                *d = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 || start == 0 {
                break;
            }
        }
        for d in digits.get(start..).unwrap_or_default() {
            self.out.push(char::from(*d));
        }
    }

    /// A whole number.
    pub fn signed(&mut self, value: i64) {
        if value < 0 {
            self.out.push('-');
        }
        self.unsigned(value.unsigned_abs());
    }

    /// A number as serde_json writes an `f64`: shortest round-trip digits (`0.1`, `1.0`,
    /// `1e21`), or `null` when it is not finite.
    pub fn float(&mut self, value: f64) {
        if value.is_finite() {
            let mut buffer = zmij::Buffer::new();
            self.out.push_str(buffer.format_finite(value));
        } else {
            self.null();
        }
    }

    /// A string, escaped as serde_json escapes it.
    pub fn string(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.push('"');
        let mut run = 0;
        for (i, byte) in text.bytes().enumerate() {
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                0x08 => "\\b",
                0x0c => "\\f",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            // `i` is at an ASCII byte, so on a character boundary.
            self.out.push_str(text.get(run..i).unwrap_or_default());
            run = i + 1;
            if escape.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(byte >> 4)]));
                self.out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            } else {
                self.out.push_str(escape);
            }
        }
        self.out.push_str(text.get(run..).unwrap_or_default());
        self.out.push('"');
    }

    /// A comma, unless the text ends with the bracket `open` of the value being written.
    fn separate(&mut self, open: u8) {
        if self.out.as_bytes().last().is_some_and(|b| *b != open) {
            self.out.push(',');
        }
    }

    /// Open an object; write its members with [`Writer::field`] (or [`Writer::key`] and a
    /// value), then [`Writer::end_object`].
    pub fn begin_object(&mut self) {
        self.out.push('{');
        if self.tagged > 0 {
            self.sorting.push(SortingObject {
                body: self.out.len(),
                members: Vec::new(),
            });
        }
    }

    /// A member's key and colon; its value is written next.
    pub fn key(&mut self, key: &str) {
        self.separate(b'{');
        if self.tagged > 0 {
            if let Some(object) = self.sorting.last_mut() {
                object.members.push((key.to_string(), self.out.len()));
            }
        }
        self.string(key);
        self.out.push(':');
    }

    /// A member: `"name":value`.
    pub fn field(&mut self, name: &str, value: &dyn ToJson) {
        self.key(name);
        value.to_json(self);
    }

    /// Close the object opened by [`Writer::begin_object`].
    pub fn end_object(&mut self) {
        if self.tagged > 0 {
            if let Some(object) = self.sorting.pop() {
                self.sort_members(object);
            }
        }
        self.out.push('}');
    }

    /// Put the members of `object` in key order, as a `serde_json::Map` (a `BTreeMap`) holds
    /// them; of members with the same key the last one stays, as `Map::insert` keeps it.
    #[inline(never)]
    fn sort_members(&mut self, object: SortingObject) {
        let members = object.members;
        let body = self.out.split_off(object.body.min(self.out.len()));
        let span = |k: usize| {
            let start = members.get(k).map_or(0, |m| m.1 - object.body);
            // The next member starts after this one and its comma.
            let end = members
                .get(k + 1)
                .map_or(body.len(), |m| m.1 - object.body - 1);
            body.get(start..end).unwrap_or_default()
        };
        let order = stable_sort::order(members.len(), &mut |a, b| {
            let key = |k: usize| members.get(k).map(|m| m.0.as_str());
            key(a).cmp(&key(b))
        });
        let mut first = true;
        for (position, &k) in order.iter().enumerate() {
            let key = members.get(k).map(|m| &m.0);
            let next = order.get(position + 1).and_then(|&n| members.get(n));
            if next.is_some_and(|n| Some(&n.0) == key) {
                continue;
            }
            if !first {
                self.out.push(',');
            }
            first = false;
            self.out.push_str(span(k));
        }
    }

    /// An array of `elements`.
    pub fn array(&mut self, elements: &mut dyn Iterator<Item = &dyn ToJson>) {
        self.out.push('[');
        for element in elements {
            self.separate(b'[');
            element.to_json(self);
        }
        self.out.push(']');
    }

    /// An object of `entries`, in the order given.
    pub fn map(&mut self, entries: &mut dyn Iterator<Item = (&str, &dyn ToJson)>) {
        self.begin_object();
        for (key, value) in entries {
            self.field(key, value);
        }
        self.end_object();
    }

    /// An internally tagged value as serde writes one through a `serde_json::Value`
    /// (`model::tagged`): `{"type": "numeric", ...}`, the tag and the variant's `fields`, the
    /// members of this object and of every object inside it in key order.
    pub fn tagged(&mut self, tag: &str, variant: &str, fields: &mut dyn FnMut(&mut Writer)) {
        self.tagged += 1;
        self.begin_object();
        self.field(tag, &variant);
        fields(self);
        self.end_object();
        self.tagged -= 1;
    }
}
