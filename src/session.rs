//! The attempt state machine: start (assemble the form), answer and change answers, navigate
//! (free or linear), flag for review, enforce the time limit, snapshot and resume, submit.
//!
//! Time always comes in as an argument (`now`), so the machine is deterministic. Every illegal
//! move is refused with a [`SessionError`]; the state is never left half-changed.
//!
//! Every change is also an event in the snapshot's log, chained by SHA-256 from the attempt's
//! identity ([`chain`]). `resume` recomputes the chain and replays the log through the same
//! rules, so a hand-edited snapshot is refused with [`SessionError::SnapshotTampered`].

pub mod chain;

mod from_json;
mod to_json;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assemble::{assemble_form, AssemblyContext, AssemblyError, Form, Seed};
use crate::model::json::Value;
use crate::model::{Navigation, Package};
use crate::score::{canonical_response, check_response, score_attempt, AttemptResult, ScoreError};
use crate::sorted_map::{SortedMap, SortedSet};
use crate::timestamp::Timestamp;

pub use chain::{LogEntry, SessionEvent};

/// The only snapshot format tag this engine reads: snapshots with an integrity chain.
pub const SNAPSHOT_FORMAT: &str = "certa-snapshot/2";

/// The earlier snapshot format, without a chain. It is refused
/// ([`SessionError::SnapshotUnversioned`]): nothing in it can be checked, and accepting it
/// would let anyone strip the chain from an edited snapshot.
pub const UNCHAINED_SNAPSHOT_FORMAT: &str = "certa-snapshot/1";

/// The learner as the host identifies them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Learner {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// How the attempt is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Keys in the browser; feedback after submit.
    #[default]
    Practice,
    /// No keys in the browser; the backend scores.
    Secure,
    /// An instructor walking through a form.
    Review,
}

/// Everything needed to start an attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionStart {
    pub attempt_id: String,
    pub learner: Learner,
    pub seed: Seed,
    pub now: Timestamp,
    #[serde(default = "first_attempt")]
    pub attempt_number: u32,
    #[serde(default)]
    pub mode: Mode,
    /// Seen items and exposure counts. Seen items are only excluded when the package's
    /// attempts policy says `avoid_seen_items`.
    #[serde(default)]
    pub context: AssemblyContext,
}

fn first_attempt() -> u32 {
    1
}

/// A response and when it was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseEntry {
    pub value: Value,
    /// When the item was first answered.
    pub answered_at: Timestamp,
    /// When the answer was last changed (equal to `answered_at` until it changes).
    pub changed_at: Timestamp,
    /// How many times the answer was changed after the first.
    pub changes: u32,
}

/// The whole state of an attempt, as saved by `snapshot()` and read by `resume()` (read by
/// hand, in `session::from_json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSnapshot {
    pub format: String,
    pub package_id: String,
    pub package_version: String,
    pub attempt_id: String,
    pub learner: Learner,
    pub attempt_number: u32,
    pub mode: Mode,
    pub form: Form,
    /// What assembly knew (seen items, exposure counts) when it built the form; with the
    /// seed it re-derives the form exactly.
    #[serde(default, skip_serializing_if = "AssemblyContext::is_empty")]
    pub context: AssemblyContext,
    pub started_at: Timestamp,
    /// The end of the time limit, if the package has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Timestamp>,
    /// Index of the item on screen.
    pub current: usize,
    /// Responses by item id.
    pub responses: SortedMap<String, ResponseEntry>,
    pub flagged: SortedSet<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<Timestamp>,
    /// Every change since the start, in order, each with its chain value; the state above is
    /// what replaying it gives. Absent only in the older, unchained format.
    #[serde(default)]
    pub log: Vec<LogEntry>,
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error("the attempt was already submitted")]
    Submitted,
    #[error("time is up: the time limit ended at {}", .deadline.to_rfc3339())]
    TimeUp { deadline: Timestamp },
    #[error("item \"{item_id}\" is not on this form")]
    NotOnForm { item_id: String },
    #[error("question {index} does not exist; the form has {len} questions (0 to {})", .len.saturating_sub(1))]
    OutOfRange { index: usize, len: usize },
    #[error("navigation is linear: cannot go back from question {from} to question {to}")]
    LinearBack { from: usize, to: usize },
    #[error("navigation is linear: only the current question ({current}) can be answered, not \"{item_id}\"")]
    LinearLocked { item_id: String, current: usize },
    #[error("attempt {attempt} exceeds the package's limit of {max} attempts")]
    TooManyAttempts { attempt: u32, max: u32 },
    #[error("the attempt id must not be empty")]
    MissingAttemptId,
    #[error("the learner id must not be empty")]
    MissingLearner,
    #[error("this package is a key-stripped delivery copy: attempts on it must be in secure mode, found {mode:?} mode")]
    NeedsSecureMode { mode: Mode },
    #[error("this snapshot belongs to package \"{found_id}\" version \"{found_version}\", not \"{expected_id}\" version \"{expected_version}\"")]
    WrongPackage {
        expected_id: String,
        expected_version: String,
        found_id: String,
        found_version: String,
    },
    #[error("snapshot: {0}")]
    BadSnapshot(String),
    #[error("this snapshot is in the format \"{format}\", which carries no integrity chain, so it cannot be checked and is not resumed")]
    SnapshotUnversioned { format: String },
    #[error("the snapshot failed its integrity check at {place} ({what}): {reason}")]
    SnapshotTampered {
        /// Where: `log[4]` (the first log entry that fails) or the state field that disagrees
        /// with the log (`responses.q3`, `current`).
        place: String,
        /// The event at that place (`answer to "q3"`), or the field.
        what: String,
        reason: String,
    },
    #[error(transparent)]
    Assembly(#[from] AssemblyError),
    #[error(transparent)]
    Response(#[from] ScoreError),
}

/// One attempt in progress.
#[derive(Debug, Clone)]
pub struct Session {
    package: Arc<Package>,
    state: SessionSnapshot,
    /// The chain value of the last log entry.
    head: chain::Link,
}

impl Session {
    /// Assemble the form and open the attempt.
    pub fn start(package: Arc<Package>, start: SessionStart) -> Result<Session, SessionError> {
        if start.attempt_id.trim().is_empty() {
            return Err(SessionError::MissingAttemptId);
        }
        if start.learner.id.trim().is_empty() {
            return Err(SessionError::MissingLearner);
        }
        if package.keys_stripped() && start.mode != Mode::Secure {
            return Err(SessionError::NeedsSecureMode { mode: start.mode });
        }
        if let Some(max) = package.attempts.max {
            if start.attempt_number > max {
                return Err(SessionError::TooManyAttempts {
                    attempt: start.attempt_number,
                    max,
                });
            }
        }
        let mut context = start.context;
        if !package.attempts.avoid_seen_items {
            context.seen_item_ids.clear();
        }
        let form = assemble_form(&package, start.seed, &context)?;
        let deadline = package.delivery.time_limit_seconds.map(|s| {
            Timestamp(
                start
                    .now
                    .0
                    .saturating_add(s.saturating_mul(1000).min(i64::MAX as u64) as i64),
            )
        });
        let mut state = SessionSnapshot {
            format: SNAPSHOT_FORMAT.to_string(),
            package_id: package.id.clone(),
            package_version: package.version.clone(),
            attempt_id: start.attempt_id,
            learner: start.learner,
            attempt_number: start.attempt_number,
            mode: start.mode,
            form,
            context,
            started_at: start.now,
            deadline,
            current: 0,
            responses: SortedMap::new(),
            flagged: SortedSet::new(),
            submitted_at: None,
            log: Vec::new(),
        };
        let head = chain::genesis(&state);
        state.log.push(LogEntry {
            event: SessionEvent::Start { at: start.now },
            chain: chain::to_hex(&head),
        });
        Ok(Session {
            package,
            state,
            head,
        })
    }

    /// Continue an attempt from a snapshot of the same package id and version.
    ///
    /// The snapshot's integrity chain is recomputed and its log replayed through the same
    /// rules as the live attempt; the state must be exactly what the log gives. A snapshot
    /// edited by hand is refused with [`SessionError::SnapshotTampered`], naming the first log
    /// entry that fails (or the field that disagrees with the log); a snapshot of the older,
    /// unchained format with [`SessionError::SnapshotUnversioned`].
    pub fn resume(
        package: Arc<Package>,
        snapshot: SessionSnapshot,
    ) -> Result<Session, SessionError> {
        if snapshot.format == UNCHAINED_SNAPSHOT_FORMAT {
            return Err(SessionError::SnapshotUnversioned {
                format: snapshot.format,
            });
        }
        if snapshot.format != SNAPSHOT_FORMAT {
            return Err(SessionError::BadSnapshot(format!(
                "unsupported format \"{}\"; this engine reads \"{SNAPSHOT_FORMAT}\"",
                snapshot.format
            )));
        }
        if snapshot.package_id != package.id || snapshot.package_version != package.version {
            return Err(SessionError::WrongPackage {
                expected_id: package.id.clone(),
                expected_version: package.version.clone(),
                found_id: snapshot.package_id,
                found_version: snapshot.package_version,
            });
        }
        let session = Session::replay(package, &snapshot)?;
        session.ensure_same_state(&snapshot)?;
        Ok(session)
    }

    /// Check the chain entry by entry and apply each event to a fresh attempt built from the
    /// snapshot's identity.
    fn replay(package: Arc<Package>, snapshot: &SessionSnapshot) -> Result<Session, SessionError> {
        let tampered =
            |i: usize, entry: Option<&LogEntry>, reason: String| SessionError::SnapshotTampered {
                place: format!("log[{i}]"),
                what: entry.map_or_else(|| "the log".into(), |e| e.event.describe()),
                reason,
            };
        let Some(first) = snapshot.log.first() else {
            return Err(tampered(
                0,
                None,
                "the log is empty, so the snapshot carries no chain".into(),
            ));
        };
        if first.event
            != (SessionEvent::Start {
                at: snapshot.started_at,
            })
        {
            return Err(tampered(
                0,
                Some(first),
                format!(
                    "the log must open with the start of the attempt at {}",
                    snapshot.started_at.to_rfc3339()
                ),
            ));
        }
        let head = chain::genesis(snapshot);
        if first.chain != chain::to_hex(&head) {
            return Err(tampered(
                0,
                Some(first),
                "the attempt's identity (package, attempt id, learner, attempt number, mode, seed, form, assembly context, start time or deadline) does not match its checksum".into(),
            ));
        }
        // The identity is the one the attempt started with; the form must still fit the package.
        if snapshot.form.items.is_empty() {
            return Err(SessionError::BadSnapshot("the form has no items".into()));
        }
        for (i, fi) in snapshot.form.items.iter().enumerate() {
            if package.item(&fi.item_id).is_none() {
                return Err(SessionError::BadSnapshot(format!(
                    "form.items[{i}]: item \"{}\" is not in the package",
                    fi.item_id
                )));
            }
        }
        let mut session = Session {
            package,
            state: snapshot.clone_identity(),
            head,
        };
        session.state.log.push(first.clone());
        for (i, entry) in snapshot.log.iter().enumerate().skip(1) {
            let next = chain::link(&session.head, &entry.event);
            if entry.chain != chain::to_hex(&next) {
                return Err(tampered(
                    i,
                    Some(entry),
                    "its checksum does not match: this entry, or the one before it, was edited"
                        .into(),
                ));
            }
            session.apply(&entry.event).map_err(|e| {
                tampered(
                    i,
                    Some(entry),
                    format!("the logged change is not allowed: {e}"),
                )
            })?;
            session.state.log.push(entry.clone());
            session.head = next;
        }
        Ok(session)
    }

    /// After a replay: the snapshot's state must be the replayed one.
    fn ensure_same_state(&self, snapshot: &SessionSnapshot) -> Result<(), SessionError> {
        let differs = |place: String, what: &str| SessionError::SnapshotTampered {
            place,
            what: what.into(),
            reason: "it differs from what the logged changes give".into(),
        };
        let replayed = &self.state;
        if replayed.current != snapshot.current {
            return Err(differs("current".into(), "the question on screen"));
        }
        let ids: SortedSet<&String> = replayed
            .responses
            .keys()
            .chain(snapshot.responses.keys())
            .collect();
        if let Some(id) = ids
            .into_iter()
            .find(|id| replayed.responses.get(*id) != snapshot.responses.get(*id))
        {
            return Err(differs(format!("responses.{id}"), "a response"));
        }
        if replayed.flagged != snapshot.flagged {
            return Err(differs("flagged".into(), "the flagged items"));
        }
        if replayed.submitted_at != snapshot.submitted_at {
            return Err(differs("submitted_at".into(), "the submission time"));
        }
        Ok(())
    }

    /// Parse a snapshot from JSON and resume it.
    pub fn resume_json(package: Arc<Package>, json: &str) -> Result<Session, SessionError> {
        let snapshot: SessionSnapshot =
            crate::model::json::read(json).map_err(|e| SessionError::BadSnapshot(e.to_string()))?;
        Session::resume(package, snapshot)
    }

    /// The package this attempt is on.
    pub fn package(&self) -> &Package {
        &self.package
    }

    /// The assembled form.
    pub fn form(&self) -> &Form {
        &self.state.form
    }

    /// The full state (what `snapshot()` serializes).
    pub fn state(&self) -> &SessionSnapshot {
        &self.state
    }

    /// The state as JSON, for autosave.
    pub fn snapshot(&self) -> SessionSnapshot {
        self.state.clone()
    }

    /// The chain value of the last change (64 hex digits): it changes with every change.
    pub fn chain_head(&self) -> String {
        chain::to_hex(&self.head)
    }

    /// Index of the question on screen.
    pub fn current(&self) -> usize {
        self.state.current
    }

    pub fn is_submitted(&self) -> bool {
        self.state.submitted_at.is_some()
    }

    /// Milliseconds left, `None` when untimed. Never negative.
    pub fn time_remaining(&self, now: Timestamp) -> Option<u64> {
        self.state.deadline.map(|d| d.millis_since(now))
    }

    /// True when the time limit has passed.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.state.deadline.is_some_and(|d| now >= d)
    }

    fn ensure_open(&self, now: Timestamp) -> Result<(), SessionError> {
        if self.is_submitted() {
            return Err(SessionError::Submitted);
        }
        match self.state.deadline {
            Some(deadline) if now >= deadline => Err(SessionError::TimeUp { deadline }),
            _ => Ok(()),
        }
    }

    fn index_of(&self, item_id: &str) -> Result<usize, SessionError> {
        self.state
            .form
            .items
            .iter()
            .position(|f| f.item_id == item_id)
            .ok_or_else(|| SessionError::NotOnForm {
                item_id: item_id.to_string(),
            })
    }

    /// Apply an event and, when it changed the state, log it on the chain.
    fn record(&mut self, event: SessionEvent) -> Result<(), SessionError> {
        if self.apply(&event)? {
            let next = chain::link(&self.head, &event);
            self.state.log.push(LogEntry {
                event,
                chain: chain::to_hex(&next),
            });
            self.head = next;
        }
        Ok(())
    }

    /// The rules of every move, shared by the live attempt and the replay of a snapshot.
    /// Returns whether the state changed; on an error nothing changed.
    fn apply(&mut self, event: &SessionEvent) -> Result<bool, SessionError> {
        match event {
            SessionEvent::Start { .. } => Err(SessionError::BadSnapshot(
                "the attempt is already started".into(),
            )),
            SessionEvent::Answer { item_id, value, at } => {
                self.apply_answer(item_id, Some(value), *at)
            }
            SessionEvent::Clear { item_id, at } => self.apply_answer(item_id, None, *at),
            SessionEvent::Flag { item_id, on } => {
                if self.is_submitted() {
                    return Err(SessionError::Submitted);
                }
                self.index_of(item_id)?;
                Ok(if *on {
                    self.state.flagged.insert(item_id.clone())
                } else {
                    self.state.flagged.remove(item_id)
                })
            }
            SessionEvent::GoTo { index } => {
                let index = *index;
                if self.is_submitted() {
                    return Err(SessionError::Submitted);
                }
                let len = self.state.form.items.len();
                if index >= len {
                    return Err(SessionError::OutOfRange { index, len });
                }
                if self.package.delivery.navigation == Navigation::Linear
                    && index < self.state.current
                {
                    return Err(SessionError::LinearBack {
                        from: self.state.current,
                        to: index,
                    });
                }
                let changed = self.state.current != index;
                self.state.current = index;
                Ok(changed)
            }
            SessionEvent::Submit { at } => {
                if self.is_submitted() {
                    return Err(SessionError::Submitted);
                }
                if let Some(deadline) = self.state.deadline.filter(|d| at > d) {
                    return Err(SessionError::TimeUp { deadline });
                }
                self.state.submitted_at = Some(*at);
                Ok(true)
            }
        }
    }

    fn apply_answer(
        &mut self,
        item_id: &str,
        response: Option<&Value>,
        now: Timestamp,
    ) -> Result<bool, SessionError> {
        self.ensure_open(now)?;
        let index = self.index_of(item_id)?;
        if self.package.delivery.navigation == Navigation::Linear && index != self.state.current {
            return Err(SessionError::LinearLocked {
                item_id: item_id.to_string(),
                current: self.state.current,
            });
        }
        let Some(response) = response else {
            return Ok(self.state.responses.remove(item_id).is_some());
        };
        let item = self
            .package
            .item(item_id)
            .ok_or_else(|| SessionError::NotOnForm {
                item_id: item_id.to_string(),
            })?;
        check_response(item, response)?;
        match self.state.responses.get_mut(item_id) {
            Some(entry) if &entry.value == response => Ok(false),
            Some(entry) => {
                entry.value = response.clone();
                entry.changed_at = now;
                entry.changes = entry.changes.saturating_add(1);
                Ok(true)
            }
            None => {
                self.state.responses.insert(
                    item_id.to_string(),
                    ResponseEntry {
                        value: response.clone(),
                        answered_at: now,
                        changed_at: now,
                        changes: 0,
                    },
                );
                Ok(true)
            }
        }
    }

    /// Record, change or (with JSON null) clear the answer to an item on the form. Numbers
    /// are stored and logged in one spelling (`1210.0` and `1210` alike, see
    /// `score::canonical`), so the record and the snapshot's chain are the same whether a native
    /// host or a browser passed the response. A native caller may pass a
    /// `serde_json::Value` (`json!("b")`) as well.
    pub fn answer(
        &mut self,
        item_id: &str,
        response: impl Into<Value>,
        now: Timestamp,
    ) -> Result<(), SessionError> {
        let response = response.into();
        let event = if response.is_null() {
            SessionEvent::Clear {
                item_id: item_id.to_string(),
                at: now,
            }
        } else {
            SessionEvent::Answer {
                item_id: item_id.to_string(),
                value: canonical_response(response),
                at: now,
            }
        };
        self.record(event)
    }

    /// Flag or unflag an item for review.
    pub fn flag(&mut self, item_id: &str, on: bool) -> Result<(), SessionError> {
        self.record(SessionEvent::Flag {
            item_id: item_id.to_string(),
            on,
        })
    }

    /// Move to question `index` (0-based). Linear navigation refuses to go back.
    pub fn go_to(&mut self, index: usize) -> Result<(), SessionError> {
        self.record(SessionEvent::GoTo { index })
    }

    /// Move to the next question.
    pub fn go_next(&mut self) -> Result<(), SessionError> {
        self.go_to(self.state.current.saturating_add(1))
    }

    /// Move to the previous question.
    pub fn go_previous(&mut self) -> Result<(), SessionError> {
        match self.state.current.checked_sub(1) {
            Some(i) => self.go_to(i),
            None => Err(SessionError::OutOfRange {
                index: 0,
                len: self.state.form.items.len(),
            }),
        }
    }

    /// Item ids on the form that have no response, in form order.
    pub fn unanswered(&self) -> Vec<&str> {
        self.state
            .form
            .items
            .iter()
            .filter(|f| !self.state.responses.contains_key(&f.item_id))
            .map(|f| f.item_id.as_str())
            .collect()
    }

    /// The responses as plain values by item id.
    pub fn responses(&self) -> SortedMap<String, Value> {
        // Inserted one by one: `collect` would sort them again (and bring the map's
        // bulk-build code into the browser module).
        let mut out = SortedMap::new();
        for (id, entry) in &self.state.responses {
            out.insert(id.clone(), entry.value.clone());
        }
        out
    }

    /// Whether this attempt is scored here at submit. A secure attempt is not: its browser
    /// holds no keys, and the backend's verification is the scoring.
    pub fn scores_locally(&self) -> bool {
        self.state.mode != Mode::Secure
    }

    /// End the attempt and score it (unless it is secure, see [`Session::scores_locally`]).
    /// Allowed after the time limit (that is the auto-submit); answers could not be given
    /// after it anyway.
    pub fn submit(&mut self, now: Timestamp) -> Result<Option<AttemptResult>, SessionError> {
        if self.is_submitted() {
            return Err(SessionError::Submitted);
        }
        let submitted_at = match self.state.deadline {
            Some(d) if now > d => d,
            _ => now,
        };
        let result = if self.scores_locally() {
            Some(score_attempt(
                &self.package,
                &self.state.form,
                &self.responses(),
                submitted_at,
            )?)
        } else {
            None
        };
        self.record(SessionEvent::Submit { at: submitted_at })?;
        Ok(result)
    }
}

impl SessionSnapshot {
    /// The identity fields (everything but the state the log produces), with an empty state.
    fn clone_identity(&self) -> SessionSnapshot {
        SessionSnapshot {
            format: self.format.clone(),
            package_id: self.package_id.clone(),
            package_version: self.package_version.clone(),
            attempt_id: self.attempt_id.clone(),
            learner: self.learner.clone(),
            attempt_number: self.attempt_number,
            mode: self.mode,
            form: self.form.clone(),
            context: self.context.clone(),
            started_at: self.started_at,
            deadline: self.deadline,
            current: 0,
            responses: SortedMap::new(),
            flagged: SortedSet::new(),
            submitted_at: None,
            log: Vec::new(),
        }
    }
}
