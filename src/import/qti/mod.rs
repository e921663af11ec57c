//! IMS QTI 2.1, 2.2 and 3.0: items, tests and content packages to imported items.
//!
//! - [`xml`]: parsing with positions, one naming for both versions; [`paths`], [`files`],
//!   [`archive`]: where files are;
//! - [`manifest`]: `imsmanifest.xml` resources and their outcome metadata;
//! - [`test`]: `assessmentTest` to a test plan; [`item`]: `assessmentItem` to an item, through
//!   [`declarations`], [`processing`] (response processing), [`choices`] and [`cloze`]
//!   (interactions), [`html`] (content) and [`context`] (per-item state).
//!
//! Which source decides what: a test orders and groups the items (its sections become the
//! domains); without a test, the manifest's order, or the order the files were given, holds,
//! and every item is in the domain [`DEFAULT_DOMAIN`]. `category` values on item references
//! and the manifest's curriculum standards and LOM objectives become outcomes.

pub mod archive;
pub mod choices;
pub mod cloze;
pub mod context;
pub mod declarations;
pub mod files;
pub mod html;
pub mod item;
pub mod manifest;
pub mod paths;
pub mod processing;
pub mod test;
pub mod xml;

use std::collections::BTreeSet;

use files::FileSet;
use item::ItemResult;
use manifest::{ResourceKind, Standard};

use super::error::{ImportError, ImportErrorKind};
use super::report::{ImportedItemSummary, Skipped, SourceSummary, Warning};
use super::to_package::ImportedItems;
use super::{SourceFile, SourceFormat};
use crate::model::{Outcome, OutcomeAlignment};

/// The domain of items that no test section places.
pub const DEFAULT_DOMAIN: &str = "General";

/// What a QTI document is, from its root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RootKind {
    Item,
    Test,
    Manifest,
}

/// Import an IMS content package (a zip archive named `name`).
pub fn import_content_package(name: &str, bytes: &[u8]) -> Result<ImportedItems, ImportError> {
    let entries = archive::read_zip(name, bytes)?;
    let mut fs = FileSet::archive(name, entries);
    let mut out = ImportedItems::default();
    out.sources.push(SourceSummary {
        file: name.to_string(),
        format: SourceFormat::ContentPackage.as_str().to_string(),
    });
    let manifest = fs
        .paths()
        .into_iter()
        .filter(|p| p == "imsmanifest.xml" || p.ends_with("/imsmanifest.xml"))
        .min_by_key(|p| p.matches('/').count());
    match manifest {
        Some(m) => from_manifest(&mut fs, &m, &mut out)?,
        None => {
            out.warnings.push(Warning::file(
                name,
                "the archive has no imsmanifest.xml; every QTI XML file in it is read",
            ));
            let mut roots = Vec::new();
            for p in fs
                .paths()
                .into_iter()
                .filter(|p| p.to_ascii_lowercase().ends_with(".xml"))
            {
                if let Ok(RootKind::Item | RootKind::Test) = root_kind(&mut fs, &p) {
                    roots.push(p);
                }
            }
            from_roots(&mut fs, roots, &mut out)?;
        }
    }
    Ok(out)
}

/// Import loose XML files read together (items, tests, or a manifest whose files sit beside
/// it). Files they refer to are fetched through `resolve`.
pub fn import_xml_files(
    given: Vec<SourceFile>,
    resolve: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
) -> Result<ImportedItems, ImportError> {
    let mut out = ImportedItems::default();
    let names: Vec<String> = given.iter().map(|f| files::normalize(&f.name)).collect();
    for f in &given {
        out.sources.push(SourceSummary {
            file: f.name.clone(),
            format: SourceFormat::QtiXml.as_str().to_string(),
        });
    }
    let mut fs = FileSet::loose(
        given.into_iter().map(|f| (f.name, f.bytes)).collect(),
        resolve,
    );
    if let Some(first) = names.first() {
        fs.set_root(paths::dir_of(first));
    }
    let mut roots = Vec::new();
    for path in names {
        match root_kind(&mut fs, &path)? {
            RootKind::Manifest => from_manifest(&mut fs, &path, &mut out)?,
            _ => roots.push(path),
        }
    }
    from_roots(&mut fs, roots, &mut out)?;
    Ok(out)
}

/// Parse a file far enough to know what it is; not QTI is an error at its root element.
fn root_kind(fs: &mut FileSet, path: &str) -> Result<RootKind, ImportError> {
    let label = fs.label(path);
    let bytes = fs.get(path).map(<[u8]>::to_vec).unwrap_or_default();
    let text = xml::decode(&label, &bytes)?;
    let doc = xml::parse(&label, &text)?;
    let root = doc.root_element();
    if xml::is(root, "assessmentItem") {
        Ok(RootKind::Item)
    } else if xml::is(root, "assessmentTest") {
        Ok(RootKind::Test)
    } else if root.tag_name().name() == "manifest" {
        Ok(RootKind::Manifest)
    } else {
        Err(not_qti(&label, root))
    }
}

fn not_qti(label: &str, root: roxmltree::Node) -> ImportError {
    xml::error_at(
        ImportErrorKind::NotQti,
        label,
        root,
        format!(
            "not a QTI document: expected <assessmentItem>, <assessmentTest> (QTI 2.x), <qti-assessment-item>, <qti-assessment-test> (QTI 3.0) or an IMS <manifest>, found <{}>",
            root.tag_name().name()
        ),
    )
}

/// Tests first (they place their items in sections), then the items no test referred to.
fn from_roots(
    fs: &mut FileSet,
    roots: Vec<String>,
    out: &mut ImportedItems,
) -> Result<(), ImportError> {
    let mut done = BTreeSet::new();
    let mut items = Vec::new();
    for path in roots {
        match root_kind(fs, &path)? {
            RootKind::Test => import_test(fs, &path, out, &mut done, &[])?,
            _ => items.push(path),
        }
    }
    for path in items {
        if done.insert(path.clone()) {
            import_item(fs, &path, DEFAULT_DOMAIN, &[], &[], out)?;
        }
    }
    Ok(())
}

/// A manifest: its tests, then its items (skipped, with a reason, when a test exists and
/// does not refer to them).
fn from_manifest(fs: &mut FileSet, path: &str, out: &mut ImportedItems) -> Result<(), ImportError> {
    let label = fs.label(path);
    let bytes = fs.get(path).map(<[u8]>::to_vec).unwrap_or_default();
    let text = xml::decode(&label, &bytes)?;
    let doc = xml::parse(&label, &text)?;
    fs.set_root(paths::dir_of(path));
    let resources = manifest::resources(&label, paths::dir_of(path), doc.root_element())?;
    for r in &resources {
        let needs_file = matches!(r.kind, ResourceKind::Item | ResourceKind::Test);
        match &r.path {
            Some(p) if needs_file && !fs.has(p) => {
                return Err(ImportError::at(
                    ImportErrorKind::MissingHref,
                    &label,
                    r.pos.0,
                    r.pos.1,
                    format!(
                    "manifest resource \"{}\" has href \"{p}\", but the package has no such file",
                    r.identifier
                ),
                ))
            }
            None if needs_file => {
                return Err(ImportError::at(
                    ImportErrorKind::MissingHref,
                    &label,
                    r.pos.0,
                    r.pos.1,
                    format!(
                        "manifest resource \"{}\" has no href; expected the path of its QTI file",
                        r.identifier
                    ),
                ))
            }
            _ => {}
        }
        if let ResourceKind::Unsupported(kind) = &r.kind {
            out.skipped.push(Skipped {
                file: label.clone(),
                item: Some(r.identifier.clone()),
                reason: format!("resource type \"{kind}\" is not a QTI 2.x or 3.0 item or test"),
            });
        }
    }
    let standards_of = |p: &str| -> Vec<Standard> {
        resources
            .iter()
            .find(|r| r.path.as_deref() == Some(p))
            .map(|r| r.standards.clone())
            .unwrap_or_default()
    };
    let all_standards: Vec<(String, Vec<Standard>)> = resources
        .iter()
        .filter_map(|r| Some((r.path.clone()?, r.standards.clone())))
        .collect();
    let tests: Vec<&String> = resources
        .iter()
        .filter(|r| r.kind == ResourceKind::Test)
        .filter_map(|r| r.path.as_ref())
        .collect();
    let mut done = BTreeSet::new();
    for t in &tests {
        import_test(fs, t, out, &mut done, &all_standards)?;
    }
    for r in resources.iter().filter(|r| r.kind == ResourceKind::Item) {
        let Some(p) = &r.path else { continue };
        if done.contains(p) {
            continue;
        }
        if tests.is_empty() {
            done.insert(p.clone());
            import_item(fs, p, DEFAULT_DOMAIN, &[], &standards_of(p), out)?;
        } else {
            out.skipped.push(Skipped {
                file: fs.label(p),
                item: Some(r.identifier.clone()),
                reason: "no test in the package refers to this item".to_string(),
            });
        }
    }
    Ok(())
}

fn import_test(
    fs: &mut FileSet,
    path: &str,
    out: &mut ImportedItems,
    done: &mut BTreeSet<String>,
    standards: &[(String, Vec<Standard>)],
) -> Result<(), ImportError> {
    let label = fs.label(path);
    let bytes = fs.get(path).map(<[u8]>::to_vec).unwrap_or_default();
    let text = xml::decode(&label, &bytes)?;
    let doc = xml::parse(&label, &text)?;
    let root = doc.root_element();
    if !xml::is(root, "assessmentTest") {
        return Err(not_qti(&label, root));
    }
    let read = test::read(fs, path, root)?;
    let test_id = read.plan.identifier.clone();
    if out.language.is_none() {
        out.language = xml::lang(root).map(str::to_string);
    }
    for w in &read.warnings {
        out.warnings
            .push(Warning::item(&label, &test_id, w.clone()));
    }
    for r in &read.refs {
        if !done.insert(r.path.clone()) {
            out.warnings.push(Warning::item(
                &label,
                &r.identifier,
                format!(
                    "{} is referred to twice; it stays in its first section",
                    r.path
                ),
            ));
            continue;
        }
        if !fs.has(&r.path) {
            return Err(ImportError::at(
                ImportErrorKind::MissingHref,
                &r.file,
                r.pos.0,
                r.pos.1,
                format!(
                    "assessmentItemRef \"{}\" has href to {}, which is not there",
                    r.identifier, r.path
                ),
            ));
        }
        let item_standards = standards
            .iter()
            .find(|(p, _)| *p == r.path)
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        import_item(fs, &r.path, &r.domain, &r.categories, &item_standards, out)?;
    }
    for (category, mastery) in &read.category_mastery {
        if let Some(o) = out.outcomes.iter_mut().find(|o| o.id == *category) {
            o.mastery = *mastery;
        }
    }
    match &out.plan {
        None => out.plan = Some(read.plan),
        Some(kept) => out.warnings.push(Warning::file(
            &label,
            format!(
                "a second test (\"{test_id}\") is ignored: its items are imported, but the blueprint follows \"{}\"",
                kept.identifier
            ),
        )),
    }
    Ok(())
}

fn import_item(
    fs: &mut FileSet,
    path: &str,
    domain: &str,
    categories: &[String],
    standards: &[Standard],
    out: &mut ImportedItems,
) -> Result<(), ImportError> {
    let label = fs.label(path);
    let bytes = fs.get(path).map(<[u8]>::to_vec).unwrap_or_default();
    let text = xml::decode(&label, &bytes)?;
    let doc = xml::parse(&label, &text)?;
    let root = doc.root_element();
    if !xml::is(root, "assessmentItem") {
        return Err(not_qti(&label, root));
    }
    let relative = fs.relative(path);
    match item::convert(&label, &relative, root)? {
        ItemResult::Skipped {
            id,
            reason,
            warnings,
        } => {
            for w in warnings {
                out.warnings.push(Warning::item(&label, &id, w));
            }
            out.skipped.push(Skipped {
                file: label,
                item: Some(id),
                reason,
            });
        }
        ItemResult::Imported(converted) => {
            let mut item = converted.item;
            if let Some(first) = out.summaries.iter().find(|s| s.id == item.id) {
                return Err(xml::error_at(
                    ImportErrorKind::DuplicateIdentifier,
                    &label,
                    root,
                    format!(
                        "item identifier \"{}\" is already used by {}; identifiers must be unique across the import",
                        item.id, first.file
                    ),
                ));
            }
            item.domain = domain.to_string();
            for c in categories {
                out.add_outcome(outcome(c, c));
                align(&mut item.outcomes, c);
            }
            for s in standards {
                let statement = if s.label.is_empty() { &s.id } else { &s.label };
                out.add_outcome(outcome(&s.id, statement));
                align(&mut item.outcomes, &s.id);
            }
            for a in converted.assets {
                if !paths::is_external(&a.path) && !fs.has(&fs.absolute(&a.path)) {
                    out.warnings.push(Warning::item(
                        &label,
                        &item.id,
                        format!("asset {} is referred to but is not in the package", a.path),
                    ));
                }
                out.add_asset(a);
            }
            for w in converted.warnings {
                out.warnings.push(Warning::item(&label, &item.id, w));
            }
            if out.language.is_none() {
                out.language = converted.language;
            }
            let summary = ImportedItemSummary {
                id: item.id.clone(),
                title: converted.title,
                kind: item.interaction.kind(),
                file: label,
            };
            out.push_item(item, summary);
        }
    }
    Ok(())
}

/// An outcome from a category or standard; a URI-shaped id is also its CASE URI.
fn outcome(id: &str, statement: &str) -> Outcome {
    let uri = (id.starts_with("http://") || id.starts_with("https://") || id.starts_with("urn:"))
        .then(|| id.to_string());
    Outcome {
        id: id.to_string(),
        statement: statement.to_string(),
        uri,
        mastery: 0.8,
        required: false,
        min_items: 1,
    }
}

fn align(alignments: &mut Vec<OutcomeAlignment>, id: &str) {
    if !alignments.iter().any(|a| a.outcome == id) {
        alignments.push(OutcomeAlignment {
            outcome: id.to_string(),
            weight: 1.0,
        });
    }
}
