//! Exposure, diversity and speed figures of form assembly for information-target blueprints:
//! forms for independent seeds, and forms assembled the way a delivery service would, one after
//! another, each with the exposure counts of the forms before it. Ignored by default (it prints
//! numbers, and the timings mean something only in release; the release profile aborts on
//! panic, which the test harness cannot use):
//!
//! `CARGO_PROFILE_RELEASE_PANIC=unwind cargo test --release --test assembly_exposure_figures --
//! --ignored --nocapture`
//!
//! `FIGURES_ONLY=<part of a label>` runs one scenario; `FIGURES_VERBOSE=1` prints every form's
//! information.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use certa::assemble::information::item_information;
use certa::assemble::{assemble, AssemblyContext, Seed};
use certa::model::{DifficultyTarget, Package};
use certa::synthetic::{generate_bank, BankSpec, TargetSpec};

/// What a run of forms gave.
struct Figures {
    forms: usize,
    max_rate: f64,
    mean_overlap: f64,
    never_used: usize,
    max_deviation: f64,
    overexposed: usize,
    per_form: Duration,
}

fn run(p: &Package, forms: usize, sequential: bool) -> Figures {
    let mut context = AssemblyContext::default();
    let mut picks: Vec<BTreeSet<String>> = Vec::new();
    let mut max_deviation = 0.0f64;
    let mut overexposed = 0;
    let mut elapsed = Duration::ZERO;
    for s in 0..forms as u64 {
        // The fastest of three runs: the machine is shared, and the figure is the work done.
        let mut fastest = Duration::MAX;
        let mut assembled = None;
        for _ in 0..3 {
            let start = Instant::now();
            let a = assemble(p, Seed(s), &context).expect("assembles");
            fastest = fastest.min(start.elapsed());
            assembled = Some(a);
        }
        elapsed += fastest;
        let a = assembled.expect("assembled");
        max_deviation = max_deviation.max(a.form.deviation.deviation);
        if std::env::var("FIGURES_VERBOSE").is_ok() {
            println!(
                "  form {s}: information {:?}, attempt {}",
                a.form.deviation.information, a.attempt
            );
        }
        overexposed += a.overexposed_items.len();
        let ids: BTreeSet<String> = a.form.item_ids().iter().map(|s| s.to_string()).collect();
        if sequential {
            for id in &ids {
                *context.exposure_counts.entry(id.clone()).or_insert(0) += 1;
            }
            context.administrations += 1;
        }
        picks.push(ids);
    }
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &picks {
        for id in f {
            *uses.entry(id.as_str()).or_insert(0) += 1;
        }
    }
    let mut overlap = 0.0;
    let mut pairs = 0usize;
    for a in 0..picks.len() {
        for b in a + 1..picks.len() {
            overlap += picks[a].intersection(&picks[b]).count() as f64 / p.blueprint.length as f64;
            pairs += 1;
        }
    }
    Figures {
        forms,
        max_rate: uses.values().copied().max().unwrap_or(0) as f64 / forms as f64,
        mean_overlap: overlap / pairs.max(1) as f64,
        never_used: p.items.len() - uses.len(),
        max_deviation,
        overexposed,
        per_form: elapsed / forms as u32,
    }
}

/// Run one scenario unless `FIGURES_ONLY` names another (a part of its label).
fn scenario(label: &str, p: &Package, sequential: bool) {
    if std::env::var("FIGURES_ONLY").is_ok_and(|only| !label.contains(&only)) {
        return;
    }
    print(label, &run(p, 50, sequential));
}

fn print(label: &str, f: &Figures) {
    println!(
        "{label}: {} forms, max rate {:.2}, mean overlap {:.3}, never used {}, max deviation {:.4}, overexposed picks {}, {:?} per form",
        f.forms, f.max_rate, f.mean_overlap, f.never_used, f.max_deviation, f.overexposed, f.per_form
    );
}

/// Targets at `share` of the information profile of the most informative form over all the
/// θ points together (the `length` items with the largest summed information, ignoring every
/// other rule), so the targets have a shape a real form can have.
fn profile_targets(p: &Package, thetas: &[f64], share: f64) -> Vec<(f64, f64)> {
    let info = |irt: &certa::model::IrtParameters, t: f64| item_information(irt, t);
    let mut items: Vec<&certa::model::IrtParameters> =
        p.items.iter().filter_map(|it| it.irt.as_ref()).collect();
    let total =
        |irt: &certa::model::IrtParameters| thetas.iter().map(|&t| info(irt, t)).sum::<f64>();
    items.sort_by(|a, b| total(b).total_cmp(&total(a)));
    let best = &items[..p.blueprint.length.min(items.len())];
    thetas
        .iter()
        .map(|&t| {
            let tif: f64 = best.iter().map(|irt| info(irt, t)).sum();
            (t, (share * tif * 10.0).round() / 10.0)
        })
        .collect()
}

fn synthetic(share: f64) -> Package {
    let mut spec = BankSpec::default();
    let probe = generate_bank(&spec);
    spec.target = TargetSpec::Information {
        points: profile_targets(&probe, &[-1.0, 0.0, 1.0], share),
    };
    generate_bank(&spec)
}

#[test]
#[ignore]
fn figures() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/certification-exam.json");
    let json = std::fs::read_to_string(path).unwrap();
    let exam = Package::load(&json).unwrap();
    scenario("certification exam, independent seeds", &exam, false);
    scenario("certification exam, sequential", &exam, true);

    let mut p = synthetic(0.7);
    if let Some(DifficultyTarget::Information { points }) = &p.blueprint.difficulty {
        let pts: Vec<String> = points
            .iter()
            .map(|pt| format!("θ {} → {}", pt.theta, pt.target))
            .collect();
        println!("synthetic 2,000 items, targets {}", pts.join(", "));
    }
    scenario("synthetic, no cap, independent", &p, false);
    scenario(
        "benchmark bank (maximize information at 0), independent",
        &generate_bank(&BankSpec::default()),
        false,
    );
    p.blueprint.exposure.max_rate = Some(0.25);
    scenario("synthetic, cap 0.25, sequential", &p, true);
}
