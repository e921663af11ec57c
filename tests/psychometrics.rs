//! The psychometrics claims of issue 6, checked on the benchmark fixture
//! (`certa::synthetic::fixture`) without the peers: EAP against a stored numpy reference, MLE
//! against a fine-grid + golden-section reference computed here, B1
//! at the exact optimum, B2 and randomized forms with zero hard-rule violations and the
//! information target met. The speed figures and the side-by-side comparison are
//! `./x bench peers`.

use std::collections::{BTreeMap, BTreeSet};

use certa::assemble::information::item_information;
use certa::assemble::{assemble, check_form, AssemblyContext, Form, Seed};
use certa::model::{DifficultyTarget, IrtParameters, Package};
use certa::score::irt::{eap, mle, EapScorer, MleScorer};
use certa::synthetic::fixture::{b1_package, b2_package, randomized_package, scoring_fixture};

/// The hard rules counted directly from the package, independently of `check_form`.
fn violations(package: &Package, form: &Form) -> Vec<String> {
    let by_id: BTreeMap<&str, &certa::model::Item> =
        package.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let ids = form.item_ids();
    let mut out = Vec::new();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    if ids.len() != package.blueprint.length || unique.len() != ids.len() {
        out.push(format!("{} items, {} distinct", ids.len(), unique.len()));
    }
    let items: Vec<&certa::model::Item> =
        ids.iter().filter_map(|id| by_id.get(id)).copied().collect();
    for q in &package.blueprint.domains {
        let have = items.iter().filter(|i| i.domain == q.id).count();
        if Some(have) != q.count {
            out.push(format!("domain {} has {have} of {:?}", q.id, q.count));
        }
    }
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sets: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &items {
        if let Some(g) = &i.enemy_group {
            *groups.entry(g).or_insert(0) += 1;
        }
        if let Some(s) = &i.set {
            *sets.entry(s).or_insert(0) += 1;
        }
    }
    out.extend(
        groups
            .iter()
            .filter(|(_, &n)| n > 1)
            .map(|(g, _)| format!("enemies {g}")),
    );
    for (s, n) in sets {
        let size = package
            .items
            .iter()
            .filter(|i| i.set.as_deref() == Some(s))
            .count();
        if n != size {
            out.push(format!("set {s}: {n} of {size}"));
        }
    }
    out
}

fn information_at(package: &Package, form: &Form, theta: f64) -> f64 {
    let ids: BTreeSet<&str> = form.item_ids().into_iter().collect();
    package
        .items
        .iter()
        .filter(|i| ids.contains(i.id.as_str()))
        .filter_map(|i| i.irt.as_ref())
        .map(|p| item_information(p, theta))
        .sum()
}

#[test]
fn eap_matches_the_numpy_reference() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eap-reference.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("reference file"))
            .expect("json");
    let items: Vec<IrtParameters> = doc["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| IrtParameters {
            a: p["a"].as_f64().expect("a"),
            b: p["b"].as_f64().expect("b"),
            c: p["c"].as_f64(),
        })
        .collect();
    let responses: Vec<Vec<bool>> = doc["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| {
            r.as_str()
                .expect("string")
                .bytes()
                .map(|b| b == b'1')
                .collect()
        })
        .collect();
    let want_eap: Vec<f64> = doc["eap"]
        .as_array()
        .expect("eap")
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    let want_sd: Vec<f64> = doc["sd"]
        .as_array()
        .expect("sd")
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    assert_eq!(items.len(), 50);
    assert_eq!(responses.len(), 200);
    assert_eq!(want_eap.len(), 200);
    let scorer = EapScorer::new(&items);
    let mut worst = 0.0f64;
    for (k, u) in responses.iter().enumerate() {
        let (theta, sd) = scorer.estimate(u);
        let (single, single_sd) = eap(&items, u);
        for (got, want) in [
            (theta, want_eap[k]),
            (single, want_eap[k]),
            (sd, want_sd[k]),
            (single_sd, want_sd[k]),
        ] {
            worst = worst.max((got - want).abs());
        }
    }
    // The bar is 1e-3; both evaluations agree with numpy to rounding.
    assert!(worst < 1e-9, "largest difference from numpy: {worst:e}");
    // The reference is not trivial: abilities spread over the scale.
    let spread = want_eap.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        - want_eap.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(spread > 3.0, "{spread}");
}

/// The 3PL log-likelihood with plain `f64` math, independently of the crate.
fn log_likelihood(items: &[IrtParameters], u: &[bool], theta: f64) -> f64 {
    items
        .iter()
        .zip(u)
        .map(|(it, &right)| {
            let c = it.c.unwrap_or(0.0);
            let p = c + (1.0 - c) / (1.0 + (-it.a * (theta - it.b)).exp());
            if right {
                p.ln()
            } else {
                (1.0 - p).ln()
            }
        })
        .sum()
}

/// The best point of a grid with step 0.002 on [-4, 4], refined by golden-section search
/// between its neighbours; the bounds themselves when the likelihood is highest there.
fn reference_mle(items: &[IrtParameters], u: &[bool]) -> f64 {
    let theta = |k: usize| -4.0 + k as f64 * 0.002;
    let (mut best, mut best_ll) = (0, f64::NEG_INFINITY);
    for k in 0..=4000 {
        let ll = log_likelihood(items, u, theta(k));
        if ll > best_ll {
            (best, best_ll) = (k, ll);
        }
    }
    let (mut lo, mut hi) = (theta(best.saturating_sub(1)), theta((best + 1).min(4000)));
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    while hi - lo > 1e-11 {
        let (x1, x2) = (hi - ratio * (hi - lo), lo + ratio * (hi - lo));
        if log_likelihood(items, u, x1) >= log_likelihood(items, u, x2) {
            hi = x2;
        } else {
            lo = x1;
        }
    }
    [0.5 * (lo + hi), -4.0, 4.0]
        .into_iter()
        .map(|t| (log_likelihood(items, u, t), t))
        .fold(
            (f64::NEG_INFINITY, 0.0),
            |a, b| if b.0 > a.0 { b } else { a },
        )
        .1
}

#[test]
fn mle_matches_a_golden_section_reference() {
    // The benchmark's test and its first 1,000 vectors, as `./x bench peers` scores them.
    let fixture = scoring_fixture(1_000);
    let scorer = MleScorer::new(&fixture.items);
    assert_eq!(scorer.usable_items(), 50);
    let (mut worst, mut bounded) = (0.0f64, 0);
    for u in &fixture.responses {
        let m = scorer.estimate(u);
        assert_eq!(m, mle(&fixture.items, u), "the scorer and one call agree");
        let want = reference_mle(&fixture.items, u);
        assert_eq!(m.bounded, want.abs() >= 4.0, "{u:?}: {m:?} vs {want}");
        bounded += usize::from(m.bounded);
        worst = worst.max((m.theta - want).abs());
    }
    assert!(
        worst < 1e-6,
        "largest difference from the reference: {worst:e}"
    );
    // Most vectors have an interior maximum; the few perfect or zero scores sit at a bound.
    assert!(bounded < 20, "{bounded} bounded");
}

#[test]
fn b1_forms_reach_the_exact_optimum() {
    let p = b1_package();
    // The optimum with domain quotas only: the most informative items of each domain.
    let mut optimum = 0.0;
    for q in &p.blueprint.domains {
        let mut infos: Vec<f64> = p
            .items
            .iter()
            .filter(|i| i.domain == q.id)
            .filter_map(|i| i.irt.as_ref())
            .map(|irt| item_information(irt, 0.0))
            .collect();
        infos.sort_by(|a, b| b.total_cmp(a));
        optimum += infos.iter().take(q.count.unwrap_or(0)).sum::<f64>();
    }
    for seed in 0..5 {
        let form = assemble(&p, Seed(seed), &AssemblyContext::default())
            .expect("assembles")
            .form;
        assert_eq!(violations(&p, &form), Vec::<String>::new());
        let got = information_at(&p, &form, 0.0);
        assert!(
            (got - optimum).abs() < 1e-9,
            "seed {seed}: {got} of {optimum}"
        );
    }
}

#[test]
fn b2_forms_meet_every_rule_and_the_target() {
    let p = b2_package();
    let Some(DifficultyTarget::Information { points }) = &p.blueprint.difficulty else {
        panic!("B2 has an information target");
    };
    let context = AssemblyContext::default();
    let mut worst = 0.0f64;
    for seed in 0..40 {
        let form = assemble(&p, Seed(seed), &context).expect("assembles").form;
        assert_eq!(violations(&p, &form), Vec::<String>::new(), "seed {seed}");
        assert_eq!(
            check_form(&p, &form, &context),
            Vec::<String>::new(),
            "seed {seed}"
        );
        for pt in points {
            worst = worst.max((information_at(&p, &form, pt.theta) - pt.target).abs());
        }
    }
    // The bar is 0.02; certa's own tolerance is 0.01.
    assert!(worst <= 0.01 + 1e-9, "largest deviation {worst}");
}

#[test]
fn randomized_forms_meet_every_rule() {
    let p = randomized_package();
    let mut context = AssemblyContext::default();
    let mut uses: BTreeMap<String, u64> = BTreeMap::new();
    for seed in 0..100 {
        let form = assemble(&p, Seed(seed), &context).expect("assembles").form;
        assert_eq!(violations(&p, &form), Vec::<String>::new(), "form {seed}");
        for id in form.item_ids() {
            *uses.entry(id.to_string()).or_insert(0) += 1;
            *context.exposure_counts.entry(id.to_string()).or_insert(0) += 1;
        }
        context.administrations += 1;
    }
    let top = uses.values().copied().max().unwrap_or(0);
    // The cap is 0.25; it applies from the 8th form on, so early forms may share a little more.
    assert!(top <= 27, "an item was on {top} of 100 forms");
    assert!(uses.len() > 300, "only {} items used", uses.len());
}
