//! From imported items to a valid `certa/1` package: the blueprint (length, sections, domain
//! quotas, pins), the session policy (navigation, time limit) and the defaults a source format
//! does not give (scoring scale and cut score), each default written into the report.
//!
//! Every importer hands over an [`ImportedItems`]; [`build_package`] is the one place that
//! turns it into a [`Package`], so imported packages are assembled the same way whatever the
//! source format.

use std::collections::BTreeSet;

use super::error::{ImportError, ImportErrorKind};
use super::report::{ImportReport, ImportedItemSummary, Skipped, SourceSummary, Warning};
use crate::model::{
    validate, Asset, AttemptsPolicy, Blueprint, CredentialPolicy, DeliveryPolicy, ExposureControl,
    Item, ItemSet, Navigation, Outcome, Package, Quota, ScoringPolicy, Section, SectionOrder,
    PACKAGE_FORMAT,
};

/// Cut score used when the source gives none, on the default 0–100 scale.
pub const DEFAULT_CUT_SCORE: f64 = 60.0;

/// What importers produce: items with their domains and outcome alignments already set, the
/// outcomes they refer to, assets, an optional test plan, and the report lines so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedItems {
    pub items: Vec<Item>,
    /// One summary per item, in the same order.
    pub summaries: Vec<ImportedItemSummary>,
    pub outcomes: Vec<Outcome>,
    pub sets: Vec<ItemSet>,
    pub assets: Vec<Asset>,
    /// Blueprint and session hints from a test (QTI `assessmentTest`), when there was one.
    pub plan: Option<TestPlan>,
    /// BCP 47 language of the content, when the source declares it.
    pub language: Option<String>,
    pub sources: Vec<SourceSummary>,
    pub warnings: Vec<Warning>,
    pub skipped: Vec<Skipped>,
}

/// How a source test wants forms built and delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct TestPlan {
    /// The test's file and identifier, for messages and the default package id.
    pub file: String,
    pub identifier: String,
    pub title: String,
    /// Sections in delivery order; each holds the items of one domain.
    pub sections: Vec<PlanSection>,
    pub navigation: Navigation,
    pub time_limit_seconds: Option<u64>,
    /// The pass mark as a share of the maximum score, in [0, 1], when the test gives one.
    pub cut_share: Option<f64>,
}

/// One section of a test plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSection {
    pub id: String,
    pub title: String,
    /// The domain the section's items carry.
    pub domain: String,
    /// Draw this many of the section's items per form; all of them when absent.
    pub select: Option<usize>,
    pub shuffle: bool,
    /// Items that every form must hold (pinned in the blueprint when the section selects).
    pub required: Vec<String>,
}

/// Package metadata the caller may set; the rest is derived from the sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackageOptions {
    pub id: Option<String>,
    pub title: Option<String>,
    pub version: Option<String>,
    pub language: Option<String>,
}

impl ImportedItems {
    /// Add one item with its summary.
    pub fn push_item(&mut self, item: Item, summary: ImportedItemSummary) {
        self.items.push(item);
        self.summaries.push(summary);
    }

    /// Add an outcome unless one with its id is there already.
    pub fn add_outcome(&mut self, outcome: Outcome) {
        if !self.outcomes.iter().any(|o| o.id == outcome.id) {
            self.outcomes.push(outcome);
        }
    }

    /// Add an asset unless its path is listed already.
    pub fn add_asset(&mut self, asset: Asset) {
        if !self.assets.iter().any(|a| a.path == asset.path) {
            self.assets.push(asset);
        }
    }

    /// Append another import's results. Two items with one id are an error naming both files;
    /// a second test plan is reported and ignored.
    pub fn merge(&mut self, other: ImportedItems) -> Result<(), ImportError> {
        for (item, summary) in other.items.into_iter().zip(other.summaries) {
            if let Some(first) = self.summaries.iter().find(|s| s.id == item.id) {
                return Err(ImportError::in_file(
                    ImportErrorKind::DuplicateIdentifier,
                    &summary.file,
                    format!(
                        "item identifier \"{}\" is already used by an item of {}; identifiers must be unique across the import",
                        item.id, first.file
                    ),
                ));
            }
            self.push_item(item, summary);
        }
        for outcome in other.outcomes {
            self.add_outcome(outcome);
        }
        for set in other.sets {
            if !self.sets.iter().any(|s| s.id == set.id) {
                self.sets.push(set);
            }
        }
        for asset in other.assets {
            self.add_asset(asset);
        }
        match (&self.plan, other.plan) {
            (None, plan) => self.plan = plan,
            (Some(kept), Some(extra)) => self.warnings.push(Warning::file(
                &extra.file,
                format!(
                    "a second test (\"{}\") is ignored: its items are imported, but the blueprint follows the first test, \"{}\" in {}",
                    extra.identifier, kept.identifier, kept.file
                ),
            )),
            (Some(_), None) => {}
        }
        if self.language.is_none() {
            self.language = other.language;
        }
        self.sources.extend(other.sources);
        self.warnings.extend(other.warnings);
        self.skipped.extend(other.skipped);
        Ok(())
    }
}

/// Assemble a valid package from imported items, with the full report.
///
/// - Blueprint: with a test plan, one section per plan section (in order, fixed or shuffled),
///   a domain quota per section (its `select`, or all its items), and the length their sum;
///   items outside the plan go in a catch-all section and all of them count. Without a plan,
///   the length is every item, with a quota per domain.
/// - Scoring: scale 0–100, cut score from the plan or [`DEFAULT_CUT_SCORE`]. No credential.
/// - Delivery: navigation and time limit from the plan; free and untimed without one.
pub fn build_package(
    imported: ImportedItems,
    options: &PackageOptions,
) -> Result<(Package, ImportReport), ImportError> {
    let mut report = ImportReport {
        sources: imported.sources.clone(),
        imported: imported.summaries.clone(),
        skipped: imported.skipped.clone(),
        warnings: imported.warnings.clone(),
        defaults: Vec::new(),
    };
    let first_file = imported
        .sources
        .first()
        .map(|s| s.file.clone())
        .unwrap_or_default();
    if imported.items.is_empty() {
        let why = match imported.skipped.first() {
            Some(s) => format!(
                "; {} skipped, the first because: {}",
                imported.skipped.len(),
                s.reason
            ),
            None => String::new(),
        };
        return Err(ImportError::in_file(
            ImportErrorKind::NoItems,
            &first_file,
            format!("no item could be imported{why}"),
        ));
    }
    let plan = imported.plan.as_ref();
    let blueprint = blueprint(&imported.items, plan, &mut report);

    let cut_score = match plan.and_then(|p| p.cut_share) {
        Some(share) => {
            let cut = (share * 100.0).clamp(0.0, 100.0);
            report.defaults.push(format!(
                "scoring: scale 0–100; cut score {cut} from the test's mastery value"
            ));
            cut
        }
        None => {
            report.defaults.push(format!(
                "scoring: scale 0–100 (raw points scaled linearly); cut score {DEFAULT_CUT_SCORE} (the source gives no pass mark)"
            ));
            DEFAULT_CUT_SCORE
        }
    };
    report.defaults.push(
        "credential: none (the source describes no certificate or certification)".to_string(),
    );
    report.defaults.push(
        "attempts: unlimited, highest attempt counts (the source sets no retake rule)".to_string(),
    );
    let delivery = DeliveryPolicy {
        navigation: plan.map(|p| p.navigation).unwrap_or(Navigation::Free),
        time_limit_seconds: plan.and_then(|p| p.time_limit_seconds),
        secure: false,
    };
    if plan.is_none() {
        report.defaults.push(
            "delivery: free navigation, untimed, items shuffled per form (no test in the source)"
                .to_string(),
        );
    }

    let language = options
        .language
        .clone()
        .or_else(|| imported.language.clone())
        .unwrap_or_else(|| {
            report
                .defaults
                .push("language: \"en\" (the source declares none)".to_string());
            "en".to_string()
        });
    let id = options
        .id
        .clone()
        .or_else(|| plan.map(|p| p.identifier.clone()))
        .unwrap_or_else(|| file_stem(&first_file));
    let id = package_id(&id);
    let title = options
        .title
        .clone()
        .or_else(|| {
            plan.map(|p| p.title.clone())
                .filter(|t| !t.trim().is_empty())
        })
        .unwrap_or_else(|| format!("Imported from {}", file_name(&first_file)));

    let package = Package {
        format: PACKAGE_FORMAT.to_string(),
        id,
        version: options
            .version
            .clone()
            .unwrap_or_else(|| "1.0.0".to_string()),
        title,
        language,
        outcomes: imported.outcomes,
        sets: imported.sets,
        items: imported.items,
        blueprint,
        scoring: ScoringPolicy {
            cut_score,
            scale: Default::default(),
            negative_marking: Default::default(),
            rounding: Default::default(),
        },
        credential: CredentialPolicy::None,
        attempts: AttemptsPolicy::default(),
        delivery,
        assets: imported.assets,
        published: None,
    };
    let problems = validate(&package);
    if let Some(first) = problems.first() {
        return Err(ImportError::at_path(
            ImportErrorKind::InvalidPackage,
            &first_file,
            first.path.clone(),
            format!(
                "the imported package breaks {} package rule(s); first: {}",
                problems.len(),
                first.message
            ),
        ));
    }
    Ok((package, report))
}

fn blueprint(items: &[Item], plan: Option<&TestPlan>, report: &mut ImportReport) -> Blueprint {
    let mut sections = Vec::new();
    let mut quotas = Vec::new();
    let mut pinned = Vec::new();
    let mut length = 0usize;
    let mut planned: BTreeSet<&str> = BTreeSet::new();
    let file = plan.map(|p| p.file.as_str()).unwrap_or_default();
    for s in plan.map(|p| p.sections.as_slice()).unwrap_or_default() {
        if !planned.insert(s.domain.as_str()) {
            continue;
        }
        let members: Vec<&Item> = items.iter().filter(|i| i.domain == s.domain).collect();
        if members.is_empty() {
            report.warnings.push(Warning::item(
                file,
                &s.id,
                "section left out of the blueprint: none of its items was imported",
            ));
            continue;
        }
        let count = match s.select {
            Some(k) if k > members.len() => {
                report.warnings.push(Warning::item(
                    file,
                    &s.id,
                    format!(
                        "the section selects {k} items but only {} of its items were imported; forms take all {}",
                        members.len(),
                        members.len()
                    ),
                ));
                members.len()
            }
            Some(k) => k,
            None => members.len(),
        };
        if s.select.is_some() {
            for r in &s.required {
                if members.iter().any(|i| &i.id == r) && !pinned.contains(r) {
                    pinned.push(r.clone());
                }
            }
        }
        length += count;
        sections.push(Section {
            id: unique_section_id(&sections, &s.id),
            title: s.title.clone(),
            domains: vec![s.domain.clone()],
            order: if s.shuffle {
                SectionOrder::Shuffled
            } else {
                SectionOrder::Fixed
            },
        });
        quotas.push(Quota {
            id: s.domain.clone(),
            count: Some(count),
            percent: None,
        });
    }
    // Items no plan section holds: all of them, in a catch-all section (or, without a plan,
    // the whole form).
    let mut extra_domains: Vec<&str> = Vec::new();
    let mut extra = 0usize;
    for item in items {
        if !planned.contains(item.domain.as_str()) {
            extra += 1;
            if !extra_domains.contains(&item.domain.as_str()) {
                extra_domains.push(&item.domain);
            }
        }
    }
    if extra > 0 {
        if plan.is_some() {
            sections.push(Section {
                id: unique_section_id(&sections, "other-items"),
                title: "Other imported items".to_string(),
                domains: Vec::new(),
                order: SectionOrder::Shuffled,
            });
            report.defaults.push(format!(
                "blueprint: {extra} item(s) outside the test's sections go in a last, shuffled section, all on every form"
            ));
        }
        for d in &extra_domains {
            let n = items.iter().filter(|i| i.domain == *d).count();
            quotas.push(Quota {
                id: d.to_string(),
                count: Some(n),
                percent: None,
            });
        }
        length += extra;
    }
    if plan.is_none() {
        report.defaults.push(format!(
            "blueprint: every form holds all {length} imported items; one domain quota per domain"
        ));
    }
    Blueprint {
        length,
        sections,
        domains: quotas,
        outcomes: Vec::new(),
        difficulty: None,
        pinned,
        exposure: ExposureControl::default(),
        shuffle_choices: true,
    }
}

fn unique_section_id(sections: &[Section], wanted: &str) -> String {
    let base = if wanted.trim().is_empty() {
        "section"
    } else {
        wanted
    };
    let mut id = base.to_string();
    let mut n = 2;
    while sections.iter().any(|s| s.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The last path segment of a file name (`exam.zip!items/q1.xml` → `q1.xml`).
fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\', '!']).next().unwrap_or(file)
}

fn file_stem(file: &str) -> String {
    let name = file_name(file);
    match name.rfind('.') {
        Some(i) if i > 0 => name[..i].to_string(),
        _ => name.to_string(),
    }
}

/// A package id from free text: letters, digits, `.`, `_` and `-` kept, runs of anything else
/// become one `-`.
fn package_id(raw: &str) -> String {
    let mut out = String::new();
    for ch in raw.trim().chars() {
        if ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-') {
            out.push(ch);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "imported".to_string()
    } else {
        out
    }
}
