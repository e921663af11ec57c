//! The `import_qti` target; its input and checks are in fuzz/harness/import_qti.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certa_fuzz::import_qti::run(data));
