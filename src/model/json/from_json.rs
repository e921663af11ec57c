//! [`FromJson`]: a type read by hand from the [`Reader`], and its impls for the standard
//! types the documents hold. The impls for the engine's own types sit next to them
//! (`model::from_json`, `session::from_json`).

use std::collections::BTreeMap;

use super::untyped::Value;

use crate::sorted_map::{SortedMap, SortedSet};

use super::error::Error;
use super::reader::Reader;

/// A type read from JSON text by hand, with the reader's errors (JSON path, serde's wording).
///
/// An impl reads exactly one value at the reader's position. Structs use
/// [`Reader::fields`] and [`Reader::need`], enums [`Reader::unit_variant`] or
/// [`Reader::tagged`]; none of these is generic, so each type adds only its own code.
pub trait FromJson: Sized {
    /// Read one value of this type.
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, Error>;
}

impl FromJson for String {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.text()
    }
}

impl FromJson for bool {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.boolean()
    }
}

impl FromJson for f64 {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.float()
    }
}

impl FromJson for u32 {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.unsigned(u32::MAX.into(), "u32").map(|n| n as u32)
    }
}

impl FromJson for u64 {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.unsigned(u64::MAX, "u64")
    }
}

impl FromJson for usize {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.unsigned(usize::MAX as u64, "usize").map(|n| n as usize)
    }
}

impl FromJson for i64 {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.signed()
    }
}

/// `null` is `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        if r.next_byte()? == b'n' {
            r.literal("null")?;
            Ok(None)
        } else {
            T::from_json(r).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut out = Vec::new();
        r.array(&"a sequence", &mut |r, _| {
            out.push(T::from_json(r)?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl FromJson for SortedSet<String> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut members = Vec::new();
        r.array(&"a sequence", &mut |r, _| {
            members.push(r.text()?);
            Ok(())
        })?;
        Ok(SortedSet::from_members(members))
    }
}

/// A repeated key keeps its last value, as serde's maps do.
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut out = BTreeMap::new();
        r.map(&mut |r, key| {
            out.insert(key.to_string(), T::from_json(r)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// A repeated key keeps its last value, as serde's maps do.
impl<T: FromJson> FromJson for SortedMap<String, T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut entries = Vec::new();
        r.map(&mut |r, key| {
            entries.push((key.to_string(), T::from_json(r)?));
            Ok(())
        })?;
        Ok(SortedMap::from_entries(entries))
    }
}

impl FromJson for (String, String) {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut pair = (String::new(), String::new());
        r.pair(&mut |r, index| {
            let text = r.text()?;
            if index == 0 {
                pair.0 = text;
            } else {
                pair.1 = text;
            }
            Ok(())
        })?;
        Ok(pair)
    }
}

/// Any value; a repeated key keeps its last value, as `serde_json` does.
impl FromJson for Value {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.value(false)
    }
}

impl Reader<'_> {
    /// Read a field's value into its slot (for the member reader of [`Reader::fields`]).
    pub fn read<T: FromJson>(&mut self, slot: &mut Option<T>) -> Result<(), Error> {
        *slot = Some(T::from_json(self)?);
        Ok(())
    }
}
