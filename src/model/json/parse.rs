//! JSON text → [`Node`] tree, with the byte offset of every value and no repeated keys.
//!
//! The grammar is RFC 8259, read the way `serde_json` reads it: numbers without a fraction or
//! exponent are integers (`u64`, or `i64` when negative) when they fit and floats otherwise,
//! `-0` is the float −0.0, a float that overflows is an error, strings may not hold raw
//! control characters, `\u` escapes must pair their surrogates, and nesting stops at 128
//! levels so that no input can exhaust the stack.

use super::error::{Error, Segment};

/// Deepest nesting of arrays and objects accepted.
const MAX_DEPTH: usize = 128;

/// A parsed JSON value and where it starts in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Byte offset of the value's first character (0 for values built outside the parser).
    pub offset: usize,
}

/// The JSON data model. Objects keep their members in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
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

/// Parse a whole document. Trailing non-whitespace is an error.
pub fn parse(text: &str) -> Result<Node, Error> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    let node = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
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

    /// Consume `byte` after optional whitespace, or fail with `message`.
    fn expect(&mut self, byte: u8, message: &str) -> Result<(), Error> {
        self.skip_whitespace();
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.error("EOF while parsing")),
            Some(_) => Err(self.error(message)),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Error> {
        self.skip_whitespace();
        let offset = self.pos;
        let value = match self.peek() {
            None => return Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(_) => return Err(self.error("expected value")),
        };
        Ok(Node { value, offset })
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected value"))
        }
    }

    fn nested(&self, depth: usize) -> Result<usize, Error> {
        if depth >= MAX_DEPTH {
            Err(self.error("recursion limit exceeded"))
        } else {
            Ok(depth + 1)
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        let depth = self.nested(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            let index = items.len();
            let item = self
                .value(depth)
                .map_err(|e| e.within(Segment::Index(index)))?;
            items.push(item);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        let depth = self.nested(depth)?;
        self.pos += 1;
        let mut members: Vec<(String, Node)> = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key_offset = self.pos;
            let key = self.string()?;
            self.expect(b':', "expected `:`")?;
            let node = match self.value(depth) {
                Ok(node) => node,
                Err(e) => return Err(e.within(Segment::Key(key))),
            };
            // An author who wrote a key twice meant something: refuse instead of keeping one.
            if members.iter().any(|(k, _)| *k == key) {
                let message = format!("duplicate field `{key}`");
                return Err(Error::at(message, key_offset).within(Segment::Key(key)));
            }
            members.push((key, node));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    self.escape(&mut out)?;
                    start = self.pos;
                }
                Some(0..=0x1f) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                // Multi-byte UTF-8 sequences hold no quote, backslash or control byte, and the
                // text is a `str`, so slicing at the next ASCII delimiter stays on a boundary.
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
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) => (b as char).to_digit(16),
            };
            let Some(digit) = digit else {
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

    fn number(&mut self) -> Result<Number, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => return Err(self.error("invalid number")),
            n if n > 1 && self.bytes[int_start] == b'0' => {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        parse(text).expect(text).value
    }

    #[test]
    fn reads_numbers_as_serde_json_classifies_them() {
        assert_eq!(value("7"), Value::Number(Number::U64(7)));
        assert_eq!(value("-7"), Value::Number(Number::I64(-7)));
        assert_eq!(value("-0"), Value::Number(Number::F64(-0.0)));
        assert_eq!(value("2.0"), Value::Number(Number::F64(2.0)));
        assert_eq!(value("1e2"), Value::Number(Number::F64(100.0)));
        assert_eq!(
            value("18446744073709551616"),
            Value::Number(Number::F64(18446744073709551616.0))
        );
        assert_eq!(
            value("-9223372036854775808"),
            Value::Number(Number::I64(i64::MIN))
        );
        for bad in ["01", "1.", "-", ".5", "1e", "1e400", "+1"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_strings_with_escapes_and_refuses_control_characters() {
        assert_eq!(
            value(r#""a\"b\\c\/\n\u00e9\ud83d\ude00é""#),
            Value::String("a\"b\\c/\né😀é".to_string())
        );
        for bad in [
            "\"a\u{1}\"",
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\x""#,
            "\"abc",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keeps_offsets_and_member_order() {
        let node = parse(r#" {"b": [1, true], "a": null}"#).unwrap();
        assert_eq!(node.offset, 1);
        let Value::Object(members) = node.value else {
            panic!("an object")
        };
        assert_eq!(members[0].0, "b");
        assert_eq!(members[0].1.offset, 7);
        assert_eq!(members[1].0, "a");
    }

    #[test]
    fn refuses_repeated_keys_with_their_path() {
        let err = parse(r#"{"a": [{"k": 1, "k": 2}]}"#).unwrap_err();
        assert_eq!(err.path(), "a[0].k");
        assert_eq!(err.message(), "duplicate field `k`");
    }

    #[test]
    fn syntax_errors_name_the_place() {
        let err = parse(r#"{"a": {"b": [1, 2 x]}}"#).unwrap_err();
        assert_eq!(err.path(), "a.b");
        assert!(parse("").is_err());
        assert!(parse("{} x").is_err());
        assert!(parse(&"[".repeat(200)).is_err());
        assert!(parse(&format!("{}{}", "[".repeat(100), "]".repeat(100))).is_ok());
    }
}
