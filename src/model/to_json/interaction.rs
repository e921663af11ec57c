//! The interactions (`type`) and cloze gaps (`kind`): internally tagged values, written as
//! serde writes them through a `serde_json::Value` ([`Writer::tagged`]: members in key order,
//! in every object inside too).

use crate::model::item::{Gap, Interaction};
use crate::model::json::{ToJson, Writer};

impl ToJson for Interaction {
    fn to_json(&self, w: &mut Writer) {
        w.tagged("type", self.kind().as_str(), &mut |w| match self {
            Interaction::SingleChoice {
                choices,
                key,
                shuffle,
            } => {
                w.field("choices", choices);
                w.field("key", key);
                w.field("shuffle", shuffle);
            }
            Interaction::MultipleResponse {
                choices,
                keys,
                rule,
                shuffle,
                max_choices,
            } => {
                w.field("choices", choices);
                w.field("keys", keys);
                w.field("rule", rule);
                w.field("shuffle", shuffle);
                if let Some(max_choices) = max_choices {
                    w.field("max_choices", max_choices);
                }
            }
            Interaction::TrueFalse { key } => w.field("key", key),
            Interaction::TextEntry {
                answers,
                case_sensitive,
                max_length,
            } => {
                w.field("answers", answers);
                w.field("case_sensitive", case_sensitive);
                if let Some(max_length) = max_length {
                    w.field("max_length", max_length);
                }
            }
            Interaction::Numeric { key, unit } => {
                w.field("key", key);
                if let Some(unit) = unit {
                    w.field("unit", unit);
                }
            }
            Interaction::Ordering { choices, key, rule } => {
                w.field("choices", choices);
                w.field("key", key);
                w.field("rule", rule);
            }
            Interaction::Matching {
                sources,
                targets,
                key,
                rule,
                shuffle,
            } => {
                w.field("sources", sources);
                w.field("targets", targets);
                w.field("key", key);
                w.field("rule", rule);
                w.field("shuffle", shuffle);
            }
            Interaction::Cloze { text, gaps } => {
                w.field("text", text);
                w.field("gaps", gaps);
            }
            Interaction::ExtendedText { max_length, rubric } => {
                if let Some(max_length) = max_length {
                    w.field("max_length", max_length);
                }
                if let Some(rubric) = rubric {
                    w.field("rubric", rubric);
                }
            }
        });
    }
}

impl ToJson for Gap {
    fn to_json(&self, w: &mut Writer) {
        match self {
            Gap::Text {
                id,
                answers,
                case_sensitive,
                points,
            } => w.tagged("kind", "text", &mut |w| {
                w.field("id", id);
                w.field("answers", answers);
                w.field("case_sensitive", case_sensitive);
                if let Some(points) = points {
                    w.field("points", points);
                }
            }),
            Gap::Choice {
                id,
                choices,
                key,
                shuffle,
                points,
            } => w.tagged("kind", "choice", &mut |w| {
                w.field("id", id);
                w.field("choices", choices);
                w.field("key", key);
                w.field("shuffle", shuffle);
                if let Some(points) = points {
                    w.field("points", points);
                }
            }),
        }
    }
}
