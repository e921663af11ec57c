//! cmi5 statements for a completion record, when the assessment was launched as a cmi5
//! Assignable Unit. The launch parameters and the LMS.LaunchData document come in as a
//! [`Cmi5Launch`]; the sequence follows the cmi5 rules for an AU session:
//!
//! - `initialized` first (at `started_at`) and `terminated` last (at `submitted_at`, with the
//!   session duration); both "cmi5 defined" (object: the AU, cmi5 category);
//! - `answered` per answered item and one statement per outcome, "cmi5 allowed" (the AU as
//!   context parent, no cmi5 category), timestamps kept within the session;
//! - in `Normal` launch mode only, and by `moveOn`: `completed` (completion, duration, no
//!   score) unless moveOn is `Passed`; `passed` or `failed` (score, success, duration) unless
//!   moveOn is `Completed`. With a masteryScore, `passed` exactly when the scaled score is at
//!   least the mastery score (overriding the package's cut score), and the statement carries
//!   the masteryscore extension; without one, the record's decision. Both carry the moveon
//!   category. No verdict while manual grading is pending;
//! - at most one `completed` and one `passed` per registration: the launch says what the LMS
//!   already holds (`alreadyCompleted`, `alreadyPassed`), and a `failed` never follows a
//!   `passed`;
//! - `Browse` and `Review` launch modes send no completed, passed, failed or outcome
//!   statements.
//!
//! The context template is merged into every statement without overwriting any of its values.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::export_error::ExportError;
use super::xapi::XapiOptions;
use super::xapi_attempt::{Attempt, Draft, Target};
use super::xapi_format::{canonical_uuid, is_absolute_iri, name_uuid};
use super::xapi_statement::{Activity, Agent, Context, ContextKind, Statement, StatementResult};
use super::CompletionRecord;
use crate::model::Package;
use crate::score::Decision;

/// Category of "cmi5 defined" statements.
pub const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
/// Category of cmi5 defined statements whose result has success or completion.
pub const MOVEON_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
/// Context extension holding the masteryScore a verdict was judged against.
pub const MASTERY_SCORE_EXTENSION: &str =
    "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

/// What the LMS requires before the learner may move on from the AU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MoveOn {
    Passed,
    Completed,
    CompletedAndPassed,
    CompletedOrPassed,
    #[default]
    NotApplicable,
}

/// How the LMS launched the AU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LaunchMode {
    #[default]
    Normal,
    Browse,
    Review,
}

/// The cmi5 launch: the launch URL's parameters (actor, registration, activityId) and the
/// LMS.LaunchData document (contextTemplate, launchMode, masteryScore, moveOn), plus what the
/// LMS already holds for this registration. JSON keys are camelCase, as in cmi5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cmi5Launch {
    /// The learner as the LMS names them: an Agent with an account.
    pub actor: Agent,
    /// The registration UUID.
    pub registration: String,
    /// The AU's activity id (an IRI): the object of every cmi5 defined statement.
    pub activity_id: String,
    #[serde(default)]
    pub context_template: Context,
    #[serde(default)]
    pub launch_mode: LaunchMode,
    /// Scaled score needed to pass, in [0, 1] (at most 4 decimals in cmi5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mastery_score: Option<f64>,
    #[serde(default)]
    pub move_on: MoveOn,
    /// A cmi5 `completed` was already recorded in this registration.
    #[serde(default)]
    pub already_completed: bool,
    /// A cmi5 `passed` was already recorded in this registration.
    #[serde(default)]
    pub already_passed: bool,
}

/// The cmi5 statements of a scored record, in sending order (see the module docs). The
/// options give the activity IRI base and language for items and outcomes; the actor and
/// registration come from the launch.
pub fn cmi5_statements(
    package: &Package,
    record: &CompletionRecord,
    launch: &Cmi5Launch,
    options: &XapiOptions,
) -> Result<Vec<Statement>, ExportError> {
    let attempt = Attempt::new(package, record, options)?;
    let registration = check_launch(launch)?;
    let start = record.started_at;
    let end = record.submitted_at.max(start);
    let mut drafts = vec![Draft::about_assessment("initialized", None, start)];
    drafts.extend(attempt.answered()?);
    if launch.launch_mode == LaunchMode::Normal && attempt.judged() {
        drafts.extend(verdict(&attempt, launch));
        drafts.extend(attempt.outcomes());
    }
    let terminated = StatementResult {
        duration: Some(attempt.duration()),
        ..StatementResult::default()
    };
    drafts.push(Draft::about_assessment("terminated", Some(terminated), end));

    let au = Activity {
        definition: Some(attempt.assessment_definition()),
        ..Activity::reference(&launch.activity_id)
    };
    let mut actor = launch.actor.clone();
    actor.object_type = Some("Agent".into());
    Ok(drafts
        .into_iter()
        .map(|draft| {
            let mut context = launch.context_template.clone();
            context.registration = Some(registration.clone());
            context
                .revision
                .get_or_insert_with(|| package.version.clone());
            context
                .platform
                .get_or_insert_with(|| options.platform.clone());
            context
                .language
                .get_or_insert_with(|| attempt.language.clone());
            let object = match draft.target {
                Target::Assessment => {
                    context.add_activity(ContextKind::Category, Activity::reference(CMI5_CATEGORY));
                    let moves_on = draft
                        .result
                        .as_ref()
                        .is_some_and(|r| r.success.is_some() || r.completion.is_some());
                    if moves_on {
                        context.add_activity(
                            ContextKind::Category,
                            Activity::reference(MOVEON_CATEGORY),
                        );
                    }
                    let verdict = draft.result.as_ref().is_some_and(|r| r.success.is_some());
                    if let (true, Some(mastery)) = (verdict, launch.mastery_score) {
                        context.add_extension(MASTERY_SCORE_EXTENSION, Value::from(mastery));
                    }
                    au.clone()
                }
                Target::Part(activity) => {
                    context.add_activity(ContextKind::Parent, Activity::reference(&au.id));
                    *activity
                }
            };
            context.prune();
            Statement {
                id: name_uuid(&["cmi5", &registration, &record.attempt_id, &draft.role]),
                actor: actor.clone(),
                verb: draft.verb,
                object,
                result: draft.result,
                context: Some(context),
                timestamp: draft.timestamp.max(start).min(end).to_rfc3339(),
            }
        })
        .collect())
}

/// `completed` and `passed`/`failed`, as moveOn, the mastery score and the registration's
/// history allow.
fn verdict(attempt: &Attempt, launch: &Cmi5Launch) -> Vec<Draft> {
    let at = attempt.record.submitted_at.max(attempt.record.started_at);
    let mut drafts = Vec::new();
    if launch.move_on != MoveOn::Passed && !launch.already_completed {
        let completed = StatementResult {
            completion: Some(true),
            duration: Some(attempt.duration()),
            ..StatementResult::default()
        };
        drafts.push(Draft::about_assessment("completed", Some(completed), at));
    }
    if launch.move_on == MoveOn::Completed || launch.already_passed {
        return drafts;
    }
    let passed = match (attempt.result.decision, launch.mastery_score) {
        (Decision::Pending, _) => return drafts,
        (_, Some(mastery)) => attempt.fraction() >= mastery,
        (decision, None) => decision == Decision::Pass,
    };
    let judged = StatementResult {
        score: Some(attempt.score(true)),
        success: Some(passed),
        duration: Some(attempt.duration()),
        ..StatementResult::default()
    };
    let name = if passed { "passed" } else { "failed" };
    drafts.push(Draft::about_assessment(name, Some(judged), at));
    drafts
}

/// Check the launch; returns the registration in canonical (lowercase) form.
fn check_launch(launch: &Cmi5Launch) -> Result<String, ExportError> {
    let bad = |field: &str, message: String| ExportError::BadOption {
        field: format!("launch.{field}"),
        message,
    };
    let registration = canonical_uuid(&launch.registration).ok_or_else(|| {
        bad(
            "registration",
            format!("expected a UUID, found \"{}\"", launch.registration),
        )
    })?;
    if !is_absolute_iri(&launch.activity_id) {
        return Err(bad(
            "activityId",
            format!("expected an IRI, found \"{}\"", launch.activity_id),
        ));
    }
    let actor = &launch.actor;
    if actor.object_type.as_deref().is_some_and(|t| t != "Agent") {
        return Err(bad("actor.objectType", "cmi5 requires an Agent".into()));
    }
    match &actor.account {
        None => return Err(bad("actor.account", "cmi5 requires an account".into())),
        Some(account) if !is_absolute_iri(&account.home_page) || account.name.is_empty() => {
            return Err(bad(
                "actor.account",
                "expected a homePage IRL and a non-empty name".into(),
            ))
        }
        Some(_) => {}
    }
    if actor.identifier_count() != 1 {
        return Err(bad(
            "actor",
            "an Agent carries exactly one identifier (the account)".into(),
        ));
    }
    if let Some(m) = launch.mastery_score {
        if !(0.0..=1.0).contains(&m) {
            return Err(bad(
                "masteryScore",
                format!("expected a decimal in [0, 1], found {m}"),
            ));
        }
    }
    if let Some(given) = &launch.context_template.registration {
        if canonical_uuid(given).as_deref() != Some(registration.as_str()) {
            return Err(bad(
                "contextTemplate.registration",
                format!("\"{given}\" differs from the launch registration"),
            ));
        }
    }
    Ok(registration)
}
