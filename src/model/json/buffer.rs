//! A [`Node`] read from any serde `Deserializer`: how a `Deserialize` impl that must look at a
//! value before it knows its type (an internally tagged enum) buffers it. Repeated keys are
//! refused here too, so buffering never drops what an author wrote.

use serde::de::{self, Deserializer, Visitor};

use super::error::MARK;
use super::parse::{Node, Number, Value};

/// Buffer the next value of `deserializer` as a tree.
pub fn read_node<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
    deserializer.deserialize_any(NodeVisitor)
}

struct Buffered(Node);

impl<'de> de::Deserialize<'de> for Buffered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_node(deserializer).map(Buffered)
    }
}

fn node(value: Value) -> Node {
    Node { value, offset: 0 }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(node(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(node(Value::Number(if v < 0 {
            Number::I64(v)
        } else {
            Number::U64(v as u64)
        })))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(node(Value::Number(Number::U64(v))))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(node(Value::Number(Number::F64(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(node(Value::String(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(node(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(node(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(node(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        read_node(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(Buffered(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(node(Value::Array(items)))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members: Vec<(String, Node)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Buffered(value) = map.next_value()?;
            if members.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!(
                    "{MARK}{key}{MARK}duplicate field `{key}`"
                )));
            }
            members.push((key, value));
        }
        Ok(node(Value::Object(members)))
    }
}
