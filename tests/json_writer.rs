//! The hand-written JSON writer (`model::json::write`, `ToJson`) against serde
//! (`serde_json::to_string` of the same value through its `Serialize` derive), byte for byte,
//! over realistic data: both example packages and generated banks (with every optional field
//! set on one copy, and their key-stripped delivery copies), and for many seeds and simulated
//! learners the snapshots, delivered forms, session states, completion records, results, item
//! feedback and feasibility reports along the way (every interaction kind, partial and cleared
//! answers, flags, navigation, timeouts, IRT estimates, assembly contexts); plus edge strings
//! and floats.
//!
//! A field misspelled, left out, written in the wrong place or skipped on the wrong condition
//! makes the texts differ; the key census at the end checks that the data do reach every
//! optional member.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use certa::assemble::{feasibility, AssemblyContext, Seed};
use certa::delivery::{delivered_form, item_feedback, package_info, session_state};
use certa::model::json::{self, ToJson};
use certa::model::{
    Asset, Difficulty, DifficultyTarget, Feedback, Interaction, IrtParameters, Package, Publication,
};
use certa::publish::secure_delivery_package;
use certa::record;
use certa::session::{Learner, Mode, Session, SessionStart};
use certa::sorted_map::{SortedMap, SortedSet};
use certa::synthetic::{generate_bank, simulate_responses, BankSpec, InteractionMix, TargetSpec};
use certa::timestamp::Timestamp;
use serde::Serialize;
use serde_json::{json, Value};

const T0: i64 = 1_795_371_255_000;

/// Strings that need every kind of escaping, and some that need none.
const EDGE_STRINGS: &[&str] = &[
    "",
    "plain",
    "quote \" and backslash \\ and slash /",
    "\u{8}\u{c}\n\r\t",
    "\u{0}\u{1}\u{1f}\u{7f}",
    "emoji 🎓 and é and ß",
    "line separator \u{2028} paragraph \u{2029}",
    "<b>html</b> &amp; {{gap}}",
    "\u{ffff}\u{10ffff}",
];

/// Compares the writer with serde and keeps a census of the object keys written.
#[derive(Default)]
struct Check {
    documents: usize,
    bytes: usize,
    keys: BTreeSet<String>,
}

impl Check {
    fn same<T: ToJson + Serialize + ?Sized>(&mut self, what: &str, value: &T) {
        let expected = serde_json::to_string(value).expect("serde writes it");
        let written = json::write(&value);
        if written != expected {
            let at = written
                .bytes()
                .zip(expected.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(written.len().min(expected.len()));
            let from = at.saturating_sub(80);
            panic!(
                "{what}: the writer differs from serde at byte {at}\n  writer: …{}\n  serde:  …{}",
                written
                    .get(from..(at + 80).min(written.len()))
                    .unwrap_or(""),
                expected
                    .get(from..(at + 80).min(expected.len()))
                    .unwrap_or(""),
            );
        }
        self.documents += 1;
        self.bytes += written.len();
        if let Ok(parsed) = serde_json::from_str::<Value>(&expected) {
            collect_keys(&parsed, &mut self.keys);
        }
    }
}

fn collect_keys(value: &Value, keys: &mut BTreeSet<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                keys.insert(key.clone());
                collect_keys(member, keys);
            }
        }
        Value::Array(elements) => elements.iter().for_each(|e| collect_keys(e, keys)),
        _ => {}
    }
}

fn example(name: &str) -> Package {
    let text = std::fs::read_to_string(format!("examples/{name}.json")).expect("example");
    Package::load(&text).expect("valid example")
}

fn mixed_bank(seed: u64, target: TargetSpec, timed: bool) -> Package {
    let mut package = generate_bank(&BankSpec {
        items: 160,
        domains: 4,
        outcomes: 5,
        enemy_pairs: 10,
        sets: 6,
        set_size: 3,
        set_draw: (seed % 2 == 0).then_some(2),
        form_length: 24,
        domain_quotas: None,
        seed,
        interactions: InteractionMix::Mixed,
        target,
        exposure_randomesque: 3,
    });
    if timed {
        package.delivery.time_limit_seconds = Some(600);
    }
    package
}

/// The certificate quiz with every optional member present somewhere, and edge strings and
/// floats in its content.
fn everything_package() -> Package {
    let mut p = example("certificate-quiz");
    p.assets = vec![Asset {
        path: "images/cell \"1\".png".into(),
        media_type: "image/png".into(),
    }];
    p.published = Some(Publication {
        source_hash: "sha256:00".into(),
        keys_stripped: false,
    });
    if let Some(o) = p.outcomes.first_mut() {
        o.uri = Some("https://case.example/uri/\u{2028}".into());
        o.mastery = 1.0;
    }
    if let Some(s) = p.sets.first_mut() {
        s.draw = Some(1);
    }
    p.blueprint.exposure.max_rate = Some(0.3);
    p.attempts.max = Some(u32::MAX);
    p.scoring.negative_marking.penalty = 0.1 + 0.2;
    for (i, item) in p.items.iter_mut().enumerate() {
        let edge = EDGE_STRINGS[i % EDGE_STRINGS.len()];
        item.stem.push_str(edge);
        item.points = [1.0, 0.5, 1e21, 5e-324, 2.5e-8, 123456789.125][i % 6];
        item.difficulty = Some(if i % 2 == 0 {
            Difficulty::P(0.7)
        } else {
            Difficulty::B(-0.0)
        });
        item.irt = Some(IrtParameters {
            a: 1.2,
            b: -0.4,
            c: (i % 3 == 0).then_some(0.2),
        });
        item.enemy_group = (i % 5 == 0).then(|| format!("enemy-{i}"));
        item.feedback = Some(Feedback {
            correct: Some(format!("right {edge}")),
            incorrect: (i % 2 == 0).then(|| "wrong".to_string()),
            partial: (i % 3 == 0).then(|| "partly".to_string()),
        });
        match &mut item.interaction {
            Interaction::SingleChoice { choices, .. }
            | Interaction::MultipleResponse { choices, .. }
            | Interaction::Ordering { choices, .. } => {
                for (k, c) in choices.iter_mut().enumerate() {
                    c.pinned = k == 0;
                    c.feedback = Some(format!("choice {k} {edge}"));
                }
            }
            Interaction::Numeric { key, unit } => {
                key.absolute_tolerance = Some(0.5);
                key.relative_tolerance = Some(0.01);
                key.min = Some(-1e300);
                key.max = Some(f64::MAX);
                *unit = Some("ms".into());
            }
            Interaction::ExtendedText { max_length, rubric } => {
                *max_length = Some(2000);
                *rubric = Some(format!("rubric {edge}"));
            }
            Interaction::TextEntry { max_length, .. } => *max_length = Some(80),
            _ => {}
        }
    }
    p
}

/// Every package the checks run on.
fn packages() -> Vec<(String, Package)> {
    let mut out = vec![
        ("certificate-quiz".to_string(), example("certificate-quiz")),
        (
            "certification-exam".to_string(),
            example("certification-exam"),
        ),
        ("everything".to_string(), everything_package()),
    ];
    let targets = [
        TargetSpec::MaximizeInformation { theta: 0.25 },
        TargetSpec::Information {
            points: vec![(-1.0, 4.0), (0.0, 6.5), (1.0, 4.0)],
        },
        TargetSpec::None,
    ];
    for (k, target) in targets.into_iter().enumerate() {
        let seed = 40 + k as u64;
        out.push((format!("bank-{seed}"), mixed_bank(seed, target, k != 1)));
    }
    let mut mean_b = example("certification-exam");
    mean_b.blueprint.difficulty = Some(DifficultyTarget::MeanB {
        min: -0.5,
        max: 0.5,
    });
    mean_b.credential = certa::model::CredentialPolicy::None;
    out.push(("mean-b".to_string(), mean_b));
    out
}

#[test]
fn packages_and_their_hashes_are_written_as_serde_writes_them() {
    let mut check = Check::default();
    for (name, package) in packages() {
        check.same(&name, &package);
        let copy = secure_delivery_package(&package);
        check.same(&format!("{name} (delivery copy)"), &copy);
        check.same(&format!("{name} info"), &package_info(&package));
        // The content hash is the SHA-256 of this text: the same text gives the same hash.
        let serde_text = serde_json::to_vec(&package).expect("serde");
        assert_eq!(json::write(&package).as_bytes(), serde_text.as_slice());
    }
    assert!(check.documents >= 21);
}

/// A simulated learner's attempt, with the documents checked along the way.
fn attempt(check: &mut Check, name: &str, package: &Arc<Package>, seed: u64) {
    let mode = match seed % 4 {
        0 => Mode::Secure,
        1 => Mode::Review,
        _ => Mode::Practice,
    };
    let delivered = if mode == Mode::Secure {
        Arc::new(secure_delivery_package(package))
    } else {
        Arc::clone(package)
    };
    let mut context = AssemblyContext::default();
    if seed % 3 == 0 {
        context.administrations = 40 + seed;
        let ids: Vec<String> = package.items.iter().take(3).map(|i| i.id.clone()).collect();
        context.exposure_counts = SortedMap::from_entries(
            ids.iter()
                .enumerate()
                .map(|(k, id)| (id.clone(), k as u64 * 7))
                .collect(),
        );
        context.seen_item_ids = SortedSet::from_members(ids);
    }
    let edge = EDGE_STRINGS[seed as usize % EDGE_STRINGS.len()];
    let start = SessionStart {
        attempt_id: format!("attempt-{seed}-{edge}"),
        learner: Learner {
            id: format!("learner-{seed}"),
            name: (seed % 2 == 0).then(|| format!("Ada {edge}")),
            email: (seed % 3 == 1).then(|| "ada@example.org".to_string()),
        },
        seed: Seed(if seed == 7 {
            u64::MAX
        } else {
            seed * 1_000_003
        }),
        now: Timestamp(T0 + seed as i64),
        attempt_number: 1 + (seed % 2) as u32,
        mode,
        context: context.clone(),
    };
    let mut session = match Session::start(delivered, start) {
        Ok(session) => session,
        Err(e) => panic!("{name} seed {seed}: {e}"),
    };
    let at = format!("{name} seed {seed}");
    check.same(
        &format!("{at} feasibility"),
        &feasibility(package, &context),
    );
    check.same(&format!("{at} snapshot at start"), session.state());
    check.same(
        &format!("{at} form"),
        &delivered_form(session.package(), session.state()),
    );
    let ids: Vec<String> = session
        .form()
        .item_ids()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let theta = [-2.0, -0.5, 0.0, 0.7, 2.0][seed as usize % 5];
    let responses = simulate_responses(package, &id_refs, theta, seed);
    let mut now = T0 + seed as i64;
    for (index, id) in ids.iter().enumerate() {
        now += 17_000 + (index as i64 * 311) % 9_000;
        if let Some(given) = responses.get(id) {
            let value = partial(given, index);
            // A response of the wrong shape is refused: nothing changes.
            let _ = session.answer(id, value, Timestamp(now));
            if index % 7 == 3 {
                let _ = session.answer(id, given.clone(), Timestamp(now + 500));
            }
            if index % 11 == 5 {
                let _ = session.answer(id, Value::Null, Timestamp(now + 900));
            }
        }
        if index % 4 == 1 {
            let _ = session.flag(id, true);
        }
        if index % 8 == 5 {
            let _ = session.flag(id, false);
        }
        let _ = session.go_next();
        if index == ids.len() / 2 {
            let _ = session.go_to(1);
            let _ = session.go_to(index + 1);
            check.same(&format!("{at} snapshot midway"), session.state());
            check.same(&format!("{at} state midway"), &session_state(&session));
        }
    }
    // Every fifth attempt runs past its time limit (when it has one).
    let end = if seed % 5 == 2 {
        now + 10_000_000
    } else {
        now + 4_000
    };
    let record = match record::submit(&mut session, Timestamp(end)) {
        Ok(record) => record,
        Err(e) => panic!("{at}: submit: {e}"),
    };
    check.same(&format!("{at} record"), &record);
    assert_eq!(
        record.to_canonical_json(),
        serde_json::to_string(&record).expect("serde")
    );
    check.same(&format!("{at} snapshot submitted"), session.state());
    check.same(&format!("{at} state submitted"), &session_state(&session));
    check.same(&format!("{at} log"), &session.state().log);
    if let Some(result) = &record.result {
        check.same(&format!("{at} result"), result);
        let feedback = item_feedback(session.package(), session.state(), result);
        check.same(&format!("{at} feedback"), &feedback);
    }
}

/// Some responses cut short: part of a multiple response, ordering or matching answer, or
/// of a cloze's gaps.
fn partial(value: &json::Value, index: usize) -> json::Value {
    if index % 3 != 0 {
        return value.clone();
    }
    match value {
        json::Value::Array(elements) if elements.len() > 1 => {
            json::Value::Array(elements[..elements.len() - 1].to_vec())
        }
        json::Value::Object(gaps) if gaps.len() > 1 => json::Value::Object(
            gaps.iter()
                .skip(1)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        json::Value::Number(n) => json::Value::from(n.as_f64().unwrap_or(0.0) + 0.1),
        other => other.clone(),
    }
}

#[test]
fn attempts_are_written_as_serde_writes_them() {
    let mut check = Check::default();
    for (name, package) in packages() {
        let package = Arc::new(package);
        let seeds = if package.items.len() > 100 {
            0..6
        } else {
            0..14
        };
        for seed in seeds {
            attempt(&mut check, &name, &package, seed);
        }
    }
    // Every optional member and every variant's fields appear somewhere.
    for key in [
        "assembly_context",
        "context",
        "deadline",
        "submitted_at",
        "expires_at",
        "ability",
        "result",
        "name",
        "email",
        "set",
        "max_choices",
        "max_length",
        "unit",
        "steps",
        "segments",
        "html",
        "gap",
        "choice_order",
        "target_order",
        "gap_orders",
        "information",
        "distinct_forms_log10",
        "proof",
        "exposure",
        "percent",
        "domain",
        "outcome",
        "overexposed_items",
        "most_exposed",
        "feedback",
        "item_id",
        "value",
        "on",
        "index",
        "at",
        "kind",
    ] {
        assert!(
            check.keys.contains(key),
            "no document had a \"{key}\" member"
        );
    }
    assert!(check.documents > 500, "{} documents", check.documents);
    println!(
        "{} documents, {} bytes: the writer and serde agree",
        check.documents, check.bytes
    );
}

#[test]
fn edge_values_are_written_as_serde_writes_them() {
    let mut check = Check::default();
    for s in EDGE_STRINGS {
        check.same("string", *s);
    }
    let every_byte: String = (0u8..=127).map(char::from).collect();
    check.same("every ASCII character", every_byte.as_str());
    let floats = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.5,
        1e21,
        1e22,
        1e-7,
        5e-324,
        -5e-324,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        9007199254740993.0,
        123456789012345680.0,
        18446744073709551615.0,
        1e15,
        1e16,
        2f64.powi(-25),
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    check.same("floats", &floats);
    // Seeded bit patterns over every exponent.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let random: Vec<f64> = (0..20_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            f64::from_bits(state)
        })
        .collect();
    check.same("random floats", &random);
    let optional: Vec<Option<f64>> = vec![Some(2.5), None, Some(f64::NAN)];
    check.same("optional floats", &optional);
    check.same("u64", &vec![0u64, 9, 10, 99, 100, u64::MAX, 1 << 53]);
    check.same("u32", &vec![0u32, u32::MAX]);
    check.same("usize", &vec![0usize, usize::MAX]);
    check.same("i64", &vec![0i64, -1, i64::MIN, i64::MAX, T0]);
    check.same(
        "timestamps",
        &vec![Timestamp(i64::MIN), Timestamp(-1), Timestamp(T0)],
    );
    check.same("seeds", &vec![Seed(0), Seed(u64::MAX)]);
    check.same("bools", &vec![true, false]);
    check.same("pair", &("a\"".to_string(), "\u{2028}".to_string()));
    let mut map = BTreeMap::new();
    for (k, s) in EDGE_STRINGS.iter().enumerate() {
        map.insert(
            s.to_string(),
            json::Value::from(json!([k, -(k as i64), k as f64 / 3.0, s, null, {}])),
        );
    }
    check.same("map with edge keys", &map);
    let value = json!({
        "nested": {"z": [1, 2.0, -3, 1e300, "x"], "a": {"b": {"c": []}}},
        "big": u64::MAX,
        "neg": i64::MIN,
        "f": -0.0,
        "s": EDGE_STRINGS,
        "t": true,
        "n": null,
    });
    // The engine's value is written as serde_json writes its own.
    let expected = serde_json::to_string(&value).expect("serde writes it");
    let value = json::Value::from(value);
    assert_eq!(json::write(&value), expected);
    check.same("value", &value);
    let empty = json!([[], {}, [{}], {"": []}]);
    assert_eq!(
        json::write(&json::Value::from(empty.clone())),
        empty.to_string()
    );
    check.same("empty containers", &json::Value::from(empty));
    let entries: SortedMap<String, json::Value> = SortedMap::from_entries(
        EDGE_STRINGS
            .iter()
            .map(|s| (s.to_string(), json::Value::String(s.to_string())))
            .collect(),
    );
    check.same("sorted map", &entries);
    let set = SortedSet::from_members(EDGE_STRINGS.iter().map(|s| s.to_string()).collect());
    check.same("sorted set", &set);
}
