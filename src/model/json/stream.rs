//! A serde `Deserializer` reading JSON text directly, the way `serde_json` reads it: no tree
//! in between, so loading a package allocates only what the package keeps.
//!
//! It differs from `serde_json` in three ways that keep the WebAssembly module small and the
//! errors useful:
//! - each `deserialize_*` hint calls the one `visit_*` method that fits it (a struct is read
//!   from an object only, never from an array), so a visitor's other methods are never
//!   compiled in, and a type error is built once, out of line, in the visitor's words;
//! - the JSON path of an error (`items[2].interaction.key`) is assembled only when something
//!   fails, each array and object putting its segment in front on the way out;
//! - object keys borrow from the text, and the error offset is the start of the offending
//!   value.
//!
//! Grammar and numbers follow RFC 8259 as `serde_json` reads them: integers without fraction
//! or exponent are `u64` (`i64` when negative) when they fit and floats otherwise, `-0` is the
//! float −0.0, a float that overflows is an error, strings may not hold raw control characters,
//! `\u` escapes must pair their surrogates, and nesting stops at 128 levels.

use std::borrow::Cow;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

use super::error::{Error, Segment};
use super::node::Number;

/// Deepest nesting of arrays and objects accepted.
const MAX_DEPTH: usize = 128;

/// Reads one JSON document from text.
pub struct TextDeserializer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> TextDeserializer<'a> {
    pub fn new(text: &'a str) -> TextDeserializer<'a> {
        TextDeserializer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        }
    }

    /// Byte offset reached.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// After the document: only whitespace may follow.
    pub fn end(&mut self) -> Result<(), Error> {
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            Err(self.error("trailing characters"))
        } else {
            Ok(())
        }
    }

    fn error(&self, message: &str) -> Error {
        Error::at(message.to_string(), self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// The next non-whitespace byte, not consumed; EOF is an error.
    fn next_byte(&mut self) -> Result<u8, Error> {
        self.skip_whitespace();
        self.peek()
            .ok_or_else(|| self.error("EOF while parsing a value"))
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if self
            .bytes
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()))
        {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("expected value"))
        }
    }

    /// One level deeper (an array or object opens), refusing runaway nesting.
    fn enter(&mut self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// The closing `]` or `}` of what `enter` opened, after its visitor is done.
    fn close(&mut self, byte: u8, what: &str) -> Result<(), Error> {
        self.skip_whitespace();
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                self.depth -= 1;
                Ok(())
            }
            None => Err(self.error("EOF while parsing")),
            Some(_) => Err(self.error(what)),
        }
    }

    /// A string starting at the opening quote: borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1;
        let start = self.pos;
        let text: &'a str = self.text;
        // Multi-byte UTF-8 sequences hold no quote, backslash or control byte, and the text is
        // a `str`, so the positions of those ASCII delimiters are character boundaries.
        let end = self.bytes[start..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .map_or(self.bytes.len(), |i| start + i);
        self.pos = end;
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return Ok(Cow::Borrowed(&text[start..end]));
        }
        let mut out = String::from(&text[start..end]);
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    out.push_str(&text[start..self.pos]);
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(&text[start..self.pos]);
                    self.pos += 1;
                    self.escape(&mut out)?;
                    start = self.pos;
                }
                Some(0..=0x1f) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// One escape sequence, after the backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(byte) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        let ch = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(ch);
        Ok(())
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            other => other,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(digit) = self.peek().and_then(|b| (b as char).to_digit(16)) else {
                return Err(self.error("invalid escape"));
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number starting at the current position (`-` or a digit).
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => return Err(self.error("invalid number")),
            n if n > 1 && self.bytes.get(int_start) == Some(&b'0') => {
                self.pos = int_start + 1;
                return Err(self.error("invalid number"));
            }
            _ => {}
        }
        let int_end = self.pos;
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integer = false;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if integer {
            if let Ok(n) = self.text[int_start..int_end].parse::<u64>() {
                return Ok(match (negative, n) {
                    (false, n) => Number::U64(n),
                    (true, 0) => Number::F64(-0.0),
                    (true, n) if n <= 1 << 63 => Number::I64((n as i64).wrapping_neg()),
                    (true, n) => Number::F64(-(n as f64)),
                });
            }
        }
        match self.text[start..self.pos].parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::F64(f)),
            _ => {
                self.pos = start;
                Err(self.error("number out of range"))
            }
        }
    }

    /// Read past one value of any kind.
    fn skip_value(&mut self) -> Result<(), Error> {
        match self.next_byte()? {
            b'"' => self.string().map(drop),
            b'n' => self.literal("null"),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            b'[' => {
                self.enter()?;
                let mut first = true;
                while self.more(&mut first, b']', "expected `,` or `]`")? {
                    self.skip_value()?;
                }
                self.close(b']', "expected `,` or `]`")
            }
            b'{' => {
                self.enter()?;
                let mut first = true;
                while self.more(&mut first, b'}', "expected `,` or `}`")? {
                    self.key()?;
                    self.skip_value()?;
                }
                self.close(b'}', "expected `,` or `}`")
            }
            _ => Err(self.error("expected value")),
        }
    }

    /// Inside an array or object: whether another element follows (consuming its `,`).
    fn more(&mut self, first: &mut bool, close: u8, what: &str) -> Result<bool, Error> {
        self.skip_whitespace();
        match self.peek() {
            Some(b) if b == close => Ok(false),
            None => Err(self.error("EOF while parsing")),
            Some(_) if *first => {
                *first = false;
                Ok(true)
            }
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(_) => Err(self.error(what)),
        }
    }

    /// An object key and its colon.
    fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.next_byte()? != b'"' {
            return Err(self.error("key must be a string"));
        }
        let key = self.string()?;
        if self.next_byte()? != b':' {
            return Err(self.error("expected `:`"));
        }
        self.pos += 1;
        Ok(key)
    }

    /// "invalid type: string \"x\", expected f64", as the visitor's own default would say it,
    /// about the value at the current position. Out of line and not generic: one copy however
    /// many visitors there are.
    #[inline(never)]
    fn type_error(&mut self, expected: &dyn Expected) -> Error {
        let start = self.pos;
        let text;
        let unexpected = match self.peek() {
            Some(b'"') => match self.string() {
                Ok(s) => {
                    text = s;
                    Unexpected::Str(&text)
                }
                Err(e) => return e,
            },
            Some(b'n') => Unexpected::Unit,
            Some(b't') => Unexpected::Bool(true),
            Some(b'f') => Unexpected::Bool(false),
            Some(b'[') => Unexpected::Seq,
            Some(b'{') => Unexpected::Map,
            Some(b'-' | b'0'..=b'9') => match self.number() {
                Ok(Number::U64(n)) => Unexpected::Unsigned(n),
                Ok(Number::I64(n)) => Unexpected::Signed(n),
                Ok(Number::F64(n)) => Unexpected::Float(n),
                Err(e) => return e,
            },
            _ => return self.error("expected value"),
        };
        let error: Error = de::Error::invalid_type(unexpected, expected);
        error.or_at(start)
    }

    fn visit_array<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        let value = visitor.visit_seq(SeqAccess {
            de: &mut *self,
            first: true,
            index: 0,
        })?;
        self.close(b']', "invalid length, expected fewer elements in array")?;
        Ok(value)
    }

    fn visit_object<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        let value = visitor.visit_map(MapAccess {
            de: &mut *self,
            first: true,
            key: Cow::Borrowed(""),
        })?;
        self.close(b'}', "invalid length, expected fewer elements in map")?;
        Ok(value)
    }

    fn integer<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b'-' | b'0'..=b'9' => {
                let start = self.pos;
                match self.number()? {
                    Number::U64(n) => visitor.visit_u64(n),
                    Number::I64(n) => visitor.visit_i64(n),
                    Number::F64(_) => {
                        self.pos = start;
                        Err(self.type_error(&visitor))
                    }
                }
            }
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn float<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b'-' | b'0'..=b'9' => match self.number()? {
                Number::U64(n) => visitor.visit_u64(n),
                Number::I64(n) => visitor.visit_i64(n),
                Number::F64(n) => visitor.visit_f64(n),
            },
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn text_value<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b'"' => match self.string()? {
                Cow::Borrowed(s) => visitor.visit_str(s),
                Cow::Owned(s) => visitor.visit_string(s),
            },
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn array<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b'[' => self.visit_array(visitor),
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn object<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b'{' => self.visit_object(visitor),
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn unit<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b'n' => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            _ => Err(self.type_error(&visitor)),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut TextDeserializer<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b'n' => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            b't' => {
                self.literal("true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal("false")?;
                visitor.visit_bool(false)
            }
            b'-' | b'0'..=b'9' => match self.number()? {
                Number::U64(n) => visitor.visit_u64(n),
                Number::I64(n) => visitor.visit_i64(n),
                Number::F64(n) => visitor.visit_f64(n),
            },
            b'"' => match self.string()? {
                Cow::Borrowed(s) => visitor.visit_str(s),
                Cow::Owned(s) => visitor.visit_string(s),
            },
            b'[' => self.visit_array(visitor),
            b'{' => self.visit_object(visitor),
            _ => Err(self.error("expected value")),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next_byte()? {
            b't' => {
                self.literal("true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal("false")?;
                visitor.visit_bool(false)
            }
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.float(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.float(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text_value(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text_value(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text_value(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text_value(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.unit(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next_byte()? == b'n' {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.next_byte()? {
            // A unit variant: "name".
            b'"' => {
                let variant = self.string()?;
                visitor.visit_enum(UnitVariant { variant })
            }
            // Any other variant: {"name": content}.
            b'{' => {
                self.enter()?;
                let variant = self.key()?;
                let value = visitor.visit_enum(VariantAccess {
                    de: &mut *self,
                    variant,
                })?;
                self.close(b'}', "expected a map with a single key")?;
                Ok(value)
            }
            _ => Err(self.type_error(&"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        i128 u128 bytes byte_buf
    }
}

/// Where an error met on the way out of a member or element gets its place: the current
/// offset (unless a deeper value already gave one) and the segment in front of its path.
#[inline(never)]
fn locate(error: Error, offset: usize, segment: Segment) -> Error {
    error.or_at(offset).within(segment)
}

struct SeqAccess<'b, 'a> {
    de: &'b mut TextDeserializer<'a>,
    first: bool,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.de.more(&mut self.first, b']', "expected `,` or `]`")? {
            return Ok(None);
        }
        match seed.deserialize(&mut *self.de) {
            Ok(value) => {
                self.index += 1;
                Ok(Some(value))
            }
            Err(e) => Err(locate(e, self.de.pos, Segment::Index(self.index))),
        }
    }
}

struct MapAccess<'b, 'a> {
    de: &'b mut TextDeserializer<'a>,
    first: bool,
    /// The key just read, for the path of an error in its value.
    key: Cow<'a, str>,
}

impl MapAccess<'_, '_> {
    #[inline(never)]
    fn locate(&mut self, error: Error) -> Error {
        let key = std::mem::replace(&mut self.key, Cow::Borrowed(""));
        locate(error, self.de.pos, Segment::Key(key.into_owned()))
    }
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.de.more(&mut self.first, b'}', "expected `,` or `}`")? {
            return Ok(None);
        }
        self.key = self.de.key()?;
        // A refused key (`unknown field`) is reported at that member, as its value would be.
        match seed.deserialize(StrDeserializer::<Error>::new(&self.key)) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(self.locate(e)),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de).map_err(|e| self.locate(e))
    }
}

/// `"name"`: a unit variant.
struct UnitVariant<'a> {
    variant: Cow<'a, str>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let value = seed.deserialize(StrDeserializer::<Error>::new(&self.variant))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

/// `{"name": content}`: the reader sits at the content.
struct VariantAccess<'b, 'a> {
    de: &'b mut TextDeserializer<'a>,
    variant: Cow<'a, str>,
}

impl<'de> de::EnumAccess<'de> for VariantAccess<'_, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let value = seed.deserialize(StrDeserializer::<Error>::new(&self.variant))?;
        Ok((value, self))
    }
}

impl VariantAccess<'_, '_> {
    /// Errors in the content get the variant name in their path: it sits under that key.
    #[inline(never)]
    fn locate(self, error: Error) -> Error {
        locate(error, self.de.pos, Segment::Key(self.variant.into_owned()))
    }
}

impl<'de> de::VariantAccess<'de> for VariantAccess<'_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match de::Deserialize::deserialize(&mut *self.de) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.locate(e)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match seed.deserialize(&mut *self.de) {
            Ok(value) => Ok(value),
            Err(e) => Err(self.locate(e)),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match de::Deserializer::deserialize_seq(&mut *self.de, visitor) {
            Ok(value) => Ok(value),
            Err(e) => Err(self.locate(e)),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match de::Deserializer::deserialize_map(&mut *self.de, visitor) {
            Ok(value) => Ok(value),
            Err(e) => Err(self.locate(e)),
        }
    }
}
