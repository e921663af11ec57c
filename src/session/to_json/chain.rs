//! The snapshot's integrity log written by hand: each [`LogEntry`] and its [`SessionEvent`],
//! an internally tagged value (`{"kind": "answer", ...}`, members in key order). Mirrors the
//! serde declarations in `session::chain`.

use crate::model::json::{ToJson, Writer};
use crate::session::{LogEntry, SessionEvent};

impl ToJson for LogEntry {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("event", &self.event);
        w.field("chain", &self.chain);
        w.end_object();
    }
}

impl ToJson for SessionEvent {
    fn to_json(&self, w: &mut Writer) {
        match self {
            SessionEvent::Start { at } => w.tagged("kind", "start", &mut |w| w.field("at", at)),
            SessionEvent::Answer { item_id, value, at } => w.tagged("kind", "answer", &mut |w| {
                w.field("item_id", item_id);
                w.field("value", value);
                w.field("at", at);
            }),
            SessionEvent::Clear { item_id, at } => w.tagged("kind", "clear", &mut |w| {
                w.field("item_id", item_id);
                w.field("at", at);
            }),
            SessionEvent::Flag { item_id, on } => w.tagged("kind", "flag", &mut |w| {
                w.field("item_id", item_id);
                w.field("on", on);
            }),
            SessionEvent::GoTo { index } => {
                w.tagged("kind", "go_to", &mut |w| w.field("index", index));
            }
            SessionEvent::Submit { at } => w.tagged("kind", "submit", &mut |w| w.field("at", at)),
        }
    }
}
