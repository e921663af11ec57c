//! What a GIFT import reports besides items: where things are in the file, the error that
//! stops an import, the warnings about what could not be represented exactly, and the
//! questions skipped.

use serde::Serialize;

/// A place in the imported file: 1-based line and column (columns count characters, not bytes;
/// a UTF-8 byte-order mark is not counted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// The file name given to the parser, as it appears in messages.
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Why a file could not be imported: the place, what is wrong, and what was expected there.
///
/// Displayed as `quiz.gift:12:7: unterminated answer block ...; expected ...`.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{location}: {message}{}", expected_suffix(.expected))]
pub struct ImportError {
    pub location: Location,
    /// What is wrong, in a plain sentence.
    pub message: String,
    /// What the parser expected at that place, when it can say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

fn expected_suffix(expected: &Option<String>) -> String {
    match expected {
        Some(e) => format!("; expected {e}"),
        None => String::new(),
    }
}

/// Something imported, but not exactly as the GIFT file says (weights certa cannot express,
/// feedback it has no place for, an id changed to keep ids unique).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportWarning {
    /// Where the question starts.
    pub location: Location,
    /// The id of the item the warning is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item_id {
            Some(id) => write!(f, "{}: item \"{id}\": {}", self.location, self.message),
            None => write!(f, "{}: {}", self.location, self.message),
        }
    }
}

/// A question that was not imported, and why (a description without an answer block, or,
/// when invalid questions are skipped, the error it had).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkippedQuestion {
    /// Where the question starts.
    pub location: Location,
    /// Its `::title::`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for SkippedQuestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.title {
            Some(t) => write!(f, "{}: \"{t}\": {}", self.location, self.reason),
            None => write!(f, "{}: {}", self.location, self.reason),
        }
    }
}
