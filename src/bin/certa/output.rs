//! Shared CLI plumbing: reading files, loading packages, printing JSON, plain-text tables and
//! the exit status.

use std::path::Path;

use certa::model::{LoadError, Package};
use serde::Serialize;

/// How a command ended when it did not fail outright.
pub enum Status {
    Ok,
    Problems,
}

/// A usage or I/O failure (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
}

pub fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })
}

pub fn write(path: &Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Load and validate; on problems print them (text or JSON) and return `None`.
pub fn load_or_report(path: &Path, json: bool) -> Result<Option<Package>, CliError> {
    let text = read(path)?;
    match Package::load(&text) {
        Ok(p) => Ok(Some(p)),
        Err(err) => {
            report_load_error(path, &err, json);
            Ok(None)
        }
    }
}

pub fn report_load_error(path: &Path, err: &LoadError, json: bool) {
    let problems = err.problems();
    if json {
        print_json(&serde_json::json!({ "valid": false, "problems": problems }));
    } else {
        println!("{}: {} problem(s)", path.display(), problems.len());
        for p in &problems {
            println!("  {p}");
        }
    }
}

pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("certa: cannot write JSON: {e}"),
    }
}

/// A plain-text table: numeric columns are right-aligned, text columns left-aligned.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let cols = self.header.len();
        let mut width = vec![0usize; cols];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate().take(cols) {
                width[i] = width[i].max(cell.chars().count());
            }
        }
        let numeric: Vec<bool> = (0..cols)
            .map(|i| {
                self.rows.iter().all(|r| {
                    let c = r.get(i).map(String::as_str).unwrap_or("");
                    c == "—"
                        || c.trim_end_matches('%')
                            .replace('/', "")
                            .parse::<f64>()
                            .is_ok()
                })
            })
            .collect();
        let line = |row: &Vec<String>| {
            let mut out = String::from("  ");
            for (i, w) in width.iter().enumerate() {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
                if i > 0 {
                    out.push_str("  ");
                }
                if numeric[i] && i > 0 {
                    out.push_str(&pad);
                    out.push_str(cell);
                } else {
                    out.push_str(cell);
                    out.push_str(&pad);
                }
            }
            out.trim_end().to_string()
        };
        let mut out = line(&self.header);
        out.push('\n');
        out.push_str("  ");
        out.push_str(&"-".repeat(width.iter().sum::<usize>() + 2 * cols.saturating_sub(1)));
        for row in &self.rows {
            out.push('\n');
            out.push_str(&line(row));
        }
        out
    }
}

/// Strip HTML tags and collapse whitespace, for terminal display of stems and choices.
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
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shorten to at most `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
