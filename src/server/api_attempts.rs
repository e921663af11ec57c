//! `POST /api/attempts`: the service issues a secure attempt: a UUID v4 attempt id and a
//! 64-bit seed from the OS random source, numbered after the learner's earlier attempts on the
//! package and refused when the package's attempt limit is used up. When the package avoids
//! seen items, the assembly context names the items of the learner's earlier forms (issued
//! here, submitted or not), and the record must carry exactly that context. The learner comes
//! from the host; in this reference service (no sign-in), from the request body.
//!
//! Body: `{"package": "ID", "version"?: "V", "learner": {"id", "name"?, "email"?}}` (the
//! newest registered version when `version` is absent). 201 with the attempt; 400 malformed;
//! 404 unknown package; 409 attempts used up.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::api_records::encode_segment;
use super::app::{blocking, json, now, AppState};
use super::body::json_body;
use super::error::ApiError;
use super::ids::{new_attempt_id, new_seed};
use super::store::{IssueOutcome, IssuedAttempt};
use crate::assemble::{assemble_form, AssemblyContext, Seed};
use crate::session::{Learner, Mode};
use crate::sorted_map::SortedSet;

/// The body of `POST /api/attempts`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttemptRequest {
    pub package: String,
    #[serde(default)]
    pub version: Option<String>,
    pub learner: Learner,
}

/// The answer: what the browser needs to start the session.
#[derive(Debug, Serialize)]
struct AttemptIssued {
    attempt_id: String,
    /// Decimal string (JavaScript numbers lose precision above 2^53).
    seed: Seed,
    attempt_number: u32,
    mode: Mode,
    package: PackageInfo,
    learner: Learner,
    /// Seen items the form avoids (empty on a first attempt or when the package allows them).
    #[serde(skip_serializing_if = "AssemblyContext::is_empty")]
    context: AssemblyContext,
    /// The options for the browser's `Session.start(pkg, {...now})`.
    start: StartOptions,
    issued_at: String,
}

/// `Session.start` options, camelCase as JavaScript writes them (`now` is the browser's).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StartOptions {
    learner: Learner,
    seed: Seed,
    attempt_id: String,
    attempt_number: u32,
    mode: Mode,
    #[serde(skip_serializing_if = "SortedSet::is_empty")]
    seen_item_ids: SortedSet<String>,
}

#[derive(Debug, Serialize)]
struct PackageInfo {
    id: String,
    version: String,
    secure: bool,
    /// Where the browser loads the package (the delivery copy for secure packages).
    url: String,
}

/// `POST /api/attempts`.
pub async fn post_attempt(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    issue(&app, &headers, body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn issue(
    app: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request: AttemptRequest = json_body(headers, body, &app.limits)?;
    if request.learner.id.trim().is_empty() {
        return Err(ApiError::bad_request(
            "malformed",
            "learner.id: must not be empty",
        ));
    }
    let package = match &request.version {
        Some(version) => app.registry.get(&request.package, version),
        None => app.registry.latest(&request.package),
    }
    .cloned()
    .ok_or_else(|| {
        ApiError::not_found(
            "unknown_package",
            format!(
                "package {}{} is not registered here",
                request.package,
                request
                    .version
                    .as_deref()
                    .map(|v| format!(" version {v}"))
                    .unwrap_or_default()
            ),
        )
    })?;
    let attempt_id = new_attempt_id().map_err(|e| ApiError::internal("attempt id", e))?;
    let seed = Seed(new_seed().map_err(|e| ApiError::internal("seed", e))?);
    let max = package.package.attempts.max;
    let learner = request.learner;
    // Another attempt issued to the same learner meanwhile makes this one stale: build again.
    let mut outcome = IssueOutcome::Stale;
    for _ in 0..5 {
        let store = app.store.clone();
        let package = package.clone();
        let (attempt_id, learner) = (attempt_id.clone(), learner.clone());
        outcome = blocking("issue attempt", move || {
            let earlier = store
                .attempts_of(&package.package.id, &learner.id)
                .map_err(|e| ApiError::storage("read attempts", e))?;
            let used = u32::try_from(earlier.len()).unwrap_or(u32::MAX);
            if let Some(max) = max.filter(|&max| used >= max) {
                return Ok(IssueOutcome::Exhausted { used, max });
            }
            let mut context = AssemblyContext::default();
            if package.package.attempts.avoid_seen_items {
                context.seen_item_ids = earlier
                    .iter()
                    .flat_map(|a| a.form_item_ids.iter().cloned())
                    .collect();
            }
            let form = assemble_form(&package.package, seed, &context).map_err(|e| {
                ApiError::conflict(
                    "no_form",
                    format!("no form can be assembled for this learner: {e}"),
                )
            })?;
            let attempt = IssuedAttempt {
                attempt_id,
                package_id: package.package.id.clone(),
                package_version: package.package.version.clone(),
                learner,
                seed,
                attempt_number: used.saturating_add(1),
                context,
                form_item_ids: form.items.into_iter().map(|i| i.item_id).collect(),
                issued_at: now(),
            };
            store
                .issue_attempt(attempt, max)
                .map_err(|e| ApiError::storage("issue attempt", e))
        })
        .await??;
        if outcome != IssueOutcome::Stale {
            break;
        }
    }
    match outcome {
        IssueOutcome::Issued(a) => Ok(json(
            StatusCode::CREATED,
            &AttemptIssued {
                start: StartOptions {
                    learner: a.learner.clone(),
                    seed: a.seed,
                    attempt_id: a.attempt_id.clone(),
                    attempt_number: a.attempt_number,
                    mode: if package.secure {
                        Mode::Secure
                    } else {
                        Mode::Practice
                    },
                    seen_item_ids: a.context.seen_item_ids.clone(),
                },
                context: a.context,
                package: PackageInfo {
                    url: format!(
                        "/api/packages/{}?version={}",
                        encode_segment(&a.package_id),
                        encode_segment(&a.package_version)
                    ),
                    id: a.package_id,
                    version: a.package_version,
                    secure: package.secure,
                },
                mode: if package.secure {
                    Mode::Secure
                } else {
                    Mode::Practice
                },
                attempt_id: a.attempt_id,
                seed: a.seed,
                attempt_number: a.attempt_number,
                learner: a.learner,
                issued_at: a.issued_at.to_rfc3339(),
            },
        )),
        IssueOutcome::Exhausted { used, max } => Err(ApiError::conflict(
            "attempts_exhausted",
            format!(
                "the learner has used {used} of the {max} attempts package {} allows",
                package.package.id
            ),
        )),
        IssueOutcome::Stale => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "attempts for this learner are being issued concurrently; try again",
        )),
    }
}
