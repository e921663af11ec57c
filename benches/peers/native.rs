//! certa's native side of `./x bench peers` (`cargo bench --bench peers -- FIXTURE OUT`): runs
//! every task of the psychometrics benchmark on the fixture that `certa bench-data --peers`
//! wrote, and writes the timings and the raw answers (form item ids, θ estimates) as JSON for
//! `benches/peers/report.py`, which checks and compares every tool the same way.
//!
//! Tasks (every timing is one call, repeated; the report takes medians):
//! - `b1`, `b2`: one form per seed (seeds 0, 1, ...).
//! - `randomized`: 100 forms in sequence, each with the exposure counts of the forms before it.
//! - `eap_1000`, `eap_10000`: EAP for the first 1,000 / all 10,000 response vectors.
//! - `mle_1000`: MLE for the first 1,000 vectors (the tables, once per test, timed apart).
//!
//! `PEERS_QUICK=1` cuts the repetitions.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use certa::assemble::{assemble, AssemblyContext, Seed};
use certa::model::{IrtParameters, Package};
use certa::score::irt::{EapScorer, MleScorer};
use serde_json::{json, Value};

fn millis(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// CPU time of this thread in milliseconds: the machine may be shared, and the wall clock
/// also counts the time spent waiting for a core.
#[cfg(unix)]
fn cpu_now() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass, which lives on our stack.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

/// No thread CPU clock here: the report falls back to the wall clock.
#[cfg(not(unix))]
fn cpu_now() -> f64 {
    f64::NAN
}

/// Wall-clock and CPU milliseconds of one call.
struct Lap {
    wall: Instant,
    cpu: f64,
}

impl Lap {
    fn start() -> Lap {
        Lap {
            wall: Instant::now(),
            cpu: cpu_now(),
        }
    }

    fn record(self, times: &mut Vec<f64>, cpu: &mut Vec<f64>) {
        times.push(millis(self.wall));
        cpu.push(cpu_now() - self.cpu);
    }
}

fn load(dir: &Path, name: &str) -> Package {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run certa bench-data --peers first)",
            path.display()
        )
    });
    Package::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One form per seed; returns the timings and every form's item ids.
fn forms(package: &Package, seeds: u64) -> Value {
    let context = AssemblyContext::default();
    for w in 0..5 {
        let _ = assemble(package, Seed(1_000_000 + w), &context);
    }
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    let mut forms = Vec::new();
    for s in 0..seeds {
        let lap = Lap::start();
        let a = assemble(package, Seed(s), &context);
        lap.record(&mut times, &mut cpu);
        match a {
            Ok(a) => forms.push(a.form.item_ids().iter().map(|s| s.to_string()).collect()),
            Err(e) => {
                eprintln!("seed {s}: {e}");
                forms.push(Vec::<String>::new());
            }
        }
    }
    json!({ "times_ms": times, "cpu_ms": cpu, "forms": forms })
}

/// Forms delivered one after another with exposure counts.
fn sequential(package: &Package, count: u64) -> Value {
    let mut context = AssemblyContext::default();
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    let mut forms: Vec<Vec<String>> = Vec::new();
    for s in 0..count {
        let lap = Lap::start();
        let a = assemble(package, Seed(s), &context);
        lap.record(&mut times, &mut cpu);
        let ids: Vec<String> = match a {
            Ok(a) => a.form.item_ids().iter().map(|s| s.to_string()).collect(),
            Err(e) => {
                eprintln!("sequential form {s}: {e}");
                Vec::new()
            }
        };
        for id in &ids {
            *context.exposure_counts.entry(id.clone()).or_insert(0) += 1;
        }
        context.administrations += 1;
        forms.push(ids);
    }
    json!({ "times_ms": times, "cpu_ms": cpu, "forms": forms })
}

struct Scoring {
    items: Vec<IrtParameters>,
    responses: Vec<Vec<bool>>,
}

fn scoring(dir: &Path) -> Scoring {
    let path = dir.join("scoring.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).expect("scoring.json parses");
    let items = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| IrtParameters {
            a: p["a"].as_f64().expect("a"),
            b: p["b"].as_f64().expect("b"),
            c: p["c"].as_f64(),
        })
        .collect();
    let responses = v["responses"]
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
    Scoring { items, responses }
}

fn eap(s: &Scoring, count: usize, runs: usize) -> Value {
    // Building the tables, once per test: the median of a few builds.
    let (mut setup, mut setup_cpu) = (Vec::new(), Vec::new());
    let mut scorer = EapScorer::new(&s.items);
    for _ in 0..7 {
        let lap = Lap::start();
        scorer = EapScorer::new(&s.items);
        lap.record(&mut setup, &mut setup_cpu);
    }
    setup_cpu.sort_by(f64::total_cmp);
    let vectors = &s.responses[..count.min(s.responses.len())];
    let mut thetas = vec![0.0; vectors.len()];
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs + 1 {
        let lap = Lap::start();
        for (t, v) in thetas.iter_mut().zip(vectors) {
            *t = scorer.estimate(v).0;
        }
        lap.record(&mut times, &mut cpu);
    }
    // The first run warms the caches.
    times.remove(0);
    cpu.remove(0);
    json!({ "times_ms": times, "cpu_ms": cpu, "setup_ms": setup_cpu[3], "thetas": thetas })
}

fn mle(s: &Scoring, count: usize, runs: usize) -> Value {
    // Building the tables, once per test: the median of a few builds.
    let (mut setup, mut setup_cpu) = (Vec::new(), Vec::new());
    let mut scorer = MleScorer::new(&s.items);
    for _ in 0..7 {
        let lap = Lap::start();
        scorer = MleScorer::new(&s.items);
        lap.record(&mut setup, &mut setup_cpu);
    }
    setup_cpu.sort_by(f64::total_cmp);
    let vectors = &s.responses[..count.min(s.responses.len())];
    let mut out = Vec::with_capacity(vectors.len());
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs + 1 {
        out.clear();
        let lap = Lap::start();
        for v in vectors {
            out.push(scorer.estimate(v));
        }
        lap.record(&mut times, &mut cpu);
    }
    // The first run warms the caches.
    times.remove(0);
    cpu.remove(0);
    let thetas: Vec<f64> = out.iter().map(|m| m.theta).collect();
    let converged: Vec<bool> = out.iter().map(|m| !m.bounded).collect();
    json!({
        "times_ms": times,
        "cpu_ms": cpu,
        "setup_ms": setup_cpu[3],
        "thetas": thetas,
        "converged": converged,
    })
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo bench --bench peers -- FIXTURE_DIR OUT_JSON");
        std::process::exit(2);
    };
    let quick = std::env::var("PEERS_QUICK").is_ok_and(|v| v == "1");
    let pick = |full: usize, small: usize| if quick { small } else { full };
    let dir = Path::new(dir);
    let mut tasks: BTreeMap<&str, Value> = BTreeMap::new();

    let b1 = load(dir, "b1.json");
    eprintln!("certa native: b1");
    tasks.insert("b1", forms(&b1, pick(50, 5) as u64));
    let b2 = load(dir, "b2.json");
    eprintln!("certa native: b2");
    tasks.insert("b2", forms(&b2, pick(50, 5) as u64));
    let randomized = load(dir, "randomized.json");
    eprintln!("certa native: randomized");
    tasks.insert("randomized", sequential(&randomized, 100));
    let s = scoring(dir);
    eprintln!("certa native: eap, mle");
    tasks.insert("eap_1000", eap(&s, 1_000, pick(51, 5)));
    tasks.insert("eap_10000", eap(&s, 10_000, pick(21, 3)));
    tasks.insert("mle_1000", mle(&s, 1_000, pick(51, 5)));

    let result = json!({
        "tool": "certa",
        "runtime": "native",
        "version": env!("CARGO_PKG_VERSION"),
        "tasks": tasks,
    });
    std::fs::write(out, result.to_string()).unwrap_or_else(|e| panic!("{out}: {e}"));
    eprintln!("certa native: wrote {out}");
}
