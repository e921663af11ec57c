//! `/api/records/{id}/…`: a stored record in the standards: xAPI statements, SCORM 2004
//! data-model pairs, an LTI AGS score, and the Open Badges 3.0 credential (signed as a JWT VC
//! when the service has a key). Also the issuer's public key set.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::api_records::stored_record;
use super::app::{json, AppState};
use super::error::ApiError;
use super::error::Reason;
use super::registry::RegisteredPackage;
use super::store::StoredRecord;
use crate::record::badge::{open_badge, BadgeOptions, IssuerOptions};
use crate::record::lti::{lti_score, LtiOptions};
use crate::record::scorm::{scorm12, scorm2004, ScormExport};
use crate::record::xapi::{xapi_statements, XapiOptions};
use crate::record::ExportError;

/// Placeholder base of identifiers when no public URL is configured (a reserved domain).
const PLACEHOLDER_BASE: &str = "https://certa.invalid";

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

/// Query of the SCORM export: `version=2004` (default) or `version=1.2`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScormQuery {
    version: Option<String>,
}

#[derive(Serialize)]
struct ScormAnswer<'a> {
    version: &'a str,
    #[serde(flatten)]
    export: ScormExport,
}

/// `GET /api/records/{id}/scorm?version=2004|1.2`: the run-time data a SCO would set at the
/// end of the attempt, `(element, value)` pairs in `SetValue` order, with notices of what the
/// format forced (truncations, dropped values).
pub async fn scorm(
    State(app): State<AppState>,
    Path(id): Path<String>,
    query: Result<Query<ScormQuery>, QueryRejection>,
) -> Response {
    let run = async {
        let Query(query) = query.map_err(|e| ApiError::bad_request("bad_query", e.body_text()))?;
        let version = query.version.unwrap_or_else(|| "2004".into());
        if version != "2004" && version != "1.2" {
            return Err(ApiError::bad_request(
                "bad_query",
                format!("version: expected 2004 or 1.2, found \"{version}\""),
            ));
        }
        let (stored, package) = record_and_package(&app, id).await?;
        let export = if version == "2004" {
            scorm2004(&package.package, &stored.record)
        } else {
            scorm12(&package.package, &stored.record)
        }
        .map_err(|e| export_error("SCORM", e))?;
        Ok(json(
            StatusCode::OK,
            &ScormAnswer {
                version: &version,
                export,
            },
        ))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /api/records/{id}/lti-score`: the LTI AGS score body (`userId` is the learner id,
/// `timestamp` when the service verified and stored the record).
pub async fn lti_score_body(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    let run = async {
        let (stored, package) = record_and_package(&app, id).await?;
        let options = LtiOptions {
            timestamp: Some(stored.stored_at),
            ..LtiOptions::default()
        };
        let score = lti_score(&package.package, &stored.record, &options)
            .map_err(|e| export_error("LTI score", e))?;
        let mut response = json(StatusCode::OK, &score);
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/vnd.ims.lis.v1.score+json"),
        );
        Ok::<_, ApiError>(response)
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The badge options of this service: the issuer under its public URL.
pub fn badge_options(app: &AppState) -> BadgeOptions {
    let base = app.public_url.as_deref().unwrap_or(PLACEHOLDER_BASE);
    BadgeOptions {
        issuer: IssuerOptions {
            id: format!("{base}/issuer"),
            name: app.issuer_name.clone(),
            url: app.public_url.clone(),
        },
        identity_salt: app.identity_salt.clone(),
        ..BadgeOptions::default()
    }
}

/// `GET /api/records/{id}/badge`: the Open Badges 3.0 credential of an awarded attempt:
/// `{"credential", "jwt"?, "proof"?}`, the JWT (a VC-JOSE-COSE `vc+jwt`, EdDSA) when the
/// service has a signing key; with `Accept: application/vc+jwt`, the bare JWT. 404 unknown
/// attempt; 409 `not_awarded` with the reasons when the attempt earned no credential.
pub async fn badge(
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let run = async {
        let (stored, package) = record_and_package(&app, id).await?;
        let credential = open_badge(&package.package, &stored.record, &badge_options(&app))
            .map_err(|e| export_error("badge", e))?;
        let Some(credential) = credential else {
            let reasons = stored
                .record
                .result
                .as_ref()
                .map(|r| {
                    r.credential
                        .reasons
                        .iter()
                        .map(|m| Reason::new("not_awarded", m.clone()))
                        .collect()
                })
                .unwrap_or_default();
            return Err(ApiError::conflict(
                "not_awarded",
                format!(
                    "attempt {} earned no credential, so there is no badge",
                    stored.record.attempt_id
                ),
            )
            .with_reasons(reasons));
        };
        let credential =
            serde_json::to_value(&credential).map_err(|e| ApiError::internal("badge", e))?;
        let wants_jwt = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/vc+jwt"));
        match &app.signer {
            Some(signer) if wants_jwt => Ok((
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/vc+jwt")],
                signer.sign_jwt(&credential),
            )
                .into_response()),
            Some(signer) => Ok(json(
                StatusCode::OK,
                &serde_json::json!({
                    "credential": credential,
                    "jwt": signer.sign_jwt(&credential),
                    "proof": {
                        "format": "vc+jwt",
                        "alg": "EdDSA",
                        "kid": signer.kid(),
                        "jwks": "/.well-known/jwks.json",
                    },
                }),
            )),
            None if wants_jwt => Err(ApiError::new(
                StatusCode::NOT_ACCEPTABLE,
                "unsigned",
                "this service has no signing key (certa serve --signing-key), so no JWT",
            )),
            None => Ok(json(
                StatusCode::OK,
                &serde_json::json!({ "credential": credential }),
            )),
        }
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /.well-known/jwks.json`: the public key badges are signed with.
pub async fn jwks(State(app): State<AppState>) -> Response {
    match &app.signer {
        Some(signer) => json(StatusCode::OK, &signer.jwks()),
        None => ApiError::not_found("no_signing_key", "this service signs no credentials")
            .into_response(),
    }
}
