//! Package validation: every rule a package must keep, checked at once, each problem reported
//! with its JSON path and a plain sentence (`items[12].interaction.choices[3].id: duplicate id
//! "b"`).
//!
//! Validation is about the package on its own. Whether the blueprint can be met by the bank
//! is the feasibility report's job (`assemble::feasibility`).

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::sorted_map::{SortedMap, SortedSet};

use super::blueprint::{Blueprint, DifficultyTarget, Quota};
use super::cloze::cloze_markers;
use super::item::{AcceptedAnswer, Choice, Difficulty, Gap, Interaction, Item, NumericKey};
use super::package::{Package, PACKAGE_FORMAT};
use super::policy::{CredentialPolicy, ScoringPolicy};

/// One thing wrong with a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// JSON path, e.g. `items[3].interaction.key`.
    pub path: String,
    /// A plain sentence.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Collects problems while walking the package.
struct Problems(Vec<Problem>);

/// Whether answer keys are checked (a full package) or must be absent (a key-stripped
/// delivery copy, see [`Package::keys_stripped`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keys {
    Required,
    Stripped,
}

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn non_empty(&mut self, path: String, value: &str) {
        if value.trim().is_empty() {
            self.add(path, "must not be empty");
        }
    }

    fn positive(&mut self, path: String, value: f64) {
        if !(value.is_finite() && value > 0.0) {
            self.add(
                path,
                format!("must be a number greater than 0, found {}", Decimal(value)),
            );
        }
    }

    fn in_range(&mut self, path: String, value: f64, min: f64, max: f64) {
        if !(value.is_finite() && value >= min && value <= max) {
            self.add(
                path,
                format!(
                    "must be between {} and {}, found {}",
                    Decimal(min),
                    Decimal(max),
                    Decimal(value)
                ),
            );
        }
    }

    /// Reports duplicate ids in a list; returns the set of ids.
    fn unique_ids<'a>(
        &mut self,
        base: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> SortedSet<&'a str> {
        let mut seen = SortedSet::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.add(format!("{base}[{i}].id"), "must not be empty");
            } else if !seen.insert(id) {
                self.add(format!("{base}[{i}].id"), format!("duplicate id \"{id}\""));
            }
        }
        seen
    }
}

/// Check every package rule. An empty list means the package is valid.
pub fn validate(package: &Package) -> Vec<Problem> {
    let mut p = Problems(Vec::new());
    if package.format != PACKAGE_FORMAT {
        p.add(
            "format",
            format!(
                "unsupported format \"{}\"; this engine reads \"{PACKAGE_FORMAT}\"",
                package.format
            ),
        );
    }
    p.non_empty("id".into(), &package.id);
    p.non_empty("version".into(), &package.version);
    p.non_empty("title".into(), &package.title);
    p.non_empty("language".into(), &package.language);

    let outcome_ids = p.unique_ids("outcomes", package.outcomes.iter().map(|o| o.id.as_str()));
    for (i, o) in package.outcomes.iter().enumerate() {
        p.non_empty(format!("outcomes[{i}].statement"), &o.statement);
        p.in_range(format!("outcomes[{i}].mastery"), o.mastery, 0.0, 1.0);
        if let Some(uri) = &o.uri {
            if !(uri.starts_with("http://")
                || uri.starts_with("https://")
                || uri.starts_with("urn:"))
            {
                p.add(
                    format!("outcomes[{i}].uri"),
                    format!("must be an absolute http(s) or urn URI, found \"{uri}\""),
                );
            }
        }
    }

    let set_ids = p.unique_ids("sets", package.sets.iter().map(|s| s.id.as_str()));

    if package.items.is_empty() {
        p.add("items", "the package has no items");
    }
    let item_ids = p.unique_ids("items", package.items.iter().map(|i| i.id.as_str()));
    let keys = if package.keys_stripped() {
        Keys::Stripped
    } else {
        Keys::Required
    };
    for (i, item) in package.items.iter().enumerate() {
        validate_item(
            &mut p,
            &format!("items[{i}]"),
            item,
            &outcome_ids,
            &set_ids,
            keys,
        );
    }

    for (i, set) in package.sets.iter().enumerate() {
        let members = package
            .items
            .iter()
            .filter(|it| it.set.as_deref() == Some(set.id.as_str()))
            .count();
        if members == 0 {
            p.add(
                format!("sets[{i}]"),
                format!("set \"{}\" has no items", set.id),
            );
        }
        if let Some(draw) = set.draw {
            if draw == 0 || draw > members {
                p.add(
                    format!("sets[{i}].draw"),
                    format!("must be between 1 and the set's {members} item(s), found {draw}"),
                );
            }
        }
    }

    let domains: SortedSet<&str> = package.items.iter().map(|i| i.domain.as_str()).collect();
    validate_blueprint(
        &mut p,
        package,
        &package.blueprint,
        &domains,
        &outcome_ids,
        &item_ids,
    );
    validate_scoring(&mut p, &package.scoring);

    match &package.credential {
        CredentialPolicy::Certificate { name, .. } => p.non_empty("credential.name".into(), name),
        CredentialPolicy::Certification {
            name,
            validity_days,
            ..
        } => {
            p.non_empty("credential.name".into(), name);
            if *validity_days == 0 {
                p.add("credential.validity_days", "must be at least 1 day");
            }
        }
        CredentialPolicy::None => {}
    }
    if package.attempts.max == Some(0) {
        p.add(
            "attempts.max",
            "must be at least 1 (leave it out for unlimited attempts)",
        );
    }
    if package.delivery.time_limit_seconds == Some(0) {
        p.add(
            "delivery.time_limit_seconds",
            "must be at least 1 second (leave it out for an untimed attempt)",
        );
    }
    p.0
}

fn validate_item(
    p: &mut Problems,
    path: &str,
    item: &Item,
    outcome_ids: &SortedSet<&str>,
    set_ids: &SortedSet<&str>,
    keys: Keys,
) {
    p.non_empty(format!("{path}.stem"), &item.stem);
    p.positive(format!("{path}.points"), item.points);
    p.non_empty(format!("{path}.domain"), &item.domain);
    let mut aligned = SortedSet::new();
    for (j, a) in item.outcomes.iter().enumerate() {
        let ap = format!("{path}.outcomes[{j}]");
        if !outcome_ids.contains(a.outcome.as_str()) {
            p.add(
                format!("{ap}.outcome"),
                format!("unknown outcome \"{}\"", a.outcome),
            );
        } else if !aligned.insert(a.outcome.as_str()) {
            p.add(
                format!("{ap}.outcome"),
                format!("outcome \"{}\" is aligned twice", a.outcome),
            );
        }
        p.positive(format!("{ap}.weight"), a.weight);
    }
    match item.difficulty {
        Some(Difficulty::P(v)) if !(v.is_finite() && v > 0.0 && v < 1.0) => p.add(
            format!("{path}.difficulty.p"),
            format!(
                "a p-value must lie strictly between 0 and 1, found {}",
                Decimal(v)
            ),
        ),
        Some(Difficulty::B(v)) => p.in_range(format!("{path}.difficulty.b"), v, -10.0, 10.0),
        _ => {}
    }
    if let Some(irt) = &item.irt {
        p.in_range(format!("{path}.irt.a"), irt.a, 1e-6, 10.0);
        p.in_range(format!("{path}.irt.b"), irt.b, -10.0, 10.0);
        if let Some(c) = irt.c {
            if !(c.is_finite() && (0.0..1.0).contains(&c)) {
                p.add(
                    format!("{path}.irt.c"),
                    format!("must be at least 0 and below 1, found {}", Decimal(c)),
                );
            }
        }
    }
    if let Some(g) = &item.enemy_group {
        p.non_empty(format!("{path}.enemy_group"), g);
    }
    if let Some(s) = &item.set {
        if !set_ids.contains(s.as_str()) {
            p.add(format!("{path}.set"), format!("unknown set \"{s}\""));
        }
    }
    let interaction = format!("{path}.interaction");
    match keys {
        Keys::Required => {
            validate_interaction(p, &interaction, item);
            validate_interaction_keys(p, &interaction, item);
        }
        Keys::Stripped => {
            validate_interaction(p, &interaction, item);
            for (place, what) in super::keys::leftover_keys(item) {
                p.add(
                    format!("{path}{place}"),
                    format!("a key-stripped delivery copy must not carry {what}"),
                );
            }
        }
    }
}

fn choice_ids<'a>(
    p: &mut Problems,
    path: &str,
    choices: &'a [Choice],
    min: usize,
) -> SortedSet<&'a str> {
    if choices.len() < min {
        p.add(
            path.to_string(),
            format!("needs at least {min} entries, found {}", choices.len()),
        );
    }
    for (k, c) in choices.iter().enumerate() {
        p.non_empty(format!("{path}[{k}].content"), &c.content);
    }
    p.unique_ids(path, choices.iter().map(|c| c.id.as_str()))
}

fn validate_answers(p: &mut Problems, path: &str, answers: &[AcceptedAnswer], full: f64) {
    if answers.is_empty() {
        p.add(path.to_string(), "needs at least one accepted answer");
        return;
    }
    let mut best = 0.0f64;
    for (k, a) in answers.iter().enumerate() {
        p.non_empty(format!("{path}[{k}].value"), &a.value);
        let pts = a.points.unwrap_or(full);
        if a.points.is_some() {
            p.in_range(format!("{path}[{k}].points"), pts, 0.0, full);
        }
        best = best.max(pts);
    }
    if full.is_finite() && best + 1e-9 < full {
        p.add(
            path.to_string(),
            format!(
                "no accepted answer earns the full {} point(s)",
                Decimal(full)
            ),
        );
    }
}

fn validate_numeric_key(p: &mut Problems, path: &str, key: &NumericKey) {
    let has_value = key.value.is_some();
    let has_range = key.min.is_some() || key.max.is_some();
    match (has_value, has_range) {
        (true, true) => p.add(
            path.to_string(),
            "give either value (with an optional tolerance) or min and max, not both",
        ),
        (false, false) => p.add(
            path.to_string(),
            "give either value (with an optional tolerance) or min and max",
        ),
        (false, true) => match (key.min, key.max) {
            (Some(lo), Some(hi)) if lo > hi => p.add(
                path.to_string(),
                format!("min {} is greater than max {}", Decimal(lo), Decimal(hi)),
            ),
            (Some(_), Some(_)) => {}
            _ => p.add(path.to_string(), "a range needs both min and max"),
        },
        (true, false) => {}
    }
    if key.absolute_tolerance.is_some() && key.relative_tolerance.is_some() {
        p.add(
            path.to_string(),
            "give at most one of absolute_tolerance and relative_tolerance",
        );
    }
    if !has_value && (key.absolute_tolerance.is_some() || key.relative_tolerance.is_some()) {
        p.add(
            path.to_string(),
            "a tolerance applies to value; a range takes none",
        );
    }
    for (name, t) in [
        ("absolute_tolerance", key.absolute_tolerance),
        ("relative_tolerance", key.relative_tolerance),
    ] {
        if let Some(t) = t {
            if !(t.is_finite() && t >= 0.0) {
                p.add(
                    format!("{path}.{name}"),
                    format!("tolerance must be 0 or more, found {}", Decimal(t)),
                );
            }
        }
    }
}

/// Structure that does not depend on the keys: choice lists, cloze markers and gap points.
fn validate_interaction(p: &mut Problems, path: &str, item: &Item) {
    match &item.interaction {
        Interaction::SingleChoice { choices, .. } | Interaction::Ordering { choices, .. } => {
            choice_ids(p, &format!("{path}.choices"), choices, 2);
        }
        Interaction::MultipleResponse { choices, .. } => {
            choice_ids(p, &format!("{path}.choices"), choices, 2);
        }
        Interaction::Matching {
            sources, targets, ..
        } => {
            choice_ids(p, &format!("{path}.sources"), sources, 1);
            choice_ids(p, &format!("{path}.targets"), targets, 1);
        }
        Interaction::Cloze { text, gaps } => validate_cloze(p, path, item.points, text, gaps),
        Interaction::TrueFalse { .. }
        | Interaction::TextEntry { .. }
        | Interaction::Numeric { .. }
        | Interaction::ExtendedText { .. } => {}
    }
}

/// The keys of a full package: each names a real choice, step, source or target, accepted
/// answers reach full points, numeric keys are well-formed.
fn validate_interaction_keys(p: &mut Problems, path: &str, item: &Item) {
    match &item.interaction {
        Interaction::SingleChoice { choices, key, .. } => {
            if !ids_of(choices).contains(key.as_str()) {
                p.add(
                    format!("{path}.key"),
                    format!("key \"{key}\" names no choice"),
                );
            }
        }
        Interaction::MultipleResponse {
            choices,
            keys,
            max_choices,
            ..
        } => {
            let ids = ids_of(choices);
            if keys.is_empty() {
                p.add(format!("{path}.keys"), "needs at least one keyed choice");
            }
            let mut seen = SortedSet::new();
            for (k, key) in keys.iter().enumerate() {
                if !ids.contains(key.as_str()) {
                    p.add(
                        format!("{path}.keys[{k}]"),
                        format!("key \"{key}\" names no choice"),
                    );
                } else if !seen.insert(key.as_str()) {
                    p.add(
                        format!("{path}.keys[{k}]"),
                        format!("key \"{key}\" is listed twice"),
                    );
                }
            }
            if let Some(m) = max_choices {
                if *m < keys.len() || *m > choices.len() {
                    p.add(
                        format!("{path}.max_choices"),
                        format!(
                            "must be between the {} key(s) and the {} choice(s), found {m}",
                            keys.len(),
                            choices.len()
                        ),
                    );
                }
            }
        }
        Interaction::TrueFalse { .. } | Interaction::ExtendedText { .. } => {}
        Interaction::TextEntry {
            answers,
            max_length,
            ..
        } => {
            validate_answers(p, &format!("{path}.answers"), answers, item.points);
            if let Some(m) = max_length {
                if let Some((k, a)) = answers
                    .iter()
                    .enumerate()
                    .find(|(_, a)| a.value.chars().count() > *m)
                {
                    p.add(
                        format!("{path}.answers[{k}].value"),
                        format!("is longer than max_length {m}: \"{}\"", a.value),
                    );
                }
            }
        }
        Interaction::Numeric { key, .. } => validate_numeric_key(p, &format!("{path}.key"), key),
        Interaction::Ordering { choices, key, .. } => {
            let ids = ids_of(choices);
            let keyed: SortedSet<&str> = key.iter().map(String::as_str).collect();
            if keyed.len() != key.len() {
                p.add(format!("{path}.key"), "a step is listed twice");
            }
            for (k, step) in key.iter().enumerate() {
                if !ids.contains(step.as_str()) {
                    p.add(
                        format!("{path}.key[{k}]"),
                        format!("key \"{step}\" names no step"),
                    );
                }
            }
            for id in &ids {
                if !keyed.contains(id) {
                    p.add(
                        format!("{path}.key"),
                        format!("step \"{id}\" is missing from the key"),
                    );
                }
            }
        }
        Interaction::Matching {
            sources,
            targets,
            key,
            ..
        } => {
            let src = ids_of(sources);
            let tgt = ids_of(targets);
            if key.is_empty() {
                p.add(format!("{path}.key"), "needs at least one correct pair");
            }
            let mut seen = SortedSet::new();
            for (k, (s, t)) in key.iter().enumerate() {
                if !src.contains(s.as_str()) {
                    p.add(
                        format!("{path}.key[{k}][0]"),
                        format!("key \"{s}\" names no source"),
                    );
                }
                if !tgt.contains(t.as_str()) {
                    p.add(
                        format!("{path}.key[{k}][1]"),
                        format!("key \"{t}\" names no target"),
                    );
                }
                if !seen.insert((s.as_str(), t.as_str())) {
                    p.add(
                        format!("{path}.key[{k}]"),
                        format!("pair [\"{s}\", \"{t}\"] is listed twice"),
                    );
                }
            }
        }
        Interaction::Cloze { gaps, .. } => {
            for (k, (gap, share)) in gaps.iter().zip(gap_shares(item.points, gaps)).enumerate() {
                let gp = format!("{path}.gaps[{k}]");
                match gap {
                    Gap::Text { answers, .. } => {
                        validate_answers(p, &format!("{gp}.answers"), answers, share)
                    }
                    Gap::Choice { choices, key, .. } => {
                        if !ids_of(choices).contains(key.as_str()) {
                            p.add(
                                format!("{gp}.key"),
                                format!("key \"{key}\" names no choice"),
                            );
                        }
                    }
                }
            }
        }
    }
}

fn ids_of(choices: &[Choice]) -> SortedSet<&str> {
    choices.iter().map(|c| c.id.as_str()).collect()
}

/// Each gap's points: its own, or an equal share of what the explicit ones leave.
fn gap_shares(points: f64, gaps: &[Gap]) -> Vec<f64> {
    let explicit: f64 = gaps.iter().filter_map(Gap::explicit_points).sum();
    let implicit = gaps
        .iter()
        .filter(|g| g.explicit_points().is_none())
        .count();
    gaps.iter()
        .map(|g| {
            g.explicit_points().unwrap_or_else(|| {
                if implicit > 0 {
                    ((points - explicit) / implicit as f64).max(0.0)
                } else {
                    0.0
                }
            })
        })
        .collect()
}

fn validate_cloze(p: &mut Problems, path: &str, points: f64, text: &str, gaps: &[Gap]) {
    if gaps.is_empty() {
        p.add(format!("{path}.gaps"), "needs at least one gap");
    }
    let ids = p.unique_ids(&format!("{path}.gaps"), gaps.iter().map(Gap::id));
    let markers = cloze_markers(text);
    let mut counts: SortedMap<&str, usize> = SortedMap::new();
    for m in &markers {
        *counts.entry(m).or_default() += 1;
        if !ids.contains(m) {
            p.add(
                format!("{path}.text"),
                format!("marker {{{{{m}}}}} names no gap"),
            );
        }
    }
    for id in &ids {
        match counts.get(id) {
            None => p.add(
                format!("{path}.text"),
                format!("gap \"{id}\" has no {{{{{id}}}}} marker"),
            ),
            Some(n) if *n > 1 => p.add(
                format!("{path}.text"),
                format!("gap \"{id}\" is marked {n} times"),
            ),
            _ => {}
        }
    }
    let explicit: f64 = gaps.iter().filter_map(Gap::explicit_points).sum();
    let implicit = gaps
        .iter()
        .filter(|g| g.explicit_points().is_none())
        .count();
    if explicit > points + 1e-9 {
        p.add(
            format!("{path}.gaps"),
            format!(
                "gap points add up to {}, more than the item's {}",
                Decimal(explicit),
                Decimal(points)
            ),
        );
    } else if implicit == 0 && !gaps.is_empty() && (explicit - points).abs() > 1e-9 {
        p.add(
            format!("{path}.gaps"),
            format!(
                "gap points add up to {}, not the item's {}",
                Decimal(explicit),
                Decimal(points)
            ),
        );
    }
    for (k, gap) in gaps.iter().enumerate() {
        let gp = format!("{path}.gaps[{k}]");
        if let Some(v) = gap.explicit_points() {
            p.in_range(format!("{gp}.points"), v, 0.0, points);
        }
        if let Gap::Choice { choices, .. } = gap {
            choice_ids(p, &format!("{gp}.choices"), choices, 2);
        }
    }
}

fn validate_quotas(
    p: &mut Problems,
    path: &str,
    quotas: &[Quota],
    known: &SortedSet<&str>,
    what: &str,
    length: usize,
) {
    let mut seen = SortedSet::new();
    let mut count_sum = 0usize;
    let mut percent_sum = 0.0f64;
    for (i, q) in quotas.iter().enumerate() {
        let qp = format!("{path}[{i}]");
        if !known.contains(q.id.as_str()) {
            p.add(format!("{qp}.id"), format!("unknown {what} \"{}\"", q.id));
        }
        if !seen.insert(q.id.as_str()) {
            p.add(
                format!("{qp}.id"),
                format!("{what} \"{}\" has two quotas", q.id),
            );
        }
        match (q.count, q.percent) {
            (Some(c), None) => count_sum = count_sum.saturating_add(c),
            (None, Some(pc)) => {
                p.in_range(format!("{qp}.percent"), pc, 0.0, 100.0);
                if pc.is_finite() {
                    percent_sum += pc;
                }
            }
            _ => p.add(qp, "give exactly one of count and percent"),
        }
    }
    if count_sum > length {
        p.add(
            path.to_string(),
            format!("{what} counts add up to {count_sum}, more than the form length {length}"),
        );
    }
    if percent_sum > 100.0 + 1e-6 {
        p.add(
            path.to_string(),
            format!(
                "{what} percentages add up to {}, more than 100",
                Decimal(percent_sum)
            ),
        );
    }
    let has_counts = quotas.iter().any(|q| q.count.is_some());
    let has_percents = quotas.iter().any(|q| q.percent.is_some());
    if has_counts && has_percents {
        p.add(
            path.to_string(),
            format!("use either counts or percentages for {what} quotas, not both"),
        );
    }
}

fn validate_blueprint(
    p: &mut Problems,
    package: &Package,
    bp: &Blueprint,
    domains: &SortedSet<&str>,
    outcome_ids: &SortedSet<&str>,
    item_ids: &SortedSet<&str>,
) {
    if bp.length == 0 {
        p.add("blueprint.length", "a form needs at least one item");
    } else if bp.length > package.items.len() {
        p.add(
            "blueprint.length",
            format!(
                "the form needs {} items but the bank holds {}",
                bp.length,
                package.items.len()
            ),
        );
    }
    let _ = p.unique_ids(
        "blueprint.sections",
        bp.sections.iter().map(|s| s.id.as_str()),
    );
    let mut claimed: SortedMap<&str, &str> = SortedMap::new();
    let catch_alls = bp.sections.iter().filter(|s| s.domains.is_empty()).count();
    if catch_alls > 1 {
        p.add(
            "blueprint.sections",
            "at most one section may leave domains empty (the catch-all)",
        );
    }
    for (i, s) in bp.sections.iter().enumerate() {
        for (j, d) in s.domains.iter().enumerate() {
            let dp = format!("blueprint.sections[{i}].domains[{j}]");
            if !domains.contains(d.as_str()) {
                p.add(dp, format!("unknown domain \"{d}\""));
            } else if let Some(other) = claimed.insert(d, &s.id) {
                p.add(
                    dp,
                    format!("domain \"{d}\" is already in section \"{other}\""),
                );
            }
        }
    }
    if !bp.sections.is_empty() && catch_alls == 0 {
        for d in domains {
            if !claimed.contains_key(d) {
                p.add(
                    "blueprint.sections",
                    format!("domain \"{d}\" belongs to no section; add it to one or add a catch-all section"),
                );
            }
        }
    }
    validate_quotas(
        p,
        "blueprint.domains",
        &bp.domains,
        domains,
        "domain",
        bp.length,
    );
    validate_quotas(
        p,
        "blueprint.outcomes",
        &bp.outcomes,
        outcome_ids,
        "outcome",
        bp.length,
    );
    let mut pinned = SortedSet::new();
    for (i, id) in bp.pinned.iter().enumerate() {
        if !item_ids.contains(id.as_str()) {
            p.add(
                format!("blueprint.pinned[{i}]"),
                format!("unknown item \"{id}\""),
            );
        } else if !pinned.insert(id.as_str()) {
            p.add(
                format!("blueprint.pinned[{i}]"),
                format!("item \"{id}\" is pinned twice"),
            );
        }
    }
    if let Some(t) = &bp.difficulty {
        match t {
            DifficultyTarget::MeanP { min, max } => {
                p.in_range("blueprint.difficulty.min".into(), *min, 0.0, 1.0);
                p.in_range("blueprint.difficulty.max".into(), *max, 0.0, 1.0);
                if min > max {
                    p.add(
                        "blueprint.difficulty",
                        format!(
                            "min {} is greater than max {}",
                            Decimal(*min),
                            Decimal(*max)
                        ),
                    );
                }
                if let Some(i) = package
                    .items
                    .iter()
                    .position(|it| !matches!(it.difficulty, Some(Difficulty::P(_))))
                {
                    p.add(
                        format!("items[{i}].difficulty"),
                        "a mean_p target needs a p-value on every item",
                    );
                }
            }
            DifficultyTarget::MeanB { min, max } => {
                p.in_range("blueprint.difficulty.min".into(), *min, -10.0, 10.0);
                p.in_range("blueprint.difficulty.max".into(), *max, -10.0, 10.0);
                if min > max {
                    p.add(
                        "blueprint.difficulty",
                        format!(
                            "min {} is greater than max {}",
                            Decimal(*min),
                            Decimal(*max)
                        ),
                    );
                }
                if let Some(i) = package.items.iter().position(|it| {
                    !matches!(it.difficulty, Some(Difficulty::B(_))) && it.irt.is_none()
                }) {
                    p.add(
                        format!("items[{i}].difficulty"),
                        "a mean_b target needs a b value or IRT parameters on every item",
                    );
                }
            }
            DifficultyTarget::Information { points } => {
                if points.is_empty() {
                    p.add("blueprint.difficulty.points", "needs at least one θ point");
                }
                for (i, pt) in points.iter().enumerate() {
                    p.in_range(
                        format!("blueprint.difficulty.points[{i}].theta"),
                        pt.theta,
                        -6.0,
                        6.0,
                    );
                    if !(pt.target.is_finite() && pt.target >= 0.0) {
                        p.add(
                            format!("blueprint.difficulty.points[{i}].target"),
                            format!("must be 0 or more, found {}", Decimal(pt.target)),
                        );
                    }
                }
                require_irt(p, package, "an information target");
            }
            DifficultyTarget::MaximizeInformation { theta } => {
                p.in_range("blueprint.difficulty.theta".into(), *theta, -6.0, 6.0);
                require_irt(p, package, "a maximize_information target");
            }
        }
    }
    if bp.exposure.randomesque == 0 {
        p.add(
            "blueprint.exposure.randomesque",
            "must be at least 1 (1 picks the best item every time)",
        );
    }
    if let Some(r) = bp.exposure.max_rate {
        if !(r.is_finite() && r > 0.0 && r <= 1.0) {
            p.add(
                "blueprint.exposure.max_rate",
                format!("must be above 0 and at most 1, found {}", Decimal(r)),
            );
        }
    }
}

fn require_irt(p: &mut Problems, package: &Package, what: &str) {
    if let Some(i) = package.items.iter().position(|it| it.irt.is_none()) {
        p.add(
            format!("items[{i}].irt"),
            format!("{what} needs IRT parameters on every item"),
        );
    }
}

fn validate_scoring(p: &mut Problems, s: &ScoringPolicy) {
    if !(s.scale.min.is_finite() && s.scale.max.is_finite() && s.scale.min < s.scale.max) {
        p.add(
            "scoring.scale",
            format!(
                "min {} must be below max {}",
                Decimal(s.scale.min),
                Decimal(s.scale.max)
            ),
        );
    } else {
        p.in_range(
            "scoring.cut_score".into(),
            s.cut_score,
            s.scale.min,
            s.scale.max,
        );
    }
    if s.negative_marking.enabled {
        p.in_range(
            "scoring.negative_marking.penalty".into(),
            s.negative_marking.penalty,
            0.0,
            1.0,
        );
    }
    if s.rounding.decimals > 6 {
        p.add(
            "scoring.rounding.decimals",
            format!("must be 0 to 6, found {}", s.rounding.decimals),
        );
    }
}
