//! Storage behind the service: the [`RecordStore`] trait and the rows it reads and writes.
//! SQLite ([`super::sqlite::SqliteStore`]) is the default; another database implements the
//! same trait. Every write is one transaction, and record writes are idempotent by attempt id.

use serde::Serialize;

use crate::assemble::{AssemblyContext, Seed};
use crate::record::CompletionRecord;
use crate::score::Decision;
use crate::session::{Learner, Mode};
use crate::timestamp::Timestamp;

/// A storage failure (the database is unreachable, full, read-only, corrupt, or of a newer
/// schema). Its [`kind`](StoreError::kind) tells a passing condition, which the service answers
/// with 503 and `Retry-After` (the client keeps the record and retries), from a fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("storage: {message}")]
pub struct StoreError {
    pub kind: StoreFailure,
    /// What failed, with the storage's own words (`insert record: database or disk is full`).
    pub message: String,
}

/// What kind of storage failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreFailure {
    /// No room: the disk, the file system quota or the database's page limit is reached.
    Full,
    /// The database cannot be written (a read-only file, mount or connection).
    ReadOnly,
    /// Another writer holds the database longer than the busy timeout.
    Busy,
    /// The database file cannot be opened or read right now (I/O error, missing directory).
    Unavailable,
    /// Anything else: corruption, a schema mismatch, a bug.
    Other,
}

impl StoreError {
    /// A failure of kind [`StoreFailure::Other`].
    pub fn new(message: impl Into<String>) -> StoreError {
        StoreError::of(StoreFailure::Other, message)
    }

    /// A failure of the given kind.
    pub fn of(kind: StoreFailure, message: impl Into<String>) -> StoreError {
        StoreError {
            kind,
            message: message.into(),
        }
    }

    /// True when the request may succeed later without anything changing in it (full,
    /// read-only, busy, unavailable storage).
    pub fn is_passing(&self) -> bool {
        self.kind != StoreFailure::Other
    }
}

/// An attempt issued by `POST /api/attempts`: the backend chose its id and seed, and knows the
/// learner from the host.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssuedAttempt {
    pub attempt_id: String,
    pub package_id: String,
    pub package_version: String,
    pub learner: Learner,
    pub seed: Seed,
    /// 1 for the learner's first attempt on this package id, 2 for the next, ...
    pub attempt_number: u32,
    /// What assembly knew: the items of the learner's earlier forms when the package avoids
    /// seen items. The record must carry exactly this.
    pub context: AssemblyContext,
    /// The items of the form the seed and context give (the learner has seen them once the
    /// attempt is delivered, submitted or not).
    pub form_item_ids: Vec<String>,
    pub issued_at: Timestamp,
}

/// What issuing an attempt gave.
#[allow(clippy::large_enum_variant)] // one per request; boxing would buy nothing
#[derive(Debug, Clone, PartialEq)]
pub enum IssueOutcome {
    Issued(IssuedAttempt),
    /// The learner has used every attempt the package allows.
    Exhausted {
        used: u32,
        max: u32,
    },
    /// Another attempt was issued to the learner meanwhile: `attempt_number` (and the context
    /// built from the earlier attempts) are out of date. Build them again and retry.
    Stale,
}

/// A verified record as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    /// The verified record (its result recomputed by the service).
    pub record: CompletionRecord,
    /// The record *as posted*, hashed (`api_records::posted_hash`: `sha256:` hex of its
    /// canonical JSON, whole numbers in responses written as integers): a re-post of the same
    /// record is a duplicate; anything else under the same attempt id is a conflict.
    pub posted_sha256: String,
    pub stored_at: Timestamp,
}

/// What storing a record did.
#[derive(Debug, Clone, PartialEq)]
pub enum PutOutcome {
    /// Stored now.
    Created(StoredRecord),
    /// The same record was already stored; this is it.
    Duplicate(StoredRecord),
    /// Another record is stored under this attempt id; this is the stored one.
    Conflict(StoredRecord),
}

/// Which records to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordFilter {
    pub package_id: Option<String>,
    pub package_version: Option<String>,
    /// At most this many rows (listing only; summaries cover every matching record).
    pub limit: Option<u32>,
    pub offset: u32,
}

/// One outcome's mastery on one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeRow {
    pub outcome: String,
    pub score: f64,
    pub mastered: bool,
}

/// One stored record as a gradebook row (no responses, no form).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordRow {
    pub attempt_id: String,
    pub learner_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learner_name: Option<String>,
    pub package_id: String,
    pub package_version: String,
    pub mode: Mode,
    pub attempt_number: u32,
    pub started_at: Timestamp,
    pub submitted_at: Timestamp,
    pub duration_ms: u64,
    pub raw: f64,
    pub max_raw: f64,
    pub scaled: f64,
    pub decision: Decision,
    pub credential_awarded: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_expires_at: Option<Timestamp>,
    pub outcomes: Vec<OutcomeRow>,
    pub stored_at: Timestamp,
}

impl RecordRow {
    /// The row of a verified record; `None` when the record has no result.
    pub fn of(record: &CompletionRecord, stored_at: Timestamp) -> Option<RecordRow> {
        let result = record.result.as_ref()?;
        Some(RecordRow {
            attempt_id: record.attempt_id.clone(),
            learner_id: record.learner.id.clone(),
            learner_name: record.learner.name.clone(),
            package_id: record.package.id.clone(),
            package_version: record.package.version.clone(),
            mode: record.mode,
            attempt_number: record.attempt_number,
            started_at: record.started_at,
            submitted_at: record.submitted_at,
            duration_ms: record.duration_ms,
            raw: result.raw,
            max_raw: result.max_raw,
            scaled: result.scaled,
            decision: result.decision,
            credential_awarded: result.credential.awarded,
            credential_expires_at: result.credential.expires_at,
            outcomes: result
                .outcomes
                .iter()
                .map(|o| OutcomeRow {
                    outcome: o.outcome.clone(),
                    score: o.score,
                    mastered: o.mastered,
                })
                .collect(),
            stored_at,
        })
    }
}

/// One outcome across the selected records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeSummary {
    pub outcome: String,
    /// Records that judged this outcome.
    pub count: u64,
    pub mastered: u64,
    /// mastered / count.
    pub mastered_share: f64,
    /// Mean outcome score, in [0, 1].
    pub mean_score: f64,
}

/// The selected records in aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub count: u64,
    pub passed: u64,
    /// passed / count; 0 when there are no records.
    pub pass_rate: f64,
    pub mean_scaled: f64,
    pub credentials_awarded: u64,
    pub outcomes: Vec<OutcomeSummary>,
}

/// Where the service keeps issued attempts and verified records.
///
/// Calls block (run them off the async executor). Implementations must make each call one
/// transaction, so a failure leaves nothing half-written.
pub trait RecordStore: Send + Sync {
    /// The attempts issued to a learner on a package id (any version), oldest first.
    fn attempts_of(
        &self,
        package_id: &str,
        learner_id: &str,
    ) -> Result<Vec<IssuedAttempt>, StoreError>;

    /// Issue an attempt numbered `attempt.attempt_number`: stored only when the learner has
    /// exactly `attempt_number - 1` attempts on the package id (else [`IssueOutcome::Stale`]),
    /// and refused when that would exceed `max_attempts`.
    fn issue_attempt(
        &self,
        attempt: IssuedAttempt,
        max_attempts: Option<u32>,
    ) -> Result<IssueOutcome, StoreError>;

    /// The attempt issued under this id.
    fn attempt(&self, attempt_id: &str) -> Result<Option<IssuedAttempt>, StoreError>;

    /// Store a verified record unless one is stored under its attempt id (then say whether it
    /// is the same record, by `posted_sha256`).
    fn put_record(
        &self,
        record: &CompletionRecord,
        posted_sha256: &str,
        stored_at: Timestamp,
    ) -> Result<PutOutcome, StoreError>;

    /// The stored record under this attempt id.
    fn record(&self, attempt_id: &str) -> Result<Option<StoredRecord>, StoreError>;

    /// Gradebook rows, in the order they were stored.
    fn rows(&self, filter: &RecordFilter) -> Result<Vec<RecordRow>, StoreError>;

    /// The aggregate over every record the filter selects (limit and offset ignored).
    fn summary(&self, filter: &RecordFilter) -> Result<Summary, StoreError>;
}
