//! Signed badges: an Open Badges 3.0 credential secured as a JWT VC (VC-JOSE-COSE: the JWS
//! payload is the credential itself, header `{"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc",
//! "kid"}`), signed with an Ed25519 key. The public key is published as a JWKS so a verifier
//! can check the signature; `kid` is the key's RFC 7638 JWK thumbprint.
//!
//! The key file holds a PKCS#8 PEM Ed25519 private key (`openssl genpkey -algorithm ed25519`),
//! or the 32-byte secret as 64 hex characters, or the 32 raw bytes.

use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::pkcs8::DecodePrivateKey;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde_json::{json, Value};

use crate::sha256;

/// The key file could not be read or is not an Ed25519 key.
#[derive(Debug, thiserror::Error)]
#[error("signing key {path}: {message}")]
pub struct SigningKeyError {
    pub path: String,
    pub message: String,
}

/// Signs credentials with one Ed25519 key.
pub struct BadgeSigner {
    key: SigningKey,
    kid: String,
}

impl std::fmt::Debug for BadgeSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BadgeSigner")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

fn decode_hex(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

impl BadgeSigner {
    /// A signer for this key.
    pub fn new(key: SigningKey) -> BadgeSigner {
        let x = URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes());
        // RFC 7638: the thumbprint of the required members in lexicographic order.
        let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(sha256::digest(canonical.as_bytes()));
        BadgeSigner { key, kid }
    }

    /// Read a key file (PKCS#8 PEM, 64 hex characters, or 32 raw bytes).
    pub fn from_file(path: &Path) -> Result<BadgeSigner, SigningKeyError> {
        let fail = |message: String| SigningKeyError {
            path: path.display().to_string(),
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if text.contains("-----BEGIN") {
                return SigningKey::from_pkcs8_pem(text)
                    .map(BadgeSigner::new)
                    .map_err(|e| fail(format!("not a PKCS#8 Ed25519 private key: {e}")));
            }
            if let Some(secret) = decode_hex(text) {
                return Ok(BadgeSigner::new(SigningKey::from_bytes(&secret)));
            }
        }
        let secret: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            fail("expected a PKCS#8 PEM key, 64 hex characters or 32 raw bytes".into())
        })?;
        Ok(BadgeSigner::new(SigningKey::from_bytes(&secret)))
    }

    /// The key id (JWK thumbprint).
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// The public key as a JSON Web Key Set.
    pub fn jwks(&self) -> Value {
        json!({"keys": [{
            "kty": "OKP",
            "crv": "Ed25519",
            "x": URL_SAFE_NO_PAD.encode(self.key.verifying_key().as_bytes()),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        }]})
    }

    /// The credential as a compact JWS (`header.payload.signature`, base64url).
    pub fn sign_jwt(&self, credential: &Value) -> String {
        let header = json!({"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc", "kid": self.kid});
        let encode = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap_or_default());
        let signing_input = format!("{}.{}", encode(&header), encode(credential));
        let signature = self.key.sign(signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::pkcs8::EncodePrivateKey;
    use ed25519_dalek::{Signature, Verifier};

    #[test]
    fn signs_a_verifiable_jwt_and_reads_every_key_format() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let dir = std::env::temp_dir().join(format!("certa-signing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pem = key.to_pkcs8_pem(Default::default()).unwrap();
        std::fs::write(dir.join("key.pem"), pem.as_bytes()).unwrap();
        std::fs::write(dir.join("key.hex"), "07".repeat(32) + "\n").unwrap();
        std::fs::write(dir.join("key.bin"), [7u8; 32]).unwrap();
        std::fs::write(dir.join("bad.txt"), "hello").unwrap();
        let signers: Vec<BadgeSigner> = ["key.pem", "key.hex", "key.bin"]
            .iter()
            .map(|f| BadgeSigner::from_file(&dir.join(f)).unwrap())
            .collect();
        assert!(signers.iter().all(|s| s.kid() == signers[0].kid()));
        assert!(BadgeSigner::from_file(&dir.join("bad.txt")).is_err());
        assert!(BadgeSigner::from_file(&dir.join("missing")).is_err());

        let credential = json!({"type": ["VerifiableCredential", "OpenBadgeCredential"]});
        let jwt = signers[0].sign_jwt(&credential);
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "EdDSA");
        assert_eq!(header["kid"], signers[0].kid());
        let payload: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(payload, credential);
        let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
        let input = format!("{}.{}", parts[0], parts[1]);
        assert!(key
            .verifying_key()
            .verify(input.as_bytes(), &signature)
            .is_ok());
        assert!(key.verifying_key().verify(b"tampered", &signature).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
