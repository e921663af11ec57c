//! Derived random streams for the generator: one independent [`SeededRng`] per purpose of one
//! spec seed, so that changing one part of a spec (say, the number of enemy pairs) leaves the
//! other parts of the bank (the IRT parameters, the keys) exactly as they were.
//!
//! Sub-seeds are mixed with SplitMix64, which uses only wrapping integer arithmetic and so is
//! identical on every target.

use crate::assemble::{Seed, SeededRng, Stream};

/// What a derived stream is used for. Each purpose draws from its own stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// IRT parameters of the items.
    Parameters = 1,
    /// Which interaction kind each item gets (mixed banks).
    Kinds = 2,
    /// Key positions and other keyed content.
    Keys = 3,
    /// Which items form item sets.
    Sets = 4,
    /// Which items are enemies.
    Enemies = 5,
    /// Secondary outcome alignments.
    Outcomes = 6,
    /// Whether each simulated response is omitted, right or wrong.
    Responses = 7,
    /// Which wrong answer a simulated learner gives.
    WrongAnswers = 10,
    /// Simulated abilities.
    Thetas = 8,
    /// Simulated dichotomous response matrices.
    Dichotomous = 9,
    /// Cross-target determinism cases (`synthetic::determinism`).
    DeterminismCases = 11,
}

/// SplitMix64 finalizer: a bijective mix of 64 bits.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream for `purpose` derived from `seed`.
pub(crate) fn purpose_rng(seed: u64, purpose: Purpose) -> SeededRng {
    let sub = splitmix64(seed ^ splitmix64(purpose as u64));
    SeededRng::new(Seed(sub), Stream::Selection)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(seed: u64, purpose: Purpose) -> Vec<usize> {
        let mut rng = purpose_rng(seed, purpose);
        (0..6).map(|_| rng.below(1_000_000)).collect()
    }

    #[test]
    fn purposes_are_independent_and_repeatable() {
        assert_eq!(draws(6, Purpose::Sets), draws(6, Purpose::Sets));
        assert_ne!(draws(6, Purpose::Sets), draws(6, Purpose::Enemies));
        assert_ne!(draws(6, Purpose::Sets), draws(7, Purpose::Sets));
    }

    #[test]
    fn splitmix_matches_reference_values() {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's reference implementation
        // returns splitmix64(0), splitmix64(0x9E37…) for its first two calls).
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
        assert_eq!(splitmix64(0x9E37_79B9_7F4A_7C15), 0x6E78_9E6A_A1B9_65F4);
    }
}
