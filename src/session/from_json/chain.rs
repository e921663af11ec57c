//! The snapshot's integrity log read by hand: each [`LogEntry`] and its [`SessionEvent`], an
//! internally tagged value (`{"kind": "answer", ...}`). Mirrors the serde declarations in
//! `session::chain`, unknown fields refused.

use crate::model::json::{Error, Fields, FromJson, Reader, Variants};
use crate::session::{LogEntry, SessionEvent};

const LOG_ENTRY: Fields = Fields {
    expecting: "struct LogEntry",
    names: &["event", "chain"],
    deny_unknown: true,
};

impl FromJson for LogEntry {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut event, mut chain) = (None, None);
        r.fields(&LOG_ENTRY, &mut |r, field| match field {
            0 => r.read(&mut event),
            _ => r.read(&mut chain),
        })?;
        Ok(LogEntry {
            event: r.need(event, "event")?,
            chain: r.need(chain, "chain")?,
        })
    }
}

const EVENT: Variants = Variants {
    tag: "kind",
    names: &["start", "answer", "clear", "flag", "go_to", "submit"],
};

const AT: Fields = Fields {
    expecting: "struct variant SessionEvent",
    names: &["at"],
    deny_unknown: true,
};

const ANSWER: Fields = Fields {
    expecting: "struct variant SessionEvent::Answer",
    names: &["item_id", "value", "at"],
    deny_unknown: true,
};

const CLEAR: Fields = Fields {
    expecting: "struct variant SessionEvent::Clear",
    names: &["item_id", "at"],
    deny_unknown: true,
};

const FLAG: Fields = Fields {
    expecting: "struct variant SessionEvent::Flag",
    names: &["item_id", "on"],
    deny_unknown: true,
};

const GO_TO: Fields = Fields {
    expecting: "struct variant SessionEvent::GoTo",
    names: &["index"],
    deny_unknown: true,
};

impl FromJson for SessionEvent {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut event = None;
        r.tagged(&EVENT, &mut |r, variant| {
            event = Some(match variant {
                0 | 5 => {
                    let mut at = None;
                    r.fields(&AT, &mut |r, _| r.read(&mut at))?;
                    let at = r.need(at, "at")?;
                    if variant == 0 {
                        SessionEvent::Start { at }
                    } else {
                        SessionEvent::Submit { at }
                    }
                }
                1 => {
                    let (mut item_id, mut value, mut at) = (None, None, None);
                    r.fields(&ANSWER, &mut |r, field| match field {
                        0 => r.read(&mut item_id),
                        1 => r.read(&mut value),
                        _ => r.read(&mut at),
                    })?;
                    SessionEvent::Answer {
                        item_id: r.need(item_id, "item_id")?,
                        value: r.need(value, "value")?,
                        at: r.need(at, "at")?,
                    }
                }
                2 => {
                    let (mut item_id, mut at) = (None, None);
                    r.fields(&CLEAR, &mut |r, field| match field {
                        0 => r.read(&mut item_id),
                        _ => r.read(&mut at),
                    })?;
                    SessionEvent::Clear {
                        item_id: r.need(item_id, "item_id")?,
                        at: r.need(at, "at")?,
                    }
                }
                3 => {
                    let (mut item_id, mut on) = (None, None);
                    r.fields(&FLAG, &mut |r, field| match field {
                        0 => r.read(&mut item_id),
                        _ => r.read(&mut on),
                    })?;
                    SessionEvent::Flag {
                        item_id: r.need(item_id, "item_id")?,
                        on: r.need(on, "on")?,
                    }
                }
                _ => {
                    let mut index = None;
                    r.fields(&GO_TO, &mut |r, _| r.read(&mut index))?;
                    SessionEvent::GoTo {
                        index: r.need(index, "index")?,
                    }
                }
            });
            Ok(())
        })?;
        r.need(event, "kind")
    }
}
