//! `certa import` on GIFT files: the report (items, kinds, domains, skipped, warnings, the
//! default scale and cut score), a package that `certa validate` accepts, `--json`, and the
//! exit codes (0 imported, 1 import errors with line and column, 2 usage or I/O).

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value};

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

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("certa-gift-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn imports_the_hundred_question_bank_into_a_valid_package() {
    let dir = temp_dir("hundred");
    let out = dir.join("bank.json");
    let o = certa(&[
        "import",
        "tests/fixtures/gift/hundred.gift",
        "--out",
        out.to_str().unwrap(),
        "--id",
        "it-fundamentals",
        "--title",
        "IT Fundamentals",
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.starts_with("tests/fixtures/gift/hundred.gift (GIFT): 100 item(s) imported, 0 skipped, 1 warning(s)"),
        "{text}"
    );
    assert!(text.contains("single_choice 30"), "{text}");
    assert!(
        text.contains(
            "Addressing 20, Protocols 20, Security 20, Linux command line 20, Databases 20"
        ),
        "{text}"
    );
    assert!(text.contains("scale 0–100, cut score 70"), "{text}");
    assert!(
        text.contains("item \"addr-16-prefix-for-500-hosts\""),
        "{text}"
    );
    assert!(
        text.contains("\"IT Fundamentals\" (it-fundamentals) 1.0.0, valid"),
        "{text}"
    );

    let v = certa(&["validate", out.to_str().unwrap(), "--json"]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    let report: Value = serde_json::from_slice(&v.stdout).unwrap();
    assert_eq!(report["valid"], json!(true));
    assert_eq!(report["items"], json!(100));
    assert_eq!(report["outcomes"], json!(5));

    let p = certa(&["preview", out.to_str().unwrap(), "--json"]);
    assert_eq!(p.status.code(), Some(0), "{}", stdout(&p));
}

#[test]
fn json_report_lists_skipped_questions_and_warnings() {
    let dir = temp_dir("json");
    let out = dir.join("types.json");
    let o = certa(&[
        "import",
        "tests/fixtures/gift/types.gift",
        "--out",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["imported"], json!(true));
    assert_eq!(r["source"], json!("GIFT"));
    assert_eq!(r["items"], json!(16));
    assert_eq!(r["kinds"]["cloze"], json!(2));
    assert_eq!(r["skipped"][0]["location"]["line"], json!(64));
    assert_eq!(r["warnings"][0]["item_id"], json!("grant-born"));
    assert_eq!(
        r["scoring"],
        json!({"scale": {"min": 0.0, "max": 100.0}, "cut_score": 70.0})
    );
    assert_eq!(r["package"]["id"], json!("types"));
    assert_eq!(r["package"]["title"], json!("Types"));
    assert!(out.exists());
}

#[test]
fn an_error_exits_1_with_file_line_and_column_and_writes_nothing() {
    let dir = temp_dir("error");
    let src = dir.join("broken.gift");
    std::fs::write(
        &src,
        "::A:: One {T}\n\n::B:: Two {=a ~b\n\n::C:: Three {F}\n",
    )
    .unwrap();
    let out = dir.join("broken.json");
    let o = certa(&[
        "import",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.starts_with(&format!(
            "{}:3:11: unterminated answer block",
            src.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("expected `}` before the question ends at line 4"),
        "{text}"
    );
    assert!(!out.exists());

    // --skip-invalid imports the rest and lists the broken question.
    let o = certa(&[
        "import",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--skip-invalid",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("2 item(s) imported, 1 skipped"), "{text}");
    assert!(
        text.contains(":3:11: \"B\": unterminated answer block"),
        "{text}"
    );
    assert!(out.exists());
    // The default output path is the input with .json.
    let o = certa(&[
        "import",
        src.to_str().unwrap(),
        "--skip-invalid",
        "--id",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(&format!("wrote {}", dir.join("broken.json").display())));
}

#[test]
fn usage_and_io_errors_exit_2_and_a_package_is_not_a_source() {
    let o = certa(&["import", "tests/fixtures/gift/missing.gift"]);
    assert_eq!(o.status.code(), Some(2));
    // A package is not a source: an import problem (exit 1) that says what to do instead.
    let o = certa(&["import", "examples/certificate-quiz.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already a package (try certa validate)"));
    // Not GIFT at all, read as GIFT on request: an import error, exit 1.
    let o = certa(&[
        "import",
        "docs/player.png",
        "--from",
        "gift",
        "--out",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("not GIFT"), "{}", stdout(&o));
}
