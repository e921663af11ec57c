//! The JSON cursor: one pass over the text, one token at a time, nothing generic.
//!
//! Grammar and numbers follow RFC 8259 as `serde_json` reads them: integers without fraction
//! or exponent are `u64` (`i64` when negative) when they fit and floats otherwise, `-0` is the
//! float −0.0, a float that overflows is an error, strings may not hold raw control characters,
//! `\u` escapes must pair their surrogates, and nesting stops at [`MAX_DEPTH`] levels.
//!
//! Typed reading (objects into fields, arrays, enums) is in [`super::typed`], internally
//! tagged values in [`super::tagged`], untyped values in [`super::value`].

use std::borrow::Cow;

use serde::de::{Expected, Unexpected};

use super::error::Error;
use crate::decimal;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

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

/// Reads one JSON document from text.
pub struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pub(super) pos: usize,
    pub(super) depth: usize,
    /// How many internally tagged values enclose the one being read ([`super::tagged`]).
    pub(super) tagged: usize,
    /// The tag key of the internally tagged object about to be read as its variant's fields:
    /// [`Reader::fields`] passes over it.
    pub(super) tag_key: Option<&'static str>,
    /// Offset of the `}` that closed the last object read as fields: where a missing field
    /// is reported.
    pub(super) closed_at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            tagged: 0,
            tag_key: None,
            closed_at: 0,
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

    /// An error about the character at the current position.
    pub fn error(&self, message: &str) -> Error {
        Error::at(message.to_string(), self.pos)
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// The next non-whitespace byte, not consumed; EOF is an error.
    pub fn next_byte(&mut self) -> Result<u8, Error> {
        self.skip_whitespace();
        self.peek()
            .ok_or_else(|| self.error("EOF while parsing a value"))
    }

    /// `null`, `true` or `false` at the current position.
    pub fn literal(&mut self, word: &str) -> Result<(), Error> {
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

    /// One level deeper (an array or object opens at the current position), refusing runaway
    /// nesting.
    pub fn enter(&mut self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// The closing `]` or `}` of what `enter` opened, once its content is read.
    pub fn close(&mut self, byte: u8, what: &str) -> Result<(), Error> {
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

    /// Inside an array or object: whether another element follows (consuming its `,`).
    pub fn more(&mut self, first: &mut bool, close: u8, what: &str) -> Result<bool, Error> {
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
    pub fn key(&mut self) -> Result<Cow<'a, str>, Error> {
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

    /// A string starting at the opening quote: borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1;
        let start = self.pos;
        let text: &'a str = self.text;
        // Multi-byte UTF-8 sequences hold no quote, backslash or control byte, and the text is
        // a `str`, so the positions of those ASCII delimiters are character boundaries.
        let end = self
            .bytes
            .get(start..)
            .and_then(|rest| {
                rest.iter()
                    .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            })
            .map_or(self.bytes.len(), |i| start + i);
        self.pos = end;
        let plain = text.get(start..end).unwrap_or_default();
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return Ok(Cow::Borrowed(plain));
        }
        let mut out = String::from(plain);
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    out.push_str(text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(text.get(start..self.pos).unwrap_or_default());
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
                if !self
                    .bytes
                    .get(self.pos..)
                    .is_some_and(|rest| rest.starts_with(b"\\u"))
                {
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
    pub fn number(&mut self) -> Result<Number, Error> {
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
        let text = self.text;
        if integer {
            if let Some(Ok(n)) = text.get(int_start..int_end).map(str::parse::<u64>) {
                return Ok(match (negative, n) {
                    (false, n) => Number::U64(n),
                    (true, 0) => Number::F64(-0.0),
                    (true, n) if n <= 1 << 63 => Number::I64((n as i64).wrapping_neg()),
                    (true, n) => Number::F64(-(n as f64)),
                });
            }
        }
        match text.get(start..self.pos).and_then(decimal::parse) {
            Some(f) if f.is_finite() => Ok(Number::F64(f)),
            _ => {
                self.pos = start;
                Err(self.error("number out of range"))
            }
        }
    }

    /// Read past one value of any kind.
    pub fn skip_value(&mut self) -> Result<(), Error> {
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

    /// "invalid type: string \"x\", expected f64" (in serde's words) about the value at the
    /// current position; an error in that value's own syntax (a bad number or string) first.
    #[inline(never)]
    pub fn type_error(&mut self, expected: &dyn Expected) -> Error {
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
        let error: Error = Error::invalid_type(unexpected, expected);
        error.or_at(start)
    }
}
