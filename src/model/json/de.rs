//! A serde `Deserializer` over a buffered [`Node`] tree (the content of an internally tagged
//! enum). It reads like [`super::stream`] reads text (one `visit_*` method per hint, errors in
//! the visitor's words, the path assembled on the way out) and consumes the tree, so strings
//! move instead of being copied.

use std::borrow::Cow;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

use super::error::{Error, Segment};
use super::node::{Node, Number};

/// Deserializes one value of the tree.
pub struct NodeDeserializer<'a> {
    node: Node<'a>,
}

impl<'a> NodeDeserializer<'a> {
    pub fn new(node: Node<'a>) -> NodeDeserializer<'a> {
        NodeDeserializer { node }
    }
}

impl Node<'_> {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Node::Null => Unexpected::Unit,
            Node::Bool(b) => Unexpected::Bool(*b),
            Node::Number(Number::U64(n)) => Unexpected::Unsigned(*n),
            Node::Number(Number::I64(n)) => Unexpected::Signed(*n),
            Node::Number(Number::F64(n)) => Unexpected::Float(*n),
            Node::String(s) => Unexpected::Str(s),
            Node::Array(_) => Unexpected::Seq,
            Node::Object(_) => Unexpected::Map,
        }
    }
}

impl<'a> NodeDeserializer<'a> {
    /// `visitor.visit_seq` over an array, checking that the visitor took every element.
    fn visit_array<'de, V: Visitor<'de>>(
        items: Vec<Node<'a>>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let len = items.len();
        let mut access = SeqAccess {
            items: items.into_iter(),
            index: 0,
        };
        let value = visitor.visit_seq(&mut access)?;
        access.finish(len)?;
        Ok(value)
    }

    /// `visitor.visit_map` over an object, checking that the visitor took every member.
    fn visit_object<'de, V: Visitor<'de>>(
        members: Vec<(Cow<'a, str>, Node<'a>)>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let len = members.len();
        let mut access = MapAccess {
            members: members.into_iter(),
            key: Cow::Borrowed(""),
            value: None,
        };
        let value = visitor.visit_map(&mut access)?;
        access.finish(len)?;
        Ok(value)
    }

    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Number(Number::U64(n)) => visitor.visit_u64(n),
            Node::Number(Number::I64(n)) => visitor.visit_i64(n),
            other => Err(type_error(other, &visitor)),
        }
    }

    fn float<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Number(Number::U64(n)) => visitor.visit_u64(n),
            Node::Number(Number::I64(n)) => visitor.visit_i64(n),
            Node::Number(Number::F64(n)) => visitor.visit_f64(n),
            other => Err(type_error(other, &visitor)),
        }
    }

    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::String(s) => visitor.visit_string(s),
            other => Err(type_error(other, &visitor)),
        }
    }

    fn array<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Array(items) => Self::visit_array(items, visitor),
            other => Err(type_error(other, &visitor)),
        }
    }

    fn object<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Object(members) => Self::visit_object(members, visitor),
            other => Err(type_error(other, &visitor)),
        }
    }

    fn unit<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            other => Err(type_error(other, &visitor)),
        }
    }
}

/// "invalid type: string \"x\", expected f64", as the visitor's own default would say it.
/// Out of line and not generic: one copy however many visitors there are.
#[inline(never)]
fn type_error(value: Node<'_>, expected: &dyn de::Expected) -> Error {
    de::Error::invalid_type(value.unexpected(), expected)
}

/// Each `deserialize_*` hint calls the one `visit_*` method that fits the hint; only
/// `deserialize_any` (self-describing reads: untagged enums, buffered values) calls them all.
/// Unlike `serde_json`, a struct is read from an object only, never from an array.
impl<'de> de::Deserializer<'de> for NodeDeserializer<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Number(Number::U64(n)) => visitor.visit_u64(n),
            Node::Number(Number::I64(n)) => visitor.visit_i64(n),
            Node::Number(Number::F64(n)) => visitor.visit_f64(n),
            Node::String(s) => visitor.visit_string(s),
            Node::Array(items) => Self::visit_array(items, visitor),
            Node::Object(members) => Self::visit_object(members, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Bool(b) => visitor.visit_bool(b),
            other => Err(type_error(other, &visitor)),
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
        self.text(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
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
        match self.node {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
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
        match self.node {
            // A unit variant: "name".
            Node::String(variant) => visitor.visit_enum(EnumAccess {
                variant: Cow::Owned(variant),
                content: None,
            }),
            // Any other variant: {"name": content}.
            Node::Object(members) if members.len() == 1 => {
                let mut members = members.into_iter();
                match members.next() {
                    Some((variant, content)) => visitor.visit_enum(EnumAccess {
                        variant,
                        content: Some(content),
                    }),
                    None => Err(de::Error::custom("empty enum object")),
                }
            }
            Node::Object(_) => Err(de::Error::invalid_value(
                Unexpected::Map,
                &"map with a single key",
            )),
            other => Err(type_error(other, &"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        i128 u128 bytes byte_buf
    }
}

/// An error met on the way out of a member or element gets its segment in front of its path.
/// (A buffered tree has no offsets: the text reader that buffered it gives the position.)
#[inline(never)]
fn locate(error: Error, segment: Segment) -> Error {
    error.within(segment)
}

struct SeqAccess<'a> {
    items: std::vec::IntoIter<Node<'a>>,
    index: usize,
}

impl SeqAccess<'_> {
    fn finish(&self, len: usize) -> Result<(), Error> {
        if self.items.len() == 0 {
            Ok(())
        } else {
            Err(de::Error::invalid_length(len, &"fewer elements in array"))
        }
    }
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        match seed.deserialize(NodeDeserializer::new(node)) {
            Ok(value) => {
                self.index += 1;
                Ok(Some(value))
            }
            Err(e) => Err(locate(e, Segment::Index(self.index))),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'a> {
    members: std::vec::IntoIter<(Cow<'a, str>, Node<'a>)>,
    /// The key just read (for the path) and its value, until the value is read.
    key: Cow<'a, str>,
    value: Option<Node<'a>>,
}

impl MapAccess<'_> {
    fn finish(&self, len: usize) -> Result<(), Error> {
        if self.members.len() == 0 {
            Ok(())
        } else {
            Err(de::Error::invalid_length(len, &"fewer elements in map"))
        }
    }

    /// Move to the next member; false at the end.
    fn advance(&mut self) -> bool {
        match self.members.next() {
            Some((key, node)) => {
                self.key = key;
                self.value = Some(node);
                true
            }
            None => false,
        }
    }

    /// An error met reading the current member (its key or its value).
    #[inline(never)]
    fn locate(&mut self, error: Error) -> Error {
        let key = std::mem::replace(&mut self.key, Cow::Borrowed(""));
        locate(error, Segment::Key(key.into_owned()))
    }
}

impl<'de> de::MapAccess<'de> for MapAccess<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.advance() {
            return Ok(None);
        }
        // A refused key (`unknown field`) is reported at that member, as the value would be.
        match seed.deserialize(KeyDeserializer { key: &self.key }) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(self.locate(e)),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(node) = self.value.take() else {
            return Err(de::Error::custom("value is missing"));
        };
        seed.deserialize(NodeDeserializer::new(node))
            .map_err(|e| self.locate(e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// An object key: a string, or a number written as a string (for integer-keyed maps).
struct KeyDeserializer<'a> {
    key: &'a str,
}

impl<'de> de::Deserializer<'de> for KeyDeserializer<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.key)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

struct EnumAccess<'a> {
    variant: Cow<'a, str>,
    content: Option<Node<'a>>,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumAccess<'a> {
    type Error = Error;
    type Variant = VariantAccess<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantAccess<'a>), Error> {
        let variant = seed.deserialize(StrDeserializer::<Error>::new(&self.variant))?;
        Ok((
            variant,
            VariantAccess {
                variant: self.variant,
                content: self.content,
            },
        ))
    }
}

struct VariantAccess<'a> {
    variant: Cow<'a, str>,
    content: Option<Node<'a>>,
}

impl<'a> VariantAccess<'a> {
    /// Read the variant's content; errors get the variant name in their path, as the content
    /// sits under that key. (The variant access holds the only copy of the name.)
    fn read<T>(
        self,
        read: impl FnOnce(NodeDeserializer<'a>) -> Result<T, Error>,
        expected: &str,
    ) -> Result<T, Error> {
        match self.content {
            Some(node) => read(NodeDeserializer::new(node))
                .map_err(|e| e.within(Segment::Key(self.variant.into_owned()))),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &expected)),
        }
    }
}

impl<'de> de::VariantAccess<'de> for VariantAccess<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.content {
            None => Ok(()),
            Some(node) => de::Deserialize::deserialize(NodeDeserializer::new(node))
                .map_err(|e: Error| e.within(Segment::Key(self.variant.into_owned()))),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        self.read(|d| seed.deserialize(d), "newtype variant")
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.read(
            |d| de::Deserializer::deserialize_seq(d, visitor),
            "tuple variant",
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.read(
            |d| de::Deserializer::deserialize_map(d, visitor),
            "struct variant",
        )
    }
}
