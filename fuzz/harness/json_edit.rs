//! Structure-aware edits of a real JSON document (a completion record, a session snapshot):
//! each edit walks a path of child indexes from the root (an index picks an object entry or an
//! array element, modulo their number) and replaces, removes, duplicates, swaps, nudges,
//! retypes, renames or renumbers what it finds. The type-preserving edits (nudge, rename,
//! renumber, swap) leave a document that still parses, so the checks behind the parser
//! (identity, form, responses, times, scores) are reached, not only the parser's errors.

use arbitrary::Arbitrary;
use serde_json::{Number, Value};

use super::json_shape::{id, EdgeNumber, Shape};

/// Most edits applied to one document.
pub const MAX_EDITS: usize = 16;
/// Most steps of a path: the documents are shallow, and a walk into a value an earlier edit
/// put in stays bounded, so edits never nest values deeper than a few [`DEEP`] levels.
///
/// [`DEEP`]: super::json_shape::DEEP
pub const MAX_STEPS: usize = 8;

/// One change to a document.
#[derive(Arbitrary, Debug, Clone)]
pub enum Edit {
    /// Put `with` where the path ends.
    Replace { path: Vec<u16>, with: Shape },
    /// Remove the entry or element where the path ends.
    Remove { path: Vec<u16> },
    /// Insert a copy of the element where the path ends next to it (arrays), or copy the
    /// value under a new key (objects).
    Duplicate { path: Vec<u16> },
    /// Swap two elements of the array (or two values of the object) where the path ends.
    Swap { path: Vec<u16>, a: u16, b: u16 },
    /// Add `delta` to the number where the path ends (saturating), or scale it.
    Nudge {
        path: Vec<u16>,
        delta: i64,
        scale: bool,
    },
    /// Turn the value where the path ends into its string form, or a string of digits into
    /// a number.
    Retype { path: Vec<u16> },
    /// Replace the string where the path ends with a vocabulary entry (type-preserving, so
    /// the document still parses and the checks behind the parser see a wrong id).
    Rename { path: Vec<u16>, id: u16 },
    /// Replace the number where the path ends with an edge number (type-preserving).
    Renumber { path: Vec<u16>, edge: EdgeNumber },
}

/// Apply the edits in order (at most [`MAX_EDITS`]).
pub fn apply(document: &mut Value, edits: &[Edit], vocabulary: &[String]) {
    for edit in edits.iter().take(MAX_EDITS) {
        match edit {
            Edit::Replace { path, with } => {
                *walk(document, path) = with.render(vocabulary);
            }
            Edit::Remove { path } => {
                if let Some((last, parent)) = split(path) {
                    remove(walk(document, parent), last);
                }
            }
            Edit::Duplicate { path } => {
                if let Some((last, parent)) = split(path) {
                    duplicate(walk(document, parent), last);
                }
            }
            Edit::Swap { path, a, b } => swap(walk(document, path), *a, *b),
            Edit::Nudge { path, delta, scale } => nudge(walk(document, path), *delta, *scale),
            Edit::Retype { path } => {
                let target = walk(document, path);
                *target = retyped(target);
            }
            Edit::Rename { path, id: k } => {
                if let target @ Value::String(_) = walk(document, path) {
                    *target = Value::String(id(vocabulary, *k));
                }
            }
            Edit::Renumber { path, edge } => {
                if let target @ Value::Number(_) = walk(document, path) {
                    *target = Shape::Edge(*edge).render(vocabulary);
                }
            }
        }
    }
}

fn split(path: &[u16]) -> Option<(u16, &[u16])> {
    path.split_last().map(|(last, parent)| (*last, parent))
}

/// The value at the end of the path; the walk stops early at a leaf or an empty container.
fn walk<'v>(value: &'v mut Value, path: &[u16]) -> &'v mut Value {
    let mut here = value;
    for &step in path.iter().take(MAX_STEPS) {
        let step = step as usize;
        let has_children = match &*here {
            Value::Object(map) => !map.is_empty(),
            Value::Array(list) => !list.is_empty(),
            _ => false,
        };
        if !has_children {
            break;
        }
        here = match here {
            Value::Object(map) => {
                let n = map.len();
                match map.values_mut().nth(step % n) {
                    Some(child) => child,
                    None => unreachable!("a map of {n} entries has an entry {}", step % n),
                }
            }
            Value::Array(list) => {
                let n = list.len();
                &mut list[step % n]
            }
            _ => unreachable!("only a container has children"),
        };
    }
    here
}

fn remove(parent: &mut Value, k: u16) {
    let k = k as usize;
    match parent {
        Value::Object(map) if !map.is_empty() => {
            if let Some(key) = map.keys().nth(k % map.len()).cloned() {
                map.remove(&key);
            }
        }
        Value::Array(list) if !list.is_empty() => {
            let n = list.len();
            list.remove(k % n);
        }
        _ => {}
    }
}

fn duplicate(parent: &mut Value, k: u16) {
    let k = k as usize;
    match parent {
        Value::Object(map) if !map.is_empty() => {
            if let Some((key, value)) = map.iter().nth(k % map.len()) {
                let (key, value) = (format!("{key}_"), value.clone());
                map.insert(key, value);
            }
        }
        Value::Array(list) if !list.is_empty() => {
            let n = list.len();
            let copy = list[k % n].clone();
            list.insert(k % n, copy);
        }
        _ => {}
    }
}

fn swap(value: &mut Value, a: u16, b: u16) {
    match value {
        Value::Array(list) if !list.is_empty() => {
            let n = list.len();
            list.swap(a as usize % n, b as usize % n);
        }
        Value::Object(map) if !map.is_empty() => {
            let n = map.len();
            let (a, b) = (a as usize % n, b as usize % n);
            let va = map.values().nth(a).cloned();
            let vb = map.values().nth(b).cloned();
            if let (Some(va), Some(vb)) = (va, vb) {
                if let Some(slot) = map.values_mut().nth(a) {
                    *slot = vb;
                }
                if let Some(slot) = map.values_mut().nth(b) {
                    *slot = va;
                }
            }
        }
        _ => {}
    }
}

fn nudge(value: &mut Value, delta: i64, scale: bool) {
    let Value::Number(n) = value else {
        return;
    };
    let nudged = if let (Some(i), false) = (n.as_i64(), scale) {
        Number::from(i.saturating_add(delta))
    } else if let (Some(u), false) = (n.as_u64(), scale) {
        Number::from(u.saturating_add_signed(delta))
    } else {
        let x = n.as_f64().unwrap_or(0.0);
        let y = if scale {
            x * (delta as f64 / 1000.0)
        } else {
            x + delta as f64
        };
        match Number::from_f64(y) {
            Some(y) => y,
            None => return,
        }
    };
    *n = nudged;
}

fn retyped(value: &Value) -> Value {
    match value {
        Value::String(s) => match s.parse::<u64>() {
            Ok(u) => Value::from(u),
            Err(_) => Value::Array(vec![value.clone()]),
        },
        Value::Null => Value::String("null".into()),
        other => Value::String(other.to_string()),
    }
}
