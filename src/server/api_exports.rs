//! `/api/records/{id}/…`: a stored record in the standards: xAPI statements, SCORM 2004
//! data-model pairs, an LTI AGS score, and the Open Badges 3.0 credential (signed as a JWT VC
//! when the service has a key). Also the issuer's public key set.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::api_records::stored_record;
use super::app::{json, AppState};
use super::error::ApiError;

fn pending(what: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_IMPLEMENTED,
        "not_implemented",
        format!("the {what} export is not wired yet"),
    )
}

/// `GET /api/records/{id}/xapi`.
pub async fn xapi(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    match stored_record(&app, id).await {
        Ok(_) => pending("xAPI").into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/records/{id}/scorm`.
pub async fn scorm(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    match stored_record(&app, id).await {
        Ok(_) => pending("SCORM").into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/records/{id}/lti-score`.
pub async fn lti_score(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    match stored_record(&app, id).await {
        Ok(_) => pending("LTI").into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/records/{id}/badge`.
pub async fn badge(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    match stored_record(&app, id).await {
        Ok(_) => pending("badge").into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /.well-known/jwks.json`: the public key badges are signed with.
pub async fn jwks(State(app): State<AppState>) -> Response {
    match &app.signer {
        Some(signer) => json(StatusCode::OK, &signer.jwks()),
        None => ApiError::not_found("no_signing_key", "this service signs no credentials")
            .into_response(),
    }
}
