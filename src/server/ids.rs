//! Attempt ids and seeds for issued (secure) attempts, drawn from the operating system's
//! random source: a UUID version 4 and a 64-bit seed.

/// The OS random source failed (it practically never does).
#[derive(Debug, Clone, thiserror::Error)]
#[error("the operating system's random source failed: {0}")]
pub struct EntropyError(String);

fn random_bytes<const N: usize>() -> Result<[u8; N], EntropyError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).map_err(|e| EntropyError(e.to_string()))?;
    Ok(bytes)
}

/// A random UUID v4 in its lowercase hyphenated form.
pub fn new_attempt_id() -> Result<String, EntropyError> {
    let mut b = random_bytes::<16>()?;
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// A uniformly random 64-bit attempt seed.
pub fn new_seed() -> Result<u64, EntropyError> {
    Ok(u64::from_le_bytes(random_bytes::<8>()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_ids_are_distinct_v4_uuids() {
        let a = new_attempt_id().unwrap();
        let b = new_attempt_id().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        assert_ne!(new_seed().unwrap(), new_seed().unwrap());
    }
}
