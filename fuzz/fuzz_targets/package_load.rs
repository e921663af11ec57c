//! The `package_load` target; its input and checks are in fuzz/harness/package_load.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certa_fuzz::package_load::run(data));
