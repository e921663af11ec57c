//! `certa export` on the command line: the JSON each format prints, the exit codes (0
//! exported or no badge to issue, 1 record cannot be exported, 2 usage), and options files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

const QUIZ: &str = "examples/certificate-quiz.json";
const EXAM: &str = "examples/certification-exam.json";
const BADGE_OPTIONS: &str = "examples/export-options/badge.json";
const LTI_OPTIONS: &str = "examples/export-options/lti.json";

fn certa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_certa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("certa runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A simulated record written to a scratch file.
fn record(package: &str, seed: u64, theta: f64, mode: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("certa-export-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let stem = Path::new(package).file_stem().unwrap().to_string_lossy();
    let path = dir.join(format!("{stem}-{seed}-{theta}-{mode}.json"));
    let (seed, theta) = (seed.to_string(), theta.to_string());
    let args = [
        "simulate", package, "--seed", &seed, "--theta", &theta, "--mode", mode, "--out",
    ];
    let mut args: Vec<&str> = args.to_vec();
    args.push(path.to_str().unwrap());
    let o = certa(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    path
}

fn export(format: &str, package: &str, record: &Path, options: Option<&str>) -> Output {
    let mut args = vec![
        "export",
        format,
        "--package",
        package,
        "--record",
        record.to_str().unwrap(),
    ];
    if let Some(o) = options {
        args.extend(["--options", o]);
    }
    certa(&args)
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&o.stdout)))
}

#[test]
fn scorm_prints_the_pairs_and_notices() {
    let r = record(QUIZ, 2, 2.5, "practice");
    for (format, first) in [
        ("scorm2004", "cmi.completion_status"),
        ("scorm12", "cmi.core.lesson_status"),
    ] {
        let o = export(format, QUIZ, &r, None);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let body = json_of(&o);
        assert_eq!(body["pairs"][0][0], json!(first));
        assert!(body["pairs"].as_array().unwrap().len() > 100);
        assert!(body["notices"].is_array());
        // One pair per line.
        assert!(text(&o.stdout).contains(&format!("\n    [\"{first}\",")));
    }
    let o = export("scorm2004", QUIZ, &r, Some(LTI_OPTIONS));
    assert_eq!(o.status.code(), Some(2), "scorm takes no options");
}

#[test]
fn lti_and_badge_print_their_documents() {
    let r = record(QUIZ, 2, 2.5, "practice");
    let o = export("lti", QUIZ, &r, Some(LTI_OPTIONS));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        json_of(&o)["userId"],
        json!("f6a2c1e0-7b3d-4c5e-9f10-2b8d4e6a1c3f")
    );
    let o = export("badge", QUIZ, &r, Some(BADGE_OPTIONS));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        json_of(&o)["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    // Not awarded: null, the reasons on standard error, exit 0.
    let failing = record(QUIZ, 2, -1.5, "practice");
    let o = export("badge", QUIZ, &failing, Some(BADGE_OPTIONS));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json_of(&o), Value::Null);
    assert!(text(&o.stderr).contains("no credential to issue: not awarded"));
    // A badge needs an issuer.
    assert_eq!(export("badge", QUIZ, &r, None).status.code(), Some(2));
}

#[test]
fn unverified_secure_records_and_other_packages_are_refused() {
    let secure = record(EXAM, 1, 2.5, "secure");
    let o = export("lti", EXAM, &secure, None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("a secure attempt is exported after verification"));
    let o = export("scorm12", QUIZ, &secure, None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("the record is for package \"nop-certification-exam\""));
    let o = certa(&[
        "export",
        "xml",
        "--package",
        QUIZ,
        "--record",
        secure.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}
