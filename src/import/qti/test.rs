//! `assessmentTest` (QTI 2.x) and `qti-assessment-test` (3.0) to a test plan: sections with
//! their selection and ordering, the items they reference (with `category`), navigation, the
//! time limit and the pass mark. Everything a test says that a certa package does not carry
//! (per-item attempt limits, section time limits, branching, weights, outcome processing) is
//! reported.

use std::collections::BTreeSet;

use roxmltree::Node;

use super::declarations;
use super::files::FileSet;
use super::paths;
use super::xml;
use crate::import::error::{ImportError, ImportErrorKind};
use crate::import::to_package::{PlanSection, TestPlan};
use crate::model::Navigation;

/// Deepest nesting of sections (and section references) read.
const MAX_DEPTH: usize = 32;

/// An `assessmentItemRef`.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRef {
    pub identifier: String,
    /// The item file's package path.
    pub path: String,
    /// The domain of the section that holds it.
    pub domain: String,
    pub categories: Vec<String>,
    /// The file and position of the reference, for a missing-file error.
    pub file: String,
    pub pos: (u32, u32),
}

/// What a test says.
#[derive(Debug, Clone, PartialEq)]
pub struct TestRead {
    pub plan: TestPlan,
    pub refs: Vec<ItemRef>,
    pub warnings: Vec<String>,
    /// Mastery share for categories that a test outcome of the same identifier declares.
    pub category_mastery: Vec<(String, f64)>,
}

struct Walk<'a, 'r> {
    fs: &'a mut FileSet<'r>,
    sections: Vec<PlanSection>,
    refs: Vec<ItemRef>,
    warnings: Vec<String>,
    domains: BTreeSet<String>,
}

/// Read the test at `path` (already parsed as `root`).
pub fn read(fs: &mut FileSet, path: &str, root: Node) -> Result<TestRead, ImportError> {
    let label = fs.label(path);
    let identifier = xml::required_attr(&label, root, "identifier")?.to_string();
    let title = xml::attr(root, "title")
        .unwrap_or_default()
        .trim()
        .to_string();
    let mut walk = Walk {
        fs,
        sections: Vec::new(),
        refs: Vec::new(),
        warnings: Vec::new(),
        domains: BTreeSet::new(),
    };
    let dir = paths::dir_of(path).to_string();
    let parts: Vec<Node> = xml::children(root, "testPart").collect();
    let mut modes = BTreeSet::new();
    let mut part_times = Vec::new();
    for part in &parts {
        let pid = xml::attr(*part, "identifier")
            .unwrap_or_default()
            .to_string();
        let place = format!("testPart {pid}");
        modes.insert(
            xml::attr(*part, "navigationMode")
                .unwrap_or("linear")
                .trim()
                .to_string(),
        );
        if xml::attr(*part, "submissionMode").map(str::trim) == Some("individual") {
            walk.warnings.push(format!(
                "{place}: submissionMode individual is not kept: certa scores every item when the whole form is submitted"
            ));
        }
        part_times.push(time_limits(*part, &place, &mut walk.warnings));
        for n in xml::elements(*part) {
            match xml::name(n).as_str() {
                "assessmentSection" => walk.section(n, &label, &dir, 0)?,
                "assessmentSectionRef" => walk.section_ref(n, &label, &dir, 0)?,
                "itemSessionControl" => session_control(n, &place, &mut walk.warnings),
                "timeLimits" => {}
                "preCondition" | "branchRule" => walk.warnings.push(format!(
                    "{place}: {} is not imported: certa delivers every part of the form",
                    xml::name(n)
                )),
                "rubricBlock" | "testFeedback" => walk
                    .warnings
                    .push(format!("{place}: {} is not imported", xml::name(n))),
                other => walk
                    .warnings
                    .push(format!("{place}: <{other}> is not imported")),
            }
        }
    }
    if parts.is_empty() {
        return Err(xml::error_at(
            ImportErrorKind::InvalidQti,
            &label,
            root,
            "the test has no testPart; expected at least one",
        ));
    }
    let navigation = if modes.len() == 1 && modes.contains("nonlinear") {
        Navigation::Free
    } else {
        if modes.len() > 1 {
            walk.warnings.push(
                "test parts mix linear and nonlinear navigation; the form is delivered linear"
                    .to_string(),
            );
        }
        Navigation::Linear
    };
    let own_time = time_limits(root, "the test", &mut walk.warnings);
    let time_limit_seconds = match own_time {
        Some(t) => Some(t),
        None if part_times.iter().all(Option::is_some) && !part_times.is_empty() => {
            if part_times.len() > 1 {
                walk.warnings.push(
                    "each test part has its own time limit; certa times the whole attempt, allowing their sum".to_string(),
                );
            }
            Some(part_times.iter().flatten().sum())
        }
        None => {
            if part_times.iter().any(Option::is_some) {
                walk.warnings.push(
                    "only some test parts have a time limit; the attempt is untimed".to_string(),
                );
            }
            None
        }
    };
    for n in xml::elements(root) {
        match xml::name(n).as_str() {
            "outcomeProcessing" => walk.warnings.push(
                "outcomeProcessing is not imported: certa adds the item points, scales the total to 0–100 and passes at the cut score".to_string(),
            ),
            "testFeedback" | "rubricBlock" => walk
                .warnings
                .push(format!("the test's {} is not imported", xml::name(n))),
            "timeLimits" | "testPart" | "outcomeDeclaration" | "stylesheet" | "contextDeclaration" => {}
            other => walk
                .warnings
                .push(format!("the test's <{other}> is not imported")),
        }
    }
    let (cut_share, category_mastery) = outcomes(root, &walk.refs, &mut walk.warnings);
    Ok(TestRead {
        plan: TestPlan {
            file: label,
            identifier,
            title,
            sections: walk.sections,
            navigation,
            time_limit_seconds,
            cut_share,
        },
        refs: walk.refs,
        warnings: walk.warnings,
        category_mastery,
    })
}

impl Walk<'_, '_> {
    fn section(
        &mut self,
        node: Node,
        label: &str,
        dir: &str,
        depth: usize,
    ) -> Result<(), ImportError> {
        if depth > MAX_DEPTH {
            return Err(xml::error_at(
                ImportErrorKind::InvalidQti,
                label,
                node,
                format!(
                    "sections nest deeper than {MAX_DEPTH} levels (a cycle of section references?)"
                ),
            ));
        }
        let id = xml::attr(node, "identifier")
            .unwrap_or_default()
            .trim()
            .to_string();
        let title = xml::attr(node, "title")
            .unwrap_or_default()
            .trim()
            .to_string();
        let place = format!("section {id}");
        let mut select = None;
        if let Some(sel) = xml::child(node, "selection") {
            select = xml::attr(sel, "select").and_then(|s| s.trim().parse::<usize>().ok());
            if xml::bool_attr(sel, "withReplacement") == Some(true) {
                self.warnings.push(format!(
                    "{place}: selection withReplacement is not kept: a certa form never holds an item twice"
                ));
            }
        }
        let shuffle = xml::child(node, "ordering")
            .and_then(|o| xml::bool_attr(o, "shuffle"))
            .unwrap_or(false);
        let mut own: Vec<ItemRef> = Vec::new();
        let mut required = Vec::new();
        let mut subsections = 0usize;
        let domain = self.domain_name(&title, &id);
        for n in xml::elements(node) {
            match xml::name(n).as_str() {
                "assessmentItemRef" => {
                    let r = self.item_ref(n, label, dir, &domain, &place, shuffle)?;
                    if xml::bool_attr(n, "required") == Some(true) {
                        required.push(r.identifier.clone());
                    }
                    own.push(r);
                }
                "assessmentSection" => {
                    subsections += 1;
                    self.section(n, label, dir, depth + 1)?;
                }
                "assessmentSectionRef" => {
                    subsections += 1;
                    self.section_ref(n, label, dir, depth + 1)?;
                }
                "selection" | "ordering" => {}
                "itemSessionControl" => session_control(n, &place, &mut self.warnings),
                "timeLimits" => {
                    if time_limits(node, &place, &mut self.warnings).is_some() {
                        self.warnings.push(format!(
                            "{place}: the section's time limit is not kept: certa times the whole attempt"
                        ));
                    }
                }
                "rubricBlock" => self.warnings.push(format!(
                    "{place}: the section's rubricBlock is not imported"
                )),
                other => self
                    .warnings
                    .push(format!("{place}: <{other}> is not imported")),
            }
        }
        if subsections > 0 && (select.is_some() || shuffle) {
            self.warnings.push(format!(
                "{place}: selection and ordering over its subsections are not kept: each subsection keeps its own"
            ));
        }
        if !own.is_empty() {
            self.domains.insert(domain.clone());
            self.sections.push(PlanSection {
                id: if id.is_empty() { domain.clone() } else { id },
                title: if title.is_empty() {
                    domain.clone()
                } else {
                    title
                },
                domain,
                select,
                shuffle,
                required,
            });
            self.refs.extend(own);
        }
        Ok(())
    }

    fn section_ref(
        &mut self,
        node: Node,
        label: &str,
        dir: &str,
        depth: usize,
    ) -> Result<(), ImportError> {
        let href = xml::required_attr(label, node, "href")?;
        let path = paths::resolve(dir, href);
        let Some(bytes) = self.fs.get(&path).map(<[u8]>::to_vec) else {
            return Err(xml::error_at(
                ImportErrorKind::MissingHref,
                label,
                node,
                format!(
                    "assessmentSectionRef href \"{href}\" names a file that is not there ({path})"
                ),
            ));
        };
        let file = self.fs.label(&path);
        let text = xml::decode(&file, &bytes)?;
        let doc = xml::parse(&file, &text)?;
        let root = doc.root_element();
        if !xml::is(root, "assessmentSection") {
            return Err(xml::error_at(
                ImportErrorKind::NotQti,
                &file,
                root,
                format!(
                    "expected an assessmentSection, found <{}>",
                    root.tag_name().name()
                ),
            ));
        }
        self.section(root, &file, paths::dir_of(&path), depth + 1)
    }

    fn item_ref(
        &mut self,
        node: Node,
        label: &str,
        dir: &str,
        domain: &str,
        place: &str,
        shuffled: bool,
    ) -> Result<ItemRef, ImportError> {
        let identifier = xml::required_attr(label, node, "identifier")?.to_string();
        let href = xml::required_attr(label, node, "href")?;
        let here = format!("{place}, item {identifier}");
        if shuffled && xml::bool_attr(node, "fixed") == Some(true) {
            self.warnings.push(format!(
                "{here}: fixed position in a shuffled section is not kept"
            ));
        }
        for n in xml::elements(node) {
            match xml::name(n).as_str() {
                "itemSessionControl" => session_control(n, &here, &mut self.warnings),
                "timeLimits" => {
                    if time_limits(node, &here, &mut self.warnings).is_some() {
                        self.warnings.push(format!(
                            "{here}: the item's time limit is not kept: certa times the whole attempt"
                        ));
                    }
                }
                "weight" => self.warnings.push(format!(
                    "{here}: weight {} \"{}\" is not applied: certa counts the item's own points",
                    xml::attr(n, "identifier").unwrap_or_default(),
                    xml::attr(n, "value").unwrap_or_default()
                )),
                other => self
                    .warnings
                    .push(format!("{here}: <{other}> is not imported")),
            }
        }
        Ok(ItemRef {
            identifier,
            path: paths::resolve(dir, href),
            domain: domain.to_string(),
            categories: xml::attr(node, "category")
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            file: label.to_string(),
            pos: xml::position(node),
        })
    }

    /// The domain a section's items carry: its title, else its identifier, made unique.
    fn domain_name(&self, title: &str, id: &str) -> String {
        let base = if !title.is_empty() {
            title.to_string()
        } else if !id.is_empty() {
            id.to_string()
        } else {
            "Section".to_string()
        };
        if !self.domains.contains(&base) {
            return base;
        }
        let with_id = format!("{base} ({id})");
        if !id.is_empty() && !self.domains.contains(&with_id) {
            return with_id;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base} {n}");
            if !self.domains.contains(&candidate) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// `maxTime` of a node's `timeLimits`, in whole seconds (rounded up); other limits reported.
fn time_limits(node: Node, place: &str, warnings: &mut Vec<String>) -> Option<u64> {
    let t = xml::child(node, "timeLimits")?;
    if let Some(min) = xml::number_attr(t, "minTime").filter(|m| *m > 0.0) {
        warnings.push(format!(
            "{place}: minTime {min} s is not kept: certa lets the learner submit at any time"
        ));
    }
    if xml::bool_attr(t, "allowLateSubmission") == Some(true) {
        warnings.push(format!(
            "{place}: allowLateSubmission is not kept: a timed certa attempt is submitted when time runs out"
        ));
    }
    xml::number_attr(t, "maxTime")
        .filter(|m| *m > 0.0)
        .map(|m| m.ceil().min(u64::MAX as f64) as u64)
}

/// Item session control: reported, since certa's session rules are fixed (one response per
/// item, changeable until the form is submitted).
fn session_control(node: Node, place: &str, warnings: &mut Vec<String>) {
    if let Some(n) = xml::attr(node, "maxAttempts").and_then(|m| m.trim().parse::<u64>().ok()) {
        if n != 1 {
            warnings.push(format!(
                "{place}: itemSessionControl maxAttempts {n} is not imported: it limits submissions of one item within an attempt, while certa takes one response per item (changeable until the form is submitted) and its attempts.max limits whole attempts"
            ));
        }
    }
    let flags = [
        (
            "allowReview",
            false,
            "learners can revisit answers unless navigation is linear",
        ),
        (
            "allowSkipping",
            false,
            "learners may leave items unanswered",
        ),
        (
            "validateResponses",
            true,
            "responses are not validated before moving on",
        ),
        (
            "showSolution",
            true,
            "solutions are not shown during the attempt",
        ),
        ("allowComment", true, "learners cannot leave comments"),
        (
            "showFeedback",
            true,
            "feedback shows only in practice mode, after scoring",
        ),
    ];
    for (name, value, consequence) in flags {
        if xml::bool_attr(node, name) == Some(value) {
            warnings.push(format!(
                "{place}: itemSessionControl {name}=\"{value}\" is not kept: {consequence}"
            ));
        }
    }
}

/// The pass mark (a share of the maximum) from the test's SCORE declaration, and mastery for
/// categories that have an outcome of their own.
fn outcomes(
    root: Node,
    refs: &[ItemRef],
    warnings: &mut Vec<String>,
) -> (Option<f64>, Vec<(String, f64)>) {
    let decls = declarations::outcome_declarations(root);
    let share = |d: &declarations::OutcomeDecl| -> Option<f64> {
        let mv = d.mastery_value?;
        match d.normal_maximum {
            Some(nm) if nm > 0.0 => Some((mv / nm).clamp(0.0, 1.0)),
            _ if (0.0..=1.0).contains(&mv) => Some(mv),
            _ => None,
        }
    };
    let mut cut = None;
    let mut mastery = Vec::new();
    let categories: BTreeSet<&str> = refs
        .iter()
        .flat_map(|r| r.categories.iter().map(String::as_str))
        .collect();
    for d in &decls {
        if d.mastery_value.is_none() {
            continue;
        }
        if d.id == "SCORE" || d.id == "SCORE_TOTAL" || d.id == "TOTAL_SCORE" {
            match share(d) {
                Some(s) => cut = Some(s),
                None => warnings.push(format!(
                    "outcome {} masteryValue has no normalMaximum to scale it; the default cut score is used",
                    d.id
                )),
            }
        } else if categories.contains(d.id.as_str()) {
            if let Some(s) = share(d) {
                mastery.push((d.id.clone(), s));
            }
        } else {
            warnings.push(format!(
                "outcome {} masteryValue is not imported: no category of that name",
                d.id
            ));
        }
    }
    (cut, mastery)
}
