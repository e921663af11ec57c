//! The crate's one sort: a stable merge sort written once, for every element type.
//!
//! Why it exists: the browser module's size (issue 3). `slice::sort_by` and friends are generic,
//! so every element type and comparator closure gets its own copy of the standard library's
//! driftsort or ipnsort, 1–4 KB each in the wasm module. Here the sorting itself is done by
//! [`order`], which is not generic: it sorts positions `0..len` under a `dyn` comparator and
//! returns the permutation. The generic wrappers ([`sort_by`], [`sort_by_key`], [`sort`]) only
//! build that comparator and apply the permutation with swaps, about a hundred bytes each.
//! [`order_first`] / [`sort_first_by`] put only the first few in order, for the assembler's
//! scans that usually stop early (in place of `select_nth_unstable_by`).
//!
//! How to use it: code that the wasm module reaches sorts with these functions instead of the
//! slice methods, `stable_sort::sort_by(&mut v, |a, b| a.x.cmp(&b.x))` for `v.sort_by(..)`.
//! The sort is stable (equal elements keep their order), like `slice::sort_by`. It may stand in
//! for `sort_unstable*` only where equal elements cannot be told apart, or where the comparator
//! is a total order (it breaks every tie), since the result is then the same. It runs in
//! O(n log n) comparisons and allocates two `Vec<usize>` of `len`.
//!
//! Native-only code (the record service, the CLI, importers, tests) may keep the slice methods.
//! Collecting into a `BTreeMap` or `BTreeSet` sorts too (std's `from_iter`, one driftsort copy
//! per entry type); this module does not cover that.

use std::cmp::Ordering;

/// Positions sorted by insertion before the merge passes start.
const RUN: usize = 8;

/// The stable sorted order of positions `0..len` under `cmp`: element `k` of the result is the
/// position that goes `k`th. Equal positions stay in increasing order.
///
/// `cmp(a, b)` compares the elements at positions `a` and `b` (both below `len`).
///
/// ```
/// let keys = [3, 1, 2, 1];
/// let order = certa::stable_sort::order(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
/// assert_eq!(order, vec![1, 3, 2, 0]);
/// ```
#[inline(never)]
pub fn order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    // Bottom-up merge sort. Runs of `RUN` positions are sorted by insertion first (a position
    // moves left past the greater ones only), so a short slice needs no merge and no scratch.
    let mut order: Vec<usize> = (0..len).collect();
    for run in order.chunks_mut(RUN) {
        for i in 1..run.len() {
            let mut j = i;
            while j > 0 && cmp(run[j - 1], run[j]) == Ordering::Greater {
                run.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    if len <= RUN {
        return order;
    }
    // Then sorted runs of `width` are merged in pairs from `order` into `scratch`, the two swap
    // and the width doubles.
    let mut scratch = vec![0; len];
    let mut width = RUN;
    while width < len {
        let mut lo = 0;
        while lo < len {
            let mid = lo.saturating_add(width).min(len);
            let hi = mid.saturating_add(width).min(len);
            let (mut l, mut r) = (lo, mid);
            for k in lo..hi {
                let left = order.get(l).filter(|_| l < mid).copied();
                let right = order.get(r).filter(|_| r < hi).copied();
                // On a tie the left run's position goes first: that is the stability.
                let take_right = match (left, right) {
                    (Some(a), Some(b)) => cmp(a, b) == Ordering::Greater,
                    (Some(_), None) => false,
                    (None, _) => true,
                };
                let next = if take_right {
                    r += 1;
                    right
                } else {
                    l += 1;
                    left
                };
                if let (Some(slot), Some(p)) = (scratch.get_mut(k), next) {
                    *slot = p;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut order, &mut scratch);
        width = width.saturating_mul(2);
    }
    order
}

/// Like [`order`], but only the first `count` positions are put in order: the positions that
/// [`order`] puts first, in the same order, then all the others in increasing order.
///
/// For a scan that usually stops early: it costs about one comparison per position when the
/// input is in random order, and O(len log count) comparisons at most (O(len × count) moves).
#[inline(never)]
pub fn order_first(
    len: usize,
    count: usize,
    cmp: &mut dyn FnMut(usize, usize) -> Ordering,
) -> Vec<usize> {
    // The first `count` positions so far, in order. A position goes after those it does not
    // precede, so on a tie the earlier one stays first, as in `order`.
    let mut first: Vec<usize> = Vec::with_capacity(count.min(len).saturating_add(1));
    for p in 0..len {
        let full = first.len() >= count;
        if full && first.last().is_none_or(|&q| cmp(q, p) != Ordering::Greater) {
            continue;
        }
        let at = first.partition_point(|&q| cmp(q, p) != Ordering::Greater);
        first.insert(at, p);
        first.truncate(count);
    }
    let mut chosen = vec![false; len];
    for &p in &first {
        if let Some(c) = chosen.get_mut(p) {
            *c = true;
        }
    }
    first.extend((0..len).filter(|&p| chosen.get(p) == Some(&false)));
    first
}

/// Rearrange by `order` (from [`order`]): the element at position `order[k]` moves to `k`,
/// through `swap(a, b)` calls along the permutation's cycles.
#[inline(never)]
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        // Walk the cycle through `start`, marking each visited position as placed (`order[j] = j`).
        let mut j = start;
        while let Some(slot) = order.get_mut(j) {
            let from = std::mem::replace(slot, j);
            if from == start {
                break;
            }
            swap(j, from);
            j = from;
        }
    }
}

/// `cmp` on the elements of `items` at two positions.
fn at_positions<'a, T>(
    items: &'a [T],
    mut cmp: impl FnMut(&T, &T) -> Ordering + 'a,
) -> impl FnMut(usize, usize) -> Ordering + 'a {
    move |a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    }
}

/// Sort `slice` stably by `cmp`, like `slice.sort_by(cmp)`.
pub fn sort_by<T>(slice: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    let sorted = order(slice.len(), &mut at_positions(slice, cmp));
    permute(sorted, &mut |a, b| slice.swap(a, b));
}

/// Put the first `count` elements of `slice`'s stable sort by `cmp` at its front, in order; the
/// others follow in their original order (see [`order_first`]). Sorting the rest afterwards
/// with [`sort_by`] completes the same stable sort as `sort_by` on the whole slice.
pub fn sort_first_by<T>(slice: &mut [T], count: usize, cmp: impl FnMut(&T, &T) -> Ordering) {
    let sorted = order_first(slice.len(), count, &mut at_positions(slice, cmp));
    permute(sorted, &mut |a, b| slice.swap(a, b));
}

/// Sort `slice` stably by the key `key` gives, like `slice.sort_by_key(key)`: the key is
/// computed on each comparison.
pub fn sort_by_key<T, K: Ord>(slice: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(slice, |a, b| {
        let ka = key(a);
        ka.cmp(&key(b))
    });
}

/// Sort `slice` stably in increasing order, like `slice.sort()`.
pub fn sort<T: Ord>(slice: &mut [T]) {
    sort_by(slice, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha8Rng;
    use rand_core::{RngCore, SeedableRng};

    #[test]
    fn empty_and_one_element() {
        let mut none: Vec<u32> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
        assert!(order(0, &mut |_, _| unreachable!()).is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, vec![7]);
        assert_eq!(order(1, &mut |_, _| unreachable!()), vec![0]);
    }

    #[test]
    fn reverse_input_comes_out_increasing() {
        for len in [2, 7, 8, 9, 16, 17, 100, 1000] {
            let mut v: Vec<u32> = (0..len).rev().collect();
            sort(&mut v);
            assert_eq!(v, (0..len).collect::<Vec<_>>(), "len {len}");
        }
    }

    #[test]
    fn equal_keys_keep_their_order() {
        // (key, original position): equal keys must come out by position.
        let mut v: Vec<(u8, usize)> = (0..50).map(|i| ((i * 7 % 3) as u8, i)).collect();
        sort_by_key(&mut v, |&(k, _)| k);
        for pair in v.windows(2) {
            assert!(pair[0].0 < pair[1].0 || (pair[0].0 == pair[1].0 && pair[0].1 < pair[1].1));
        }
        let mut all_equal: Vec<(u8, usize)> = (0..33).map(|i| (1, i)).collect();
        let before = all_equal.clone();
        sort_by(&mut all_equal, |a, b| a.0.cmp(&b.0));
        assert_eq!(all_equal, before);
    }

    #[test]
    fn order_is_a_stable_permutation() {
        let keys = [5, 3, 5, 1, 3, 5, 0, 3, 1, 9, 2];
        let got = order(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
        assert_eq!(got, vec![6, 3, 8, 10, 1, 4, 7, 0, 2, 5, 9]);
    }

    /// Seeded random data against std's stable `sort_by`, with many ties (few distinct keys)
    /// and with nearly none, at lengths around the run and merge boundaries.
    #[test]
    fn matches_std_sort_by_on_seeded_data() {
        let mut rng = ChaCha8Rng::seed_from_u64(0x5eed);
        for len in [2, 3, 8, 9, 15, 16, 17, 31, 64, 65, 200, 1023, 4096] {
            for distinct in [2, 5, 1 << 20] {
                let v: Vec<(u32, usize)> =
                    (0..len).map(|i| (rng.next_u32() % distinct, i)).collect();
                let mut ours = v.clone();
                let mut std = v.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                std.sort_by_key(|e| e.0);
                assert_eq!(ours, std, "len {len}, {distinct} distinct keys");
                // Descending by a float key with `then`, as the assembler's call sites do.
                let mut ours = v.clone();
                let mut std = v;
                let desc = |a: &(u32, usize), b: &(u32, usize)| {
                    f64::from(b.0 % 7).total_cmp(&f64::from(a.0 % 7))
                };
                sort_by(&mut ours, desc);
                std.sort_by(desc);
                assert_eq!(ours, std, "len {len}, {distinct} distinct keys, descending");
            }
        }
    }

    /// The first `count` of a stable sort, then the rest sorted afterwards, is the whole
    /// stable sort; and the prefix alone is the std sort's prefix.
    #[test]
    fn sort_first_then_the_rest_is_the_full_sort() {
        let mut rng = ChaCha8Rng::seed_from_u64(32);
        for len in [0, 1, 5, 31, 32, 33, 100, 2000] {
            for count in [0, 1, 3, 32, 5000] {
                // Random keys out of 3 or 2^20, and descending keys (`None`: each newcomer
                // goes first, the most moves).
                for distinct in [Some(3), Some(1 << 20), None] {
                    let v: Vec<(u32, usize)> = (0..len)
                        .map(|i| match distinct {
                            Some(d) => (rng.next_u32() % d, i),
                            None => ((len - i) as u32, i),
                        })
                        .collect();
                    let mut std = v.clone();
                    std.sort_by_key(|e| e.0);
                    let mut ours = v.clone();
                    sort_first_by(&mut ours, count, |a, b| a.0.cmp(&b.0));
                    let k = count.min(len);
                    let what = format!("len {len}, count {count}, {distinct:?} distinct");
                    assert_eq!(ours[..k], std[..k], "{what}");
                    // The others keep their original order.
                    let rest: Vec<_> = v.iter().filter(|e| !std[..k].contains(e)).collect();
                    assert_eq!(ours[k..].iter().collect::<Vec<_>>(), rest, "{what}");
                    sort_by(&mut ours[k..], |a, b| a.0.cmp(&b.0));
                    assert_eq!(ours, std, "{what}");
                }
            }
        }
    }

    #[test]
    fn sorts_elements_that_are_not_copy() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple", "kiwi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "kiwi", "pear"]);
        sort_by_key(&mut v, |s| std::cmp::Reverse(s.len()));
        assert_eq!(v, ["apple", "apple", "kiwi", "pear", "fig"]);
    }
}
