//! Untyped values: a JSON value read into a [`Value`] (numbers keep their u64 / i64 / f64
//! kind), refusing repeated keys or, as serde's maps do, keeping the last.

use serde::de::Unexpected;

use super::error::{Error, Segment};
use super::reader::Reader;
use super::typed::locate;
use super::untyped::{Map, Value};
use crate::stable_sort;

impl Reader<'_> {
    /// The next value, whatever it is. With `refuse_duplicates`, a key repeated in any object
    /// is an error at that member; without, the last value of a repeated key is kept.
    pub fn value(&mut self, refuse_duplicates: bool) -> Result<Value, Error> {
        match self.next_byte()? {
            b'n' => self.literal("null").map(|()| Value::Null),
            b't' => self.literal("true").map(|()| Value::Bool(true)),
            b'f' => self.literal("false").map(|()| Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
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
                // Members in document order (with where each ended), sorted once at the end:
                // one sort, however hostile the key order.
                let mut members = Vec::new();
                let mut ends = Vec::new();
                let mut first = true;
                loop {
                    let read = self
                        .more(&mut first, b'}', "expected `,` or `}`")
                        .and_then(|more| more.then(|| self.member(refuse_duplicates)).transpose());
                    match read {
                        Ok(Some(member)) => {
                            members.push(member);
                            ends.push(self.pos);
                        }
                        Ok(None) => break,
                        // A repeated key before the error is what a reader that looks at
                        // each key as it comes would have stopped at.
                        Err(e) => {
                            return Err(self
                                .first_repeat(refuse_duplicates, &members, &ends)
                                .unwrap_or(e))
                        }
                    }
                }
                if let Some(e) = self.first_repeat(refuse_duplicates, &members, &ends) {
                    return Err(e);
                }
                self.close(b'}', "expected `,` or `}`")?;
                Ok(Value::Object(Map::from_entries(members)))
            }
            _ => Err(self.error("expected value")),
        }
    }

    /// One member of an object: its key and value.
    fn member(&mut self, refuse_duplicates: bool) -> Result<(String, Value), Error> {
        let key = self.key()?;
        match self.value(refuse_duplicates) {
            Ok(value) => Ok((key.into_owned(), value)),
            Err(e) => Err(locate(e, self.pos, Segment::Key(key.into_owned()))),
        }
    }

    /// With `refuse_duplicates`, the error about the first member (in document order) whose
    /// key an earlier member has, at the end of its value; `members[i]` ended at `ends[i]`.
    #[inline(never)]
    fn first_repeat(
        &self,
        refuse_duplicates: bool,
        members: &[(String, Value)],
        ends: &[usize],
    ) -> Option<Error> {
        if !refuse_duplicates || members.len() < 2 {
            return None;
        }
        let mut order: Vec<usize> = (0..members.len()).collect();
        stable_sort::sort_by(&mut order, |a, b| {
            key_of(members, *a).cmp(key_of(members, *b))
        });
        let repeat = order
            .windows(2)
            .filter_map(|pair| match *pair {
                [a, b] if key_of(members, a) == key_of(members, b) => Some(b),
                _ => None,
            })
            .min()?;
        let end = ends.get(repeat).copied().unwrap_or(self.pos);
        Some(duplicate(key_of(members, repeat), end))
    }
}

/// The key of `members[i]`.
fn key_of(members: &[(String, Value)], i: usize) -> &str {
    members.get(i).map_or("", |(key, _)| key.as_str())
}

/// `duplicate field` about a repeated key, whose value ended at `end`.
fn duplicate(key: &str, end: usize) -> Error {
    let error = Error::new(format!("duplicate field `{key}`"));
    let error = if key.is_empty() {
        error
    } else {
        error.within(Segment::Key(key.to_string()))
    };
    error.or_at(end)
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
