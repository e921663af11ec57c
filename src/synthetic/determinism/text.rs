//! Typed answers that look different but normalize alike (NFC, case, whitespace), for the
//! text entry items and text gaps of determinism cases.

use crate::assemble::SeededRng;

/// An accepted answer, spellings that normalize to it, and a near miss that does not.
pub(super) struct UnicodeTerm {
    /// The accepted answer, NFC.
    pub answer: &'static str,
    /// The same answer decomposed (NFD), in other case, or with other whitespace. With a
    /// case-sensitive item the case variants are wrong, which is fine: both targets agree.
    pub same: &'static [&'static str],
    /// Differs after normalization (a missing accent, a different character).
    pub near_miss: &'static str,
}

/// Accented Latin, Greek with a final sigma, Hangul (composed from jamo), CJK, the dotted
/// capital I, a ligature, an emoji, and non-breaking and ideographic spaces.
pub(super) const UNICODE_TERMS: [UnicodeTerm; 11] = [
    UnicodeTerm {
        answer: "café au lait",
        same: &[
            "cafe\u{301} au lait",
            "  CAFÉ\tAU  LAIT ",
            "Cafe\u{301}\u{a0}au\u{3000}lait",
        ],
        near_miss: "cafe au lait",
    },
    UnicodeTerm {
        answer: "Ångström",
        same: &["A\u{30a}ngstro\u{308}m", "\u{212b}ngström", "ÅNGSTRÖM"],
        near_miss: "Angstrom",
    },
    UnicodeTerm {
        answer: "naïve",
        same: &["nai\u{308}ve", "NAÏVE\n"],
        near_miss: "naive",
    },
    UnicodeTerm {
        answer: "Σίσυφος",
        same: &["ΣΊΣΥΦΟΣ", "Σι\u{301}συφος"],
        near_miss: "Σισυφος",
    },
    UnicodeTerm {
        answer: "한국어",
        same: &[
            "\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}\u{110b}\u{1165}",
            " 한국어 ",
        ],
        near_miss: "한국",
    },
    UnicodeTerm {
        answer: "Straße",
        same: &["STRAßE", "straße "],
        near_miss: "strasse",
    },
    UnicodeTerm {
        answer: "日本語の試験",
        same: &["日本語の試験\u{3000}", "\u{3000}日本語の試験"],
        near_miss: "日本語",
    },
    UnicodeTerm {
        answer: "résumé",
        same: &["re\u{301}sume\u{301}", "RÉSUMÉ"],
        near_miss: "resume",
    },
    UnicodeTerm {
        answer: "İstanbul",
        same: &["İSTANBUL", "I\u{307}stanbul"],
        near_miss: "istanbul",
    },
    UnicodeTerm {
        answer: "ﬁnance ﬂow",
        same: &["ﬁNANCE ﬂOW", "ﬁnance\u{2003}ﬂow"],
        near_miss: "finance flow",
    },
    UnicodeTerm {
        answer: "🙂 ok",
        same: &["🙂  OK", "\t🙂 ok\r\n"],
        near_miss: "🙃 ok",
    },
];

/// An answer typed with other case and extra whitespace (spaces, tabs, a non-breaking space).
pub(super) fn respaced(answer: &str, rng: &mut SeededRng) -> String {
    let cased = match rng.below(3) {
        0 => answer.to_uppercase(),
        1 => answer.to_string(),
        _ => {
            let mut chars = answer.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        }
    };
    let spaces = ["  ", "\t", "\u{a0}", " \n "];
    let joined = cased
        .split(' ')
        .collect::<Vec<_>>()
        .join(spaces[rng.below(spaces.len())]);
    format!(" {joined}\t")
}

/// Essays: plain, or with right-to-left text, an emoji, control whitespace and quotes.
pub(super) const ESSAYS: [&str; 3] = [
    "I would review the timeline first, then the logs, then the baseline.",
    "Erklärung: zuerst die Protokolle prüfen 🙂 — ثم مراجعة السجلات.\n\t\"Schritt 2\": \\ fertig.",
    "",
];
