//! Load benchmark of the record service: N distinct, realistic completion records (half
//! practice records on the certificate quiz, half secure records on the certification exam,
//! each from a simulated learner) posted by a few concurrent clients to `certa serve` running
//! in-process on 127.0.0.1 with a fresh SQLite file. Every post is verified (form re-derived
//! from the seed, every response re-scored) and stored in its own durable transaction.
//!
//! Prints records verified and stored per second and the p50 / p99 / max latency of a post.
//! Bounded: SERVE_RECORDS (default 2,000) posts, then it ends.
//!
//!   cargo bench --bench serve            SERVE_RECORDS=500 SERVE_CLIENTS=8 cargo bench --bench serve

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    use support::*;

    let env = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let total = env("SERVE_RECORDS", 2000).max(2);
    let clients = env("SERVE_CLIENTS", 4).max(1);
    let dir = temp_dir("bench-serve");
    let db = dir.join("certa.db");
    let server = TestServer::start(&db);
    let agent = agent();
    let (quiz, exam) = (load(QUIZ), load(EXAM));

    // Records as browsers post them: secure attempts are issued by the service first.
    let t0 = Instant::now();
    let mut records = Vec::with_capacity(total);
    for n in 0..total as u64 {
        records.push(if n % 2 == 0 {
            ("quiz", quiz_record(&quiz, 10_000 + n).to_canonical_json())
        } else {
            let record = issued_exam_record(&agent, &server, &exam, 10_000 + n);
            ("exam", record.to_canonical_json())
        });
    }
    let bytes: usize = records.iter().map(|(_, r)| r.len()).sum();
    println!(
        "prepared {total} records ({} quiz, {} exam; {:.1} KiB mean) in {:.1} s",
        total.div_ceil(2),
        total / 2,
        bytes as f64 / total as f64 / 1024.0,
        t0.elapsed().as_secs_f64()
    );

    let url = server.url("/api/records");
    let next = AtomicUsize::new(0);
    let samples = Mutex::new(Vec::with_capacity(total));
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                let agent = support::agent();
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((kind, body)) = records.get(i) else {
                        break;
                    };
                    let t = Instant::now();
                    let status = post(&agent, &url, body).status;
                    mine.push((*kind, status, t.elapsed()));
                }
                samples.lock().unwrap().extend(mine);
            });
        }
    });
    let elapsed = started.elapsed();
    let samples = samples.into_inner().unwrap();
    let mut statuses: BTreeMap<(&str, u16), usize> = BTreeMap::new();
    for (kind, status, _) in &samples {
        *statuses.entry((kind, *status)).or_default() += 1;
    }
    let stored = samples.iter().filter(|(_, s, _)| *s == 201).count();
    let mut latencies: Vec<Duration> = samples.iter().map(|(_, _, d)| *d).collect();
    latencies.sort();
    let pick = |q: f64| {
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies.get(i).copied().unwrap_or_default().as_secs_f64() * 1000.0
    };
    let listing = get(&agent, &server.url("/api/records?limit=1")).json();
    println!(
        "posted {total} records with {clients} clients in {:.2} s; statuses {statuses:?}",
        elapsed.as_secs_f64()
    );
    println!(
        "verified and stored: {:.0} records/s ({stored} stored; the service holds {})",
        stored as f64 / elapsed.as_secs_f64(),
        listing["summary"]["count"]
    );
    println!(
        "latency per post: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pick(0.50),
        pick(0.99),
        pick(1.0)
    );
    for kind in ["quiz", "exam"] {
        let mut mine: Vec<f64> = samples
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, _, d)| d.as_secs_f64() * 1000.0)
            .collect();
        mine.sort_by(f64::total_cmp);
        let at = |q: f64| mine[((mine.len() as f64 - 1.0) * q).round() as usize];
        println!("  {kind}: p50 {:.2} ms, p99 {:.2} ms", at(0.5), at(0.99));
    }
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(dir.join("certa.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!("database: {:.1} MiB", size as f64 / 1024.0 / 1024.0);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
