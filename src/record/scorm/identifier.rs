//! Package ids (items, outcomes, choices, gaps) as SCORM identifiers. The mappings are
//! injective, so two different ids never become the same identifier, and they leave the ids
//! of well-behaved packages (`a11y-05`, `NOP-1`, `b`) unchanged.
//!
//! - **SCORM 2004** (`long_identifier_type`, SPM 4000, and `short_identifier_type`, SPM 250;
//!   both URI syntax, RFC 3986): `A–Z a–z 0–9` and `- . _ : / @ ! $ ' ( ) * + ; =` are kept;
//!   every other byte of the UTF-8 form, `%` included, is percent-encoded as `%HH`
//!   (`LO 1` → `LO%201`, `é` → `%C3%A9`). An id with no letter, digit or `_` (runtimes want
//!   one) gets its first character percent-encoded (`--` → `%2D-`).
//! - **SCORM 1.2** (`CMIIdentifier`: letters, digits, `-` and `_`, at most 255): letters,
//!   digits and `-` are kept, `_` is doubled (`__`), and every other byte is written `_HH`
//!   (`LO 1` → `LO_201`, `q_1` → `q__1`).
//!
//! An identifier longer than the limit keeps its first characters and ends with `-` and 16
//! hex digits of the SHA-256 of the original id, so it stays unique; an empty id becomes
//! `%00` / `_00`.

use crate::sha256;

/// SPM of SCORM 2004 `long_identifier_type` (interaction and objective ids).
pub const LONG_2004: usize = 4000;
/// SPM of SCORM 2004 `short_identifier_type` (choice, step and gap ids in responses).
pub const SHORT_2004: usize = 250;
/// Maximum length of a SCORM 1.2 `CMIIdentifier`.
pub const MAX_12: usize = 255;

/// A SCORM 2004 identifier of at most `max` characters.
pub fn identifier_2004(id: &str, max: usize) -> String {
    if id.is_empty() {
        return "%00".to_string();
    }
    let mut out = String::with_capacity(id.len());
    for (i, ch) in id.chars().enumerate() {
        let keep = ch.is_ascii_alphanumeric() || "-._:/@!$'()*+;=".contains(ch);
        // Without a word character the first one is encoded, which brings in hex digits.
        let force = i == 0 && !id.chars().any(|c| c.is_ascii_alphanumeric() || c == '_');
        if keep && !force {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for byte in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    bounded(out, id, max)
}

/// A SCORM 1.2 `CMIIdentifier`.
pub fn identifier_12(id: &str) -> String {
    if id.is_empty() {
        return "_00".to_string();
    }
    let mut out = String::with_capacity(id.len());
    for ch in id.chars() {
        if ch.is_ascii_alphanumeric() || ch == '-' {
            out.push(ch);
        } else if ch == '_' {
            out.push_str("__");
        } else {
            let mut buf = [0u8; 4];
            for byte in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("_{byte:02X}"));
            }
        }
    }
    bounded(out, id, MAX_12)
}

/// `mapped` when it fits in `max`; otherwise its head, `-` and 16 hex digits of the original
/// id's SHA-256. Every character of `mapped` is ASCII, so the head is cut by bytes; it never
/// ends inside a `%HH` escape.
fn bounded(mapped: String, original: &str, max: usize) -> String {
    if mapped.len() <= max {
        return mapped;
    }
    let digest = sha256::digest(original.as_bytes());
    let suffix: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let room = max.saturating_sub(suffix.len() + 1);
    let mut head = mapped.get(..room).unwrap_or_default().to_string();
    // A `%` must be followed by two hex digits: do not leave a partial escape at the end.
    if let Some(pos) = head.rfind('%') {
        if head.len() - pos < 3 {
            head.truncate(pos);
        }
    }
    format!("{head}-{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_behaved_ids_are_unchanged() {
        for id in ["a11y-05", "NOP-1", "b", "ADDR-001", "urn:x:y", "set.1_a"] {
            assert_eq!(identifier_2004(id, SHORT_2004), id);
        }
        for id in ["a11y-05", "NOP-1", "b", "ADDR-001"] {
            assert_eq!(identifier_12(id), id);
        }
    }

    #[test]
    fn other_characters_are_escaped() {
        assert_eq!(identifier_2004("LO 1", LONG_2004), "LO%201");
        assert_eq!(
            identifier_2004("é#[,]%", LONG_2004),
            "%C3%A9%23%5B%2C%5D%25"
        );
        assert_eq!(identifier_2004("--", LONG_2004), "%2D-");
        assert_eq!(identifier_2004("", LONG_2004), "%00");
        assert_eq!(identifier_12("LO 1"), "LO_201");
        assert_eq!(identifier_12("q_1"), "q__1");
        assert_eq!(identifier_12("a.b"), "a_2Eb");
    }

    #[test]
    fn mapping_is_injective_on_tricky_pairs() {
        let pairs = [("a b", "a%20b"), ("--", "%2D-"), ("a_20", "a 0")];
        for (x, y) in pairs {
            assert_ne!(identifier_2004(x, 250), identifier_2004(y, 250), "{x} {y}");
            assert_ne!(identifier_12(x), identifier_12(y), "{x} {y}");
        }
    }

    #[test]
    fn long_ids_keep_a_unique_tail() {
        let a = "x".repeat(300);
        let b = format!("{}y", "x".repeat(299));
        let (ma, mb) = (identifier_2004(&a, 250), identifier_2004(&b, 250));
        assert_eq!(ma.len(), 250);
        assert_ne!(ma, mb);
        assert!(identifier_12(&a).len() <= 255);
        // An escape is never cut in half.
        let spaced = " ".repeat(200);
        let m = identifier_2004(&spaced, 250);
        assert!(
            m.len() <= 250
                && m.trim_end_matches(|c: char| c.is_ascii_hexdigit())
                    .ends_with('-')
        );
        assert!(!m.split('-').next().unwrap_or("").ends_with('%'));
    }
}
