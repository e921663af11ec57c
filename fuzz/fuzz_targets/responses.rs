//! The `responses` target; its input and checks are in fuzz/harness/responses.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certa_fuzz::responses::run(data));
