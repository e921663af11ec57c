//! What the learner's browser is shown: the delivered form (items in form order, choices in
//! the form's order, with no keys, accepted answers, rubrics or feedback), the session state
//! the player renders its palette from, the package summary, and per-item feedback after a
//! practice attempt.
//!
//! These documents are built here, in the core, so native tests cover them; `src/wasm/` only
//! serializes them. Field names are snake_case, exactly as serialized.

mod to_json;

use serde::Serialize;

use crate::assemble::FormItem;
use crate::model::cloze::{cloze_pieces, ClozePiece};
use crate::model::json::Value;
use crate::model::{Choice, Gap, Interaction, Item, Navigation, Package};
use crate::score::{AttemptResult, ItemStatus};
use crate::session::{Mode, Session, SessionSnapshot};
use crate::sorted_map::SortedMap;
use crate::timestamp::Timestamp;

/// A package at a glance (`Package.info()` in JS).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    pub language: String,
    /// Items in the bank.
    pub items: usize,
    /// Learning outcomes declared.
    pub outcomes: usize,
    /// Domains in first-seen order.
    pub domains: Vec<String>,
    /// Items on every form.
    pub form_length: usize,
    /// `null` when untimed.
    pub time_limit_seconds: Option<u64>,
    pub navigation: Navigation,
    pub secure: bool,
}

/// The summary of a package.
pub fn package_info(package: &Package) -> PackageInfo {
    PackageInfo {
        id: package.id.clone(),
        version: package.version.clone(),
        title: package.title.clone(),
        language: package.language.clone(),
        items: package.items.len(),
        outcomes: package.outcomes.len(),
        domains: package.domains().into_iter().map(String::from).collect(),
        form_length: package.blueprint.length,
        time_limit_seconds: package.delivery.time_limit_seconds,
        navigation: package.delivery.navigation,
        secure: package.delivery.secure,
    }
}

/// The form as the player shows it. Holds no key, accepted answer, rubric or feedback.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveredForm {
    pub attempt_id: String,
    /// Decimal string (JS numbers lose precision above 2^53).
    pub seed: String,
    pub package_id: String,
    pub package_version: String,
    pub title: String,
    pub language: String,
    pub mode: Mode,
    pub navigation: Navigation,
    pub time_limit_seconds: Option<u64>,
    pub sections: Vec<DeliveredSection>,
    pub items: Vec<DeliveredItem>,
}

/// A section of the form: items `start..end`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveredSection {
    pub id: String,
    pub title: String,
    pub start: usize,
    pub end: usize,
}

/// One question on the form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveredItem {
    pub id: String,
    /// 0-based position on the form.
    pub index: usize,
    /// Id of the section holding the item (empty if the form has no section covering it).
    pub section: String,
    pub points: f64,
    pub domain: String,
    /// HTML fragment; the player sanitizes it.
    pub stem: String,
    /// The shared stimulus, for items of a set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set: Option<DeliveredSet>,
    pub interaction: DeliveredInteraction,
}

/// The shared stimulus of an item set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveredSet {
    pub id: String,
    pub title: String,
    pub stimulus: String,
}

/// A choice as shown: id and HTML content only (no `pinned`, no `feedback`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveredChoice {
    pub id: String,
    pub content: String,
}

/// What the learner does, without the key. Tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DeliveredInteraction {
    SingleChoice {
        choices: Vec<DeliveredChoice>,
    },
    MultipleResponse {
        choices: Vec<DeliveredChoice>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_choices: Option<usize>,
    },
    TrueFalse,
    TextEntry {
        #[serde(skip_serializing_if = "Option::is_none")]
        max_length: Option<usize>,
    },
    Numeric {
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// `steps` in their initial (form) order.
    Ordering {
        steps: Vec<DeliveredChoice>,
    },
    Matching {
        sources: Vec<DeliveredChoice>,
        targets: Vec<DeliveredChoice>,
        /// How many targets one source may take (1 for one-to-one items).
        max_targets_per_source: usize,
    },
    Cloze {
        segments: Vec<ClozeSegment>,
        gaps: Vec<DeliveredGap>,
    },
    ExtendedText {
        #[serde(skip_serializing_if = "Option::is_none")]
        max_length: Option<usize>,
    },
}

/// A piece of cloze text: an HTML run or a gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ClozeSegment {
    Html { html: String },
    Gap { gap: String },
}

/// A cloze gap as shown. Tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeliveredGap {
    Text {
        id: String,
    },
    /// Choices in the form's order.
    Choice {
        id: String,
        choices: Vec<DeliveredChoice>,
    },
}

/// Build the delivered form of an attempt from its package and state.
pub fn delivered_form(package: &Package, state: &SessionSnapshot) -> DeliveredForm {
    let form = &state.form;
    let sections = form
        .sections
        .iter()
        .map(|s| DeliveredSection {
            id: s.id.clone(),
            title: s.title.clone(),
            start: s.start,
            end: s.end,
        })
        .collect();
    let items = form
        .items
        .iter()
        .enumerate()
        .filter_map(|(index, form_item)| {
            let item = package.item(&form_item.item_id)?;
            let section = form
                .sections
                .iter()
                .find(|s| s.start <= index && index < s.end)
                .map(|s| s.id.clone())
                .unwrap_or_default();
            Some(DeliveredItem {
                id: item.id.clone(),
                index,
                section,
                points: item.points,
                domain: item.domain.clone(),
                stem: item.stem.clone(),
                set: item
                    .set
                    .as_deref()
                    .and_then(|id| package.set(id))
                    .map(|s| DeliveredSet {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        stimulus: s.stimulus.clone(),
                    }),
                interaction: delivered_interaction(item, form_item),
            })
        })
        .collect();
    DeliveredForm {
        attempt_id: state.attempt_id.clone(),
        seed: form.seed.to_string(),
        package_id: package.id.clone(),
        package_version: package.version.clone(),
        title: package.title.clone(),
        language: package.language.clone(),
        mode: state.mode,
        navigation: package.delivery.navigation,
        time_limit_seconds: package.delivery.time_limit_seconds,
        sections,
        items,
    }
}

fn delivered_interaction(item: &Item, form_item: &FormItem) -> DeliveredInteraction {
    match &item.interaction {
        Interaction::SingleChoice { choices, .. } => DeliveredInteraction::SingleChoice {
            choices: in_order(choices, &form_item.choice_order),
        },
        Interaction::MultipleResponse {
            choices,
            max_choices,
            ..
        } => DeliveredInteraction::MultipleResponse {
            choices: in_order(choices, &form_item.choice_order),
            max_choices: *max_choices,
        },
        Interaction::TrueFalse { .. } => DeliveredInteraction::TrueFalse,
        Interaction::TextEntry { max_length, .. } => DeliveredInteraction::TextEntry {
            max_length: *max_length,
        },
        Interaction::Numeric { unit, .. } => DeliveredInteraction::Numeric { unit: unit.clone() },
        Interaction::Ordering { choices, .. } => DeliveredInteraction::Ordering {
            steps: in_order(choices, &form_item.choice_order),
        },
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => DeliveredInteraction::Matching {
            sources: in_order(sources, &form_item.choice_order),
            targets: in_order(targets, &form_item.target_order),
            max_targets_per_source: crate::score::response::targets_per_source(key),
        },
        Interaction::Cloze { text, gaps } => DeliveredInteraction::Cloze {
            segments: cloze_segments(text),
            gaps: gaps
                .iter()
                .map(|gap| match gap {
                    Gap::Text { id, .. } => DeliveredGap::Text { id: id.clone() },
                    Gap::Choice { id, choices, .. } => DeliveredGap::Choice {
                        id: id.clone(),
                        choices: in_order(
                            choices,
                            form_item.gap_orders.get(id).map_or(&[][..], Vec::as_slice),
                        ),
                    },
                })
                .collect(),
        },
        Interaction::ExtendedText { max_length, .. } => DeliveredInteraction::ExtendedText {
            max_length: *max_length,
        },
    }
}

/// Choices in `order` (ids). An empty order means the package's own order. Ids that name no
/// choice are skipped, and choices the order leaves out follow in package order, so a choice
/// is never lost.
fn in_order(choices: &[Choice], order: &[String]) -> Vec<DeliveredChoice> {
    let shown = |c: &Choice| DeliveredChoice {
        id: c.id.clone(),
        content: c.content.clone(),
    };
    let mut out: Vec<DeliveredChoice> = order
        .iter()
        .filter_map(|id| choices.iter().find(|c| &c.id == id))
        .map(shown)
        .collect();
    for c in choices {
        if !out.iter().any(|d| d.id == c.id) {
            out.push(shown(c));
        }
    }
    out
}

/// Split cloze text on its `{{gap_id}}` markers ([`crate::model::cloze`], the same scanner
/// validation reads them with). Empty HTML runs are left out.
pub fn cloze_segments(text: &str) -> Vec<ClozeSegment> {
    cloze_pieces(text)
        .into_iter()
        .filter_map(|piece| match piece {
            ClozePiece::Html("") => None,
            ClozePiece::Html(html) => Some(ClozeSegment::Html { html: html.into() }),
            ClozePiece::Gap(gap) => Some(ClozeSegment::Gap { gap: gap.into() }),
        })
        .collect()
}

/// The state the player renders its palette and progress from (`session.state()` in JS).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionState {
    /// Index of the question on screen.
    pub current: usize,
    pub total: usize,
    /// Item ids in form order.
    pub answered: Vec<String>,
    pub flagged: Vec<String>,
    pub unanswered: Vec<String>,
    /// Response values by item id.
    pub responses: SortedMap<String, Value>,
    pub submitted: bool,
    pub started_at: Timestamp,
    pub deadline: Option<Timestamp>,
}

/// The player's view of an attempt's state.
pub fn session_state(session: &Session) -> SessionState {
    let state = session.state();
    let ids = state.form.items.iter().map(|f| &f.item_id);
    SessionState {
        current: state.current,
        total: state.form.items.len(),
        answered: ids
            .clone()
            .filter(|id| state.responses.contains_key(*id))
            .cloned()
            .collect(),
        flagged: ids
            .clone()
            .filter(|id| state.flagged.contains(*id))
            .cloned()
            .collect(),
        unanswered: ids
            .filter(|id| !state.responses.contains_key(*id))
            .cloned()
            .collect(),
        responses: session.responses(),
        submitted: session.is_submitted(),
        started_at: state.started_at,
        deadline: state.deadline,
    }
}

/// Feedback on one item after a practice attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemFeedback {
    pub item_id: String,
    pub status: ItemStatus,
    pub points: f64,
    pub max_points: f64,
    /// HTML: the item's feedback for its status, then the feedback of each chosen choice.
    /// `null` when there is none.
    pub feedback: Option<String>,
}

/// Per-item feedback, in form order: the item-level feedback for the status (an unanswered
/// item gets the `incorrect` feedback, which usually explains the answer; an item pending
/// manual grading gets none), followed by the feedback of the choices the learner picked
/// (single choice, multiple response, and inline-choice cloze gaps).
pub fn item_feedback(
    package: &Package,
    state: &SessionSnapshot,
    result: &AttemptResult,
) -> Vec<ItemFeedback> {
    result
        .items
        .iter()
        .map(|score| {
            let item = package.item(&score.item_id);
            let response = state.responses.get(&score.item_id).map(|r| &r.value);
            let mut parts: Vec<&str> = Vec::new();
            if let Some(item) = item {
                if let Some(f) = &item.feedback {
                    let by_status = match score.status {
                        ItemStatus::Correct => f.correct.as_deref(),
                        ItemStatus::Partial => f.partial.as_deref().or(f.incorrect.as_deref()),
                        ItemStatus::Incorrect | ItemStatus::Unanswered => f.incorrect.as_deref(),
                        ItemStatus::PendingManual => None,
                    };
                    parts.extend(by_status);
                }
                if let Some(response) = response {
                    parts.extend(chosen_feedback(&item.interaction, response));
                }
            }
            ItemFeedback {
                item_id: score.item_id.clone(),
                status: score.status,
                points: score.points,
                max_points: score.max_points,
                feedback: (!parts.is_empty()).then(|| parts.join("\n")),
            }
        })
        .collect()
}

/// Feedback texts of the choices a response picked.
fn chosen_feedback<'p>(interaction: &'p Interaction, response: &Value) -> Vec<&'p str> {
    let of = |choices: &'p [Choice], id: &str| -> Option<&'p str> {
        choices
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.feedback.as_deref())
    };
    match interaction {
        Interaction::SingleChoice { choices, .. } => response
            .as_str()
            .and_then(|id| of(choices, id))
            .into_iter()
            .collect(),
        Interaction::MultipleResponse { choices, .. } => {
            let picked: Vec<&str> = response
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            // In the package's choice order, so the text does not depend on click order.
            choices
                .iter()
                .filter(|c| picked.contains(&c.id.as_str()))
                .filter_map(|c| c.feedback.as_deref())
                .collect()
        }
        Interaction::Cloze { gaps, .. } => gaps
            .iter()
            .filter_map(|gap| match gap {
                Gap::Choice { id, choices, .. } => response
                    .get(id)
                    .and_then(Value::as_str)
                    .and_then(|picked| of(choices, picked)),
                Gap::Text { .. } => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
