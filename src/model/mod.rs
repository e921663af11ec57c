//! The package format (`"format": "certa/1"`): items and interactions, outcomes, item sets,
//! the blueprint, scoring/credential/attempt/delivery policies, and validation with JSON paths.
//!
//! Everything here is plain data. It is written with serde (`Serialize`) and read by hand
//! ([`json::FromJson`], impls in `from_json`, which hold the defaults and refuse unknown and
//! repeated fields). Loading goes through [`Package::load`], which parses with [`json`]
//! (reporting the JSON path of a parse error) and then validates (reporting every problem at
//! once).

pub mod blueprint;
pub mod cloze;
mod from_json;
pub mod item;
pub mod json;
pub mod keys;
pub mod package;
pub mod policy;
pub(crate) mod tagged;
mod to_json;
pub mod validate;

pub use blueprint::{
    Blueprint, DifficultyTarget, ExposureControl, InformationPoint, Quota, Section, SectionOrder,
};
pub use cloze::cloze_markers;
pub use item::{
    AcceptedAnswer, Choice, Difficulty, Feedback, Gap, Interaction, InteractionKind, IrtParameters,
    Item, MatchingRule, MultipleResponseRule, NumericKey, OrderingRule, OutcomeAlignment,
};
pub use package::{Asset, ItemSet, LoadError, Outcome, Package, Publication, PACKAGE_FORMAT};
pub use policy::{
    AttemptGrading, AttemptsPolicy, CredentialPolicy, DeliveryPolicy, Navigation, NegativeMarking,
    Rounding, RoundingMode, ScoreScale, ScoringPolicy,
};
pub use validate::{validate, Problem};
