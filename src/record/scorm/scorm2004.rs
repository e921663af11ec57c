//! SCORM 2004 4th edition run-time data (RTE section 4).
//!
//! - `cmi.completion_status` is `completed` (a record is a submitted attempt);
//!   `cmi.success_status` is `passed` / `failed`, and `unknown` while manual grading could
//!   still change the decision.
//! - `cmi.score.scaled` is raw points / maximum points, in [0, 1]; `cmi.score.raw` is the
//!   reported score on the package's scale (rounded by the package rule), with `min` and
//!   `max` the scale's ends.
//! - One `cmi.objectives.n` per outcome: `score.scaled` is the mastery score,
//!   `success_status` is `passed` when mastered, `unknown` while aligned items await manual
//!   grading or when the form held no aligned item (then `completion_status` is
//!   `not attempted` and no score is set), `failed` otherwise; `description` is the outcome
//!   statement.
//! - One `cmi.interactions.n` per form item, in form order (see [`super::responses_2004`] for
//!   the types and response formats). `result` is `correct` or `incorrect` (unanswered items
//!   count as incorrect), the points earned for partial credit, and absent while an item
//!   awaits manual grading. `timestamp` and `latency` come from [`super::pacing`].
//!   `description` is the stem as plain text.
//! - `cmi.session_time` is the attempt's duration.
//!
//! Descriptions carry a `{lang=...}` delimiter when the package language is not English (the
//! default), and their 250-character SPM counts the text after the delimiter.

use super::decimal::decimal;
use super::identifier::{identifier_2004, LONG_2004};
use super::pacing::pacing;
use super::responses_2004::{correct_patterns, interaction_type, learner_response};
use super::text::{defuse_leading_brace, limit, plain_text};
use super::time::{time_2004, timeinterval};
use super::{ScormExport, ScormNotice};
use crate::model::Package;
use crate::record::export_check::{check_export, form_items};
use crate::record::{CompletionRecord, ExportError};
use crate::score::{round, Decision, ItemStatus, OutcomeMastery};
use crate::session::Mode;

/// SPM of `description` (`localized_string_type`).
const DESCRIPTION_SPM: usize = 250;

/// The SCORM 2004 `SetValue` pairs of a scored record.
///
/// ```
/// # use certa::{model::Package, record::CompletionRecord};
/// # let package = Package::load(&std::fs::read_to_string("examples/certificate-quiz.json").unwrap()).unwrap();
/// # let record: CompletionRecord = serde_json::from_str(&std::fs::read_to_string("tests/golden/certificate-quiz-seed8.record.json").unwrap()).unwrap();
/// let export = certa::record::scorm::scorm2004(&package, &record).unwrap();
/// assert_eq!(export.pairs[0], ("cmi.completion_status".to_string(), "completed".to_string()));
/// ```
pub fn scorm2004(package: &Package, record: &CompletionRecord) -> Result<ScormExport, ExportError> {
    let result = check_export(package, record)?;
    let items = form_items(package, record)?;
    let mut out = ScormExport::default();
    let lang = lang_delimiter(&package.language, &mut out.notices);

    out.set("cmi.completion_status", "completed");
    out.set(
        "cmi.success_status",
        match result.decision {
            Decision::Pass => "passed",
            Decision::Fail => "failed",
            Decision::Pending => "unknown",
        },
    );
    let scaled = if result.max_raw > 0.0 {
        (result.raw / result.max_raw).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let scale = package.scoring.scale;
    let reported = round(result.scaled, &package.scoring.rounding)
        .clamp(scale.min.min(scale.max), scale.max.max(scale.min));
    out.set("cmi.score.scaled", decimal(scaled));
    out.set("cmi.score.raw", decimal(reported));
    out.set("cmi.score.min", decimal(scale.min));
    out.set("cmi.score.max", decimal(scale.max));

    for (n, mastery) in result.outcomes.iter().enumerate() {
        objective(&mut out, n, mastery, package, &lang);
    }

    for (n, item) in items.iter().enumerate() {
        let base = format!("cmi.interactions.{n}");
        let id = identifier_2004(&item.id, LONG_2004);
        note_mapped_id(&mut out.notices, &format!("{base}.id"), &item.id, &id);
        out.set(format!("{base}.id"), id);
        out.set(format!("{base}.type"), interaction_type(&item.interaction));
        let mut seen: Vec<&str> = Vec::new();
        for alignment in &item.outcomes {
            if seen.contains(&alignment.outcome.as_str()) {
                continue;
            }
            let element = format!("{base}.objectives.{}.id", seen.len());
            seen.push(&alignment.outcome);
            out.set(element, identifier_2004(&alignment.outcome, LONG_2004));
        }
        let timing = pacing(record, &item.id);
        if let Some(t) = timing {
            let element = format!("{base}.timestamp");
            match time_2004(t.shown_at) {
                Some(time) => out.set(element, time),
                None => out.notices.push(ScormNotice::new(
                    &element,
                    "omitted: SCORM 2004 times lie in the years 1970 to 2038",
                )),
            }
        }
        let score = result.items.iter().find(|s| s.item_id == item.id);
        out.set(
            format!("{base}.weighting"),
            decimal(score.map_or(item.points, |s| s.max_points)),
        );
        if let Some(entry) = record.responses.get(&item.id) {
            let element = format!("{base}.learner_response");
            if let Some(text) = learner_response(item, &entry.value, &element, &mut out.notices) {
                out.set(element, text);
            }
        }
        if let Some(score) = score {
            let value = match score.status {
                ItemStatus::Correct => Some("correct".to_string()),
                ItemStatus::Incorrect | ItemStatus::Unanswered => Some("incorrect".to_string()),
                ItemStatus::Partial => Some(decimal(score.points)),
                ItemStatus::PendingManual => None,
            };
            if let Some(value) = value {
                out.set(format!("{base}.result"), value);
            }
        }
        if let Some(t) = timing {
            out.set(format!("{base}.latency"), timeinterval(t.latency_ms));
        }
        let element = format!("{base}.description");
        let text = described(&item.stem, &lang, &element, &mut out.notices);
        out.set(element, text);
        if record.mode != Mode::Secure {
            let element = format!("{base}.correct_responses");
            for (k, pattern) in correct_patterns(item, &element, &mut out.notices)
                .into_iter()
                .enumerate()
            {
                out.set(format!("{element}.{k}.pattern"), pattern);
            }
        }
    }

    out.set("cmi.session_time", timeinterval(record.duration_ms));
    Ok(out)
}

/// The pairs of `cmi.objectives.n` for one outcome.
fn objective(
    out: &mut ScormExport,
    n: usize,
    mastery: &OutcomeMastery,
    package: &Package,
    lang: &str,
) {
    let base = format!("cmi.objectives.{n}");
    let id = identifier_2004(&mastery.outcome, LONG_2004);
    note_mapped_id(
        &mut out.notices,
        &format!("{base}.id"),
        &mastery.outcome,
        &id,
    );
    out.set(format!("{base}.id"), id);
    let assessed = mastery.items > 0;
    if assessed {
        out.set(
            format!("{base}.score.scaled"),
            decimal(mastery.score.clamp(-1.0, 1.0)),
        );
    }
    let success = if mastery.mastered {
        "passed"
    } else if mastery.pending_manual > 0 || !assessed {
        "unknown"
    } else {
        "failed"
    };
    out.set(format!("{base}.success_status"), success);
    out.set(
        format!("{base}.completion_status"),
        if assessed {
            "completed"
        } else {
            "not attempted"
        },
    );
    if let Some(outcome) = package.outcome(&mastery.outcome) {
        let element = format!("{base}.description");
        let text = described(&outcome.statement, lang, &element, &mut out.notices);
        out.set(element, text);
    }
}

/// A description: plain text, no leading `{`, at most 250 characters, after the language
/// delimiter.
fn described(html: &str, lang: &str, element: &str, notices: &mut Vec<ScormNotice>) -> String {
    let text = defuse_leading_brace(plain_text(html), element, notices);
    format!("{lang}{}", limit(text, DESCRIPTION_SPM, element, notices))
}

/// `{lang=fr-CA}` for a non-English package language that the SCORM `language_type` (and the
/// common runtimes' reading of it) accepts; empty for English, and empty with a notice for a
/// tag it does not.
fn lang_delimiter(language: &str, notices: &mut Vec<ScormNotice>) -> String {
    let tag = language.trim();
    if tag.eq_ignore_ascii_case("en") {
        return String::new();
    }
    let (primary, rest) = tag.split_once('-').unwrap_or((tag, ""));
    let primary_ok =
        (1..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = rest.is_empty()
        || ((2..=8).contains(&rest.len())
            && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    if primary_ok && rest_ok {
        format!("{{lang={tag}}}")
    } else {
        notices.push(ScormNotice::new(
            "cmi.interactions.n.description",
            format!("no {{lang=...}} delimiter: the package language \"{language}\" is not a SCORM language_type"),
        ));
        String::new()
    }
}

fn note_mapped_id(notices: &mut Vec<ScormNotice>, element: &str, original: &str, mapped: &str) {
    if original != mapped {
        notices.push(ScormNotice::new(
            element,
            format!(
                "the id \"{original}\" is written as \"{mapped}\" (SCORM identifiers are URIs)"
            ),
        ));
    }
}
