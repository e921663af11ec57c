//! The fuzz corpora, replayed on stable Rust by every `cargo test` (so by `./x test`): each
//! file of `fuzz/seeds/<target>/` (real inputs the fuzzers start from) and of
//! `fuzz/regressions/<target>/` (inputs that once crashed, hung or broke an invariant) goes
//! through the very harness the cargo-fuzz target runs (`fuzz/harness/`, compiled here as a
//! module). A failure prints the file it was replaying.
//!
//! Add a file to `fuzz/regressions/<target>/` for every crash a fuzzer finds (see
//! docs/fuzzing.md). The seeds are written by
//! `cargo test --test fuzz_regressions -- --ignored write_seed_corpora`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/harness/mod.rs"]
mod certa_fuzz;
mod qti_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use certa::assemble::Seed;
use certa::model::{Gap, Interaction, Item, Package};
use certa::session::{Learner, Mode, Session, SessionStart};
use certa::timestamp::Timestamp;
use serde_json::{json, Value};

use certa_fuzz::examples;

/// The files of one corpus folder, sorted (none if the folder does not exist).
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Run every seed and regression input of `target` through `run`.
fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for kind in ["seeds", "regressions"] {
        for path in corpus(&root.join(kind).join(target)) {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            eprintln!("replaying {}", path.display());
            run(&bytes);
            n += 1;
        }
    }
    assert!(n > 0, "no corpus for {target}");
    eprintln!("{target}: {n} inputs replayed");
}

#[test]
fn package_load_corpora() {
    replay("package_load", certa_fuzz::package_load::run);
}

#[test]
fn assemble_corpora() {
    replay("assemble", certa_fuzz::assemble::run);
}

#[test]
fn responses_corpora() {
    replay("responses", certa_fuzz::responses::run);
}

#[test]
fn snapshot_resume_corpora() {
    replay("snapshot_resume", certa_fuzz::snapshot_resume::run);
}

#[test]
fn verify_record_corpora() {
    replay("verify_record", certa_fuzz::verify_record::run);
}

#[test]
fn import_qti_corpora() {
    replay("import_qti", certa_fuzz::import_qti::run);
}

#[test]
fn import_gift_corpora() {
    replay("import_gift", certa_fuzz::import_gift::run);
}

/// The harness's own invariants hold on the real inputs: the golden record verifies through
/// the structured mode with no edits, and the example blueprints assemble.
#[test]
fn harness_accepts_the_real_inputs() {
    let verdict = certa_fuzz::verify_record::check(examples::GOLDEN_RECORD);
    assert!(verdict.verified().is_some(), "{verdict:?}");
    certa_fuzz::verify_record::run(&[certa_fuzz::STRUCTURED]);
    for package in [examples::quiz(), examples::exam()] {
        certa_fuzz::assemble::check(&package, &Default::default(), Seed(8), 1);
    }
}

/// Write the seed corpora (`fuzz/seeds/<target>/`) from the real inputs. Run by hand after
/// the examples, the golden record or an input format change; review the diff.
#[test]
#[ignore]
fn write_seed_corpora() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    for target in [
        "package_load",
        "assemble",
        "responses",
        "snapshot_resume",
        "verify_record",
    ] {
        let _ = std::fs::remove_dir_all(root.join(target));
    }

    // package_load: a secure delivery copy, imported and generated packages (`./x fuzz` reads
    // the example packages in place, from examples/).
    let quiz = examples::quiz();
    let exam = examples::exam();
    let secure = certa::publish::secure_delivery_package(&quiz);
    write(
        "package_load",
        "certificate-quiz-secure.json",
        &pretty(&secure),
    );
    let kinds = std::fs::read("tests/fixtures/export-kinds.json").unwrap();
    write("package_load", "export-kinds.json", &kinds);
    let gift = std::fs::read("tests/fixtures/gift/types.gift").unwrap();
    let import = certa::import::gift::parse_gift_bytes(&gift, "types.gift", &Default::default())
        .expect("types.gift imports");
    let settings = certa::import::gift::PackageSettings::new("gift-types", "GIFT types");
    let gift_package = certa::import::gift::gift_package(&import, &settings);
    write("package_load", "gift-types.json", &pretty(&gift_package));
    let (qti_package, _) =
        qti_support::import_paths(&[qti_support::fixture_dir("2.1").join("imsmanifest.xml")])
            .expect("the QTI 2.1 fixture imports");
    write("package_load", "qti-2.1.json", &pretty(&qti_package));
    let spec = certa::synthetic::BankSpec {
        items: 24,
        domains: 3,
        outcomes: 3,
        enemy_pairs: 2,
        sets: 2,
        set_size: 3,
        form_length: 10,
        domain_quotas: None,
        interactions: certa::synthetic::InteractionMix::Mixed,
        ..Default::default()
    };
    let synthetic = certa::synthetic::generate_bank(&spec);
    write("package_load", "synthetic-24.json", &pretty(&synthetic));

    // assemble: any bytes decode to a case; a few patterns to start from.
    write("assemble", "zeros", &[0; 64]);
    write("assemble", "ones", &[1; 256]);
    write("assemble", "ramp", &(0..=255).collect::<Vec<u8>>());
    // The second variant of `BankCase` (an example package) is a first u32 of 2^31 or more;
    // then `exam`, a bool.
    write(
        "assemble",
        "example-quiz",
        &[0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    write(
        "assemble",
        "example-exam",
        &[0, 0, 0, 0x80, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    );

    // responses: a keyed (correct) response to every item of the quiz and to the first items
    // of each kind in the exam, and the golden attempt's responses.
    for item in &quiz.items {
        let text = format!("{}\n{}", item.id, keyed_response(item));
        write(
            "responses",
            &format!("quiz-{}-keyed", item.id),
            text.as_bytes(),
        );
    }
    let mut kinds_seen = std::collections::BTreeMap::new();
    for item in &exam.items {
        let count = kinds_seen.entry(item.interaction.kind()).or_insert(0);
        *count += 1;
        if *count <= 2 {
            let text = format!("{}\n{}", item.id, keyed_response(item));
            write(
                "responses",
                &format!("exam-{}-keyed", item.id),
                text.as_bytes(),
            );
        }
    }
    for (id, value) in examples::golden_responses() {
        let text = format!("{id}\n{value}");
        write("responses", &format!("quiz-{id}-golden"), text.as_bytes());
    }
    write("responses", "structured-empty", &[certa_fuzz::STRUCTURED]);

    // snapshot_resume: attempts at several stages.
    let in_progress = examples::quiz_session_in_progress();
    write(
        "snapshot_resume",
        "in-progress.json",
        &pretty(&in_progress.snapshot()),
    );
    let fresh = start(&quiz, 3, Mode::Practice);
    write(
        "snapshot_resume",
        "fresh-seed3.json",
        &pretty(&fresh.snapshot()),
    );
    let mut done = answered(start(&quiz, 8, Mode::Practice));
    write(
        "snapshot_resume",
        "answered.json",
        &pretty(&done.snapshot()),
    );
    done.submit(Timestamp(examples::T0 + 900_000)).unwrap();
    write(
        "snapshot_resume",
        "submitted.json",
        &pretty(&done.snapshot()),
    );
    let secure = answered(start(&quiz, 11, Mode::Secure));
    write(
        "snapshot_resume",
        "secure.json",
        &pretty(&secure.snapshot()),
    );
    write(
        "snapshot_resume",
        "structured-no-edits",
        &[certa_fuzz::STRUCTURED],
    );

    // verify_record: the golden record, a practice record of another seed, a secure record.
    write(
        "verify_record",
        "golden.json",
        examples::GOLDEN_RECORD.as_bytes(),
    );
    let mut other = answered(start(&quiz, 3, Mode::Practice));
    let record = certa::record::submit(&mut other, Timestamp(examples::T0 + 700_000)).unwrap();
    write(
        "verify_record",
        "practice-seed3.json",
        record.to_canonical_json().as_bytes(),
    );
    let mut secure = answered(start(&quiz, 11, Mode::Secure));
    let record = certa::record::submit(&mut secure, Timestamp(examples::T0 + 700_000)).unwrap();
    write(
        "verify_record",
        "secure-seed11.json",
        record.to_canonical_json().as_bytes(),
    );
    write(
        "verify_record",
        "structured-no-edits",
        &[certa_fuzz::STRUCTURED],
    );

    // import_qti: the fixture content packages (the XML fixtures are read in place by
    // `./x fuzz`, from tests/fixtures/qti/).
    write(
        "import_qti",
        "content-package-2.1.zip",
        &qti_support::content_package("2.1"),
    );
    write(
        "import_qti",
        "content-package-3.0.zip",
        &qti_support::content_package("3.0"),
    );
}

fn pretty<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

/// A quiz attempt on `seed`, started at the golden start time.
fn start(package: &Arc<Package>, seed: u64, mode: Mode) -> Session {
    Session::start(
        Arc::clone(package),
        SessionStart {
            attempt_id: format!("fuzz-seed-{seed}"),
            learner: Learner {
                id: format!("learner-{seed}"),
                name: None,
                email: None,
            },
            seed: Seed(seed),
            now: Timestamp(examples::T0),
            attempt_number: 1,
            mode,
            context: Default::default(),
        },
    )
    .unwrap()
}

/// Every item on the form answered with its keyed response, except every third one.
fn answered(mut session: Session) -> Session {
    let items: Vec<Item> = session
        .form()
        .item_ids()
        .iter()
        .filter_map(|id| session.package().item(id).cloned())
        .collect();
    for (i, item) in items.iter().enumerate() {
        if i % 3 != 2 {
            let at = Timestamp(examples::T0 + 15_000 * (i as i64 + 1));
            session.answer(&item.id, keyed_response(item), at).unwrap();
        }
    }
    session
}

/// The response the key gives full credit (a placeholder essay for extended text).
fn keyed_response(item: &Item) -> Value {
    match &item.interaction {
        Interaction::SingleChoice { key, .. } => json!(key),
        Interaction::MultipleResponse { keys, .. } => json!(keys),
        Interaction::TrueFalse { key } => json!(key),
        Interaction::TextEntry { answers, .. } => {
            json!(answers.first().map(|a| a.value.as_str()).unwrap_or(""))
        }
        Interaction::Numeric { key, .. } => json!(key.value.or(key.min).unwrap_or(0.0)),
        Interaction::Ordering { key, .. } => json!(key),
        Interaction::Matching { key, .. } => {
            json!(key.iter().map(|(s, t)| [s, t]).collect::<Vec<_>>())
        }
        Interaction::Cloze { gaps, .. } => {
            let mut map = serde_json::Map::new();
            for gap in gaps {
                let answer = match gap {
                    Gap::Text { answers, .. } => {
                        answers.first().map(|a| a.value.clone()).unwrap_or_default()
                    }
                    Gap::Choice { key, .. } => key.clone(),
                };
                map.insert(gap.id().to_string(), json!(answer));
            }
            Value::Object(map)
        }
        Interaction::ExtendedText { .. } => json!("An essay."),
    }
}
