//! The service's error responses: every refusal is a JSON document
//! `{"error": {"code", "message", "reasons"?}}` with a fitting 4xx (or 5xx) status, so a client
//! can tell "fix the request" from "try again later" without reading prose. A passing storage
//! failure (full, read-only, busy, unavailable) is 503 with a `Retry-After` header and a code
//! of its own (`storage_full`, `storage_read_only`, `storage_busy`, `storage_unavailable`):
//! nothing was stored, and the same request may succeed later.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::store::{StoreError, StoreFailure};

/// One reason a record was refused (verification findings, issued-attempt mismatches).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// A stable machine-readable code: `score`, `form`, `package_hash`, `seed`, ...
    pub code: String,
    /// A plain sentence naming the place: `"claimed scaled 0.92, recomputed 0.61"`.
    pub message: String,
}

impl Reason {
    /// A reason from its code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Reason {
        Reason {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// An error response of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub reasons: Vec<Reason>,
    /// Seconds after which a retry may succeed (the `Retry-After` header of a 503).
    pub retry_after: Option<u32>,
}

/// The `Retry-After` of a 503 for full or read-only storage (an operator has to act).
pub const RETRY_AFTER_STORAGE_SECS: u32 = 5;
/// The `Retry-After` of a 503 for busy storage (another writer holds the lock).
pub const RETRY_AFTER_BUSY_SECS: u32 = 1;

#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "<[Reason]>::is_empty")]
    reasons: &'a [Reason],
}

impl ApiError {
    /// An error with a status, a code and a message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            reasons: Vec::new(),
            retry_after: None,
        }
    }

    /// The answer to a storage failure: 503 with `Retry-After` when it may pass (the disk or
    /// quota is full, the file is read-only, another writer holds it, it cannot be opened
    /// now); 500 otherwise. Nothing was stored either way.
    pub fn storage(context: &str, error: StoreError) -> ApiError {
        let (code, what, retry_after) = match error.kind {
            StoreFailure::Full => (
                "storage_full",
                "the record store is full",
                RETRY_AFTER_STORAGE_SECS,
            ),
            StoreFailure::ReadOnly => (
                "storage_read_only",
                "the record store is read-only",
                RETRY_AFTER_STORAGE_SECS,
            ),
            StoreFailure::Busy => (
                "storage_busy",
                "the record store is busy",
                RETRY_AFTER_BUSY_SECS,
            ),
            StoreFailure::Unavailable => (
                "storage_unavailable",
                "the record store cannot be reached",
                RETRY_AFTER_STORAGE_SECS,
            ),
            StoreFailure::Other => return ApiError::internal(context, error),
        };
        eprintln!("certa serve: {context}: {error}");
        ApiError {
            retry_after: Some(retry_after),
            ..ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                code,
                format!("{what}: {context} did not happen and nothing was stored; keep the request and retry later"),
            )
        }
    }

    /// 400: the request itself is malformed.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 404: nothing by that name.
    pub fn not_found(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message)
    }

    /// 409: the request conflicts with what is stored.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    /// 422: well-formed, but refused, with the reasons.
    pub fn unprocessable(
        code: &'static str,
        message: impl Into<String>,
        reasons: Vec<Reason>,
    ) -> ApiError {
        ApiError {
            reasons,
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
        }
    }

    /// 500: the service failed; the request may succeed later. The detail goes to the log,
    /// not to the client.
    pub fn internal(context: &str, detail: impl std::fmt::Display) -> ApiError {
        eprintln!("certa serve: {context}: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("{context} failed; try again later"),
        )
    }

    /// The same error with reasons attached.
    pub fn with_reasons(mut self, reasons: Vec<Reason>) -> ApiError {
        self.reasons = reasons;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&Envelope {
            error: Body {
                code: self.code,
                message: &self.message,
                reasons: &self.reasons,
            },
        })
        .unwrap_or_default();
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}
