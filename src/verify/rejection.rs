//! One reason a record was refused: a category the service can act on, and a sentence a
//! person can act on.

use serde::{Deserialize, Serialize};

/// What kind of check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectionCode {
    /// Not a `certa-record/1` document.
    Format,
    /// Another package, another version, or a key-stripped copy given to the verifier.
    Package,
    /// The package content hash differs.
    PackageHash,
    /// The form differs from the one the seed gives.
    Form,
    /// A response is to an item not on the form, or has the wrong shape.
    Response,
    /// Times that cannot be: answers after submission, a duration that does not add up,
    /// submission after the time limit.
    Timing,
    /// Attempt facts: empty ids, too many attempts, the wrong mode for the package.
    Attempt,
    /// A claimed score, status or decision differs from the recomputed one.
    Score,
}

/// One failed check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub code: RejectionCode,
    /// e.g. "form differs at position 7: the record has a11y-03, the seed gives a11y-12".
    pub message: String,
}

impl Rejection {
    pub fn new(code: RejectionCode, message: impl Into<String>) -> Rejection {
        Rejection {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
