//! The real inputs the targets run against, compiled in so that a target runs from any
//! directory: the two example packages, the golden completion record (certificate quiz, seed
//! 8) and its responses, and a snapshot of that attempt in progress. Each is built once.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use certa::assemble::Seed;
use certa::model::Package;
use certa::session::{Learner, Mode, Session, SessionStart};
use certa::timestamp::Timestamp;
use serde_json::Value;

/// `examples/certificate-quiz.json`: every interaction kind, sets, sections, outcomes.
pub const QUIZ_JSON: &str = include_str!("../../examples/certificate-quiz.json");
/// `examples/certification-exam.json`: 300 items, percentages, IRT, an exposure cap.
pub const EXAM_JSON: &str = include_str!("../../examples/certification-exam.json");
/// The golden record: the quiz, seed 8, verified by `tests/golden_record.rs`.
pub const GOLDEN_RECORD: &str =
    include_str!("../../tests/golden/certificate-quiz-seed8.record.json");
/// The learner's responses in the golden record, by item id.
pub const GOLDEN_RESPONSES: &str =
    include_str!("../../examples/responses/certificate-quiz-seed8.json");

/// 2026-11-22T10:14:15Z, the golden attempt's start.
pub const T0: i64 = 1_795_342_455_000;

/// The certificate quiz, loaded and validated.
pub fn quiz() -> Arc<Package> {
    static QUIZ: OnceLock<Arc<Package>> = OnceLock::new();
    Arc::clone(QUIZ.get_or_init(|| Arc::new(load(QUIZ_JSON))))
}

/// The certification exam, loaded and validated.
pub fn exam() -> Arc<Package> {
    static EXAM: OnceLock<Arc<Package>> = OnceLock::new();
    Arc::clone(EXAM.get_or_init(|| Arc::new(load(EXAM_JSON))))
}

fn load(json: &str) -> Package {
    match Package::load(json) {
        Ok(package) => package,
        Err(e) => panic!("an example package does not load: {e}"),
    }
}

/// The golden attempt's responses, by item id.
pub fn golden_responses() -> BTreeMap<String, Value> {
    serde_json::from_str(GOLDEN_RESPONSES).unwrap_or_default()
}

/// The golden attempt (quiz, seed 8) half done: started at [`T0`], the first half of its
/// responses given 20 s apart, the second question flagged, the third on screen.
pub fn quiz_session_in_progress() -> Session {
    let mut session = match Session::start(
        quiz(),
        SessionStart {
            attempt_id: "5f0c2a9e-8b7d-4e61-a3c4-9d2b1e0f7a53".into(),
            learner: Learner {
                id: "learner-0042".into(),
                name: Some("Grace Hopper".into()),
                email: Some("grace@example.org".into()),
            },
            seed: Seed(8),
            now: Timestamp(T0),
            attempt_number: 1,
            mode: Mode::Practice,
            context: Default::default(),
        },
    ) {
        Ok(session) => session,
        Err(e) => panic!("the golden attempt does not start: {e}"),
    };
    let responses = golden_responses();
    let ids: Vec<String> = session
        .form()
        .item_ids()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let half = ids.len() / 2;
    for (i, id) in ids.iter().take(half).enumerate() {
        if let Some(value) = responses.get(id) {
            let at = Timestamp(T0 + 20_000 * (i as i64 + 1));
            if let Err(e) = session.answer(id, value.clone(), at) {
                panic!("the golden response to {id} is refused: {e}");
            }
        }
    }
    if let Some(id) = ids.get(1) {
        let _ = session.flag(id, true);
    }
    let _ = session.go_to(2);
    session
}

/// [`quiz_session_in_progress`] as snapshot JSON, built once.
pub fn quiz_snapshot() -> &'static Value {
    static SNAPSHOT: OnceLock<Value> = OnceLock::new();
    SNAPSHOT.get_or_init(|| {
        serde_json::to_value(quiz_session_in_progress().snapshot()).unwrap_or(Value::Null)
    })
}

/// The golden record as JSON, parsed once.
pub fn golden_record() -> &'static Value {
    static RECORD: OnceLock<Value> = OnceLock::new();
    RECORD.get_or_init(|| serde_json::from_str(GOLDEN_RECORD).unwrap_or(Value::Null))
}

/// Every id a package uses (items, choices, steps, sources, targets, gaps, outcomes,
/// domains), sorted: the vocabulary structure-aware inputs draw strings from, so that edits
/// and responses name real things often.
pub fn vocabulary(package: &Package) -> Vec<String> {
    let mut ids = std::collections::BTreeSet::new();
    ids.insert(package.id.clone());
    ids.insert(package.version.clone());
    for o in &package.outcomes {
        ids.insert(o.id.clone());
    }
    for item in &package.items {
        ids.insert(item.id.clone());
        ids.insert(item.domain.clone());
        ids.extend(item_vocabulary(item));
    }
    ids.into_iter().collect()
}

/// The ids an item's responses are made of: choice, step, source, target and gap ids, and
/// accepted text answers.
pub fn item_vocabulary(item: &certa::model::Item) -> Vec<String> {
    use certa::model::{Gap, Interaction};
    let mut out = Vec::new();
    let mut choices = |list: &[certa::model::Choice]| {
        out.extend(list.iter().map(|c| c.id.clone()));
    };
    match &item.interaction {
        Interaction::SingleChoice { choices: c, .. }
        | Interaction::MultipleResponse { choices: c, .. }
        | Interaction::Ordering { choices: c, .. } => choices(c),
        Interaction::Matching {
            sources, targets, ..
        } => {
            choices(sources);
            choices(targets);
        }
        Interaction::Cloze { gaps, .. } => {
            for gap in gaps {
                out.push(gap.id().to_string());
                match gap {
                    Gap::Text { answers, .. } => {
                        out.extend(answers.iter().map(|a| a.value.clone()))
                    }
                    Gap::Choice { choices, .. } => out.extend(choices.iter().map(|c| c.id.clone())),
                }
            }
        }
        Interaction::TextEntry { answers, .. } => {
            out.extend(answers.iter().map(|a| a.value.clone()))
        }
        Interaction::TrueFalse { .. }
        | Interaction::Numeric { .. }
        | Interaction::ExtendedText { .. } => {}
    }
    out
}
