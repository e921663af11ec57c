//! The psychometrics benchmark fixture (issue 6): one seeded bank of 2,000 3PL items
//! ([`BankSpec::default`]: a ~ lognormal(0, 0.3), b ~ N(0, 1), c ~ U(0.05, 0.25), 8 domains,
//! 100 enemy pairs, 40 sets of 4 drawn all-or-none) and what every tool of the side-by-side
//! benchmark (`./x bench peers`) works on:
//!
//! - [`b1_package`]: blueprint B1, a 60-item form with domain quotas 8, 8, 8, 7, 7, 8, 7, 7
//!   maximizing information at θ = 0, with no other rule (the same items without their enemy
//!   pairs and sets, and no randomesque choice), so the optimum is the top items per domain.
//! - [`b2_package`]: blueprint B2, the B1 quotas plus the bank's enemies and sets and a test
//!   information target at θ = −1, 0, 1 ([`b2_targets`]); the deviation to minimize is the
//!   largest |information − target| over the three points.
//! - [`randomized_package`]: B2 with the exposure cap [`RANDOMIZED_MAX_RATE`], for forms
//!   delivered one after another.
//! - [`scoring_fixture`]: a 50-item test (every 40th bank item) and simulated response vectors
//!   from θ ~ N(0, 1).
//!
//! Everything is a pure function of the seeds here, identical on every target.

use crate::assemble::information::item_information;
use crate::model::{DifficultyTarget, InformationPoint, IrtParameters, Package};

use super::bank::generate_bank;
use super::responses::{simulate_dichotomous, simulate_thetas};
use super::spec::{BankSpec, TargetSpec};

/// The θ points of the B2 information target.
pub const B2_THETAS: [f64; 3] = [-1.0, 0.0, 1.0];

/// The B2 targets are this share of the information profile of the most informative form
/// (see [`profile_targets`]).
pub const B2_SHARE: f64 = 0.7;

/// Exposure cap of the randomized forms.
pub const RANDOMIZED_MAX_RATE: f64 = 0.25;

/// Items on the scoring test.
pub const SCORING_ITEMS: usize = 50;

/// Seed of the simulated abilities.
pub const THETA_SEED: u64 = 31;

/// Seed of the simulated responses.
pub const RESPONSE_SEED: u64 = 32;

/// The bank every blueprint draws on.
pub fn bank_spec() -> BankSpec {
    BankSpec::default()
}

/// Blueprint B1: domain quotas only, maximize information at θ = 0, one form per seed with no
/// randomesque choice (the best item always wins).
pub fn b1_package() -> Package {
    let mut p = generate_bank(&BankSpec {
        enemy_pairs: 0,
        sets: 0,
        exposure_randomesque: 1,
        target: TargetSpec::MaximizeInformation { theta: 0.0 },
        ..bank_spec()
    });
    p.id = "peers-b1".to_string();
    p.title = "Benchmark blueprint B1: domain quotas, maximize information at θ = 0".to_string();
    p
}

/// Blueprint B2: quotas, enemies, sets and the information target [`b2_targets`].
pub fn b2_package() -> Package {
    let mut p = generate_bank(&bank_spec());
    let points = b2_targets(&p);
    p.blueprint.difficulty = Some(DifficultyTarget::Information {
        points: points
            .iter()
            .map(|&(theta, target)| InformationPoint { theta, target })
            .collect(),
    });
    p.id = "peers-b2".to_string();
    p.title = "Benchmark blueprint B2: quotas, enemies, sets, information target at θ = −1, 0, 1"
        .to_string();
    p
}

/// B2 with exposure control: randomesque choice and the cap [`RANDOMIZED_MAX_RATE`].
pub fn randomized_package() -> Package {
    let mut p = b2_package();
    p.blueprint.exposure.max_rate = Some(RANDOMIZED_MAX_RATE);
    p.id = "peers-randomized".to_string();
    p.title = format!("Benchmark: B2 with exposure control (cap {RANDOMIZED_MAX_RATE})");
    p
}

/// The B2 target: [`B2_SHARE`] of the profile of the bank's most informative form at
/// [`B2_THETAS`].
pub fn b2_targets(package: &Package) -> Vec<(f64, f64)> {
    profile_targets(package, &B2_THETAS, B2_SHARE)
}

/// Targets at `share` of the information profile of the most informative form over all the θ
/// points together (the `length` items with the largest summed information, ignoring every
/// other rule), rounded to 0.1, so the targets have a shape a real form can have.
pub fn profile_targets(package: &Package, thetas: &[f64], share: f64) -> Vec<(f64, f64)> {
    let mut items: Vec<&IrtParameters> = package
        .items
        .iter()
        .filter_map(|it| it.irt.as_ref())
        .collect();
    let total = |irt: &IrtParameters| {
        thetas
            .iter()
            .map(|&t| item_information(irt, t))
            .sum::<f64>()
    };
    items.sort_by(|a, b| total(b).total_cmp(&total(a)));
    let best = items
        .get(..package.blueprint.length.min(items.len()))
        .unwrap_or(&[]);
    thetas
        .iter()
        .map(|&t| {
            let tif: f64 = best.iter().map(|irt| item_information(irt, t)).sum();
            (t, (share * tif * 10.0).round() / 10.0)
        })
        .collect()
}

/// A fixed test and simulated answers to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringFixture {
    /// The test's items: every 40th item of the bank, [`SCORING_ITEMS`] of them.
    pub items: Vec<IrtParameters>,
    /// True abilities, θ ~ N(0, 1).
    pub thetas: Vec<f64>,
    /// One right/wrong vector per ability.
    pub responses: Vec<Vec<bool>>,
}

/// The scoring test and `vectors` simulated response vectors (the first `n` vectors of a
/// larger fixture are the vectors of a smaller one).
pub fn scoring_fixture(vectors: usize) -> ScoringFixture {
    let bank = generate_bank(&bank_spec());
    let step = (bank.items.len() / SCORING_ITEMS).max(1);
    let items: Vec<IrtParameters> = bank
        .items
        .iter()
        .step_by(step)
        .filter_map(|it| it.irt)
        .take(SCORING_ITEMS)
        .collect();
    let thetas = simulate_thetas(vectors, THETA_SEED);
    let responses = simulate_dichotomous(&items, &thetas, RESPONSE_SEED);
    ScoringFixture {
        items,
        thetas,
        responses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b1_and_b2_share_the_items() {
        let (b1, b2) = (b1_package(), b2_package());
        assert_eq!(b1.items.len(), 2000);
        for (x, y) in b1.items.iter().zip(&b2.items) {
            assert_eq!((x.irt, &x.domain), (y.irt, &y.domain));
        }
        assert!(b1
            .items
            .iter()
            .all(|i| i.enemy_group.is_none() && i.set.is_none()));
        assert_eq!(b2.sets.len(), 40);
        let enemies = b2.items.iter().filter(|i| i.enemy_group.is_some()).count();
        assert_eq!(enemies, 200);
        let Some(DifficultyTarget::Information { points }) = &b2.blueprint.difficulty else {
            panic!("B2 has an information target");
        };
        assert_eq!(points.len(), 3);
        assert!(points.iter().all(|p| p.target > 5.0), "{points:?}");
    }

    #[test]
    fn smaller_scoring_fixtures_are_prefixes() {
        let (small, large) = (scoring_fixture(10), scoring_fixture(30));
        assert_eq!(small.items.len(), SCORING_ITEMS);
        assert_eq!(small.items, large.items);
        assert_eq!(small.responses[..], large.responses[..10]);
    }
}
