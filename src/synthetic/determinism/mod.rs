//! Cross-target determinism cases: seeded (package, seed, responses) triples that the native
//! engine and the browser module both replay, so that their completion records can be
//! compared byte for byte (`certa determinism-cases`, `www/tests/determinism.test.mjs`).
//!
//! [`generate_case`] builds case `n` from `n` alone. The package comes from the bank generator
//! ([`generate_bank`](super::generate_bank), 5–120 items) and is then varied where floating
//! point and ordering matter: every interaction kind with its partial-credit rules, IRT
//! parameters on all, some or no items, outcome weights and mastery thresholds, credential
//! rules, scales, negative marking, rounding, quotas as counts or percentages, sections, pins,
//! exposure control, time limits and linear navigation ([`package`]). The attempt starts at a
//! seeded time with a seed from the whole `u64` range, and a learner of seeded ability answers
//! at seeded times: right, wrong, partly right, blank, changed, cleared, or right but written
//! unusually (unnormalized Unicode, huge or tiny numbers, negative zero) ([`answers`]).
//!
//! A case is one line of JSON ([`DeterminismCase`]): the package as JSON *text* (both sides
//! load the same bytes), the `Session.start` options as the browser API takes them, the
//! answer log and the submit time. [`replay_case`] runs it through the same calls the browser
//! makes (`Package.load`, `Session.start`, `goTo` + `answer` per entry, `submit`,
//! `recordJson`). [`Coverage`] tallies what a batch of cases exercised.

pub mod answers;
pub mod coverage;
pub mod package;
mod text;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assemble::{AssemblyContext, Seed, SeededRng};
use crate::model::json::Value;
use crate::model::{LoadError, Package};
use crate::record::{self, CompletionRecord};
use crate::session::{Learner, Mode, Session, SessionError, SessionStart};
use crate::sorted_map::{SortedMap, SortedSet};
use crate::timestamp::Timestamp;

use super::streams::{purpose_rng, Purpose};

pub use coverage::Coverage;
use package::Shape;

/// How many packages [`generate_case`] tries before it falls back to a plain one (a varied
/// blueprint can be impossible to meet, e.g. when enemies and sets leave too few items).
const MAX_TRIES: u32 = 12;

/// One case: everything an attempt needs, exactly as both targets read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeterminismCase {
    /// The case index it was generated from.
    pub case: u64,
    /// The package's JSON text, loaded as is (`Package::load` / `Package.load`).
    pub package: String,
    /// The options of `Session.start`, as the browser API takes them.
    pub start: CaseStart,
    /// The answer log, in the order it is given.
    pub answers: Vec<CaseAnswer>,
    /// When the attempt is submitted (Unix milliseconds); may be past the time limit.
    pub submit_at: i64,
}

/// `Session.start` options in the browser API's camelCase shape (`src/wasm/session.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseStart {
    pub learner: Learner,
    /// Start time, Unix milliseconds.
    pub now: i64,
    /// Any `u64`; written as a decimal string, as JavaScript needs it.
    pub seed: Seed,
    pub attempt_id: String,
    pub attempt_number: u32,
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "SortedSet::is_empty")]
    pub seen_item_ids: SortedSet<String>,
    #[serde(default, skip_serializing_if = "SortedMap::is_empty")]
    pub exposure_counts: SortedMap<String, u64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub administrations: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl CaseStart {
    /// The core's start options for these browser options.
    pub fn session_start(&self) -> SessionStart {
        SessionStart {
            attempt_id: self.attempt_id.clone(),
            learner: self.learner.clone(),
            seed: self.seed,
            now: Timestamp(self.now),
            attempt_number: self.attempt_number,
            mode: self.mode,
            context: AssemblyContext {
                seen_item_ids: self.seen_item_ids.clone(),
                exposure_counts: self.exposure_counts.clone(),
                administrations: self.administrations,
            },
        }
    }
}

/// One entry of the answer log: move to the item, then answer it (JSON null clears).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseAnswer {
    pub item: String,
    pub response: Value,
    /// Unix milliseconds.
    pub at: i64,
}

/// A generated case, and how many packages were drawn before one could be delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedCase {
    pub case: DeterminismCase,
    /// 1 when the first package drawn was used; [`MAX_TRIES`] + 1 for the fallback package.
    pub tries: u32,
}

/// Why a case could not be replayed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReplayError {
    #[error("package: {0}")]
    Load(#[from] LoadError),
    #[error("start: {0}")]
    Start(SessionError),
    #[error("answers[{index}] (item \"{item}\"): {error}")]
    Answer {
        index: usize,
        item: String,
        error: Box<SessionError>,
    },
    #[error("submit: {0}")]
    Submit(SessionError),
}

/// Replay a case natively through the calls the browser makes, and return its record.
pub fn replay_case(case: &DeterminismCase) -> Result<CompletionRecord, ReplayError> {
    let package = Arc::new(Package::load(&case.package)?);
    let mut session =
        Session::start(package, case.start.session_start()).map_err(ReplayError::Start)?;
    for (index, answer) in case.answers.iter().enumerate() {
        let fail = |error| ReplayError::Answer {
            index,
            item: answer.item.clone(),
            error: Box::new(error),
        };
        let position = session
            .form()
            .items
            .iter()
            .position(|f| f.item_id == answer.item)
            .ok_or_else(|| {
                fail(SessionError::NotOnForm {
                    item_id: answer.item.clone(),
                })
            })?;
        session.go_to(position).map_err(fail)?;
        session
            .answer(&answer.item, answer.response.clone(), Timestamp(answer.at))
            .map_err(fail)?;
    }
    record::submit(&mut session, Timestamp(case.submit_at)).map_err(ReplayError::Submit)
}

/// Build case number `index`. Every answer in the log is valid, so [`replay_case`]
/// succeeds on the case. A varied blueprint can be impossible to meet (enemies and sets can
/// leave too few items); then another package is drawn, and after [`MAX_TRIES`] a plain one
/// (no enemies, sets, pins or history), which always assembles.
pub fn generate_case(index: u64) -> Result<GeneratedCase, String> {
    let mut rng = purpose_rng(index, Purpose::DeterminismCases);
    for tries in 1..=MAX_TRIES {
        let package = package::case_package(&mut rng, index, Shape::Varied);
        if let Some(case) = deliver(&mut rng, index, package, Shape::Varied) {
            return Ok(GeneratedCase { case, tries });
        }
    }
    let package = package::case_package(&mut rng, index, Shape::Plain);
    deliver(&mut rng, index, package, Shape::Plain)
        .map(|case| GeneratedCase {
            case,
            tries: MAX_TRIES + 1,
        })
        .ok_or_else(|| format!("case {index}: even the plain package cannot be delivered"))
}

/// The case for `package`, or None when it does not load or its form cannot be assembled.
fn deliver(
    rng: &mut SeededRng,
    index: u64,
    package: Package,
    shape: Shape,
) -> Option<DeterminismCase> {
    let text = serde_json::to_string(&package).ok()?;
    let package = Arc::new(Package::load(&text).ok()?);
    let start = start_options(rng, &package, index, shape);
    let session = Session::start(Arc::clone(&package), start.session_start()).ok()?;
    let form: Vec<String> = session
        .form()
        .items
        .iter()
        .map(|f| f.item_id.clone())
        .collect();
    let log = answers::answer_log(rng, &package, &form, &start);
    let case = DeterminismCase {
        case: index,
        package: text,
        start,
        answers: log.answers,
        submit_at: log.submit_at,
    };
    replay_case(&case).ok().map(|_| case)
}

/// Learners' names: plain, accented, non-Latin, an emoji, and JSON-escaped characters.
const NAMES: [&str; 7] = [
    "Ada Lovelace",
    "Zoë Ångström",
    "李小龍",
    "José Ñúñez-Ibáñez",
    "Ümit Öztürk 🙂",
    "O'Brien \"Quote\" \\ Back\tslash",
    "دانا حداد",
];

/// A draw from the whole `u64` range, 16 bits at a time (`usize` is 32 bits on wasm32).
pub(crate) fn any_u64(rng: &mut SeededRng) -> u64 {
    (0..4).fold(0u64, |acc, _| (acc << 16) | rng.below(1 << 16) as u64)
}

/// The `Session.start` options: learner, time, seed, attempt, mode and assembly history.
fn start_options(rng: &mut SeededRng, package: &Package, index: u64, shape: Shape) -> CaseStart {
    let seed = match rng.below(10) {
        0 => 0,
        1 => u64::MAX,
        2 => (1 << 53) + 1 + rng.below(1000) as u64,
        _ => any_u64(rng),
    };
    let now = match rng.below(10) {
        // 1970 plus a little, and the far future (year 2096).
        0 => rng.below(100_000_000) as i64,
        1 => 4_000_000_000_000 + rng.below(100_000_000) as i64,
        // 2020 to 2032, to the millisecond.
        _ => 1_600_000_000_000 + (any_u64(rng) % 400_000_000_000) as i64,
    };
    let name = NAMES[rng.below(NAMES.len())];
    let learner = Learner {
        id: if rng.below(4) == 0 {
            format!("lérner-{index}-ü")
        } else {
            format!("learner-{:016x}", any_u64(rng))
        },
        name: (rng.below(3) != 0).then(|| name.to_string()),
        email: (rng.below(3) == 0).then(|| format!("l{index}@example.org")),
    };
    let max = package.attempts.max.unwrap_or(5).max(1);
    let mode = match rng.below(10) {
        0 => Mode::Secure,
        1 => Mode::Review,
        _ => Mode::Practice,
    };
    let mut seen_item_ids = SortedSet::new();
    let history = shape == Shape::Varied;
    if history && package.attempts.avoid_seen_items && rng.below(2) == 0 {
        for item in &package.items {
            if rng.below(12) == 0 {
                seen_item_ids.insert(item.id.clone());
            }
        }
    }
    let mut exposure_counts = SortedMap::new();
    let mut administrations = 0;
    if history && (package.blueprint.exposure.max_rate.is_some() || rng.below(8) == 0) {
        administrations = 10 + rng.below(500) as u64;
        for item in &package.items {
            if rng.below(2) == 0 {
                exposure_counts.insert(item.id.clone(), rng.below(administrations as usize) as u64);
            }
        }
    }
    CaseStart {
        learner,
        now,
        seed: Seed(seed),
        attempt_id: uuid(rng),
        attempt_number: 1 + rng.below(max as usize) as u32,
        mode,
        seen_item_ids,
        exposure_counts,
        administrations,
    }
}

/// A version-4 UUID drawn from the stream.
fn uuid(rng: &mut SeededRng) -> String {
    let a = any_u64(rng);
    let b = any_u64(rng);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}
