//! Internally tagged enums (`{"type": "numeric", ...}`) written by serde.
//!
//! The enums that use this module derive `Serialize` with `#[serde(remote = "Self")]`, which
//! gives an externally tagged (`{"numeric": {...}}`) implementation as an inherent function.
//! Their trait impl calls [`serialize`] here, which moves the variant name into the tag field.
//! Reading is by hand, in `model::from_json` (see `model::json::Reader::tagged`), and so is
//! the writing of the engine's own documents (`model::to_json`, `model::json::Writer::tagged`),
//! which puts the members in the key order this `serde_json::Value` gives them.

use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

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

/// Implements `Serialize` for an enum that derives it with `#[serde(remote = "Self")]`,
/// putting the variant name in the field `$tag`.
macro_rules! internally_tagged {
    ($ty:ty, $tag:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::model::tagged::serialize(self, s, $tag, <$ty>::serialize)
            }
        }
    };
}

pub(crate) use internally_tagged;
