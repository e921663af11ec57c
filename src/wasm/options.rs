//! `Session.start` options (camelCase, as JS writes them), read from their JSON text with the
//! engine's reader.

use crate::assemble::Seed;
use crate::model::json::{Error, Fields, FromJson, Reader};
use crate::session::{Learner, Mode};
use crate::sorted_map::{SortedMap, SortedSet};

/// What `Session.start` is given besides the package.
pub struct StartOptions {
    pub learner: Learner,
    pub now: f64,
    pub seed: Option<Seed>,
    pub attempt_id: Option<String>,
    pub attempt_number: Option<u32>,
    pub mode: Option<Mode>,
    pub seen_item_ids: SortedSet<String>,
    pub exposure_counts: SortedMap<String, u64>,
    pub administrations: u64,
}

const START_OPTIONS: Fields = Fields {
    expecting: "struct StartOptions",
    names: &[
        "learner",
        "now",
        "seed",
        "attemptId",
        "attemptNumber",
        "mode",
        "seenItemIds",
        "exposureCounts",
        "administrations",
    ],
    deny_unknown: true,
};

impl FromJson for StartOptions {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut learner, mut now, mut seed) = (None, None, None);
        let (mut attempt_id, mut attempt_number, mut mode) = (None, None, None);
        let (mut seen_item_ids, mut exposure_counts, mut administrations) = (None, None, None);
        r.fields(&START_OPTIONS, &mut |r, field| match field {
            0 => r.read(&mut learner),
            1 => r.read(&mut now),
            2 => r.read(&mut seed),
            3 => r.read(&mut attempt_id),
            4 => r.read(&mut attempt_number),
            5 => r.read(&mut mode),
            6 => r.read(&mut seen_item_ids),
            7 => r.read(&mut exposure_counts),
            _ => r.read(&mut administrations),
        })?;
        Ok(StartOptions {
            learner: r.need(learner, "learner")?,
            now: r.need(now, "now")?,
            seed: seed.flatten(),
            attempt_id: attempt_id.flatten(),
            attempt_number: attempt_number.flatten(),
            mode: mode.flatten(),
            seen_item_ids: seen_item_ids.unwrap_or_default(),
            exposure_counts: exposure_counts.unwrap_or_default(),
            administrations: administrations.unwrap_or_default(),
        })
    }
}
