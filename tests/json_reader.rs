//! The package reader on damaged input: truncated, spliced and mutated copies of the example
//! packages are refused with a path and a position, never a panic, and a repeated key is
//! refused wherever it appears.

use certa::model::{LoadError, Package};

/// A fixed linear congruential sequence, so every run damages the text the same way.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Bytes that make JSON interesting: structure, escapes, digits, signs, multi-byte text.
const SPLICES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "0",
    "-",
    "1e999",
    ".",
    "e",
    "null",
    "true",
    "\u{1}",
    "é",
    "\u{1F600}",
    " ",
    "\"id\":",
    "\"type\":\"numeric\"",
];

fn damaged_copies(text: &str, count: usize, seed: u64) -> Vec<String> {
    let mut rng = Lcg(seed);
    let chars: Vec<char> = text.chars().collect();
    (0..count)
        .map(|_| {
            let mut out: Vec<char> = chars.clone();
            for _ in 0..1 + rng.next(3) {
                let at = rng.next(out.len());
                match rng.next(3) {
                    0 => out.truncate(at),
                    1 => {
                        let end = (at + rng.next(8)).min(out.len());
                        out.drain(at..end);
                    }
                    _ => {
                        let splice = SPLICES[rng.next(SPLICES.len())];
                        out.splice(at..at, splice.chars());
                    }
                }
            }
            out.into_iter().collect()
        })
        .collect()
}

#[test]
fn damaged_packages_are_refused_with_a_place_never_a_panic() {
    let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
    let mut refused = 0;
    for copy in damaged_copies(&text, 1500, 7) {
        match Package::load(&copy) {
            Ok(_) => {}
            Err(LoadError::Parse { line, column, .. }) => {
                assert!(line >= 1 && column >= 1);
                refused += 1;
            }
            Err(LoadError::Invalid(problems)) => {
                assert!(!problems.is_empty());
                refused += 1;
            }
        }
    }
    assert!(
        refused > 1000,
        "only {refused} of 1500 damaged copies refused"
    );
}

#[test]
fn a_repeated_key_is_refused_at_any_depth() {
    let text = std::fs::read_to_string("examples/certification-exam.json").unwrap();
    let package = Package::load(&text).unwrap();
    let compact = serde_json::to_string(&package).unwrap();
    // Repeat the first member with each of these keys, value and all, at different depths (top
    // level, item, blueprint, and inside a buffered interaction and difficulty target).
    for key in [
        "\"title\":",
        "\"stem\":",
        "\"length\":",
        "\"key\":",
        "\"theta\":",
    ] {
        let at = compact.find(key).unwrap();
        let value_start = at + key.len();
        let mut values = serde_json::Deserializer::from_str(&compact[value_start..])
            .into_iter::<serde_json::Value>();
        values.next().unwrap().unwrap();
        let end = value_start + values.byte_offset();
        let twice = format!(
            "{},{}{}",
            &compact[..end],
            &compact[at..end],
            &compact[end..]
        );
        match Package::load(&twice) {
            Err(LoadError::Parse { path, message, .. }) => {
                assert!(message.contains("duplicate field"), "{key}: {message}");
                assert!(!path.is_empty() || key == "\"title\":", "{key}: no path");
            }
            other => panic!("{key}: expected a parse error, got {other:?}"),
        }
    }
}
