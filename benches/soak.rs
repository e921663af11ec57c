//! Soak of the record service: SOAK_RECORDS (20,000) distinct, realistic completion records
//! posted by SOAK_CLIENTS (50) concurrent clients to a release-built `certa serve` (a child
//! process on 127.0.0.1 with a fresh SQLite file), while the service's resident memory is
//! sampled from /proc/PID/status (VmRSS) every 100 ms.
//!
//! Half the records are practice records on the certificate quiz, half secure records on the
//! 60-question certification exam (each attempt issued by the service first, before the soak
//! starts). Every post is verified and stored in its own durable transaction.
//!
//! Prints throughput, p50 / p99 / max latency, errors by status, the stored count (it must equal
//! the records posted: no loss), peak RSS, RSS at 25 / 50 / 75 / 100 % of the posts, and the RSS
//! trend over the second half (least-squares slope, KiB per 1,000 records). Writes the figures to
//! target/bench/soak.json. Bounded: the posts, and SOAK_MAX_SECONDS (1,800) of wall time.
//! Exits non-zero when a record is lost or a post failed.
//!
//!   cargo bench --bench soak        (./x bench soak)

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    soak::run();
}

#[cfg(not(target_arch = "wasm32"))]
mod soak {
    use std::collections::BTreeMap;
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    use super::support::*;

    /// One RSS sample: seconds since the soak began, records answered so far, KiB resident.
    #[derive(Debug, Clone, Copy)]
    struct Sample {
        at: f64,
        done: usize,
        rss_kib: u64,
    }

    fn env(name: &str, default: usize) -> usize {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    /// Resident set size of a process, in KiB.
    fn rss_kib(pid: u32) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse().ok())
    }

    /// Start the release binary on a free port; returns the child and its base URL.
    fn start_service(db: &std::path::Path) -> (Child, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_certa"))
            .args([
                "serve",
                "--packages",
                "examples",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
            ])
            .arg("--db")
            .arg(db)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start certa serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("certa serve printed its URL")
                .expect("read stdout");
            if let Some(url) = line.strip_prefix("certa serve: ") {
                break url.trim().to_string();
            }
        };
        // Keep draining stdout so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        (child, url)
    }

    /// Least-squares slope of y over x.
    fn slope(points: &[(f64, f64)]) -> f64 {
        let n = points.len() as f64;
        if points.len() < 2 {
            return 0.0;
        }
        let (mx, my) = points
            .iter()
            .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
        let (num, den) = points.iter().fold((0.0, 0.0), |(num, den), (x, y)| {
            (num + (x - mx) * (y - my), den + (x - mx) * (x - mx))
        });
        if den == 0.0 {
            0.0
        } else {
            num / den
        }
    }

    pub fn run() {
        let total = env("SOAK_RECORDS", 20_000).max(4);
        let clients = env("SOAK_CLIENTS", 50).max(1);
        let max_seconds = env("SOAK_MAX_SECONDS", 1800) as u64;
        let dir = temp_dir("bench-soak");
        let db = dir.join("certa.db");
        let (mut child, base) = start_service(&db);
        let pid = child.id();
        let agent = agent();
        let (quiz, exam) = (load(QUIZ), load(EXAM));
        println!(
            "certa serve (release) pid {pid} at {base}; idle RSS {} KiB",
            rss_kib(pid).unwrap_or(0)
        );

        // Records as browsers post them; secure attempts are issued by the service first.
        let t0 = Instant::now();
        let next_prepared = AtomicUsize::new(0);
        let prepared = Mutex::new(Vec::with_capacity(total));
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    let agent = super::support::agent();
                    let mut mine = Vec::new();
                    loop {
                        let n = next_prepared.fetch_add(1, Ordering::Relaxed);
                        if n >= total {
                            break;
                        }
                        let seed = 50_000 + n as u64;
                        let record = if n % 2 == 0 {
                            quiz_record(&quiz, seed)
                        } else {
                            let issued = post(
                                &agent,
                                &format!("{base}/api/attempts"),
                                &serde_json::json!({"package": EXAM_ID, "learner": {"id": format!("soak-{n}")}})
                                    .to_string(),
                            );
                            assert_eq!(issued.status, 201, "{}", issued.body);
                            exam_record(&exam, &issued.json(), seed)
                        };
                        mine.push((n, record.to_canonical_json()));
                    }
                    prepared.lock().unwrap().extend(mine);
                });
            }
        });
        let mut records = prepared.into_inner().unwrap();
        records.sort_by_key(|(n, _)| *n);
        let records: Vec<String> = records.into_iter().map(|(_, r)| r).collect();
        let mean_kib =
            records.iter().map(String::len).sum::<usize>() as f64 / total as f64 / 1024.0;
        println!(
            "prepared {total} records (half quiz practice, half issued secure exam; {mean_kib:.1} KiB mean) in {:.1} s; RSS {} KiB",
            t0.elapsed().as_secs_f64(),
            rss_kib(pid).unwrap_or(0)
        );

        // The soak: clients post, a sampler reads VmRSS every 100 ms.
        let url = format!("{base}/api/records");
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let finished = AtomicBool::new(false);
        let results = Mutex::new(Vec::with_capacity(total));
        let samples = Mutex::new(Vec::new());
        let started = Instant::now();
        let deadline = started + Duration::from_secs(max_seconds);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                while !finished.load(Ordering::Relaxed) {
                    if let Some(rss) = rss_kib(pid) {
                        samples.lock().unwrap().push(Sample {
                            at: started.elapsed().as_secs_f64(),
                            done: done.load(Ordering::Relaxed),
                            rss_kib: rss,
                        });
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            });
            let workers: Vec<_> = (0..clients)
                .map(|_| {
                    scope.spawn(|| {
                        let agent = super::support::agent();
                        let mut mine = Vec::new();
                        while Instant::now() < deadline {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(body) = records.get(i) else {
                                break;
                            };
                            let t = Instant::now();
                            let status =
                                try_post(&agent, &url, body).map(|r| r.status).unwrap_or(0);
                            mine.push((status, t.elapsed()));
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                        results.lock().unwrap().extend(mine);
                    })
                })
                .collect();
            for worker in workers {
                let _ = worker.join();
            }
            finished.store(true, Ordering::Relaxed);
        });
        let elapsed = started.elapsed().as_secs_f64();
        let results = results.into_inner().unwrap();
        let samples = samples.into_inner().unwrap();

        let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
        for (status, _) in &results {
            *statuses.entry(*status).or_default() += 1;
        }
        let created = statuses.get(&201).copied().unwrap_or(0);
        let errors = results.len() - created;
        let mut latencies: Vec<f64> = results
            .iter()
            .map(|(_, d)| d.as_secs_f64() * 1000.0)
            .collect();
        latencies.sort_by(f64::total_cmp);
        let pick = |q: f64| {
            let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
            latencies.get(i).copied().unwrap_or(0.0)
        };
        let listing = get(&agent, &format!("{base}/api/records?limit=1")).json();
        let stored = listing["summary"]["count"].as_u64().unwrap_or(0) as usize;

        let peak = samples.iter().map(|s| s.rss_kib).max().unwrap_or(0);
        let at_share = |share: f64| {
            let want = (total as f64 * share).ceil() as usize;
            samples
                .iter()
                .find(|s| s.done >= want)
                .or(samples.last())
                .map(|s| s.rss_kib)
                .unwrap_or(0)
        };
        let marks = [0.25, 0.5, 0.75, 1.0].map(at_share);
        let second_half: Vec<(f64, f64)> = samples
            .iter()
            .filter(|s| s.done >= total / 2)
            .map(|s| (s.done as f64 / 1000.0, s.rss_kib as f64))
            .collect();
        let trend = slope(&second_half);
        let db_bytes: u64 = ["certa.db", "certa.db-wal"]
            .iter()
            .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
            .map(|m| m.len())
            .sum();

        let _ = child.kill();
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&dir);

        println!();
        println!("| figure | value |");
        println!("|---|---|");
        println!(
            "| records posted / clients | {} / {clients} |",
            results.len()
        );
        println!(
            "| throughput | **{:.0} records/s** ({} posts in {elapsed:.1} s) |",
            results.len() as f64 / elapsed,
            results.len()
        );
        println!(
            "| latency p50 / p99 / max | {:.1} ms / {:.1} ms / {:.0} ms |",
            pick(0.5),
            pick(0.99),
            pick(1.0)
        );
        println!("| statuses | {statuses:?} |");
        println!("| errors (not 201) | {errors} |");
        println!("| stored (GET /api/records count) | {stored} of {total} |");
        println!("| peak RSS | {:.1} MiB |", peak as f64 / 1024.0);
        println!(
            "| RSS at 25 / 50 / 75 / 100 % | {:.1} / {:.1} / {:.1} / {:.1} MiB |",
            marks[0] as f64 / 1024.0,
            marks[1] as f64 / 1024.0,
            marks[2] as f64 / 1024.0,
            marks[3] as f64 / 1024.0
        );
        println!(
            "| RSS trend, second half | {trend:+.1} KiB per 1,000 records ({} samples) |",
            second_half.len()
        );
        println!(
            "| database after | {:.0} MiB |",
            db_bytes as f64 / 1048576.0
        );

        let json = serde_json::json!({
            "records": total, "clients": clients, "posted": results.len(), "seconds": elapsed,
            "records_per_second": results.len() as f64 / elapsed,
            "latency_ms": {"p50": pick(0.5), "p99": pick(0.99), "max": pick(1.0)},
            "statuses": statuses, "errors": errors, "stored": stored,
            "rss_kib": {"peak": peak, "at_25": marks[0], "at_50": marks[1], "at_75": marks[2], "at_100": marks[3]},
            "rss_trend_kib_per_1000_records_second_half": trend,
            "samples": samples.len(), "database_bytes": db_bytes,
            // Every tenth sample (about one a second): [seconds, records answered, KiB].
            "rss_series": samples.iter().step_by(10).map(|s| (s.at, s.done, s.rss_kib)).collect::<Vec<_>>(),
        });
        let _ = std::fs::create_dir_all("target/bench");
        let _ = std::fs::write("target/bench/soak.json", json.to_string());
        if stored != total || errors != 0 {
            eprintln!("soak FAILED: {stored} of {total} stored, {errors} posts not 201");
            std::process::exit(1);
        }
    }
}
