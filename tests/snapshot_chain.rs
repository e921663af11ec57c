//! The snapshot's integrity chain on the two example packages: an honest snapshot resumes to
//! the same state and the same record, every hand edit of a field that matters is refused
//! with `SnapshotTampered` naming the place, an unchained (older) snapshot is refused with
//! `SnapshotUnversioned`, and a forger who recomputes the unkeyed chain gets past the browser
//! (the backend is the authority; see tests/server.rs).

use std::collections::BTreeMap;
use std::sync::Arc;

use certa::assemble::{AssemblyContext, Seed};
use certa::model::Package;
use certa::publish::secure_delivery_package;
use certa::record;
use certa::session::chain::{genesis, link, to_hex};
use certa::session::{
    Learner, LogEntry, Mode, Session, SessionError, SessionEvent, SessionSnapshot, SessionStart,
    SNAPSHOT_FORMAT,
};
use certa::synthetic::responses::simulate_responses;
use certa::timestamp::Timestamp;
use serde_json::{json, Value};

const T0: i64 = 1_795_371_255_000;

fn quiz() -> Arc<Package> {
    let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
    Arc::new(Package::load(&text).unwrap())
}

fn exam() -> Package {
    let text = std::fs::read_to_string("examples/certification-exam.json").unwrap();
    Package::load(&text).unwrap()
}

fn quiz_responses() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string("examples/responses/certificate-quiz-seed8.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

fn start(package: Arc<Package>, seed: u64, mode: Mode) -> Session {
    Session::start(
        package,
        SessionStart {
            attempt_id: "6f1c2d3e-4b5a-4c69-8d7e-0a1b2c3d4e5f".into(),
            learner: Learner {
                id: "learner-0042".into(),
                name: Some("Ada Learner".into()),
                email: None,
            },
            seed: Seed(seed),
            now: Timestamp(T0),
            attempt_number: 1,
            mode,
            context: AssemblyContext::default(),
        },
    )
    .unwrap()
}

/// Half the quiz answered with the real responses, one answer changed, one cleared, two
/// flags (one removed), moves back and forth: 19 logged changes.
fn quiz_in_progress() -> Session {
    let mut s = start(quiz(), 8, Mode::Practice);
    let responses = quiz_responses();
    let ids: Vec<String> = s.form().item_ids().iter().map(|s| s.to_string()).collect();
    let mut t = T0;
    for (i, id) in ids.iter().enumerate().take(ids.len() / 2) {
        t += 9_000;
        s.go_to(i).unwrap();
        s.answer(id, responses[id].clone(), Timestamp(t)).unwrap();
    }
    s.answer(&ids[1], json!("a"), Timestamp(t + 1_000)).unwrap();
    s.answer(&ids[2], Value::Null, Timestamp(t + 2_000))
        .unwrap();
    s.flag(&ids[3], true).unwrap();
    s.flag(&ids[4], true).unwrap();
    s.flag(&ids[4], false).unwrap();
    s.go_to(2).unwrap();
    s
}

fn json_of(s: &Session) -> Value {
    serde_json::to_value(s.snapshot()).unwrap()
}

fn resume(package: Arc<Package>, snapshot: &Value) -> Result<Session, SessionError> {
    Session::resume_json(package, &snapshot.to_string())
}

/// The place a `SnapshotTampered` names, or a panic with what came instead.
fn tampered_place(result: Result<Session, SessionError>) -> String {
    match result {
        Err(SessionError::SnapshotTampered { place, .. }) => place,
        Err(other) => format!("not snapshot_tampered: {other:?}"),
        Ok(_) => "resumed".into(),
    }
}

/// The index of the first log entry that is an answer.
fn first_answer(snapshot: &Value) -> usize {
    snapshot["log"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["event"]["kind"] == "answer")
        .unwrap()
}

#[test]
fn an_honest_snapshot_resumes_to_the_same_state_bytes_and_record() {
    let s = quiz_in_progress();
    let text = serde_json::to_string(&s.snapshot()).unwrap();
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(snapshot["format"], SNAPSHOT_FORMAT);
    let log = snapshot["log"].as_array().unwrap();
    assert_eq!(log.len(), 20, "the start and 19 changes");
    assert_eq!(log[0]["event"], json!({"kind": "start", "at": T0}));
    assert!(log.iter().all(|e| e["chain"].as_str().unwrap().len() == 64));

    let mut resumed = Session::resume_json(quiz(), &text).unwrap();
    assert_eq!(resumed.state(), s.state());
    assert_eq!(resumed.chain_head(), s.chain_head());
    assert_eq!(
        serde_json::to_string(&resumed.snapshot()).unwrap(),
        text,
        "resume then snapshot gives the same bytes"
    );
    // Carrying on from the resumed copy gives the very record the original gives.
    let mut original = s.clone();
    for session in [&mut resumed, &mut original] {
        session
            .answer("a11y-19", json!(true), Timestamp(T0 + 400_000))
            .unwrap();
    }
    let a = record::submit(&mut resumed, Timestamp(T0 + 500_000)).unwrap();
    let b = record::submit(&mut original, Timestamp(T0 + 500_000)).unwrap();
    assert_eq!(a.to_canonical_json(), b.to_canonical_json());
    // A submitted attempt's snapshot resumes as submitted.
    let done = Session::resume(quiz(), original.snapshot()).unwrap();
    assert!(done.is_submitted());
}

#[test]
fn every_seed_of_the_secure_exam_round_trips_through_json() {
    // The exam's delivery copy, as a browser holds it; 60 items, simulated answers with
    // decimals, over spread seeds (the form and its numbers must survive the text exactly).
    let full = exam();
    let delivered = Arc::new(secure_delivery_package(&full));
    for seed in (0..20u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)) {
        let mut s = start(delivered.clone(), seed, Mode::Secure);
        let ids: Vec<String> = s.form().item_ids().iter().map(|s| s.to_string()).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let responses = simulate_responses(&full, &refs, 0.3, seed);
        for (i, id) in ids.iter().enumerate() {
            if let Some(value) = responses.get(id) {
                s.answer(id, value.clone(), Timestamp(T0 + 1_000 * i as i64))
                    .unwrap();
            }
            if i % 7 == 0 {
                s.flag(id, true).unwrap();
            }
            if i + 1 < ids.len() {
                s.go_next().unwrap();
            }
        }
        let text = serde_json::to_string(&s.snapshot()).unwrap();
        let resumed = Session::resume_json(delivered.clone(), &text)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!(resumed.state(), s.state(), "seed {seed}");
    }
}

/// A hand edit of a snapshot's JSON.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn each_hand_edit_is_refused_naming_the_first_place_that_fails() {
    let s = quiz_in_progress();
    let good = json_of(&s);
    let answered = s.state().responses.keys().next().unwrap().clone();
    let first = first_answer(&good);
    let edits: Vec<(&str, Edit, String)> = vec![
        (
            "an answer in the state only",
            Box::new(|v: &mut Value| {
                let id = v["responses"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .next()
                    .unwrap()
                    .clone();
                v["responses"][&id]["value"] = json!("d");
            }),
            format!("responses.{answered}"),
        ),
        (
            "an answer in the state and the log",
            Box::new(move |v: &mut Value| {
                v["log"][first]["event"]["value"] = json!("d");
                let id = v["log"][first]["event"]["item_id"]
                    .as_str()
                    .unwrap()
                    .to_string();
                v["responses"][&id]["value"] = json!("d");
            }),
            format!("log[{first}]"),
        ),
        (
            "the time of an answer",
            Box::new(move |v: &mut Value| {
                v["log"][first]["event"]["at"] = json!(T0 + 1);
            }),
            format!("log[{first}]"),
        ),
        (
            "the seed",
            Box::new(|v: &mut Value| v["form"]["seed"] = json!("9")),
            "log[0]".into(),
        ),
        (
            "the deadline, an hour later",
            Box::new(|v: &mut Value| {
                let d = v["deadline"].as_i64().unwrap();
                v["deadline"] = json!(d + 3_600_000);
            }),
            "log[0]".into(),
        ),
        (
            "the deadline removed",
            Box::new(|v: &mut Value| {
                v.as_object_mut().unwrap().remove("deadline");
            }),
            "log[0]".into(),
        ),
        (
            "the start time (and the start entry with it)",
            Box::new(|v: &mut Value| {
                v["started_at"] = json!(T0 + 3_600_000);
                v["log"][0]["event"]["at"] = json!(T0 + 3_600_000);
            }),
            "log[0]".into(),
        ),
        (
            "the choice order of an item",
            Box::new(|v: &mut Value| {
                let order = v["form"]["items"][1]["choice_order"]
                    .as_array_mut()
                    .unwrap();
                order.reverse();
            }),
            "log[0]".into(),
        ),
        (
            "the seen items of the assembly context",
            Box::new(|v: &mut Value| v["context"] = json!({"seen_item_ids": ["a11y-01"]})),
            "log[0]".into(),
        ),
        (
            "the learner",
            Box::new(|v: &mut Value| v["learner"]["id"] = json!("learner-0099")),
            "log[0]".into(),
        ),
        (
            "the attempt id",
            Box::new(|v: &mut Value| v["attempt_id"] = json!("another-attempt")),
            "log[0]".into(),
        ),
        (
            "the mode",
            Box::new(|v: &mut Value| v["mode"] = json!("review")),
            "log[0]".into(),
        ),
        (
            "the current question",
            Box::new(|v: &mut Value| v["current"] = json!(7)),
            "current".into(),
        ),
        (
            "a flag added",
            Box::new(|v: &mut Value| v["flagged"].as_array_mut().unwrap().push(json!("a11y-10"))),
            "flagged".into(),
        ),
        (
            "a submission time added",
            Box::new(|v: &mut Value| v["submitted_at"] = json!(T0 + 100_000)),
            "submitted_at".into(),
        ),
        (
            "a log entry removed from the middle",
            Box::new(move |v: &mut Value| {
                v["log"].as_array_mut().unwrap().remove(first);
            }),
            format!("log[{first}]"),
        ),
        (
            "two log entries swapped",
            Box::new(move |v: &mut Value| {
                v["log"].as_array_mut().unwrap().swap(first, first + 1);
            }),
            format!("log[{first}]"),
        ),
        (
            "the last log entry dropped",
            Box::new(|v: &mut Value| {
                v["log"].as_array_mut().unwrap().pop();
            }),
            "current".into(),
        ),
        (
            "a chain value",
            Box::new(|v: &mut Value| v["log"][3]["chain"] = json!("0".repeat(64))),
            "log[3]".into(),
        ),
        (
            "the log emptied",
            Box::new(|v: &mut Value| v["log"] = json!([])),
            "log[0]".into(),
        ),
    ];
    for (what, edit, place) in edits {
        let mut bad = good.clone();
        edit(&mut bad);
        assert_ne!(bad, good, "{what}: the edit changed something");
        assert_eq!(tampered_place(resume(quiz(), &bad)), place, "{what}");
    }
    // The message names the place and the event, and says what to do about it in words.
    let mut bad = good.clone();
    bad["log"][first]["event"]["value"] = json!("d");
    let message = resume(quiz(), &bad).err().unwrap().to_string();
    assert!(
        message.contains(&format!("log[{first}]")) && message.contains("answer to"),
        "{message}"
    );
}

/// Every leaf of the JSON, with its path.
fn leaves(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                leaves(v, format!("{path}/{k}"), out);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                leaves(v, format!("{path}/{i}"), out);
            }
        }
        leaf => out.push((path, leaf.clone())),
    }
}

/// A different value of the same JSON type (numbers in strings stay numbers).
fn mutate(leaf: &Value) -> Value {
    match leaf {
        Value::Bool(b) => json!(!b),
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => json!(u + 1),
            (None, Some(f)) => json!(f + 0.5),
            _ => json!(1),
        },
        Value::String(s) => match s.parse::<u64>() {
            Ok(u) => json!((u + 1).to_string()),
            Err(_) => json!(format!("{s}x")),
        },
        Value::Null => json!(1),
        _ => unreachable!("leaves only"),
    }
}

#[test]
fn a_change_to_any_single_value_is_refused() {
    // Every leaf of a realistic snapshot, changed one at a time. Only the form's soft-target
    // diagnostics are outside the chain (they change nothing the learner does or is scored on).
    let s = quiz_in_progress();
    let good = json_of(&s);
    let mut all = Vec::new();
    leaves(&good, String::new(), &mut all);
    assert!(all.len() > 150, "{} leaves", all.len());
    let (mut tampered, mut other, mut outside) = (0, 0, Vec::new());
    for (path, leaf) in &all {
        let mut bad = good.clone();
        *bad.pointer_mut(path).unwrap() = mutate(leaf);
        match resume(quiz(), &bad) {
            Err(SessionError::SnapshotTampered { .. }) => tampered += 1,
            // Text that no longer parses (an unknown event kind or mode), another format or
            // package: refused before the chain is looked at.
            Err(SessionError::BadSnapshot(_) | SessionError::WrongPackage { .. }) => other += 1,
            Err(e) => panic!("{path}: unexpected {e:?}"),
            Ok(resumed) => {
                let mut state = resumed.snapshot();
                state.form.deviation = s.state().form.deviation.clone();
                assert_eq!(&state, s.state(), "{path}: resumed a different state");
                outside.push(path.clone());
            }
        }
    }
    assert!(
        outside.iter().all(|p| p.starts_with("/form/deviation/")),
        "accepted edits outside the diagnostics: {outside:?}"
    );
    // Most edits are caught by the chain; the rest by the format, package and shape checks.
    assert!(tampered > 5 * other, "{tampered} tampered, {other} other");
}

#[test]
fn an_unchained_snapshot_of_the_older_format_is_refused() {
    let mut old = json_of(&quiz_in_progress());
    old["format"] = json!("certa-snapshot/1");
    old.as_object_mut().unwrap().remove("log");
    let err = resume(quiz(), &old).err().unwrap();
    assert!(
        matches!(&err, SessionError::SnapshotUnversioned { format } if format == "certa-snapshot/1"),
        "{err:?}"
    );
    assert!(err.to_string().contains("no integrity chain"), "{err}");
    // The current format without its log is tampered, not unversioned.
    old["format"] = json!(SNAPSHOT_FORMAT);
    assert_eq!(tampered_place(resume(quiz(), &old)), "log[0]");
    // An unknown format is a bad snapshot.
    old["format"] = json!("certa-snapshot/9");
    assert!(matches!(
        resume(quiz(), &old),
        Err(SessionError::BadSnapshot(_))
    ));
}

/// Recompute every chain value of a snapshot, as a forger with this library would.
fn rechain(snapshot: &mut SessionSnapshot) {
    let mut head = genesis(snapshot);
    snapshot.log[0].chain = to_hex(&head);
    for entry in snapshot.log.iter_mut().skip(1) {
        head = link(&head, &entry.event);
        entry.chain = to_hex(&head);
    }
}

#[test]
fn a_recomputed_chain_still_has_to_replay_under_the_rules() {
    let pkg = quiz();
    let s = quiz_in_progress();
    // An answer logged after the deadline, with a valid chain: refused on replay.
    let mut late = s.snapshot();
    let deadline = late.deadline.unwrap();
    late.log.push(LogEntry {
        event: SessionEvent::Answer {
            item_id: "a11y-19".into(),
            value: json!(true).into(),
            at: deadline,
        },
        chain: String::new(),
    });
    rechain(&mut late);
    let err = Session::resume(pkg.clone(), late).err().unwrap();
    let at = s.snapshot().log.len();
    assert!(
        matches!(&err, SessionError::SnapshotTampered { place, reason, .. }
            if *place == format!("log[{at}]") && reason.contains("time is up")),
        "{err:?}"
    );
    // A later deadline with a recomputed chain passes the browser's check: the chain is not
    // keyed. The backend still holds the line (its own clock and the issued seed).
    let mut forged = s.snapshot();
    forged.deadline = forged.deadline.map(|d| Timestamp(d.0 + 3_600_000));
    rechain(&mut forged);
    let resumed = Session::resume(pkg.clone(), forged).unwrap();
    assert_eq!(
        resumed.time_remaining(Timestamp(T0)),
        Some(1_200_000 + 3_600_000)
    );
    // So does a changed seed: the record then names the forged seed, which the service
    // refuses for an issued attempt (`seed`).
    let mut reseeded = start(pkg.clone(), 9, Mode::Practice).snapshot();
    reseeded.attempt_id = s.state().attempt_id.clone();
    rechain(&mut reseeded);
    let mut resumed = Session::resume(pkg, reseeded).unwrap();
    let record = record::submit(&mut resumed, Timestamp(T0 + 60_000)).unwrap();
    assert_eq!(record.seed, Seed(9));
}

#[test]
fn the_first_link_is_deterministic_and_covers_the_seed() {
    let s = start(quiz(), 8, Mode::Practice);
    let head = s.chain_head();
    assert_eq!(head, s.snapshot().log[0].chain);
    assert_eq!(head.len(), 64);
    assert!(head
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    let again = start(quiz(), 8, Mode::Practice);
    assert_eq!(again.chain_head(), head, "deterministic");
    let other = start(quiz(), 9, Mode::Practice);
    assert_ne!(other.chain_head(), head, "the seed is covered");
}
