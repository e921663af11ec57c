//! Internally tagged values (`{"type": "numeric", "key": {...}}`): the tag names the variant,
//! and the other members are that variant's fields.
//!
//! The reader looks ahead for the tag, goes back to the opening brace and reads the members as
//! the variant's fields, passing over the tag ([`Reader::fields`]). Nothing is buffered on the
//! way. When something is wrong, the value is reported as a reader that buffers it whole
//! before typing it would report it, which is how these values were always read: first any
//! syntax error, repeated key or runaway nesting anywhere in the value, then the first type
//! error, placed at the end of the value.

use serde::de;

use super::error::{Error, Segment};
use super::reader::Reader;

/// The variants of an internally tagged enum.
pub struct Variants {
    /// The member that names the variant (`type`, `kind`).
    pub tag: &'static str,
    /// The variant names, in declaration order.
    pub names: &'static [&'static str],
}

impl<'a> Reader<'a> {
    /// An internally tagged value: `read(reader, index)` reads variant `names[index]` from the
    /// object, with [`Reader::fields`] (which passes over the tag) or
    /// [`Reader::no_fields`].
    pub fn tagged(
        &mut self,
        variants: &Variants,
        read: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let first = self.next_byte()?;
        let (start, depth) = (self.pos, self.depth);
        self.tagged += 1;
        let result = self.tagged_value(variants, first, read);
        self.tagged -= 1;
        match result {
            Ok(()) => Ok(()),
            // An enclosing tagged value reports it.
            Err(e) if self.tagged > 0 => Err(e),
            Err(e) => Err(self.as_buffered(e, start, depth)),
        }
    }

    fn tagged_value(
        &mut self,
        variants: &Variants,
        first: u8,
        read: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let tag = variants.tag;
        if first != b'{' {
            return Err(Error::new(format!(
                "expected an object with a \"{tag}\" field, found {}",
                kind(first)
            )));
        }
        let open = self.pos;
        self.enter()?;
        let mut more = true;
        let mut variant = None;
        while self.more(&mut more, b'}', "expected `,` or `}`")? {
            if self.key()? == tag {
                let byte = self.next_byte()?;
                if byte != b'"' {
                    let error = Error::new(format!("expected a string, found {}", kind(byte)));
                    return Err(error.within(Segment::Key(tag.to_string())));
                }
                variant = Some(self.string()?);
                break;
            }
            self.skip_value()?;
        }
        let Some(variant) = variant else {
            return Err(de::Error::missing_field(tag));
        };
        let Some(index) = variants.names.iter().position(|n| *n == variant) else {
            return Err(de::Error::unknown_variant(&variant, variants.names));
        };
        self.pos = open;
        self.depth -= 1;
        self.tag_key = Some(tag);
        read(self, index)
    }

    /// The error `error` met in the tagged value at `start`, as a reader that buffers the value
    /// whole would give it: an error in reading the value as such comes first; any other is
    /// placed at the end of the value.
    #[inline(never)]
    fn as_buffered(&mut self, error: Error, start: usize, depth: usize) -> Error {
        self.pos = start;
        self.depth = depth;
        self.tag_key = None;
        match self.value(true) {
            Err(first) => first,
            Ok(_) => error.placed_at(self.pos),
        }
    }

    /// A variant without fields: the object holds the tag and nothing else.
    pub fn no_fields(&mut self) -> Result<(), Error> {
        let mut tag = self.tag_key.take();
        if self.next_byte()? != b'{' {
            return Err(self.type_error(&"unit"));
        }
        self.enter()?;
        let mut first = true;
        while self.more(&mut first, b'}', "expected `,` or `}`")? {
            let key = self.key()?;
            if tag.is_some_and(|t| t == key) {
                tag = None;
                self.skip_value()?;
            } else {
                return Err(Error::invalid_type(de::Unexpected::Map, &"unit"));
            }
        }
        self.close(b'}', "expected `,` or `}`")
    }
}

/// What a value starting with `byte` is, in the words of a tagged value's errors.
fn kind(byte: u8) -> &'static str {
    match byte {
        b'n' => "null",
        b't' | b'f' => "a boolean",
        b'"' => "a string",
        b'[' => "an array",
        b'{' => "an object",
        _ => "a number",
    }
}
