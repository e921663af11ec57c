//! The package content hash: SHA-256 over the package's canonical JSON, so a record names
//! exactly the content it was scored against.

use crate::model::{json, Package};
use crate::sha256;

/// `sha256:` followed by the lowercase hex SHA-256 of the package's canonical JSON (the
/// package re-serialized by this engine: fixed field order, no whitespace). Reformatting or
/// reordering the source file does not change it; any change of content does.
pub fn content_hash(package: &Package) -> String {
    let canonical = json::write(package);
    let digest = sha256::digest(canonical.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_formatting_but_not_content() {
        let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
        let a = Package::load(&text).unwrap();
        let compact: serde_json::Value = serde_json::from_str(&text).unwrap();
        let b = Package::load(&compact.to_string()).unwrap();
        assert_eq!(content_hash(&a), content_hash(&b));
        assert!(content_hash(&a).starts_with("sha256:"));
        assert_eq!(content_hash(&a).len(), 71);
        let mut c = a.clone();
        c.items[0].stem.push(' ');
        assert_ne!(content_hash(&a), content_hash(&c));
    }
}
