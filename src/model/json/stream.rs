//! A serde `Deserializer` over the [`Reader`]: how the documents that keep serde's
//! `Deserialize` (completion records, export options, request bodies) are read, with the same
//! grammar, numbers and errors as the hand-written [`FromJson`](super::FromJson) types.
//!
//! It reads the text directly, as `serde_json` does, with three differences that keep the
//! errors useful:
//! - each `deserialize_*` hint calls the one `visit_*` method that fits it (a struct is read
//!   from an object only, never from an array), and a type error is built once, out of line,
//!   in the visitor's words;
//! - the JSON path of an error (`form[3].item_id`) is assembled only when something fails,
//!   each array and object putting its segment in front on the way out;
//! - object keys borrow from the text, and the error offset is the start of the offending
//!   value.

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

use super::error::{Error, Segment};
use super::reader::{Number, Reader};

/// Reads one JSON document from text through serde.
pub struct TextDeserializer<'a> {
    reader: Reader<'a>,
}

impl<'a> TextDeserializer<'a> {
    pub fn new(text: &'a str) -> TextDeserializer<'a> {
        TextDeserializer {
            reader: Reader::new(text),
        }
    }
}

/// The deserializer is the cursor with serde's calls on top.
impl<'a> Deref for TextDeserializer<'a> {
    type Target = Reader<'a>;

    fn deref(&self) -> &Reader<'a> {
        &self.reader
    }
}

impl<'a> DerefMut for TextDeserializer<'a> {
    fn deref_mut(&mut self) -> &mut Reader<'a> {
        &mut self.reader
    }
}

impl<'a> TextDeserializer<'a> {
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
