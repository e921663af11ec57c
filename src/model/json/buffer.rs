//! A [`Node`] read from any serde `Deserializer`: how a `Deserialize` impl that must look at a
//! value before it knows its type (an internally tagged enum) buffers it. Repeated keys are
//! refused here too, so buffering never drops what an author wrote.

use std::borrow::Cow;

use serde::de::{self, Deserializer, Visitor};

use super::error::MARK;
use super::node::{Node, Number};

/// Buffer the next value of `deserializer` as a tree.
pub fn read_node<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Node<'static>, D::Error> {
    deserializer.deserialize_any(NodeVisitor)
}

struct Buffered(Node<'static>);

impl<'de> de::Deserialize<'de> for Buffered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_node(deserializer).map(Buffered)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'static>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node<'static>, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node<'static>, E> {
        Ok(Node::Number(if v < 0 {
            Number::I64(v)
        } else {
            Number::U64(v as u64)
        }))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node<'static>, E> {
        Ok(Node::Number(Number::U64(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node<'static>, E> {
        Ok(Node::Number(Number::F64(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node<'static>, E> {
        Ok(Node::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node<'static>, E> {
        Ok(Node::String(v))
    }

    fn visit_unit<E>(self) -> Result<Node<'static>, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node<'static>, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node<'static>, D::Error> {
        read_node(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'static>, A::Error> {
        let mut items = Vec::new();
        while let Some(Buffered(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Node<'static>, A::Error> {
        let mut members: Vec<(Cow<'static, str>, Node<'static>)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Buffered(value) = map.next_value()?;
            if members.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!(
                    "{MARK}{key}{MARK}duplicate field `{key}`"
                )));
            }
            members.push((Cow::Owned(key), value));
        }
        Ok(Node::Object(members))
    }
}
