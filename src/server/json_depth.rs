//! A nesting-depth check over raw JSON bytes, run before any deserializer sees a request body:
//! deeply nested input (`[[[[...]]]]`) is refused cheaply instead of recursing through it.
//!
//! The scan tracks only strings (with their escapes) and brackets; it does not validate the
//! JSON. A malformed body that passes is refused by the parser right after.

/// The body nests arrays and objects deeper than allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("JSON nesting deeper than {limit} levels (at byte {offset})")]
pub struct TooDeep {
    pub limit: usize,
    /// Byte offset of the bracket that went one level too deep.
    pub offset: usize,
}

/// Check that no array or object in `bytes` is nested deeper than `limit` levels (the document
/// itself being level 1).
pub fn check_depth(bytes: &[u8], limit: usize) -> Result<(), TooDeep> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &byte) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Err(TooDeep { limit, offset });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_brackets_outside_strings_only() {
        assert_eq!(check_depth(br#"{"a": [1, {"b": 2}]}"#, 3), Ok(()));
        assert_eq!(
            check_depth(br#"{"a": [1, {"b": 2}]}"#, 2),
            Err(TooDeep {
                limit: 2,
                offset: 10
            })
        );
        // Brackets and escaped quotes inside strings do not count.
        assert_eq!(check_depth(br#"{"a": "[[[[\"{{{{"}"#, 1), Ok(()));
        let deep = "[".repeat(65) + &"]".repeat(65);
        assert!(check_depth(deep.as_bytes(), 64).is_err());
        let ok = "[".repeat(64) + &"]".repeat(64);
        assert!(check_depth(ok.as_bytes(), 64).is_ok());
    }

    #[test]
    fn a_realistic_record_is_well_within_the_limit() {
        let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
        assert!(check_depth(text.as_bytes(), 16).is_ok());
    }
}
