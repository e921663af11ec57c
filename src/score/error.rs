//! Errors from scoring: a response of the wrong shape, or a response to an item not on the form.

use crate::model::InteractionKind;

/// Why a response could not be scored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    /// The response JSON does not fit the item's interaction.
    #[error("item \"{item_id}\" ({kind}): the response must be {expected}; {problem}")]
    WrongShape {
        item_id: String,
        kind: InteractionKind,
        expected: &'static str,
        /// What is wrong with the value given, e.g. `found a number` or `"z" names no choice`.
        problem: String,
    },
    /// A response names an item that is not on this form.
    #[error("item \"{item_id}\" is not on this form")]
    NotOnForm { item_id: String },
    /// The form names an item the package does not hold.
    #[error("the form names item \"{item_id}\", which the package does not hold")]
    UnknownItem { item_id: String },
    /// A key-stripped delivery copy (`certa publish --secure`) cannot score anything.
    #[error("this is a key-stripped delivery copy of the package: score against the full package")]
    KeysStripped,
}
