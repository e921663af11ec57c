//! Why an import failed: a typed error that names the file, the place in it (line and column,
//! or an element path), and what was expected.

use serde::Serialize;

/// What kind of failure an [`ImportError`] is, for callers that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportErrorKind {
    /// The bytes are none of the formats an importer reads.
    UnknownFormat,
    /// The XML is not well-formed.
    MalformedXml,
    /// Well-formed XML, but not a QTI item, test or IMS manifest.
    NotQti,
    /// QTI that breaks a rule the import depends on (a missing identifier, a declaration an
    /// interaction needs, a value of the wrong type).
    InvalidQti,
    /// A manifest resource or a test's item reference names a file that is not there.
    MissingHref,
    /// Two items, choices, declarations or resources share an identifier.
    DuplicateIdentifier,
    /// A correct response or mapping key names no choice (source, target, gap) of its
    /// interaction.
    UnknownChoice,
    /// A zip archive that cannot be read (corrupt, encrypted, an unsupported compression
    /// method, or a file larger than the import limits).
    BadArchive,
    /// Nothing could be imported: every item was skipped.
    NoItems,
    /// The assembled package breaks a package rule (a bug in the importer if it happens).
    InvalidPackage,
}

/// Where in a file an error is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Location {
    /// The whole file.
    File,
    /// 1-based line and column.
    LineColumn { line: u32, column: u32 },
    /// A path of elements or entries (`manifest/resources/resource[3]`).
    Path { path: String },
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::LineColumn { line, column } => write!(f, ":{line}:{column}"),
            Location::Path { path } => write!(f, " ({path})"),
        }
    }
}

/// A failed import: `items/q7.xml:12:5: correct response "E" names no choice; expected one of
/// A, B, C, D`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{file}{location}: {message}")]
pub struct ImportError {
    pub kind: ImportErrorKind,
    /// The file the error is in (`exam.zip!items/q7.xml` for a file inside an archive).
    pub file: String,
    pub location: Location,
    /// A plain sentence saying what is wrong and what was expected.
    pub message: String,
}

impl ImportError {
    /// An error about a whole file.
    pub fn in_file(kind: ImportErrorKind, file: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            kind,
            file: file.to_string(),
            location: Location::File,
            message: message.into(),
        }
    }

    /// An error at a line and column.
    pub fn at(
        kind: ImportErrorKind,
        file: &str,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> ImportError {
        ImportError {
            kind,
            file: file.to_string(),
            location: Location::LineColumn { line, column },
            message: message.into(),
        }
    }

    /// An error at an element or entry path.
    pub fn at_path(
        kind: ImportErrorKind,
        file: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> ImportError {
        ImportError {
            kind,
            file: file.to_string(),
            location: Location::Path { path: path.into() },
            message: message.into(),
        }
    }
}
