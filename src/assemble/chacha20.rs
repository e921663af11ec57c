//! The ChaCha20 word stream behind [`SeededRng`](super::SeededRng), written out as a small loop.
//!
//! Why it exists: the browser module's size (issue 3). `rand_chacha` computes four blocks at a
//! time with `ppv-lite86`'s wide vector code, about 5.5 KB in the wasm module with
//! `rand_core`'s `BlockRng` around it; this file is under 1 KB there. Forms are derived from
//! seeds and verified later by re-deriving them, so the output must be, and is, bit-identical
//! to `rand_chacha` 0.3's `ChaCha20Rng` (with `rand_core` 0.6):
//!
//! - [`ChaCha20Stream::seed_from_u64`] expands the `u64` to the 32-byte key with PCG32, as
//!   `rand_core::SeedableRng::seed_from_u64` does;
//! - the 16-word state is the "djb" layout `rand_chacha` uses: constants, key, a 64-bit block
//!   counter in words 12–13 (starting at 0) and the 64-bit stream number in words 14–15
//!   (`ChaCha20Rng::set_stream` before the first draw);
//! - [`ChaCha20Stream::next_u32`] returns the keystream words in order, and
//!   [`ChaCha20Stream::next_u64`] two consecutive words, low first, also across a block
//!   boundary: that is what `rand_core`'s `BlockRng` gives, whatever its buffer length.
//!
//! Verified (tests below) against the RFC 8439 §2.3.2 block test vector, and against
//! `rand_chacha::ChaCha20Rng` (a dev-dependency) for many seeds, every stream, long runs over
//! many blocks and mixed `u32`/`u64` draws.

/// "expand 32-byte k", the ChaCha constants.
const CONSTANTS: [u32; 4] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];

/// Words in a ChaCha block.
const BLOCK_WORDS: usize = 16;

/// A ChaCha20 keystream read as words: a key, a stream number and a block counter, and one
/// block of output.
pub struct ChaCha20Stream {
    key: [u32; 8],
    stream: u64,
    /// The counter of the next block to compute.
    counter: u64,
    block: [u32; BLOCK_WORDS],
    /// The next unread word of `block` (`BLOCK_WORDS` when all are read).
    index: usize,
}

impl ChaCha20Stream {
    /// The stream `stream` of the key that `rand_core` 0.6's `seed_from_u64(seed)` derives.
    pub fn seed_from_u64(seed: u64, stream: u64) -> ChaCha20Stream {
        const MUL: u64 = 6_364_136_223_846_793_005;
        const INC: u64 = 11_634_580_027_462_260_723;
        let mut state = seed;
        let mut key = [0u32; 8];
        for word in &mut key {
            // PCG32 (XSH RR), the state advanced before each output.
            state = state.wrapping_mul(MUL).wrapping_add(INC);
            let xorshifted = (((state >> 18) ^ state) >> 27) as u32;
            *word = xorshifted.rotate_right((state >> 59) as u32);
        }
        ChaCha20Stream::new(key, stream)
    }

    /// The stream `stream` of a key given as eight little-endian words, at block 0.
    pub fn new(key: [u32; 8], stream: u64) -> ChaCha20Stream {
        ChaCha20Stream {
            key,
            stream,
            counter: 0,
            block: [0; BLOCK_WORDS],
            index: BLOCK_WORDS,
        }
    }

    /// The next keystream word.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= BLOCK_WORDS {
            self.block = block(&self.key, self.counter, self.stream);
            self.counter = self.counter.wrapping_add(1);
            self.index = 0;
        }
        let word = self.block[self.index];
        self.index += 1;
        word
    }

    /// The next two keystream words, the first as the low half.
    pub fn next_u64(&mut self) -> u64 {
        let low = u64::from(self.next_u32());
        let high = u64::from(self.next_u32());
        (high << 32) | low
    }
}

/// One ChaCha20 block: 20 rounds (ten column-and-diagonal double rounds) over the state,
/// plus the state.
fn block(key: &[u32; 8], counter: u64, stream: u64) -> [u32; BLOCK_WORDS] {
    let mut state = [0u32; BLOCK_WORDS];
    state[..4].copy_from_slice(&CONSTANTS);
    state[4..12].copy_from_slice(key);
    state[12] = counter as u32;
    state[13] = (counter >> 32) as u32;
    state[14] = stream as u32;
    state[15] = (stream >> 32) as u32;
    let mut x = state;
    for _ in 0..10 {
        for [a, b, c, d] in QUARTER_ROUNDS {
            quarter_round(&mut x, a, b, c, d);
        }
    }
    for (out, initial) in x.iter_mut().zip(state) {
        *out = out.wrapping_add(initial);
    }
    x
}

/// The word positions of a double round: four columns, then four diagonals.
const QUARTER_ROUNDS: [[usize; 4]; 8] = [
    [0, 4, 8, 12],
    [1, 5, 9, 13],
    [2, 6, 10, 14],
    [3, 7, 11, 15],
    [0, 5, 10, 15],
    [1, 6, 11, 12],
    [2, 7, 8, 13],
    [3, 4, 9, 14],
];

/// The ChaCha quarter round on words `a`, `b`, `c`, `d` of `x` (all below 16).
fn quarter_round(x: &mut [u32; BLOCK_WORDS], a: usize, b: usize, c: usize, d: usize) {
    let (mut va, mut vb, mut vc, mut vd) = (x[a], x[b], x[c], x[d]);
    va = va.wrapping_add(vb);
    vd = (vd ^ va).rotate_left(16);
    vc = vc.wrapping_add(vd);
    vb = (vb ^ vc).rotate_left(12);
    va = va.wrapping_add(vb);
    vd = (vd ^ va).rotate_left(8);
    vc = vc.wrapping_add(vd);
    vb = (vb ^ vc).rotate_left(7);
    (x[a], x[b], x[c], x[d]) = (va, vb, vc, vd);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha20Rng;
    use rand_core::{RngCore, SeedableRng};

    /// RFC 8439 §2.3.2. Its state has a 32-bit counter (1) and the 96-bit nonce
    /// 00:00:00:09:00:00:00:4a:00:00:00:00, so words 12–15 are 1, 0x09000000, 0x4a000000, 0:
    /// in this 64/64 layout, counter `0x0900000000000001` and stream `0x4a000000`.
    #[test]
    fn rfc8439_block_test_vector() {
        let key: [u32; 8] = std::array::from_fn(|i| {
            let b = 4 * i as u32;
            u32::from_le_bytes([b as u8, (b + 1) as u8, (b + 2) as u8, (b + 3) as u8])
        });
        let got = block(&key, 0x0900_0000_0000_0001, 0x4a00_0000);
        let want: [u32; 16] = [
            0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033, 0x9aaa2204,
            0x4e6cd4c3, 0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9, 0xd19c12b5, 0xb94e16de,
            0xe883d0cb, 0x4e3c50a2,
        ];
        assert_eq!(got, want);
    }

    /// The stream reads blocks 0, 1, 2, ... of its key and stream number, word by word.
    #[test]
    fn stream_reads_blocks_in_counter_order() {
        let key = [7u32, 1, 2, 3, 4, 5, 6, 0xdead_beef];
        let mut stream = ChaCha20Stream::new(key, 9);
        let words: Vec<u32> = (0..48).map(|_| stream.next_u32()).collect();
        for n in 0..3 {
            assert_eq!(&words[16 * n..16 * (n + 1)], &block(&key, n as u64, 9));
        }
    }

    fn seeds() -> Vec<u64> {
        let mut seeds = vec![
            0,
            1,
            2,
            7,
            8,
            42,
            0x5eed,
            u32::MAX as u64,
            u64::MAX,
            1 << 63,
        ];
        // A spread of large seeds (a multiplicative walk).
        let mut s = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..40 {
            s = s.wrapping_mul(0x2545_f491_4f6c_dd1d).wrapping_add(1);
            seeds.push(s);
        }
        seeds
    }

    fn reference(seed: u64, stream: u64) -> ChaCha20Rng {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        rng
    }

    #[test]
    fn u64_draws_match_rand_chacha_for_every_stream() {
        for seed in seeds() {
            for stream in [0, 1, 2, 3, 4, 1 << 32, u64::MAX] {
                let mut want = reference(seed, stream);
                let mut got = ChaCha20Stream::seed_from_u64(seed, stream);
                for i in 0..200 {
                    assert_eq!(
                        got.next_u64(),
                        want.next_u64(),
                        "seed {seed} stream {stream} #{i}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_runs_match_rand_chacha() {
        // 10,000 u64 draws: 1,250 blocks, crossing rand_chacha's four-block buffers 312 times.
        for seed in [3, 8, 42, u64::MAX] {
            for stream in 1..=3 {
                let mut want = reference(seed, stream);
                let mut got = ChaCha20Stream::seed_from_u64(seed, stream);
                for i in 0..10_000 {
                    assert_eq!(
                        got.next_u64(),
                        want.next_u64(),
                        "seed {seed} stream {stream} #{i}"
                    );
                }
            }
        }
    }

    #[test]
    fn mixed_u32_and_u64_draws_match_rand_chacha() {
        // An odd number of u32 draws puts u64 draws across block boundaries, including the
        // ends of rand_chacha's 64-word buffers.
        for seed in seeds() {
            for stream in 1..=3 {
                let mut want = reference(seed, stream);
                let mut got = ChaCha20Stream::seed_from_u64(seed, stream);
                let mut pattern = seed | 1;
                for i in 0..3_000 {
                    pattern = pattern.rotate_left(7) ^ (i as u64);
                    if pattern & 3 == 0 {
                        assert_eq!(got.next_u32(), want.next_u32(), "seed {seed} #{i}");
                    } else {
                        assert_eq!(got.next_u64(), want.next_u64(), "seed {seed} #{i}");
                    }
                }
            }
        }
    }

    #[test]
    fn u64_straddling_every_word_offset_matches_rand_chacha() {
        for skip in 0..=130 {
            let mut want = reference(11, 2);
            let mut got = ChaCha20Stream::seed_from_u64(11, 2);
            for _ in 0..skip {
                assert_eq!(got.next_u32(), want.next_u32());
            }
            for i in 0..40 {
                assert_eq!(got.next_u64(), want.next_u64(), "skip {skip} #{i}");
            }
        }
    }
}
