//! [`SortedMap`] and [`SortedSet`]: an ordered map and set kept as one sorted `Vec`, found by
//! binary search.
//!
//! They exist for the size of the browser module. `std`'s `BTreeMap` is fast, but every key
//! and value type it is used with brings its own copy of the node code (insert with splits,
//! remove with merges, search, iteration, drop, clone): several KB of WebAssembly per type,
//! about 70 KB in all. A sorted `Vec` needs a binary search and a `Vec` insert per type,
//! a few hundred bytes.
//!
//! Use them wherever the engine needs an ordered map or set of modest size (ids of a
//! package's items, choices, gaps, sets, domains; the responses of one attempt). They behave
//! as `BTreeMap` and `BTreeSet` do where the engine relies on it: iteration is in key order,
//! `insert` reports an existing key, `from_iter` keeps the last value of a repeated key. An
//! insert in the middle moves the entries after it, so inserting one by one in random order
//! costs O(n²) moves; an insert in key order (the common case: banks list their ids in
//! order) appends. Building in bulk (`collect`, `extend`, reading JSON) appends everything,
//! then sorts once (`stable_sort`): O(n log n) in any order, so a hostile document with many
//! keys in reverse order costs no more than a sorted one.
//!
//! ```
//! use certa::sorted_map::{SortedMap, SortedSet};
//!
//! let mut counts: SortedMap<&str, usize> = SortedMap::new();
//! for id in ["b", "a", "b"] {
//!     *counts.entry(id).or_default() += 1;
//! }
//! assert_eq!(counts.iter().collect::<Vec<_>>(), [(&"a", &1), (&"b", &2)]);
//!
//! let mut seen = SortedSet::new();
//! assert!(seen.insert("q2"));
//! assert!(!seen.insert("q2"));
//! assert!(seen.contains("q2"));
//! ```

use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::stable_sort;

/// An ordered map: `(key, value)` entries in one `Vec`, sorted by key, keys unique.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> SortedMap<K, V> {
    /// An empty map.
    pub const fn new() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }

    /// How many entries the map holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the map holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The entries in key order, to change their values.
    pub fn iter_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = (&K, &mut V)> + ExactSizeIterator {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values in key order, to change them.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Remove every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// Where `key` is (`Ok`), or where it would go (`Err`).
    fn search<Q>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value of `key`.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let at = self.search(key).ok()?;
        self.entries.get(at).map(|(_, v)| v)
    }

    /// The value of `key`, to change it.
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let at = self.search(key).ok()?;
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    /// True when the map holds `key`.
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.search(key).is_ok()
    }

    /// Set the value of `key`; returns the value it replaces (the key itself is kept).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        if self.entries.last().is_none_or(|(last, _)| *last < key) {
            self.entries.push((key, value));
            return None;
        }
        match self.search(&key) {
            Ok(at) => self
                .entries
                .get_mut(at)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// Take `key` out of the map; returns its value.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let at = self.search(key).ok()?;
        Some(self.entries.remove(at).1)
    }

    /// The place of `key`, to read it or fill it (as `BTreeMap::entry`).
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let found = self.search(&key);
        Entry {
            map: self,
            key,
            found,
        }
    }
}

/// The place of one key in a [`SortedMap`], from [`SortedMap::entry`].
pub struct Entry<'m, K, V> {
    map: &'m mut SortedMap<K, V>,
    key: K,
    found: Result<usize, usize>,
}

impl<'m, K, V> Entry<'m, K, V> {
    /// The value, put in by `make` when the key is new.
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'m mut V {
        let entries = &mut self.map.entries;
        let at = match self.found {
            Ok(at) => at,
            Err(at) => {
                entries.insert(at, (self.key, make()));
                at
            }
        };
        // `at` is in bounds: found by the search, or just filled.
        &mut entries[at].1
    }

    /// The value, `value` when the key is new.
    pub fn or_insert(self, value: V) -> &'m mut V {
        self.or_insert_with(|| value)
    }

    /// The value, `V::default()` when the key is new.
    pub fn or_default(self) -> &'m mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A repeated key keeps its last value, as `BTreeMap` does.
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = Self::new();
        map.extend(iter);
        map
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// A map of `entries` in any order; a repeated key keeps its last value. O(n log n),
    /// whatever the order (inserting one by one out of order would be O(n²)).
    pub fn from_entries(entries: Vec<(K, V)>) -> Self {
        let mut map = SortedMap { entries };
        map.settle();
        map
    }

    /// Restore the order after entries were appended in any order: a stable sort by key, then
    /// of each run of equal keys the last (the latest insert wins, as with `insert`).
    fn settle(&mut self) {
        if self.entries.windows(2).all(|pair| pair[0].0 < pair[1].0) {
            return;
        }
        stable_sort::sort_by(&mut self.entries, |a, b| a.0.cmp(&b.0));
        let mut unique: Vec<(K, V)> = Vec::with_capacity(self.entries.len());
        for entry in self.entries.drain(..) {
            match unique.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => unique.push(entry),
            }
        }
        self.entries = unique;
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.entries.extend(iter);
        self.settle();
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'m, K, V> IntoIterator for &'m SortedMap<K, V> {
    type Item = (&'m K, &'m V);
    type IntoIter = std::iter::Map<std::slice::Iter<'m, (K, V)>, fn(&(K, V)) -> (&K, &V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

/// An ordered set: its members in one sorted `Vec`, each once.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedSet<T> {
    members: Vec<T>,
}

impl<T> SortedSet<T> {
    /// An empty set.
    pub const fn new() -> Self {
        SortedSet {
            members: Vec::new(),
        }
    }

    /// How many members the set holds.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True when the set has no member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The members in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.members.iter()
    }

    /// Remove every member.
    pub fn clear(&mut self) {
        self.members.clear();
    }
}

impl<T: Ord> SortedSet<T> {
    fn search<Q>(&self, value: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.members.binary_search_by(|m| m.borrow().cmp(value))
    }

    /// True when `value` is a member.
    pub fn contains<Q>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.search(value).is_ok()
    }

    /// Add `value`; false when it was a member already (the set is then unchanged).
    pub fn insert(&mut self, value: T) -> bool {
        if self.members.last().is_none_or(|last| *last < value) {
            self.members.push(value);
            return true;
        }
        match self.search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.members.insert(at, value);
                true
            }
        }
    }

    /// Take `value` out; false when it was not a member.
    pub fn remove<Q>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        match self.search(value) {
            Ok(at) => {
                self.members.remove(at);
                true
            }
            Err(_) => false,
        }
    }
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = Self::new();
        set.extend(iter);
        set
    }
}

impl<T: Ord> SortedSet<T> {
    /// A set of `members` in any order, repeats dropped. O(n log n), whatever the order.
    pub fn from_members(members: Vec<T>) -> Self {
        let mut set = SortedSet { members };
        set.settle();
        set
    }

    /// Restore the order after members were appended in any order: a stable sort, then one
    /// of each run of equal members (the first, as `insert` keeps the member it has).
    fn settle(&mut self) {
        if self.members.windows(2).all(|pair| pair[0] < pair[1]) {
            return;
        }
        stable_sort::sort_by(&mut self.members, |a, b| a.cmp(b));
        self.members.dedup_by(|later, earlier| later == earlier);
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.members.extend(iter);
        self.settle();
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(members: [T; N]) -> Self {
        members.into_iter().collect()
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}

impl<'s, T> IntoIterator for &'s SortedSet<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

/// A JSON object in key order, as serde writes a `BTreeMap`.
impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// A JSON array in order, as serde writes a `BTreeSet`.
impl<T: Serialize> Serialize for SortedSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Read as serde reads a `BTreeMap` (same errors; a repeated key keeps its last value).
impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = SortedMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = access.next_entry()? {
                    entries.push(entry);
                }
                Ok(SortedMap::from_entries(entries))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// Read as serde reads a `BTreeSet` (same errors; a repeated member is kept once).
impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for SortedSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor<T>(PhantomData<T>);

        impl<'de, T: Ord + Deserialize<'de>> Visitor<'de> for SetVisitor<T> {
            type Value = SortedSet<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(value) = access.next_element()? {
                    members.push(value);
                }
                Ok(SortedSet::from_members(members))
            }
        }

        deserializer.deserialize_seq(SetVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// A small deterministic sequence of keys with repeats, in no order.
    fn keys(n: u64) -> Vec<u64> {
        (0..n).map(|i| (i * 7919 + 13) % 61).collect()
    }

    #[test]
    fn bulk_building_in_any_order_agrees_with_btree() {
        // Reverse order, repeats, and an extend onto a map that already holds some keys.
        let pairs: Vec<(u64, usize)> = (0..3000u64)
            .rev()
            .chain(keys(500))
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let ours: SortedMap<u64, usize> = pairs.iter().copied().collect();
        let std: BTreeMap<u64, usize> = pairs.iter().copied().collect();
        assert!(ours.iter().eq(std.iter()));
        let mut ours_more = ours.clone();
        let mut std_more = std.clone();
        ours_more.extend(keys(90).into_iter().map(|k| (k * 50, 1)));
        std_more.extend(keys(90).into_iter().map(|k| (k * 50, 1)));
        assert!(ours_more.iter().eq(std_more.iter()));

        let members: Vec<u64> = (0..3000u64).rev().chain(keys(500)).collect();
        let ours: SortedSet<u64> = members.iter().copied().collect();
        let std: BTreeSet<u64> = members.iter().copied().collect();
        assert!(ours.iter().eq(std.iter()));
        assert_eq!(SortedSet::from_members(members).len(), std.len());
    }

    #[test]
    fn the_map_agrees_with_btreemap() {
        let mut ours = SortedMap::new();
        let mut std = BTreeMap::new();
        for (i, k) in keys(200).into_iter().enumerate() {
            assert_eq!(ours.insert(k, i), std.insert(k, i), "insert {k}");
            if i % 5 == 0 {
                let gone = k.wrapping_add(3) % 61;
                assert_eq!(ours.remove(&gone), std.remove(&gone), "remove {gone}");
            }
            *ours.entry(k / 2).or_default() += 1;
            *std.entry(k / 2).or_default() += 1;
        }
        assert_eq!(ours.len(), std.len());
        assert!(ours.iter().eq(std.iter()));
        assert!(ours.keys().eq(std.keys()));
        assert!(ours.values().eq(std.values()));
        for k in 0..70 {
            assert_eq!(ours.get(&k), std.get(&k));
            assert_eq!(ours.contains_key(&k), std.contains_key(&k));
        }
        assert_eq!(format!("{ours:?}"), format!("{std:?}"));
        let pairs: Vec<_> = keys(50).into_iter().zip(0..).collect();
        let collected: SortedMap<_, _> = pairs.iter().copied().collect();
        let std_collected: BTreeMap<_, _> = pairs.into_iter().collect();
        assert!(collected.into_iter().eq(std_collected));
    }

    #[test]
    fn string_keys_are_found_by_str() {
        let mut map: SortedMap<String, u32> = SortedMap::new();
        map.insert("q2".into(), 2);
        map.insert("q10".into(), 10);
        map.insert("q1".into(), 1);
        assert_eq!(map.get("q10"), Some(&10));
        assert_eq!(
            map.keys().map(String::as_str).collect::<Vec<_>>(),
            ["q1", "q10", "q2"]
        );
        if let Some(v) = map.get_mut("q1") {
            *v = 11;
        }
        assert_eq!(map.remove("q1"), Some(11));
        assert_eq!(map.get("q1"), None);
        assert_eq!(*map.entry("q3".into()).or_insert(3), 3);
        assert_eq!(*map.entry("q3".into()).or_insert_with(|| 30), 3);
    }

    #[test]
    fn the_set_agrees_with_btreeset() {
        let mut ours = SortedSet::new();
        let mut std = BTreeSet::new();
        for (i, k) in keys(300).into_iter().enumerate() {
            assert_eq!(ours.insert(k), std.insert(k), "insert {k}");
            if i % 3 == 0 {
                let gone = (k * 5) % 61;
                assert_eq!(ours.remove(&gone), std.remove(&gone), "remove {gone}");
            }
        }
        assert!(ours.iter().eq(std.iter()));
        for k in 0..70 {
            assert_eq!(ours.contains(&k), std.contains(&k));
        }
        assert_eq!(format!("{ours:?}"), format!("{std:?}"));
        let from: SortedSet<u64> = keys(40).into_iter().collect();
        assert!(from
            .into_iter()
            .eq(keys(40).into_iter().collect::<BTreeSet<_>>()));
    }

    #[test]
    fn serde_writes_and_reads_them_as_btreemap_and_btreeset() {
        let map: SortedMap<String, Vec<String>> = [
            ("g2".into(), vec!["b".into()]),
            ("g1".into(), vec!["a".into()]),
        ]
        .into();
        let std: BTreeMap<String, Vec<String>> = map.clone().into_iter().collect();
        let text = serde_json::to_string(&map).unwrap();
        assert_eq!(text, serde_json::to_string(&std).unwrap());
        assert_eq!(text, r#"{"g1":["a"],"g2":["b"]}"#);
        let back: SortedMap<String, Vec<String>> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, map);
        let set: SortedSet<String> = ["q3".to_string(), "q1".into(), "q3".into()].into();
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"["q1","q3"]"#);
        let read: SortedSet<String> = serde_json::from_str(r#"["b","a","b"]"#).unwrap();
        assert_eq!(read.iter().collect::<Vec<_>>(), ["a", "b"]);
        let last: SortedMap<String, u64> = serde_json::from_str(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(last.get("a"), Some(&2));
        // The same errors as the std collections.
        for bad in [r#"[1]"#, r#"{"a":-1}"#, r#""x""#, r#"{"a":1"#] {
            let ours = serde_json::from_str::<SortedMap<String, u64>>(bad).unwrap_err();
            let theirs = serde_json::from_str::<BTreeMap<String, u64>>(bad).unwrap_err();
            assert_eq!(ours.to_string(), theirs.to_string(), "{bad}");
        }
        for bad in [r#"{"a":1}"#, r#"[1]"#, r#"["a",]"#] {
            let ours = serde_json::from_str::<SortedSet<String>>(bad).unwrap_err();
            let theirs = serde_json::from_str::<BTreeSet<String>>(bad).unwrap_err();
            assert_eq!(ours.to_string(), theirs.to_string(), "{bad}");
        }
    }
}
