//! What a batch of determinism cases exercised: interaction kinds on the forms, item
//! statuses, ability estimates, time-outs, modes, decisions, credentials, blueprint features,
//! and the unusual responses given. Counted from each case and its native record.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::json::Value;
use crate::model::{CredentialPolicy, DifficultyTarget, Navigation, Package};
use crate::record::CompletionRecord;
use crate::score::nfc::nfc;

use super::DeterminismCase;

/// 2^53: integers above it lose precision as JavaScript numbers.
const EXACT_INTEGER_LIMIT: u64 = 1 << 53;

/// Feature counts over a batch of cases. `BTreeMap` keys are the JSON names (`partial`,
/// `cloze`, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    pub cases: usize,
    /// Cases whose first package could not be delivered and another was drawn.
    pub regenerated: usize,
    /// Cases that fell back to a plain package.
    pub plain_fallback: usize,
    pub bank_items: usize,
    pub form_items: usize,
    /// Items on forms, by interaction kind.
    pub items_by_kind: BTreeMap<String, usize>,
    /// Cases with at least one item of the kind on the form.
    pub cases_by_kind: BTreeMap<String, usize>,
    /// Scored items by status (practice and review cases; secure records carry no scores).
    pub item_status: BTreeMap<String, usize>,
    /// Cases with at least one partly right item.
    pub cases_with_partial_credit: usize,
    /// Cases whose result has an IRT ability estimate (EAP and MLE).
    pub ability_estimates: usize,
    /// Of those, MLE estimates at a bound of the search interval.
    pub mle_bounded: usize,
    /// Packages with IRT parameters on every item, on some, on none.
    pub irt_all: usize,
    pub irt_some: usize,
    pub irt_none: usize,
    pub timed_out: usize,
    pub modes: BTreeMap<String, usize>,
    pub decisions: BTreeMap<String, usize>,
    /// `certificate awarded`, `certification not awarded`, `none`, ...
    pub credentials: BTreeMap<String, usize>,
    /// Blueprint and policy features: `linear`, `sections`, `pinned`, `percent_quotas`, ...
    pub features: BTreeMap<String, usize>,
    pub answers: usize,
    /// Answers that cleared a response (JSON null).
    pub cleared: usize,
    /// Responses changed after they were first given (from the record).
    pub changed: usize,
    /// Unusual values among the responses given: `negative_zero`, `beyond_2^53`, ...
    pub unusual: BTreeMap<String, usize>,
}

fn bump(map: &mut BTreeMap<String, usize>, key: &str) {
    *map.entry(key.to_string()).or_default() += 1;
}

impl Coverage {
    /// Count one case, its package and its native record. `tries` is
    /// [`GeneratedCase::tries`](super::GeneratedCase::tries).
    pub fn add(
        &mut self,
        case: &DeterminismCase,
        package: &Package,
        record: &CompletionRecord,
        tries: u32,
    ) {
        self.cases += 1;
        if tries > 1 {
            self.regenerated += 1;
        }
        if tries > super::MAX_TRIES {
            self.plain_fallback += 1;
        }
        self.bank_items += package.items.len();
        self.form_items += record.form.len();
        self.count_form(package, record);
        self.count_result(record);
        self.count_package(package, case);
        self.answers += case.answers.len();
        self.cleared += case.answers.iter().filter(|a| a.response.is_null()).count();
        self.changed += record.responses.values().filter(|r| r.changes > 0).count();
        for answer in &case.answers {
            self.count_unusual(&answer.response);
        }
    }

    fn count_form(&mut self, package: &Package, record: &CompletionRecord) {
        let mut kinds = BTreeMap::new();
        for item in record.form.iter().filter_map(|f| package.item(&f.item_id)) {
            let kind = item.interaction.kind().as_str();
            bump(&mut self.items_by_kind, kind);
            kinds.insert(kind, ());
        }
        for kind in kinds.keys() {
            bump(&mut self.cases_by_kind, kind);
        }
        let irt = record
            .form
            .iter()
            .filter_map(|f| package.item(&f.item_id))
            .filter(|i| i.irt.is_some())
            .count();
        match irt {
            0 => self.irt_none += 1,
            n if n == record.form.len() => self.irt_all += 1,
            _ => self.irt_some += 1,
        }
    }

    fn count_result(&mut self, record: &CompletionRecord) {
        if record.timed_out {
            self.timed_out += 1;
        }
        bump(&mut self.modes, json_name(&record.mode).as_str());
        let Some(result) = &record.result else {
            return;
        };
        let mut partial = false;
        for item in &result.items {
            let status = json_name(&item.status);
            partial |= status == "partial";
            bump(&mut self.item_status, &status);
        }
        if partial {
            self.cases_with_partial_credit += 1;
        }
        if let Some(ability) = &result.ability {
            self.ability_estimates += 1;
            if ability.mle_bounded {
                self.mle_bounded += 1;
            }
        }
        bump(&mut self.decisions, &json_name(&result.decision));
        let credential = match result.credential.kind.as_str() {
            "none" => "none".to_string(),
            kind if result.credential.awarded => format!("{kind} awarded"),
            kind => format!("{kind} not awarded"),
        };
        bump(&mut self.credentials, &credential);
    }

    fn count_package(&mut self, package: &Package, case: &DeterminismCase) {
        let bp = &package.blueprint;
        let mut feature = |name: &str, on: bool| {
            if on {
                bump(&mut self.features, name);
            }
        };
        feature("linear", package.delivery.navigation == Navigation::Linear);
        feature("time_limit", package.delivery.time_limit_seconds.is_some());
        feature("sections", !bp.sections.is_empty());
        feature("pinned", !bp.pinned.is_empty());
        feature("count_quotas", bp.domains.iter().any(|q| q.count.is_some()));
        feature(
            "percent_quotas",
            bp.domains.iter().any(|q| q.percent.is_some()),
        );
        feature("outcome_quotas", !bp.outcomes.is_empty());
        feature("exposure_cap", bp.exposure.max_rate.is_some());
        feature("randomesque", bp.exposure.randomesque > 1);
        feature("item_sets", !package.sets.is_empty());
        feature(
            "enemies",
            package.items.iter().any(|i| i.enemy_group.is_some()),
        );
        feature(
            "information_target",
            matches!(
                bp.difficulty,
                Some(
                    DifficultyTarget::Information { .. }
                        | DifficultyTarget::MaximizeInformation { .. }
                )
            ),
        );
        feature(
            "mean_b_target",
            matches!(bp.difficulty, Some(DifficultyTarget::MeanB { .. })),
        );
        feature("negative_marking", package.scoring.negative_marking.enabled);
        feature(
            "required_outcomes",
            package.outcomes.iter().any(|o| o.required),
        );
        feature(
            "certificate",
            matches!(package.credential, CredentialPolicy::Certificate { .. }),
        );
        feature(
            "certification",
            matches!(package.credential, CredentialPolicy::Certification { .. }),
        );
        feature("seen_items", !case.start.seen_item_ids.is_empty());
        feature("exposure_counts", !case.start.exposure_counts.is_empty());
        feature("seed_above_2^53", case.start.seed.0 > 1 << 53);
    }

    fn count_unusual(&mut self, value: &Value) {
        match value {
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(0.0);
                if n.is_f64() && x == 0.0 && x.is_sign_negative() {
                    bump(&mut self.unusual, "negative_zero");
                }
                let beyond = n.as_u64().is_some_and(|u| u > EXACT_INTEGER_LIMIT)
                    || n.as_i64()
                        .is_some_and(|i| i.unsigned_abs() > EXACT_INTEGER_LIMIT);
                if beyond {
                    bump(&mut self.unusual, "integer_beyond_2^53");
                }
                if x != 0.0 && x.abs() < f64::MIN_POSITIVE {
                    bump(&mut self.unusual, "subnormal");
                }
                if x.abs() >= 1e300 {
                    bump(&mut self.unusual, "huge");
                }
                if n.is_f64() && x.fract() == 0.0 && x.abs() < 1e15 && x != 0.0 {
                    bump(&mut self.unusual, "whole_float");
                }
            }
            Value::String(s) => {
                if nfc(s) != *s {
                    bump(&mut self.unusual, "unnormalized_text");
                } else if !s.is_ascii() {
                    bump(&mut self.unusual, "non_ascii_text");
                }
                if s.trim().is_empty() {
                    bump(&mut self.unusual, "blank_text");
                }
            }
            Value::Array(list) if list.is_empty() => bump(&mut self.unusual, "empty_list"),
            Value::Object(map) if map.values().all(Value::is_null) => {
                bump(&mut self.unusual, "empty_cloze")
            }
            Value::Object(map) => map.values().for_each(|v| self.count_unusual(v)),
            _ => {}
        }
    }
}

/// The JSON name of a unit enum variant (`"partial"`, `"practice"`).
fn json_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
