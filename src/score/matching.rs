//! Matching responses: credit per correct `[source, target]` pair, or all-or-nothing.

use crate::model::MatchingRule;
use crate::sorted_map::SortedSet;

/// Points for the distinct `pairs` given against the keyed pairs:
/// - per pair: `full × correct pairs / keyed pairs` (a pair not in the key earns nothing);
/// - all-or-nothing: `full` when the pairs given are exactly the keyed pairs.
///
/// An empty key earns nothing.
pub fn score_matching(
    key: &[(String, String)],
    rule: MatchingRule,
    pairs: &SortedSet<(&str, &str)>,
    full: f64,
) -> f64 {
    let keyed: SortedSet<(&str, &str)> =
        key.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
    if keyed.is_empty() {
        return 0.0;
    }
    let correct = pairs.iter().filter(|p| keyed.contains(*p)).count();
    match rule {
        MatchingRule::PerPair => full * correct as f64 / keyed.len() as f64,
        MatchingRule::AllOrNothing => {
            if correct == keyed.len() && pairs.len() == keyed.len() {
                full
            } else {
                0.0
            }
        }
    }
}
