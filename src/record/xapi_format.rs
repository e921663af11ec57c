//! The value formats xAPI statements need, written the same way on every target: name-based
//! UUIDs (RFC 4122 version 5) for statement ids and registrations, ISO 8601 durations with at
//! most two decimals of seconds, IRI path segments, plain text from item HTML, and decimal
//! numbers for response patterns.

use sha1::{Digest, Sha1};

/// The RFC 4122 namespace for URLs (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
const URL_NAMESPACE: [u8; 16] = [
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
];

/// The name of certa's own UUID namespace, itself a version 5 UUID under the URL namespace.
const CERTA_NAMESPACE_NAME: &str = "urn:certa:xapi";

/// A version 5 (SHA-1, name-based) UUID of `name` in `namespace` (RFC 4122 §4.3).
pub fn uuid_v5(namespace: &[u8; 16], name: &[u8]) -> [u8; 16] {
    let mut hasher = Sha1::new();
    hasher.update(namespace);
    hasher.update(name);
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    bytes
}

/// A version 5 UUID in certa's namespace over `parts`. Each part is length-prefixed, so no
/// two different part lists give the same name (`["a:b", "c"]` ≠ `["a", "b:c"]`).
pub fn name_uuid(parts: &[&str]) -> String {
    let namespace = uuid_v5(&URL_NAMESPACE, CERTA_NAMESPACE_NAME.as_bytes());
    let mut name = Vec::new();
    for part in parts {
        name.extend_from_slice(part.len().to_string().as_bytes());
        name.push(b':');
        name.extend_from_slice(part.as_bytes());
    }
    format_uuid(&uuid_v5(&namespace, &name))
}

/// Lowercase hyphenated form, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
pub fn format_uuid(bytes: &[u8; 16]) -> String {
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The lowercase form of `text` when it is a hyphenated UUID of the RFC 4122 variant (what
/// xAPI accepts as a statement id or registration), `None` otherwise.
pub fn canonical_uuid(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return None;
    }
    for (i, b) in bytes.iter().enumerate() {
        let ok = if matches!(i, 8 | 13 | 18 | 23) {
            *b == b'-'
        } else {
            b.is_ascii_hexdigit()
        };
        if !ok {
            return None;
        }
    }
    let variant = bytes.get(19).map(|b| b.to_ascii_lowercase());
    if !matches!(variant, Some(b'8' | b'9' | b'a' | b'b')) {
        return None;
    }
    Some(text.to_ascii_lowercase())
}

/// An ISO 8601 duration of `ms` milliseconds, truncated to hundredths of a second:
/// `PT1M23.45S`, `PT1H2M`, `PT0.5S`, `PT0S`. Hours are not folded into days.
pub fn iso_duration(ms: u64) -> String {
    let centis = ms / 10;
    let hours = centis / 360_000;
    let minutes = (centis / 6_000) % 60;
    let seconds = (centis / 100) % 60;
    let hundredths = centis % 100;
    let mut out = String::from("PT");
    if hours > 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}M"));
    }
    if seconds > 0 || hundredths > 0 || (hours == 0 && minutes == 0) {
        out.push_str(&seconds.to_string());
        if hundredths > 0 {
            let fraction = format!("{hundredths:02}");
            out.push('.');
            out.push_str(fraction.trim_end_matches('0'));
        }
        out.push('S');
    }
    out
}

/// True when `text` looks like an absolute IRI: a scheme (a letter, then letters, digits,
/// `+`, `-` or `.`), a colon, something after it, and no whitespace.
pub fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text.chars().any(char::is_whitespace)
}

/// `segment` percent-encoded for use as one IRI path segment: unreserved ASCII characters
/// (letters, digits, `-`, `.`, `_`, `~`) are kept, every other byte is `%XX`.
pub fn iri_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The text of an HTML fragment: tags and comments dropped, the common character references
/// decoded, whitespace collapsed to single spaces. Good enough for activity names and
/// descriptions; the fragment is never rendered.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = if tail.starts_with("<!--") {
            tail.find("-->").map(|i| i + 3)
        } else {
            tail.find('>').map(|i| i + 1)
        };
        match end {
            Some(end) => {
                text.push(' ');
                rest = &tail[end..];
            }
            None => {
                rest = "";
            }
        }
    }
    text.push_str(rest);
    collapse_whitespace(&decode_references(&text))
}

/// At most `max_chars` characters of `text`, ending in `…` when cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// A finite number as a plain decimal (no exponent), rounded to 10 decimals with trailing
/// zeros dropped: `2`, `1.9`, `-0.25`. For bounds computed as value ± tolerance, whose binary
/// noise (`0.19999999999999998`) the rounding removes.
pub fn decimal(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let fixed = format!("{x:.10}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let decoded = tail
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| reference(&tail[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse::<u32>().ok()?
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_5_uuids_match_the_rfc_example_and_are_stable() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        const DNS: [u8; 16] = [
            0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
            0x30, 0xc8,
        ];
        assert_eq!(
            format_uuid(&uuid_v5(&DNS, b"python.org")),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d"
        );
        let a = name_uuid(&["xapi", "attempt-1", "completed"]);
        assert_eq!(a, name_uuid(&["xapi", "attempt-1", "completed"]));
        assert_ne!(a, name_uuid(&["xapi", "attempt-2", "completed"]));
        assert_ne!(name_uuid(&["a:b", "c"]), name_uuid(&["a", "b:c"]));
        assert_eq!(canonical_uuid(&a), Some(a.clone()));
        assert_eq!(&a[14..15], "5");
    }

    #[test]
    fn uuids_are_recognised_only_in_the_rfc_variant() {
        assert_eq!(
            canonical_uuid("00000000-0000-4000-8000-00000000000A"),
            Some("00000000-0000-4000-8000-00000000000a".into())
        );
        assert_eq!(canonical_uuid("00000000-0000-0000-0000-000000000000"), None);
        assert_eq!(canonical_uuid("attempt-1"), None);
        assert_eq!(canonical_uuid("00000000x0000-4000-8000-000000000001"), None);
    }

    #[test]
    fn durations_have_at_most_two_decimals() {
        assert_eq!(iso_duration(83_450), "PT1M23.45S");
        assert_eq!(iso_duration(83_456), "PT1M23.45S");
        assert_eq!(iso_duration(0), "PT0S");
        assert_eq!(iso_duration(500), "PT0.5S");
        assert_eq!(iso_duration(1_050), "PT1.05S");
        assert_eq!(iso_duration(3_600_000), "PT1H");
        assert_eq!(iso_duration(3_720_000), "PT1H2M");
        assert_eq!(iso_duration(90_061_010), "PT25H1M1.01S");
    }

    #[test]
    fn iris_segments_and_text() {
        assert!(is_absolute_iri("https://lms.example/au/1"));
        assert!(is_absolute_iri("urn:uuid:1"));
        assert!(!is_absolute_iri("lms.example/au"));
        assert!(!is_absolute_iri("https://lms example"));
        assert!(!is_absolute_iri("1http://x"));
        assert_eq!(iri_segment("Q 1/é"), "Q%201%2F%C3%A9");
        assert_eq!(
            plain_text("<p>Which  <em>two</em>&nbsp;are &lt;b&gt; &amp; &#233;?</p><!-- x > y -->"),
            "Which two are <b> & é?"
        );
        assert_eq!(plain_text("a &unknown; b & c"), "a &unknown; b & c");
        assert_eq!(excerpt("abcdef", 4), "abc…");
        assert_eq!(excerpt("abc", 4), "abc");
    }

    #[test]
    fn decimals_are_plain_and_rounded() {
        assert_eq!(decimal(2.0), "2");
        assert_eq!(decimal(0.3 - 0.1), "0.2");
        assert_eq!(decimal(-0.25), "-0.25");
        assert_eq!(decimal(-0.0), "0");
        assert_eq!(decimal(1e-12), "0");
    }
}
