//! `responses`: responses of every shape to every interaction kind of the example packages
//! (the certificate quiz has all nine kinds; the exam adds its own keys and tolerances).
//!
//! Two input modes:
//! - text: `ITEM-ID\nJSON`: the JSON text read by the engine's reader (what the browser's
//!   `Session.answer` does with the value it is given) as the response to that item of either
//!   example package; seeds are real responses (`fuzz/seeds/responses/`);
//! - structured (first byte [`STRUCTURED`](super::STRUCTURED)): a [`ResponsesCase`], responses
//!   to several items built from [`Shape`]s: wrong shapes, huge strings, edge numbers, deep
//!   arrays, and the items' own ids in right and wrong places.
//!
//! For each response: `check_response`, `score_item` (with and without negative marking), then
//! the whole attempt on a form of those items with `score_attempt`. Checked: no panic; the
//! shape check and the scorer agree (a response is refused by both or by neither); an item's
//! points lie between minus its penalty and its maximum; the attempt's totals are finite and
//! within the scale.

use std::collections::BTreeSet;

use arbitrary::{Arbitrary, Unstructured};
use certa::assemble::{Form, FormItem, Seed};
use certa::model::json::Value;
use certa::model::{Item, NegativeMarking, Package, ScoringPolicy};
use certa::score::{check_response, score_attempt, score_item};
use certa::sorted_map::SortedMap;
use certa::timestamp::Timestamp;

use super::examples;
use super::json_shape::Shape;

/// Most responses in one structured case.
const MAX_RESPONSES: usize = 12;

/// A structured input: which package, then (item index, response) pairs.
#[derive(Arbitrary, Debug)]
pub struct ResponsesCase {
    pub exam: bool,
    pub responses: Vec<(u16, Shape)>,
}

pub fn run(data: &[u8]) {
    match data.split_first() {
        Some((&super::STRUCTURED, rest)) => run_structured(rest),
        _ => run_text(data),
    }
}

fn run_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (id, json) = text.split_once('\n').unwrap_or((&text, ""));
    let value = match certa::model::json::value_from_str(json) {
        Ok(value) => value,
        Err(_) => return,
    };
    for package in [examples::quiz(), examples::exam()] {
        if let Some(item) = package.item(id) {
            check(&package, &[(item, value.clone())]);
        }
    }
}

fn run_structured(data: &[u8]) {
    let Ok(case) = ResponsesCase::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let package = if case.exam {
        examples::exam()
    } else {
        examples::quiz()
    };
    let mut chosen: Vec<(&Item, Value)> = Vec::new();
    let mut seen = BTreeSet::new();
    for (k, shape) in case.responses.iter().take(MAX_RESPONSES) {
        let Some(item) = package.items.get(*k as usize % package.items.len()) else {
            continue;
        };
        if seen.insert(item.id.as_str()) {
            let vocabulary = examples::item_vocabulary(item);
            chosen.push((item, shape.render(&vocabulary).into()));
        }
    }
    check(&package, &chosen);
}

/// Every check on these responses to items of `package`.
pub fn check(package: &Package, responses: &[(&Item, Value)]) {
    let penalized = ScoringPolicy {
        negative_marking: NegativeMarking {
            enabled: true,
            penalty: 0.5,
        },
        ..package.scoring.clone()
    };
    let mut all_fit = true;
    for (item, value) in responses {
        let fits = check_response(item, value).is_ok();
        all_fit &= fits;
        for policy in [&package.scoring, &penalized] {
            match score_item(item, Some(value), policy) {
                Ok(score) => {
                    assert!(
                        fits,
                        "{}: scored a response the shape check refuses",
                        item.id
                    );
                    let floor = -policy.negative_marking.penalty * item.points;
                    assert!(
                        score.points.is_finite()
                            && score.points <= score.max_points + 1e-9
                            && score.points >= floor - 1e-9,
                        "{}: {} points of {} for {value}",
                        item.id,
                        score.points,
                        score.max_points
                    );
                }
                Err(e) => assert!(
                    !fits,
                    "{}: the shape check accepts, the scorer refuses: {e}",
                    item.id
                ),
            }
        }
    }
    let form = Form {
        seed: Seed(0),
        items: responses
            .iter()
            .map(|(item, _)| FormItem {
                item_id: item.id.clone(),
                choice_order: Vec::new(),
                target_order: Vec::new(),
                gap_orders: Default::default(),
            })
            .collect(),
        sections: Vec::new(),
        deviation: Default::default(),
    };
    let answers: SortedMap<String, Value> = responses
        .iter()
        .map(|(item, value)| (item.id.clone(), value.clone()))
        .collect();
    match score_attempt(package, &form, &answers, Timestamp(examples::T0)) {
        Ok(result) => {
            assert!(all_fit, "an attempt with a refused response was scored");
            let scale = &package.scoring.scale;
            assert!(result.raw.is_finite() && result.max_raw.is_finite());
            assert!(
                result.scaled >= scale.min - 1e-9 && result.scaled <= scale.max + 1e-9,
                "scaled {} outside [{}, {}]",
                result.scaled,
                scale.min,
                scale.max
            );
        }
        Err(e) => assert!(
            !all_fit,
            "every response fits, yet the attempt is refused: {e}"
        ),
    }
}
