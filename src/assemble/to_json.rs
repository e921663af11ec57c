//! The feasibility report written as JSON by hand ([`ToJson`]): `FeasibilityReport` and its
//! rows, shortfalls, proof form and exposure estimate. Each impl mirrors the type's serde
//! declaration. (The form itself is written with the session snapshot, `session::to_json`.)

use crate::model::json::{ToJson, Writer};

use super::{
    ExposureEstimate, FeasibilityReport, ItemExposure, PinRow, ProofForm, QuotaRow, SetRow,
    Shortfall,
};

impl ToJson for FeasibilityReport {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("feasible", &self.feasible);
        w.field("length", &self.length);
        w.field("bank_items", &self.bank_items);
        w.field("usable_items", &self.usable_items);
        w.field("seen_items", &self.seen_items);
        w.field("overexposed_items", &self.overexposed_items);
        w.field("capacity", &self.capacity);
        w.field("domains", &self.domains);
        w.field("outcomes", &self.outcomes);
        w.field("pins", &self.pins);
        w.field("sets", &self.sets);
        w.field("problems", &self.problems);
        if let Some(log10) = &self.distinct_forms_log10 {
            w.field("distinct_forms_log10", log10);
        }
        if let Some(proof) = &self.proof {
            w.field("proof", proof);
        }
        if let Some(exposure) = &self.exposure {
            w.field("exposure", exposure);
        }
        w.end_object();
    }
}

impl ToJson for QuotaRow {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("label", &self.label);
        w.field("target", &self.target);
        if let Some(percent) = &self.percent {
            w.field("percent", percent);
        }
        w.field("from_percent", &self.from_percent);
        w.field("in_bank", &self.in_bank);
        w.field("available", &self.available);
        w.field("pinned", &self.pinned);
        w.field("enough", &self.enough);
        w.end_object();
    }
}

impl ToJson for PinRow {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("in_bank", &self.in_bank);
        if let Some(domain) = &self.domain {
            w.field("domain", domain);
        }
        if let Some(outcome) = &self.outcome {
            w.field("outcome", outcome);
        }
        if let Some(set) = &self.set {
            w.field("set", set);
        }
        w.field("seen", &self.seen);
        w.end_object();
    }
}

impl ToJson for SetRow {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("items", &self.items);
        w.field("draw", &self.draw);
        w.field("usable_items", &self.usable_items);
        w.field("pinned", &self.pinned);
        w.field("usable", &self.usable);
        w.end_object();
    }
}

impl ToJson for Shortfall {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("rule", &self.rule);
        w.field("message", &self.message);
        w.field("needed", &self.needed);
        w.field("available", &self.available);
        w.end_object();
    }
}

impl ToJson for ProofForm {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("seed", &self.seed);
        w.field("item_ids", &self.item_ids);
        w.field("deviation", &self.deviation);
        if !self.overexposed_items.is_empty() {
            w.field("overexposed_items", &self.overexposed_items);
        }
        w.end_object();
    }
}

impl ToJson for ExposureEstimate {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("forms", &self.forms);
        w.field("max_rate", &self.max_rate);
        w.field("mean_rate", &self.mean_rate);
        w.field("never_used", &self.never_used);
        w.field("never_used_items", &self.never_used_items);
        w.field("most_exposed", &self.most_exposed);
        w.field("mean_overlap", &self.mean_overlap);
        w.field("max_deviation", &self.max_deviation);
        w.field("off_target", &self.off_target);
        w.end_object();
    }
}

impl ToJson for ItemExposure {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("rate", &self.rate);
        w.end_object();
    }
}
