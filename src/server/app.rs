//! The service's shared state and its routes.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;

use super::body::Limits;
use super::error::ApiError;
use super::registry::PackageRegistry;
use super::signing::BadgeSigner;
use super::store::RecordStore;
use super::{api_attempts, api_exports, api_packages, api_records, static_files};
use crate::timestamp::Timestamp;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub registry: Arc<PackageRegistry>,
    pub store: Arc<dyn RecordStore>,
    /// Signs badges when a key is configured.
    pub signer: Option<Arc<BadgeSigner>>,
    pub limits: Limits,
    /// Canonical `--www` root for the demo's static files; `None` serves none.
    pub static_root: Option<PathBuf>,
    /// The service's public base URL (no trailing slash): the xAPI activity and account
    /// base and the badge issuer. `None`: the exporters' placeholder (`https://certa.invalid`).
    pub public_url: Option<String>,
    /// The badge issuer's name.
    pub issuer_name: String,
    /// Salt of the hashed learner identities in badges (required for learners with e-mail).
    pub identity_salt: Option<String>,
}

/// The router of the whole service.
pub fn router(state: AppState) -> Router {
    let body_limit = state.limits.max_body_bytes;
    Router::new()
        .route("/api/attempts", post(api_attempts::post_attempt))
        .route(
            "/api/records",
            post(api_records::post_record).get(api_records::list_records),
        )
        .route("/api/records.csv", get(api_records::gradebook_csv))
        .route("/api/records/{id}", get(api_records::get_record))
        .route("/api/records/{id}/xapi", get(api_exports::xapi))
        .route("/api/records/{id}/scorm", get(api_exports::scorm))
        .route(
            "/api/records/{id}/lti-score",
            get(api_exports::lti_score_body),
        )
        .route("/api/records/{id}/badge", get(api_exports::badge))
        .route("/api/packages", get(api_packages::list_packages))
        .route("/api/packages/{id}", get(api_packages::get_package))
        .route("/.well-known/jwks.json", get(api_exports::jwks))
        .route("/", get(|| async { redirect("/www/index.html") }))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn(move |request, next| {
            declared_length_limit(body_limit, request, next)
        }))
        .layer(axum::middleware::map_response(json_errors))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Refuse a body whose declared `Content-Length` is over the limit before reading any of it
/// (a body without one, or lying, is still cut at the limit while read).
async fn declared_length_limit(
    limit: usize,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the body is larger than {limit} bytes"),
        )
        .into_response();
    }
    next.run(request).await
}

/// Every error answer is the JSON envelope of [`ApiError`]: the plain-text refusals of axum's
/// own extractors (an undecodable path segment, a broken query, ...) are wrapped in it, with
/// their text as the message.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_string())
        .unwrap_or_default();
    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
        s if s.is_server_error() => "internal",
        _ => "refused",
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("refused").to_string()
    } else {
        text
    };
    let mut wrapped = ApiError::new(status, code, message).into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            wrapped.headers_mut().insert(name.clone(), value.clone());
        }
    }
    wrapped
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

fn redirect(to: &'static str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// Everything the API routes do not match: static files (GET/HEAD), else 404.
async fn fallback(
    axum::extract::State(state): axum::extract::State<AppState>,
    method: Method,
    uri: Uri,
) -> Response {
    let path = uri.path().to_string();
    if path.starts_with("/api/") || (method != Method::GET && method != Method::HEAD) {
        return ApiError::not_found("not_found", format!("no route for {method} {path}"))
            .into_response();
    }
    let Some(root) = state.static_root.clone() else {
        return ApiError::not_found("not_found", format!("{path}: no static files are served"))
            .into_response();
    };
    let registry = Arc::clone(&state.registry);
    let resolved = blocking("static file", move || {
        let file = static_files::resolve(&root, &path, &registry)?;
        std::fs::read(&file)
            .map(|bytes| (static_files::content_type(&file), bytes))
            .map_err(|_| static_files::Refusal::NotFound)
    })
    .await;
    match resolved {
        Ok(Ok((content_type, bytes))) => {
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        Ok(Err(static_files::Refusal::BadPath)) => {
            ApiError::bad_request("bad_path", "not a servable path").into_response()
        }
        Ok(Err(static_files::Refusal::SecurePackage)) => ApiError::new(
            StatusCode::FORBIDDEN,
            "secure_package",
            "a secure package is served only as its delivery copy (GET /api/packages/{id})",
        )
        .into_response(),
        Ok(Err(static_files::Refusal::NotFound)) => {
            ApiError::not_found("not_found", format!("{}: not found", uri.path())).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// Run blocking work (storage, verification, file reads) off the async executor. A panic in
/// it becomes a 500, never a dead server.
pub async fn blocking<T, F>(what: &'static str, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(what, e))
}

/// The wall clock, in Unix milliseconds.
pub fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    Timestamp(i64::try_from(ms).unwrap_or(i64::MAX))
}

/// A JSON response.
pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(e) => ApiError::internal("encode response", e).into_response(),
    }
}

/// A JSON response from text that is already JSON.
pub fn json_text(status: StatusCode, text: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        text.into(),
    )
        .into_response()
}
