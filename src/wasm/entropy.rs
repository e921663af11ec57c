//! Randomness the host did not provide: an attempt seed and a UUID v4 attempt id, both drawn
//! from the host's `crypto.getRandomValues`. The core never draws randomness itself; these
//! values go in as arguments like any other.
//!
//! `crypto.getRandomValues` is called directly through one `#[wasm_bindgen]` import rather
//! than through `getrandom`: that keeps the browser module small (issue 3), since `getrandom`'s
//! `js` backend also carries its Node.js fallbacks and the error texts of every platform it
//! supports. The import is `catch`: when `crypto` is missing or refuses, the call throws a
//! `CertaError` with code `no_entropy` and the host's reason, never a panic. The bytes are
//! written straight into the module's memory, which is a plain (not shared) `ArrayBuffer`.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::error;

#[wasm_bindgen]
extern "C" {
    /// `crypto.getRandomValues(bytes)`: fills `bytes` (at most 65,536) with secure random bytes.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(bytes: &mut [u8]) -> Result<(), JsValue>;
}

fn random_bytes<const N: usize>() -> Result<[u8; N], JsValue> {
    let mut bytes = [0u8; N];
    get_random_values(&mut bytes).map_err(|thrown| {
        let reason = thrown
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| thrown.as_string())
            .unwrap_or_else(|| "it threw a value that is not an Error".to_string());
        error::plain(
            "no_entropy",
            &format!("no secure random source (crypto.getRandomValues): {reason}"),
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
