//! Synthetic item banks and simulated learners, for benchmarks, property tests and
//! `certa bench-data`.
//!
//! [`generate_bank`] builds a valid `certa/1` package from a [`BankSpec`]: IRT parameters
//! (a ~ lognormal(0, 0.3), b ~ N(0, 1), c ~ U(0.05, 0.25)), equal domains, aligned outcomes,
//! enemy pairs, item sets and a blueprint. [`simulate_responses`] answers a form as a learner
//! of ability θ would; [`simulate_thetas`] and [`simulate_dichotomous`] feed ability
//! estimation benchmarks; [`fixture`] is the issue-6 psychometrics benchmark fixture (B1, B2,
//! randomized forms, scoring); [`simulate_attempt`] takes a whole attempt and returns its
//! record; [`determinism`] writes the cross-target determinism cases and replays them.
//! Everything is deterministic from a seed and identical on every target: randomness comes
//! from [`SeededRng`](crate::assemble::SeededRng) streams and the math from `libm`.

pub mod attempt;
pub mod bank;
pub mod determinism;
pub mod distributions;
pub mod fixture;
pub mod responses;
pub mod spec;

mod content;
mod streams;

pub use attempt::{simulate_attempt, SimulatedAttempt};
pub use bank::generate_bank;
pub use responses::{
    probability_correct, simulate_dichotomous, simulate_responses, simulate_thetas,
};
pub use spec::{BankSpec, InteractionMix, SpecProblem, TargetSpec, MAX_ITEMS};
