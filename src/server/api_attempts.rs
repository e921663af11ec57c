//! `POST /api/attempts`: the service issues a secure attempt: a UUID v4 attempt id and a
//! 64-bit seed from the OS random source, numbered after the learner's earlier attempts on the
//! package and refused when the package's attempt limit is used up. The learner comes from the
//! host; in this reference service (no sign-in), from the request body.
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
use crate::assemble::Seed;
use crate::session::{Learner, Mode};

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
    issued_at: String,
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
    let attempt = IssuedAttempt {
        attempt_id: new_attempt_id().map_err(|e| ApiError::internal("attempt id", e))?,
        package_id: package.package.id.clone(),
        package_version: package.package.version.clone(),
        learner: request.learner,
        seed: Seed(new_seed().map_err(|e| ApiError::internal("seed", e))?),
        attempt_number: 0,
        issued_at: now(),
    };
    let max = package.package.attempts.max;
    let store = app.store.clone();
    let outcome = blocking("issue attempt", move || store.issue_attempt(attempt, max))
        .await?
        .map_err(|e| ApiError::internal("issue attempt", e))?;
    match outcome {
        IssueOutcome::Issued(a) => Ok(json(
            StatusCode::CREATED,
            &AttemptIssued {
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
    }
}
