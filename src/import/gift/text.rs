//! GIFT text formats and their HTML: `[html]` is kept as a fragment (the player sanitizes item
//! HTML before display), `[moodle]` (the default) allows HTML and turns line breaks into
//! `<br>`, `[plain]` is escaped, and `[markdown]` is escaped and then given a small safe subset
//! of Markdown (code spans, bold, emphasis, line and paragraph breaks).

use super::span::{self, Span};

/// The text format of a part of a question, from its leading `[format]` tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextFormat {
    /// `[moodle]`, the default: HTML allowed, line breaks kept.
    #[default]
    Moodle,
    /// `[html]`: an HTML fragment.
    Html,
    /// `[plain]`: text, shown exactly.
    Plain,
    /// `[markdown]`: Markdown, rendered with a small safe subset.
    Markdown,
}

impl TextFormat {
    fn from_name(name: &str) -> Option<TextFormat> {
        match name.to_ascii_lowercase().as_str() {
            "moodle" => Some(TextFormat::Moodle),
            "html" => Some(TextFormat::Html),
            "plain" => Some(TextFormat::Plain),
            "markdown" => Some(TextFormat::Markdown),
            _ => None,
        }
    }
}

/// Read an optional leading `[format]` tag: the format (or `default`) and the text after the
/// tag, without leading whitespace. An unknown tag (`[note]`) is text.
pub fn split_format(s: Span<'_>, default: TextFormat) -> (TextFormat, Span<'_>) {
    let s = span::trim_start(s);
    if s.first().is_some_and(|t| t.is('[')) {
        if let Some(end) = s.iter().take(12).position(|t| t.is(']')) {
            let name = span::text(s.get(1..end).unwrap_or_default());
            if let Some(format) = TextFormat::from_name(&name) {
                return (format, span::trim_start(span::skip(s, end + 1)));
            }
        }
    }
    (default, s)
}

/// A run of question text in its format, as an HTML fragment.
pub fn span_html(s: Span<'_>, format: TextFormat) -> String {
    to_html(span::text(span::trim(s)).trim(), format)
}

/// Text in a format, as an HTML fragment.
pub fn to_html(text: &str, format: TextFormat) -> String {
    match format {
        TextFormat::Html => text.to_string(),
        TextFormat::Moodle => text.replace('\n', "<br>"),
        TextFormat::Plain => escape_html(text).replace('\n', "<br>"),
        TextFormat::Markdown => markdown_html(text),
    }
}

/// `&`, `<`, `>`, `"` and `'` as character references.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Paragraphs (blank lines), line breaks, `` `code` ``, `**bold**`, `*em*` and `_em_`, on
/// escaped text: the only tags in the output are the ones added here.
fn markdown_html(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.lines()
                .map(|line| inline_markdown(line.trim(), 0))
                .collect::<Vec<_>>()
                .join("<br>")
        })
        .collect();
    match paragraphs.as_slice() {
        [one] => one.clone(),
        many => many.iter().map(|p| format!("<p>{p}</p>")).collect(),
    }
}

/// How far a closing delimiter is looked for, and how deep spans nest: keeps the work linear
/// and the stack shallow on any input.
const MAX_SPAN: usize = 1000;
const MAX_DEPTH: usize = 4;

fn inline_markdown(line: &str, depth: usize) -> String {
    if depth > MAX_DEPTH {
        return escape_html(line);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\\' && matches!(chars.get(i + 1), Some('*' | '_' | '`' | '\\')) {
            if let Some(n) = chars.get(i + 1) {
                out.push(*n);
            }
            i += 2;
            continue;
        }
        let delim: &[char] = match c {
            '`' => &['`'],
            '*' if chars.get(i + 1) == Some(&'*') => &['*', '*'],
            '*' => &['*'],
            // Intraword underscores (snake_case) are text.
            '_' if !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric()) =>
            {
                &['_']
            }
            _ => &[],
        };
        let n = delim.len();
        let opens = n > 0 && chars.get(i + n).is_some_and(|x| !x.is_whitespace());
        let close = if opens {
            (i + n + 1..chars.len().min(i + n + 1 + MAX_SPAN)).find(|&j| {
                chars.get(j..j + n) == Some(delim)
                    && chars.get(j - 1).is_some_and(|p| !p.is_whitespace())
                    && !(c == '_' && chars.get(j + 1).is_some_and(|x| x.is_alphanumeric()))
            })
        } else {
            None
        };
        if let Some(end) = close {
            let inner: String = chars.get(i + n..end).unwrap_or_default().iter().collect();
            let (open, inner, shut) = match (c, n) {
                ('`', _) => ("<code>", escape_html(&inner), "</code>"),
                (_, 2) => ("<strong>", inline_markdown(&inner, depth + 1), "</strong>"),
                _ => ("<em>", inline_markdown(&inner, depth + 1), "</em>"),
            };
            out.push_str(open);
            out.push_str(&inner);
            out.push_str(shut);
            i = end + n;
            continue;
        }
        out.push_str(&escape_html(&c.to_string()));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_give_safe_html() {
        assert_eq!(
            to_html("a <b>x</b>\ny", TextFormat::Moodle),
            "a <b>x</b><br>y"
        );
        assert_eq!(to_html("a <b>x</b>", TextFormat::Html), "a <b>x</b>");
        assert_eq!(
            to_html("if a < b && c > 'd'\nend", TextFormat::Plain),
            "if a &lt; b &amp;&amp; c &gt; &#39;d&#39;<br>end"
        );
    }

    #[test]
    fn markdown_subset_escapes_first() {
        assert_eq!(
            to_html(
                "Use **`<div>`** or *not* a_b_c <script>",
                TextFormat::Markdown
            ),
            "Use <strong><code>&lt;div&gt;</code></strong> or <em>not</em> a_b_c &lt;script&gt;"
        );
        assert_eq!(
            to_html("one\n\ntwo\nthree", TextFormat::Markdown),
            "<p>one</p><p>two<br>three</p>"
        );
        assert_eq!(
            to_html("2 * 3 * 4 and \\*x\\*", TextFormat::Markdown),
            "2 * 3 * 4 and *x*"
        );
        assert_eq!(to_html("**", TextFormat::Markdown), "**");
    }
}
