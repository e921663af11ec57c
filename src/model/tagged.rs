//! Internally tagged enums (`{"type": "numeric", ...}`) with full JSON paths in parse errors.
//!
//! serde buffers the content of an internally tagged enum before it knows the variant, so a
//! path-tracking deserializer loses its place inside (`items[3].interaction` instead of
//! `items[3].interaction.key.value`). The enums that use this module derive serde with
//! `#[serde(remote = "Self")]`, which gives externally tagged (`{"numeric": {...}}`)
//! implementations as inherent functions. Their trait impls call [`deserialize`] and
//! [`serialize`] here, which move the tag between the two shapes and carry the inner path out
//! in the error message. `Package::parse` joins it onto the outer path (see [`split_path`]).

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Marks the inner path at the start of an error message: `\u{1f}key.value\u{1f}message`.
const MARK: char = '\u{1f}';

/// Deserialize an internally tagged enum through its externally tagged `remote = "Self"`
/// implementation `inner`.
pub fn deserialize<'de, D, T, F>(
    deserializer: D,
    tag: &'static str,
    inner: F,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
    F: for<'a, 'b> Fn(
        serde_path_to_error::Deserializer<'a, 'b, Value>,
    ) -> Result<T, serde_json::Error>,
{
    let StrictValue(value) = StrictValue::deserialize(deserializer)?;
    let Value::Object(mut fields) = value else {
        return Err(D::Error::custom(format!(
            "expected an object with a \"{tag}\" field, found {}",
            kind_of(&value)
        )));
    };
    let variant = match fields.remove(tag) {
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(D::Error::custom(format!(
                "{MARK}{tag}{MARK}expected a string, found {}",
                kind_of(&other)
            )))
        }
        None => return Err(D::Error::missing_field(tag)),
    };
    // A unit variant (`{"kind": "none"}`) is the bare string in the external shape.
    if fields.is_empty() {
        let mut track = serde_path_to_error::Track::new();
        let bare = Value::String(variant.clone());
        if let Ok(v) = inner(serde_path_to_error::Deserializer::new(bare, &mut track)) {
            return Ok(v);
        }
    }
    let mut external = Map::new();
    external.insert(variant, Value::Object(fields));
    let mut track = serde_path_to_error::Track::new();
    let de = serde_path_to_error::Deserializer::new(Value::Object(external), &mut track);
    inner(de).map_err(|err| {
        let path = track.path().to_string();
        // The first segment is the variant name, which is the tag's value, not a field.
        let inside = path.split_once('.').map(|(_, rest)| rest).unwrap_or("");
        let (nested, message) = split_path(&err.to_string());
        let full = join(inside, &nested);
        if full.is_empty() {
            D::Error::custom(message)
        } else {
            D::Error::custom(format!("{MARK}{full}{MARK}{message}"))
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

/// Split `\u{1f}inner.path\u{1f}message` into the inner path and the message. A message without
/// a marked path gives an empty path.
pub fn split_path(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix(MARK) {
        if let Some((path, msg)) = rest.split_once(MARK) {
            return (path.to_string(), msg.to_string());
        }
    }
    (String::new(), message.to_string())
}

/// Join two JSON path pieces (`gaps[1]` + `answers[0].value`, or `items[2]` + `[3]`).
pub fn join(outer: &str, inner: &str) -> String {
    match (outer.is_empty() || outer == ".", inner.is_empty()) {
        (true, _) => inner.to_string(),
        (false, true) => outer.to_string(),
        (false, false) if inner.starts_with('[') => format!("{outer}{inner}"),
        (false, false) => format!("{outer}.{inner}"),
    }
}

/// A JSON value read like `serde_json::Value`, except that an object with a repeated key is an
/// error instead of silently keeping the last value: buffering must not lose anything the
/// author wrote.
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        StrictValue::deserialize(d).map(|v| v.0)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictValue(v) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "{MARK}{key}{MARK}duplicate field `{key}`"
                )));
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
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
