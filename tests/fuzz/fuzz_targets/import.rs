//! Any bytes, read as any file name's content: the importers return a package or an error,
//! never panic.
#![no_main]

use certa::import::{import_package, PackageOptions, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = vec![SourceFile {
        name: "fuzz.input".to_string(),
        bytes: data.to_vec(),
    }];
    let mut nothing = |_: &str| None;
    let _ = import_package(files, &mut nothing, &PackageOptions::default());
});
