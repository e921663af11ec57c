//! The session snapshot written as JSON by hand ([`ToJson`]), with what it holds: the learner,
//! the mode, the form, the assembly context and the responses; the counterpart of
//! `session::from_json`. Each impl mirrors the type's serde declaration.

use crate::assemble::{AssemblyContext, Form, FormItem, FormSection, Seed, SoftDeviation};
use crate::model::json::{ToJson, Writer};
use crate::timestamp::Timestamp;

use super::{Learner, Mode, ResponseEntry, SessionSnapshot};

mod chain;

impl ToJson for SessionSnapshot {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("format", &self.format);
        w.field("package_id", &self.package_id);
        w.field("package_version", &self.package_version);
        w.field("attempt_id", &self.attempt_id);
        w.field("learner", &self.learner);
        w.field("attempt_number", &self.attempt_number);
        w.field("mode", &self.mode);
        w.field("form", &self.form);
        if !self.context.is_empty() {
            w.field("context", &self.context);
        }
        w.field("started_at", &self.started_at);
        if let Some(deadline) = &self.deadline {
            w.field("deadline", deadline);
        }
        w.field("current", &self.current);
        w.field("responses", &self.responses);
        w.field("flagged", &self.flagged);
        if let Some(submitted_at) = &self.submitted_at {
            w.field("submitted_at", submitted_at);
        }
        w.field("log", &self.log);
        w.end_object();
    }
}

impl ToJson for Learner {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        if let Some(name) = &self.name {
            w.field("name", name);
        }
        if let Some(email) = &self.email {
            w.field("email", email);
        }
        w.end_object();
    }
}

impl ToJson for Mode {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            Mode::Practice => "practice",
            Mode::Secure => "secure",
            Mode::Review => "review",
        });
    }
}

impl ToJson for ResponseEntry {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("value", &self.value);
        w.field("answered_at", &self.answered_at);
        w.field("changed_at", &self.changed_at);
        w.field("changes", &self.changes);
        w.end_object();
    }
}

/// Milliseconds since 1970, a number.
impl ToJson for Timestamp {
    fn to_json(&self, w: &mut Writer) {
        w.signed(self.0);
    }
}

/// A decimal string.
impl ToJson for Seed {
    fn to_json(&self, w: &mut Writer) {
        let mut digits = Writer::new();
        digits.unsigned(self.0);
        w.string(&digits.finish());
    }
}

impl ToJson for Form {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("seed", &self.seed);
        w.field("items", &self.items);
        w.field("sections", &self.sections);
        w.field("deviation", &self.deviation);
        w.end_object();
    }
}

impl ToJson for FormItem {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("item_id", &self.item_id);
        if !self.choice_order.is_empty() {
            w.field("choice_order", &self.choice_order);
        }
        if !self.target_order.is_empty() {
            w.field("target_order", &self.target_order);
        }
        if !self.gap_orders.is_empty() {
            w.field("gap_orders", &self.gap_orders);
        }
        w.end_object();
    }
}

impl ToJson for FormSection {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("title", &self.title);
        w.field("start", &self.start);
        w.field("end", &self.end);
        w.end_object();
    }
}

impl ToJson for SoftDeviation {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("target", &self.target);
        w.field("achieved", &self.achieved);
        w.field("deviation", &self.deviation);
        if !self.information.is_empty() {
            w.field("information", &self.information);
        }
        w.end_object();
    }
}

impl ToJson for AssemblyContext {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("seen_item_ids", &self.seen_item_ids);
        w.field("exposure_counts", &self.exposure_counts);
        w.field("administrations", &self.administrations);
        w.end_object();
    }
}
