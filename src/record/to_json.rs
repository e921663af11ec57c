//! The completion record written as JSON by hand ([`ToJson`]): `CompletionRecord`,
//! `PackageRef`, `Engine`. Mirrors the serde declarations; [`CompletionRecord::to_canonical_json`]
//! is this text.

use crate::model::json::{ToJson, Writer};

use super::{CompletionRecord, Engine, PackageRef};

impl ToJson for CompletionRecord {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("format", &self.format);
        w.field("attempt_id", &self.attempt_id);
        w.field("learner", &self.learner);
        w.field("package", &self.package);
        w.field("engine", &self.engine);
        w.field("mode", &self.mode);
        w.field("attempt_number", &self.attempt_number);
        w.field("seed", &self.seed);
        w.field("form", &self.form);
        if !self.assembly_context.is_empty() {
            w.field("assembly_context", &self.assembly_context);
        }
        w.field("responses", &self.responses);
        w.field("started_at", &self.started_at);
        w.field("submitted_at", &self.submitted_at);
        w.field("duration_ms", &self.duration_ms);
        w.field("timed_out", &self.timed_out);
        if let Some(result) = &self.result {
            w.field("result", result);
        }
        w.end_object();
    }
}

impl ToJson for PackageRef {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("version", &self.version);
        w.field("content_hash", &self.content_hash);
        w.end_object();
    }
}

impl ToJson for Engine {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("name", &self.name);
        w.field("version", &self.version);
        w.end_object();
    }
}
