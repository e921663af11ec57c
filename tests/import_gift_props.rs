//! GIFT import never panics, whatever the input: arbitrary strings and bytes, strings made of
//! GIFT's special characters, and the fixtures with random edits. Whenever an import succeeds,
//! its package validates and a form can be assembled from it. Errors always carry a place.
//!
//! Cases per property: 1,000, or `PROPTEST_CASES`. For a long local run:
//! `PROPTEST_CASES=100000 cargo test --test import_gift_props` (about 2 CPU-minutes).
//!
//! `regression_corpus_imports_without_panicking` runs every file of
//! `fuzz/regressions/import_gift/` (inputs that once broke the importer, and tricky ones).

// Property tests need OS entropy, so this file runs natively only.
#![cfg(not(target_arch = "wasm32"))]

use certa::assemble::{assemble_form, AssemblyContext, Seed};
use certa::import::gift::{gift_package, parse_gift_bytes, GiftOptions, PackageSettings};
use certa::model::validate;
use proptest::prelude::*;

/// Import strictly and leniently; check what comes back.
fn check(bytes: &[u8]) {
    for skip_invalid in [false, true] {
        let options = GiftOptions {
            skip_invalid,
            ..GiftOptions::default()
        };
        match parse_gift_bytes(bytes, "fuzz.gift", &options) {
            Ok(import) => {
                if import.items.is_empty() {
                    continue;
                }
                let package = gift_package(&import, &PackageSettings::new("fuzz", "Fuzz"));
                let problems = validate(&package);
                assert!(
                    problems.is_empty(),
                    "imported package is invalid: {problems:?}\ninput: {:?}",
                    String::from_utf8_lossy(bytes)
                );
                let form = assemble_form(&package, Seed(1), &AssemblyContext::default())
                    .unwrap_or_else(|e| panic!("cannot assemble: {e}"));
                assert_eq!(form.items.len(), import.items.len());
            }
            Err(e) => {
                assert!(e.location.line >= 1 && e.location.column >= 1, "{e}");
                assert!(!e.message.is_empty());
            }
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// Pieces of GIFT syntax, so that random strings reach deep into the parser.
const PIECES: &[&str] = &[
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "::",
    "%50%",
    "%-25%",
    "%100%",
    "%",
    "->",
    "\\",
    "\\n",
    "\\{",
    "\\}",
    "\\=",
    "\\~",
    "\\#",
    "\\:",
    "\n",
    "\n\n",
    "\r\n",
    "//",
    "// [id:x]\n",
    "$CATEGORY: a/b\n",
    "$CATEGORY:",
    "[html]",
    "[plain]",
    "[markdown]",
    "[moodle]",
    "**",
    "*",
    "`",
    "_",
    "T",
    "TRUE",
    "F",
    "false",
    "#",
    "..",
    ":",
    "1",
    "3.14",
    "-2",
    "1e3",
    " ",
    "\t",
    "a",
    "word",
    "é",
    "日本",
    "\u{FEFF}",
    "\u{E000}",
    "<b>",
    "</b>",
    "{{",
    "}}",
    "&",
    "<",
    "?",
];

fn gift_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn fixtures() -> Vec<String> {
    ["types.gift", "escapes.gift", "hundred.gift"]
        .iter()
        .map(|f| std::fs::read_to_string(format!("tests/fixtures/gift/{f}")).unwrap())
        .collect()
}

/// An edit at a relative place: delete, insert a piece, or duplicate a stretch.
fn mutate(text: &str, edits: &[(usize, u8, &str)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, kind, piece) in edits {
        let i = if chars.is_empty() {
            0
        } else {
            at % chars.len()
        };
        let len = (at / 7) % 12 + 1;
        let end = (i + len).min(chars.len());
        match kind {
            0 => {
                chars.drain(i..end);
            }
            1 => {
                let copy: Vec<char> = chars[i..end].to_vec();
                chars.splice(i..i, copy);
            }
            _ => {
                chars.splice(i..i, piece.chars());
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check(s.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..300)) {
        check(&b);
    }

    #[test]
    fn gift_like_strings_never_panic(s in gift_like()) {
        check(s.as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0usize..3,
        edits in prop::collection::vec((any::<usize>(), 0u8..4, prop::sample::select(PIECES)), 1..10),
    ) {
        let fixtures = fixtures();
        let text = mutate(&fixtures[which], &edits);
        check(text.as_bytes());
    }
}

#[test]
fn regression_corpus_imports_without_panicking() {
    let mut n = 0;
    for entry in std::fs::read_dir("fuzz/regressions/import_gift").unwrap() {
        let path = entry.unwrap().path();
        check(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n >= 10, "the corpus holds {n} files");
}
