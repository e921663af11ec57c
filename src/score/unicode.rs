//! The two Unicode operations typed answers go through: composition to NFC and lower-casing.
//!
//! Natively they run on Rust's own tables (`score::nfc` over the `unicode-normalization`
//! crate, and `str::to_lowercase`). In the browser module (wasm32) those tables would be about
//! 70 KB of the module, a quarter of it gzipped, for something every browser already has: the
//! bindings install the host's `String.prototype.normalize("NFC")` and `toLowerCase()` with
//! [`install_host`] when a package is loaded (`wasm::package`), and these functions call them.
//!
//! Both sides implement the same Unicode algorithms (UAX #15 and the default case
//! conversion, final sigma included); they can differ only on characters assigned in one
//! Unicode version and not the other (a native engine on Unicode 16 against a browser on
//! 15.1, say). ASCII text never leaves Rust. Before a host is installed, a wasm32 build
//! composes nothing and lower-cases ASCII only; the bindings install one before any package
//! exists, so no answer is ever scored that way.

/// The host's implementations, installed by the bindings on wasm32.
#[derive(Clone, Copy)]
pub struct HostUnicode {
    /// `text.normalize("NFC")`.
    pub nfc: fn(&str) -> String,
    /// `text.toLowerCase()`.
    pub lowercase: fn(&str) -> String,
}

#[cfg(target_arch = "wasm32")]
static HOST: std::sync::OnceLock<HostUnicode> = std::sync::OnceLock::new();

/// Use `host` for non-ASCII text from now on (wasm32; the first call wins, later ones are
/// ignored). Natively this does nothing: the engine's own tables are used.
pub fn install_host(host: HostUnicode) {
    #[cfg(target_arch = "wasm32")]
    let _ = HOST.set(host);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = host;
}

/// The NFC form of `text`.
pub fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    #[cfg(target_arch = "wasm32")]
    return match HOST.get() {
        Some(host) => (host.nfc)(text),
        None => text.to_string(),
    };
    #[cfg(not(target_arch = "wasm32"))]
    super::nfc::nfc(text)
}

/// `text` lower-cased (Unicode default case conversion).
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    return match HOST.get() {
        Some(host) => (host.lowercase)(text),
        None => text.to_ascii_lowercase(),
    };
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_stays_in_rust_and_matches_std() {
        assert_eq!(nfc("Plain Text 12"), "Plain Text 12");
        assert_eq!(lowercase("Plain TEXT 12"), "plain text 12");
    }

    #[test]
    fn non_ascii_composes_and_lowercases() {
        assert_eq!(nfc("Cafe\u{301}"), "Caf\u{e9}");
        assert_eq!(lowercase("ÉCOLE ΟΔΟΣ"), "école οδος");
        assert_eq!(lowercase("İ"), "i\u{307}");
    }
}
