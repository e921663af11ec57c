//! One block of a GIFT file: a `$CATEGORY:` command, a description (text without an answer
//! block), or a question: its `::title::`, text format, the text before and after the answer
//! block (text after it makes a missing-word question), the general feedback after `####`, and
//! the answers.

use super::answers::{self, Answers};
use super::report::ImportError;
use super::source::{error_at, Block, Pos, Tok};
use super::span::{self, Span};
use super::text::{span_html, split_format, to_html, TextFormat};

/// Stands for the answer block while the question text is turned into HTML.
const BLANK: char = '\u{E000}';

/// A question, still in GIFT terms.
#[derive(Debug, Clone, PartialEq)]
pub struct RawQuestion {
    /// Where the question starts (its title, or its text).
    pub start: Pos,
    /// The `::title::`, when it has a non-empty one.
    pub title: Option<String>,
    /// An explicit id from a `// [id:...]` comment (Moodle's idnumber).
    pub id: Option<String>,
    /// The question text before the answer block, as HTML.
    pub before: String,
    /// The text after the answer block, as HTML: present for a missing-word question.
    pub after: Option<String>,
    /// The `{` of the answer block.
    pub open: Pos,
    /// HTML after `####`.
    pub general_feedback: Option<String>,
    pub answers: Answers,
    /// Things to warn about that the parser noticed.
    pub notes: Vec<String>,
}

/// What a block holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// `$CATEGORY: path`: the questions after it belong to this category.
    Category {
        path: String,
        pos: Pos,
    },
    /// Text without an answer block: Moodle's "description", not a question.
    Description {
        title: Option<String>,
        pos: Pos,
    },
    Question(Box<RawQuestion>),
}

/// Parse one block. A `$CATEGORY:` line may be followed by a question in the same block.
pub fn parse_block(block: &Block, file: &str) -> Result<Vec<Parsed>, ImportError> {
    let mut s = span::trim(&block.toks);
    let mut out = Vec::new();
    if starts_with_category(s) {
        let line_end = span::find(s, '\n').unwrap_or(s.len());
        let (line, rest) = span::split(s, line_end);
        let pos = span::pos_or(line, block.start());
        let path = span::text(span::trim(span::skip(line, "$CATEGORY:".len())));
        if path.is_empty() {
            return Err(error_at(
                file,
                pos,
                "a $CATEGORY: line with no category",
                Some("a category path like `$CATEGORY: Networking/Routing`"),
            ));
        }
        out.push(Parsed::Category { path, pos });
        s = span::trim(rest);
        if s.is_empty() {
            return Ok(out);
        }
    }
    out.push(parse_question(s, block, file)?);
    Ok(out)
}

/// The `::title::` of a block, if it has one (for reporting a block that failed to parse).
pub fn block_title(block: &Block) -> Option<String> {
    let s = span::trim(&block.toks);
    let s = if starts_with_category(s) {
        span::trim(span::skip(s, span::find(s, '\n').unwrap_or(s.len())))
    } else {
        s
    };
    split_title(s, "").ok().and_then(|(title, _)| title)
}

fn starts_with_category(s: Span<'_>) -> bool {
    let head: String = s.iter().take(10).map(|t| t.ch).collect();
    head.eq_ignore_ascii_case("$CATEGORY:") && s.iter().take(10).all(|t| !t.escaped)
}

fn parse_question(s: Span<'_>, block: &Block, file: &str) -> Result<Parsed, ImportError> {
    let start = span::pos_or(s, block.start());
    let (title, s) = split_title(s, file)?;
    let id = explicit_id(&block.comments);
    let Some(open) = s.iter().position(|t| t.is('{') || t.is('}')) else {
        return Ok(Parsed::Description { title, pos: start });
    };
    let open_tok = s.get(open).copied().unwrap_or(Tok {
        ch: '{',
        escaped: false,
        pos: start,
    });
    if open_tok.ch == '}' {
        return Err(error_at(
            file,
            open_tok.pos,
            "a `}` with no `{` before it",
            Some("a `{` to open the answer block, or `\\}` for a literal brace"),
        ));
    }
    let inner_start = open + 1;
    let close = (inner_start..s.len()).find(|&i| s.get(i).is_some_and(|t| t.is('{') || t.is('}')));
    let close_tok = close.and_then(|i| s.get(i).copied());
    let close = match (close, close_tok) {
        (Some(i), Some(t)) if t.ch == '}' => i,
        (_, Some(t)) => {
            return Err(error_at(
                file,
                t.pos,
                format!(
                    "a `{{` inside the answer block opened at line {}, column {}",
                    open_tok.pos.line, open_tok.pos.column
                ),
                Some("`}` to close the answer block first, or `\\{` for a literal brace"),
            ))
        }
        _ => {
            return Err(error_at(
                file,
                open_tok.pos,
                "unterminated answer block: this `{` is never closed",
                Some(&format!(
                    "`}}` before the question ends at line {} (a blank line or the end of the file ends a question)",
                    block.end_line
                )),
            ))
        }
    };
    let before = s.get(..open).unwrap_or_default();
    let inner = s.get(inner_start..close).unwrap_or_default();
    let after = span::skip(s, close + 1);
    if let Some(t) = after.iter().find(|t| t.is('{') || t.is('}')) {
        return Err(error_at(
            file,
            t.pos,
            format!("a second answer block (`{}`) in one question", t.ch),
            Some("one answer block per question; write a literal brace as `\\{` or `\\}`, or separate questions with a blank line"),
        ));
    }
    let (format, before) = split_format(before, TextFormat::default());
    if span::is_blank(before) && span::is_blank(after) {
        return Err(error_at(
            file,
            open_tok.pos,
            "a question with no text",
            Some("the question text before the answer block"),
        ));
    }
    let (before, after) = stem_html(before, after, format);
    let (inner, general_feedback) = match span::rfind_str(inner, "####") {
        Some(i) => {
            let (a, gf) = span::split(inner, i);
            let (gf_format, gf) = split_format(span::skip(gf, 4), format);
            let html = span_html(gf, gf_format);
            (a, Some(html).filter(|h| !h.trim().is_empty()))
        }
        None => (inner, None),
    };
    let (answers, notes) = answers::parse(inner, format, open_tok.pos, file)?;
    Ok(Parsed::Question(Box::new(RawQuestion {
        start,
        title,
        id,
        before,
        after,
        open: open_tok.pos,
        general_feedback,
        answers,
        notes,
    })))
}

/// A leading `::title::`, and the rest of the question.
fn split_title<'a>(s: Span<'a>, file: &str) -> Result<(Option<String>, Span<'a>), ImportError> {
    if !span::starts_with(s, "::") {
        return Ok((None, s));
    }
    let Some(end) = span::find_str(s, "::", 2) else {
        return Err(error_at(
            file,
            span::pos_or(s, Pos { line: 1, column: 1 }),
            "the question title has no closing `::`",
            Some("`::title::` before the question text"),
        ));
    };
    let title = span::text(s.get(2..end).unwrap_or_default());
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok((
        Some(title).filter(|t| !t.is_empty()),
        span::trim_start(span::skip(s, end + 2)),
    ))
}

/// The question text around the answer block as HTML: (before, after). `after` is present
/// when text follows the block (a missing-word question). The whole text is converted at once
/// so that a format applies across the blank.
fn stem_html(before: Span<'_>, after: Span<'_>, format: TextFormat) -> (String, Option<String>) {
    let clean = |s: Span<'_>| -> String {
        s.iter()
            .map(|t| if t.ch == BLANK { '\u{FFFD}' } else { t.ch })
            .collect()
    };
    let mut text = clean(before);
    let missing_word = !span::is_blank(after);
    if missing_word {
        text.push(BLANK);
        text.push_str(&clean(after));
    }
    let html = to_html(text.trim(), format);
    match html.split_once(BLANK) {
        Some((a, b)) if missing_word => (a.to_string(), Some(b.to_string())),
        _ => (html, None),
    }
}

/// Moodle's question idnumber, written in a comment as `// [id:ABC-1]`.
fn explicit_id(comments: &[String]) -> Option<String> {
    comments.iter().find_map(|c| {
        let start = c.find("[id:")?;
        let rest = c.get(start + 4..)?;
        let end = rest.find(']')?;
        Some(rest.get(..end)?.trim().to_string()).filter(|id| !id.is_empty())
    })
}
