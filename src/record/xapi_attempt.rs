//! What the xAPI and cmi5 exporters share: a record checked against its package, and the
//! statement drafts both flavours send — one `answered` per answered item, one per outcome,
//! and the attempt's overall score. A [`Draft`] has no id, actor or context yet: the flavour
//! settles those (and, in cmi5, puts the AU where a draft names the assessment).

use super::export_check::check_export;
use super::export_error::ExportError;
use super::xapi::XapiOptions;
use super::xapi_format::{excerpt, iri_segment, is_absolute_iri};
use super::xapi_interaction::{interaction_definition, response_pattern};
use super::xapi_statement::{
    Activity, ActivityDefinition, LanguageMap, Score, StatementResult, Verb,
};
use super::CompletionRecord;
use crate::model::{Interaction, Item, Outcome, Package, Rounding, RoundingMode};
use crate::score::{round, AttemptResult, ItemScore, ItemStatus, OutcomeMastery};
use crate::session::Mode;
use crate::sorted_map::{SortedMap, SortedSet};
use crate::timestamp::Timestamp;

/// Where the ADL verbs live.
pub const ADL_VERBS: &str = "http://adlnet.gov/expapi/verbs/";
/// Activity type of the assessment (and of a cmi5 AU that is one).
pub const ASSESSMENT_TYPE: &str = "http://adlnet.gov/expapi/activities/assessment";
/// Activity type of a learning outcome.
pub const OBJECTIVE_TYPE: &str = "http://adlnet.gov/expapi/activities/objective";

/// Slack added to a score fraction before it is rounded down, so that binary noise
/// (0.7 computed as 0.69999…) does not cost a learner a ten-thousandth.
const FRACTION_SLACK: f64 = 1e-9;

/// The ADL verb `name` (`answered`, `passed`, …) with an English display.
pub fn verb(name: &str) -> Verb {
    Verb {
        id: format!("{ADL_VERBS}{name}"),
        display: LanguageMap::from([("en-US".to_string(), name.to_string())]),
    }
}

/// What a draft is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The assessment itself (in cmi5: the AU).
    Assessment,
    /// A part of it (an item, an outcome); the assessment is its context parent.
    Part(Box<Activity>),
}

/// A statement before the flavour gives it an id, an actor and a context.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Names the statement within the attempt (`answered/Q7`), for its derived id.
    pub role: String,
    pub verb: Verb,
    pub target: Target,
    pub result: Option<StatementResult>,
    pub timestamp: Timestamp,
}

impl Draft {
    /// A draft about the assessment.
    pub fn about_assessment(
        verb_name: &str,
        result: Option<StatementResult>,
        timestamp: Timestamp,
    ) -> Draft {
        Draft {
            role: verb_name.to_string(),
            verb: verb(verb_name),
            target: Target::Assessment,
            result,
            timestamp,
        }
    }
}

/// A record checked against its package, with what the exporters need at hand.
pub struct Attempt<'a> {
    pub package: &'a Package,
    pub record: &'a CompletionRecord,
    pub result: &'a AttemptResult,
    /// Language-map key for names and descriptions.
    pub language: String,
    /// Activity IRI base, without a trailing `/`.
    base: String,
}

impl<'a> Attempt<'a> {
    /// Check that the record belongs to the package, that every form item exists, that the
    /// record is scored, and that the options are usable.
    pub fn new(
        package: &'a Package,
        record: &'a CompletionRecord,
        options: &XapiOptions,
    ) -> Result<Attempt<'a>, ExportError> {
        let result = check_export(package, record)?;
        let base = options.activity_base.trim_end_matches('/').to_string();
        if !is_absolute_iri(&base) {
            return Err(ExportError::BadOption {
                field: "activity_base".into(),
                message: format!("expected an absolute IRI, found \"{base}\""),
            });
        }
        let language = options
            .language
            .clone()
            .unwrap_or_else(|| package.language.clone());
        if language.trim().is_empty() {
            return Err(ExportError::BadOption {
                field: "language".into(),
                message: "expected a language tag (the package has none)".into(),
            });
        }
        Ok(Attempt {
            package,
            record,
            result,
            language,
            base,
        })
    }

    /// True when correct responses must not leave the backend: a secure record or package.
    pub fn secure(&self) -> bool {
        self.record.mode == Mode::Secure || self.package.delivery.secure
    }

    /// False for an instructor's review walk-through, which is never credited.
    pub fn judged(&self) -> bool {
        self.record.mode != Mode::Review
    }

    /// `{base}/packages/{package id}`.
    pub fn assessment_id(&self) -> String {
        format!("{}/packages/{}", self.base, iri_segment(&self.package.id))
    }

    /// The assessment activity, with its title and type.
    pub fn assessment(&self) -> Activity {
        Activity {
            definition: Some(self.assessment_definition()),
            ..Activity::reference(self.assessment_id())
        }
    }

    /// Name (the package title) and type of the assessment.
    pub fn assessment_definition(&self) -> ActivityDefinition {
        ActivityDefinition {
            name: Some(self.text(self.package.title.clone())),
            activity_type: Some(ASSESSMENT_TYPE.to_string()),
            ..ActivityDefinition::default()
        }
    }

    /// A timestamp moved into the attempt's span, so item statements never precede the start
    /// or follow the submission.
    pub fn within_attempt(&self, t: Timestamp) -> Timestamp {
        t.max(self.record.started_at)
            .min(self.record.submitted_at.max(self.record.started_at))
    }

    /// The attempt's duration, `PT…S`.
    pub fn duration(&self) -> String {
        super::xapi_format::iso_duration(self.record.duration_ms)
    }

    /// raw / max_raw in [0, 1], rounded down to 4 decimals (the precision of a cmi5
    /// masteryScore), so comparing it with a mastery score gives the decision it shows.
    pub fn fraction(&self) -> f64 {
        ratio(self.result.raw, self.result.max_raw).clamp(0.0, 1.0)
    }

    /// The overall score: `scaled` = [`Attempt::fraction`], `raw` = raw points by the
    /// package's rounding in [0, max_raw]. With `integers` (cmi5), raw is rounded to a whole
    /// number and raw/min/max are left out unless max_raw is whole.
    pub fn score(&self, integers: bool) -> Score {
        let mut score = Score {
            scaled: Some(self.fraction()),
            ..Score::default()
        };
        let max = self.result.max_raw;
        if !(max.is_finite() && max > 0.0) || (integers && max.fract() != 0.0) {
            return score;
        }
        let rounding = if integers {
            Rounding {
                decimals: 0,
                mode: self.package.scoring.rounding.mode,
            }
        } else {
            self.package.scoring.rounding
        };
        let raw = round(finite_or_zero(self.result.raw), &rounding).clamp(0.0, max);
        score.raw = Some(raw);
        score.min = Some(0.0);
        score.max = Some(max);
        score
    }

    /// One `answered` draft per answered item, in form order. Unanswered items get none.
    pub fn answered(&self) -> Result<Vec<Draft>, ExportError> {
        let scores: SortedMap<&str, &ItemScore> = self
            .result
            .items
            .iter()
            .map(|s| (s.item_id.as_str(), s))
            .collect();
        let with_key = !self.secure();
        let mut drafts = Vec::new();
        let mut seen = SortedSet::new();
        for form_item in &self.record.form {
            let id = form_item.item_id.as_str();
            if !seen.insert(id) {
                continue; // one statement per item, so statement ids stay unique
            }
            let (Some(item), Some(entry)) = (self.package.item(id), self.record.responses.get(id))
            else {
                continue;
            };
            let Some(response) = response_pattern(item, &entry.value)? else {
                continue;
            };
            let mut result = StatementResult {
                response: Some(response),
                ..StatementResult::default()
            };
            if let Some(scored) = scores.get(id) {
                self.judge_item(item, scored, &mut result);
            }
            let activity = Activity {
                definition: Some(interaction_definition(item, &self.language, with_key)),
                ..Activity::reference(format!(
                    "{}/items/{}",
                    self.assessment_id(),
                    iri_segment(&item.id)
                ))
            };
            drafts.push(Draft {
                role: format!("answered/{id}"),
                verb: verb("answered"),
                target: Target::Part(Box::new(activity)),
                result: Some(result),
                timestamp: self.within_attempt(entry.changed_at),
            });
        }
        Ok(drafts)
    }

    /// One draft per outcome judged on this attempt: `mastered` (success), `failed` (not
    /// mastered), or `scored` with no success when the judgement is not made yet (items
    /// pending manual grading, or fewer aligned items than the outcome's minimum).
    pub fn outcomes(&self) -> Vec<Draft> {
        self.result
            .outcomes
            .iter()
            .map(|mastery| {
                let outcome = self.package.outcome(&mastery.outcome);
                let (verb_name, success) = outcome_verdict(mastery);
                Draft {
                    role: format!("outcome/{}", mastery.outcome),
                    verb: verb(verb_name),
                    target: Target::Part(Box::new(
                        self.outcome_activity(&mastery.outcome, outcome),
                    )),
                    result: Some(StatementResult {
                        score: Some(Score {
                            scaled: Some(ratio(mastery.score, 1.0).clamp(0.0, 1.0)),
                            ..Score::default()
                        }),
                        success,
                        ..StatementResult::default()
                    }),
                    timestamp: self.record.submitted_at.max(self.record.started_at),
                }
            })
            .collect()
    }

    /// The outcome's CASE URI when it has one, else `{assessment}/outcomes/{id}`.
    fn outcome_activity(&self, id: &str, outcome: Option<&Outcome>) -> Activity {
        let uri = outcome
            .and_then(|o| o.uri.as_deref())
            .filter(|u| is_absolute_iri(u));
        let activity_id = match uri {
            Some(uri) => uri.to_string(),
            None => format!("{}/outcomes/{}", self.assessment_id(), iri_segment(id)),
        };
        let statement = outcome.map(|o| o.statement.trim()).unwrap_or_default();
        Activity {
            definition: Some(ActivityDefinition {
                name: Some(self.text(if statement.is_empty() {
                    id.to_string()
                } else {
                    excerpt(statement, 80)
                })),
                description: (!statement.is_empty()).then(|| self.text(statement.to_string())),
                activity_type: Some(OBJECTIVE_TYPE.to_string()),
                ..ActivityDefinition::default()
            }),
            ..Activity::reference(activity_id)
        }
    }

    /// Success and score of an item: success is true only for full credit; no judgement for
    /// items awaiting a human grader.
    fn judge_item(&self, item: &Item, scored: &ItemScore, result: &mut StatementResult) {
        result.success = match scored.status {
            ItemStatus::Correct => Some(true),
            ItemStatus::Incorrect | ItemStatus::Partial => Some(false),
            ItemStatus::PendingManual | ItemStatus::Unanswered => None,
        };
        let max = scored.max_points;
        if result.success.is_none() || !(max.is_finite() && max > 0.0) {
            return;
        }
        let min = -self.penalty_share(item) * max;
        let points = finite_or_zero(scored.points).clamp(min, max);
        result.score = Some(Score {
            scaled: Some(signed_ratio(points, max)),
            raw: Some(round(points, &self.package.scoring.rounding).clamp(min, max)),
            min: Some(min),
            max: Some(max),
        });
    }

    /// The share of an item's points a wrong answer can lose (negative marking).
    fn penalty_share(&self, item: &Item) -> f64 {
        let marking = &self.package.scoring.negative_marking;
        let selected_response = matches!(
            item.interaction,
            Interaction::SingleChoice { .. }
                | Interaction::MultipleResponse { .. }
                | Interaction::TrueFalse { .. }
        );
        if marking.enabled && selected_response && marking.penalty.is_finite() {
            marking.penalty.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    fn text(&self, text: String) -> LanguageMap {
        LanguageMap::from([(self.language.clone(), text)])
    }
}

/// The verb and success of an outcome statement.
fn outcome_verdict(mastery: &OutcomeMastery) -> (&'static str, Option<bool>) {
    if mastery.pending_manual > 0 || mastery.items < mastery.min_items {
        ("scored", None)
    } else if mastery.mastered {
        ("mastered", Some(true))
    } else {
        ("failed", Some(false))
    }
}

/// part / whole rounded down to 4 decimals (0 when whole is not positive).
fn ratio(part: f64, whole: f64) -> f64 {
    if !(whole.is_finite() && whole > 0.0 && part.is_finite()) {
        return 0.0;
    }
    let down = Rounding {
        decimals: 4,
        mode: RoundingMode::Down,
    };
    round(part / whole + FRACTION_SLACK, &down)
}

/// Like [`ratio`] but in [-1, 1], for items that negative marking can take below zero.
fn signed_ratio(part: f64, whole: f64) -> f64 {
    ratio(part, whole).clamp(-1.0, 1.0)
}

fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}
