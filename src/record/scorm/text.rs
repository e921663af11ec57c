//! Free text as SCORM characterstrings: HTML stems as plain text, whitespace folded to single
//! spaces, the reserved delimiters defused, and length limits applied with a notice.
//!
//! Lengths are counted in UTF-16 code units, as JavaScript runtimes count them: never more
//! characters than the SPM allows, and a character outside the Basic Multilingual Plane
//! counts twice. Line breaks become spaces because runtimes test values with JavaScript
//! regular expressions whose `.` does not match them (scorm-again rejects a `long-fill-in`
//! response or a description with a line break).

use super::ScormNotice;

/// The delimiters SCORM 2004 reserves inside list-valued characterstrings.
const RESERVED: [&str; 3] = ["[,]", "[.]", "[:]"];

/// Tag-free text of an HTML fragment: tags dropped, the common entities and numeric character
/// references decoded, whitespace folded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    fold_whitespace(&decode_entities(&out))
}

/// Every run of whitespace (line breaks included) as one space, trimmed at both ends.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decode `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and `&#NN;` / `&#xHH;`. Anything
/// else is left as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let decoded = tail.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &tail[1..end];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => numeric_reference(name),
            };
            ch.map(|c| (c, end + 1))
        });
        match decoded {
            Some((ch, len)) => {
                out.push(ch);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn numeric_reference(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<u32>().ok()?,
    };
    char::from_u32(code)
}

/// Length in UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// `text` cut to at most `max` UTF-16 code units (never inside a character). When it is cut,
/// a notice names the element and both lengths.
pub fn limit(text: String, max: usize, element: &str, notices: &mut Vec<ScormNotice>) -> String {
    let len = utf16_len(&text);
    if len <= max {
        return text;
    }
    let mut used = 0;
    let cut: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= max
        })
        .collect();
    notices.push(ScormNotice::new(
        element,
        format!("truncated from {len} to {} characters", utf16_len(&cut)),
    ));
    cut
}

/// Free text placed inside a SCORM 2004 list value (a `fill-in` entry): the reserved
/// delimiters get a space after their `[` (`[,]` becomes `[ ,]`) so that they read as text.
pub fn defuse_delimiters(text: &str, element: &str, notices: &mut Vec<ScormNotice>) -> String {
    let mut out = text.to_string();
    for token in RESERVED {
        if out.contains(token) {
            let spaced = format!("[ {}", &token[1..]);
            out = out.replace(token, &spaced);
            notices.push(ScormNotice::new(
                element,
                format!("the reserved delimiter {token} in the text is written as {spaced}"),
            ));
        }
    }
    out
}

/// A localized characterstring may not begin with `{` unless it opens a `{lang=...}` or
/// `{case_matters=...}` delimiter, so a leading `{` of free text is written as `(`.
pub fn defuse_leading_brace(text: String, element: &str, notices: &mut Vec<ScormNotice>) -> String {
    match text.strip_prefix('{') {
        Some(rest) => {
            notices.push(ScormNotice::new(
                element,
                "the text began with \"{\", which SCORM reads as a delimiter; it is written as \"(\"",
            ));
            format!("({rest}")
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<p>Which <code>&lt;label&gt;</code>\n  is &quot;right&quot;&#63; &#x2014; A&amp;B &bogus; &</p>"),
            "Which <label> is \"right\"? \u{2014} A&B &bogus; &"
        );
    }

    #[test]
    fn limit_counts_utf16_and_reports() {
        let mut notices = Vec::new();
        assert_eq!(limit("abc".into(), 3, "e", &mut notices), "abc");
        assert!(notices.is_empty());
        // 😀 is two UTF-16 code units: it does not fit in the last unit.
        assert_eq!(limit("ab😀c".into(), 3, "e", &mut notices), "ab");
        assert_eq!(
            notices[0].to_string(),
            "e: truncated from 5 to 2 characters"
        );
    }

    #[test]
    fn delimiters_and_braces_are_defused() {
        let mut notices = Vec::new();
        assert_eq!(
            defuse_delimiters("a[,]b[.]c[:]d", "e", &mut notices),
            "a[ ,]b[ .]c[ :]d"
        );
        assert_eq!(notices.len(), 3);
        assert_eq!(defuse_leading_brace("{x}".into(), "e", &mut notices), "(x}");
        assert_eq!(notices.len(), 4);
    }
}
