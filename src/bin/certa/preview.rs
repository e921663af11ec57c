//! `certa preview PACKAGE --forms N [--seed S]`: the instructor's preview. Each sample form with
//! its answers shown, a coverage table per domain and outcome against the blueprint targets,
//! the hard-rule check of every form, and the feasibility report.

use std::collections::BTreeMap;
use std::path::Path;

use certa::assemble::{
    assemble_form, check_form, feasibility, AssemblyContext, FeasibilityReport, Form, FormItem,
    Seed,
};
use certa::model::{Gap, Interaction, Item, NumericKey, Package};
use serde::Serialize;

use super::output::{clip, load_or_report, plain_text, print_json, CliError, Status, Table};

/// One previewed form, as printed with `--json`.
#[derive(Serialize)]
struct PreviewForm {
    seed: Seed,
    items: Vec<PreviewItem>,
    form: Form,
    /// Hard-rule violations found by the independent checker (always empty for a good solver).
    violations: Vec<String>,
}

#[derive(Serialize)]
struct PreviewItem {
    position: usize,
    section: String,
    item_id: String,
    domain: String,
    outcomes: Vec<String>,
    kind: String,
    stem: String,
    /// Choices in the order this form shows them.
    choices: Vec<String>,
    answer: String,
}

#[derive(Serialize)]
struct Coverage {
    kind: &'static str,
    id: String,
    /// The blueprint count, when the blueprint has a quota for it.
    target: Option<usize>,
    /// Count on each previewed form.
    forms: Vec<usize>,
}

#[derive(Serialize)]
struct Preview<'a> {
    package: &'a str,
    version: &'a str,
    forms: Vec<PreviewForm>,
    coverage: Vec<Coverage>,
    hard_rules_met: bool,
    feasibility: FeasibilityReport,
}

pub fn run(
    path: &Path,
    forms: u32,
    seed: u64,
    seen: Vec<String>,
    json: bool,
) -> Result<Status, CliError> {
    let Some(package) = load_or_report(path, json)? else {
        return Ok(Status::Problems);
    };
    let mut context = AssemblyContext::default();
    if package.attempts.avoid_seen_items {
        context.seen_item_ids = seen.into_iter().collect();
    } else if !seen.is_empty() {
        eprintln!("note: this package does not avoid seen items on retakes; --seen is ignored");
    }
    let report = feasibility(&package, &context);
    let mut previews = Vec::new();
    let mut failed = None;
    for k in 0..forms.max(1) {
        let s = Seed(seed.wrapping_add(k as u64));
        match assemble_form(&package, s, &context) {
            Ok(form) => previews.push(preview_form(&package, form, &context)),
            Err(e) => {
                failed = Some(format!("seed {s}: {e}"));
                break;
            }
        }
    }
    let coverage = coverage(&package, &report, &previews);
    let feasible = report.feasible;
    let hard_rules_met = failed.is_none() && previews.iter().all(|p| p.violations.is_empty());
    if json {
        print_json(&Preview {
            package: &package.id,
            version: &package.version,
            forms: previews,
            coverage,
            hard_rules_met,
            feasibility: report,
        });
    } else {
        println!(
            "{} — {} (version {})",
            package.id, package.title, package.version
        );
        for p in &previews {
            print_form(p);
        }
        print_coverage(&coverage, previews.len());
        print_rules(&package, &previews);
        if let Some(f) = &failed {
            println!("\nNo form could be assembled: {f}");
        }
        print_feasibility(&report, package.blueprint.difficulty.is_some());
    }
    Ok(if hard_rules_met && feasible {
        Status::Ok
    } else {
        Status::Problems
    })
}

fn preview_form(package: &Package, form: Form, context: &AssemblyContext) -> PreviewForm {
    let violations = check_form(package, &form, context);
    let mut items = Vec::with_capacity(form.items.len());
    for (i, fi) in form.items.iter().enumerate() {
        let Some(item) = package.item(&fi.item_id) else {
            continue;
        };
        let section = form
            .sections
            .iter()
            .find(|s| (s.start..s.end).contains(&i))
            .map(|s| s.id.clone())
            .unwrap_or_default();
        items.push(PreviewItem {
            position: i + 1,
            section,
            item_id: item.id.clone(),
            domain: item.domain.clone(),
            outcomes: item.outcomes.iter().map(|o| o.outcome.clone()).collect(),
            kind: item.interaction.kind().to_string(),
            stem: plain_text(&item.stem),
            choices: shown_choices(item, fi),
            answer: answer_text(item),
        });
    }
    PreviewForm {
        seed: form.seed,
        items,
        form,
        violations,
    }
}

/// The choices as this form orders them, keyed ones marked with ✓.
fn shown_choices(item: &Item, fi: &FormItem) -> Vec<String> {
    let (choices, keys): (&[certa::model::Choice], Vec<&str>) = match &item.interaction {
        Interaction::SingleChoice { choices, key, .. } => (choices, vec![key.as_str()]),
        Interaction::MultipleResponse { choices, keys, .. } => {
            (choices, keys.iter().map(String::as_str).collect())
        }
        Interaction::Ordering { choices, .. } => (choices, Vec::new()),
        Interaction::Matching { sources, .. } => (sources, Vec::new()),
        _ => return Vec::new(),
    };
    fi.choice_order
        .iter()
        .filter_map(|id| choices.iter().find(|c| &c.id == id))
        .map(|c| {
            let mark = if keys.contains(&c.id.as_str()) {
                " ✓"
            } else {
                ""
            };
            format!("{}) {}{mark}", c.id, clip(&plain_text(&c.content), 70))
        })
        .collect()
}

fn numeric_text(key: &NumericKey) -> String {
    match (key.value, key.min, key.max) {
        (Some(v), _, _) => match (key.absolute_tolerance, key.relative_tolerance) {
            (Some(t), _) => format!("{v} ± {t}"),
            (_, Some(r)) => format!("{v} ± {}%", r * 100.0),
            _ => format!("{v}"),
        },
        (None, Some(lo), Some(hi)) => format!("{lo} to {hi}"),
        _ => "?".into(),
    }
}

/// The key in words.
fn answer_text(item: &Item) -> String {
    let label = |choices: &[certa::model::Choice], id: &str| {
        choices
            .iter()
            .find(|c| c.id == id)
            .map(|c| clip(&plain_text(&c.content), 40))
            .unwrap_or_else(|| id.to_string())
    };
    match &item.interaction {
        Interaction::SingleChoice { choices, key, .. } => format!("{key}) {}", label(choices, key)),
        Interaction::MultipleResponse { keys, rule, .. } => {
            format!("{} ({})", keys.join(", "), serde_plain(rule))
        }
        Interaction::TrueFalse { key } => if *key { "true" } else { "false" }.into(),
        Interaction::TextEntry { answers, .. } => answers
            .iter()
            .map(|a| match a.points {
                Some(p) => format!("\"{}\" ({p} pt)", a.value),
                None => format!("\"{}\"", a.value),
            })
            .collect::<Vec<_>>()
            .join(" | "),
        Interaction::Numeric { key, unit } => {
            format!(
                "{}{}",
                numeric_text(key),
                unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
            )
        }
        Interaction::Ordering { choices, key, .. } => key
            .iter()
            .map(|id| label(choices, id))
            .collect::<Vec<_>>()
            .join(" → "),
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => key
            .iter()
            .map(|(s, t)| format!("{} = {}", label(sources, s), label(targets, t)))
            .collect::<Vec<_>>()
            .join("; "),
        Interaction::Cloze { gaps, .. } => gaps
            .iter()
            .map(|g| match g {
                Gap::Text { id, answers, .. } => format!(
                    "{id}: {}",
                    answers
                        .iter()
                        .map(|a| a.value.as_str())
                        .collect::<Vec<_>>()
                        .join(" | ")
                ),
                Gap::Choice {
                    id, choices, key, ..
                } => format!("{id}: {}", label(choices, key)),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Interaction::ExtendedText { rubric, .. } => match rubric {
            Some(r) => format!("manual grading — rubric: {}", clip(&plain_text(r), 80)),
            None => "manual grading".into(),
        },
    }
}

fn serde_plain<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn coverage(package: &Package, report: &FeasibilityReport, forms: &[PreviewForm]) -> Vec<Coverage> {
    let mut out = Vec::new();
    let domain_targets: BTreeMap<&str, usize> = report
        .domains
        .iter()
        .filter_map(|r| r.id.as_deref().map(|id| (id, r.target)))
        .collect();
    let outcome_targets: BTreeMap<&str, usize> = report
        .outcomes
        .iter()
        .filter_map(|r| r.id.as_deref().map(|id| (id, r.target)))
        .collect();
    for d in package.domains() {
        out.push(Coverage {
            kind: "domain",
            id: d.to_string(),
            target: domain_targets.get(d).copied(),
            forms: forms
                .iter()
                .map(|f| f.items.iter().filter(|i| i.domain == d).count())
                .collect(),
        });
    }
    for o in &package.outcomes {
        out.push(Coverage {
            kind: "outcome (primary)",
            id: o.id.clone(),
            target: outcome_targets.get(o.id.as_str()).copied(),
            forms: forms
                .iter()
                .map(|f| {
                    f.items
                        .iter()
                        .filter(|i| {
                            package.item(&i.item_id).and_then(Item::primary_outcome)
                                == Some(o.id.as_str())
                        })
                        .count()
                })
                .collect(),
        });
    }
    out
}

fn print_form(p: &PreviewForm) {
    println!("\nForm (seed {}): {} items", p.seed, p.items.len());
    for s in &p.form.sections {
        println!(
            "  section {} \"{}\": questions {}–{}",
            s.id,
            s.title,
            s.start + 1,
            s.end
        );
    }
    for i in &p.items {
        println!(
            "\n  {:>2}. {} [{}; {}] {}",
            i.position,
            i.item_id,
            i.domain,
            i.kind,
            clip(&i.stem, 110)
        );
        for c in &i.choices {
            println!("        {c}");
        }
        println!("      answer: {}", clip(&i.answer, 150));
    }
}

fn print_coverage(coverage: &[Coverage], forms: usize) {
    let mut header = vec!["coverage", "id", "target"];
    let names: Vec<String> = (1..=forms).map(|k| format!("form {k}")).collect();
    header.extend(names.iter().map(String::as_str));
    header.push("met");
    let mut table = Table::new(&header);
    for c in coverage {
        let met = match c.target {
            Some(t) => c.forms.iter().all(|n| *n == t),
            None => true,
        };
        let mut row = vec![
            c.kind.to_string(),
            c.id.clone(),
            c.target
                .map(|t| t.to_string())
                .unwrap_or_else(|| "—".into()),
        ];
        row.extend(c.forms.iter().map(usize::to_string));
        row.push(if met { "✓" } else { "✗" }.into());
        table.row(row);
    }
    println!("\nCoverage against the blueprint\n{}", table.render());
}

fn print_rules(package: &Package, forms: &[PreviewForm]) {
    println!("\nHard rules (independent check of every form)");
    for p in forms {
        if p.violations.is_empty() {
            println!(
                "  seed {}: all met — length {}, quotas, enemies, sets all-or-none, pins, exclusions",
                p.seed, package.blueprint.length
            );
        } else {
            println!("  seed {}: {} violation(s)", p.seed, p.violations.len());
            for v in &p.violations {
                println!("    ✗ {v}");
            }
        }
        println!("    {}", soft_target_text(package, &p.form.deviation));
    }
}

/// The soft target in words: what was asked, what the form achieved, how far off it is.
fn soft_target_text(package: &Package, d: &certa::assemble::SoftDeviation) -> String {
    use certa::model::DifficultyTarget as T;
    match &package.blueprint.difficulty {
        Some(T::Information { points }) => {
            let at: Vec<String> = points
                .iter()
                .zip(&d.information)
                .map(|(p, got)| format!("I({:.2}) = {got:.2} (target {})", p.theta, p.target))
                .collect();
            format!(
                "test information {}; largest deviation {:.3}",
                at.join(", "),
                d.deviation
            )
        }
        Some(T::MaximizeInformation { theta }) => {
            format!(
                "test information at θ = {theta:.2}: {:.2} (maximized)",
                d.achieved
            )
        }
        Some(T::MeanP { min, max }) => format!(
            "mean p-value {:.3} (target {min}–{max}; outside by {:.3})",
            d.achieved, d.deviation
        ),
        Some(T::MeanB { min, max }) => format!(
            "mean b {:.3} (target {min}–{max}; outside by {:.3})",
            d.achieved, d.deviation
        ),
        None => "no difficulty target".into(),
    }
}

fn print_feasibility(r: &FeasibilityReport, package_has_target: bool) {
    println!("\nFeasibility report");
    println!(
        "  {} — {} items per form from a bank of {} ({} usable, {} seen, {} over the exposure cap); one form can hold at most {}",
        if r.feasible { "FEASIBLE" } else { "NOT FEASIBLE" },
        r.length,
        r.bank_items,
        r.usable_items,
        r.seen_items,
        r.overexposed_items,
        r.capacity
    );
    for p in &r.problems {
        println!("  ✗ {}: {}", p.rule, p.message);
    }
    let mut table = Table::new(&[
        "quota",
        "target",
        "from %",
        "in bank",
        "available",
        "pinned",
        "enough",
    ]);
    for q in r.domains.iter().chain(&r.outcomes) {
        table.row(vec![
            q.label.clone(),
            q.target.to_string(),
            q.percent
                .map(|p| format!("{p}%"))
                .unwrap_or_else(|| "—".into()),
            q.in_bank.to_string(),
            q.available.to_string(),
            q.pinned.to_string(),
            if q.enough { "✓" } else { "✗" }.into(),
        ]);
    }
    println!("{}", table.render());
    for s in &r.sets {
        println!(
            "  set {}: {} items, {} per form when drawn, {} usable{}{}",
            s.id,
            s.items,
            s.draw,
            s.usable_items,
            if s.pinned { ", pinned" } else { "" },
            if s.usable { "" } else { " — cannot be used" }
        );
    }
    for p in &r.pins {
        println!(
            "  pinned {}{}{}",
            p.id,
            if p.in_bank {
                ""
            } else {
                " — not in the bank"
            },
            if p.seen {
                " (seen before; delivered anyway)"
            } else {
                ""
            }
        );
    }
    if let Some(d) = r.distinct_forms_log10 {
        println!("  distinct forms: about 10^{d:.1}");
    }
    if let Some(e) = &r.exposure {
        println!(
            "  exposure over {} forms delivered in sequence: max rate {:.2}, mean rate {:.2}, mean overlap between two forms {:.2}, {} usable item(s) never used",
            e.forms, e.max_rate, e.mean_rate, e.mean_overlap, e.never_used
        );
        if package_has_target {
            println!(
                "  soft target over those forms: largest deviation {:.3}; {} form(s) outside the tolerance{}",
                e.max_deviation,
                e.off_target,
                if e.off_target > 0 {
                    " (the exposure cap wins over the target: lower the target or raise the cap)"
                } else {
                    ""
                }
            );
        }
        if !e.most_exposed.is_empty() {
            let top: Vec<String> = e
                .most_exposed
                .iter()
                .take(5)
                .map(|i| format!("{} {:.2}", i.id, i.rate))
                .collect();
            println!("  most exposed: {}", top.join(", "));
        }
    }
}
