//! Field-by-field comparison of what a record claims with what the engine recomputes: the
//! form (items and their presentation orders) and the scored result. Each difference becomes
//! one rejection naming the place and both values. Positions are 1-based, as people count.

use crate::assemble::{Form, FormItem};
use crate::record::CompletionRecord;
use crate::score::AttemptResult;

use super::{Rejection, RejectionCode};

/// The recorded form against the re-derived one.
pub fn forms(derived: &Form, record: &CompletionRecord, reasons: &mut Vec<Rejection>) {
    if record.form.len() != derived.items.len() {
        reasons.push(Rejection::new(
            RejectionCode::Form,
            format!(
                "the record's form has {} items, the seed gives {}",
                record.form.len(),
                derived.items.len()
            ),
        ));
    }
    for (index, (claimed, actual)) in record.form.iter().zip(&derived.items).enumerate() {
        let position = index + 1;
        if claimed.item_id != actual.item_id {
            reasons.push(Rejection::new(
                RejectionCode::Form,
                format!(
                    "form differs at position {position}: the record has \"{}\", the seed gives \"{}\"",
                    claimed.item_id, actual.item_id
                ),
            ));
        } else if let Some(what) = order_difference(claimed, actual) {
            reasons.push(Rejection::new(
                RejectionCode::Form,
                format!(
                    "form differs at position {position} (\"{}\"): the {what} order is not the seed's",
                    actual.item_id
                ),
            ));
        }
    }
}

fn order_difference(claimed: &FormItem, actual: &FormItem) -> Option<&'static str> {
    if claimed.choice_order != actual.choice_order {
        Some("choice")
    } else if claimed.target_order != actual.target_order {
        Some("target")
    } else if claimed.gap_orders != actual.gap_orders {
        Some("gap choice")
    } else {
        None
    }
}

/// The claimed result against the recomputed one.
pub fn results(claimed: &AttemptResult, actual: &AttemptResult, reasons: &mut Vec<Rejection>) {
    let mut differ = |message: String| reasons.push(Rejection::new(RejectionCode::Score, message));
    let mut figure = |name: &str, c: f64, a: f64| {
        if c.to_bits() != a.to_bits() {
            differ(format!("claimed {name} {c}, recomputed {a}"));
        }
    };
    figure("raw", claimed.raw, actual.raw);
    figure("max_raw", claimed.max_raw, actual.max_raw);
    figure("scaled", claimed.scaled, actual.scaled);
    if claimed.items.len() != actual.items.len() {
        reasons.push(Rejection::new(
            RejectionCode::Score,
            format!(
                "the record scores {} items, the form has {}",
                claimed.items.len(),
                actual.items.len()
            ),
        ));
    }
    for (c, a) in claimed.items.iter().zip(&actual.items) {
        if c.item_id != a.item_id {
            reasons.push(Rejection::new(
                RejectionCode::Score,
                format!(
                    "item scores are out of form order: \"{}\" where \"{}\" is",
                    c.item_id, a.item_id
                ),
            ));
            continue;
        }
        if c.status != a.status {
            reasons.push(Rejection::new(
                RejectionCode::Score,
                format!(
                    "item \"{}\": claimed status {:?}, recomputed {:?}",
                    a.item_id, c.status, a.status
                )
                .to_lowercase(),
            ));
        }
        for (name, cv, av) in [
            ("points", c.points, a.points),
            ("max_points", c.max_points, a.max_points),
        ] {
            if cv.to_bits() != av.to_bits() {
                reasons.push(Rejection::new(
                    RejectionCode::Score,
                    format!(
                        "item \"{}\": claimed {name} {cv}, recomputed {av}",
                        a.item_id
                    ),
                ));
            }
        }
    }
    if claimed.decision != actual.decision {
        reasons.push(Rejection::new(
            RejectionCode::Score,
            format!(
                "claimed decision {:?}, recomputed {:?}",
                claimed.decision, actual.decision
            )
            .to_lowercase(),
        ));
    }
    if claimed.pending_manual != actual.pending_manual {
        reasons.push(Rejection::new(
            RejectionCode::Score,
            format!(
                "claimed {} item(s) pending manual grading, recomputed {}",
                claimed.pending_manual, actual.pending_manual
            ),
        ));
    }
    if claimed.domains != actual.domains {
        let which = claimed
            .domains
            .iter()
            .zip(&actual.domains)
            .find(|(c, a)| c != a)
            .map(|(_, a)| format!("domain \"{}\"", a.domain))
            .unwrap_or_else(|| "the domain list".into());
        reasons.push(Rejection::new(
            RejectionCode::Score,
            format!("claimed subscores for {which} differ from the recomputed ones"),
        ));
    }
    if claimed.outcomes.len() != actual.outcomes.len() {
        reasons.push(Rejection::new(
            RejectionCode::Score,
            "the claimed outcome list differs from the recomputed one",
        ));
    }
    for (c, a) in claimed.outcomes.iter().zip(&actual.outcomes) {
        if c == a {
            continue;
        }
        let message = if c.outcome != a.outcome {
            format!(
                "outcome \"{}\" is claimed where \"{}\" is",
                c.outcome, a.outcome
            )
        } else if c.score.to_bits() != a.score.to_bits() {
            format!(
                "outcome \"{}\": claimed score {}, recomputed {}",
                a.outcome, c.score, a.score
            )
        } else if c.mastered != a.mastered {
            format!(
                "outcome \"{}\": claimed mastered {}, recomputed {}",
                a.outcome, c.mastered, a.mastered
            )
        } else {
            format!(
                "outcome \"{}\": the claimed mastery details differ from the recomputed ones",
                a.outcome
            )
        };
        reasons.push(Rejection::new(RejectionCode::Score, message));
    }
    if claimed.credential != actual.credential {
        let message = if claimed.credential.awarded != actual.credential.awarded {
            format!(
                "claimed credential awarded {}, recomputed {}",
                claimed.credential.awarded, actual.credential.awarded
            )
        } else {
            "the claimed credential decision (kind, reasons or expiry) differs from the recomputed one"
                .to_string()
        };
        reasons.push(Rejection::new(RejectionCode::Score, message));
    }
    if claimed.ability != actual.ability {
        reasons.push(Rejection::new(
            RejectionCode::Score,
            match (&claimed.ability, &actual.ability) {
                (Some(c), Some(a)) => {
                    format!("claimed ability (EAP) {}, recomputed {}", c.eap, a.eap)
                }
                _ => "the claimed ability estimate differs from the recomputed one".to_string(),
            },
        ));
    }
}
