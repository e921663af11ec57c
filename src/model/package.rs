//! The assessment package (`"format": "certa/1"`): metadata, outcomes, item sets, items,
//! blueprint and policies, plus loading from JSON.

use serde::Serialize;

use super::blueprint::Blueprint;
use super::item::Item;
use super::json;
use super::policy::{AttemptsPolicy, CredentialPolicy, DeliveryPolicy, ScoringPolicy};
use super::validate::{validate, Problem};

/// The only format tag this engine reads.
pub const PACKAGE_FORMAT: &str = "certa/1";

/// A complete assessment package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Package {
    /// Must be `"certa/1"`.
    pub format: String,
    pub id: String,
    pub version: String,
    pub title: String,
    /// BCP 47 language tag of the content (`en`, `fr-CA`).
    pub language: String,
    pub outcomes: Vec<Outcome>,
    /// Shared stimuli and testlets that items refer to through `item.set`.
    pub sets: Vec<ItemSet>,
    pub items: Vec<Item>,
    pub blueprint: Blueprint,
    pub scoring: ScoringPolicy,
    pub credential: CredentialPolicy,
    pub attempts: AttemptsPolicy,
    pub delivery: DeliveryPolicy,
    /// Files the item HTML refers to (images, audio, ...), by their path inside the package's
    /// folder or archive. Importers fill it; an empty list is left out of the JSON, so the
    /// content hash of a package without assets is unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Asset>,
    /// Present on a delivery copy written by `certa publish --secure`: keys, accepted
    /// answers, rubrics and feedback are removed ([`crate::publish`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Publication>,
}

/// Where a key-stripped delivery copy came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Publication {
    /// The content hash of the full package this copy was made from. Records made on the
    /// copy name this hash, so the backend verifies them against the full package.
    pub source_hash: String,
    /// Always true: the copy holds no keys, accepted answers, rubrics or feedback.
    pub keys_stripped: bool,
}

/// A file that item content refers to (`<img src="images/cell.png">`). The host serves it
/// from the same path, relative to the page that delivers the package, or rewrites the path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Asset {
    /// Path relative to the package root (`images/cell.png`), or an absolute URL.
    pub path: String,
    /// IANA media type (`image/png`), guessed from the file name when the source gives none.
    pub media_type: String,
}

/// An intended learning outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub id: String,
    pub statement: String,
    /// CASE (Competencies and Academic Standards Exchange) item URI, when the outcome has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Share of the aligned points needed for mastery, in [0, 1].
    pub mastery: f64,
    /// A certificate demands mastery of every required outcome.
    pub required: bool,
    /// Fewest aligned items on the form for the mastery judgement to count.
    pub min_items: usize,
}

/// The `mastery` of an outcome that gives none.
pub(crate) fn default_mastery() -> f64 {
    0.8
}

/// The `min_items` of an outcome that gives none.
pub(crate) fn default_min_items() -> usize {
    1
}

/// A shared stimulus or testlet. Its items are drawn all-or-none: a form holds either exactly
/// `draw` of them (all of them when `draw` is absent) or none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemSet {
    pub id: String,
    pub title: String,
    /// HTML fragment shown with every item of the set.
    pub stimulus: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draw: Option<usize>,
}

/// Why a package could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The text is not JSON, or not shaped like a package.
    #[error("{path}: {message} (line {line}, column {column})")]
    Parse {
        /// JSON path of the value that failed (`items[3].interaction`), empty for the document.
        path: String,
        message: String,
        line: usize,
        column: usize,
    },
    /// The package parsed, but breaks one or more rules. Every problem is listed.
    #[error("{} problem(s) in the package; first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// The problems as a list (a parse error is one problem).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Parse {
                path,
                message,
                line,
                column,
            } => vec![Problem {
                path: path.clone(),
                message: format!("{message} (line {line}, column {column})"),
            }],
            LoadError::Invalid(problems) => problems.clone(),
        }
    }
}

impl Package {
    /// Parse JSON without checking the package rules. Use [`Package::load`] for delivery.
    pub fn parse(text: &str) -> Result<Package, LoadError> {
        json::read(text).map_err(|e| LoadError::Parse {
            path: e.path,
            message: e.message,
            line: e.line,
            column: e.column,
        })
    }

    /// Parse and validate. Returns every problem at once when the package breaks rules.
    pub fn load(json: &str) -> Result<Package, LoadError> {
        let package = Package::parse(json)?;
        let problems = validate(&package);
        if problems.is_empty() {
            Ok(package)
        } else {
            Err(LoadError::Invalid(problems))
        }
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The outcome with this id.
    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    /// The item set with this id.
    pub fn set(&self, id: &str) -> Option<&ItemSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    /// Domains in first-seen order over `items[]`.
    pub fn domains(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for item in &self.items {
            if !out.contains(&item.domain.as_str()) {
                out.push(&item.domain);
            }
        }
        out
    }

    /// True for a delivery copy without keys: it can be delivered, not scored.
    pub fn keys_stripped(&self) -> bool {
        self.published.as_ref().is_some_and(|p| p.keys_stripped)
    }

    /// True when every item on the bank carries IRT parameters.
    pub fn has_irt(&self) -> bool {
        !self.items.is_empty() && self.items.iter().all(|i| i.irt.is_some())
    }
}
