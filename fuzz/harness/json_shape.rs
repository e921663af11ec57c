//! Arbitrary JSON-ish values for structure-aware targets: every JSON type, numbers at the
//! edges (huge, tiny, negative zero, and the stand-ins JSON has for NaN and infinity), huge
//! strings, deep arrays, and strings drawn from a vocabulary of real ids so that a value is
//! often almost right (the right ids in the wrong shape, or the right shape with one wrong id).

use arbitrary::Arbitrary;
use serde_json::{Map, Number, Value};

/// Most repeats of its unit in a [`Shape::Huge`] string (131,072: up to 1.4 MB of text).
pub const HUGE_STRING: usize = 1 << 17;
/// Deepest nesting a rendered value reaches, however shapes nest (the engine's JSON reader
/// stops at 128). Deeper, and dropping or printing the value would overflow the harness's own
/// stack (serde_json's `Value` recurses), which is not a finding about certa.
pub const DEEP: usize = 300;

/// A JSON value to be rendered against a vocabulary.
#[derive(Arbitrary, Debug, Clone)]
pub enum Shape {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    /// Any f64; a non-finite one becomes the largest finite number of its sign (JSON has no
    /// NaN or infinity).
    Float(f64),
    Edge(EdgeNumber),
    /// The vocabulary entry at this index (modulo its length).
    Id(u16),
    /// A vocabulary entry with its case, white space or Unicode form changed.
    AlmostId(u16, Twist),
    Text(String),
    /// `unit` repeated `repeats` times (capped at [`HUGE_STRING`]).
    Huge {
        unit: HugeUnit,
        repeats: u32,
    },
    Array(Vec<Shape>),
    /// Every vocabulary entry, in order or reversed, as an array of strings.
    AllIds {
        reversed: bool,
    },
    /// Pairs of vocabulary entries (`[["a", "b"], ...]`, a matching response's shape).
    Pairs(Vec<(u16, u16)>),
    Object(Vec<(Key, Shape)>),
    /// `depth` arrays (or objects) around a value (the whole value capped at [`DEEP`] levels).
    Deep {
        depth: u16,
        objects: bool,
        inner: Box<Shape>,
    },
}

/// Numbers where parsers and arithmetic break.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum EdgeNumber {
    Zero,
    NegativeZero,
    Max,
    Min,
    Tiny,
    Epsilon,
    IntMax,
    IntMin,
    UIntMax,
    TwoTo53,
    Half,
    NearlyOne,
}

/// How an almost-id differs from the real one.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Twist {
    Upper,
    Padded,
    Decomposed,
    Doubled,
    Truncated,
}

/// What a huge string is made of.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum HugeUnit {
    Ascii,
    Space,
    Combining,
    Emoji,
    Quote,
}

/// An object key.
#[derive(Arbitrary, Debug, Clone)]
pub enum Key {
    Id(u16),
    Text(String),
}

impl Shape {
    /// The JSON value, with ids taken from `vocabulary`.
    pub fn render(&self, vocabulary: &[String]) -> Value {
        self.render_at(vocabulary, 0)
    }

    /// The value as rendered `depth` levels down; containers past [`DEEP`] become null.
    fn render_at(&self, vocabulary: &[String], depth: usize) -> Value {
        let is_container = matches!(
            self,
            Shape::Array(_)
                | Shape::Pairs(_)
                | Shape::AllIds { .. }
                | Shape::Object(_)
                | Shape::Deep { .. }
        );
        if is_container && depth >= DEEP {
            return Value::Null;
        }
        let below = depth + 1;
        match self {
            Shape::Null => Value::Null,
            Shape::Bool(b) => Value::Bool(*b),
            Shape::Int(i) => Value::from(*i),
            Shape::UInt(u) => Value::from(*u),
            Shape::Float(x) => float(*x),
            Shape::Edge(e) => edge(*e),
            Shape::Id(k) => Value::String(id(vocabulary, *k)),
            Shape::AlmostId(k, twist) => Value::String(twisted(&id(vocabulary, *k), *twist)),
            Shape::Text(s) => Value::String(s.clone()),
            Shape::Huge { unit, repeats } => Value::String(huge(*unit, *repeats)),
            Shape::Array(list) => Value::Array(
                list.iter()
                    .map(|s| s.render_at(vocabulary, below))
                    .collect(),
            ),
            Shape::AllIds { reversed } => {
                let mut ids: Vec<Value> = vocabulary.iter().cloned().map(Value::String).collect();
                if *reversed {
                    ids.reverse();
                }
                Value::Array(ids)
            }
            Shape::Pairs(pairs) => Value::Array(
                pairs
                    .iter()
                    .map(|(a, b)| {
                        Value::Array(vec![
                            Value::String(id(vocabulary, *a)),
                            Value::String(id(vocabulary, *b)),
                        ])
                    })
                    .collect(),
            ),
            Shape::Object(entries) => {
                let mut map = Map::new();
                for (key, value) in entries {
                    let key = match key {
                        Key::Id(k) => id(vocabulary, *k),
                        Key::Text(s) => s.clone(),
                    };
                    map.insert(key, value.render_at(vocabulary, below));
                }
                Value::Object(map)
            }
            Shape::Deep {
                depth: wanted,
                objects,
                inner,
            } => {
                let layers = usize::from(*wanted).min(DEEP - depth);
                let mut value = inner.render_at(vocabulary, depth + layers);
                for _ in 0..layers {
                    value = if *objects {
                        let mut map = Map::new();
                        map.insert(id(vocabulary, *wanted), value);
                        Value::Object(map)
                    } else {
                        Value::Array(vec![value])
                    };
                }
                value
            }
        }
    }
}

/// The vocabulary entry at `k` (modulo its length), or `""` for an empty vocabulary.
pub fn id(vocabulary: &[String], k: u16) -> String {
    if vocabulary.is_empty() {
        return String::new();
    }
    vocabulary[k as usize % vocabulary.len()].clone()
}

fn float(x: f64) -> Value {
    let finite = if x.is_nan() {
        f64::MAX
    } else if x.is_infinite() {
        f64::MAX.copysign(x)
    } else {
        x
    };
    Number::from_f64(finite).map_or(Value::Null, Value::Number)
}

fn edge(e: EdgeNumber) -> Value {
    match e {
        EdgeNumber::Zero => Value::from(0),
        EdgeNumber::NegativeZero => float(-0.0),
        EdgeNumber::Max => float(f64::MAX),
        EdgeNumber::Min => float(f64::MIN),
        EdgeNumber::Tiny => float(f64::from_bits(1)),
        EdgeNumber::Epsilon => float(f64::EPSILON),
        EdgeNumber::IntMax => Value::from(i64::MAX),
        EdgeNumber::IntMin => Value::from(i64::MIN),
        EdgeNumber::UIntMax => Value::from(u64::MAX),
        EdgeNumber::TwoTo53 => float(9_007_199_254_740_993.0),
        EdgeNumber::Half => float(0.5),
        EdgeNumber::NearlyOne => float(1.0 - f64::EPSILON),
    }
}

fn twisted(id: &str, twist: Twist) -> String {
    match twist {
        Twist::Upper => id.to_uppercase(),
        Twist::Padded => format!("  {id}\t"),
        // "e" + combining acute: the same text as "é" after NFC, different bytes.
        Twist::Decomposed => format!("{id}e\u{301}"),
        Twist::Doubled => format!("{id}{id}"),
        Twist::Truncated => id
            .chars()
            .take(id.chars().count().saturating_sub(1))
            .collect(),
    }
}

fn huge(unit: HugeUnit, repeats: u32) -> String {
    let unit = match unit {
        HugeUnit::Ascii => "a",
        HugeUnit::Space => " ",
        HugeUnit::Combining => "e\u{301}\u{302}",
        HugeUnit::Emoji => "\u{1F469}\u{200D}\u{1F52C}",
        HugeUnit::Quote => "\"\\",
    };
    unit.repeat((repeats as usize).min(HUGE_STRING))
}
