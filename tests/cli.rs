//! The `certa` command line on the shipped examples: exit codes (0 ok, 1 problems, 2 usage or
//! I/O), text and `--json` output of validate, preview, score and bench-data.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value};

const QUIZ: &str = "examples/certificate-quiz.json";
const EXAM: &str = "examples/certification-exam.json";

fn certa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_certa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("certa runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("certa-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn validate_accepts_both_examples() {
    for path in [QUIZ, EXAM] {
        let o = certa(&["validate", path]);
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
        assert!(stdout(&o).contains("valid"));
        let j = json_of(&certa(&["validate", path, "--json"]));
        assert_eq!(j["valid"], json!(true));
    }
}

#[test]
fn validate_lists_every_problem_and_exits_1() {
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(QUIZ).unwrap()).unwrap();
    doc["items"][3]["id"] = doc["items"][0]["id"].clone();
    doc["items"][5]["outcomes"][0]["outcome"] = json!("A11Y-9");
    let path = temp_file("broken.json", &doc.to_string());
    let o = certa(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("items[3].id: duplicate id"), "{text}");
    assert!(
        text.contains("items[5].outcomes[0].outcome: unknown outcome \"A11Y-9\""),
        "{text}"
    );
    let j = json_of(&certa(&["validate", path.to_str().unwrap(), "--json"]));
    assert_eq!(j["valid"], json!(false));
    assert_eq!(j["problems"].as_array().unwrap().len(), 2, "{j}");
}

#[test]
fn io_and_usage_errors_exit_2() {
    let o = certa(&["validate", "examples/no-such-package.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-package.json"));
    assert_eq!(certa(&["preview"]).status.code(), Some(2));
    assert_eq!(
        certa(&["score", QUIZ, "--seed", "x", "--responses", "r.json"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn preview_of_the_certification_exam_meets_every_hard_rule() {
    let o = certa(&["preview", EXAM, "--forms", "3", "--seed", "11", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let j = json_of(&o);
    assert_eq!(j["hard_rules_met"], json!(true));
    assert_eq!(j["feasibility"]["feasible"], json!(true));
    let forms = j["forms"].as_array().unwrap();
    assert_eq!(forms.len(), 3);
    for f in forms {
        assert_eq!(f["items"].as_array().unwrap().len(), 60);
        assert!(f["violations"].as_array().unwrap().is_empty());
    }
    // 20/25/20/15/20 % of 60 items.
    for (domain, target) in [
        ("ADDR", 12),
        ("ROUTE", 15),
        ("SEC", 12),
        ("SVC", 9),
        ("OPS", 12),
    ] {
        let row = j["coverage"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "domain" && c["id"] == domain)
            .unwrap();
        assert_eq!(row["target"], json!(target));
        assert_eq!(row["forms"], json!([target, target, target]));
    }
    let text = stdout(&certa(&["preview", EXAM, "--forms", "2"]));
    assert!(text.contains("Coverage against the blueprint"));
    assert!(text.contains("all met"));
    assert!(text.contains("Feasibility report"));
    assert!(text.contains("answer:"));
}

#[test]
fn preview_explains_an_infeasible_retake() {
    let first = json_of(&certa(&["preview", QUIZ, "--seed", "3", "--json"]));
    let mut seen: Vec<String> = first["forms"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item_id"].as_str().unwrap().to_string())
        .collect();
    let second = json_of(&certa(&[
        "preview",
        QUIZ,
        "--seed",
        "4",
        "--seen",
        &seen.join(","),
        "--json",
    ]));
    assert_eq!(
        second["hard_rules_met"],
        json!(true),
        "a second attempt avoids the first form"
    );
    for item in second["forms"][0]["items"].as_array().unwrap() {
        assert!(!seen.contains(&item["item_id"].as_str().unwrap().to_string()));
    }
    seen.extend(
        second["forms"][0]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["item_id"].as_str().unwrap().to_string()),
    );
    let o = certa(&["preview", QUIZ, "--seen", &seen.join(",")]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("NOT FEASIBLE"), "{text}");
    assert!(
        text.contains("remain after excluding enemies and seen items"),
        "{text}"
    );
}

#[test]
fn score_prints_the_result_and_refuses_wrong_shapes() {
    let form = json_of(&certa(&["preview", QUIZ, "--seed", "5", "--json"]));
    let first = form["forms"][0]["items"][0]["item_id"]
        .as_str()
        .unwrap()
        .to_string();
    let empty = temp_file("empty.json", "{}");
    let o = certa(&[
        "score",
        QUIZ,
        "--seed",
        "5",
        "--responses",
        empty.to_str().unwrap(),
        "--at",
        "2026-11-22T10:00:00Z",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let j = json_of(&o);
    assert_eq!(j["result"]["raw"], json!(0.0));
    assert_eq!(j["result"]["decision"], json!("fail"));
    assert_eq!(j["result"]["credential"]["awarded"], json!(false));
    assert_eq!(j["form"][0], json!(first));
    let text = stdout(&certa(&[
        "score",
        QUIZ,
        "--seed",
        "5",
        "--responses",
        empty.to_str().unwrap(),
    ]));
    assert!(
        text.contains("FAIL") && text.contains("Outcomes") && text.contains("not awarded"),
        "{text}"
    );

    let bad = temp_file(
        "bad.json",
        &json!({ first.clone(): {"nested": [1, 2]} }).to_string(),
    );
    let o = certa(&[
        "score",
        QUIZ,
        "--seed",
        "5",
        "--responses",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(&first), "{}", stdout(&o));
}

#[test]
fn demo_responses_await_manual_grading() {
    let o = certa(&[
        "score",
        QUIZ,
        "--seed",
        "8",
        "--responses",
        "examples/responses/certificate-quiz-seed8.json",
        "--at",
        "2026-11-22T10:30:00Z",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The seed-8 form holds one essay and all nine interaction kinds; the demo learner gets
    // partial credit on a multiple-response item. The automatic points already clear the cut,
    // so the decision is a pass, but the outcome the essay evidences waits for a grader.
    let j = json_of(&o);
    let kinds: std::collections::BTreeSet<&str> = j["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["correct", "partial", "pending_manual"]
            .into_iter()
            .collect(),
        "{j}"
    );
    assert_eq!(j["result"]["decision"], json!("pass"), "{j}");
    assert_eq!(j["result"]["pending_manual"], json!(1), "{j}");
    assert_eq!(j["result"]["credential"]["awarded"], json!(false), "{j}");
    let reasons = j["result"]["credential"]["reasons"].to_string();
    assert!(reasons.contains("awaits manual grading"), "{reasons}");
}

#[test]
fn bench_data_writes_a_valid_package() {
    let dir = std::env::temp_dir().join(format!("certa-cli-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("bank.json");
    let o = certa(&[
        "bench-data",
        "--items",
        "400",
        "--domains",
        "5",
        "--enemy-pairs",
        "20",
        "--sets",
        "5",
        "--form-length",
        "40",
        "--interactions",
        "mixed",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = certa(&["preview", out.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        json_of(&o)["forms"][0]["items"].as_array().unwrap().len(),
        40
    );
    let bad = certa(&["bench-data", "--items", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn publish_simulate_and_verify_close_the_secure_loop() {
    let dir = std::env::temp_dir().join(format!("certa-cli-secure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("exam-secure.json");
    let o = certa(&["publish", EXAM, "--secure", "--out", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("keys stripped; records verify against sha256:"));
    let text = std::fs::read_to_string(&copy).unwrap();
    assert!(text.contains("\"keys_stripped\": true") && !text.contains("\"rubric\""));
    assert_eq!(
        certa(&["validate", copy.to_str().unwrap()]).status.code(),
        Some(0)
    );

    // A secure attempt: no result in the record; verification scores it.
    let o = certa(&[
        "simulate", EXAM, "--mode", "secure", "--seed", "3", "--theta", "1.2",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let record = json_of(&o);
    assert!(record.get("result").is_none());
    let record_path = temp_file("secure.record.json", &stdout(&o));
    let o = certa(&[
        "verify",
        "--package",
        EXAM,
        "--record",
        record_path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let verdict = json_of(&o);
    assert_eq!(verdict["verified"], json!(true));
    assert_eq!(
        verdict["record"]["result"]["items"]
            .as_array()
            .unwrap()
            .len(),
        60
    );
    // The copy cannot verify anything.
    let o = certa(&[
        "verify",
        "--package",
        copy.to_str().unwrap(),
        "--record",
        record_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("key-stripped delivery copy"),
        "{}",
        stdout(&o)
    );

    // A practice record with an edited score is refused with the figure.
    let o = certa(&["simulate", QUIZ, "--seed", "2", "--theta", "2.5"]);
    let edited = stdout(&o).replacen("\"scaled\":", "\"scaled\":1", 1);
    let path = temp_file("edited.record.json", &edited);
    let o = certa(&[
        "verify",
        "--package",
        QUIZ,
        "--record",
        path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let verdict = json_of(&o);
    assert_eq!(verdict["verified"], json!(false));
    assert_eq!(verdict["reasons"][0]["code"], json!("score"));
    assert!(verdict["reasons"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("claimed scaled 1"));
}
