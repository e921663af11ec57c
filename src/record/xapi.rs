//! xAPI 1.0.3 statements for a completion record: a pure function of (package, record,
//! options). The sequence is
//!
//! 1. `attempted` the assessment, at `started_at`;
//! 2. `answered` each answered item, in form order, at the time its answer was last changed,
//!    as a `cmi.interaction` activity (see [`super::xapi_interaction`]) with the response,
//!    success and score; the correct responses pattern only outside secure mode;
//! 3. `completed` the assessment, at `submitted_at`, with the duration (and the score when the
//!    decision is final);
//! 4. `passed` or `failed`, with score, success, completion and duration — none while the
//!    decision is pending manual grading;
//! 5. one statement per outcome against the outcome activity (its CASE URI when it has one):
//!    `mastered`, `failed`, or `scored` while not yet decidable.
//!
//! A review walk-through (record mode `review`) sends only 1 and 2. Statement ids are version
//! 5 UUIDs over the attempt id and the statement's role, so sending the same record twice is
//! idempotent. The registration is the attempt id when that is a UUID, else a UUID derived
//! from it.

use serde::{Deserialize, Serialize};

use super::export_error::ExportError;
use super::xapi_attempt::{Attempt, Draft, Target};
use super::xapi_format::{canonical_uuid, is_absolute_iri, name_uuid};
use super::xapi_statement::{
    Account, Activity, Agent, Context, ContextKind, Statement, StatementResult,
};
use super::CompletionRecord;
use crate::model::Package;
use crate::score::Decision;

/// How the statements identify the learner. xAPI allows exactly one identifier per agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorIdentity {
    /// `account: {homePage: actor_home_page, name: learner.id}`.
    #[default]
    Account,
    /// `mbox: mailto:learner.email`; the account when the record carries no email.
    Mbox,
}

/// Options of the xAPI (and cmi5) exporters. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct XapiOptions {
    /// Base of the activity IRIs: the assessment is `{base}/packages/{package id}`, its items
    /// `…/items/{item id}`, outcomes without a CASE URI `…/outcomes/{outcome id}`. Set it to a
    /// domain you control; the default is a reserved placeholder.
    pub activity_base: String,
    /// The `homePage` of the learner's account (the system whose ids the records carry).
    pub actor_home_page: String,
    pub actor_identity: ActorIdentity,
    /// Language-map key for names and descriptions; default: the package's language.
    pub language: Option<String>,
    /// The registration UUID; default: the attempt id when it is a UUID, else derived from it.
    /// (cmi5 takes the registration from the launch instead.)
    pub registration: Option<String>,
    /// `context.platform`.
    pub platform: String,
}

impl Default for XapiOptions {
    fn default() -> Self {
        XapiOptions {
            activity_base: "https://certa.invalid/xapi".into(),
            actor_home_page: "https://certa.invalid".into(),
            actor_identity: ActorIdentity::Account,
            language: None,
            registration: None,
            platform: "certa".into(),
        }
    }
}

/// The xAPI statements of a scored record, in sending order (see the module docs).
///
/// Fails when the record is for another package or version, names an item the package lacks,
/// holds a response of the wrong shape, is unscored (a secure record before verification), or
/// when an option is malformed.
pub fn xapi_statements(
    package: &Package,
    record: &CompletionRecord,
    options: &XapiOptions,
) -> Result<Vec<Statement>, ExportError> {
    let attempt = Attempt::new(package, record, options)?;
    let actor = actor(record, options)?;
    let registration = registration(record, options)?;
    let mut drafts = vec![Draft::about_assessment(
        "attempted",
        None,
        record.started_at,
    )];
    drafts.extend(attempt.answered()?);
    if attempt.judged() {
        drafts.extend(verdict(&attempt));
        drafts.extend(attempt.outcomes());
    }
    let assessment = attempt.assessment();
    Ok(drafts
        .into_iter()
        .map(|draft| {
            let mut context = Context {
                registration: Some(registration.clone()),
                revision: Some(package.version.clone()),
                platform: Some(options.platform.clone()),
                language: Some(attempt.language.clone()),
                ..Context::default()
            };
            let object = match draft.target {
                Target::Assessment => assessment.clone(),
                Target::Part(activity) => {
                    context.add_activity(ContextKind::Parent, Activity::reference(&assessment.id));
                    *activity
                }
            };
            Statement {
                id: name_uuid(&["xapi", &record.attempt_id, &draft.role]),
                actor: actor.clone(),
                verb: draft.verb,
                object,
                result: draft.result,
                context: Some(context),
                timestamp: draft.timestamp.to_rfc3339(),
            }
        })
        .collect())
}

/// `completed`, then `passed` or `failed` unless the decision is pending.
fn verdict(attempt: &Attempt) -> Vec<Draft> {
    let at = attempt.record.submitted_at.max(attempt.record.started_at);
    let decision = attempt.result.decision;
    let final_score = (decision != Decision::Pending).then(|| attempt.score(false));
    let completed = StatementResult {
        score: final_score,
        completion: Some(true),
        duration: Some(attempt.duration()),
        ..StatementResult::default()
    };
    let mut drafts = vec![Draft::about_assessment("completed", Some(completed), at)];
    let success = match decision {
        Decision::Pass => true,
        Decision::Fail => false,
        Decision::Pending => return drafts,
    };
    let judged = StatementResult {
        score: final_score,
        success: Some(success),
        completion: Some(true),
        duration: Some(attempt.duration()),
        ..StatementResult::default()
    };
    let name = if success { "passed" } else { "failed" };
    drafts.push(Draft::about_assessment(name, Some(judged), at));
    drafts
}

/// The learner as an Agent with one identifier, chosen by the options.
fn actor(record: &CompletionRecord, options: &XapiOptions) -> Result<Agent, ExportError> {
    let learner = &record.learner;
    let name = learner
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let mut agent = Agent {
        object_type: Some("Agent".into()),
        name,
        mbox: None,
        mbox_sha1sum: None,
        openid: None,
        account: None,
    };
    let email = learner
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| e.contains('@') && !e.is_empty() && !e.chars().any(char::is_whitespace));
    match (options.actor_identity, email) {
        (ActorIdentity::Mbox, Some(email)) => agent.mbox = Some(format!("mailto:{email}")),
        _ => {
            if learner.id.trim().is_empty() {
                return Err(ExportError::BadRecord {
                    field: "learner.id".into(),
                    message: "the learner id is empty".into(),
                });
            }
            if !is_absolute_iri(&options.actor_home_page) {
                return Err(ExportError::BadOption {
                    field: "actor_home_page".into(),
                    message: format!(
                        "expected an absolute IRL, found \"{}\"",
                        options.actor_home_page
                    ),
                });
            }
            agent.account = Some(Account {
                home_page: options.actor_home_page.clone(),
                name: learner.id.clone(),
            });
        }
    }
    Ok(agent)
}

/// The options' registration, the attempt id when it is a UUID, or a UUID derived from it.
fn registration(record: &CompletionRecord, options: &XapiOptions) -> Result<String, ExportError> {
    if let Some(given) = &options.registration {
        return canonical_uuid(given).ok_or_else(|| ExportError::BadOption {
            field: "registration".into(),
            message: format!("expected a UUID, found \"{given}\""),
        });
    }
    Ok(canonical_uuid(&record.attempt_id)
        .unwrap_or_else(|| name_uuid(&["registration", &record.attempt_id])))
}
