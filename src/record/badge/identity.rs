//! Identifiers of a credential: deterministic `urn:uuid`s, salted identity hashes, and the
//! URI check for ids given in the options.

use crate::sha256::{self, Sha256};

/// `urn:uuid:` and a UUID derived from `parts`: the first 16 bytes of the SHA-256 of the parts
/// (each followed by a NUL byte), with the version set to 8 (RFC 9562, custom) and the RFC
/// variant bits. The same parts always give the same UUID.
pub fn derived_urn_uuid(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let digest = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// An OB 3.0 `IdentityHash`: `sha256$` and the lowercase hex SHA-256 of the identity followed
/// by the salt, both UTF-8.
pub fn identity_hash(identity: &str, salt: &str) -> String {
    let digest = sha256::digest(format!("{identity}{salt}").as_bytes());
    let hex: String = digest.iter().map(|x| format!("{x:02x}")).collect();
    format!("sha256${hex}")
}

/// True for an absolute URI: a scheme (`letter *(letter / digit / + / - / .)`), `:`, and a
/// non-empty rest without whitespace or control characters.
pub fn is_absolute_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_uuids_are_stable_v8_uuids() {
        let a = derived_urn_uuid(&["certa", "attempt-1"]);
        assert_eq!(a, derived_urn_uuid(&["certa", "attempt-1"]));
        assert_ne!(a, derived_urn_uuid(&["certa", "attempt-2"]));
        // Parts are separated: ("ab", "c") is not ("a", "bc").
        assert_ne!(
            derived_urn_uuid(&["ab", "c"]),
            derived_urn_uuid(&["a", "bc"])
        );
        let uuid = a.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8");
        assert!("89ab".contains(&uuid[19..20]));
    }

    #[test]
    fn identity_hash_matches_the_spec_example() {
        // OB 3.0 IdentityHash: 'a@example.com' salted with 'Kosher'.
        assert_eq!(
            identity_hash("a@example.com", "Kosher"),
            "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
        );
    }

    #[test]
    fn uris() {
        for ok in [
            "https://example.org/issuer",
            "did:example:123",
            "urn:uuid:x",
        ] {
            assert!(is_absolute_uri(ok), "{ok}");
        }
        for bad in [
            "example.org",
            "",
            "https://a b",
            ":x",
            "1http://x",
            "https:",
        ] {
            assert!(!is_absolute_uri(bad), "{bad}");
        }
    }
}
