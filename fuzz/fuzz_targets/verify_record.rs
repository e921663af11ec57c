//! The `verify_record` target; its input and checks are in fuzz/harness/verify_record.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certa_fuzz::verify_record::run(data));
