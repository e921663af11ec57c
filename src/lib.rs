//! certa: assessment delivery for the learner's browser.
//!
//! # Features
//! - **Packages** (`model`): the `certa/1` JSON format, validated with JSON paths.
//! - **Forms** (`assemble`): seeded, reproducible blueprint form assembly with a feasibility
//!   report.
//! - **Scoring** (`score`): every interaction kind with partial credit, outcome mastery,
//!   pass/fail and credential decisions, IRT ability (EAP and MLE).
//! - **Sessions** (`session`): the attempt state machine with snapshot and resume.
//! - **Import** (`import`): Moodle GIFT files to items and a valid package.
//! - **Delivery** (`delivery`): the delivered form (no keys), session state and practice
//!   feedback, as the browser player shows them.
//! - **Import** (`import`): QTI 2.1/2.2/3.0 items, tests and IMS content packages to a valid
//!   package, with a report of what was imported, skipped and scored differently.
//! - **Record service** (`server`, native only): `certa serve` verifies posted records, stores
//!   them idempotently in SQLite and exports them.
//!
//! The core is pure and deterministic: no I/O, no clock, no RNG of its own. Time, seeds and ids
//! come in as arguments, so the same inputs give byte-identical results on wasm32 and x86_64.
//!
//! # Quick start
//! ```
//! let json = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
//! let package = certa::model::Package::load(&json).unwrap();
//! let form = certa::assemble::assemble_form(&package, certa::assemble::Seed(42), &Default::default()).unwrap();
//! assert_eq!(form.items.len(), package.blueprint.length);
//! ```

pub mod assemble;
/// Benchmark entry points for `./x bench peers` (feature `bench-exports`, never in `./x build`).
#[cfg(all(target_arch = "wasm32", feature = "bench-exports"))]
pub mod bench_exports;
pub mod decimal;
pub mod delivery;
pub mod import;
pub mod model;
pub mod publish;
pub mod record;
pub mod score;
#[cfg(not(target_arch = "wasm32"))]
pub mod server;
pub mod session;
pub mod sha256;
pub mod sorted_map;
pub mod stable_sort;
pub mod synthetic;
pub mod timestamp;
pub mod verify;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
