//! The answer keys of an item, as one concept: what counts as a key (keys, accepted answers,
//! numeric keys, rubrics, feedback that reveals the answer), how to remove them for a secure
//! delivery copy, and how to find any left behind on a copy that claims to have none.

use super::item::{Feedback, Gap, Interaction, Item, NumericKey};

/// Remove everything from the item that reveals or decides the answer: keys and keyed
/// orders, accepted answers, numeric keys, rubrics, and item and choice feedback. What the
/// learner sees and what form assembly reads (ids, content, points, alignments, difficulty,
/// IRT parameters, shuffles) stays, so a form assembled from the copy equals the original's.
pub fn strip_keys(item: &mut Item) {
    item.feedback = None;
    match &mut item.interaction {
        Interaction::SingleChoice { choices, key, .. } => {
            key.clear();
            clear_choice_feedback(choices);
        }
        Interaction::MultipleResponse { choices, keys, .. } => {
            keys.clear();
            clear_choice_feedback(choices);
        }
        Interaction::TrueFalse { key } => *key = false,
        Interaction::TextEntry { answers, .. } => answers.clear(),
        Interaction::Numeric { key, .. } => *key = NumericKey::default(),
        Interaction::Ordering { choices, key, .. } => {
            key.clear();
            clear_choice_feedback(choices);
        }
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => {
            key.clear();
            clear_choice_feedback(sources);
            clear_choice_feedback(targets);
        }
        Interaction::Cloze { gaps, .. } => {
            for gap in gaps {
                match gap {
                    Gap::Text { answers, .. } => answers.clear(),
                    Gap::Choice { choices, key, .. } => {
                        key.clear();
                        clear_choice_feedback(choices);
                    }
                }
            }
        }
        Interaction::ExtendedText { rubric, .. } => *rubric = None,
    }
}

fn clear_choice_feedback(choices: &mut [super::item::Choice]) {
    for c in choices {
        c.feedback = None;
    }
}

/// Keys still present on an item of a copy that claims to have none: `(path below the item,
/// what)`, e.g. `(".interaction.key", "a key")`. A `true_false` key of `false` is the stripped
/// value (a boolean cannot be absent), so only `true` counts.
pub fn leftover_keys(item: &Item) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if item.feedback.as_ref().is_some_and(has_feedback) {
        out.push((".feedback".to_string(), "feedback"));
    }
    let i = ".interaction";
    let choices_feedback =
        |out: &mut Vec<(String, &'static str)>, path: String, cs: &[super::item::Choice]| {
            for (k, c) in cs.iter().enumerate() {
                if c.feedback.is_some() {
                    out.push((format!("{path}[{k}].feedback"), "choice feedback"));
                }
            }
        };
    match &item.interaction {
        Interaction::SingleChoice { choices, key, .. } => {
            if !key.is_empty() {
                out.push((format!("{i}.key"), "a key"));
            }
            choices_feedback(&mut out, format!("{i}.choices"), choices);
        }
        Interaction::MultipleResponse { choices, keys, .. } => {
            if !keys.is_empty() {
                out.push((format!("{i}.keys"), "keys"));
            }
            choices_feedback(&mut out, format!("{i}.choices"), choices);
        }
        Interaction::TrueFalse { key } => {
            if *key {
                out.push((format!("{i}.key"), "a key"));
            }
        }
        Interaction::TextEntry { answers, .. } => {
            if !answers.is_empty() {
                out.push((format!("{i}.answers"), "accepted answers"));
            }
        }
        Interaction::Numeric { key, .. } => {
            if *key != NumericKey::default() {
                out.push((format!("{i}.key"), "a numeric key"));
            }
        }
        Interaction::Ordering { choices, key, .. } => {
            if !key.is_empty() {
                out.push((format!("{i}.key"), "a key"));
            }
            choices_feedback(&mut out, format!("{i}.choices"), choices);
        }
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => {
            if !key.is_empty() {
                out.push((format!("{i}.key"), "a key"));
            }
            choices_feedback(&mut out, format!("{i}.sources"), sources);
            choices_feedback(&mut out, format!("{i}.targets"), targets);
        }
        Interaction::Cloze { gaps, .. } => {
            for (k, gap) in gaps.iter().enumerate() {
                match gap {
                    Gap::Text { answers, .. } => {
                        if !answers.is_empty() {
                            out.push((format!("{i}.gaps[{k}].answers"), "accepted answers"));
                        }
                    }
                    Gap::Choice { choices, key, .. } => {
                        if !key.is_empty() {
                            out.push((format!("{i}.gaps[{k}].key"), "a key"));
                        }
                        choices_feedback(&mut out, format!("{i}.gaps[{k}].choices"), choices);
                    }
                }
            }
        }
        Interaction::ExtendedText { rubric, .. } => {
            if rubric.is_some() {
                out.push((format!("{i}.rubric"), "a rubric"));
            }
        }
    }
    out
}

fn has_feedback(f: &Feedback) -> bool {
    f.correct.is_some() || f.incorrect.is_some() || f.partial.is_some()
}
