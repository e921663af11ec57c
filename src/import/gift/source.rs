//! Reading a GIFT file into question blocks: UTF-8 and the byte-order mark, line endings
//! (`\n`, `\r\n`, `\r`), comment lines (`//` first on the line), the blank lines that separate
//! questions, and backslash escapes (`\~ \= \# \{ \} \: \\` and `\n`). Every character keeps
//! the line and column it came from, so later errors can point at it.

use super::report::{ImportError, Location};

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// One character of a question, after escapes. An escaped character never has a special
/// meaning (`\~` is a tilde in the text, not a wrong answer).
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub ch: char,
    pub escaped: bool,
    pub pos: Pos,
}

impl Tok {
    /// True for the unescaped special character `c`.
    pub fn is(&self, c: char) -> bool {
        !self.escaped && self.ch == c
    }
}

/// The lines of one question (or `$CATEGORY:` command) between blank lines, comments removed.
#[derive(Debug)]
pub struct Block {
    /// The characters of its lines joined with `\n`.
    pub toks: Vec<Tok>,
    /// The text of its comment lines, after `//`.
    pub comments: Vec<String>,
    /// The line of the blank line (or the end of the file) that ends the block.
    pub end_line: usize,
}

impl Block {
    /// Where the block's first character is.
    pub fn start(&self) -> Pos {
        self.toks.first().map(|t| t.pos).unwrap_or(Pos {
            line: self.end_line,
            column: 1,
        })
    }
}

/// A located error, before the file name is known.
pub fn error_at(
    file: &str,
    pos: Pos,
    message: impl Into<String>,
    expected: Option<&str>,
) -> ImportError {
    ImportError {
        location: location(file, pos),
        message: message.into(),
        expected: expected.map(str::to_string),
    }
}

/// The file location of a position.
pub fn location(file: &str, pos: Pos) -> Location {
    Location {
        file: file.to_string(),
        line: pos.line,
        column: pos.column,
    }
}

/// Bytes to text: UTF-8 only. A UTF-16 file or stray bytes are reported with their place.
pub fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(error_at(
            file,
            Pos { line: 1, column: 1 },
            "not GIFT: the file is UTF-16 text",
            Some("UTF-8 text (save the file as UTF-8)"),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let before = String::from_utf8_lossy(valid);
        let pos = end_position(&before);
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        error_at(
            file,
            pos,
            format!("not GIFT: byte 0x{byte:02X} is not UTF-8 text"),
            Some("UTF-8 text (save the file as UTF-8)"),
        )
    })
}

/// The position just after `text`.
fn end_position(text: &str) -> Pos {
    let mut pos = Pos { line: 1, column: 1 };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            pos.line += 1;
            pos.column = 1;
        } else {
            pos.column += 1;
        }
    }
    pos
}

/// The lines of a text, each with its characters; `\r\n`, `\n` and `\r` end a line.
fn lines(text: &str) -> Vec<Vec<char>> {
    let mut out = vec![Vec::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push(Vec::new());
        } else if let Some(line) = out.last_mut() {
            line.push(c);
        }
    }
    out
}

/// Control characters that never occur in a text file (a tab, vertical tab and form feed do).
fn is_binary(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\u{B}' | '\u{C}')
}

/// Split the text into blocks. Fails only on characters that cannot be in a text file.
pub fn blocks(text: &str, file: &str) -> Result<Vec<Block>, ImportError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::new();
    let mut current = Block {
        toks: Vec::new(),
        comments: Vec::new(),
        end_line: 1,
    };
    let mut has_lines = false;
    let all = lines(text);
    let last_line = all.len();
    for (index, chars) in all.into_iter().enumerate() {
        let line = index + 1;
        if let Some(column) = chars.iter().position(|c| is_binary(*c)) {
            let code = chars.get(column).map(|c| *c as u32).unwrap_or_default();
            return Err(error_at(
                file,
                Pos {
                    line,
                    column: column + 1,
                },
                format!("not GIFT: control character U+{code:04X} in the text"),
                Some("a UTF-8 text file of questions"),
            ));
        }
        let first = chars.iter().position(|c| !c.is_whitespace());
        let Some(first) = first else {
            // A blank line ends the question.
            if has_lines || !current.comments.is_empty() {
                current.end_line = line;
                out.push(std::mem::replace(
                    &mut current,
                    Block {
                        toks: Vec::new(),
                        comments: Vec::new(),
                        end_line: line,
                    },
                ));
                has_lines = false;
            }
            continue;
        };
        let rest = chars.get(first..).unwrap_or_default();
        if rest.starts_with(&['/', '/']) {
            current
                .comments
                .push(rest.iter().skip(2).collect::<String>().trim().to_string());
            continue;
        }
        if has_lines {
            current.toks.push(Tok {
                ch: '\n',
                escaped: false,
                pos: Pos { line, column: 0 },
            });
        }
        unescape_line(&chars, line, &mut current.toks);
        has_lines = true;
    }
    if has_lines || !current.comments.is_empty() {
        current.end_line = last_line.max(1);
        out.push(current);
    }
    // Blocks of comments only carry nothing.
    out.retain(|b| !b.toks.is_empty());
    Ok(out)
}

/// Characters of one line with escapes resolved.
fn unescape_line(chars: &[char], line: usize, toks: &mut Vec<Tok>) {
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let pos = Pos {
            line,
            column: i + 1,
        };
        let next = chars.get(i + 1).copied();
        match (c, next) {
            ('\\', Some(n @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\'))) => {
                toks.push(Tok {
                    ch: n,
                    escaped: true,
                    pos,
                });
                i += 2;
            }
            ('\\', Some('n')) => {
                toks.push(Tok {
                    ch: '\n',
                    escaped: true,
                    pos,
                });
                i += 2;
            }
            _ => {
                toks.push(Tok {
                    ch: c,
                    escaped: false,
                    pos,
                });
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: &Block) -> String {
        b.toks.iter().map(|t| t.ch).collect()
    }

    #[test]
    fn splits_on_blank_lines_and_drops_comments() {
        let src = "\u{FEFF}// header\r\n::A:: one {T}\r\n\r\n  \r\n// c\r\n::B::\r\ntwo {F}\r\n";
        let b = blocks(src, "f").unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(text(&b[0]), "::A:: one {T}");
        assert_eq!(b[0].start(), Pos { line: 2, column: 1 });
        assert_eq!(b[0].comments, vec!["header".to_string()]);
        assert_eq!(text(&b[1]), "::B::\ntwo {F}");
        assert_eq!(b[1].comments, vec!["c".to_string()]);
        assert_eq!(b[1].toks[6].pos, Pos { line: 7, column: 1 });
    }

    #[test]
    fn resolves_escapes() {
        let b = blocks(r"a\{b\}\~\=\#\:\\\n\x", "f").unwrap();
        assert_eq!(text(&b[0]), "a{b}~=#:\\\n\\x");
        assert!(b[0].toks[1].escaped && !b[0].toks[0].escaped);
        assert!(!b[0].toks.last().unwrap().escaped);
    }

    #[test]
    fn reports_binary_and_non_utf8_with_place() {
        let e = blocks("ok\nab\u{0}c", "f.gift").unwrap_err();
        assert_eq!(
            e.to_string().split(':').take(3).collect::<Vec<_>>(),
            ["f.gift", "2", "3"]
        );
        let e = decode(b"line\nab\xFFc", "f.gift").unwrap_err();
        assert!(
            e.to_string().starts_with("f.gift:2:3: not GIFT: byte 0xFF"),
            "{e}"
        );
        assert!(decode(&[0xFF, 0xFE, 0x41, 0], "f").is_err());
    }
}
