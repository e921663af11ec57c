//! `import_qti`: any bytes as one uploaded file (QTI XML in any encoding, or an IMS content
//! package zip) → `import_package`, what `certa import` and the instructor preview's
//! `importPackage` run. The file's references resolve to nothing.
//!
//! Checked (as `tests/import_qti_props.rs` checks its inputs): no panic, no hang, no runaway
//! allocation; an import gives a valid package; an error names the file.

use certa::import::{import_package, PackageOptions, SourceFile};
use certa::model::validate;

/// The name the input is uploaded under.
pub const FILE_NAME: &str = "fuzz.input";

pub fn run(data: &[u8]) {
    let files = vec![SourceFile {
        name: FILE_NAME.to_string(),
        bytes: data.to_vec(),
    }];
    let mut nothing = |_: &str| None;
    match import_package(files, &mut nothing, &PackageOptions::default()) {
        Ok((package, _report)) => {
            let problems = validate(&package);
            assert!(
                problems.is_empty(),
                "an imported package is invalid: {problems:?}"
            );
        }
        Err(e) => assert!(
            e.file.starts_with(FILE_NAME),
            "an error that names no file: {e}"
        ),
    }
}
