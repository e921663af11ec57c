//! Untyped values: a JSON value read into a `serde_json::Value` (numbers keep their u64 / i64 /
//! f64 kind), refusing repeated keys or, as serde's maps do, keeping the last.

use serde::de::Unexpected;
use serde_json::{Map, Value};

use super::error::{Error, Segment};
use super::reader::{Number, Reader};
use super::typed::locate;

impl Reader<'_> {
    /// The next value, whatever it is. With `refuse_duplicates`, a key repeated in any object
    /// is an error at that member; without, the last value of a repeated key is kept.
    pub fn value(&mut self, refuse_duplicates: bool) -> Result<Value, Error> {
        match self.next_byte()? {
            b'n' => self.literal("null").map(|()| Value::Null),
            b't' => self.literal("true").map(|()| Value::Bool(true)),
            b'f' => self.literal("false").map(|()| Value::Bool(false)),
            b'-' | b'0'..=b'9' => Ok(match self.number()? {
                Number::U64(n) => Value::from(n),
                Number::I64(n) => Value::from(n),
                Number::F64(n) => {
                    serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
                }
            }),
            b'"' => self.string().map(|s| Value::String(s.into_owned())),
            b'[' => {
                self.enter()?;
                let mut items = Vec::new();
                let mut first = true;
                while self.more(&mut first, b']', "expected `,` or `]`")? {
                    match self.value(refuse_duplicates) {
                        Ok(item) => items.push(item),
                        Err(e) => return Err(locate(e, self.pos, Segment::Index(items.len()))),
                    }
                }
                self.close(b']', "expected `,` or `]`")?;
                Ok(Value::Array(items))
            }
            b'{' => {
                self.enter()?;
                let mut members = Map::new();
                let mut first = true;
                while self.more(&mut first, b'}', "expected `,` or `}`")? {
                    let key = self.key()?;
                    let value = match self.value(refuse_duplicates) {
                        Ok(value) => value,
                        Err(e) => return Err(locate(e, self.pos, Segment::Key(key.into_owned()))),
                    };
                    if refuse_duplicates && members.contains_key(key.as_ref()) {
                        return Err(self.duplicate(&key));
                    }
                    members.insert(key.into_owned(), value);
                }
                self.close(b'}', "expected `,` or `}`")?;
                Ok(Value::Object(members))
            }
            _ => Err(self.error("expected value")),
        }
    }

    /// `duplicate field` about a repeated key, just read with its value.
    #[inline(never)]
    fn duplicate(&self, key: &str) -> Error {
        let error = Error::new(format!("duplicate field `{key}`"));
        let error = if key.is_empty() {
            error
        } else {
            error.within(Segment::Key(key.to_string()))
        };
        error.or_at(self.pos)
    }
}

/// A value as serde's type errors describe it (`string "x"`, `integer `5``).
pub(super) fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}
