//! Item ids and domains for imported questions.
//!
//! Ids: a `// [id:...]` comment (Moodle's idnumber) is used as written; otherwise the
//! `::title::` slugified (`::Q1: Ohm's law::` → `q1-ohm-s-law`); otherwise `q001`, `q002`, ...
//! by position among the questions. A derived id that is already taken gets `-2`, `-3`, ...
//! with a warning. Two questions with the same title in the same category, or the same
//! explicit id, are an error.
//!
//! Domains: a `$CATEGORY:` path names the domain of the questions after it by its last
//! segment (`$course$/top/Networking/Routing` → `Routing`), Moodle's context prefixes
//! (`$course$`, `$system$`, `top`, ...) dropped and `//` read as a literal slash. When two
//! different paths end in the same segment, both use their whole path (`Networking/Basics`,
//! `Security/Basics`) so that they stay apart. Questions before any category go to the default
//! domain.

use std::collections::{BTreeMap, BTreeSet};

use super::question::RawQuestion;
use super::report::ImportError;
use super::source::{error_at, Pos};

/// Longest slug taken from a title.
const MAX_SLUG: usize = 60;

/// Hands out unique item ids.
#[derive(Debug, Default)]
pub struct Ids {
    used: BTreeSet<String>,
    explicit: BTreeMap<String, Pos>,
    titles: BTreeMap<(String, String), Pos>,
}

impl Ids {
    /// The id of question number `ordinal` (1-based) in `category` (its path, `""` for none),
    /// and a warning when the id had to be changed to stay unique.
    pub fn assign(
        &mut self,
        q: &RawQuestion,
        ordinal: usize,
        category: &str,
        file: &str,
    ) -> Result<(String, Option<String>), ImportError> {
        if let Some(title) = &q.title {
            let key = (category.to_string(), title.clone());
            if let Some(first) = self.titles.get(&key) {
                return Err(error_at(
                    file,
                    q.start,
                    format!(
                        "duplicate title \"{title}\" (first at line {}, column {}) in the same category",
                        first.line, first.column
                    ),
                    Some("a title that no other question in the category has"),
                ));
            }
            self.titles.insert(key, q.start);
        }
        let base = match (&q.id, &q.title) {
            (Some(id), _) => {
                if let Some(first) = self.explicit.get(id) {
                    return Err(error_at(
                        file,
                        q.start,
                        format!(
                            "duplicate identifier [id:{id}] (first at line {}, column {})",
                            first.line, first.column
                        ),
                        Some("an [id:...] that no other question has"),
                    ));
                }
                self.explicit.insert(id.clone(), q.start);
                id.clone()
            }
            (None, Some(title)) => Some(slug(title))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| numbered(ordinal)),
            (None, None) => numbered(ordinal),
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        let warning = (id != base)
            .then(|| format!("the id \"{base}\" is already taken, so this item is \"{id}\""));
        Ok((id, warning))
    }
}

/// `q001`, `q002`, ... (more digits past 999).
fn numbered(ordinal: usize) -> String {
    format!("q{ordinal:03}")
}

/// Lower-case ASCII letters and digits, other runs of characters as one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= MAX_SLUG {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The segments of a category path without Moodle's context prefixes; `//` is a literal `/`.
pub fn category_segments(path: &str) -> Vec<String> {
    let mut segments = vec![String::new()];
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' {
            if chars.peek() == Some(&'/') {
                chars.next();
                if let Some(last) = segments.last_mut() {
                    last.push('/');
                }
            } else {
                segments.push(String::new());
            }
        } else if let Some(last) = segments.last_mut() {
            last.push(c);
        }
    }
    let mut out: Vec<String> = segments
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let is_context = |s: &str| s.len() > 2 && s.starts_with('$') && s.ends_with('$');
    if out.first().is_some_and(|s| is_context(s)) {
        out.remove(0);
        if out.first().is_some_and(|s| s == "top") {
            out.remove(0);
        }
    }
    out
}

/// The domain name of every category path (in any order), by the rules in the module docs.
pub fn domain_names(paths: &[&str], default_domain: &str) -> BTreeMap<String, String> {
    let cleaned: Vec<(String, Vec<String>)> = paths
        .iter()
        .map(|p| (p.to_string(), category_segments(p)))
        .collect();
    let mut lasts: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (_, segs) in &cleaned {
        if let Some(last) = segs.last() {
            lasts
                .entry(last.as_str())
                .or_default()
                .insert(segs.join("/"));
        }
    }
    cleaned
        .iter()
        .map(|(path, segs)| {
            let name = match segs.last() {
                None => default_domain.to_string(),
                Some(last) if lasts.get(last.as_str()).is_some_and(|s| s.len() > 1) => {
                    segs.join("/")
                }
                Some(last) => last.clone(),
            };
            (path.clone(), name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_short() {
        assert_eq!(slug("Q1: Ohm's law"), "q1-ohm-s-law");
        assert_eq!(slug("  --Été 2024--  "), "t-2024");
        assert_eq!(slug("日本"), "");
        assert!(slug(&"ab ".repeat(100)).len() <= MAX_SLUG);
    }

    #[test]
    fn categories_name_domains_by_last_segment_unless_ambiguous() {
        assert_eq!(
            category_segments("$course$/top/Networking/Routing"),
            ["Networking", "Routing"]
        );
        assert_eq!(category_segments("TCP//IP/ Basics /"), ["TCP/IP", "Basics"]);
        let names = domain_names(
            &[
                "$course$/top/Net/Basics",
                "Sec/Basics",
                "Net/Routing",
                "$course$/top",
            ],
            "General",
        );
        assert_eq!(names["$course$/top/Net/Basics"], "Net/Basics");
        assert_eq!(names["Sec/Basics"], "Sec/Basics");
        assert_eq!(names["Net/Routing"], "Routing");
        assert_eq!(names["$course$/top"], "General");
    }
}
