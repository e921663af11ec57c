//! The browser API (`#[wasm_bindgen]`), compiled only on wasm32. Nothing here decides
//! anything: it converts arguments, calls the core, and converts results and errors.
//!
//! - [`package`]: `Package.load`, `info`;
//! - `instructor` (cargo feature `instructor`): `package.feasibility()`, for the instructor
//!   preview (built by `./x build` as its own module, `pkg/instructor/certa_instructor.js`);
//! - [`session`]: the attempt (`Session.start`, `answer`, `submit`, …), with its
//!   [`options`];
//! - [`error`]: core errors as `CertaError` / `RangeError`, in one place;
//! - [`entropy`]: seeds and attempt ids from `crypto.getRandomValues`;
//! - [`types`]: the TypeScript declarations of every JSON document;
//! - [`unicode`]: the host's NFC and lower-casing for typed answers;
//! - `allocator`: the module's memory allocator (Talc, smaller than dlmalloc);
//! - `import` (cargo feature `import`): `importPackage`, QTI or GIFT to a package and its
//!   import report, for the instructor preview (built by `./x build` as its own module,
//!   `pkg/import/certa_import.js`).
//!
//! Documents cross to JS as JSON text read by `JSON.parse` (plain objects, never `Map`s).
//! Values coming in (options, responses) go through `JSON.stringify` and the engine's reader
//! (`model::json`), so they are read exactly as the native engine reads the same JSON.

mod allocator;
pub mod entropy;
pub mod error;
#[cfg(feature = "import")]
pub mod import;
#[cfg(feature = "instructor")]
pub mod instructor;
pub mod options;
pub mod package;
pub mod session;
pub mod types;
pub mod unicode;

use wasm_bindgen::JsValue;

use crate::decimal::Decimal;
use crate::model::json::{self, FromJson, ToJson};
use crate::timestamp::Timestamp;

/// A document as a plain JS value: its JSON text (the engine's writer, `model::json::write`,
/// as natively) through `JSON.parse`. One writer for every document keeps the module small,
/// and `JSON.parse` builds the objects faster than property-by-property calls across the
/// boundary.
fn to_js(value: &dyn ToJson) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&json::write(value))
        .map_err(|_| error::plain("serialize", "JSON.parse refused a document"))
}

/// A JS value as JSON text (`JSON.stringify`), or a `RangeError` naming it.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if value.is_undefined() {
        return Err(error::bad_argument(&format!("{what} is missing")));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error::bad_argument(&format!("{what} cannot be written as JSON")))
}

/// A JS value read as JSON, as the native engine would read the same JSON text.
fn json_of(value: &JsValue, what: &str) -> Result<json::Value, JsValue> {
    json::value_from_str(&json_text(value, what)?)
        .map_err(|e| error::bad_argument(&format!("{what} is not valid JSON: {e}")))
}

/// A JS object read into a Rust type through its JSON text; shape errors name the field.
fn from_js<T: FromJson>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    let text = json_text(value, what)?;
    json::read(&text).map_err(|e| {
        let path = if e.path.is_empty() { "." } else { &e.path };
        error::bad_argument(&format!("{what}.{path}: {}", e.message))
    })
}

/// A string argument, or a `RangeError` naming it.
fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| error::bad_argument(&format!("{name} must be a string")))
}

/// A `Date.now()`-style millisecond time, or a `RangeError`.
fn time_arg(now: f64, name: &str) -> Result<Timestamp, JsValue> {
    if !now.is_finite() || now.abs() > 8.64e15 {
        return Err(error::bad_argument(&format!(
            "{name} must be a finite time in milliseconds since 1970 (Date.now()), found {}",
            Decimal(now)
        )));
    }
    Ok(Timestamp(now.round() as i64))
}
