//! Scoring a whole attempt: every form item against its response, then the roll-up, the
//! decision, the credential and the IRT ability estimate.

use super::decision::{credential, decide};
use super::error::ScoreError;
use super::irt::ability;
use super::item_score::score_item;
use super::result::{AbilityEstimate, AttemptResult, ItemScore, ItemStatus};
use super::rollup::{domain_scores, outcome_mastery, totals, Scored};
use crate::assemble::Form;
use crate::model::json::Value;
use crate::model::{Item, Package};
use crate::sorted_map::SortedMap;
use crate::timestamp::Timestamp;

/// Score an attempt (see [`crate::score::score_attempt`]). Only `form.items[].item_id` is read
/// from the form. Errors: a form item the package does not hold (`UnknownItem`, checked
/// first, in form order), a response to an item not on the form (`NotOnForm`, in response-key
/// order), or a response of the wrong shape (`WrongShape`, in form order).
pub fn score_attempt(
    package: &Package,
    form: &Form,
    responses: &SortedMap<String, Value>,
    submitted_at: Timestamp,
) -> Result<AttemptResult, ScoreError> {
    if package.keys_stripped() {
        return Err(ScoreError::KeysStripped);
    }
    // One pass over the bank, looking each id up among the form's (few) ids, instead of a
    // linear search per form item; no hash map, so the browser module carries no hasher. The
    // first item with an id wins, as in `Package::item`.
    let mut by_id: SortedMap<&str, Option<&Item>> = form
        .items
        .iter()
        .map(|f| (f.item_id.as_str(), None))
        .collect();
    for item in &package.items {
        if let Some(slot @ None) = by_id.get_mut(item.id.as_str()) {
            *slot = Some(item);
        }
    }
    let items: Vec<&Item> = form
        .items
        .iter()
        .map(|f| {
            by_id
                .get(f.item_id.as_str())
                .copied()
                .flatten()
                .ok_or_else(|| ScoreError::UnknownItem {
                    item_id: f.item_id.clone(),
                })
        })
        .collect::<Result<_, _>>()?;
    if let Some(stray) = responses
        .keys()
        .find(|id| !form.items.iter().any(|f| &f.item_id == *id))
    {
        return Err(ScoreError::NotOnForm {
            item_id: stray.clone(),
        });
    }
    let scores: Vec<ItemScore> = items
        .iter()
        .map(|item| score_item(item, responses.get(&item.id), &package.scoring))
        .collect::<Result<_, _>>()?;
    let scored: Vec<Scored> = items.iter().copied().zip(scores.iter()).collect();

    let totals = totals(&scores, &package.scoring.scale);
    let decision = decide(&totals, package.scoring.cut_score);
    let domains = domain_scores(&scored);
    let outcomes = outcome_mastery(&package.outcomes, &scored);
    let credential = credential(
        &package.credential,
        &package.scoring,
        &totals,
        decision,
        &outcomes,
        submitted_at,
    );
    Ok(AttemptResult {
        ability: ability_of(&scored),
        items: scores.clone(),
        raw: totals.raw,
        max_raw: totals.max_raw,
        scaled: totals.scaled,
        decision,
        domains,
        outcomes,
        credential,
        pending_manual: totals.pending_manual,
    })
}

/// IRT ability over the form items with IRT parameters, scored dichotomously: full credit is
/// correct; partial credit and unanswered are incorrect; items pending manual grading are left
/// out. None when no such item has usable parameters.
fn ability_of(scored: &[Scored]) -> Option<AbilityEstimate> {
    let (params, correct): (Vec<_>, Vec<_>) = scored
        .iter()
        .filter(|(_, s)| s.status != ItemStatus::PendingManual)
        .filter_map(|(item, s)| item.irt.map(|p| (p, s.status == ItemStatus::Correct)))
        .unzip();
    ability(&params, &correct)
}
