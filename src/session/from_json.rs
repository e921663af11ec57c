//! The session snapshot read from JSON by hand ([`FromJson`]), with what it holds: the
//! learner, the mode, the form, the assembly context and the responses. Each impl mirrors the
//! type's serde declaration; writing is in `session::to_json`.

use crate::assemble::{AssemblyContext, Form, FormItem, FormSection, Seed, SoftDeviation};
use crate::model::json::{Error, Fields, FromJson, Number, Reader};
use crate::timestamp::Timestamp;

use super::{Learner, Mode, ResponseEntry, SessionSnapshot};

mod chain;

const SNAPSHOT: Fields = Fields {
    expecting: "struct SessionSnapshot",
    names: &[
        "format",
        "package_id",
        "package_version",
        "attempt_id",
        "learner",
        "attempt_number",
        "mode",
        "form",
        "context",
        "started_at",
        "deadline",
        "current",
        "responses",
        "flagged",
        "submitted_at",
        "log",
    ],
    deny_unknown: true,
};

impl FromJson for SessionSnapshot {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut format, mut package_id, mut package_version) = (None, None, None);
        let (mut attempt_id, mut learner, mut attempt_number, mut mode) = (None, None, None, None);
        let (mut form, mut context, mut started_at, mut deadline) = (None, None, None, None);
        let (mut current, mut responses, mut flagged, mut submitted_at) = (None, None, None, None);
        let mut log = None;
        r.fields(&SNAPSHOT, &mut |r, field| match field {
            0 => r.read(&mut format),
            1 => r.read(&mut package_id),
            2 => r.read(&mut package_version),
            3 => r.read(&mut attempt_id),
            4 => r.read(&mut learner),
            5 => r.read(&mut attempt_number),
            6 => r.read(&mut mode),
            7 => r.read(&mut form),
            8 => r.read(&mut context),
            9 => r.read(&mut started_at),
            10 => r.read(&mut deadline),
            11 => r.read(&mut current),
            12 => r.read(&mut responses),
            13 => r.read(&mut flagged),
            14 => r.read(&mut submitted_at),
            _ => r.read(&mut log),
        })?;
        Ok(SessionSnapshot {
            format: r.need(format, "format")?,
            package_id: r.need(package_id, "package_id")?,
            package_version: r.need(package_version, "package_version")?,
            attempt_id: r.need(attempt_id, "attempt_id")?,
            learner: r.need(learner, "learner")?,
            attempt_number: r.need(attempt_number, "attempt_number")?,
            mode: r.need(mode, "mode")?,
            form: r.need(form, "form")?,
            context: context.unwrap_or_default(),
            started_at: r.need(started_at, "started_at")?,
            deadline: deadline.flatten(),
            current: r.need(current, "current")?,
            responses: r.need(responses, "responses")?,
            flagged: r.need(flagged, "flagged")?,
            submitted_at: submitted_at.flatten(),
            log: log.unwrap_or_default(),
        })
    }
}

const LEARNER: Fields = Fields {
    expecting: "struct Learner",
    names: &["id", "name", "email"],
    deny_unknown: true,
};

impl FromJson for Learner {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut name, mut email) = (None, None, None);
        r.fields(&LEARNER, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut name),
            _ => r.read(&mut email),
        })?;
        Ok(Learner {
            id: r.need(id, "id")?,
            name: name.flatten(),
            email: email.flatten(),
        })
    }
}

impl FromJson for Mode {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match r.unit_variant(&["practice", "secure", "review"])? {
            0 => Mode::Practice,
            1 => Mode::Secure,
            _ => Mode::Review,
        })
    }
}

const RESPONSE_ENTRY: Fields = Fields {
    expecting: "struct ResponseEntry",
    names: &["value", "answered_at", "changed_at", "changes"],
    deny_unknown: false,
};

impl FromJson for ResponseEntry {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut value, mut answered_at, mut changed_at, mut changes) = (None, None, None, None);
        r.fields(&RESPONSE_ENTRY, &mut |r, field| match field {
            0 => r.read(&mut value),
            1 => r.read(&mut answered_at),
            2 => r.read(&mut changed_at),
            _ => r.read(&mut changes),
        })?;
        Ok(ResponseEntry {
            value: r.need(value, "value")?,
            answered_at: r.need(answered_at, "answered_at")?,
            changed_at: r.need(changed_at, "changed_at")?,
            changes: r.need(changes, "changes")?,
        })
    }
}

impl FromJson for Timestamp {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.signed().map(Timestamp)
    }
}

/// A decimal string, or a JSON number (as serde's untagged `u64 | string` read it).
impl FromJson for Seed {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        match r.next_byte()? {
            b'"' => {
                let text = r.string()?;
                text.parse().map_err(Error::new)
            }
            b'-' | b'0'..=b'9' => match r.number()? {
                Number::U64(n) => Ok(Seed(n)),
                _ => Err(no_seed()),
            },
            _ => r.skip_value().and_then(|()| Err(no_seed())),
        }
    }
}

fn no_seed() -> Error {
    Error::new("data did not match any variant of untagged enum Raw".to_string())
}

const FORM: Fields = Fields {
    expecting: "struct Form",
    names: &["seed", "items", "sections", "deviation"],
    deny_unknown: false,
};

impl FromJson for Form {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut seed, mut items, mut sections, mut deviation) = (None, None, None, None);
        r.fields(&FORM, &mut |r, field| match field {
            0 => r.read(&mut seed),
            1 => r.read(&mut items),
            2 => r.read(&mut sections),
            _ => r.read(&mut deviation),
        })?;
        Ok(Form {
            seed: r.need(seed, "seed")?,
            items: r.need(items, "items")?,
            sections: r.need(sections, "sections")?,
            deviation: r.need(deviation, "deviation")?,
        })
    }
}

const FORM_ITEM: Fields = Fields {
    expecting: "struct FormItem",
    names: &["item_id", "choice_order", "target_order", "gap_orders"],
    deny_unknown: false,
};

impl FromJson for FormItem {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut item_id, mut choice_order, mut target_order, mut gap_orders) =
            (None, None, None, None);
        r.fields(&FORM_ITEM, &mut |r, field| match field {
            0 => r.read(&mut item_id),
            1 => r.read(&mut choice_order),
            2 => r.read(&mut target_order),
            _ => r.read(&mut gap_orders),
        })?;
        Ok(FormItem {
            item_id: r.need(item_id, "item_id")?,
            choice_order: choice_order.unwrap_or_default(),
            target_order: target_order.unwrap_or_default(),
            gap_orders: gap_orders.unwrap_or_default(),
        })
    }
}

const FORM_SECTION: Fields = Fields {
    expecting: "struct FormSection",
    names: &["id", "title", "start", "end"],
    deny_unknown: false,
};

impl FromJson for FormSection {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut title, mut start, mut end) = (None, None, None, None);
        r.fields(&FORM_SECTION, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut title),
            2 => r.read(&mut start),
            _ => r.read(&mut end),
        })?;
        Ok(FormSection {
            id: r.need(id, "id")?,
            title: r.need(title, "title")?,
            start: r.need(start, "start")?,
            end: r.need(end, "end")?,
        })
    }
}

const SOFT_DEVIATION: Fields = Fields {
    expecting: "struct SoftDeviation",
    names: &["target", "achieved", "deviation", "information"],
    deny_unknown: false,
};

impl FromJson for SoftDeviation {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut target, mut achieved, mut deviation, mut information) = (None, None, None, None);
        r.fields(&SOFT_DEVIATION, &mut |r, field| match field {
            0 => r.read(&mut target),
            1 => r.read(&mut achieved),
            2 => r.read(&mut deviation),
            _ => r.read(&mut information),
        })?;
        Ok(SoftDeviation {
            target: r.need(target, "target")?,
            achieved: r.need(achieved, "achieved")?,
            deviation: r.need(deviation, "deviation")?,
            information: information.unwrap_or_default(),
        })
    }
}

const ASSEMBLY_CONTEXT: Fields = Fields {
    expecting: "struct AssemblyContext",
    names: &["seen_item_ids", "exposure_counts", "administrations"],
    deny_unknown: false,
};

impl FromJson for AssemblyContext {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut seen_item_ids, mut exposure_counts, mut administrations) = (None, None, None);
        r.fields(&ASSEMBLY_CONTEXT, &mut |r, field| match field {
            0 => r.read(&mut seen_item_ids),
            1 => r.read(&mut exposure_counts),
            _ => r.read(&mut administrations),
        })?;
        Ok(AssemblyContext {
            seen_item_ids: seen_item_ids.unwrap_or_default(),
            exposure_counts: exposure_counts.unwrap_or_default(),
            administrations: administrations.unwrap_or_default(),
        })
    }
}
