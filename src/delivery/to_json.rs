//! The documents the player is shown, written as JSON by hand ([`ToJson`]): package info,
//! delivered form, session state and item feedback. Each impl mirrors the type's serde
//! declaration; the interactions and gaps here are tagged by serde's own `tag = "..."`, so
//! their tag comes first and the fields follow in declaration order.

use crate::model::json::{ToJson, Writer};

use super::{
    ClozeSegment, DeliveredChoice, DeliveredForm, DeliveredGap, DeliveredInteraction,
    DeliveredItem, DeliveredSection, DeliveredSet, ItemFeedback, PackageInfo, SessionState,
};

impl ToJson for PackageInfo {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("version", &self.version);
        w.field("title", &self.title);
        w.field("language", &self.language);
        w.field("items", &self.items);
        w.field("outcomes", &self.outcomes);
        w.field("domains", &self.domains);
        w.field("form_length", &self.form_length);
        w.field("time_limit_seconds", &self.time_limit_seconds);
        w.field("navigation", &self.navigation);
        w.field("secure", &self.secure);
        w.end_object();
    }
}

impl ToJson for DeliveredForm {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("attempt_id", &self.attempt_id);
        w.field("seed", &self.seed);
        w.field("package_id", &self.package_id);
        w.field("package_version", &self.package_version);
        w.field("title", &self.title);
        w.field("language", &self.language);
        w.field("mode", &self.mode);
        w.field("navigation", &self.navigation);
        w.field("time_limit_seconds", &self.time_limit_seconds);
        w.field("sections", &self.sections);
        w.field("items", &self.items);
        w.end_object();
    }
}

impl ToJson for DeliveredSection {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("title", &self.title);
        w.field("start", &self.start);
        w.field("end", &self.end);
        w.end_object();
    }
}

impl ToJson for DeliveredItem {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("index", &self.index);
        w.field("section", &self.section);
        w.field("points", &self.points);
        w.field("domain", &self.domain);
        w.field("stem", &self.stem);
        if let Some(set) = &self.set {
            w.field("set", set);
        }
        w.field("interaction", &self.interaction);
        w.end_object();
    }
}

impl ToJson for DeliveredSet {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("title", &self.title);
        w.field("stimulus", &self.stimulus);
        w.end_object();
    }
}

impl ToJson for DeliveredChoice {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("content", &self.content);
        w.end_object();
    }
}

impl ToJson for DeliveredInteraction {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            DeliveredInteraction::SingleChoice { choices } => {
                w.field("type", &"single_choice");
                w.field("choices", choices);
            }
            DeliveredInteraction::MultipleResponse {
                choices,
                max_choices,
            } => {
                w.field("type", &"multiple_response");
                w.field("choices", choices);
                if let Some(max_choices) = max_choices {
                    w.field("max_choices", max_choices);
                }
            }
            DeliveredInteraction::TrueFalse => w.field("type", &"true_false"),
            DeliveredInteraction::TextEntry { max_length } => {
                w.field("type", &"text_entry");
                if let Some(max_length) = max_length {
                    w.field("max_length", max_length);
                }
            }
            DeliveredInteraction::Numeric { unit } => {
                w.field("type", &"numeric");
                if let Some(unit) = unit {
                    w.field("unit", unit);
                }
            }
            DeliveredInteraction::Ordering { steps } => {
                w.field("type", &"ordering");
                w.field("steps", steps);
            }
            DeliveredInteraction::Matching {
                sources,
                targets,
                max_targets_per_source,
            } => {
                w.field("type", &"matching");
                w.field("sources", sources);
                w.field("targets", targets);
                w.field("max_targets_per_source", max_targets_per_source);
            }
            DeliveredInteraction::Cloze { segments, gaps } => {
                w.field("type", &"cloze");
                w.field("segments", segments);
                w.field("gaps", gaps);
            }
            DeliveredInteraction::ExtendedText { max_length } => {
                w.field("type", &"extended_text");
                if let Some(max_length) = max_length {
                    w.field("max_length", max_length);
                }
            }
        }
        w.end_object();
    }
}

/// Untagged: `{"html": ...}` or `{"gap": ...}`.
impl ToJson for ClozeSegment {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            ClozeSegment::Html { html } => w.field("html", html),
            ClozeSegment::Gap { gap } => w.field("gap", gap),
        }
        w.end_object();
    }
}

impl ToJson for DeliveredGap {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            DeliveredGap::Text { id } => {
                w.field("kind", &"text");
                w.field("id", id);
            }
            DeliveredGap::Choice { id, choices } => {
                w.field("kind", &"choice");
                w.field("id", id);
                w.field("choices", choices);
            }
        }
        w.end_object();
    }
}

impl ToJson for SessionState {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("current", &self.current);
        w.field("total", &self.total);
        w.field("answered", &self.answered);
        w.field("flagged", &self.flagged);
        w.field("unanswered", &self.unanswered);
        w.field("responses", &self.responses);
        w.field("submitted", &self.submitted);
        w.field("started_at", &self.started_at);
        w.field("deadline", &self.deadline);
        w.end_object();
    }
}

impl ToJson for ItemFeedback {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("item_id", &self.item_id);
        w.field("status", &self.status);
        w.field("points", &self.points);
        w.field("max_points", &self.max_points);
        w.field("feedback", &self.feedback);
        w.end_object();
    }
}
