//! Ordering responses: exact order, or credit for each adjacent pair kept in the keyed order.

use crate::model::OrderingRule;
use crate::sorted_map::SortedSet;

/// Points for `order` (every step once, as checked by the response parser) against `key`:
/// - exact: `full` for the keyed order, else 0;
/// - adjacent pairs: `full × k / (n − 1)`, where k counts the consecutive pairs
///   `(order[i], order[i+1])` that are also consecutive, in that order, in the key and n is
///   the key length. A key of one step is scored exactly.
pub fn score_ordering(key: &[String], rule: OrderingRule, order: &[&str], full: f64) -> f64 {
    let exact = order.len() == key.len() && order.iter().zip(key).all(|(a, b)| *a == b.as_str());
    match rule {
        OrderingRule::Exact => {
            if exact {
                full
            } else {
                0.0
            }
        }
        OrderingRule::AdjacentPairs => {
            if key.len() < 2 {
                return if exact { full } else { 0.0 };
            }
            let keyed_pairs: SortedSet<(&str, &str)> = key
                .windows(2)
                .map(|k| (k[0].as_str(), k[1].as_str()))
                .collect();
            let kept = order
                .windows(2)
                .filter(|w| keyed_pairs.contains(&(w[0], w[1])))
                .count();
            full * kept as f64 / (key.len() - 1) as f64
        }
    }
}
