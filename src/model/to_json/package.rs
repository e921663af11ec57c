//! The package and what it holds at the top: `Package`, `Publication`, `Asset`, `Outcome`,
//! `ItemSet`.

use crate::model::json::{ToJson, Writer};
use crate::model::package::{Asset, ItemSet, Outcome, Package, Publication};

impl ToJson for Package {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("format", &self.format);
        w.field("id", &self.id);
        w.field("version", &self.version);
        w.field("title", &self.title);
        w.field("language", &self.language);
        w.field("outcomes", &self.outcomes);
        w.field("sets", &self.sets);
        w.field("items", &self.items);
        w.field("blueprint", &self.blueprint);
        w.field("scoring", &self.scoring);
        w.field("credential", &self.credential);
        w.field("attempts", &self.attempts);
        w.field("delivery", &self.delivery);
        if !self.assets.is_empty() {
            w.field("assets", &self.assets);
        }
        if let Some(published) = &self.published {
            w.field("published", published);
        }
        w.end_object();
    }
}

impl ToJson for Publication {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("source_hash", &self.source_hash);
        w.field("keys_stripped", &self.keys_stripped);
        w.end_object();
    }
}

impl ToJson for Asset {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("path", &self.path);
        w.field("media_type", &self.media_type);
        w.end_object();
    }
}

impl ToJson for Outcome {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("statement", &self.statement);
        if let Some(uri) = &self.uri {
            w.field("uri", uri);
        }
        w.field("mastery", &self.mastery);
        w.field("required", &self.required);
        w.field("min_items", &self.min_items);
        w.end_object();
    }
}

impl ToJson for ItemSet {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("title", &self.title);
        w.field("stimulus", &self.stimulus);
        if let Some(draw) = &self.draw {
            w.field("draw", draw);
        }
        w.end_object();
    }
}
