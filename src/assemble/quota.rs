//! Quota targets: blueprint quotas (exact counts or percentages of the form length) turned into
//! exact item counts.
//!
//! Percentages become counts by the largest-remainder (Hamilton) method. Each quota gets the
//! whole part of `percent × length / 100`; the places left over go one each to the largest
//! fractional parts, ties broken by quota order. When the percentages of a dimension cover less
//! than 100 %, the uncovered share takes part as one more, implicit participant ("the rest",
//! last in tie order), so the quota counts plus the free places always sum to `length`. When
//! they cover 100 % the counts sum exactly to `length`.
//!
//! Only IEEE basic arithmetic is used (no transcendental functions), so the counts are the same
//! on every target.

use serde::{Deserialize, Serialize};

use crate::model::Quota;
use crate::stable_sort;

/// One blueprint quota turned into an exact item count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaTarget {
    /// Domain name or outcome id.
    pub id: String,
    /// Position of the quota in its blueprint list (for rule paths such as `blueprint.domains[2]`).
    pub index: usize,
    /// Exact number of items the form holds.
    pub count: usize,
    /// The percentage the count came from, when the quota was given as a percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
}

/// Raw values closer than this to a whole number are taken as that number, so that
/// `15 % of 60` is 9 even when the product carries a rounding error in its last bit.
const SNAP: f64 = 1e-9;

/// Percentages whose sum is within this of 100 are taken to cover the whole form.
const FULL_COVER: f64 = 1e-6;

/// Turn percentages of `length` into whole counts by the largest-remainder method.
///
/// Values that are not finite or not positive count as 0 %, and values above 100 as 100 %.
/// When the percentages cover 100 % the counts sum to `length`; when they cover less, the
/// counts sum to `length` minus the places given to the uncovered share. (Percentages over
/// 100 % in sum are a validation error; the counts then follow the same method with the total
/// rounded, and the feasibility report names the excess.)
///
/// ```
/// use certa::assemble::quota::largest_remainder;
/// assert_eq!(largest_remainder(&[20.0, 25.0, 20.0, 15.0, 20.0], 60), vec![12, 15, 12, 9, 12]);
/// assert_eq!(largest_remainder(&[30.0, 30.0, 40.0], 7), vec![2, 2, 3]);
/// ```
pub fn largest_remainder(percents: &[f64], length: usize) -> Vec<usize> {
    let clean: Vec<f64> = percents
        .iter()
        .map(|p| {
            if p.is_finite() && *p > 0.0 {
                p.min(100.0)
            } else {
                0.0
            }
        })
        .collect();
    let sum: f64 = clean.iter().sum();
    let len = length as f64;
    let mut raws: Vec<f64> = clean.iter().map(|p| snap(p * len / 100.0)).collect();
    let covers_all = (sum - 100.0).abs() <= FULL_COVER;
    let total = if covers_all {
        length
    } else if sum < 100.0 {
        // The uncovered share is one more participant, last in tie order.
        let explicit: f64 = raws.iter().sum();
        raws.push(snap((len - explicit).max(0.0)));
        length
    } else {
        round_half_up(raws.iter().sum())
    };
    let floors: Vec<usize> = raws.iter().map(|r| r.floor() as usize).collect();
    let assigned: usize = floors.iter().sum();
    let mut counts = floors;
    let left = total.saturating_sub(assigned);
    if left > 0 && !raws.is_empty() {
        // Largest fractional part first; ties by position (quota order, the rest last).
        let order = stable_sort::order(raws.len(), &mut |a, b| {
            let fa = raws[a] - raws[a].floor();
            let fb = raws[b] - raws[b].floor();
            fb.total_cmp(&fa).then(a.cmp(&b))
        });
        for k in 0..left {
            if let Some(&i) = order.get(k % order.len()) {
                if let Some(c) = counts.get_mut(i) {
                    *c += 1;
                }
            }
        }
    }
    counts.truncate(percents.len());
    counts
}

/// The exact count of every quota in a list, in list order.
///
/// Count quotas are taken as they are. Percentage quotas are converted together by
/// [`largest_remainder`] over the form length. A quota giving neither (or both, which
/// validation refuses) counts its `count`, or 0.
pub fn quota_targets(quotas: &[Quota], length: usize) -> Vec<QuotaTarget> {
    let percents: Vec<f64> = quotas
        .iter()
        .filter(|q| q.count.is_none())
        .filter_map(|q| q.percent)
        .collect();
    let mut from_percent = largest_remainder(&percents, length).into_iter();
    quotas
        .iter()
        .enumerate()
        .map(|(index, q)| {
            let (count, percent) = match (q.count, q.percent) {
                (Some(c), _) => (c, None),
                (None, Some(p)) => (from_percent.next().unwrap_or(0), Some(p)),
                (None, None) => (0, None),
            };
            QuotaTarget {
                id: q.id.clone(),
                index,
                count,
                percent,
            }
        })
        .collect()
}

fn snap(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() < SNAP {
        r
    } else {
        x
    }
}

fn round_half_up(x: f64) -> usize {
    if x.is_finite() && x > 0.0 {
        (x + 0.5).floor() as usize
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(id: &str, p: f64) -> Quota {
        Quota {
            id: id.into(),
            count: None,
            percent: Some(p),
        }
    }

    #[test]
    fn whole_percentages_give_exact_counts() {
        assert_eq!(
            largest_remainder(&[20.0, 25.0, 20.0, 15.0, 20.0], 60),
            vec![12, 15, 12, 9, 12]
        );
    }

    #[test]
    fn remainders_go_to_the_largest_fractions() {
        // 2.1, 2.1, 2.8 → 2, 2, 3
        assert_eq!(largest_remainder(&[30.0, 30.0, 40.0], 7), vec![2, 2, 3]);
        // 3.33, 3.33, 3.34: the one place left goes to the largest fraction.
        assert_eq!(largest_remainder(&[33.3, 33.3, 33.4], 10), vec![3, 3, 4]);
    }

    #[test]
    fn ties_follow_quota_order() {
        assert_eq!(
            largest_remainder(&[25.0, 25.0, 25.0, 25.0], 10),
            vec![3, 3, 2, 2]
        );
    }

    #[test]
    fn partial_cover_leaves_the_rest_free() {
        // 30 % and 30 % of 10 → 3 and 3, 4 free.
        assert_eq!(largest_remainder(&[30.0, 30.0], 10), vec![3, 3]);
        // 35 % and 35 % of 10 → 3.5 each, rest 3.0: the two halves win one each.
        assert_eq!(largest_remainder(&[35.0, 35.0], 10), vec![4, 3]);
    }

    #[test]
    fn nonsense_percentages_do_not_panic() {
        assert_eq!(
            largest_remainder(&[f64::NAN, -5.0, f64::INFINITY], 10),
            vec![0, 0, 0]
        );
        assert_eq!(largest_remainder(&[], 10), Vec::<usize>::new());
        assert_eq!(largest_remainder(&[60.0, 60.0], 10), vec![6, 6]);
    }

    #[test]
    fn targets_keep_counts_and_convert_percentages() {
        let t = quota_targets(&[pct("A", 50.0), pct("B", 50.0)], 9);
        assert_eq!(t[0].count + t[1].count, 9);
        assert_eq!(t[0].count, 5);
        assert_eq!(t[1].percent, Some(50.0));
        let c = quota_targets(
            &[Quota {
                id: "A".into(),
                count: Some(4),
                percent: None,
            }],
            9,
        );
        assert_eq!(c[0].count, 4);
        assert_eq!(c[0].percent, None);
    }
}
