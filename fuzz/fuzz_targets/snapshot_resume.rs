//! The `snapshot_resume` target; its input and checks are in fuzz/harness/snapshot_resume.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certa_fuzz::snapshot_resume::run(data));
