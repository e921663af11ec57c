//! The record service over real HTTP on 127.0.0.1: idempotent storage, the limits and error
//! bodies, verification refusals, concurrency, a crash mid-stream, the listing and its summary,
//! the gradebook CSV, the secure flow and static files.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};

use certa::record::CompletionRecord;
use serde_json::{json, Value};
use support::*;

fn error_code(reply: &Reply) -> String {
    reply.json()["error"]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn a_record_is_stored_once_and_a_repeat_returns_the_stored_result() {
    let dir = temp_dir("idempotent");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let record = quiz_record(&load(QUIZ), 1);
    let text = record.to_canonical_json();

    let first = post(&agent, &server.url("/api/records"), &text);
    assert_eq!(first.status, 201, "{}", first.body);
    assert!(first.content_type.starts_with("application/json"));
    let ack = first.json();
    assert_eq!(ack["status"], "stored");
    assert_eq!(ack["verified"], true);
    let claimed = record.result.as_ref().unwrap();
    assert_eq!(ack["result"]["scaled"].as_f64().unwrap(), claimed.scaled);
    assert_eq!(
        ack["result"]["credential"]["awarded"].as_bool().unwrap(),
        claimed.credential.awarded
    );

    // The same record again, and the same record pretty-printed: a duplicate, same answer.
    let again = post(&agent, &server.url("/api/records"), &text);
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["status"], "duplicate");
    assert_eq!(again.json()["result"], ack["result"]);
    assert_eq!(again.json()["stored_at"], ack["stored_at"]);
    let pretty = serde_json::to_string_pretty(&record).unwrap();
    assert_eq!(
        post(&agent, &server.url("/api/records"), &pretty).status,
        200
    );

    let stored = get(
        &agent,
        &server.url(&format!("/api/records/{}", record.attempt_id)),
    );
    assert_eq!(stored.status, 200);
    let stored: CompletionRecord = serde_json::from_str(&stored.body).unwrap();
    assert_eq!(stored, record);
    let listing = get(&agent, &server.url("/api/records")).json();
    assert_eq!(listing["summary"]["count"], 1);
}

#[test]
fn malformed_bodies_are_400_with_a_json_error() {
    let dir = temp_dir("malformed");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let url = server.url("/api/records");
    let record = quiz_record(&load(QUIZ), 2);
    let mut wrong_format = serde_json::to_value(&record).unwrap();
    wrong_format["format"] = json!("certa-record/9");
    let mut no_id = serde_json::to_value(&record).unwrap();
    no_id["attempt_id"] = json!("  ");
    let mut bad_seed = serde_json::to_value(&record).unwrap();
    bad_seed["seed"] = json!("minus one");
    for (body, why) in [
        ("not json".to_string(), "not JSON"),
        ("{}".to_string(), "empty object"),
        ("[1, 2, 3]".to_string(), "an array"),
        (record.to_canonical_json() + " trailing", "trailing text"),
        (wrong_format.to_string(), "unknown format tag"),
        (no_id.to_string(), "blank attempt id"),
        (bad_seed.to_string(), "seed not a number"),
    ] {
        let reply = post(&agent, &url, &body);
        assert_eq!(reply.status, 400, "{why}: {}", reply.body);
        let error = &reply.json()["error"];
        assert!(
            error["code"].is_string() && error["message"].is_string(),
            "{why}"
        );
    }
    // The path of the first problem is named.
    let reply = post(&agent, &url, &bad_seed.to_string());
    assert!(reply.json()["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("seed"));
    // Not JSON at all: 415.
    let plain = agent
        .post(&url)
        .header("Content-Type", "text/plain")
        .send(record.to_canonical_json())
        .unwrap();
    assert_eq!(plain.status().as_u16(), 415);
    // Nothing was stored.
    assert_eq!(get(&agent, &url).json()["summary"]["count"], 0);
}

/// Send a request with `declared` as Content-Length, write the first `send` bytes of `body`
/// only, then read the answer (a server that refuses early answers before the body is in).
fn raw_post(server: &TestServer, declared: usize, body: &[u8], chunked: bool) -> String {
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let length = if chunked {
        "Transfer-Encoding: chunked".to_string()
    } else {
        format!("Content-Length: {declared}")
    };
    write!(
        stream,
        "POST /api/records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{length}\r\n\r\n"
    )
    .unwrap();
    if chunked {
        // Chunks of 64 KiB until the server stops reading (it answers once over the limit).
        for chunk in body.chunks(64 * 1024) {
            let head = format!("{:x}\r\n", chunk.len());
            let ok = stream.write_all(head.as_bytes()).is_ok()
                && stream.write_all(chunk).is_ok()
                && stream.write_all(b"\r\n").is_ok();
            if !ok {
                break;
            }
        }
    } else {
        let _ = stream.write_all(body);
    }
    let mut answer = vec![0u8; 4096];
    let n = stream.read(&mut answer).unwrap_or(0);
    String::from_utf8_lossy(&answer[..n]).into_owned()
}

#[test]
fn a_body_over_the_limit_is_413() {
    let dir = temp_dir("too-large");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let mut record = serde_json::to_value(quiz_record(&load(QUIZ), 3)).unwrap();
    record["padding"] = json!("x".repeat(3 * 1024 * 1024));
    let body = record.to_string();
    // Declared too large: refused before the body is read.
    let answer = raw_post(&server, body.len(), &body.as_bytes()[..64 * 1024], false);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"too_large\""), "{answer}");
    // Streamed without a length: cut off at the limit while read.
    let answer = raw_post(&server, 0, &body.as_bytes()[..2200 * 1024], true);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"too_large\""), "{answer}");
    // Just under the limit is read (and then refused for what it is: not a record).
    let filler = format!("{{\"padding\": \"{}\"}}", "x".repeat(2 * 1024 * 1024 - 64));
    assert_eq!(
        post(&agent, &server.url("/api/records"), &filler).status,
        400
    );
}

#[test]
fn json_nested_deeper_than_64_is_400_before_parsing() {
    let dir = temp_dir("deep");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let reply = post(&agent, &server.url("/api/records"), &deep);
    assert_eq!(reply.status, 400);
    assert_eq!(error_code(&reply), "too_deep");
    // A response value nested 70 deep inside an otherwise valid record.
    let mut record = serde_json::to_value(quiz_record(&load(QUIZ), 4)).unwrap();
    let nested: Value = serde_json::from_str(&("[".repeat(70) + &"]".repeat(70))).unwrap();
    let first = record["responses"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    record["responses"][&first]["value"] = nested;
    let reply = post(&agent, &server.url("/api/records"), &record.to_string());
    assert_eq!(reply.status, 400);
    assert_eq!(error_code(&reply), "too_deep");
    // The server is still there.
    assert_eq!(get(&agent, &server.url("/api/records")).status, 200);
}

#[test]
fn a_tampered_record_is_422_with_the_reasons_and_not_stored() {
    let dir = temp_dir("tampered");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let url = server.url("/api/records");
    let quiz = load(QUIZ);

    // An edited score.
    let mut record = quiz_record(&quiz, 5);
    let result = record.result.as_mut().unwrap();
    result.scaled = 97.5;
    let reply = post(&agent, &url, &record.to_canonical_json());
    assert_eq!(reply.status, 422, "{}", reply.body);
    let error = &reply.json()["error"];
    assert_eq!(error["code"], "not_verified");
    let reasons = error["reasons"].as_array().unwrap();
    assert!(!reasons.is_empty());
    assert!(reasons.iter().any(|r| r["code"] == "score"), "{reasons:?}");
    assert!(reasons
        .iter()
        .all(|r| r["message"].as_str().is_some_and(|m| !m.is_empty())));

    // A form that is not the one the seed gives.
    let mut record = quiz_record(&quiz, 6);
    record.form.swap(0, 1);
    let reply = post(&agent, &url, &record.to_canonical_json());
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.json()["error"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "form"));

    // A package that is not registered.
    let mut record = quiz_record(&quiz, 7);
    record.package.version = "9.9.9".into();
    let reply = post(&agent, &url, &record.to_canonical_json());
    assert_eq!(reply.status, 422);
    assert_eq!(error_code(&reply), "unknown_package");

    for n in [5, 6, 7] {
        let id = quiz_record(&quiz, n).attempt_id;
        assert_eq!(
            get(&agent, &server.url(&format!("/api/records/{id}"))).status,
            404
        );
    }
    // The untampered record is still accepted afterwards.
    assert_eq!(
        post(&agent, &url, &quiz_record(&quiz, 5).to_canonical_json()).status,
        201
    );
}

#[test]
fn a_replayed_attempt_id_with_a_different_body_is_409() {
    let dir = temp_dir("replay");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let url = server.url("/api/records");
    let quiz = load(QUIZ);
    let original = quiz_record(&quiz, 8);
    assert_eq!(
        post(&agent, &url, &original.to_canonical_json()).status,
        201
    );
    // Another learner's genuine, verifiable record under the same attempt id.
    let mut other = quiz_record(&quiz, 9);
    other.attempt_id = original.attempt_id.clone();
    let reply = post(&agent, &url, &other.to_canonical_json());
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(error_code(&reply), "attempt_conflict");
    let stored = get(
        &agent,
        &server.url(&format!("/api/records/{}", original.attempt_id)),
    );
    assert_eq!(
        serde_json::from_str::<CompletionRecord>(&stored.body).unwrap(),
        original
    );
}

#[test]
fn fifty_concurrent_posts_of_distinct_records_are_each_stored_once() {
    let dir = temp_dir("concurrent");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let (quiz, exam) = (load(QUIZ), load(EXAM));
    let mut records: Vec<CompletionRecord> = (0..25).map(|n| quiz_record(&quiz, 100 + n)).collect();
    records.extend((0..25).map(|n| issued_exam_record(&agent, &server, &exam, 100 + n)));
    let barrier = Arc::new(Barrier::new(records.len()));
    let url = server.url("/api/records");
    let statuses: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = records
            .iter()
            .map(|record| {
                let (barrier, url, body) = (
                    Arc::clone(&barrier),
                    url.clone(),
                    record.to_canonical_json(),
                );
                scope.spawn(move || {
                    let agent = support::agent();
                    barrier.wait();
                    let reply = post(&agent, &url, &body);
                    (reply.status, reply.body)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // Every record is stored: the delivery copy gives the full package's form for every seed.
    let mut stored_ids = BTreeSet::new();
    for (record, (status, body)) in records.iter().zip(&statuses) {
        if record.mode == certa::session::Mode::Secure {
            assert!(
                delivery_form_agrees(&exam, record),
                "seed {:?}",
                record.seed
            );
        }
        assert_eq!(*status, 201, "{body}");
        stored_ids.insert(record.attempt_id.as_str());
    }
    assert_eq!(stored_ids.len(), records.len());
    let listing = get(&agent, &server.url("/api/records")).json();
    assert_eq!(listing["summary"]["count"], stored_ids.len());
    let ids: BTreeSet<&str> = listing["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["attempt_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, stored_ids);
    let exam_listing = get(
        &agent,
        &server.url(&format!("/api/records?package={EXAM_ID}")),
    )
    .json();
    assert_eq!(exam_listing["summary"]["count"], stored_ids.len() - 25);
}

#[test]
fn a_crash_mid_stream_loses_nothing_acknowledged_and_a_repost_stores_each_record_once() {
    let dir = temp_dir("crash");
    let db = dir.join("certa.db");
    let quiz = load(QUIZ);
    let records: Vec<String> = (0..120)
        .map(|n| quiz_record(&quiz, 500 + n).to_canonical_json())
        .collect();
    let ids: Vec<String> = (0..120)
        .map(|n| quiz_record(&quiz, 500 + n).attempt_id)
        .collect();

    let server = TestServer::start(&db);
    let url = server.url("/api/records");
    let acknowledged = Mutex::new(BTreeSet::new());
    let acks = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let kill_after = 30;
    std::thread::scope(|scope| {
        for _ in 0..6 {
            scope.spawn(|| {
                let agent = support::agent();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(body) = records.get(i) else { break };
                    match try_post(&agent, &url, body) {
                        Ok(reply) if reply.status == 201 || reply.status == 200 => {
                            acknowledged.lock().unwrap().insert(ids[i].clone());
                            acks.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(reply) => assert!(reply.status >= 500, "{}", reply.body),
                        Err(_) => {} // no answer: not acknowledged
                    }
                }
            });
        }
        while acks.load(Ordering::SeqCst) < kill_after {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        server.kill();
    });
    let acknowledged = acknowledged.into_inner().unwrap();
    assert!(acknowledged.len() >= kill_after);
    assert!(
        acknowledged.len() < records.len(),
        "the server was killed before every record was posted"
    );

    // Start again on the same database: everything acknowledged is there.
    let server = TestServer::start(&db);
    let agent = agent();
    for id in &acknowledged {
        let reply = get(&agent, &server.url(&format!("/api/records/{id}")));
        assert_eq!(reply.status, 200, "acknowledged record {id} was lost");
    }
    // The host re-posts its whole outbox: each is stored now or acknowledged as a duplicate.
    let mut statuses = BTreeMap::new();
    for (body, id) in records.iter().zip(&ids) {
        let status = post(&agent, &server.url("/api/records"), body).status;
        assert!(status == 201 || status == 200, "{id}: {status}");
        if acknowledged.contains(id) {
            assert_eq!(status, 200, "{id} was acknowledged before the crash");
        }
        *statuses.entry(status).or_insert(0) += 1;
    }
    let listing = get(&agent, &server.url("/api/records")).json();
    assert_eq!(listing["summary"]["count"], 120);
    let stored: BTreeSet<&str> = listing["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["attempt_id"].as_str().unwrap())
        .collect();
    assert_eq!(stored.len(), 120);
    eprintln!(
        "acknowledged before the crash: {}; after restart: {statuses:?}",
        acknowledged.len()
    );
}

/// Parse RFC 4180 CSV (quoted fields, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn the_gradebook_csv_has_one_quoted_formula_safe_row_per_attempt() {
    let dir = temp_dir("csv");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let quiz = load(QUIZ);
    let names = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "Lovelace, Ada \"Countess\"",
        "@SUM(A1:A9)",
    ];
    let mut records = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let mut record = quiz_record(&quiz, 20 + n as u64);
        record.learner.name = Some(name.to_string());
        if n == 2 {
            record.learner.id = "-1+1".into();
        }
        assert_eq!(
            post(
                &agent,
                &server.url("/api/records"),
                &record.to_canonical_json()
            )
            .status,
            201
        );
        records.push(record);
    }
    let reply = get(&agent, &server.url("/api/records.csv"));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "text/csv; charset=utf-8");
    assert!(reply.body.contains("\r\n"));
    let rows = parse_csv(&reply.body);
    assert_eq!(rows.len(), 4, "header and one row per attempt");
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    for (row, record) in rows[1..].iter().zip(&records) {
        assert_eq!(row[col("attempt_id")], record.attempt_id);
        let name = record.learner.name.as_deref().unwrap();
        let expected = if name.starts_with(['=', '@']) {
            format!("'{name}")
        } else {
            name.to_string()
        };
        assert_eq!(row[col("learner_name")], expected);
        let result = record.result.as_ref().unwrap();
        assert_eq!(row[col("scaled")].parse::<f64>().unwrap(), result.scaled);
        assert_eq!(
            row[col("credential_awarded")],
            result.credential.awarded.to_string()
        );
    }
    assert_eq!(rows[3][col("learner_id")], "'-1+1");
    // No cell that a spreadsheet would run as a formula.
    for row in &rows[1..] {
        for cell in row {
            let numeric = cell.parse::<f64>().is_ok();
            assert!(numeric || !cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
    // Filtered by package: the exam has none.
    let exam = get(
        &agent,
        &server.url(&format!("/api/records.csv?package={EXAM_ID}")),
    );
    assert_eq!(parse_csv(&exam.body).len(), 1);
}

#[test]
fn the_listing_summarizes_outcomes_and_pass_rate() {
    let dir = temp_dir("summary");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let quiz = load(QUIZ);
    let records: Vec<CompletionRecord> = (0..18).map(|n| quiz_record(&quiz, 40 + n)).collect();
    for record in &records {
        assert_eq!(
            post(
                &agent,
                &server.url("/api/records"),
                &record.to_canonical_json()
            )
            .status,
            201
        );
    }
    let listing = get(
        &agent,
        &server.url("/api/records?package=web-a11y-foundations-quiz&version=1.0.0"),
    )
    .json();
    let summary = &listing["summary"];
    let results: Vec<_> = records.iter().map(|r| r.result.as_ref().unwrap()).collect();
    let n = results.len() as f64;
    assert_eq!(summary["count"], 18);
    let passed = results
        .iter()
        .filter(|r| r.decision == certa::score::Decision::Pass)
        .count();
    assert_eq!(summary["passed"], passed);
    let close = |a: &Value, b: f64| (a.as_f64().unwrap() - b).abs() < 1e-9;
    assert!(close(&summary["pass_rate"], passed as f64 / n));
    assert!(close(
        &summary["mean_scaled"],
        results.iter().map(|r| r.scaled).sum::<f64>() / n
    ));
    let outcomes = summary["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), quiz.outcomes.len());
    for (row, outcome) in outcomes.iter().zip(&quiz.outcomes) {
        assert_eq!(row["outcome"], outcome.id.as_str(), "package order");
        let scores: Vec<_> = results
            .iter()
            .flat_map(|r| r.outcomes.iter().filter(|o| o.outcome == outcome.id))
            .collect();
        assert_eq!(row["count"], scores.len());
        let mastered = scores.iter().filter(|o| o.mastered).count() as f64;
        assert!(close(
            &row["mastered_share"],
            mastered / scores.len() as f64
        ));
        let mean = scores.iter().map(|o| o.score).sum::<f64>() / scores.len() as f64;
        assert!(close(&row["mean_score"], mean));
    }
    // Some learners mastered some outcomes and not others: the test data is not degenerate.
    assert!(outcomes.iter().any(|o| {
        let share = o["mastered_share"].as_f64().unwrap();
        share > 0.0 && share < 1.0
    }));
    // Paging: rows are limited, the summary still covers everything.
    let page = get(&agent, &server.url("/api/records?limit=5&offset=15")).json();
    assert_eq!(page["records"].as_array().unwrap().len(), 3);
    assert_eq!(page["summary"]["count"], 18);
    assert_eq!(
        page["records"][0]["attempt_id"],
        records[15].attempt_id.as_str()
    );
    let bad = get(&agent, &server.url("/api/records?limit=many"));
    assert_eq!(bad.status, 400);
}

#[test]
fn a_secure_attempt_is_issued_then_scored_by_the_service() {
    let dir = temp_dir("secure");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let exam = load(EXAM);
    let url = server.url("/api/records");

    let (learner, issued, record) = (0..20)
        .find_map(|k| {
            let learner = format!("candidate-7-{k}");
            let issued = post(
                &agent,
                &server.url("/api/attempts"),
                &json!({"package": EXAM_ID, "learner": {"id": learner, "name": "Grace"}})
                    .to_string(),
            );
            assert_eq!(issued.status, 201, "{}", issued.body);
            let issued = issued.json();
            let record = exam_record(&exam, &issued, 7);
            delivery_form_agrees(&exam, &record).then_some((learner, issued, record))
        })
        .unwrap();
    assert_eq!(issued["attempt_number"], 1);
    assert_eq!(issued["mode"], "secure");
    assert_eq!(issued["package"]["version"], "2026.2");
    assert_eq!(issued["attempt_id"].as_str().unwrap().len(), 36);
    assert!(issued["seed"].as_str().unwrap().parse::<u64>().is_ok());

    assert!(
        record.result.is_none(),
        "the browser does not score secure attempts"
    );

    // Tampered copies of it are refused with the reason.
    let mut wrong_seed = record.clone();
    wrong_seed.seed = certa::assemble::Seed(record.seed.0 ^ 1);
    let reply = post(&agent, &url, &wrong_seed.to_canonical_json());
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.json()["error"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "seed"));
    let mut other_learner = record.clone();
    other_learner.learner.id = "someone-else".into();
    let reply = post(&agent, &url, &other_learner.to_canonical_json());
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("\"learner\""));

    let reply = post(&agent, &url, &record.to_canonical_json());
    assert_eq!(reply.status, 201, "{}", reply.body);
    let ack = reply.json();
    let result = &ack["result"];
    assert!(result["scaled"].as_f64().unwrap() >= 100.0);
    assert!(["pass", "fail"].contains(&result["decision"].as_str().unwrap()));
    assert_eq!(result["credential"]["kind"], "certification");
    assert_eq!(
        result["outcomes"].as_array().unwrap().len(),
        exam.outcomes.len()
    );
    let stored: CompletionRecord = serde_json::from_str(
        &get(
            &agent,
            &server.url(&format!("/api/records/{}", record.attempt_id)),
        )
        .body,
    )
    .unwrap();
    assert!(stored.result.is_some());
    assert_eq!(stored.learner.name.as_deref(), Some("Grace"));

    // A secure record the service never issued is refused; so is a practice record on it.
    let mut forged = record.clone();
    forged.attempt_id = "00000000-0000-4000-8000-00000000beef".into();
    let reply = post(&agent, &url, &forged.to_canonical_json());
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("attempt_not_issued"));

    // The second attempt avoids the items of the first: the service says which, and a record
    // assembled without them is refused.
    let issue = || {
        post(
            &agent,
            &server.url("/api/attempts"),
            &json!({"package": EXAM_ID, "learner": {"id": learner}}).to_string(),
        )
    };
    let second = issue().json();
    assert_eq!(second["attempt_number"], 2);
    let seen: BTreeSet<&str> = second["context"]["seen_item_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let first_form: BTreeSet<&str> = record.form.iter().map(|f| f.item_id.as_str()).collect();
    assert_eq!(seen, first_form);
    assert_eq!(second["start"]["seenItemIds"].as_array().unwrap().len(), 60);
    let retake = exam_record(&exam, &second, 8);
    assert!(retake
        .form
        .iter()
        .all(|f| !first_form.contains(f.item_id.as_str())));
    let mut no_context = second.clone();
    no_context["context"] = json!({});
    let careless = exam_record(&exam, &no_context, 8);
    let reply = post(&agent, &url, &careless.to_canonical_json());
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("assembly_context"));
    let reply = post(&agent, &url, &retake.to_canonical_json());
    assert!(delivery_form_agrees(&exam, &retake));
    assert_eq!(reply.status, 201, "{}", reply.body);

    // The package allows 3 attempts: the 3rd is numbered, the 4th is refused.
    assert_eq!(issue().json()["attempt_number"], 3);
    let fourth = issue();
    assert_eq!(fourth.status, 409);
    assert_eq!(error_code(&fourth), "attempts_exhausted");
    let unknown = post(
        &agent,
        &server.url("/api/attempts"),
        &json!({"package": "nope", "learner": {"id": "x"}}).to_string(),
    );
    assert_eq!(unknown.status, 404);
}

/// A raw HTTP/1.1 GET, so the path reaches the server exactly as written.
fn raw_get(server: &TestServer, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn static_files_have_their_types_and_nothing_else_is_reachable() {
    let dir = temp_dir("static");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let page = get(&agent, &server.url("/www/index.html"));
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    let script = get(&agent, &server.url("/www/host/host.js"));
    assert_eq!(script.content_type, "text/javascript; charset=utf-8");
    for path in [
        "/www/../Cargo.toml",
        "/www/%2e%2e/Cargo.toml",
        "/www/..%2f..%2fCargo.toml",
        "/pkg/%2e%2e/%2e%2e/etc/passwd",
        "/Cargo.toml",
        "/examples/certification-exam.json",
        "/www/.gitignore",
        "/src/lib.rs",
    ] {
        let response = raw_get(&server, path);
        let status_line = response.lines().next().unwrap_or("");
        assert!(!status_line.contains(" 200 "), "{path}: {status_line}");
        assert!(
            !response.contains("[package]") && !response.contains("\"key\":"),
            "{path}"
        );
    }
    let quiz = get(
        &agent,
        &server.url("/api/packages/web-a11y-foundations-quiz"),
    );
    assert_eq!(quiz.status, 200);
    let served = certa::model::Package::load(&quiz.body).unwrap();
    assert_eq!(
        certa::record::content_hash(&served),
        certa::record::content_hash(&load(QUIZ))
    );
    // The secure exam is served only as its key-stripped delivery copy.
    let exam = get(&agent, &server.url(&format!("/api/packages/{EXAM_ID}")));
    assert_eq!(exam.status, 200);
    let copy = certa::model::Package::load(&exam.body).unwrap();
    assert!(copy.keys_stripped());
    assert_eq!(
        copy.published.as_ref().unwrap().source_hash,
        certa::record::content_hash(&load(EXAM))
    );
    let keyed = |body: &str| {
        let doc: Value = serde_json::from_str(body).unwrap();
        doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| match &item["interaction"]["key"] {
                Value::String(s) => !s.is_empty(),
                Value::Array(a) => !a.is_empty(),
                Value::Object(o) => !o.is_empty(),
                // A true/false key reads `false` on every item of the copy.
                Value::Bool(b) => *b,
                Value::Null => false,
                _ => true,
            })
            .count()
    };
    assert!(keyed(&std::fs::read_to_string(EXAM).unwrap()) > 100);
    assert_eq!(keyed(&exam.body), 0);
    let listing = get(&agent, &server.url("/api/packages")).json();
    assert_eq!(listing["packages"].as_array().unwrap().len(), 2);
    assert_eq!(get(&agent, &server.url("/api/packages/nope")).status, 404);
    // Unknown API routes and methods: JSON errors.
    let missing = get(&agent, &server.url("/api/nothing"));
    assert_eq!(missing.status, 404);
    assert_eq!(error_code(&missing), "not_found");
    let wrong_method = agent.delete(server.url("/api/records")).call().unwrap();
    assert_eq!(wrong_method.status().as_u16(), 405);
}

#[test]
fn a_stored_record_exports_to_xapi_scorm_and_lti() {
    let dir = temp_dir("exports");
    let server = TestServer::start_with(&dir.join("certa.db"), |c| {
        c.public_url = Some("https://lms.example.org/certa/".into());
    });
    let agent = agent();
    let record = quiz_record(&load(QUIZ), 60);
    assert_eq!(
        post(
            &agent,
            &server.url("/api/records"),
            &record.to_canonical_json()
        )
        .status,
        201
    );
    let base = format!("/api/records/{}", record.attempt_id);

    let xapi = get(&agent, &server.url(&format!("{base}/xapi")));
    assert_eq!(xapi.status, 200, "{}", xapi.body);
    let statements = xapi.json();
    let statements = statements.as_array().unwrap();
    assert!(statements.len() > record.form.len());
    assert!(statements[0]["verb"]["id"]
        .as_str()
        .unwrap()
        .ends_with("/attempted"));
    assert!(statements[0]["object"]["id"]
        .as_str()
        .unwrap()
        .starts_with("https://lms.example.org/certa/xapi/packages/"));
    assert_eq!(
        statements[0]["actor"]["account"]["homePage"],
        "https://lms.example.org/certa"
    );

    let scorm = get(&agent, &server.url(&format!("{base}/scorm")));
    assert_eq!(scorm.status, 200, "{}", scorm.body);
    let scorm = scorm.json();
    assert_eq!(scorm["version"], "2004");
    assert_eq!(
        scorm["pairs"][0],
        json!(["cmi.completion_status", "completed"])
    );
    let scorm12 = get(&agent, &server.url(&format!("{base}/scorm?version=1.2"))).json();
    assert_eq!(scorm12["version"], "1.2");
    assert!(scorm12["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p[0] == "cmi.core.lesson_status"));
    assert_eq!(
        get(&agent, &server.url(&format!("{base}/scorm?version=3"))).status,
        400
    );

    let lti = get(&agent, &server.url(&format!("{base}/lti-score")));
    assert_eq!(lti.status, 200, "{}", lti.body);
    assert_eq!(lti.content_type, "application/vnd.ims.lis.v1.score+json");
    let lti = lti.json();
    let result = record.result.as_ref().unwrap();
    assert_eq!(lti["userId"], record.learner.id.as_str());
    assert_eq!(lti["scoreMaximum"].as_f64().unwrap(), result.max_raw);
    assert!(lti["scoreGiven"].as_f64().unwrap() <= result.max_raw);

    for export in ["xapi", "scorm", "lti-score", "badge"] {
        let missing = get(
            &agent,
            &server.url(&format!(
                "/api/records/00000000-0000-4000-8000-00000000dead/{export}"
            )),
        );
        assert_eq!(missing.status, 404, "{export}");
        assert_eq!(error_code(&missing), "unknown_record");
    }
}

#[test]
fn an_awarded_attempt_gets_a_signed_badge_and_an_unawarded_one_a_reason() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use ed25519_dalek::pkcs8::EncodePrivateKey;
    use ed25519_dalek::{Signature, SigningKey, Verifier, VerifyingKey};

    let dir = temp_dir("badge");
    let key = SigningKey::from_bytes(&[42u8; 32]);
    let key_file = dir.join("issuer.pem");
    std::fs::write(
        &key_file,
        key.to_pkcs8_pem(Default::default()).unwrap().as_bytes(),
    )
    .unwrap();
    let server = TestServer::start_with(&dir.join("certa.db"), |c| {
        c.signing_key = Some(key_file.clone());
        c.public_url = Some("https://certs.example.org".into());
        c.issuer_name = "Example Certification Board".into();
    });
    let agent = agent();
    let exam = load(EXAM);
    let url = server.url("/api/records");

    // A strong candidate (theta 2) passes the certification; a weak one (theta -2) does not.
    let strong = agreeing_exam_record(&agent, &server, &exam, 6);
    let weak = agreeing_exam_record(&agent, &server, &exam, 0);
    let strong_ack = post(&agent, &url, &strong.to_canonical_json()).json();
    assert_eq!(
        strong_ack["result"]["credential"]["awarded"], true,
        "{strong_ack}"
    );
    let weak_ack = post(&agent, &url, &weak.to_canonical_json()).json();
    assert_eq!(
        weak_ack["result"]["credential"]["awarded"], false,
        "{weak_ack}"
    );

    let reply = get(
        &agent,
        &server.url(strong_ack["links"]["badge"].as_str().unwrap()),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let badge = reply.json();
    let credential = &badge["credential"];
    assert_eq!(
        credential["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(
        credential["issuer"]["id"],
        "https://certs.example.org/issuer"
    );
    assert_eq!(credential["issuer"]["name"], "Example Certification Board");
    assert!(
        credential["validUntil"].is_string(),
        "a certification expires"
    );
    assert_eq!(badge["proof"]["format"], "vc+jwt");

    // The JWT verifies with the published key and carries the credential itself.
    let jwks = get(&agent, &server.url("/.well-known/jwks.json")).json();
    let jwk = &jwks["keys"][0];
    assert_eq!(jwk["kid"], badge["proof"]["kid"]);
    let public: [u8; 32] = URL_SAFE_NO_PAD
        .decode(jwk["x"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let public = VerifyingKey::from_bytes(&public).unwrap();
    assert_eq!(public, key.verifying_key());
    let jwt = badge["jwt"].as_str().unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
    assert!(public
        .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
        .is_ok());
    let payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(&payload, credential);
    // The bare JWT on request.
    let bare = agent
        .get(server.url(strong_ack["links"]["badge"].as_str().unwrap()))
        .header("Accept", "application/vc+jwt")
        .call()
        .unwrap();
    assert_eq!(
        bare.headers()
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap(),
        "application/vc+jwt"
    );

    let refused = get(
        &agent,
        &server.url(weak_ack["links"]["badge"].as_str().unwrap()),
    );
    assert_eq!(refused.status, 409);
    assert_eq!(error_code(&refused), "not_awarded");
    assert!(!refused.json()["error"]["reasons"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn without_a_signing_key_the_badge_is_unsigned_and_there_is_no_key_set() {
    let dir = temp_dir("unsigned");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let record = agreeing_exam_record(&agent, &server, &load(EXAM), 6);
    let ack = post(
        &agent,
        &server.url("/api/records"),
        &record.to_canonical_json(),
    )
    .json();
    assert_eq!(ack["result"]["credential"]["awarded"], true, "{ack}");
    let badge = get(&agent, &server.url(ack["links"]["badge"].as_str().unwrap())).json();
    assert!(badge["credential"]["type"].is_array());
    assert!(badge.get("jwt").is_none());
    assert_eq!(
        get(&agent, &server.url("/.well-known/jwks.json")).status,
        404
    );
}
