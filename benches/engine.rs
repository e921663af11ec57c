//! Engine benchmarks (`cargo bench --bench engine`): package load and validation, form
//! assembly, attempt scoring and EAP ability estimation, on the 300-item example package and
//! on a generated 2,000-item bank.
//!
//! A small harness on `std::time::Instant`: every measurement is repeated N times and reported
//! as the median and the 90th percentile, in a table and as machine-readable lines
//! (`bench <name> median_us=<..> p90_us=<..> n=<..>`).
//!
//! - `CERTA_BENCH_QUICK=1` cuts the repetitions for smoke runs.
//! - Arguments that do not start with `--` select sections by name (`load`, `assemble`,
//!   `score`, `eap`): `cargo bench --bench engine -- score eap`.
//!
//! Each section runs on its own behind `catch_unwind`: a section whose engine code is missing
//! or panics is reported as failed and the others still run.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

use certa::assemble::{assemble_form, AssemblyContext, Form, FormItem, FormSection, Seed};
use certa::model::{Interaction, Package};
use certa::synthetic::{generate_bank, simulate_responses, BankSpec, InteractionMix};
use certa::timestamp::Timestamp;

/// The example package, relative to the crate root.
const EXAMPLE: &str = "examples/certification-exam.json";

/// Repetition counts, cut down by `CERTA_BENCH_QUICK=1`.
#[derive(Clone, Copy)]
struct Runs {
    quick: bool,
}

impl Runs {
    fn pick(self, full: usize, quick: usize) -> usize {
        if self.quick {
            quick
        } else {
            full
        }
    }
}

/// One benchmark figure.
struct Measurement {
    name: String,
    /// What one run is, for the table (`per form`, `per 1000 vectors`).
    unit: String,
    median_us: f64,
    p90_us: f64,
    n: usize,
}

/// Median and nearest-rank 90th percentile of the samples, in microseconds.
fn summarize(samples_us: &mut [f64]) -> (f64, f64) {
    if samples_us.is_empty() {
        return (0.0, 0.0);
    }
    samples_us.sort_by(f64::total_cmp);
    let n = samples_us.len();
    let median = if n % 2 == 1 {
        samples_us[n / 2]
    } else {
        (samples_us[n / 2 - 1] + samples_us[n / 2]) / 2.0
    };
    let rank = (n * 9).div_ceil(10).clamp(1, n);
    (median, samples_us[rank - 1])
}

/// Time `run(i)` for i in 0..n after one warm-up call, and print the machine-readable line.
fn measure<T>(name: &str, unit: &str, n: usize, mut run: impl FnMut(usize) -> T) -> Measurement {
    black_box(run(0));
    let mut samples: Vec<f64> = (0..n)
        .map(|i| {
            let start = Instant::now();
            black_box(run(i));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    let (median_us, p90_us) = summarize(&mut samples);
    println!("bench {name} median_us={median_us:.1} p90_us={p90_us:.1} n={n}");
    Measurement {
        name: name.to_string(),
        unit: unit.to_string(),
        median_us,
        p90_us,
        n,
    }
}

/// The packages every section works on.
struct Fixtures {
    /// The example package and its JSON, when the file exists.
    example: Option<(String, Package)>,
    /// The default (issue-6) bank: 2,000 single-choice items, maximize information at θ = 0.
    bank: Package,
    bank_json: String,
    /// The same shape with every auto-scored interaction kind, for scoring.
    mixed_bank: Package,
}

fn fixtures() -> Fixtures {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    let example = match std::fs::read_to_string(&path) {
        Ok(json) => match Package::load(&json) {
            Ok(p) => Some((json, p)),
            Err(e) => {
                println!("note: {EXAMPLE} does not load ({e}); its rows are skipped");
                None
            }
        },
        Err(_) => {
            println!("note: {EXAMPLE} is missing in this checkout; its rows are skipped");
            None
        }
    };
    let bank = generate_bank(&BankSpec::default());
    let bank_json = serde_json::to_string(&bank).unwrap_or_default();
    let mixed_bank = generate_bank(&BankSpec {
        interactions: InteractionMix::Mixed,
        ..BankSpec::default()
    });
    Fixtures {
        example,
        bank,
        bank_json,
        mixed_bank,
    }
}

/// Load and validate from JSON; generating the bank is timed too.
fn section_load(fx: &Fixtures, runs: Runs) -> Vec<Measurement> {
    let n = runs.pick(30, 3);
    let mut out = Vec::new();
    if let Some((json, _)) = &fx.example {
        out.push(measure("load_example_300", "per load", n, |_| {
            Package::load(json).is_ok()
        }));
    }
    out.push(measure("load_bank_2000", "per load", n, |_| {
        Package::load(&fx.bank_json).is_ok()
    }));
    out.push(measure("generate_bank_2000", "per bank", n, |_| {
        generate_bank(&BankSpec::default()).items.len()
    }));
    out
}

/// One form per seed; the figure is per form.
fn section_assemble(fx: &Fixtures, runs: Runs) -> Vec<Measurement> {
    let n = runs.pick(50, 3);
    let context = AssemblyContext::default();
    let mut out = Vec::new();
    if let Some((_, example)) = &fx.example {
        out.push(measure("assemble_example_300", "per form", n, |i| {
            assemble_form(example, Seed(i as u64), &context).is_ok()
        }));
    }
    out.push(measure("assemble_bank_2000_maxinfo", "per form", n, |i| {
        assemble_form(&fx.bank, Seed(i as u64), &context).is_ok()
    }));
    out
}

/// A form built in bank order that meets the domain count quotas, so that the scoring
/// section does not depend on the assembler.
fn bank_order_form(package: &Package) -> Form {
    let length = package.blueprint.length;
    let mut left: BTreeMap<&str, usize> = package
        .blueprint
        .domains
        .iter()
        .filter_map(|q| q.count.map(|c| (q.id.as_str(), c)))
        .collect();
    let mut chosen: Vec<&certa::model::Item> = Vec::new();
    for item in &package.items {
        if let Some(n) = left.get_mut(item.domain.as_str()) {
            if *n > 0 {
                *n -= 1;
                chosen.push(item);
            }
        }
    }
    for item in &package.items {
        if chosen.len() >= length {
            break;
        }
        if !chosen.iter().any(|c| c.id == item.id) {
            chosen.push(item);
        }
    }
    chosen.truncate(length);
    let items: Vec<FormItem> = chosen
        .iter()
        .map(|item| {
            let ids = |list: &[certa::model::Choice]| list.iter().map(|c| c.id.clone()).collect();
            let target_order = match &item.interaction {
                Interaction::Matching {
                    targets,
                    shuffle: true,
                    ..
                } => ids(targets),
                _ => Vec::new(),
            };
            let gap_orders = match &item.interaction {
                Interaction::Cloze { gaps, .. } => gaps
                    .iter()
                    .filter_map(|g| match g {
                        certa::model::Gap::Choice {
                            id,
                            choices,
                            shuffle: true,
                            ..
                        } => Some((id.clone(), ids(choices))),
                        _ => None,
                    })
                    .collect(),
                _ => Default::default(),
            };
            FormItem {
                item_id: item.id.clone(),
                choice_order: item
                    .interaction
                    .shuffled_choices()
                    .map_or_else(Vec::new, ids),
                target_order,
                gap_orders,
            }
        })
        .collect();
    let end = items.len();
    Form {
        seed: Seed(0),
        items,
        sections: vec![FormSection {
            id: "main".to_string(),
            title: String::new(),
            start: 0,
            end,
        }],
        deviation: Default::default(),
    }
}

/// One attempt scored and rolled up; the figure is per attempt.
fn section_score(fx: &Fixtures, runs: Runs) -> Vec<Measurement> {
    let n = runs.pick(300, 5);
    let mut cases: Vec<(&str, &Package)> = Vec::new();
    if let Some((_, example)) = &fx.example {
        cases.push(("score_attempt_example", example));
    }
    cases.push(("score_attempt_mixed_bank", &fx.mixed_bank));
    cases
        .into_iter()
        .map(|(name, package)| {
            let form = bank_order_form(package);
            let ids = form.item_ids();
            let responses = simulate_responses(package, &ids, 0.5, 17);
            measure(name, "per attempt", n, |_| {
                certa::score::score_attempt(package, &form, &responses, Timestamp(0)).is_ok()
            })
        })
        .collect()
}

/// EAP over simulated dichotomous response vectors (`certa::score::irt::EapScorer`).
mod eap {
    use super::*;
    use certa::score::irt::EapScorer;
    use certa::synthetic::{simulate_dichotomous, simulate_thetas};

    /// EAP for batches of simulated 50-item response vectors; the figure is per batch.
    pub fn section(fx: &Fixtures, runs: Runs) -> Vec<Measurement> {
        let params: Vec<_> = fx
            .bank
            .items
            .iter()
            .filter_map(|i| i.irt)
            .take(50)
            .collect();
        let scorer = EapScorer::new(&params);
        [(1_000usize, runs.pick(20, 2)), (10_000, runs.pick(5, 1))]
            .into_iter()
            .map(|(learners, n)| {
                let thetas = simulate_thetas(learners, 31);
                let vectors = simulate_dichotomous(&params, &thetas, 32);
                let m = measure(
                    &format!("eap_{learners}x50"),
                    &format!("per {learners} vectors"),
                    n,
                    |_| vectors.iter().map(|v| scorer.estimate(v).0).sum::<f64>(),
                );
                println!(
                    "  eap_{learners}x50: {:.3} µs per vector",
                    m.median_us / learners as f64
                );
                m
            })
            .collect()
    }
}

type Section = fn(&Fixtures, Runs) -> Vec<Measurement>;

fn main() {
    let runs = Runs {
        quick: std::env::var("CERTA_BENCH_QUICK").is_ok_and(|v| v == "1"),
    };
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let sections: [(&str, Section); 4] = [
        ("load", section_load),
        ("assemble", section_assemble),
        ("score", section_score),
        ("eap", eap::section),
    ];

    // One line per panic instead of a backtrace: a panicking section is reported and skipped.
    std::panic::set_hook(Box::new(|info| println!("panic: {info}")));
    println!(
        "certa engine benchmarks ({} mode)",
        if runs.quick { "quick" } else { "full" }
    );
    let started = Instant::now();
    let fx = fixtures();
    println!(
        "fixtures ready in {:.1} s: bank of {} items ({} KB of JSON)",
        started.elapsed().as_secs_f64(),
        fx.bank.items.len(),
        fx.bank_json.len() / 1024
    );

    let mut results: Vec<Measurement> = Vec::new();
    let mut failed: Vec<&str> = Vec::new();
    for (name, section) in sections {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        println!("-- {name}");
        match catch_unwind(AssertUnwindSafe(|| section(&fx, runs))) {
            Ok(mut rows) => results.append(&mut rows),
            Err(_) => {
                println!("note: section {name} panicked; its rows are missing");
                failed.push(name);
            }
        }
    }

    println!();
    println!(
        "{:<30} {:>14} {:>14} {:>6}  unit",
        "benchmark", "median (µs)", "p90 (µs)", "n"
    );
    for m in &results {
        println!(
            "{:<30} {:>14.1} {:>14.1} {:>6}  {}",
            m.name, m.median_us, m.p90_us, m.n, m.unit
        );
    }
    if !failed.is_empty() {
        println!("failed sections: {}", failed.join(", "));
    }
}
