//! Reading a JSON request body within the limits: size (413), content type (415), nesting
//! depth (400, checked on the raw bytes before deserializing) and shape (400 with the JSON
//! path, line and column of the first problem, from the engine's reader `model::json`, which
//! also refuses repeated keys).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::json_depth::check_depth;

/// Request limits, and the grace of the time limit on the service's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted request body (2 MiB by default; a 300-item exam record is ~60 KiB).
    pub max_body_bytes: usize,
    /// Deepest accepted JSON nesting (64 by default; a record nests about 6 deep).
    pub max_json_depth: usize,
    /// Most rows one listing returns (1,000 by default).
    pub max_listing: u32,
    /// How long after `issued_at + time limit` (service clock) the record of an issued attempt
    /// may still arrive: page load, the post, retries (120,000 ms by default).
    pub time_limit_grace_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 2 * 1024 * 1024,
            max_json_depth: 64,
            max_listing: 1000,
            time_limit_grace_ms: 120_000,
        }
    }
}

/// Parse a JSON body into `T`.
pub fn json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    limits: &Limits,
) -> Result<T, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json" || mime.ends_with("+json")
        });
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the body is larger than {} bytes", limits.max_body_bytes),
            )
        } else {
            ApiError::bad_request("unreadable_body", rejection.body_text())
        }
    })?;
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the body as Content-Type: application/json",
        ));
    }
    check_depth(&body, limits.max_json_depth)
        .map_err(|e| ApiError::bad_request("too_deep", e.to_string()))?;
    let text = std::str::from_utf8(&body)
        .map_err(|e| ApiError::bad_request("malformed", format!("the body is not UTF-8: {e}")))?;
    crate::model::json::from_str(text)
        .map_err(|e| ApiError::bad_request("malformed", e.to_string()))
}
