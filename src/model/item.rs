//! Items and their interactions: what a question shows, how it is keyed, and how it is scored.
//!
//! This module only describes items. Response processing lives in `score/`, and the checks
//! that make a package trustworthy (unique ids, keys that name real choices) live in
//! `model::validate`.

use serde::Serialize;

use super::tagged::internally_tagged;

/// One question in the bank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Unique within the package.
    pub id: String,
    /// The question text, as an HTML fragment. The player sanitizes it before display.
    pub stem: String,
    /// Maximum points for a fully correct response. Must be > 0.
    pub points: f64,
    /// Blueprint domain (content area) the item belongs to.
    pub domain: String,
    /// Learning outcomes this item gives evidence of, with relative weights.
    pub outcomes: Vec<OutcomeAlignment>,
    /// Classical p-value or IRT b, used by difficulty targets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    /// IRT parameters (2PL when `c` is absent, 3PL otherwise), logistic metric (D = 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub irt: Option<IrtParameters>,
    /// Items sharing an enemy group never appear on the same form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enemy_group: Option<String>,
    /// Id of the item set (shared stimulus or testlet) this item belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    /// Feedback shown after scoring in practice mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Feedback>,
    /// The interaction: what the learner does and how it is keyed.
    pub interaction: Interaction,
}

/// The `points` of an item and the `weight` of an alignment that give none.
pub(crate) fn one() -> f64 {
    1.0
}

/// A weighted link from an item to a learning outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeAlignment {
    /// Id of an outcome in `outcomes[]`.
    pub outcome: String,
    /// Relative share of the item's points that counts towards this outcome. Must be > 0.
    pub weight: f64,
}

/// Item difficulty: a classical p-value (share answering correctly, 0..1) or an IRT b.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    /// Classical difficulty: proportion correct, in (0, 1).
    P(f64),
    /// IRT location on the ability scale.
    B(f64),
}

/// IRT item parameters on the logistic metric (D = 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IrtParameters {
    /// Discrimination, > 0.
    pub a: f64,
    /// Location (difficulty).
    pub b: f64,
    /// Lower asymptote (guessing), in [0, 1). Absent for 2PL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
}

/// Item-level feedback. Choice-level feedback sits on the choices.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Feedback {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incorrect: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
}

/// An option the learner can pick (choice, ordering step, matching source or target).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// Unique within its list.
    pub id: String,
    /// HTML fragment.
    pub content: String,
    /// A pinned choice keeps its position when choices are shuffled ("None of the above").
    #[serde(skip_serializing_if = "is_false")]
    pub pinned: bool,
    /// Feedback shown when this choice is selected (practice mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The `shuffle` of an interaction or gap that gives none.
pub(crate) fn yes() -> bool {
    true
}

/// Partial-credit rule for multiple response items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MultipleResponseRule {
    /// Full points only when exactly the keyed choices are selected.
    #[default]
    AllOrNothing,
    /// Each choice is a true/false judgement: points × (choices judged right / all choices).
    PerOption,
    /// points × (keys selected − non-keys selected) / keys, floored at 0.
    RightMinusWrong,
}

/// Scoring rule for ordering items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderingRule {
    /// Full points only for the exact order.
    #[default]
    Exact,
    /// points × (adjacent pairs in the keyed relative order / (n − 1)).
    AdjacentPairs,
}

/// Scoring rule for matching items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchingRule {
    /// Each correct pair earns points / keyed pairs; wrong pairs earn nothing.
    #[default]
    PerPair,
    /// Full points only when the set of pairs equals the key.
    AllOrNothing,
}

/// One accepted answer for a text entry (or a text gap in a cloze).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcceptedAnswer {
    pub value: String,
    /// Points for this answer. Defaults to the full points of the item (or gap).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
}

/// How a numeric response is keyed: a value with an optional tolerance, or a closed range.
///
/// Exactly one of `value` or (`min`, `max`) is given. At most one tolerance is given.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct NumericKey {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Accept |response − value| ≤ absolute_tolerance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absolute_tolerance: Option<f64>,
    /// Accept |response − value| ≤ relative_tolerance × |value|.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_tolerance: Option<f64>,
    /// Lower bound of an accepted range (inclusive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound of an accepted range (inclusive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// One gap in a cloze item. Its marker `{{id}}` appears exactly once in the cloze `text`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum Gap {
    /// A free-text gap.
    Text {
        id: String,
        answers: Vec<AcceptedAnswer>,
        case_sensitive: bool,
        /// Points for this gap. Gaps without points share what the others leave equally.
        #[serde(skip_serializing_if = "Option::is_none")]
        points: Option<f64>,
    },
    /// An inline choice (drop-down) gap.
    Choice {
        id: String,
        choices: Vec<Choice>,
        key: String,
        shuffle: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        points: Option<f64>,
    },
}

internally_tagged!(Gap, "kind");
internally_tagged!(Interaction, "type");

impl Gap {
    /// The gap's id, whatever its kind.
    pub fn id(&self) -> &str {
        match self {
            Gap::Text { id, .. } | Gap::Choice { id, .. } => id,
        }
    }

    /// Points given explicitly to this gap, if any.
    pub fn explicit_points(&self) -> Option<f64> {
        match self {
            Gap::Text { points, .. } | Gap::Choice { points, .. } => *points,
        }
    }
}

/// What the learner does, with its key and scoring rule. Tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum Interaction {
    /// Pick one choice. Response: the choice id (`"b"`).
    SingleChoice {
        choices: Vec<Choice>,
        key: String,
        shuffle: bool,
    },
    /// Pick several choices. Response: the choice ids (`["a", "c"]`).
    MultipleResponse {
        choices: Vec<Choice>,
        keys: Vec<String>,
        rule: MultipleResponseRule,
        shuffle: bool,
        /// Most choices the learner may select (player hint and validation of responses).
        #[serde(skip_serializing_if = "Option::is_none")]
        max_choices: Option<usize>,
    },
    /// Judge a statement. Response: `true` or `false`.
    TrueFalse { key: bool },
    /// Type a short answer. Response: a string.
    TextEntry {
        answers: Vec<AcceptedAnswer>,
        /// Case is ignored unless this is set. Whitespace is always collapsed and trimmed, and
        /// both sides are NFC-normalized.
        case_sensitive: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_length: Option<usize>,
    },
    /// Type a number. Response: a JSON number.
    Numeric {
        key: NumericKey,
        /// Unit label shown next to the input (e.g. "ms").
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// Put steps in order. Response: all step ids in the learner's order.
    Ordering {
        choices: Vec<Choice>,
        /// The step ids in the correct order.
        key: Vec<String>,
        rule: OrderingRule,
    },
    /// Associate sources with targets. Response: `[["source", "target"], ...]`.
    Matching {
        sources: Vec<Choice>,
        targets: Vec<Choice>,
        /// Correct `[source, target]` pairs.
        key: Vec<(String, String)>,
        rule: MatchingRule,
        shuffle: bool,
    },
    /// Fill gaps inline. `text` is an HTML fragment with `{{gap_id}}` markers.
    /// Response: `{"gap_id": "answer or choice id", ...}`.
    Cloze { text: String, gaps: Vec<Gap> },
    /// Write an essay. Not auto-scored: the record marks it pending manual grading.
    ExtendedText {
        #[serde(skip_serializing_if = "Option::is_none")]
        max_length: Option<usize>,
        /// Guidance for the human grader. Never sent to the learner in secure mode.
        #[serde(skip_serializing_if = "Option::is_none")]
        rubric: Option<String>,
    },
}

/// The interaction kinds, for reports and response-shape errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    SingleChoice,
    MultipleResponse,
    TrueFalse,
    TextEntry,
    Numeric,
    Ordering,
    Matching,
    Cloze,
    ExtendedText,
}

impl InteractionKind {
    /// The name used in JSON (`single_choice`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            InteractionKind::SingleChoice => "single_choice",
            InteractionKind::MultipleResponse => "multiple_response",
            InteractionKind::TrueFalse => "true_false",
            InteractionKind::TextEntry => "text_entry",
            InteractionKind::Numeric => "numeric",
            InteractionKind::Ordering => "ordering",
            InteractionKind::Matching => "matching",
            InteractionKind::Cloze => "cloze",
            InteractionKind::ExtendedText => "extended_text",
        }
    }

    /// A plain description of the response JSON this kind expects.
    pub fn expected_response(self) -> &'static str {
        match self {
            InteractionKind::SingleChoice => "a choice id string",
            InteractionKind::MultipleResponse => "an array of choice id strings",
            InteractionKind::TrueFalse => "true or false",
            InteractionKind::TextEntry => "a string",
            InteractionKind::Numeric => "a number",
            InteractionKind::Ordering => "an array of every step id, in order",
            InteractionKind::Matching => "an array of [source id, target id] pairs",
            InteractionKind::Cloze => "an object mapping gap ids to strings",
            InteractionKind::ExtendedText => "a string",
        }
    }
}

impl std::fmt::Display for InteractionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Interaction {
    /// Which kind of interaction this is.
    pub fn kind(&self) -> InteractionKind {
        match self {
            Interaction::SingleChoice { .. } => InteractionKind::SingleChoice,
            Interaction::MultipleResponse { .. } => InteractionKind::MultipleResponse,
            Interaction::TrueFalse { .. } => InteractionKind::TrueFalse,
            Interaction::TextEntry { .. } => InteractionKind::TextEntry,
            Interaction::Numeric { .. } => InteractionKind::Numeric,
            Interaction::Ordering { .. } => InteractionKind::Ordering,
            Interaction::Matching { .. } => InteractionKind::Matching,
            Interaction::Cloze { .. } => InteractionKind::Cloze,
            Interaction::ExtendedText { .. } => InteractionKind::ExtendedText,
        }
    }

    /// True when the response can be scored automatically.
    pub fn is_auto_scored(&self) -> bool {
        !matches!(self, Interaction::ExtendedText { .. })
    }

    /// The choice list that a form shuffles for this item, if it has one and shuffling is on.
    /// Ordering items always shuffle their steps (the order is the question).
    pub fn shuffled_choices(&self) -> Option<&[Choice]> {
        match self {
            Interaction::SingleChoice {
                choices,
                shuffle: true,
                ..
            }
            | Interaction::MultipleResponse {
                choices,
                shuffle: true,
                ..
            } => Some(choices),
            Interaction::Ordering { choices, .. } => Some(choices),
            Interaction::Matching {
                sources,
                shuffle: true,
                ..
            } => Some(sources),
            _ => None,
        }
    }
}

impl Item {
    /// Id of the outcome this item counts towards for blueprint quotas: the alignment with the
    /// largest weight (the first one on ties).
    pub fn primary_outcome(&self) -> Option<&str> {
        let mut best: Option<&OutcomeAlignment> = None;
        for a in &self.outcomes {
            if best.is_none_or(|b| a.weight > b.weight) {
                best = Some(a);
            }
        }
        best.map(|a| a.outcome.as_str())
    }
}
