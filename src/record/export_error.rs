//! Why a standards exporter (xAPI, cmi5, SCORM, LTI AGS, Open Badges) could not map a record.
//! Exporters are pure functions of (package, record); these are the ways the two can fail to
//! fit together.

/// A record that cannot be exported against a package.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// Secure records carry no result until the backend has verified (and so scored) them.
    #[error("the record has no result: a secure attempt is exported after verification")]
    Unscored,
    /// The record was made on another package (or another version of it).
    #[error("the record is for package {record} but the package given is {package}")]
    PackageMismatch { record: String, package: String },
    /// The record's form names an item the package does not hold.
    #[error("form[{index}]: item \"{item_id}\" is not in the package")]
    UnknownItem { index: usize, item_id: String },
    /// An option the exporter needs is missing or malformed.
    #[error("{field}: {message}")]
    BadOption { field: String, message: String },
    /// A response in the record does not fit its item (wrong shape, unknown ids).
    #[error("responses[\"{item_id}\"]: {message}")]
    BadResponse { item_id: String, message: String },
    /// A field of the record that the export needs is missing or malformed.
    #[error("record.{field}: {message}")]
    BadRecord { field: String, message: String },
    /// The record holds a value the target format has no way to express.
    #[error("{field}: {message}")]
    Unrepresentable { field: String, message: String },
}
