//! `/api/records/{id}/…`: a stored record in the standards: xAPI statements, SCORM 2004
//! data-model pairs, an LTI AGS score, and the Open Badges 3.0 credential (signed as a JWT VC
//! when the service has a key). Also the issuer's public key set.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::api_records::stored_record;
use super::app::{json, AppState};
use super::error::ApiError;
use super::registry::RegisteredPackage;
use super::store::StoredRecord;
use crate::record::xapi::{xapi_statements, XapiOptions};
use crate::record::ExportError;

/// The stored record and the package it was verified against, or 404 / 409.
async fn record_and_package(
    app: &AppState,
    id: String,
) -> Result<(StoredRecord, Arc<RegisteredPackage>), ApiError> {
    let stored = stored_record(app, id).await?;
    let package = app
        .registry
        .get(&stored.record.package.id, &stored.record.package.version)
        .cloned()
        .ok_or_else(|| {
            ApiError::conflict(
                "package_unavailable",
                format!(
                    "package {} {} is no longer registered, so the record cannot be exported",
                    stored.record.package.id, stored.record.package.version
                ),
            )
        })?;
    Ok((stored, package))
}

fn export_error(what: &str, e: ExportError) -> ApiError {
    ApiError::conflict("not_exportable", format!("{what}: {e}"))
}

/// The xAPI options of this service: activity IRIs and the learner's account under its
/// public URL.
pub fn xapi_options(app: &AppState) -> XapiOptions {
    let mut options = XapiOptions::default();
    if let Some(base) = &app.public_url {
        options.activity_base = format!("{base}/xapi");
        options.actor_home_page = base.clone();
    }
    options
}

fn pending(what: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_IMPLEMENTED,
        "not_implemented",
        format!("the {what} export is not wired yet"),
    )
}

/// `GET /api/records/{id}/xapi`: the xAPI 1.0.3 statements (a JSON array, as an LRS takes
/// them), attempted, answered per item, completed, passed/failed, and one per outcome.
pub async fn xapi(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    let run = async {
        let (stored, package) = record_and_package(&app, id).await?;
        let statements = xapi_statements(&package.package, &stored.record, &xapi_options(&app))
            .map_err(|e| export_error("xAPI", e))?;
        Ok::<_, ApiError>(json(StatusCode::OK, &statements))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
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
