//! Typed reading on top of the cursor: an object into the fields of a struct, arrays, maps,
//! enums written as their variant's name, and numbers range-checked for their type.
//!
//! Every helper takes the element or member reader as `&mut dyn FnMut`, so none is compiled
//! once per type. Errors are worded as serde words them (`unknown field`, `missing field`,
//! `invalid type: …, expected …`) and placed as [`super::error`] describes: a member's or
//! element's error gets its key or index in front of its path on the way out.

use serde::de::{self, Expected, Unexpected};

use super::error::{Error, Segment};
use super::reader::{Number, Reader};

/// The fields of a struct, as its JSON object names them.
pub struct Fields {
    /// The type as serde names it in a type error (`struct Item`).
    pub expecting: &'static str,
    /// Member names in declaration order; `fields` passes the index of the one it meets.
    pub names: &'static [&'static str],
    /// Refuse members that are not fields (serde's `deny_unknown_fields`); else skip them.
    pub deny_unknown: bool,
}

/// A member or element error on its way out of the object or array holding it: the offset
/// reached (unless a deeper value gave one) and the segment in front of its path.
#[inline(never)]
pub(super) fn locate(error: Error, offset: usize, segment: Segment) -> Error {
    error.or_at(offset).within(segment)
}

/// A member's error, under its key.
#[inline(never)]
fn locate_key(error: Error, offset: usize, key: &str) -> Error {
    locate(error, offset, Segment::Key(key.to_string()))
}

impl<'a> Reader<'a> {
    /// An object read as the fields of a struct: `member(reader, index)` reads the value of
    /// field `fields.names[index]` the first time it appears. A repeated field is refused; so
    /// is an unknown one when `fields.deny_unknown`. Missing fields are the caller's to
    /// report, with [`Reader::need`], once this returns.
    pub fn fields(
        &mut self,
        fields: &Fields,
        member: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        // The tag of an internally tagged value read as its variant's fields (once).
        let mut tag = self.tag_key.take();
        if self.next_byte()? != b'{' {
            return Err(self.type_error(&fields.expecting));
        }
        self.enter()?;
        let mut first = true;
        let mut seen = 0u64;
        while self.more(&mut first, b'}', "expected `,` or `}`")? {
            let key = self.key()?;
            if tag.is_some_and(|t| t == key) {
                tag = None;
                if let Err(e) = self.skip_value() {
                    return Err(locate_key(e, self.pos, &key));
                }
                continue;
            }
            let found = fields.names.iter().enumerate().find(|(_, n)| **n == key);
            let Some((index, name)) = found else {
                let result = if fields.deny_unknown {
                    Err(de::Error::unknown_field(&key, fields.names))
                } else {
                    self.skip_value()
                };
                match result {
                    Ok(()) => continue,
                    Err(e) => return Err(locate_key(e, self.pos, &key)),
                }
            };
            let bit = 1u64.checked_shl(index as u32).unwrap_or(0);
            if seen & bit != 0 {
                let e: Error = de::Error::duplicate_field(name);
                return Err(e.or_at(self.pos));
            }
            seen |= bit;
            if let Err(e) = member(self, index) {
                return Err(locate(e, self.pos, Segment::Key((*name).to_string())));
            }
        }
        self.closed_at = self.pos;
        self.close(b'}', "expected `,` or `}`")
    }

    /// The value of a required field read by [`Reader::fields`], or `missing field` at the
    /// object's closing brace.
    pub fn need<T>(&self, value: Option<T>, name: &'static str) -> Result<T, Error> {
        match value {
            Some(value) => Ok(value),
            None => Err(self.missing(name)),
        }
    }

    #[inline(never)]
    fn missing(&self, name: &'static str) -> Error {
        let error: Error = de::Error::missing_field(name);
        error.or_at(self.closed_at)
    }

    /// An array: `element(reader, index)` reads each element.
    pub fn array(
        &mut self,
        expecting: &dyn Expected,
        element: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.next_byte()? != b'[' {
            return Err(self.type_error(expecting));
        }
        self.enter()?;
        let mut first = true;
        let mut index = 0;
        while self.more(&mut first, b']', "expected `,` or `]`")? {
            if let Err(e) = element(self, index) {
                return Err(locate(e, self.pos, Segment::Index(index)));
            }
            index += 1;
        }
        self.close(b']', "invalid length, expected fewer elements in array")
    }

    /// A `[a, b]` pair: `element(reader, index)` reads elements 0 and 1.
    pub fn pair(
        &mut self,
        element: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        const EXPECTING: &str = "a tuple of size 2";
        if self.next_byte()? != b'[' {
            return Err(self.type_error(&EXPECTING));
        }
        self.enter()?;
        let mut first = true;
        for index in 0..2 {
            if !self.more(&mut first, b']', "expected `,` or `]`")? {
                return Err(de::Error::invalid_length(index, &EXPECTING));
            }
            if let Err(e) = element(self, index) {
                return Err(locate(e, self.pos, Segment::Index(index)));
            }
        }
        if self.tagged == 0 {
            return self.close(b']', "invalid length, expected fewer elements in array");
        }
        // Inside an internally tagged value the content was read as a whole before, so an
        // extra element was counted: "invalid length 3, expected fewer elements in array".
        let mut len = 2;
        while self.more(&mut first, b']', "expected `,` or `]`")? {
            self.skip_value()?;
            len += 1;
        }
        self.close(b']', "expected `,` or `]`")?;
        if len == 2 {
            Ok(())
        } else {
            Err(de::Error::invalid_length(len, &"fewer elements in array"))
        }
    }

    /// An object of any keys: `member(reader, key)` reads each value. A repeated key is
    /// read again (the caller's map keeps the last), as serde's maps do.
    pub fn map(
        &mut self,
        member: &mut dyn FnMut(&mut Reader<'a>, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.next_byte()? != b'{' {
            return Err(self.type_error(&"a map"));
        }
        self.enter()?;
        let mut first = true;
        while self.more(&mut first, b'}', "expected `,` or `}`")? {
            let key = self.key()?;
            if let Err(e) = member(self, &key) {
                return Err(locate_key(e, self.pos, &key));
            }
        }
        self.close(b'}', "invalid length, expected fewer elements in map")
    }

    /// An enum of unit variants, written as the variant's name (`"shuffled"`) or, as serde
    /// also reads it, `{"shuffled": null}`: the index of the variant in `names`.
    pub fn unit_variant(&mut self, names: &'static [&'static str]) -> Result<usize, Error> {
        match self.next_byte()? {
            b'"' => {
                let name = self.string()?;
                variant_index(&name, names)
            }
            b'{' if self.tagged > 0 => self.buffered_unit_variant(names),
            b'{' => {
                self.enter()?;
                let name = self.key()?;
                let index = variant_index(&name, names)?;
                let content = match self.next_byte() {
                    Ok(b'n') => self.literal("null"),
                    Ok(_) => Err(self.type_error(&"unit")),
                    Err(e) => Err(e),
                };
                if let Err(e) = content {
                    return Err(locate_key(e, self.pos, &name));
                }
                self.close(b'}', "expected a map with a single key")?;
                Ok(index)
            }
            _ => Err(self.type_error(&"string or map")),
        }
    }

    /// `{"name": null}` inside an internally tagged value, read whole as it was buffered.
    fn buffered_unit_variant(&mut self, names: &'static [&'static str]) -> Result<usize, Error> {
        let super::untyped::Value::Object(members) = self.value(true)? else {
            return Err(Error::invalid_type(Unexpected::Map, &"unit"));
        };
        let mut members = members.into_iter();
        let (Some((name, content)), None) = (members.next(), members.next()) else {
            return Err(Error::invalid_value(
                Unexpected::Map,
                &"map with a single key",
            ));
        };
        let index = variant_index(&name, names)?;
        if content.is_null() {
            Ok(index)
        } else {
            let error: Error = Error::invalid_type(super::value::unexpected(&content), &"unit");
            Err(error.within(Segment::Key(name)))
        }
    }

    /// An enum of newtype variants, written `{"name": content}`: `content(reader, index)`
    /// reads the content of variant `names[index]`.
    pub fn newtype_variant(
        &mut self,
        names: &'static [&'static str],
        content: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match self.next_byte()? {
            b'"' => {
                let name = self.string()?;
                variant_index(&name, names)?;
                Err(Error::invalid_type(
                    Unexpected::UnitVariant,
                    &"newtype variant",
                ))
            }
            b'{' => {
                self.enter()?;
                let name = self.key()?;
                let index = variant_index(&name, names)?;
                if let Err(e) = content(self, index) {
                    return Err(locate_key(e, self.pos, &name));
                }
                self.close(b'}', "expected a map with a single key")
            }
            _ => Err(self.type_error(&"string or map")),
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Result<bool, Error> {
        match self.next_byte()? {
            b't' => self.literal("true").map(|()| true),
            b'f' => self.literal("false").map(|()| false),
            _ => Err(self.type_error(&"a boolean")),
        }
    }

    /// A string.
    pub fn text(&mut self) -> Result<String, Error> {
        match self.next_byte()? {
            b'"' => self.string().map(|s| s.into_owned()),
            _ => Err(self.type_error(&"a string")),
        }
    }

    /// Any number, as the nearest `f64` (an integer is converted as serde converts it).
    pub fn float(&mut self) -> Result<f64, Error> {
        match self.next_byte()? {
            b'-' | b'0'..=b'9' => Ok(match self.number()? {
                Number::U64(n) => n as f64,
                Number::I64(n) => n as f64,
                Number::F64(n) => n,
            }),
            _ => Err(self.type_error(&"f64")),
        }
    }

    /// A whole number from 0 to `max`; `expecting` names the type (`u32`).
    pub fn unsigned(&mut self, max: u64, expecting: &'static str) -> Result<u64, Error> {
        match self.integer(expecting)? {
            Number::U64(n) if n <= max => Ok(n),
            Number::U64(n) => Err(Error::invalid_value(Unexpected::Unsigned(n), &expecting)),
            Number::I64(n) => Err(Error::invalid_value(Unexpected::Signed(n), &expecting)),
            Number::F64(n) => Err(Error::invalid_type(Unexpected::Float(n), &expecting)),
        }
    }

    /// A whole number in the range of `i64`.
    pub fn signed(&mut self) -> Result<i64, Error> {
        match self.integer("i64")? {
            Number::U64(n) => {
                i64::try_from(n).map_err(|_| Error::invalid_value(Unexpected::Unsigned(n), &"i64"))
            }
            Number::I64(n) => Ok(n),
            Number::F64(n) => Err(Error::invalid_type(Unexpected::Float(n), &"i64")),
        }
    }

    /// An integer token (a fraction or exponent is a type error at the number).
    fn integer(&mut self, expecting: &'static str) -> Result<Number, Error> {
        match self.next_byte()? {
            b'-' | b'0'..=b'9' => {
                let start = self.pos;
                match self.number()? {
                    Number::F64(_) => {
                        self.pos = start;
                        Err(self.type_error(&expecting))
                    }
                    n => Ok(n),
                }
            }
            _ => Err(self.type_error(&expecting)),
        }
    }
}

/// The index of variant `name` in `names`, or serde's `unknown variant` error.
fn variant_index(name: &str, names: &'static [&'static str]) -> Result<usize, Error> {
    names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| de::Error::unknown_variant(name, names))
}
