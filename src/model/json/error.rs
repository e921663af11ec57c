//! The error of reading JSON: a message, the JSON path of the value it is about, and the byte
//! offset of that value in the text.
//!
//! The path costs nothing until something fails: an error starts with the path below the
//! value that raised it (usually none), and every array or object it passes through on its way
//! out puts its own segment in front. An error raised by the tokenizer knows its offset; one
//! raised about a whole value (a missing field, an integer out of range) takes the offset the
//! reader has reached when the array or object holding the value sees it ([`Error::or_at`]).

use std::fmt;

use serde::de::{Expected, Unexpected};

use crate::decimal::Decimal;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A reading error (boxed: results stay one pointer wide on the happy path).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    message: String,
    /// Segments from the innermost out (reversed path).
    segments: Vec<Segment>,
    /// Byte offset of the value the error is about, once known.
    offset: Option<usize>,
}

impl Error {
    /// An error about the value (or character) at `offset`.
    pub fn at(message: String, offset: usize) -> Error {
        let mut error = Error::new(message);
        error.0.offset = Some(offset);
        error
    }

    /// An error about a whole value, placed by whoever holds the value (see [`Error::or_at`]).
    pub fn new(message: String) -> Error {
        Error(Box::new(Inner {
            message,
            segments: Vec::new(),
            offset: None,
        }))
    }

    /// The same error, seen from the array or object holding the value: `segment` goes in
    /// front of the path.
    pub fn within(mut self, segment: Segment) -> Error {
        self.0.segments.push(segment);
        self
    }

    /// The offset of the value being read, if the error has none yet.
    pub fn or_at(mut self, offset: usize) -> Error {
        self.0.offset.get_or_insert(offset);
        self
    }

    /// The same error placed at `offset`, whatever place it had.
    pub fn placed_at(mut self, offset: usize) -> Error {
        self.0.offset = Some(offset);
        self
    }

    /// serde's `invalid type: string "x", expected f64`, worded as serde words it.
    pub fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Error {
        let worded = Worded(unexpected);
        Error::new(format!("invalid type: {worded}, expected {expected}"))
    }

    /// serde's `invalid value: integer `300`, expected u8`, worded as serde words it.
    pub fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Error {
        let worded = Worded(unexpected);
        Error::new(format!("invalid value: {worded}, expected {expected}"))
    }

    /// The message, without path or position.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Byte offset of the value the error is about, when known.
    pub fn offset(&self) -> Option<usize> {
        self.0.offset
    }

    /// The JSON path (`items[3].interaction.key`), empty for the document itself.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.0.segments.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// Join two JSON path pieces (`gaps[1]` + `answers[0].value`, or `items[2]` + `[3]`).
pub fn join(outer: &str, inner: &str) -> String {
    match (outer.is_empty(), inner.is_empty()) {
        (true, _) => inner.to_string(),
        (false, true) => outer.to_string(),
        (false, false) if inner.starts_with('[') => format!("{outer}{inner}"),
        (false, false) => format!("{outer}.{inner}"),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if path.is_empty() {
            f.write_str(&self.0.message)
        } else {
            write!(f, "{path}: {}", self.0.message)
        }
    }
}

impl std::error::Error for Error {}

/// A value in serde's words (`string "x"`, `integer `5``, `floating point `1.5``), as serde's
/// `Display` for [`Unexpected`] writes it. The reader words its errors with this rather than
/// with serde's `invalid_type` / `invalid_value`: serde's `Display` writes a float through
/// core's float formatter, which the browser module leaves out (see [`crate::decimal`]).
pub(super) struct Worded<'a>(pub(super) Unexpected<'a>);

impl fmt::Display for Worded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(i) => write!(f, "integer `{i}`"),
            Unexpected::Signed(i) => write!(f, "integer `{i}`"),
            Unexpected::Float(x) => {
                // serde adds `.0` to a finite float written without a point.
                let text = Decimal(x).to_string();
                let point = if x.is_finite() && !text.contains('.') {
                    ".0"
                } else {
                    ""
                };
                write!(f, "floating point `{text}{point}`")
            }
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string {s:?}"),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Unit => f.write_str("unit value"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

/// serde's error constructors word every message (`invalid type: string "x", expected f64`,
/// `unknown field`, `missing field`), so the reader words them the same way.
impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(message.to_string())
    }
}
