//! The host's Unicode for typed answers: `String.prototype.normalize("NFC")` and
//! `toLowerCase()`, installed into the core (`score::unicode`) so the module carries no
//! normalization or case tables of its own.

use js_sys::JsString;

use crate::score::unicode::{install_host, HostUnicode};

/// Install the host's NFC and lower-casing (idempotent; cheap).
pub fn install() {
    install_host(HostUnicode {
        nfc: host_nfc,
        lowercase: host_lowercase,
    });
}

fn host_nfc(text: &str) -> String {
    String::from(JsString::from(text).normalize("NFC"))
}

fn host_lowercase(text: &str) -> String {
    String::from(JsString::from(text).to_lower_case())
}
