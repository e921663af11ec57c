//! A complete, valid package from imported GIFT questions: every item on the form, one domain
//! quota per category (its item count), one outcome per domain with its items aligned to it,
//! the default 0–100 scale with a cut score of 70, and no credential.

use std::collections::BTreeSet;

use super::ids::{category_segments, slug};
use super::GiftImport;
use crate::model::{
    AttemptsPolicy, Blueprint, CredentialPolicy, DeliveryPolicy, ExposureControl, Outcome,
    OutcomeAlignment, Package, Quota, ScoringPolicy, PACKAGE_FORMAT,
};

/// The cut score of an imported package, on the default 0–100 scale.
pub const DEFAULT_CUT_SCORE: f64 = 70.0;

/// Package metadata the GIFT file does not give.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageSettings {
    pub id: String,
    pub title: String,
    pub version: String,
    /// BCP 47 language tag of the content.
    pub language: String,
    /// Cut score on the 0–100 scale.
    pub cut_score: f64,
}

impl PackageSettings {
    /// Version `1.0.0`, language `en`, cut score 70.
    pub fn new(id: &str, title: &str) -> PackageSettings {
        PackageSettings {
            id: id.to_string(),
            title: title.to_string(),
            version: "1.0.0".to_string(),
            language: "en".to_string(),
            cut_score: DEFAULT_CUT_SCORE,
        }
    }

    /// Id and title from the name of the imported file (its last path segment without the
    /// extension): `units/unit-3_quiz.gift` → id `unit-3-quiz`, title "Unit 3 quiz"; `imported`
    /// and "Imported questions" when the name gives nothing.
    pub fn from_file_name(name: &str) -> PackageSettings {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = match base.rfind('.') {
            Some(dot) if dot > 0 => base.get(..dot).unwrap_or(base),
            _ => base,
        };
        let id = Some(slug(stem))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "imported".to_string());
        let words = stem.replace(['-', '_'], " ");
        let mut chars = words.trim().chars();
        let title: String = match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => "Imported questions".to_string(),
        };
        PackageSettings::new(&id, &title)
    }
}

/// The outcome id of each domain, in domain order: `o-` and the slug of its name.
pub fn outcome_ids(domains: &[&str]) -> Vec<String> {
    let mut used = BTreeSet::new();
    domains
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let s = slug(d);
            let base = if s.is_empty() {
                format!("o{}", i + 1)
            } else {
                format!("o-{s}")
            };
            let mut id = base.clone();
            let mut n = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        })
        .collect()
}

/// What [`gift_package`] chose because GIFT does not say it, one plain sentence each, for
/// import reports.
pub fn package_defaults(settings: &PackageSettings, domains: usize) -> Vec<String> {
    vec![
        format!(
            "scoring: scale 0–100; cut score {} (GIFT gives no scale or cut score)",
            settings.cut_score
        ),
        "blueprint: every item on the form, one domain quota per category".to_string(),
        format!(
            "outcomes: one per domain ({domains}), mastery 0.8, each item aligned to its domain's outcome"
        ),
        "credential: none (GIFT describes no certificate or certification)".to_string(),
        format!(
            "package: id \"{}\" and title \"{}\" from the file name; version {}; language {}",
            settings.id, settings.title, settings.version, settings.language
        ),
    ]
}

/// Assemble the package. It validates when the import holds at least one item.
pub fn gift_package(import: &GiftImport, settings: &PackageSettings) -> Package {
    let names: Vec<&str> = import.domains.iter().map(|d| d.name.as_str()).collect();
    let ids = outcome_ids(&names);
    let outcomes = import
        .domains
        .iter()
        .zip(&ids)
        .map(|(d, id)| Outcome {
            id: id.clone(),
            statement: match d.categories.first() {
                Some(path) => format!(
                    "{}: the knowledge and skills tested by the questions of the category \"{}\".",
                    d.name,
                    category_segments(path).join("/")
                ),
                None => format!(
                    "{}: the knowledge and skills tested by the questions imported without a category.",
                    d.name
                ),
            },
            uri: None,
            mastery: 0.8,
            required: false,
            min_items: 1,
        })
        .collect();
    let items = import
        .items
        .iter()
        .map(|item| {
            let mut item = item.clone();
            let outcome = names
                .iter()
                .position(|n| *n == item.domain)
                .and_then(|i| ids.get(i));
            item.outcomes = outcome
                .map(|o| OutcomeAlignment {
                    outcome: o.clone(),
                    weight: 1.0,
                })
                .into_iter()
                .collect();
            item
        })
        .collect();
    Package {
        format: PACKAGE_FORMAT.to_string(),
        id: settings.id.clone(),
        version: settings.version.clone(),
        title: settings.title.clone(),
        language: settings.language.clone(),
        outcomes,
        sets: Vec::new(),
        items,
        blueprint: Blueprint {
            length: import.items.len(),
            sections: Vec::new(),
            domains: import
                .domains
                .iter()
                .map(|d| Quota {
                    id: d.name.clone(),
                    count: Some(d.items),
                    percent: None,
                })
                .collect(),
            outcomes: Vec::new(),
            difficulty: None,
            pinned: Vec::new(),
            exposure: ExposureControl::default(),
            shuffle_choices: true,
        },
        scoring: ScoringPolicy {
            cut_score: settings.cut_score,
            scale: Default::default(),
            negative_marking: Default::default(),
            rounding: Default::default(),
        },
        credential: CredentialPolicy::None,
        attempts: AttemptsPolicy::default(),
        delivery: DeliveryPolicy::default(),
        published: None,
        assets: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_from_a_file_name() {
        let s = PackageSettings::from_file_name("banks/unit-3_quiz.gift");
        assert_eq!(
            (s.id.as_str(), s.title.as_str()),
            ("unit-3-quiz", "Unit 3 quiz")
        );
        let s = PackageSettings::from_file_name("C:\\bank\\Hundred.txt");
        assert_eq!((s.id.as_str(), s.title.as_str()), ("hundred", "Hundred"));
        let s = PackageSettings::from_file_name("");
        assert_eq!(
            (s.id.as_str(), s.title.as_str()),
            ("imported", "Imported questions")
        );
        let s = PackageSettings::from_file_name("é.gift");
        assert_eq!((s.id.as_str(), s.title.as_str()), ("imported", "É"));
        assert_eq!(s.cut_score, DEFAULT_CUT_SCORE);
    }
}
