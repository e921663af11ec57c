//! The `assemble` target; its input and checks are in fuzz/harness/assemble.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certa_fuzz::assemble::run(data));
