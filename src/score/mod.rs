//! Response processing and roll-up: each interaction kind scored with partial credit, then
//! raw and scaled totals, domain subscores, outcome mastery, pass/fail, the credential
//! decision, and IRT ability.

pub mod error;
pub mod result;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::assemble::Form;
use crate::model::{Item, Package, Rounding, ScoringPolicy};
use crate::timestamp::Timestamp;

pub use error::ScoreError;
pub use result::{
    AbilityEstimate, AttemptResult, CredentialDecision, Decision, DomainScore, ItemScore,
    ItemStatus, OutcomeMastery,
};

/// Check that a response has the right shape for the item (and names real choices), without
/// scoring it. Sessions call this on every answer so a bad response is refused at once.
pub fn check_response(item: &Item, response: &Value) -> Result<(), ScoreError> {
    let _ = (item, response);
    unimplemented!("score helper")
}

/// Score one item. `None` (or JSON null) is unanswered. Negative marking is applied here.
pub fn score_item(
    item: &Item,
    response: Option<&Value>,
    scoring: &ScoringPolicy,
) -> Result<ItemScore, ScoreError> {
    let _ = (item, response, scoring);
    unimplemented!("score helper")
}

/// Score a whole attempt on a form and roll it up.
pub fn score_attempt(
    package: &Package,
    form: &Form,
    responses: &BTreeMap<String, Value>,
    submitted_at: Timestamp,
) -> Result<AttemptResult, ScoreError> {
    let _ = (package, form, responses, submitted_at);
    unimplemented!("score helper")
}

/// Round a reported figure by the package's one rounding rule.
pub fn round(value: f64, rounding: &Rounding) -> f64 {
    let _ = (value, rounding);
    unimplemented!("score helper")
}
