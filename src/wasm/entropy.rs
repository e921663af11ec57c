//! Randomness the host did not provide: an attempt seed and a UUID v4 attempt id, both drawn
//! from `crypto.getRandomValues` (through `getrandom`'s `js` backend). The core never draws
//! randomness itself; these values go in as arguments like any other.

use wasm_bindgen::JsValue;

use super::error;

fn random_bytes<const N: usize>() -> Result<[u8; N], JsValue> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).map_err(|e| {
        error::plain(
            "no_entropy",
            &format!("no secure random source (crypto.getRandomValues): {e}"),
        )
    })?;
    Ok(bytes)
}

/// A uniformly random 64-bit seed.
pub fn random_seed() -> Result<u64, JsValue> {
    Ok(u64::from_le_bytes(random_bytes::<8>()?))
}

/// A random (version 4, RFC 9562) UUID in lower-case hyphenated form.
pub fn uuid_v4() -> Result<String, JsValue> {
    let mut b = random_bytes::<16>()?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}
