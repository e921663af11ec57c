//! Shared by the record service's tests and its load benchmark: a `certa serve` running
//! in-process on 127.0.0.1 (port 0, its own tokio runtime, so it can be killed abruptly), a
//! small HTTP client, and realistic records from simulated learners on the two examples.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use certa::assemble::{AssemblyContext, Seed};
use certa::model::Package;
use certa::publish::secure_delivery_package;
use certa::record::CompletionRecord;
use certa::server::{self, ServeConfig};
use certa::session::{Learner, Mode, Session, SessionStart};
use certa::synthetic::{simulate_attempt, simulate_responses, SimulatedAttempt};
use certa::timestamp::Timestamp;
use serde_json::Value;

pub const QUIZ: &str = "examples/certificate-quiz.json";
pub const EXAM: &str = "examples/certification-exam.json";
pub const EXAM_ID: &str = "nop-certification-exam";

/// A fresh directory under the system temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "certa-{name}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running service.
pub struct TestServer {
    pub addr: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
}

impl TestServer {
    /// Start on 127.0.0.1:0 with the examples, this database, the repository as the static root.
    pub fn start(db: &Path) -> TestServer {
        TestServer::start_with(db, |_| {})
    }

    pub fn start_with(db: &Path, tweak: impl FnOnce(&mut ServeConfig)) -> TestServer {
        let mut config = ServeConfig::new("examples".into(), db.to_path_buf());
        config.addr = "127.0.0.1:0".parse().unwrap();
        config.www_root = Some(".".into());
        tweak(&mut config);
        let (state, _notes) = server::open(&config).unwrap();
        TestServer::serve(&config, state)
    }

    /// Start on a store the test keeps a handle on (to fill it, lift its quota, ...).
    pub fn start_on_store(store: Arc<dyn certa::server::store::RecordStore>) -> TestServer {
        let mut config = ServeConfig::new("examples".into(), PathBuf::new());
        config.addr = "127.0.0.1:0".parse().unwrap();
        let (state, _notes) = server::open_with_store(&config, store).unwrap();
        TestServer::serve(&config, state)
    }

    fn serve(config: &ServeConfig, state: server::AppState) -> TestServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(config.addr))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        runtime.spawn(server::serve(listener, state, std::future::pending()));
        TestServer {
            addr,
            runtime: Some(runtime),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Stop at once, as a crash would: every task is dropped mid-flight, connections close.
    pub fn kill(mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// An HTTP client that reports every status instead of failing on 4xx/5xx.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// A response: status and body text.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn reply(mut response: ureq::http::Response<ureq::Body>) -> Reply {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .unwrap_or_default();
    Reply {
        status,
        content_type,
        body,
    }
}

/// POST a JSON body; `Err` when no response came (connection refused or reset).
pub fn try_post(agent: &ureq::Agent, url: &str, body: &str) -> Result<Reply, ureq::Error> {
    agent
        .post(url)
        .header("Content-Type", "application/json")
        .send(body)
        .map(reply)
}

pub fn post(agent: &ureq::Agent, url: &str, body: &str) -> Reply {
    try_post(agent, url, body).unwrap_or_else(|e| panic!("POST {url}: {e}"))
}

pub fn get(agent: &ureq::Agent, url: &str) -> Reply {
    agent
        .get(url)
        .call()
        .map(reply)
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

pub fn load(path: &str) -> Arc<Package> {
    Arc::new(Package::load(&std::fs::read_to_string(path).unwrap()).unwrap())
}

/// A practice record on the quiz by learner `n` (distinct attempt id, learner and seed).
pub fn quiz_record(quiz: &Arc<Package>, n: u64) -> CompletionRecord {
    simulate_attempt(
        Arc::clone(quiz),
        &SimulatedAttempt {
            attempt_id: format!("00000000-0000-4000-8000-{n:012}"),
            learner: Learner {
                id: format!("learner-{n:04}"),
                name: Some(format!("Learner {n}")),
                email: None,
            },
            seed: Seed(1000 + n),
            mode: Mode::Practice,
            attempt_number: 1,
            theta: ((n % 9) as f64 - 4.0) / 2.0,
            started_at: Timestamp(1_795_338_000_000 + n as i64 * 60_000),
            seconds_per_item: 20,
        },
    )
    .unwrap()
}

/// True when the form a browser assembles on the key-stripped delivery copy equals the one the
/// full package gives for the record's seed and context, which verification re-derives.
/// Always true since choice orders never depend on the key (`assemble::choices`); the tests
/// assert it for every issued seed, so a key-dependent draw would show up here.
pub fn delivery_form_agrees(package: &Package, record: &CompletionRecord) -> bool {
    certa::assemble::assemble_form(package, record.seed, &record.assembly_context)
        .is_ok_and(|form| form.items == record.form)
}

/// Ask the service for a secure attempt on the exam and take it as learner `n` would: the
/// record as the browser posts it (no result).
pub fn issued_exam_record(
    agent: &ureq::Agent,
    server: &TestServer,
    exam: &Arc<Package>,
    n: u64,
) -> CompletionRecord {
    let issued = post(
        agent,
        &server.url("/api/attempts"),
        &serde_json::json!({"package": EXAM_ID, "learner": {"id": format!("candidate-{n:04}")}})
            .to_string(),
    );
    assert_eq!(issued.status, 201, "{}", issued.body);
    let issued = issued.json();
    exam_record(exam, &issued, n)
}

/// The key-stripped delivery copy of a package, made once per package id.
fn delivery_copy(package: &Arc<Package>) -> Arc<Package> {
    static COPIES: std::sync::Mutex<Vec<(String, Arc<Package>)>> =
        std::sync::Mutex::new(Vec::new());
    let mut copies = COPIES.lock().unwrap();
    if let Some((_, copy)) = copies.iter().find(|(id, _)| *id == package.id) {
        return Arc::clone(copy);
    }
    let copy = Arc::new(secure_delivery_package(package));
    copies.push((package.id.clone(), Arc::clone(&copy)));
    copy
}

/// An issued exam attempt by a fresh learner whose delivery-copy form agrees (always, now)
/// (see [`delivery_form_agrees`]), as the browser posts it.
pub fn agreeing_exam_record(
    agent: &ureq::Agent,
    server: &TestServer,
    exam: &Arc<Package>,
    n: u64,
) -> CompletionRecord {
    for k in 0..50 {
        let issued = post(
            agent,
            &server.url("/api/attempts"),
            &serde_json::json!({"package": EXAM_ID, "learner": {"id": format!("candidate-{n}-{k}")}})
                .to_string(),
        );
        assert_eq!(issued.status, 201, "{}", issued.body);
        let record = exam_record(exam, &issued.json(), n);
        if delivery_form_agrees(exam, &record) {
            return record;
        }
    }
    panic!("no agreeing form in 50 issued attempts");
}

/// The secure record of an issued attempt (`issued` is the answer of POST /api/attempts),
/// taken as the browser does: on the key-stripped delivery copy, with the issued seed, id,
/// number and assembly context.
pub fn exam_record(exam: &Arc<Package>, issued: &Value, n: u64) -> CompletionRecord {
    let context: AssemblyContext =
        serde_json::from_value(issued.get("context").cloned().unwrap_or(Value::Null))
            .unwrap_or_default();
    let started_at = Timestamp(1_795_338_000_000 + n as i64 * 60_000);
    let mut session = Session::start(
        delivery_copy(exam),
        SessionStart {
            attempt_id: issued["attempt_id"].as_str().unwrap().to_string(),
            learner: serde_json::from_value(issued["learner"].clone()).unwrap(),
            seed: issued["seed"].as_str().unwrap().parse().unwrap(),
            now: started_at,
            attempt_number: issued["attempt_number"].as_u64().unwrap() as u32,
            mode: Mode::Secure,
            context,
        },
    )
    .unwrap();
    let ids: Vec<String> = session
        .form()
        .items
        .iter()
        .map(|i| i.item_id.clone())
        .collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let theta = ((n % 7) as f64 - 3.0) / 1.5;
    let responses = simulate_responses(exam, &refs, theta, session.form().seed.0);
    let mut now = started_at;
    for (index, id) in ids.iter().enumerate() {
        now = Timestamp(now.0 + 30_000);
        if let Some(value) = responses.get(id) {
            session.answer(id, value.clone(), now).unwrap();
        }
        if index + 1 < ids.len() {
            session.go_next().unwrap();
        }
    }
    certa::record::submit(&mut session, Timestamp(now.0 + 15_000)).unwrap()
}
