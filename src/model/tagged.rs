//! Internally tagged enums (`{"type": "numeric", ...}`) with full JSON paths in parse errors.
//!
//! An internally tagged enum must see its tag before it knows the variant, so its content is
//! buffered first, and a reader would lose its place inside (`items[3].interaction` instead of
//! `items[3].interaction.key.value`). The enums that use this module derive serde with
//! `#[serde(remote = "Self")]`, which gives externally tagged (`{"numeric": {...}}`)
//! implementations as inherent functions. Their trait impls call [`deserialize`] and
//! [`serialize`] here, which move the tag between the two shapes and carry the inner path out
//! in the error message (`\u{1f}key.value\u{1f}message`), which `model::json` puts under the
//! outer path.

use std::borrow::Cow;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::json::{self, de::NodeDeserializer, Node, MARK};

/// Deserialize an internally tagged enum through its externally tagged `remote = "Self"`
/// implementation `inner`.
pub fn deserialize<'de, D, T, F>(
    deserializer: D,
    tag: &'static str,
    inner: F,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: Fn(NodeDeserializer<'static>) -> Result<T, json::Error>,
{
    let node = json::read_node(deserializer)?;
    let Node::Object(mut fields) = node else {
        return Err(D::Error::custom(format!(
            "expected an object with a \"{tag}\" field, found {}",
            kind_of(&node)
        )));
    };
    let variant = match fields.iter().position(|(k, _)| k == tag) {
        Some(i) => match fields.remove(i).1 {
            Node::String(s) => s,
            other => {
                return Err(D::Error::custom(format!(
                    "{MARK}{tag}{MARK}expected a string, found {}",
                    kind_of(&other)
                )))
            }
        },
        None => return Err(D::Error::missing_field(tag)),
    };
    // A unit variant (`{"kind": "none"}`) is the bare string in the external shape.
    if fields.is_empty() {
        let bare = Node::String(variant.clone());
        if let Ok(v) = inner(NodeDeserializer::new(bare)) {
            return Ok(v);
        }
    }
    let external = Node::Object(vec![(Cow::Owned(variant.clone()), Node::Object(fields))]);
    inner(NodeDeserializer::new(external)).map_err(|err| {
        // The first segment is the variant name, which is the tag's value, not a field.
        let inside = err.path_inside(&variant);
        if inside.is_empty() {
            D::Error::custom(err.message())
        } else {
            D::Error::custom(format!("{MARK}{inside}{MARK}{}", err.message()))
        }
    })
}

/// Serialize an internally tagged enum through its externally tagged `remote = "Self"`
/// implementation `inner`.
pub fn serialize<S, T>(
    value: &T,
    serializer: S,
    tag: &'static str,
    inner: fn(&T, serde_json::value::Serializer) -> Result<Value, serde_json::Error>,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
{
    let external = inner(value, serde_json::value::Serializer).map_err(S::Error::custom)?;
    let internal = match external {
        // A struct variant: {"numeric": {...}} → {"type": "numeric", ...}.
        Value::Object(map) if map.len() == 1 => {
            let (variant, body) = map.into_iter().next().unwrap_or_default();
            let mut out = Map::new();
            out.insert(tag.to_string(), Value::String(variant));
            if let Value::Object(fields) = body {
                out.extend(fields);
            }
            Value::Object(out)
        }
        // A unit variant: "none" → {"kind": "none"}.
        Value::String(variant) => {
            let mut out = Map::new();
            out.insert(tag.to_string(), Value::String(variant));
            Value::Object(out)
        }
        other => other,
    };
    internal.serialize(serializer)
}

fn kind_of(v: &Node<'_>) -> &'static str {
    match v {
        Node::Null => "null",
        Node::Bool(_) => "a boolean",
        Node::Number(_) => "a number",
        Node::String(_) => "a string",
        Node::Array(_) => "an array",
        Node::Object(_) => "an object",
    }
}

/// Implements `Serialize` and `Deserialize` for an enum that derives serde with
/// `#[serde(remote = "Self")]`, putting the variant name in the field `$tag`.
macro_rules! internally_tagged {
    ($ty:ty, $tag:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::model::tagged::serialize(self, s, $tag, <$ty>::serialize)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::model::tagged::deserialize(d, $tag, |de| <$ty>::deserialize(de))
            }
        }
    };
}

pub(crate) use internally_tagged;
