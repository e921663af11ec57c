//! The record service under faults and bad input, over real HTTP on 127.0.0.1:
//! - a full database (SQLite's own "database or disk is full", from a page quota): 503
//!   `storage_full` with `Retry-After`, reads still served, nothing half-stored, and the same
//!   service stores the refused records once there is room (no restart);
//! - a record re-sent by another serializer (`17` for `17.0`) is a duplicate, not a conflict;
//! - bad input of every kind (oversized, 100,000 brackets, non-UTF-8, truncated, wrong content
//!   type, every wrong shape of every response in a valid record, undecodable paths) gets a
//!   4xx JSON error naming the place, never a 500, and the `certa serve` process is still
//!   alive and serving after all of them;
//! - the engine's JSON reader refuses runaway nesting with the path of the place.
//!
//! The SIGKILL and read-only cases run the host page's outbox in Chromium: www/tests/faults.mjs.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use certa::record::CompletionRecord;
use certa::server::sqlite::{SqliteStore, StoreOptions};
use serde_json::{json, Value};
use support::*;

fn error_of(reply: &Reply) -> (String, String) {
    let body = reply.json();
    (
        body["error"]["code"].as_str().unwrap_or("").to_string(),
        body["error"]["message"].as_str().unwrap_or("").to_string(),
    )
}

/// The database file holds whole records only: integrity, no orphaned or missing outcome rows,
/// and exactly `expected` attempt ids.
fn assert_whole(db: &std::path::Path, expected: &[String]) {
    let conn = rusqlite::Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    let one = |sql: &str| -> String {
        conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .unwrap()
    };
    assert_eq!(one("PRAGMA integrity_check"), "ok");
    assert_eq!(
        one("SELECT COUNT(*) FROM record_outcomes WHERE attempt_id NOT IN (SELECT attempt_id FROM records)"),
        "0"
    );
    assert_eq!(
        one("SELECT COUNT(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_outcomes o WHERE o.attempt_id = r.attempt_id)"),
        "0"
    );
    let mut ids: Vec<String> = conn
        .prepare("SELECT attempt_id FROM records ORDER BY attempt_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    ids.sort();
    let mut want = expected.to_vec();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn a_full_database_is_503_storage_full_stores_nothing_half_and_recovers_without_restart() {
    let dir = temp_dir("faults-full");
    let db = dir.join("certa.db");
    let store = Arc::new(SqliteStore::open_with(&db, StoreOptions::default()).unwrap());
    let empty_pages = store.page_count().unwrap();
    // Room for a few quiz records (about 2 pages each), then SQLite reports the disk full.
    store.set_max_pages(Some(empty_pages + 6)).unwrap();
    let server = TestServer::start_on_store(store.clone());
    let agent = agent();
    let url = server.url("/api/records");
    let quiz = load(QUIZ);
    let records: Vec<CompletionRecord> = (0..12).map(|n| quiz_record(&quiz, 700 + n)).collect();

    let mut stored = Vec::new();
    let mut refused = Vec::new();
    for record in &records {
        let reply = post(&agent, &url, &record.to_canonical_json());
        match reply.status {
            201 => stored.push(record.attempt_id.clone()),
            503 => {
                let (code, message) = error_of(&reply);
                assert_eq!(code, "storage_full", "{}", reply.body);
                assert!(message.contains("nothing was stored"), "{message}");
                refused.push(record);
            }
            other => panic!("{other}: {}", reply.body),
        }
    }
    assert!(!stored.is_empty(), "some records fit");
    assert!(
        refused.len() >= 4,
        "the quota was reached: {} refused",
        refused.len()
    );
    // The 503 carries Retry-After.
    let raw = raw_request(
        &server,
        "POST",
        "/api/records",
        "application/json",
        refused[0].to_canonical_json().as_bytes(),
    );
    assert!(raw.starts_with("HTTP/1.1 503"), "{raw}");
    assert!(raw.to_ascii_lowercase().contains("retry-after: 5"), "{raw}");
    // Issuing a secure attempt writes too (a small row: a few may still fit); refused the same way.
    let issue = (0..100)
        .map(|n| {
            post(
                &agent,
                &server.url("/api/attempts"),
                &json!({"package": EXAM_ID, "learner": {"id": format!("candidate-{n}")}})
                    .to_string(),
            )
        })
        .find(|reply| reply.status != 201)
        .expect("the quota stops issuing too");
    assert_eq!(issue.status, 503, "{}", issue.body);
    assert_eq!(error_of(&issue).0, "storage_full");
    // Reads are served meanwhile, and show only the whole records.
    let listing = get(&agent, &url);
    assert_eq!(listing.status, 200);
    assert_eq!(listing.json()["summary"]["count"], stored.len());
    assert_whole(&db, &stored);

    // Room again: the same service stores every refused record (no restart, nothing reset).
    store.set_max_pages(None).unwrap();
    for record in &refused {
        let reply = post(&agent, &url, &record.to_canonical_json());
        assert_eq!(reply.status, 201, "{}", reply.body);
        stored.push(record.attempt_id.clone());
    }
    assert_eq!(stored.len(), records.len());
    assert_eq!(
        get(&agent, &url).json()["summary"]["count"],
        records.len(),
        "each stored once"
    );
    assert_eq!(issue_ok(&agent, &server), 201);
    drop(server);
    assert_whole(&db, &stored);
}

fn issue_ok(agent: &ureq::Agent, server: &TestServer) -> u16 {
    post(
        agent,
        &server.url("/api/attempts"),
        &json!({"package": EXAM_ID, "learner": {"id": "candidate-full"}}).to_string(),
    )
    .status
}

/// How an engine before canonical answers (`score::canonical`) wrote a record: whole numbers in
/// responses kept the float spelling they came with (`8.0`).
fn as_an_older_engine_writes_it(record: &CompletionRecord) -> String {
    fn float(value: &mut Value) {
        match value {
            Value::Number(n) if !n.is_f64() => {
                if let Some(f) = n.as_f64().and_then(serde_json::Number::from_f64) {
                    *n = f;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(float),
            Value::Object(members) => members.values_mut().for_each(float),
            _ => {}
        }
    }
    let mut value: Value = serde_json::from_str(&record.to_canonical_json()).unwrap();
    if let Some(Value::Object(responses)) = value.get_mut("responses") {
        for entry in responses.values_mut() {
            if let Some(answer) = entry.get_mut("value") {
                float(answer);
            }
        }
    }
    value.to_string()
}

/// What `JSON.stringify` does to a record's numbers: whole numbers lose their `.0`.
fn as_a_browser_writes_it(record: &CompletionRecord) -> String {
    fn whole(value: &mut Value) {
        match value {
            Value::Number(n) if n.is_f64() => {
                let f = n.as_f64().unwrap_or(0.5);
                if f.fract() == 0.0 {
                    *n = serde_json::Number::from(f as i64);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(whole),
            Value::Object(members) => members.values_mut().for_each(whole),
            _ => {}
        }
    }
    let mut value: Value = serde_json::from_str(&record.to_canonical_json()).unwrap();
    whole(&mut value);
    value.to_string()
}

#[test]
fn a_record_re_sent_by_another_serializer_is_a_duplicate_not_a_conflict() {
    let dir = temp_dir("faults-serializers");
    let server = TestServer::start(&dir.join("certa.db"));
    let agent = agent();
    let url = server.url("/api/records");
    let quiz = load(QUIZ);
    // A record with a whole number in a response (a numeric item answered 8), as an engine
    // before canonical answers wrote it (`8.0`) and as a browser writes it (`8`).
    let record = (0..40)
        .map(|n| quiz_record(&quiz, 900 + n))
        .find(|r| as_an_older_engine_writes_it(r) != as_a_browser_writes_it(r))
        .expect("a record with a whole-number response");
    let native = as_an_older_engine_writes_it(&record);
    let browser = as_a_browser_writes_it(&record);
    assert_ne!(native, browser);
    assert_eq!(post(&agent, &url, &native).status, 201);
    let again = post(&agent, &url, &browser);
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["status"], "duplicate");
    // And the other way round.
    let other = (991..1040)
        .map(|n| quiz_record(&quiz, n))
        .find(|r| as_an_older_engine_writes_it(r) != as_a_browser_writes_it(r))
        .expect("a second record with a whole-number response");
    assert_eq!(
        post(&agent, &url, &as_a_browser_writes_it(&other)).status,
        201
    );
    assert_eq!(
        post(&agent, &url, &as_an_older_engine_writes_it(&other)).status,
        200
    );
    // A real difference is still a conflict.
    let mut changed: Value = serde_json::from_str(&native).unwrap();
    changed["duration_ms"] = json!(changed["duration_ms"].as_u64().unwrap() + 1);
    assert_eq!(post(&agent, &url, &changed.to_string()).status, 409);
}

/// `certa serve` as a child process (the debug binary cargo built for the tests).
struct Process {
    child: Child,
    addr: String,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Process {
    fn start(db: &std::path::Path) -> Process {
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
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("certa serve printed its URL").unwrap();
            if let Some(url) = line.strip_prefix("certa serve: http://") {
                break url.trim().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let (send, stderr) = std::sync::mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Process {
            child,
            addr,
            stderr,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One raw HTTP/1.1 request; the whole answer (status line, headers, body) as text.
fn raw_to(addr: &str, method: &str, path: &str, content_type: &str, body: &[u8]) -> String {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{}Content-Length: {}\r\n\r\n",
        if content_type.is_empty() {
            String::new()
        } else {
            format!("Content-Type: {content_type}\r\n")
        },
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn raw_request(
    server: &TestServer,
    method: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> String {
    raw_to(&server.addr.to_string(), method, path, content_type, body)
}

/// Status and JSON error of a raw answer; panics unless the body is the JSON error envelope.
fn status_and_error(answer: &str) -> (u16, String, String) {
    let status: u16 = answer
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {answer:.200}"));
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or("");
    let value: Value = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("{status}: not a JSON error ({e}): {body:.300}"));
    (
        status,
        value["error"]["code"].as_str().unwrap_or("").to_string(),
        value["error"]["message"].as_str().unwrap_or("").to_string(),
    )
}

/// Wrong shapes for a response value, each with its name.
fn wrong_values() -> Vec<(&'static str, Value)> {
    let deep = (0..40).fold(json!(1), |inner, _| json!([inner]));
    vec![
        ("null", Value::Null),
        ("false", json!(false)),
        ("zero", json!(0)),
        ("negative", json!(-7)),
        ("huge", json!(1.7e308)),
        ("fraction", json!(0.333)),
        ("empty string", json!("")),
        ("unknown choice", json!("zz-not-a-choice")),
        ("long string", json!("x".repeat(100_000))),
        ("control characters", json!("\u{0}\u{1b}[31m\u{7f}")),
        ("empty array", json!([])),
        ("array of numbers", json!([1, 2, 3])),
        ("array of nulls", json!([null, null])),
        ("array of arrays", json!([["a", "b"], ["c"]])),
        ("pairs of wrong types", json!([[1, true], [null, {}]])),
        ("empty object", json!({})),
        ("object of numbers", json!({"a": 1, "b": 2})),
        ("object of objects", json!({"gap": {"x": "y"}})),
        ("nested 40 deep", deep),
    ]
}

#[test]
fn bad_input_of_every_kind_is_a_4xx_json_error_and_the_process_keeps_serving() {
    let dir = temp_dir("faults-bad-input");
    let mut service = Process::start(&dir.join("certa.db"));
    let addr = service.addr.clone();
    let agent = agent();
    let quiz = load(QUIZ);
    let record = quiz_record(&quiz, 4242);
    let valid = record.to_canonical_json();
    let post_raw = |content_type: &str, body: &[u8]| {
        status_and_error(&raw_to(&addr, "POST", "/api/records", content_type, body))
    };
    let check = |what: &str, (status, code, message): (u16, String, String), want: u16| {
        assert_eq!(status, want, "{what}: {code}: {message}");
        assert!(!code.is_empty() && !message.is_empty(), "{what}");
    };

    // Size: over the 2 MiB limit.
    let big = format!("{{\"padding\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let (status, code, message) = post_raw("application/json", big.as_bytes());
    assert_eq!((status, code.as_str()), (413, "too_large"), "{message}");
    check("oversized", (status, code, message), 413);
    // Nesting: 100,000 brackets, and a record with one response nested 100,000 deep.
    let brackets = "[".repeat(100_000);
    let (status, code, message) = post_raw("application/json", brackets.as_bytes());
    assert_eq!(code, "too_deep", "{message}");
    check("100,000 [", (status, code, message), 400);
    let first_id = record.responses.keys().next().unwrap().clone();
    let deep_record = valid.replacen(
        &format!("\"{first_id}\":{{\"value\":"),
        &format!(
            "\"{first_id}\":{{\"value\":{}1{},\"x\":",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        1,
    );
    check(
        "a response nested 100,000 deep",
        post_raw("application/json", deep_record.as_bytes()),
        400,
    );
    // Encoding: bytes that are not UTF-8, inside an otherwise valid record too.
    check(
        "non-UTF-8",
        post_raw("application/json", b"\xff\xfe\x00{\"format\"}"),
        400,
    );
    let mut latin1 = valid.clone().into_bytes();
    let at = latin1.windows(6).position(|w| w == b"Learne").unwrap();
    latin1[at] = 0xE9;
    let (status, code, message) = post_raw("application/json", &latin1);
    assert!(message.contains(&format!("index {at}")), "{message}");
    check("a non-UTF-8 byte in a record", (status, code, message), 400);
    // Truncated at many places: the error names line and column.
    for cut in [1, 10, valid.len() / 3, valid.len() / 2, valid.len() - 1] {
        let (status, code, message) = post_raw("application/json", &valid.as_bytes()[..cut]);
        assert!(
            message.contains("line 1, column"),
            "cut at {cut}: {message}"
        );
        check(&format!("truncated at {cut}"), (status, code, message), 400);
    }
    // Content types.
    for content_type in [
        "",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
    ] {
        let (status, code, message) = post_raw(content_type, valid.as_bytes());
        assert_eq!(code, "unsupported_media_type", "{content_type}");
        check(content_type, (status, code, message), 415);
    }
    // Every odd value in every response of a valid record (each under its own attempt id).
    // A value of the wrong shape for the item's kind (the rules of `score::check_response`:
    // a number for a choice, an unknown id, a string for a list, ...) is refused with 422 and
    // a reason naming `responses.{item}`; a value of the right shape (null is "unanswered", an
    // empty list an empty selection) is another answer: stored, or refused for its score.
    let base: Value = serde_json::from_str(&valid).unwrap();
    let (mut wrong_shapes, mut other_answers) = (0, 0);
    for item_id in record.responses.keys() {
        let item = quiz.item(item_id).unwrap();
        for (k, (name, odd)) in wrong_values().into_iter().enumerate() {
            let wrong = certa::score::check_response(item, &odd.clone().into()).is_err();
            let mut body = base.clone();
            body["attempt_id"] = json!(format!("shape-{item_id}-{k}"));
            body["responses"][item_id]["value"] = odd;
            let reply = post(&agent, &service.url("/api/records"), &body.to_string());
            let what = format!(
                "{item_id} ({:?}) {name}: {} {}",
                item.interaction.kind(),
                reply.status,
                reply.body.chars().take(300).collect::<String>()
            );
            if wrong {
                wrong_shapes += 1;
                assert_eq!(reply.status, 422, "{what}");
                let reasons = reply.json()["error"]["reasons"].clone();
                let place = format!("responses.{item_id}: ");
                assert!(
                    reasons
                        .as_array()
                        .is_some_and(|rs| rs.iter().any(|r| r["code"] == "response"
                            && r["message"].as_str().unwrap_or("").starts_with(&place))),
                    "{what}"
                );
            } else {
                other_answers += 1;
                assert!([201, 422].contains(&reply.status), "{what}");
            }
        }
    }
    assert!(wrong_shapes >= 200, "{wrong_shapes} wrong shapes tried");
    eprintln!("{wrong_shapes} wrong-shaped responses refused, {other_answers} right-shaped others answered");
    // Wrong shapes around the responses: each a 400 naming the field.
    for (path, wrong, place) in [
        ("responses", json!([1, 2]), "responses"),
        ("responses", json!("all of them"), "responses"),
        ("seed", json!(1.5), "seed"),
        ("seed", json!(-1), "seed"),
        ("started_at", json!("yesterday"), "started_at"),
        ("duration_ms", json!(-5), "duration_ms"),
        ("form", json!({"item_id": "a"}), "form"),
        ("attempt_number", json!(1e100), "attempt_number"),
    ] {
        let mut body = base.clone();
        body[path] = wrong;
        let reply = post(&agent, &service.url("/api/records"), &body.to_string());
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
        assert!(error_of(&reply).1.starts_with(place), "{}", reply.body);
    }
    let mut missing = base.clone();
    missing["responses"][&first_id]
        .as_object_mut()
        .unwrap()
        .remove("answered_at");
    let reply = post(&agent, &service.url("/api/records"), &missing.to_string());
    assert_eq!(reply.status, 400);
    assert!(error_of(&reply).1.contains(&first_id), "{}", reply.body);
    // Paths and queries that do not decode.
    for path in [
        "/api/records/%FF%FE",
        "/api/records/%FF/xapi",
        "/api/records?limit=-1",
        "/api/records?limit=99999999999",
        "/api/packages/%C0%AF",
    ] {
        let (status, code, message) = status_and_error(&raw_to(&addr, "GET", path, "", b""));
        assert!(
            (400..500).contains(&status),
            "{path}: {status} {code} {message}"
        );
    }

    // After all of that: the same process, alive, serving, storing.
    assert!(service.alive(), "certa serve exited");
    assert_eq!(
        post(&agent, &service.url("/api/records"), &valid).status,
        201
    );
    let stored = get(
        &agent,
        &service.url("/api/records/00000000-0000-4000-8000-000000004242"),
    );
    assert_eq!(stored.status, 200);
    assert!(service.alive());
    let log: Vec<String> = service.stderr.try_iter().collect();
    assert!(
        !log.iter()
            .any(|l| l.contains("panicked") || l.contains("internal")),
        "{log:?}"
    );
}

#[test]
fn the_json_reader_refuses_runaway_nesting_with_the_path() {
    let quiz = load(QUIZ);
    let record = quiz_record(&quiz, 77);
    let id = record.responses.keys().next().unwrap().clone();
    let value: Value = serde_json::from_str(&record.to_canonical_json()).unwrap();
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let text = value.to_string().replacen(
        &format!("\"{id}\":{{"),
        &format!("\"{id}\":{{\"value\":{deep},\"x\":"),
        1,
    );
    let error = certa::model::json::from_str::<CompletionRecord>(&text).unwrap_err();
    assert!(
        error.path.starts_with(&format!("responses.{id}.value")),
        "{}",
        error.path
    );
    assert!(
        error.message.contains("recursion limit"),
        "{}",
        error.message
    );
    assert_eq!(error.line, 1);
}
