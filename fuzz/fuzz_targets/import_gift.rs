//! The `import_gift` target; its input and checks are in fuzz/harness/import_gift.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certa_fuzz::import_gift::run(data));
