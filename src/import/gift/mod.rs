//! Moodle GIFT import: a GIFT text file to certa items, domains and a valid package.
//!
//! ```
//! use certa::import::gift::{gift_package, parse_gift, PackageSettings};
//!
//! let text = "$CATEGORY: Physics/Electricity\n\n::Ohm::What is the unit of resistance? {=ohm ~volt ~ampere}\n";
//! let import = parse_gift(text, "physics.gift").unwrap();
//! assert_eq!(import.items[0].id, "ohm");
//! assert_eq!(import.items[0].domain, "Electricity");
//! let package = gift_package(&import, &PackageSettings::new("physics", "Physics"));
//! assert!(certa::model::validate(&package).is_empty());
//! ```
//!
//! The parts, one job each: [`source`] reads the file into question blocks (encoding, line
//! endings, comments, escapes, positions); `question`, `answers` and `numeric` parse a block in
//! GIFT terms; `convert` and `choice` map it to a certa interaction with a warning for whatever is
//! not exact; `ids` gives ids and domains; [`package`] assembles a package. What maps and what
//! does not is written up in `docs/import-gift.md`.
//!
//! An import never panics, whatever the bytes. An error names the file, line and column, what
//! is wrong and what was expected there.

mod answers;
mod choice;
mod convert;
mod ids;
mod numeric;
pub mod package;
mod question;
pub mod report;
pub mod source;
mod span;
mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Item;
use question::Parsed;

pub use ids::{category_segments, slug};
pub use package::{gift_package, package_defaults, PackageSettings, DEFAULT_CUT_SCORE};
pub use report::{ImportError, ImportWarning, Location, SkippedQuestion};

/// How to import.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftOptions {
    /// The domain of questions that come before any `$CATEGORY:` line.
    pub default_domain: String,
    /// The points of every item (GIFT has no points; Moodle's default mark is 1).
    pub points: f64,
    /// Skip a question with an error, listing it in [`GiftImport::skipped`], instead of failing
    /// the whole import (Moodle's "stop on error: no").
    pub skip_invalid: bool,
}

impl Default for GiftOptions {
    fn default() -> Self {
        GiftOptions {
            default_domain: "General".to_string(),
            points: 1.0,
            skip_invalid: false,
        }
    }
}

/// A domain of the import: its name, the category paths it came from, its item count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedDomain {
    pub name: String,
    /// The `$CATEGORY:` paths whose questions are in it (none for the default domain).
    pub categories: Vec<String>,
    pub items: usize,
}

/// What a GIFT file imported to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GiftImport {
    /// The items, in file order, without outcome alignments ([`gift_package`] adds them).
    pub items: Vec<Item>,
    /// The domains in first-seen order.
    pub domains: Vec<ImportedDomain>,
    /// What was imported but not exactly.
    pub warnings: Vec<ImportWarning>,
    /// What was not imported, and why.
    pub skipped: Vec<SkippedQuestion>,
}

/// Import GIFT text with the default options: the first error stops the import.
pub fn parse_gift(text: &str, file: &str) -> Result<GiftImport, ImportError> {
    parse_gift_with(text, file, &GiftOptions::default())
}

/// Import GIFT bytes: they must be UTF-8 (a byte-order mark is allowed).
pub fn parse_gift_bytes(
    bytes: &[u8],
    file: &str,
    options: &GiftOptions,
) -> Result<GiftImport, ImportError> {
    parse_gift_with(source::decode(bytes, file)?, file, options)
}

/// Import GIFT text.
pub fn parse_gift_with(
    text: &str,
    file: &str,
    options: &GiftOptions,
) -> Result<GiftImport, ImportError> {
    refuse_other_formats(text, file)?;
    let blocks = source::blocks(text, file)?;
    if blocks.is_empty() {
        return Err(source::error_at(
            file,
            source::Pos { line: 1, column: 1 },
            "not GIFT: the file holds no questions",
            Some("questions like `What is 2+2? {=4 ~3 ~5}`, separated by blank lines"),
        ));
    }
    let mut ids = ids::Ids::default();
    let mut items: Vec<(Item, String)> = Vec::new();
    let mut warnings = Vec::new();
    let mut skipped = Vec::new();
    let mut category = String::new();
    let mut ordinal = 0;
    let mut any_question = false;
    for block in &blocks {
        let parsed = match question::parse_block(block, file) {
            Ok(p) => p,
            Err(e) => {
                any_question = true;
                skip_or_fail(e, question::block_title(block), options, &mut skipped)?;
                continue;
            }
        };
        for p in parsed {
            let q = match p {
                Parsed::Category { path, .. } => {
                    category = path;
                    continue;
                }
                Parsed::Description { title, pos } => {
                    skipped.push(SkippedQuestion {
                        location: source::location(file, pos),
                        title,
                        reason: "a description (text with no answer block) is not a question"
                            .to_string(),
                    });
                    continue;
                }
                Parsed::Question(q) => q,
            };
            any_question = true;
            ordinal += 1;
            let done = convert::convert(&q, options.points, file).and_then(|c| {
                let (id, note) = ids.assign(&q, ordinal, &category, file)?;
                Ok((c, id, note))
            });
            let (c, id, note) = match done {
                Ok(x) => x,
                Err(e) => {
                    skip_or_fail(e, q.title.clone(), options, &mut skipped)?;
                    continue;
                }
            };
            let location = source::location(file, q.start);
            for message in note.into_iter().chain(c.warnings) {
                warnings.push(ImportWarning {
                    location: location.clone(),
                    item_id: Some(id.clone()),
                    message,
                });
            }
            let item = Item {
                id,
                stem: c.stem,
                points: options.points,
                domain: String::new(),
                outcomes: Vec::new(),
                difficulty: None,
                irt: None,
                enemy_group: None,
                set: None,
                feedback: c.feedback,
                interaction: c.interaction,
            };
            items.push((item, category.clone()));
        }
    }
    if !any_question {
        return Err(source::error_at(
            file,
            blocks
                .first()
                .map(source::Block::start)
                .unwrap_or(source::Pos { line: 1, column: 1 }),
            format!(
                "not GIFT: none of its {} block(s) of text has an answer block",
                blocks.len()
            ),
            Some("questions with answers in braces, like `What is 2+2? {=4 ~3 ~5}`"),
        ));
    }
    let (items, domains) = name_domains(items, &options.default_domain);
    Ok(GiftImport {
        items,
        domains,
        warnings,
        skipped,
    })
}

/// With `skip_invalid`, list the question as skipped; otherwise fail with its error.
fn skip_or_fail(
    e: ImportError,
    title: Option<String>,
    options: &GiftOptions,
    skipped: &mut Vec<SkippedQuestion>,
) -> Result<(), ImportError> {
    if !options.skip_invalid {
        return Err(e);
    }
    skipped.push(SkippedQuestion {
        location: e.location.clone(),
        title,
        reason: match &e.expected {
            Some(x) => format!("{}; expected {x}", e.message),
            None => e.message.clone(),
        },
    });
    Ok(())
}

/// Give each item its domain from its category path; list the domains in first-seen order.
fn name_domains(items: Vec<(Item, String)>, default: &str) -> (Vec<Item>, Vec<ImportedDomain>) {
    let paths: Vec<&str> = items.iter().map(|(_, c)| c.as_str()).collect();
    let names: BTreeMap<String, String> = ids::domain_names(&paths, default);
    let mut domains: Vec<ImportedDomain> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for (mut item, path) in items {
        let name = names
            .get(&path)
            .cloned()
            .unwrap_or_else(|| default.to_string());
        match domains.iter_mut().find(|d| d.name == name) {
            Some(d) => {
                d.items += 1;
                if !path.is_empty() && !d.categories.contains(&path) {
                    d.categories.push(path);
                }
            }
            None => domains.push(ImportedDomain {
                name: name.clone(),
                categories: if path.is_empty() {
                    Vec::new()
                } else {
                    vec![path]
                },
                items: 1,
            }),
        }
        item.domain = name;
        out.push(item);
    }
    (out, domains)
}

/// XML (QTI, HTML) and JSON are not GIFT; say so instead of a confusing parse error.
fn refuse_other_formats(text: &str, file: &str) -> Result<(), ImportError> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let trimmed = body.trim_start();
    let skipped = body.get(..body.len() - trimmed.len()).unwrap_or_default();
    let pos = source::Pos {
        line: 1 + skipped.matches('\n').count(),
        column: 1 + skipped.rsplit('\n').next().map_or(0, |s| s.chars().count()),
    };
    let what = if trimmed.starts_with('<') {
        Some("the file starts with `<`, like XML or HTML (import QTI files as QTI)")
    } else if trimmed.starts_with('{')
        && trimmed
            .get(1..)
            .is_some_and(|r| r.trim_start().starts_with('"'))
    {
        Some("the file looks like JSON")
    } else {
        None
    };
    match what {
        Some(w) => Err(source::error_at(
            file,
            pos,
            format!("not GIFT: {w}"),
            Some("GIFT questions like `What is 2+2? {=4 ~3 ~5}`"),
        )),
        None => Ok(()),
    }
}
