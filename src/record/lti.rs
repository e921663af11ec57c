//! The LTI 1.3 Assignment and Grade Services score of an attempt: the body a tool POSTs to a
//! line item's `/scores` endpoint (media type `application/vnd.ims.lis.v1.score+json`).
//!
//! - `scoreGiven` is the raw points (rounded by the package rule) and `scoreMaximum` the
//!   form's maximum points; the platform scales them to its line item. A score of 0 is a
//!   score: `scoreGiven` is always present.
//! - `gradingProgress` is `PendingManual` while extended-text items await a grader (the
//!   points so far are sent), `FullyGraded` otherwise.
//! - `activityProgress` is `Completed` unless the options say `Submitted` (for instance when
//!   the learner may still retake).
//! - `timestamp` is when the score was set: the submission time unless the options give
//!   another (the verification time, say), ISO 8601 with milliseconds.
//! - `userId` is the LTI user id (the launch's `sub`) from the options, or the record's
//!   learner id when the host uses the same id.

use serde::{Deserialize, Deserializer, Serialize};

use super::export_check::check_export;
use super::{CompletionRecord, ExportError};
use crate::model::{Package, Rounding, RoundingMode};
use crate::score::round;
use crate::timestamp::Timestamp;

/// `activityProgress` values a finished attempt can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ActivityProgress {
    /// The learner has completed the activity.
    #[default]
    Completed,
    /// Submitted, and the learner may still submit again.
    Submitted,
}

/// `gradingProgress` values an exported attempt can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GradingProgress {
    FullyGraded,
    /// A human grader has work to do before the score is final.
    PendingManual,
}

/// What the host knows and the record does not.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LtiOptions {
    /// The LTI user id (`sub` of the launch); the record's learner id when absent.
    #[serde(default)]
    pub user_id: Option<String>,
    /// A plain-text comment for the learner and instructor.
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub activity_progress: ActivityProgress,
    /// When the score was set (RFC 3339 or Unix milliseconds); the submission time when
    /// absent.
    #[serde(default, deserialize_with = "timestamp_text")]
    pub timestamp: Option<Timestamp>,
}

/// The AGS score body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgsScore {
    pub user_id: String,
    pub score_given: f64,
    pub score_maximum: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub timestamp: String,
    pub activity_progress: ActivityProgress,
    pub grading_progress: GradingProgress,
}

/// The AGS score of a scored record.
///
/// ```
/// # use certa::{model::Package, record::CompletionRecord};
/// # let package = Package::load(&std::fs::read_to_string("examples/certificate-quiz.json").unwrap()).unwrap();
/// # let record: CompletionRecord = serde_json::from_str(&std::fs::read_to_string("tests/golden/certificate-quiz-seed8.record.json").unwrap()).unwrap();
/// use certa::record::lti::{lti_score, LtiOptions, GradingProgress};
/// let score = lti_score(&package, &record, &LtiOptions::default()).unwrap();
/// // This learner wrote an essay that awaits a grader.
/// assert_eq!(score.grading_progress, GradingProgress::PendingManual);
/// assert_eq!(score.user_id, record.learner.id);
/// ```
pub fn lti_score(
    package: &Package,
    record: &CompletionRecord,
    options: &LtiOptions,
) -> Result<AgsScore, ExportError> {
    let result = check_export(package, record)?;
    let user_id = options
        .user_id
        .clone()
        .unwrap_or_else(|| record.learner.id.clone());
    if user_id.trim().is_empty() {
        return Err(ExportError::BadOption {
            field: "user_id".into(),
            message: "the LTI user id must not be empty (and the record has no learner id)".into(),
        });
    }
    // The maximum is a sum of authored points: only floating-point noise is cleaned off.
    let exact = Rounding {
        decimals: 6,
        mode: RoundingMode::HalfUp,
    };
    let score_maximum = round(result.max_raw, &exact);
    if !(score_maximum > 0.0 && score_maximum.is_finite()) {
        return Err(ExportError::Unrepresentable {
            field: "scoreMaximum".into(),
            message: format!(
                "AGS needs a maximum above 0; the form's maximum points are {}",
                result.max_raw
            ),
        });
    }
    let score_given = round(result.raw.max(0.0), &package.scoring.rounding).min(score_maximum);
    Ok(AgsScore {
        user_id,
        score_given,
        score_maximum,
        comment: options.comment.clone().filter(|c| !c.trim().is_empty()),
        timestamp: options
            .timestamp
            .unwrap_or(record.submitted_at)
            .to_rfc3339(),
        activity_progress: options.activity_progress,
        grading_progress: if result.pending_manual > 0 {
            GradingProgress::PendingManual
        } else {
            GradingProgress::FullyGraded
        },
    })
}

/// A timestamp given as RFC 3339 text or Unix milliseconds.
fn timestamp_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Millis(i64),
        Text(String),
    }
    match Option::<Either>::deserialize(d)? {
        None => Ok(None),
        Some(Either::Millis(ms)) => Ok(Some(Timestamp(ms))),
        Some(Either::Text(text)) => text
            .parse::<Timestamp>()
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}
