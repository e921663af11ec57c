//! Response processing and roll-up: each interaction kind scored with partial credit, then
//! raw and scaled totals, domain subscores, outcome mastery, pass/fail, the credential
//! decision, and IRT ability.
//!
//! - [`response`]: a response JSON checked against its item and typed; [`canonical`]: the one
//!   JSON spelling of its numbers that sessions store;
//! - [`choice`], [`text`], [`numeric`], [`ordering`], [`matching`], [`cloze`]: points per
//!   interaction family; [`item_score`]: status and negative marking;
//! - [`unicode`]: NFC and lower-casing for typed answers (on wasm32, the host's); [`nfc`]: the
//!   engine's own NFC;
//! - [`rollup`]: totals, domains, outcomes; [`decision`]: pass/fail and the credential;
//! - [`irt`]: EAP and MLE ability; [`rounding`]: the one rounding rule for reported figures.

pub mod attempt;
pub mod canonical;
pub mod choice;
pub mod cloze;
pub mod decision;
pub mod error;
pub mod irt;
pub mod item_score;
pub mod matching;
pub mod nfc;
pub mod numeric;
pub mod ordering;
pub mod response;
pub mod result;
pub mod rollup;
pub mod rounding;
pub mod text;
mod to_json;
pub mod unicode;

use crate::assemble::Form;
use crate::model::json::Value;
use crate::model::{Item, Package, Rounding, ScoringPolicy};
use crate::sorted_map::SortedMap;
use crate::timestamp::Timestamp;

pub use canonical::canonical_response;
pub use error::ScoreError;
pub use result::{
    AbilityEstimate, AttemptResult, CredentialDecision, Decision, DomainScore, ItemScore,
    ItemStatus, OutcomeMastery,
};

/// Check that a response has the right shape for the item (and names real choices), without
/// scoring it. Sessions call this on every answer so a bad response is refused at once.
/// JSON null (clearing an answer) is accepted.
///
/// The rules per kind: a single choice is a choice id; a multiple response is an array of
/// distinct choice ids, no more than `max_choices`; true/false is a boolean; text entry and
/// extended text are strings within `max_length` (NFC characters); numeric is a finite JSON
/// number; ordering is every step id exactly once; matching is an array of distinct
/// `[source, target]` pairs of real ids, each source taking at most as many targets as the key
/// gives it (one, for one-to-one items); cloze is an object whose keys are gap ids and whose
/// values are strings (a choice id for an inline-choice gap) or null.
pub fn check_response(item: &Item, response: &Value) -> Result<(), ScoreError> {
    response::parse_response(item, response).map(|_| ())
}

/// Score one item. `None` (or JSON null) is unanswered. Negative marking is applied here.
///
/// A response of the wrong shape is [`ScoreError::WrongShape`], never a silent zero.
pub fn score_item(
    item: &Item,
    response: Option<&Value>,
    scoring: &ScoringPolicy,
) -> Result<ItemScore, ScoreError> {
    item_score::score_item(item, response, scoring)
}

/// Score a whole attempt on a form and roll it up. Only `form.items[].item_id` is read.
pub fn score_attempt(
    package: &Package,
    form: &Form,
    responses: &SortedMap<String, Value>,
    submitted_at: Timestamp,
) -> Result<AttemptResult, ScoreError> {
    attempt::score_attempt(package, form, responses, submitted_at)
}

/// Round a reported figure by the package's one rounding rule (see [`rounding`]).
pub fn round(value: f64, rounding: &Rounding) -> f64 {
    rounding::round(value, rounding)
}
