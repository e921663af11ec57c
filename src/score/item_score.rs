//! One item, one response: the points earned, the status (correct, partial, incorrect,
//! unanswered, pending manual grading) and negative marking.

use super::choice::{score_multiple, score_single, score_true_false};
use super::cloze::score_cloze;
use super::error::ScoreError;
use super::matching::score_matching;
use super::numeric::score_numeric;
use super::ordering::score_ordering;
use super::response::{parse_response, Response};
use super::result::{ItemScore, ItemStatus};
use super::text::best_answer_points;
use crate::model::json::Value;
use crate::model::{Interaction, Item, ScoringPolicy};

/// Relative slack for judging full and zero credit, so that shares like 1/3 + 1/3 + 1/3 of a
/// point count as full credit.
const FULL_CREDIT_SLACK: f64 = 1e-9;

/// The item's maximum points; a non-finite or negative value (an unvalidated package) is 0.
pub fn max_points(item: &Item) -> f64 {
    if item.points.is_finite() && item.points > 0.0 {
        item.points
    } else {
        0.0
    }
}

/// Score one item (see [`crate::score::score_item`]).
pub fn score_item(
    item: &Item,
    response: Option<&Value>,
    scoring: &ScoringPolicy,
) -> Result<ItemScore, ScoreError> {
    let full = max_points(item);
    let parsed = match response {
        Some(value) => parse_response(item, value)?,
        None => None,
    };
    let score = |status: ItemStatus, points: f64| ItemScore {
        item_id: item.id.clone(),
        status,
        points,
        max_points: full,
    };
    let Some(parsed) = parsed else {
        return Ok(score(ItemStatus::Unanswered, 0.0));
    };
    let earned = match (&item.interaction, parsed) {
        (Interaction::ExtendedText { .. }, Response::ExtendedText(_)) => {
            return Ok(score(ItemStatus::PendingManual, 0.0));
        }
        (Interaction::SingleChoice { key, .. }, Response::SingleChoice(chosen)) => {
            score_single(key, chosen, full)
        }
        (
            Interaction::MultipleResponse {
                choices,
                keys,
                rule,
                ..
            },
            Response::MultipleResponse(selected),
        ) => score_multiple(choices, keys, *rule, &selected, full),
        (Interaction::TrueFalse { key }, Response::TrueFalse(given)) => {
            score_true_false(*key, given, full)
        }
        (
            Interaction::TextEntry {
                answers,
                case_sensitive,
                ..
            },
            Response::TextEntry(text),
        ) => best_answer_points(text, answers, *case_sensitive, full),
        (Interaction::Numeric { key, .. }, Response::Numeric(x)) => score_numeric(key, x, full),
        (Interaction::Ordering { key, rule, .. }, Response::Ordering(order)) => {
            score_ordering(key, *rule, &order, full)
        }
        (Interaction::Matching { key, rule, .. }, Response::Matching(pairs)) => {
            score_matching(key, *rule, &pairs, full)
        }
        (Interaction::Cloze { gaps, .. }, Response::Cloze(answers)) => {
            score_cloze(gaps, &answers, full)
        }
        // The parser types responses by the item's interaction, so this cannot happen; if it
        // ever does, it is reported, never scored as zero.
        _ => {
            let kind = item.interaction.kind();
            return Err(ScoreError::WrongShape {
                item_id: item.id.clone(),
                kind,
                expected: kind.expected_response(),
                problem: "the response does not fit this interaction".to_string(),
            });
        }
    };
    let slack = FULL_CREDIT_SLACK * full.max(1.0);
    let (status, points) = if earned >= full - slack {
        (ItemStatus::Correct, full)
    } else if earned <= slack {
        (ItemStatus::Incorrect, 0.0)
    } else {
        (ItemStatus::Partial, earned)
    };
    let points = if status == ItemStatus::Incorrect {
        0.0 - penalty(item, scoring, full) // `0.0 -` keeps a zero penalty at +0.0
    } else {
        points
    };
    Ok(score(status, points))
}

/// Points lost by a wrong answer under negative marking: `penalty × points` for selected-
/// response items (single choice, multiple response, true/false), 0 otherwise or when marking
/// is off. The penalty is kept within [0, 1].
fn penalty(item: &Item, scoring: &ScoringPolicy, full: f64) -> f64 {
    let marking = &scoring.negative_marking;
    let selected_response = matches!(
        item.interaction,
        Interaction::SingleChoice { .. }
            | Interaction::MultipleResponse { .. }
            | Interaction::TrueFalse { .. }
    );
    if marking.enabled && selected_response && marking.penalty.is_finite() {
        marking.penalty.clamp(0.0, 1.0) * full
    } else {
        0.0
    }
}
