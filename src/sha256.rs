//! SHA-256 (FIPS 180-4), the crate's one implementation: package content hashes, the session
//! chain, derived credential ids, and the record service's hashes.
//!
//! Why it exists: the browser module's size (issue 3). `sha2` unrolls the 64 rounds of its
//! compression function (about 4 KB in the wasm module) and brings the `digest` /
//! `block-buffer` trait glue; here the rounds are a loop and the whole hash is about 2 KB.
//! Speed is not the point: the module hashes a package once and a few hundred bytes per
//! session event.
//!
//! How to use it: [`digest`] for bytes in one piece, or [`Sha256::new`], [`Sha256::update`]
//! (any number of times, any split) and [`Sha256::finalize`] for a stream.
//!
//! Verified (tests below) against the FIPS 180-4 / NIST example messages ("abc", the 448-bit
//! and 896-bit messages, one million 'a'), against `sha2` (a dev-dependency) for every length
//! from 0 to 300 bytes, and with the input split into two `update` calls at every position.

/// Bytes in a SHA-256 block.
const BLOCK: usize = 64;

/// The SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    hasher.finalize()
}

/// A SHA-256 computation in progress.
#[derive(Clone)]
pub struct Sha256 {
    state: [u32; 8],
    /// The bytes of the current block not yet compressed (`buffered` of them).
    buffer: [u8; BLOCK],
    buffered: usize,
    /// Message length so far, in bytes.
    length: u64,
}

impl Default for Sha256 {
    fn default() -> Self {
        Sha256::new()
    }
}

impl Sha256 {
    /// A hash of no bytes yet.
    pub fn new() -> Sha256 {
        Sha256 {
            state: INITIAL,
            buffer: [0; BLOCK],
            buffered: 0,
            length: 0,
        }
    }

    /// Appends `bytes` to the message.
    pub fn update(&mut self, bytes: impl AsRef<[u8]>) {
        let mut rest = bytes.as_ref();
        self.length = self.length.wrapping_add(rest.len() as u64);
        while !rest.is_empty() {
            let take = (BLOCK - self.buffered).min(rest.len());
            let (head, tail) = rest.split_at(take);
            self.buffer[self.buffered..self.buffered + take].copy_from_slice(head);
            self.buffered += take;
            rest = tail;
            if self.buffered == BLOCK {
                compress(&mut self.state, &self.buffer);
                self.buffered = 0;
            }
        }
    }

    /// The hash of the message: padding (a 1 bit, zeros, the bit length as 64 bits big-endian)
    /// and the last block(s).
    pub fn finalize(mut self) -> [u8; 32] {
        let bit_length = self.length.wrapping_mul(8);
        // 0x80, then zeros up to 8 bytes before the end of a block.
        let mut padding = [0u8; BLOCK];
        padding[0] = 0x80;
        let zeros = (BLOCK + BLOCK - 9 - self.buffered) % BLOCK;
        self.update(padding.get(..1 + zeros).unwrap_or_default());
        self.update(bit_length.to_be_bytes());
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}

/// The initial hash value H(0) (FIPS 180-4 §5.3.3).
const INITIAL: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The round constants K (FIPS 180-4 §4.2.2).
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// One block into the state (FIPS 180-4 §6.2.2): 64 rounds, the message schedule kept as a
/// ring of its last 16 words (W[t-16], W[t-15], W[t-7], W[t-2] are `w[t]`, `w[t+1]`, `w[t+9]`,
/// `w[t+14]` modulo 16).
fn compress(state: &mut [u32; 8], block: &[u8; BLOCK]) {
    let mut w = [0u32; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for (t, k) in K.iter().enumerate() {
        if t >= 16 {
            let w15 = w[(t + 1) & 15];
            let w2 = w[(t + 14) & 15];
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            w[t & 15] = w[t & 15]
                .wrapping_add(s0)
                .wrapping_add(w[(t + 9) & 15])
                .wrapping_add(s1);
        }
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let choose = (e & f) ^ (!e & g);
        let t1 = h
            .wrapping_add(s1)
            .wrapping_add(choose)
            .wrapping_add(*k)
            .wrapping_add(w[t & 15]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let majority = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(majority);
        h = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (word, add) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *word = word.wrapping_add(add);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // The example messages of FIPS 180-4 (NIST's "SHA256.pdf" and "SHA2_Additional.pdf").

    #[test]
    fn fips_empty_message() {
        assert_eq!(
            hex(&digest(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn fips_abc() {
        assert_eq!(
            hex(&digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn fips_448_bit_message() {
        assert_eq!(
            hex(&digest(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn fips_896_bit_message() {
        let message = b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno\
                        ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
        assert_eq!(message.len(), 112);
        assert_eq!(
            hex(&digest(message)),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        );
    }

    #[test]
    fn fips_one_million_a() {
        let mut hasher = Sha256::new();
        let chunk = [b'a'; 1000];
        for _ in 0..1000 {
            hasher.update(chunk);
        }
        assert_eq!(
            hex(&hasher.finalize()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
        assert_eq!(
            hex(&digest(&vec![b'a'; 1_000_000])),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    /// Bytes that are not a repeating pattern, so a misplaced byte changes the hash.
    fn message(len: usize) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u32).wrapping_mul(2_654_435_761).rotate_left(13) as u8)
            .collect()
    }

    #[test]
    fn every_length_to_300_matches_sha2() {
        for len in 0..=300 {
            let m = message(len);
            let want: [u8; 32] = sha2::Sha256::digest(&m).into();
            assert_eq!(digest(&m), want, "length {len}");
        }
    }

    #[test]
    fn updates_split_at_every_position_give_the_same_hash() {
        for len in [0, 1, 55, 56, 63, 64, 65, 119, 128, 200, 300] {
            let m = message(len);
            let want = digest(&m);
            for cut in 0..=len {
                let mut hasher = Sha256::new();
                hasher.update(&m[..cut]);
                hasher.update(&m[cut..]);
                assert_eq!(hasher.finalize(), want, "length {len} cut at {cut}");
            }
        }
    }

    #[test]
    fn byte_by_byte_updates_match_sha2() {
        let m = message(300);
        let mut hasher = Sha256::new();
        for byte in &m {
            hasher.update([*byte]);
        }
        let want: [u8; 32] = sha2::Sha256::digest(&m).into();
        assert_eq!(hasher.finalize(), want);
    }
}
