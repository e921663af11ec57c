//! `/api/records`: posting a record (verify, then store idempotently by attempt id), reading
//! one back, the listing with its per-outcome summary, and the gradebook CSV.
//!
//! Status codes of `POST /api/records`: 201 stored now; 200 the same record was already
//! stored (the stored result is returned); 400 malformed body or too deep; 409 another record
//! is stored under this attempt id; 413 too large; 415 not JSON; 422 refused (unknown package,
//! not issued, does not match its issued attempt, arrived after the time limit by the
//! service's clock, or fails verification), with the reasons.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::app::{blocking, json, json_text, now, AppState};
use super::body::json_body;
use super::error::{ApiError, Reason};
use super::gradebook;
use super::intake::{check_attempt, check_service_clock, check_shape, verify_record, ServiceClock};
use super::store::{PutOutcome, RecordFilter, StoredRecord};
use crate::model::json::{Number, Value};
use crate::record::CompletionRecord;
use crate::score::{round, CredentialDecision, Decision};
use crate::sha256;

/// `sha256:` + hex SHA-256 of text.
pub fn sha256_text(text: &str) -> String {
    let digest = sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The idempotency hash of a posted record: `sha256:` hex of its canonical JSON, with every
/// whole number in a response value written as an integer (`17.0` → `17`). JSON gives one
/// number either way, and serializers differ: a browser re-sending a record (`JSON.stringify`)
/// writes `17` where the native engine wrote `17.0`; both are the same record, a duplicate and
/// not a conflict.
pub fn posted_hash(record: &CompletionRecord) -> String {
    let mut normalized = record.clone();
    for entry in normalized.responses.values_mut() {
        whole_numbers_as_integers(&mut entry.value);
    }
    sha256_text(&normalized.to_canonical_json())
}

/// Write every float with no fractional part (within ±2^53, where floats are exact integers) as
/// an integer, in place.
fn whole_numbers_as_integers(value: &mut Value) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.is_finite() && f.fract() == 0.0 && f.abs() <= EXACT {
                    *n = Number::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(members) => members.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

/// One outcome in an acknowledgement.
#[derive(Debug, Serialize)]
struct OutcomeAck {
    outcome: String,
    score: f64,
    mastered: bool,
    required: bool,
}

/// The verified result, as the host page shows it (no per-item detail).
#[derive(Debug, Serialize)]
struct ResultAck {
    raw: f64,
    max_raw: f64,
    /// Unrounded.
    scaled: f64,
    /// Rounded by the package's rule, when the package is registered.
    #[serde(skip_serializing_if = "Option::is_none")]
    scaled_reported: Option<f64>,
    decision: Decision,
    credential: CredentialDecision,
    outcomes: Vec<OutcomeAck>,
}

#[derive(Debug, Serialize)]
struct Links {
    record: String,
    xapi: String,
    scorm: String,
    lti_score: String,
    badge: String,
}

impl Links {
    fn of(attempt_id: &str) -> Links {
        let base = format!("/api/records/{}", encode_segment(attempt_id));
        Links {
            xapi: format!("{base}/xapi"),
            scorm: format!("{base}/scorm"),
            lti_score: format!("{base}/lti-score"),
            badge: format!("{base}/badge"),
            record: base,
        }
    }
}

/// The body of a 201 or 200 answer to `POST /api/records`.
#[derive(Debug, Serialize)]
struct Acknowledgement {
    /// `stored` (201) or `duplicate` (200).
    status: &'static str,
    attempt_id: String,
    /// Always true: only verified records are stored.
    verified: bool,
    stored_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<ResultAck>,
    /// For an attempt issued here: its times on the service's clock (for a repeat, the
    /// arrival is when the record was stored).
    #[serde(skip_serializing_if = "Option::is_none")]
    service_clock: Option<ServiceClock>,
    links: Links,
}

/// Percent-encode a path segment (attempt ids are UUIDs, but any text is accepted).
pub fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn acknowledge(
    app: &AppState,
    status: StatusCode,
    stored: &StoredRecord,
    service_clock: Option<ServiceClock>,
) -> Response {
    let record = &stored.record;
    let rounding = app
        .registry
        .get(&record.package.id, &record.package.version)
        .map(|p| p.package.scoring.rounding);
    let result = record.result.as_ref().map(|r| ResultAck {
        raw: r.raw,
        max_raw: r.max_raw,
        scaled: r.scaled,
        scaled_reported: rounding.as_ref().map(|rule| round(r.scaled, rule)),
        decision: r.decision,
        credential: r.credential.clone(),
        outcomes: r
            .outcomes
            .iter()
            .map(|o| OutcomeAck {
                outcome: o.outcome.clone(),
                score: o.score,
                mastered: o.mastered,
                required: o.required,
            })
            .collect(),
    });
    json(
        status,
        &Acknowledgement {
            status: if status == StatusCode::CREATED {
                "stored"
            } else {
                "duplicate"
            },
            attempt_id: record.attempt_id.clone(),
            verified: true,
            stored_at: stored.stored_at.to_rfc3339(),
            result,
            service_clock,
            links: Links::of(&record.attempt_id),
        },
    )
}

fn conflict(attempt_id: &str) -> ApiError {
    ApiError::conflict(
        "attempt_conflict",
        format!(
            "attempt {attempt_id} is already stored with a different record; a stored record is never replaced"
        ),
    )
}

/// `POST /api/records`.
pub async fn post_record(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match accept_record(&app, &headers, body).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn accept_record(
    app: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    // The body is in (the extractor buffered it): this is when the record arrived.
    let received_at = now();
    let record: CompletionRecord = json_body(headers, body, &app.limits)?;
    check_shape(&record).map_err(|m| ApiError::bad_request("malformed", m))?;
    let posted_sha256 = posted_hash(&record);
    // Databases written before `posted_hash` hashed the canonical JSON as it came.
    let legacy_sha256 = sha256_text(&record.to_canonical_json());
    let grace_ms = app.limits.time_limit_grace_ms;

    // A known attempt id: a repeat (same canonical record) or a conflict, without verifying.
    let store = app.store.clone();
    let id = record.attempt_id.clone();
    let existing = blocking("read record", move || {
        let Some(stored) = store.record(&id)? else {
            return Ok(None);
        };
        Ok::<_, super::store::StoreError>(Some((stored, store.attempt(&id)?)))
    })
    .await?
    .map_err(|e| ApiError::storage("read record", e))?;
    if let Some((existing, issued)) = existing {
        if existing.posted_sha256 != posted_sha256 && existing.posted_sha256 != legacy_sha256 {
            return Err(conflict(&record.attempt_id));
        }
        let clock = issued.and_then(|issued| {
            let package = app.registry.get(
                &existing.record.package.id,
                &existing.record.package.version,
            )?;
            Some(ServiceClock::of(
                &existing.record,
                &issued,
                package,
                existing.stored_at,
                grace_ms,
            ))
        });
        return Ok(acknowledge(app, StatusCode::OK, &existing, clock));
    }

    let package = app
        .registry
        .get(&record.package.id, &record.package.version)
        .cloned()
        .ok_or_else(|| {
            ApiError::unprocessable(
                "unknown_package",
                format!(
                    "package {} version {} is not registered here",
                    record.package.id, record.package.version
                ),
                vec![Reason::new(
                    "package",
                    format!(
                        "no package {} {} among the registered packages",
                        record.package.id, record.package.version
                    ),
                )],
            )
        })?;
    let store = app.store.clone();
    let id = record.attempt_id.clone();
    let issued = blocking("read attempt", move || store.attempt(&id))
        .await?
        .map_err(|e| ApiError::storage("read attempt", e))?;
    let clock = issued
        .as_ref()
        .map(|issued| ServiceClock::of(&record, issued, &package, received_at, grace_ms));
    let late = clock
        .as_ref()
        .and_then(|clock| check_service_clock(&record, clock));
    let checked = match (check_attempt(&record, issued.as_ref(), &package), late) {
        (Ok(checked), None) => checked,
        (Ok(_), Some(late)) => {
            return Err(ApiError::unprocessable(
                "refused",
                "the record arrived after the time limit by the service's clock",
                vec![late],
            ))
        }
        (Err(mut reasons), late) => {
            reasons.extend(late);
            return Err(ApiError::unprocessable(
                "refused",
                "the record cannot be accepted",
                reasons,
            ));
        }
    };
    let verified = blocking("verify", move || verify_record(&checked, &package))
        .await?
        .map_err(|reasons| {
            ApiError::unprocessable(
                "not_verified",
                "the record does not verify against its package",
                reasons,
            )
        })?;
    let store = app.store.clone();
    let outcome = blocking("store record", move || {
        store.put_record(&verified, &posted_sha256, now())
    })
    .await?
    .map_err(|e| ApiError::storage("store record", e))?;
    match outcome {
        PutOutcome::Created(stored) => Ok(acknowledge(app, StatusCode::CREATED, &stored, clock)),
        PutOutcome::Duplicate(stored) => Ok(acknowledge(app, StatusCode::OK, &stored, clock)),
        PutOutcome::Conflict(_) => Err(conflict(&record.attempt_id)),
    }
}

/// `GET /api/records/{id}`: the stored, verified record.
pub async fn get_record(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    match stored_record(&app, id).await {
        Ok(stored) => json_text(StatusCode::OK, stored.record.to_canonical_json()),
        Err(e) => e.into_response(),
    }
}

/// The stored record under an attempt id, or 404.
pub async fn stored_record(app: &AppState, id: String) -> Result<StoredRecord, ApiError> {
    let store = app.store.clone();
    let shown = id.clone();
    blocking("read record", move || store.record(&id))
        .await?
        .map_err(|e| ApiError::storage("read record", e))?
        .ok_or_else(|| {
            ApiError::not_found("unknown_record", format!("no record for attempt {shown}"))
        })
}

/// Query of the listing and the CSV.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    package: Option<String>,
    version: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

fn filter_of(
    query: Result<Query<ListQuery>, QueryRejection>,
    max: Option<u32>,
) -> Result<RecordFilter, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("bad_query", e.body_text()))?;
    Ok(RecordFilter {
        package_id: query.package,
        package_version: query.version,
        limit: max.map(|max| query.limit.unwrap_or(max).min(max)),
        offset: query.offset.unwrap_or(0),
    })
}

/// `GET /api/records?package=&version=&limit=&offset=`: gradebook rows and the summary
/// (count, pass rate, mean scaled score, and per outcome: count, mastered share, mean score).
pub async fn list_records(
    State(app): State<AppState>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    #[derive(Serialize)]
    struct Listing {
        #[serde(skip_serializing_if = "Option::is_none")]
        package: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<String>,
        summary: super::store::Summary,
        offset: u32,
        limit: Option<u32>,
        records: Vec<super::store::RecordRow>,
    }
    let run = async {
        let filter = filter_of(query, Some(app.limits.max_listing))?;
        let store = app.store.clone();
        let f = filter.clone();
        let (summary, records) = blocking("list records", move || {
            Ok::<_, super::store::StoreError>((store.summary(&f)?, store.rows(&f)?))
        })
        .await?
        .map_err(|e| ApiError::storage("list records", e))?;
        Ok::<_, ApiError>(json(
            StatusCode::OK,
            &Listing {
                package: filter.package_id,
                version: filter.package_version,
                summary,
                offset: filter.offset,
                limit: filter.limit,
                records,
            },
        ))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /api/records.csv?package=&version=`: every selected record, one row per attempt.
pub async fn gradebook_csv(
    State(app): State<AppState>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let run = async {
        let filter = filter_of(query, None)?;
        let store = app.store.clone();
        let rows = blocking("gradebook", move || store.rows(&filter))
            .await?
            .map_err(|e| ApiError::storage("gradebook", e))?;
        Ok::<_, ApiError>(
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"certa-records.csv\"",
                    ),
                ],
                gradebook::to_csv(&rows),
            )
                .into_response(),
        )
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}
