//! SCORM 1.2 run-time data (RTE section 3.4, the `cmi.core` data model).
//!
//! - `cmi.core.lesson_status` is `passed` / `failed`, and `completed` (done, not yet judged)
//!   while manual grading could still change the decision.
//! - `cmi.core.score.raw` is the percentage of the maximum points, 0–100 (rounded by the
//!   package rule), with `min` 0 and `max` 100: SCORM 1.2 scores live on that range.
//! - `cmi.core.session_time` is the attempt's duration as `HHHH:MM:SS.SS`.
//! - One `cmi.objectives.n` per outcome: `score.raw` is the mastery percentage, `status` is
//!   `passed` when mastered, `completed` while aligned items await manual grading,
//!   `not attempted` (and no score) when the form held no aligned item, `failed` otherwise.
//! - One `cmi.interactions.n` per form item, in form order (see [`super::responses_12`]):
//!   `time` is when the item was first answered (SCORM 1.2 records when the interaction was
//!   completed; UTC time of day), `result` is `correct` or `wrong` (unanswered items count
//!   as wrong), the points earned for partial credit, and absent while the item awaits
//!   manual grading. SCORM 1.2 interactions have no description.

use super::decimal::decimal;
use super::identifier::identifier_12;
use super::pacing::pacing;
use super::responses_12::{correct_pattern, interaction_type, letter_notices, student_response};
use super::time::{time_12, timespan_12};
use super::{ScormExport, ScormNotice};
use crate::model::{Package, Rounding};
use crate::record::export_check::{check_export, form_items};
use crate::record::{CompletionRecord, ExportError};
use crate::score::{round, Decision, ItemStatus, OutcomeMastery};
use crate::session::Mode;

/// The SCORM 1.2 `LMSSetValue` pairs of a scored record.
///
/// ```
/// # use certa::{model::Package, record::CompletionRecord};
/// # let package = Package::load(&std::fs::read_to_string("examples/certificate-quiz.json").unwrap()).unwrap();
/// # let record: CompletionRecord = serde_json::from_str(&std::fs::read_to_string("tests/golden/certificate-quiz-seed8.record.json").unwrap()).unwrap();
/// let export = certa::record::scorm::scorm12(&package, &record).unwrap();
/// assert_eq!(export.get("cmi.core.score.max"), Some("100"));
/// ```
pub fn scorm12(package: &Package, record: &CompletionRecord) -> Result<ScormExport, ExportError> {
    let result = check_export(package, record)?;
    let items = form_items(package, record)?;
    let rounding = &package.scoring.rounding;
    let mut out = ScormExport::default();

    out.set(
        "cmi.core.lesson_status",
        match result.decision {
            Decision::Pass => "passed",
            Decision::Fail => "failed",
            Decision::Pending => "completed",
        },
    );
    let share = if result.max_raw > 0.0 {
        result.raw / result.max_raw
    } else {
        0.0
    };
    out.set("cmi.core.score.raw", percent(share, rounding));
    out.set("cmi.core.score.min", "0");
    out.set("cmi.core.score.max", "100");
    match timespan_12(record.duration_ms) {
        Some(span) => out.set("cmi.core.session_time", span),
        None => out.notices.push(ScormNotice::new(
            "cmi.core.session_time",
            "omitted: longer than 9999 hours",
        )),
    }

    for (n, mastery) in result.outcomes.iter().enumerate() {
        objective(&mut out, n, mastery, rounding);
    }

    for (n, item) in items.iter().enumerate() {
        let base = format!("cmi.interactions.{n}");
        let id = identifier_12(&item.id);
        note_mapped_id(&mut out.notices, &format!("{base}.id"), &item.id, &id);
        out.set(format!("{base}.id"), id);
        let mut seen: Vec<&str> = Vec::new();
        for alignment in &item.outcomes {
            if seen.contains(&alignment.outcome.as_str()) {
                continue;
            }
            let element = format!("{base}.objectives.{}.id", seen.len());
            seen.push(&alignment.outcome);
            out.set(element, identifier_12(&alignment.outcome));
        }
        let timing = pacing(record, &item.id);
        if let Some(t) = timing {
            out.set(format!("{base}.time"), time_12(t.answered_at));
        }
        out.set(format!("{base}.type"), interaction_type(&item.interaction));
        out.notices.extend(letter_notices(item, &base));
        if record.mode != Mode::Secure {
            let element = format!("{base}.correct_responses.0.pattern");
            if let Some(pattern) = correct_pattern(item, &element, &mut out.notices) {
                out.set(element, pattern);
            }
        }
        let score = result.items.iter().find(|s| s.item_id == item.id);
        out.set(
            format!("{base}.weighting"),
            decimal(score.map_or(item.points, |s| s.max_points)),
        );
        if let Some(entry) = record.responses.get(&item.id) {
            let element = format!("{base}.student_response");
            if let Some(text) = student_response(item, &entry.value, &element, &mut out.notices) {
                out.set(element, text);
            }
        }
        if let Some(score) = score {
            let value = match score.status {
                ItemStatus::Correct => Some("correct".to_string()),
                ItemStatus::Incorrect | ItemStatus::Unanswered => Some("wrong".to_string()),
                ItemStatus::Partial => Some(decimal(score.points.max(0.0))),
                ItemStatus::PendingManual => None,
            };
            if let Some(value) = value {
                out.set(format!("{base}.result"), value);
            }
        }
        if let Some(t) = timing {
            let element = format!("{base}.latency");
            match timespan_12(t.latency_ms) {
                Some(span) => out.set(element, span),
                None => out.notices.push(ScormNotice::new(
                    &element,
                    "omitted: longer than 9999 hours",
                )),
            }
        }
    }
    Ok(out)
}

/// The pairs of `cmi.objectives.n` for one outcome.
fn objective(out: &mut ScormExport, n: usize, mastery: &OutcomeMastery, rounding: &Rounding) {
    let base = format!("cmi.objectives.{n}");
    let id = identifier_12(&mastery.outcome);
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
            format!("{base}.score.raw"),
            percent(mastery.score, rounding),
        );
        out.set(format!("{base}.score.min"), "0");
        out.set(format!("{base}.score.max"), "100");
    }
    let status = if mastery.mastered {
        "passed"
    } else if !assessed {
        "not attempted"
    } else if mastery.pending_manual > 0 {
        "completed"
    } else {
        "failed"
    };
    out.set(format!("{base}.status"), status);
}

/// A share in [0, 1] as a percentage in [0, 100], by the package rounding.
fn percent(share: f64, rounding: &Rounding) -> String {
    decimal(round(share * 100.0, rounding).clamp(0.0, 100.0))
}

fn note_mapped_id(notices: &mut Vec<ScormNotice>, element: &str, original: &str, mapped: &str) {
    if original != mapped {
        notices.push(ScormNotice::new(
            element,
            format!(
                "the id \"{original}\" is written as \"{mapped}\" (a CMIIdentifier holds letters, digits, - and _)"
            ),
        ));
    }
}
