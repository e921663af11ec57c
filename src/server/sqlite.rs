//! The SQLite [`RecordStore`]: one database file in WAL mode with `synchronous = FULL`, so a
//! record is on disk before it is acknowledged. One connection writes (SQLite has one writer at
//! a time anyway); a few more read, so listings never wait for writes.
//!
//! Tables: `attempts` (issued attempts), `records` (verified records with their gradebook
//! columns and canonical JSON), `record_outcomes` (one row per record and outcome, for the
//! summary). `PRAGMA user_version` holds the schema version.
//!
//! Faults: SQLite's own error codes are kept as [`StoreFailure`] kinds (full, read-only, busy,
//! unavailable), which the service answers with 503. A failed write leaves nothing behind (its
//! transaction rolls back). After a read-only or unavailable failure the writing connection is
//! dropped and opened again on the next write, so the service recovers by itself once the file
//! is writable again (a connection SQLite opened read-only stays read-only). A database that is
//! read-only at start is opened for reading (when its schema is current) instead of refusing to
//! start. [`StoreOptions::max_pages`] caps the file (`PRAGMA max_page_count`): a quota, and a
//! real "database or disk is full" for the fault tests.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use super::store::{
    IssueOutcome, IssuedAttempt, OutcomeSummary, PutOutcome, RecordFilter, RecordRow, RecordStore,
    StoreError, StoreFailure, StoredRecord, Summary,
};
use crate::assemble::Seed;
use crate::record::CompletionRecord;
use crate::timestamp::Timestamp;

const SCHEMA_VERSION: i64 = 1;
const READERS: usize = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS attempts (
    attempt_id      TEXT PRIMARY KEY,
    package_id      TEXT NOT NULL,
    package_version TEXT NOT NULL,
    learner_id      TEXT NOT NULL,
    learner_json    TEXT NOT NULL,
    seed            TEXT NOT NULL,
    attempt_number  INTEGER NOT NULL,
    context_json    TEXT NOT NULL,
    form_items_json TEXT NOT NULL,
    issued_at       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_learner ON attempts (package_id, learner_id);
CREATE TABLE IF NOT EXISTS records (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id      TEXT NOT NULL UNIQUE,
    package_id      TEXT NOT NULL,
    package_version TEXT NOT NULL,
    learner_id      TEXT NOT NULL,
    learner_name    TEXT,
    mode            TEXT NOT NULL,
    attempt_number  INTEGER NOT NULL,
    started_at      INTEGER NOT NULL,
    submitted_at    INTEGER NOT NULL,
    duration_ms     INTEGER NOT NULL,
    raw             REAL NOT NULL,
    max_raw         REAL NOT NULL,
    scaled          REAL NOT NULL,
    decision        TEXT NOT NULL,
    awarded         INTEGER NOT NULL,
    expires_at      INTEGER,
    posted_sha256   TEXT NOT NULL,
    record_json     TEXT NOT NULL,
    stored_at       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_package ON records (package_id, package_version);
CREATE TABLE IF NOT EXISTS record_outcomes (
    attempt_id TEXT NOT NULL REFERENCES records (attempt_id),
    position   INTEGER NOT NULL,
    outcome    TEXT NOT NULL,
    score      REAL NOT NULL,
    mastered   INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, outcome)
) WITHOUT ROWID;
";

/// Largest `PRAGMA max_page_count` (SQLite's own ceiling): no quota.
const NO_PAGE_LIMIT: u64 = 4_294_967_294;

/// How to open a [`SqliteStore`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreOptions {
    /// The most pages the database file may hold (`PRAGMA max_page_count`; a page is 4 KiB).
    /// A write that would pass it fails as SQLite does on a full disk, and is answered 503
    /// `storage_full`. `None`: no quota beyond the disk.
    pub max_pages: Option<u64>,
}

/// Records in one SQLite file.
pub struct SqliteStore {
    path: PathBuf,
    /// The writing connection; `None` after a read-only or unavailable failure, until the
    /// next write opens it again.
    writer: Mutex<Option<Connection>>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    /// The page quota applied to every writing connection (0: none).
    max_pages: AtomicU64,
    opened_read_only: bool,
}

/// The failure kind of a SQLite error.
fn failure_of(e: &rusqlite::Error) -> StoreFailure {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => StoreFailure::Full,
        Some(ErrorCode::ReadOnly) => StoreFailure::ReadOnly,
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreFailure::Busy,
        Some(ErrorCode::CannotOpen | ErrorCode::SystemIoFailure) => StoreFailure::Unavailable,
        _ => StoreFailure::Other,
    }
}

fn err(context: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |e| StoreError::of(failure_of(&e), format!("{context}: {e}"))
}

fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path).map_err(err("open"))?;
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(err("busy_timeout"))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .map_err(err("pragmas"))?;
    // A read-only file keeps the journal mode it has (changing it would be a write).
    match conn.execute_batch("PRAGMA journal_mode = WAL;") {
        Err(e) if failure_of(&e) != StoreFailure::ReadOnly => Err(err("journal mode")(e)),
        _ => Ok(conn),
    }
}

fn apply_max_pages(conn: &Connection, max_pages: u64) -> Result<(), StoreError> {
    let limit = if max_pages == 0 {
        NO_PAGE_LIMIT
    } else {
        max_pages.min(NO_PAGE_LIMIT)
    };
    conn.query_row(&format!("PRAGMA max_page_count = {limit}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|_| ())
    .map_err(err("max_page_count"))
}

impl SqliteStore {
    /// Open (creating when absent) the database at `path` and bring its schema up to date.
    /// Refuses a database written by a newer schema.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        SqliteStore::open_with(path, StoreOptions::default())
    }

    /// [`open`](SqliteStore::open) with options. A database whose file cannot be written is
    /// opened for reading when its schema is current ([`opened_read_only`] then says so):
    /// listings and exports work, writes are refused as read-only until the file is writable.
    ///
    /// [`opened_read_only`]: SqliteStore::opened_read_only
    pub fn open_with(path: &Path, options: StoreOptions) -> Result<SqliteStore, StoreError> {
        let writer = open_connection(path)?;
        let version: i64 = writer
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err("schema version"))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::new(format!(
                "{} has schema version {version}; this certa reads up to {SCHEMA_VERSION}",
                path.display()
            )));
        }
        // Bring the schema up to date (a no-op write when it is). A file that cannot be written
        // is served read-only when its schema is current.
        let schema = writer.execute_batch(&format!(
            "BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        ));
        let opened_read_only = match schema {
            Ok(()) => false,
            Err(e) => {
                let _ = writer.execute_batch("ROLLBACK");
                if failure_of(&e) == StoreFailure::ReadOnly && version == SCHEMA_VERSION {
                    true
                } else {
                    return Err(err("schema")(e));
                }
            }
        };
        let max_pages = options.max_pages.unwrap_or(0);
        apply_max_pages(&writer, max_pages)?;
        let readers = (0..READERS)
            .map(|_| open_connection(path).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SqliteStore {
            path: path.to_path_buf(),
            writer: Mutex::new(Some(writer)),
            readers,
            next_reader: AtomicUsize::new(0),
            max_pages: AtomicU64::new(max_pages),
            opened_read_only,
        })
    }

    /// True when the file could not be written at start (writes are refused until it can).
    pub fn opened_read_only(&self) -> bool {
        self.opened_read_only
    }

    /// Change the page quota while running (`None`: no quota). Writes refused as full succeed
    /// again once there is room: nothing else has to be reset.
    pub fn set_max_pages(&self, max_pages: Option<u64>) -> Result<(), StoreError> {
        let max_pages = max_pages.unwrap_or(0);
        self.max_pages.store(max_pages, Ordering::SeqCst);
        match self.writer().as_ref() {
            Some(conn) => apply_max_pages(conn, max_pages),
            None => Ok(()),
        }
    }

    /// The pages the database file holds now (`PRAGMA page_count`).
    pub fn page_count(&self) -> Result<u64, StoreError> {
        let pages: i64 = self
            .reader()?
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .map_err(err("page_count"))?;
        Ok(u64::try_from(pages).unwrap_or(0))
    }

    fn writer(&self) -> MutexGuard<'_, Option<Connection>> {
        // A panic while holding the lock cannot leave SQLite half-written (the transaction rolls
        // back when dropped), so a poisoned lock is safe to take over.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run one write on the writing connection, opening it first when an earlier failure
    /// dropped it. A read-only or unavailable failure drops it again, so the next write
    /// sees the file as it is then.
    fn write<T>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut slot = self.writer();
        let mut conn = match slot.take() {
            Some(conn) => conn,
            None => self.reopen_writer()?,
        };
        let result = work(&mut conn);
        let drop_connection = matches!(
            &result,
            Err(e) if matches!(e.kind, StoreFailure::ReadOnly | StoreFailure::Unavailable)
        );
        if !drop_connection {
            *slot = Some(conn);
        }
        result
    }

    /// Open the writing connection again, with every reading connection closed first: SQLite
    /// shares one mapping of the `-shm` file among a process's connections to a database, and
    /// keeps it read-only while any connection that opened it read-only holds it. The readers
    /// are opened again (on the file as it is now) right after.
    fn reopen_writer(&self) -> Result<Connection, StoreError> {
        let mut readers: Vec<_> = self
            .readers
            .iter()
            .map(|slot| slot.lock().unwrap_or_else(|p| p.into_inner()))
            .collect();
        for reader in readers.iter_mut() {
            **reader = Connection::open_in_memory().map_err(err("close reader"))?;
        }
        let conn = open_connection(&self.path)?;
        apply_max_pages(&conn, self.max_pages.load(Ordering::SeqCst))?;
        for reader in readers.iter_mut() {
            // A reader that fails to open now stays closed and opens on its next read.
            if let Ok(fresh) = open_connection(&self.path) {
                **reader = fresh;
            }
        }
        Ok(conn)
    }

    fn reader(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        let mut guard = None;
        for i in 0..self.readers.len() {
            if let Some(slot) = self.readers.get((start + i) % self.readers.len()) {
                if let Ok(taken) = slot.try_lock() {
                    guard = Some(taken);
                    break;
                }
            }
        }
        // Every reader is busy: wait for one. `open_with` opens READERS (> 0) of them, so the
        // index is in range.
        let mut guard = match guard {
            Some(guard) => guard,
            None => self.readers[start % self.readers.len()]
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        };
        // Closed by `reopen_writer` and not opened again then: open it now.
        if guard.path().is_none_or(str::is_empty) {
            *guard = open_connection(&self.path)?;
        }
        Ok(guard)
    }
}

fn text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn as_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn stored_record(
    record_json: String,
    posted_sha256: String,
    stored_at: i64,
) -> Result<StoredRecord, StoreError> {
    let record: CompletionRecord = serde_json::from_str(&record_json)
        .map_err(|e| StoreError::new(format!("records.record_json: {e}")))?;
    Ok(StoredRecord {
        record,
        posted_sha256,
        stored_at: Timestamp(stored_at),
    })
}

fn select_record(conn: &Connection, attempt_id: &str) -> Result<Option<StoredRecord>, StoreError> {
    let row = conn
        .query_row(
            "SELECT record_json, posted_sha256, stored_at FROM records WHERE attempt_id = ?1",
            [attempt_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(err("read record"))?;
    row.map(|(json, sha, at)| stored_record(json, sha, at))
        .transpose()
}

const ATTEMPT_COLUMNS: &str = "attempt_id, package_id, package_version, learner_id, learner_json, \
     seed, attempt_number, context_json, form_items_json, issued_at";

/// The columns of an `attempts` row, as read.
type AttemptRow = (
    String,
    String,
    String,
    String,
    String,
    u32,
    String,
    String,
    i64,
);

fn attempt_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttemptRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

fn issued_attempt(row: AttemptRow) -> Result<IssuedAttempt, StoreError> {
    let (attempt_id, package_id, package_version, learner, seed, number, context, form, issued) =
        row;
    let parse =
        |column: &str, e: serde_json::Error| StoreError::new(format!("attempts.{column}: {e}"));
    Ok(IssuedAttempt {
        attempt_id,
        package_id,
        package_version,
        learner: serde_json::from_str(&learner).map_err(|e| parse("learner_json", e))?,
        seed: seed
            .parse::<Seed>()
            .map_err(|e| StoreError::new(format!("attempts.seed: {e}")))?,
        attempt_number: number,
        context: serde_json::from_str(&context).map_err(|e| parse("context_json", e))?,
        form_item_ids: serde_json::from_str(&form).map_err(|e| parse("form_items_json", e))?,
        issued_at: Timestamp(issued),
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::new(e.to_string()))
}

const FILTER: &str = "(?1 IS NULL OR r.package_id = ?1) AND (?2 IS NULL OR r.package_version = ?2)";

impl RecordStore for SqliteStore {
    fn attempts_of(
        &self,
        package_id: &str,
        learner_id: &str,
    ) -> Result<Vec<IssuedAttempt>, StoreError> {
        let conn = self.reader()?;
        let mut select = conn
            .prepare_cached(&format!(
                "SELECT {ATTEMPT_COLUMNS} FROM attempts
                 WHERE package_id = ?1 AND learner_id = ?2 ORDER BY attempt_number"
            ))
            .map_err(err("prepare attempts"))?;
        let rows = select
            .query_map(params![package_id, learner_id], attempt_row)
            .map_err(err("read attempts"))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(issued_attempt(row.map_err(err("read attempt"))?)?);
        }
        Ok(out)
    }

    fn issue_attempt(
        &self,
        attempt: IssuedAttempt,
        max_attempts: Option<u32>,
    ) -> Result<IssueOutcome, StoreError> {
        self.write(|conn| {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err("begin"))?;
        let used: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM attempts WHERE package_id = ?1 AND learner_id = ?2",
                params![attempt.package_id, attempt.learner.id],
                |r| r.get(0),
            )
            .map_err(err("count attempts"))?;
        let used = u32::try_from(used).unwrap_or(u32::MAX);
        if let Some(max) = max_attempts {
            if used >= max {
                return Ok(IssueOutcome::Exhausted { used, max });
            }
        }
        if attempt.attempt_number != used.saturating_add(1) {
            return Ok(IssueOutcome::Stale);
        }
        tx.execute(
            &format!(
                "INSERT INTO attempts ({ATTEMPT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            ),
            params![
                attempt.attempt_id,
                attempt.package_id,
                attempt.package_version,
                attempt.learner.id,
                to_json(&attempt.learner)?,
                attempt.seed.to_string(),
                attempt.attempt_number,
                to_json(&attempt.context)?,
                to_json(&attempt.form_item_ids)?,
                attempt.issued_at.0
            ],
        )
        .map_err(err("insert attempt"))?;
        tx.commit().map_err(err("commit"))?;
        Ok(IssueOutcome::Issued(attempt))
        })
    }

    fn attempt(&self, attempt_id: &str) -> Result<Option<IssuedAttempt>, StoreError> {
        let conn = self.reader()?;
        let row = conn
            .query_row(
                &format!("SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE attempt_id = ?1"),
                [attempt_id],
                attempt_row,
            )
            .optional()
            .map_err(err("read attempt"))?;
        row.map(issued_attempt).transpose()
    }

    fn put_record(
        &self,
        record: &CompletionRecord,
        posted_sha256: &str,
        stored_at: Timestamp,
    ) -> Result<PutOutcome, StoreError> {
        let row = RecordRow::of(record, stored_at).ok_or_else(|| {
            StoreError::new("a record is stored only once verified (with its result)")
        })?;
        let record_json = record.to_canonical_json();
        self.write(|conn| {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err("begin"))?;
        if let Some(existing) = select_record(&tx, &record.attempt_id)? {
            return Ok(if existing.posted_sha256 == posted_sha256 {
                PutOutcome::Duplicate(existing)
            } else {
                PutOutcome::Conflict(existing)
            });
        }
        tx.execute(
            "INSERT INTO records (attempt_id, package_id, package_version, learner_id, learner_name, mode,
                 attempt_number, started_at, submitted_at, duration_ms, raw, max_raw, scaled, decision,
                 awarded, expires_at, posted_sha256, record_json, stored_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            params![
                row.attempt_id,
                row.package_id,
                row.package_version,
                row.learner_id,
                row.learner_name,
                text(&row.mode),
                row.attempt_number,
                row.started_at.0,
                row.submitted_at.0,
                as_i64(row.duration_ms),
                row.raw,
                row.max_raw,
                row.scaled,
                text(&row.decision),
                row.credential_awarded,
                row.credential_expires_at.map(|t| t.0),
                posted_sha256,
                record_json,
                stored_at.0
            ],
        )
        .map_err(err("insert record"))?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO record_outcomes (attempt_id, position, outcome, score, mastered)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(err("prepare outcomes"))?;
            for (position, o) in row.outcomes.iter().enumerate() {
                insert
                    .execute(params![
                        row.attempt_id,
                        as_i64(position as u64),
                        o.outcome,
                        o.score,
                        o.mastered
                    ])
                    .map_err(err("insert outcome"))?;
            }
        }
        tx.commit().map_err(err("commit"))?;
        Ok(PutOutcome::Created(StoredRecord {
            record: record.clone(),
            posted_sha256: posted_sha256.to_string(),
            stored_at,
        }))
        })
    }

    fn record(&self, attempt_id: &str) -> Result<Option<StoredRecord>, StoreError> {
        select_record(&*self.reader()?, attempt_id)
    }

    fn rows(&self, filter: &RecordFilter) -> Result<Vec<RecordRow>, StoreError> {
        let conn = self.reader()?;
        let limit = filter.limit.map(i64::from).unwrap_or(-1);
        let mut select = conn
            .prepare_cached(&format!(
                "SELECT r.record_json, r.stored_at FROM records r WHERE {FILTER}
                 ORDER BY r.seq LIMIT ?3 OFFSET ?4"
            ))
            .map_err(err("prepare rows"))?;
        let rows = select
            .query_map(
                params![
                    filter.package_id,
                    filter.package_version,
                    limit,
                    filter.offset
                ],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
            )
            .map_err(err("read rows"))?;
        let mut out = Vec::new();
        for row in rows {
            let (json, stored_at) = row.map_err(err("read row"))?;
            let record: CompletionRecord = serde_json::from_str(&json)
                .map_err(|e| StoreError::new(format!("records.record_json: {e}")))?;
            if let Some(row) = RecordRow::of(&record, Timestamp(stored_at)) {
                out.push(row);
            }
        }
        Ok(out)
    }

    fn summary(&self, filter: &RecordFilter) -> Result<Summary, StoreError> {
        let conn = self.reader()?;
        let (count, passed, mean_scaled, awarded): (i64, i64, f64, i64) = conn
            .query_row(
                &format!(
                    "SELECT COUNT(*), COALESCE(SUM(r.decision = 'pass'), 0), COALESCE(AVG(r.scaled), 0),
                            COALESCE(SUM(r.awarded), 0)
                     FROM records r WHERE {FILTER}"
                ),
                params![filter.package_id, filter.package_version],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .map_err(err("summary"))?;
        let mut select = conn
            .prepare_cached(&format!(
                "SELECT o.outcome, COUNT(*), SUM(o.mastered), AVG(o.score)
                 FROM record_outcomes o JOIN records r ON r.attempt_id = o.attempt_id
                 WHERE {FILTER} GROUP BY o.outcome ORDER BY MIN(o.position), o.outcome"
            ))
            .map_err(err("prepare outcome summary"))?;
        let outcomes = select
            .query_map(params![filter.package_id, filter.package_version], |r| {
                let count: i64 = r.get(1)?;
                let mastered: i64 = r.get(2)?;
                Ok(OutcomeSummary {
                    outcome: r.get(0)?,
                    count: count.max(0) as u64,
                    mastered: mastered.max(0) as u64,
                    mastered_share: if count > 0 {
                        mastered as f64 / count as f64
                    } else {
                        0.0
                    },
                    mean_score: r.get(3)?,
                })
            })
            .map_err(err("outcome summary"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(err("outcome summary row"))?;
        Ok(Summary {
            count: count.max(0) as u64,
            passed: passed.max(0) as u64,
            pass_rate: if count > 0 {
                passed as f64 / count as f64
            } else {
                0.0
            },
            mean_scaled,
            credentials_awarded: awarded.max(0) as u64,
            outcomes,
        })
    }
}
