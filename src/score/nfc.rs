//! Unicode Normalization Form C (UAX #15), built on the `unicode-normalization` crate's
//! per-character tables: canonical decomposition, canonical ordering of combining marks, then
//! canonical composition. It gives exactly what the crate's `nfc()` iterator gives (a test
//! compares them), without linking the compatibility (NFKC) tables that the iterator's
//! runtime choice of decomposition drags into the WebAssembly module.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

/// The NFC form of `text`.
pub fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    // Canonical decomposition, each character with its combining class.
    let mut chars: Vec<(char, u8)> = Vec::with_capacity(text.len());
    for c in text.chars() {
        decompose_canonical(c, |d| chars.push((d, canonical_combining_class(d))));
    }
    reorder_marks(&mut chars);
    compose_all(&chars)
}

/// Canonical ordering: within each run of combining marks (class > 0), a stable sort by
/// class. Runs are short, so an insertion sort does.
fn reorder_marks(chars: &mut [(char, u8)]) {
    for i in 1..chars.len() {
        let mut j = i;
        while j > 0 {
            let (here, before) = (chars[j].1, chars[j - 1].1);
            if here == 0 || before <= here {
                break;
            }
            chars.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Canonical composition: each character joins the last starter when it is not blocked from
/// it (no character in between has class 0 or a class at least its own) and the pair has a
/// primary composite.
fn compose_all(chars: &[(char, u8)]) -> String {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    // Index in `out` of the last starter, and the class of the last character after it.
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for &(c, class) in chars {
        if let Some(s) = starter {
            let blocked = last_class.is_some_and(|last| last == 0 || last >= class);
            if !blocked {
                if let Some(composite) = out.get(s).and_then(|&base| compose(base, c)) {
                    out[s] = composite;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else if starter.is_some() {
            last_class = Some(class);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Characters that exercise composition, blocking, reordering, Hangul and exclusions.
    const ALPHABET: &[char] = &[
        'a',
        'e',
        'o',
        'u',
        'A',
        'C',
        ' ',
        'ı',
        'ø',
        '\u{300}',
        '\u{301}',
        '\u{302}',
        '\u{308}',
        '\u{323}',
        '\u{327}',
        '\u{328}',
        '\u{31B}',
        '\u{344}',
        '\u{345}',
        '\u{0F73}',
        '\u{0958}',
        '\u{1100}',
        '\u{1161}',
        '\u{11A8}',
        '\u{AC00}',
        '\u{D7A3}',
        '\u{1E0A}',
        '\u{212B}',
        '\u{2126}',
        '\u{F900}',
        '\u{1D15E}',
        '\u{05B0}',
        '\u{0591}',
        'é',
        'ǖ',
        'ṩ',
        'Å',
        '\u{2ADC}',
    ];

    #[test]
    fn matches_the_crates_nfc_on_mixed_strings() {
        // A fixed linear congruential sequence: many short strings over the alphabet.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (state >> 60) as usize;
            let mut s = String::new();
            for _ in 0..len {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(ALPHABET[(state >> 33) as usize % ALPHABET.len()]);
            }
            assert_eq!(nfc(&s), s.nfc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn composes_and_leaves_ascii_alone() {
        assert_eq!(nfc("Cafe\u{301}"), "Caf\u{e9}");
        assert_eq!(nfc("\u{1100}\u{1161}\u{11A8}"), "\u{AC01}");
        assert_eq!(nfc("plain text"), "plain text");
    }
}
