//! The time limit on the service's clock, over real HTTP on 127.0.0.1: the issue time of a
//! secure attempt is stored (it survives a restart), an honest learner whose clock is an hour
//! ahead or behind is accepted (the acknowledgement shows the offset), and a record arriving
//! after issue + limit + grace is refused with `time_limit_service_clock` whatever its own
//! times claim; a repeat of a stored record stays a 200. The exam is registered with a
//! 4-second limit so the test waits seconds, not an hour and a half.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use certa::assemble::AssemblyContext;
use certa::model::Package;
use certa::publish::secure_delivery_package;
use certa::record::CompletionRecord;
use certa::session::{Mode, Session, SessionStart};
use certa::synthetic::simulate_responses;
use certa::timestamp::Timestamp;
use serde_json::{json, Value};
use support::*;

const LIMIT_MS: i64 = 4_000;
const GRACE_MS: u64 = 500;
const HOUR_MS: i64 = 3_600_000;

/// The exam with a 4-second limit, alone in a packages directory.
fn timed_exam(dir: &Path) -> Arc<Package> {
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(EXAM).unwrap()).unwrap();
    doc["delivery"]["time_limit_seconds"] = json!(LIMIT_MS / 1000);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let packages = dir.join("packages");
    std::fs::create_dir_all(&packages).unwrap();
    std::fs::write(packages.join("exam.json"), &text).unwrap();
    Arc::new(Package::load(&text).unwrap())
}

fn start_server(dir: &Path) -> TestServer {
    let packages = dir.join("packages");
    TestServer::start_with(&dir.join("certa.db"), move |config| {
        config.packages_dir = packages;
        config.limits.time_limit_grace_ms = GRACE_MS;
    })
}

fn wall_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn issue(agent: &ureq::Agent, server: &TestServer, learner: &str) -> Value {
    let reply = post(
        agent,
        &server.url("/api/attempts"),
        &json!({"package": EXAM_ID, "learner": {"id": learner}}).to_string(),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()
}

/// The browser's record of an issued attempt, taken on the delivery copy with the browser's
/// clock reading `started_at` at the start: 60 answers 20 ms apart, submitted a second in.
fn take(exam: &Package, issued: &Value, started_at: i64) -> CompletionRecord {
    let context: AssemblyContext =
        serde_json::from_value(issued.get("context").cloned().unwrap_or(Value::Null))
            .unwrap_or_default();
    let mut session = Session::start(
        Arc::new(secure_delivery_package(exam)),
        SessionStart {
            attempt_id: issued["attempt_id"].as_str().unwrap().into(),
            learner: serde_json::from_value(issued["learner"].clone()).unwrap(),
            seed: issued["seed"].as_str().unwrap().parse().unwrap(),
            now: Timestamp(started_at),
            attempt_number: issued["attempt_number"].as_u64().unwrap() as u32,
            mode: Mode::Secure,
            context,
        },
    )
    .unwrap();
    let ids: Vec<String> = session
        .form()
        .item_ids()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let responses = simulate_responses(exam, &refs, 0.5, session.form().seed.0);
    for (i, id) in ids.iter().enumerate() {
        if let Some(value) = responses.get(id) {
            let at = Timestamp(started_at + 20 * i as i64);
            session.answer(id, value.clone(), at).unwrap();
        }
    }
    certa::record::submit(&mut session, Timestamp(started_at + 1_500)).unwrap()
}

fn reason_codes(reply: &Reply) -> Vec<String> {
    reply.json()["error"]["reasons"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|r| r["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_hour_of_clock_skew_is_accepted_and_a_late_arrival_is_refused_on_the_service_clock() {
    let dir = temp_dir("clock");
    let exam = timed_exam(&dir);
    let agent = agent();
    let mut server = start_server(&dir);
    let records = server.url("/api/records");

    // An hour ahead and an hour behind: accepted, with the offset reported.
    for (learner, skew) in [("ahead", HOUR_MS), ("behind", -HOUR_MS)] {
        let issued = issue(&agent, &server, learner);
        let record = take(&exam, &issued, wall_clock() + skew);
        let reply = post(&agent, &records, &record.to_canonical_json());
        assert_eq!(reply.status, 201, "{learner}: {}", reply.body);
        let clock = &reply.json()["service_clock"];
        let issued_at: Timestamp = issued["issued_at"].as_str().unwrap().parse().unwrap();
        assert_eq!(clock["issued_at"], json!(issued_at.0));
        assert_eq!(clock["time_limit_ms"], json!(LIMIT_MS));
        assert_eq!(clock["grace_ms"], json!(GRACE_MS));
        let elapsed = clock["elapsed_ms"].as_i64().unwrap();
        assert!((0..LIMIT_MS).contains(&elapsed), "{learner}: {clock}");
        let offset = clock["browser_offset_ms"].as_i64().unwrap();
        assert!(
            (offset - skew).abs() < 5_000,
            "{learner}: browser offset {offset} for a skew of {skew}"
        );
    }

    // Issued, then the service restarts: the issue time is in the database, not in memory.
    let issued = issue(&agent, &server, "slow");
    let issued_at: Timestamp = issued["issued_at"].as_str().unwrap().parse().unwrap();
    let honest_late = issue(&agent, &server, "stored-then-late");
    let on_time = take(&exam, &honest_late, wall_clock());
    let reply = post(&agent, &records, &on_time.to_canonical_json());
    assert_eq!(reply.status, 201, "{}", reply.body);
    server.kill();
    server = start_server(&dir);
    let records = server.url("/api/records");

    // The learner waits out the limit and the grace, then claims a fresh start a second ago
    // (a clock turned back, or edited times): the record's own times are within the limit,
    // and it is refused on the service's clock.
    let waited = Instant::now();
    let due = Duration::from_millis((LIMIT_MS as u64) + GRACE_MS + 300);
    let since_issue = Duration::from_millis((wall_clock() - issued_at.0).max(0) as u64);
    std::thread::sleep(due.saturating_sub(since_issue));
    let late = take(&exam, &issued, wall_clock() - 1_600);
    assert!(late.submitted_at.0 - late.started_at.0 < LIMIT_MS);
    let reply = post(&agent, &records, &late.to_canonical_json());
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reason_codes(&reply), vec!["time_limit_service_clock"]);
    let message = reply.json()["error"]["reasons"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains(&issued_at.to_rfc3339()) && message.contains("browser's clock"),
        "{message}"
    );
    let stored = get(
        &agent,
        &server.url(&format!("/api/records/{}", late.attempt_id)),
    );
    assert_eq!(stored.status, 404, "a late record is not stored");
    assert!(waited.elapsed() < Duration::from_secs(30));

    // The record stored in time is still acknowledged as a repeat after the limit.
    let again = post(&agent, &records, &on_time.to_canonical_json());
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["status"], "duplicate");
    assert!(
        again.json()["service_clock"]["elapsed_ms"]
            .as_i64()
            .unwrap()
            < LIMIT_MS
    );

    // Late and mismatched (another learner's seed): every reason is listed.
    let other = issue(&agent, &server, "other");
    let mut replayed = take(&exam, &other, wall_clock());
    replayed.attempt_id = issued["attempt_id"].as_str().unwrap().into();
    replayed.learner.id = "slow".into();
    let reply = post(&agent, &records, &replayed.to_canonical_json());
    assert_eq!(reply.status, 422, "{}", reply.body);
    let codes = reason_codes(&reply);
    assert!(
        codes.contains(&"seed".to_string())
            && codes.contains(&"time_limit_service_clock".to_string()),
        "{codes:?}"
    );
}
