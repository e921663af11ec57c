//! What an import did: the items it brought in, the ones it skipped and why, the warnings
//! (where the package scores differently from the source, or something was not carried
//! over), and the defaults it chose. Nothing an importer leaves out goes unreported.

use serde::Serialize;

use crate::model::InteractionKind;

/// Something imported with a difference from the source, or not carried over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The source file.
    pub file: String,
    /// The item (or test) identifier the warning is about, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub message: String,
}

/// An item (or other resource) that was not imported, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub file: String,
    /// The identifier of what was skipped, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub reason: String,
}

/// One imported item at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedItemSummary {
    pub id: String,
    /// The source title, when it has one (certa items carry no title).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub kind: InteractionKind,
    pub file: String,
}

/// The report of one import.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ImportReport {
    /// The files read, with the format each was read as.
    pub sources: Vec<SourceSummary>,
    pub imported: Vec<ImportedItemSummary>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
    /// Defaults the package needed that the source does not give (scale, cut score, ...).
    pub defaults: Vec<String>,
}

/// A source file and the format it was read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceSummary {
    pub file: String,
    pub format: String,
}

impl Warning {
    /// A warning about an item of a file.
    pub fn item(file: &str, item: &str, message: impl Into<String>) -> Warning {
        Warning {
            file: file.to_string(),
            item: Some(item.to_string()),
            message: message.into(),
        }
    }

    /// A warning about a file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> Warning {
        Warning {
            file: file.to_string(),
            item: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{} [{}]: {}", self.file, item, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{} [{}]: {}", self.file, item, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}
