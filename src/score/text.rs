//! Typed-text answers: the normalisation both sides go through, and the best accepted answer
//! a text matches (text entry items and the text gaps of cloze items).
//!
//! Normalisation: Unicode NFC, trim, collapse every run of whitespace to one space, and
//! lower-case (Unicode default case conversion of the NFC text; both through [`super::unicode`]) unless the item is case sensitive. So
//! `"  Café\u{301}  au\tLAIT "` and `"café au lait"` are the same answer.

use super::unicode::{lowercase, nfc};
use crate::model::AcceptedAnswer;

/// The comparable form of a typed answer (see the module docs).
pub fn normalize(text: &str, case_sensitive: bool) -> String {
    let composed = nfc(text);
    let mut out = String::with_capacity(composed.len());
    for word in composed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if case_sensitive {
        out
    } else {
        lowercase(&out)
    }
}

/// Characters (Unicode scalar values) in the NFC form of `text`: the length a `max_length`
/// limits, so a composed and a decomposed "é" count the same.
pub fn char_count_nfc(text: &str) -> usize {
    nfc(text).chars().count()
}

/// Points earned by `response` against `answers`: the most points among the accepted answers
/// it matches after normalisation, 0 when it matches none. An answer without its own points is
/// worth `full`; every answer's points are kept within [0, full].
pub fn best_answer_points(
    response: &str,
    answers: &[AcceptedAnswer],
    case_sensitive: bool,
    full: f64,
) -> f64 {
    let given = normalize(response, case_sensitive);
    answers
        .iter()
        .filter(|a| normalize(&a.value, case_sensitive) == given)
        .map(|a| clamp_points(a.points.unwrap_or(full), full))
        .fold(0.0, f64::max)
}

/// `points` kept within [0, full]; NaN counts as 0.
pub fn clamp_points(points: f64, full: f64) -> f64 {
    // Not `f64::clamp`: its check of the bounds formats them with `{:?}`, which would bring
    // core's float formatter into the browser module (see `crate::decimal`).
    let full = full.max(0.0);
    if points.is_nan() || points < 0.0 {
        0.0
    } else if points > full {
        full
    } else {
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_nfc_case_and_whitespace() {
        assert_eq!(
            normalize("  Cafe\u{301}  au\tLAIT \n", false),
            "café au lait"
        );
        assert_eq!(normalize("Café", true), "Café");
        assert_eq!(normalize("Cafe\u{301}", true), "Caf\u{e9}");
        assert_eq!(normalize("   ", false), "");
    }

    #[test]
    fn counts_nfc_characters() {
        assert_eq!(char_count_nfc("cafe\u{301}"), 4);
        assert_eq!(char_count_nfc("caf\u{e9}"), 4);
    }
}
