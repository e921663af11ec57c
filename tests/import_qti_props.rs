//! The QTI importer never panics: on arbitrary bytes, on bytes that look like XML or zip, on
//! fixtures mutated byte by byte and line by line, on mutated content packages, and on the
//! regression corpus in `fuzz/regressions/import_qti/` (every file there is imported on its own;
//! add a file whenever an input once broke the importer).
//!
//! Every import either succeeds with a valid package or fails with an error that names a file.
#![cfg(not(target_arch = "wasm32"))]

mod qti_support;

use std::path::PathBuf;

use certa::import::SourceFile;
use certa::model::validate;
use proptest::prelude::*;
use qti_support::*;

/// Import one in-memory file; a success must be a valid package, a failure must name the file.
fn check(name: &str, bytes: Vec<u8>) {
    match import_sources(vec![SourceFile {
        name: name.to_string(),
        bytes,
    }]) {
        Ok((p, _)) => assert!(validate(&p).is_empty(), "{:?}", validate(&p)),
        Err(e) => assert!(e.file.starts_with(name), "{e}"),
    }
}

/// Every fixture file (XML) of both versions.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for v in ["2.1", "3.0"] {
        for (name, bytes) in files_under(&fixture_dir(v)) {
            if name.ends_with(".xml") {
                out.push((format!("{v}/{name}"), bytes));
            }
        }
    }
    out
}

/// A mutation of a file: flip, delete, duplicate or insert bytes, or drop or repeat lines.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, String),
    DropLine(usize),
    RepeatLine(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippets = prop::sample::select(vec![
        "<",
        ">",
        "/>",
        "\"",
        "&",
        "&amp;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "=\"\"",
        "<value>A</value>",
        "<qti-value>X Y</qti-value>",
        "<gap identifier=\"G1\"/>",
        "<textEntryInteraction responseIdentifier=\"RESPONSE\"/>",
        "<p>",
        "</p>",
        "{{",
        "}}",
        "<m:math>",
        "identifier=\"\"",
        "maxChoices=\"-1\"",
        "select=\"99999999999999999999\"",
        "mappedValue=\"NaN\"",
        "mappedValue=\"1e309\"",
        "href=\"../../../../x.xml\"",
        "<!DOCTYPE a [<!ENTITY e \"ee\">]>",
        "&e;",
        "\u{0}",
        "\u{feff}",
        "é",
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 0usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 0usize..64).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<usize>(), snippets).prop_map(|(i, s)| Mutation::Insert(i, s.to_string())),
        any::<usize>().prop_map(Mutation::DropLine),
        any::<usize>().prop_map(Mutation::RepeatLine),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(i, b) => {
            if let Some(x) = bytes.get_mut(i % len) {
                *x ^= b | 1;
            }
        }
        Mutation::Delete(i, n) => {
            let start = (i % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Duplicate(i, n) => {
            let start = (i % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            let piece = bytes[start..end].to_vec();
            bytes.splice(end..end, piece);
        }
        Mutation::Insert(i, s) => {
            let at = (i % len).min(bytes.len());
            bytes.splice(at..at, s.bytes());
        }
        Mutation::DropLine(i) | Mutation::RepeatLine(i) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return;
            }
            let k = i % lines.len();
            if matches!(m, Mutation::DropLine(_)) {
                lines.remove(k);
            } else {
                let line = lines[k];
                lines.insert(k, line);
            }
            *bytes = lines.join("\n").into_bytes();
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check("random.bin", bytes);
    }

    #[test]
    fn xml_and_zip_lookalikes_never_panic(
        zip_like in any::<bool>(),
        body in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let mut bytes = if zip_like { b"PK\x03\x04".to_vec() } else { b"<?xml version=\"1.0\"?><".to_vec() };
        bytes.extend(body);
        check("lookalike", bytes);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let all = fixtures();
        let (name, mut bytes) = all[pick.index(all.len())].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&name, bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn mutated_content_packages_never_panic(
        version in prop::sample::select(vec!["2.1", "3.0"]),
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
        damage_archive in any::<bool>(),
    ) {
        let mut files: Vec<(String, Vec<u8>)> = files_under(&fixture_dir(version))
            .into_iter()
            .filter(|(n, _)| !n.starts_with("extra/"))
            .collect();
        let bytes = if damage_archive {
            let mut z = zip(&files);
            for m in &mutations {
                apply(&mut z, m);
            }
            z
        } else {
            let k = pick.index(files.len());
            for m in &mutations {
                apply(&mut files[k].1, m);
            }
            zip(&files)
        };
        check("mutated.zip", bytes);
    }
}

/// The regression corpus: each file is imported alone, as the format its content says.
#[test]
fn regression_corpus_never_panics() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/import_qti");
    let mut n = 0;
    for (name, bytes) in files_under(&dir) {
        if name.ends_with(".md") {
            continue;
        }
        check(&name, bytes);
        n += 1;
    }
    assert!(n >= 5, "the corpus holds {n} inputs");
}
