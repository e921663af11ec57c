//! Small operations on runs of located characters ([`Tok`] slices): trimming, finding an
//! unescaped special character, splitting at answer markers, and turning a run into text.
//! Nothing here indexes out of bounds: every slice is taken with `get`.

use super::source::{Pos, Tok};

/// A run of characters of one question.
pub type Span<'a> = &'a [Tok];

/// Without leading and trailing whitespace.
pub fn trim(s: Span<'_>) -> Span<'_> {
    let start = s.iter().position(|t| !t.ch.is_whitespace());
    let end = s.iter().rposition(|t| !t.ch.is_whitespace());
    match (start, end) {
        (Some(a), Some(b)) => s.get(a..=b).unwrap_or_default(),
        _ => &[],
    }
}

/// Without leading whitespace.
pub fn trim_start(s: Span<'_>) -> Span<'_> {
    match s.iter().position(|t| !t.ch.is_whitespace()) {
        Some(a) => s.get(a..).unwrap_or_default(),
        None => &[],
    }
}

/// True when the run holds only whitespace.
pub fn is_blank(s: Span<'_>) -> bool {
    s.iter().all(|t| t.ch.is_whitespace())
}

/// The run as text (escaped characters become plain characters).
pub fn text(s: Span<'_>) -> String {
    s.iter().map(|t| t.ch).collect()
}

/// Index of the first unescaped `c`.
pub fn find(s: Span<'_>, c: char) -> Option<usize> {
    s.iter().position(|t| t.is(c))
}

/// True when the run starts with the unescaped characters of `pattern`.
pub fn starts_with(s: Span<'_>, pattern: &str) -> bool {
    let n = pattern.chars().count();
    s.len() >= n && s.iter().zip(pattern.chars()).all(|(t, c)| t.is(c))
}

/// Index of the first unescaped occurrence of `pattern` at or after `from`.
pub fn find_str(s: Span<'_>, pattern: &str, from: usize) -> Option<usize> {
    (from..s.len()).find(|&i| starts_with(s.get(i..).unwrap_or_default(), pattern))
}

/// Index of the last unescaped occurrence of `pattern`.
pub fn rfind_str(s: Span<'_>, pattern: &str) -> Option<usize> {
    (0..s.len())
        .rev()
        .find(|&i| starts_with(s.get(i..).unwrap_or_default(), pattern))
}

/// The parts before and from index `i` (clamped to the run).
pub fn split(s: Span<'_>, i: usize) -> (Span<'_>, Span<'_>) {
    s.split_at(i.min(s.len()))
}

/// The run after skipping `n` characters (empty when shorter).
pub fn skip(s: Span<'_>, n: usize) -> Span<'_> {
    s.get(n..).unwrap_or_default()
}

/// Split at every unescaped marker character: the head before the first marker, then each
/// part starting with its marker.
pub fn split_markers(s: Span<'_>, is_marker: impl Fn(&Tok) -> bool) -> (Span<'_>, Vec<Span<'_>>) {
    let starts: Vec<usize> = s
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.escaped && is_marker(t))
        .map(|(i, _)| i)
        .collect();
    let head_end = starts.first().copied().unwrap_or(s.len());
    let head = s.get(..head_end).unwrap_or_default();
    let parts = starts
        .iter()
        .enumerate()
        .map(|(k, &a)| {
            let b = starts.get(k + 1).copied().unwrap_or(s.len());
            s.get(a..b).unwrap_or_default()
        })
        .collect();
    (head, parts)
}

/// Where the run starts, or `fallback` when it is empty.
pub fn pos_or(s: Span<'_>, fallback: Pos) -> Pos {
    s.first().map(|t| t.pos).unwrap_or(fallback)
}
