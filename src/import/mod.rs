//! Importers: assessment content from other formats turned into a `certa/1` package, with a
//! report of everything imported, skipped or changed.
//!
//! - [`qti`]: IMS QTI 2.1, 2.2 and 3.0 items and tests, as XML files or IMS content packages
//!   (zip with `imsmanifest.xml`); see `docs/import-qti.md` for what maps and what does not.
//! - [`gift`]: Moodle GIFT text files (`parse_gift`, `gift_package`); see
//!   `docs/import-gift.md`.
//! - [`to_package`]: the one place imported items become a valid package (blueprint, session
//!   policy, defaults), whatever the source format.
//! - [`report`] and [`error`]: what an import did, and why one failed (file and line/column).
//!
//! Like the rest of the core this does no I/O: sources come in as bytes, and files that a
//! source refers to (a test's items) are asked for through a resolver the caller supplies.
//! No input makes an import panic.

pub mod error;
pub mod gift;
pub mod qti;
pub mod report;
pub mod to_package;

pub use error::{ImportError, ImportErrorKind, Location};
pub use report::{ImportReport, ImportedItemSummary, Skipped, SourceSummary, Warning};
pub use to_package::{
    build_package, ImportedItems, PackageOptions, PlanSection, TestPlan, DEFAULT_CUT_SCORE,
};

use crate::model::Package;

/// One input file: its name (a path; used in messages and to resolve relative references)
/// and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The formats the importers read, detected from the content (never from the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// An XML document: a QTI item, test, or an IMS manifest whose files sit beside it.
    QtiXml,
    /// A zip archive: an IMS content package with `imsmanifest.xml`.
    ContentPackage,
}

impl SourceFormat {
    /// A short name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::QtiXml => "qti_xml",
            SourceFormat::ContentPackage => "ims_content_package",
        }
    }
}

/// Which importer reads these bytes, judged from the content: a zip signature, or XML (after
/// an optional byte-order mark and white space). `None` when no importer reads them.
pub fn detect(bytes: &[u8]) -> Option<SourceFormat> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(SourceFormat::ContentPackage);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(SourceFormat::QtiXml); // UTF-16 with a byte-order mark
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Some(SourceFormat::QtiXml),
        _ => None,
    }
}

/// Read every source into imported items (not yet a package). XML sources are read together,
/// so that a test finds the items given beside it; `resolve` is asked for any other file a
/// source refers to, by its path joined onto the referring file's folder (`None`: not there).
pub fn import_files(
    files: Vec<SourceFile>,
    resolve: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
) -> Result<ImportedItems, ImportError> {
    let mut all = ImportedItems::default();
    let mut xml = Vec::new();
    for file in files {
        match detect(&file.bytes) {
            Some(SourceFormat::QtiXml) => xml.push(file),
            Some(SourceFormat::ContentPackage) => {
                all.merge(qti::import_content_package(&file.name, &file.bytes)?)?
            }
            None => {
                return Err(ImportError::in_file(
                    ImportErrorKind::UnknownFormat,
                    &file.name,
                    "not a format certa imports: expected QTI XML (an assessmentItem, assessmentTest or imsmanifest.xml) or an IMS content package (zip)",
                ))
            }
        }
    }
    if !xml.is_empty() {
        all.merge(qti::import_xml_files(xml, resolve)?)?;
    }
    Ok(all)
}

/// Import sources and assemble the package: [`import_files`] then [`build_package`].
pub fn import_package(
    files: Vec<SourceFile>,
    resolve: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    options: &PackageOptions,
) -> Result<(Package, ImportReport), ImportError> {
    build_package(import_files(files, resolve)?, options)
}
