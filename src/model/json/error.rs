//! The error of reading JSON: a message, the JSON path of the value it is about, and the byte
//! offset of that value in the text.
//!
//! The path costs nothing until something fails: an error starts with the path below the
//! value that raised it (usually none), and every array or object it passes through on its way
//! out puts its own segment in front.

use std::fmt;

/// Marks a path carried inside an error message, `\u{1f}inner.path\u{1f}message`: how an
/// error crosses a `Deserialize` impl that buffers its content (see `model::tagged`).
pub const MARK: char = '\u{1f}';

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
    /// Path below the innermost segment, carried in from a buffered value's message.
    below: String,
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

    fn new(message: String) -> Error {
        // A message that carries a path from a buffered value: `\u{1f}path\u{1f}message`.
        let (below, message) = match message
            .strip_prefix(MARK)
            .and_then(|rest| rest.split_once(MARK))
        {
            Some((path, rest)) => (path.to_string(), rest.to_string()),
            None => (String::new(), message),
        };
        Error(Box::new(Inner {
            message,
            segments: Vec::new(),
            below,
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
        join(&out, &self.0.below)
    }

    /// The path without its first segment, when that segment is the object key `key`: the
    /// path inside a value read as `{key: value}`.
    pub fn path_inside(&self, key: &str) -> String {
        let mut inner = self.clone();
        if let Some(Segment::Key(first)) = inner.0.segments.last() {
            if first == key {
                inner.0.segments.pop();
            }
        }
        inner.path()
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

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(message.to_string())
    }
}
