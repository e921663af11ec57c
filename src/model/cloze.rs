//! Cloze text: HTML with `{{gap_id}}` markers. One scanner serves validation (which gap ids a
//! text names, [`cloze_markers`]) and delivery (the text split into HTML runs and gaps,
//! `delivery::cloze_segments`), so the two can never read a text differently.
//!
//! The markers are found byte by byte rather than with `str::find("{{")`, whose substring
//! search (two-way) the browser module would otherwise carry for these two patterns alone.

/// A run of a cloze text: HTML between markers, or the (trimmed) id inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClozePiece<'a> {
    /// Text between markers, possibly empty.
    Html(&'a str),
    /// The id of a `{{id}}` marker, trimmed of spaces.
    Gap(&'a str),
}

/// Split a cloze text at its `{{id}}` markers, in order; every gap comes between two HTML
/// runs. A `{{` with no `}}` after it is text.
///
/// ```
/// use certa::model::cloze::{cloze_pieces, ClozePiece::*};
/// assert_eq!(
///     cloze_pieces("<p>A {{ g1 }} b {{g2"),
///     [Html("<p>A "), Gap("g1"), Html(" b {{g2")]
/// );
/// ```
pub fn cloze_pieces(text: &str) -> Vec<ClozePiece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = find_double(rest, b'{') {
        let (before, marker) = rest.split_at(open);
        let after = marker.get(2..).unwrap_or("");
        let Some(close) = find_double(after, b'}') else {
            break;
        };
        out.push(ClozePiece::Html(before));
        out.push(ClozePiece::Gap(after.get(..close).unwrap_or("").trim()));
        rest = after.get(close + 2..).unwrap_or("");
    }
    out.push(ClozePiece::Html(rest));
    out
}

/// Gap ids named by `{{id}}` markers in a cloze text, in order.
pub fn cloze_markers(text: &str) -> Vec<&str> {
    cloze_pieces(text)
        .into_iter()
        .filter_map(|piece| match piece {
            ClozePiece::Gap(id) => Some(id),
            ClozePiece::Html(_) => None,
        })
        .collect()
}

/// Byte offset of the first two `byte`s in a row (an ASCII byte, so always a char boundary).
fn find_double(text: &str, byte: u8) -> Option<usize> {
    text.as_bytes()
        .windows(2)
        .position(|pair| pair[0] == byte && pair[1] == byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_as_before() {
        assert_eq!(cloze_markers("a {{g1}} b {{ g2 }} c"), ["g1", "g2"]);
        assert_eq!(cloze_markers("{{g1}}{{g2}}"), ["g1", "g2"]);
        assert_eq!(cloze_markers("{{{g1}}}"), ["{g1"]);
        assert_eq!(cloze_markers("x {{g1"), Vec::<&str>::new());
        assert_eq!(cloze_markers("é {{ñ}} ü"), ["ñ"]);
        assert_eq!(cloze_markers("{ {g} }"), Vec::<&str>::new());
    }

    #[test]
    fn pieces_rebuild_the_text_around_the_gaps() {
        use ClozePiece::*;
        assert_eq!(
            cloze_pieces("{{a}}x{{b}}"),
            [Html(""), Gap("a"), Html("x"), Gap("b"), Html("")]
        );
        assert_eq!(cloze_pieces("plain"), [Html("plain")]);
        assert_eq!(cloze_pieces(""), [Html("")]);
    }
}
