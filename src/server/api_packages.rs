//! `/api/packages`: the registered packages, and each package as browsers get it: the
//! key-stripped delivery copy for secure packages, the full package otherwise.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::app::{json, json_text, AppState};
use super::error::ApiError;

#[derive(Debug, Serialize)]
struct PackageEntry {
    id: String,
    version: String,
    title: String,
    secure: bool,
    content_hash: String,
}

/// `GET /api/packages`.
pub async fn list_packages(State(app): State<AppState>) -> Response {
    let packages: Vec<PackageEntry> = app
        .registry
        .iter()
        .map(|p| PackageEntry {
            id: p.package.id.clone(),
            version: p.package.version.clone(),
            title: p.package.title.clone(),
            secure: p.secure,
            content_hash: p.content_hash.clone(),
        })
        .collect();
    json(StatusCode::OK, &serde_json::json!({ "packages": packages }))
}

/// Query of `GET /api/packages/{id}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionQuery {
    version: Option<String>,
}

/// `GET /api/packages/{id}?version=`: the package JSON a browser loads (newest version when
/// none is named).
pub async fn get_package(
    State(app): State<AppState>,
    Path(id): Path<String>,
    query: Result<Query<VersionQuery>, QueryRejection>,
) -> Response {
    let run = || {
        let Query(query) = query.map_err(|e| ApiError::bad_request("bad_query", e.body_text()))?;
        let entry = match &query.version {
            Some(v) => app.registry.get(&id, v),
            None => app.registry.latest(&id),
        }
        .ok_or_else(|| {
            ApiError::not_found(
                "unknown_package",
                format!("package {id} is not registered here"),
            )
        })?;
        Ok::<_, ApiError>(json_text(StatusCode::OK, entry.delivery_json.to_string()))
    };
    run().unwrap_or_else(IntoResponse::into_response)
}
