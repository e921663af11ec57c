//! The fuzz harness: one module per target, each with `run(data: &[u8])`, the whole of what the
//! target does with one input. The cargo-fuzz binaries in `fuzz/fuzz_targets/` call `run` and
//! nothing else, and `tests/fuzz_regressions.rs` compiles this same directory on stable to
//! replay the committed corpora (`fuzz/seeds/<target>/`, `fuzz/regressions/<target>/`)
//! through the same `run`. A target fails by panicking: certa panicked, or a `run` found an
//! invariant broken (an assembled form that breaks its blueprint, a score outside its item's
//! points, an accepted snapshot that is refused once saved again, ...).
//!
//! Paths inside the harness are relative (`super::`), never `crate::`, because the test
//! includes it as a module of another crate.
//!
//! - [`package_load`]: bytes → `Package::load` (what the browser's `Package.load` runs);
//! - [`assemble`]: a described bank and blueprint → feasibility and `assemble_form`;
//! - [`responses`]: responses of any shape → the response parser and the scorer;
//! - [`snapshot_resume`]: bytes, or edits of a real snapshot → `Session::resume_json`, submit;
//! - [`verify_record`]: bytes, or edits of the golden record → `verify_json`;
//! - [`import_qti`], [`import_gift`]: bytes → the QTI and GIFT importers.
//!
//! Shared parts: [`examples`] (the real inputs, compiled in), [`json_shape`] (arbitrary
//! JSON-ish values) and [`json_edit`] (structure-aware edits of a real JSON document).

pub mod assemble;
pub mod examples;
pub mod import_gift;
pub mod import_qti;
pub mod json_edit;
pub mod json_shape;
pub mod package_load;
pub mod responses;
pub mod snapshot_resume;
pub mod verify_record;

/// The first byte that switches a target with two input modes from raw text to
/// structure-aware edits. Raw-mode seeds are plain JSON, which never starts with this byte.
pub const STRUCTURED: u8 = 0;
