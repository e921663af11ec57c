//! SCORM run-time data from a completion record: the ordered `SetValue` calls a SCO would make
//! at the end of the attempt, for SCORM 2004 4th edition ([`scorm2004()`]) and SCORM 1.2
//! ([`scorm12()`]). Each is a pure function of (package, record) and returns the
//! `(element, value)` pairs in the order they must be set (an interaction's `id` first, its
//! `type` before its responses) plus [`ScormNotice`]s for everything the formats made us
//! change: a truncated text, an escaped id, a dropped value.
//!
//! What the record does not hold is not invented: an unanswered item has no response, time
//! or latency; an item awaiting manual grading has no `result`. Correct-response patterns are
//! left out of secure-mode records. The per-format choices are documented in
//! [`mod@scorm2004`]'s and [`mod@scorm12`]'s modules, the id mappings in [`identifier`], the timing
//! estimate in [`pacing`].

pub mod decimal;
pub mod identifier;
pub mod pacing;
pub mod responses_12;
pub mod responses_2004;
pub mod scorm12;
pub mod scorm2004;
pub mod text;
pub mod time;

use serde::Serialize;

pub use scorm12::scorm12;
pub use scorm2004::scorm2004;

/// Something the format made the exporter change or leave out, on one element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScormNotice {
    /// The data model element (`cmi.interactions.3.description`).
    pub element: String,
    /// What happened, in a plain sentence (`truncated from 412 to 250 characters`).
    pub message: String,
}

impl ScormNotice {
    /// A notice on `element`.
    pub fn new(element: &str, message: impl Into<String>) -> ScormNotice {
        ScormNotice {
            element: element.to_string(),
            message: message.into(),
        }
    }
}

/// The learner's response to `item` typed by its interaction, or `None` when there is none.
/// A response that does not fit the item is left out with a notice on `element`; both SCORM
/// versions write their response element from this.
pub(crate) fn typed_response<'a>(
    item: &crate::model::Item,
    value: &'a crate::model::json::Value,
    element: &str,
    notices: &mut Vec<ScormNotice>,
) -> Option<crate::score::response::Response<'a>> {
    match crate::score::response::parse_response(item, value) {
        Ok(response) => response,
        Err(e) => {
            notices.push(ScormNotice::new(element, format!("omitted: {e}")));
            None
        }
    }
}

impl std::fmt::Display for ScormNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.element, self.message)
    }
}

/// The run-time data of one attempt.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ScormExport {
    /// `(element, value)` in `SetValue` order.
    pub pairs: Vec<(String, String)>,
    pub notices: Vec<ScormNotice>,
}

impl ScormExport {
    fn set(&mut self, element: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((element.into(), value.into()));
    }

    /// The value set for `element`, if any (the last one when set twice).
    pub fn get(&self, element: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(e, _)| e == element)
            .map(|(_, v)| v.as_str())
    }
}
