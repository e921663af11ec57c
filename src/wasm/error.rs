//! The one place where core errors become JavaScript errors.
//!
//! Engine errors are thrown as a `CertaError`: a JS `Error` whose `name` is `"CertaError"`,
//! with a machine-readable `code`, the JSON `path` of the problem when known, and `problems`
//! (`[{path, message}]`) when there are several. Arguments of the wrong JS type are thrown as
//! a `RangeError`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::assemble::AssemblyError;
use crate::model::{LoadError, Problem};
use crate::score::ScoreError;
use crate::session::SessionError;

/// A `{path, message}` pair, as carried in `problems`.
struct PathMessage<'a> {
    path: &'a str,
    message: &'a str,
}

/// Build a `CertaError`.
fn certa_error(code: &str, message: &str, path: Option<&str>, problems: &[PathMessage]) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("CertaError");
    let value: JsValue = error.into();
    set(&value, "code", &JsValue::from_str(code));
    if let Some(path) = path {
        set(&value, "path", &JsValue::from_str(path));
    }
    if !problems.is_empty() {
        let list = Array::new();
        for p in problems {
            let entry = Object::new();
            set(&entry, "path", &JsValue::from_str(p.path));
            set(&entry, "message", &JsValue::from_str(p.message));
            list.push(&entry);
        }
        set(&value, "problems", &list);
    }
    value
}

/// Setting a property on a fresh object cannot fail; if it ever did, the error still throws
/// with its message, so the result is ignored.
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A `RangeError` for an argument of the wrong type or out of range.
pub fn bad_argument(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

/// A `CertaError` with only a code and a message.
pub fn plain(code: &str, message: &str) -> JsValue {
    certa_error(code, message, None, &[])
}

/// A package that did not parse (`parse`) or broke rules (`invalid_package`).
pub fn load_error(error: &LoadError) -> JsValue {
    let code = match error {
        LoadError::Parse { .. } => "parse",
        LoadError::Invalid(_) => "invalid_package",
    };
    let problems: Vec<Problem> = error.problems();
    let listed: Vec<PathMessage> = problems
        .iter()
        .map(|p| PathMessage {
            path: &p.path,
            message: &p.message,
        })
        .collect();
    let path = problems.first().map(|p| p.path.as_str());
    certa_error(code, &error.to_string(), path, &listed)
}

/// A refused session move.
pub fn session_error(error: &SessionError) -> JsValue {
    let message = error.to_string();
    let (code, path): (&str, Option<String>) = match error {
        SessionError::Submitted => ("submitted", None),
        SessionError::TimeUp { .. } => ("time_up", None),
        SessionError::NotOnForm { .. } => ("not_on_form", None),
        SessionError::OutOfRange { .. } => ("out_of_range", None),
        SessionError::LinearBack { .. } => ("linear_back", None),
        SessionError::LinearLocked { .. } => ("linear_locked", None),
        SessionError::TooManyAttempts { .. } => ("too_many_attempts", None),
        SessionError::MissingAttemptId => ("missing_attempt_id", Some("attemptId".into())),
        SessionError::MissingLearner => ("missing_learner", Some("learner.id".into())),
        SessionError::NeedsSecureMode { .. } => ("needs_secure_mode", Some("mode".into())),
        SessionError::WrongPackage { .. } => ("wrong_package", None),
        SessionError::BadSnapshot(_) => ("bad_snapshot", None),
        SessionError::SnapshotUnversioned { .. } => ("snapshot_unversioned", None),
        SessionError::SnapshotTampered { place, .. } => ("snapshot_tampered", Some(place.clone())),
        SessionError::Assembly(AssemblyError::Infeasible(shortfalls)) => {
            let listed: Vec<PathMessage> = shortfalls
                .iter()
                .map(|s| PathMessage {
                    path: &s.rule,
                    message: &s.message,
                })
                .collect();
            let path = shortfalls.first().map(|s| s.rule.as_str());
            return certa_error("infeasible", &message, path, &listed);
        }
        SessionError::Response(ScoreError::WrongShape { item_id, .. }) => {
            ("wrong_shape", Some(format!("responses.{item_id}")))
        }
        SessionError::Response(ScoreError::NotOnForm { .. }) => ("not_on_form", None),
        SessionError::Response(ScoreError::UnknownItem { .. }) => ("unknown_item", None),
        SessionError::Response(ScoreError::KeysStripped) => ("keys_stripped", None),
    };
    certa_error(code, &message, path.as_deref(), &[])
}

/// A failed import (`import_<kind>`, e.g. `import_unknown_choice`), with `path` the file and
/// its line and column (`items/q1.xml:12:5`).
#[cfg(feature = "import")]
pub fn import_error(e: &crate::import::ImportError) -> JsValue {
    let kind = serde_json::to_value(e.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let place = format!("{}{}", e.file, e.location);
    certa_error(&format!("import_{kind}"), &e.to_string(), Some(&place), &[])
}

/// A file no importer reads (`import_unknown_format`).
#[cfg(feature = "import")]
pub fn import_unknown_format(file: &str) -> JsValue {
    let message = format!(
        "{file}: not a format certa imports: expected QTI XML (an assessmentItem, assessmentTest or imsmanifest.xml), an IMS content package (zip) or Moodle GIFT text"
    );
    certa_error("import_unknown_format", &message, Some(file), &[])
}

/// A GIFT file that could not be read (`import_invalid_gift`), with `path` its file, line and
/// column (`quiz.gift:12:7`).
#[cfg(feature = "import")]
pub fn gift_error(e: &crate::import::gift::ImportError) -> JsValue {
    let place = e.location.to_string();
    certa_error("import_invalid_gift", &e.to_string(), Some(&place), &[])
}

/// A GIFT file whose every question was skipped (`import_no_items`), with each skipped question
/// in `problems` at its place.
#[cfg(feature = "import")]
pub fn gift_no_items(file: &str, skipped: &[crate::import::gift::SkippedQuestion]) -> JsValue {
    let places: Vec<(String, String)> = skipped
        .iter()
        .map(|s| (s.location.to_string(), s.reason.clone()))
        .collect();
    let listed: Vec<PathMessage> = places
        .iter()
        .map(|(path, message)| PathMessage { path, message })
        .collect();
    let message = format!(
        "{file}: nothing imported: every question was skipped ({})",
        skipped.len()
    );
    certa_error("import_no_items", &message, Some(file), &listed)
}
