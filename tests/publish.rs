//! `certa publish --secure`: the delivery copy holds no keys, still validates, delivers the
//! same forms as the full package for every seed, and cannot be scored or practised on.

use std::sync::Arc;

use certa::assemble::{assemble_form, AssemblyContext, Seed};
use certa::model::keys::leftover_keys;
use certa::model::{Interaction, LoadError, Package};
use certa::publish::secure_delivery_package;
use certa::record::content_hash;
use certa::score::{score_attempt, ScoreError};
use certa::session::{Learner, Mode, Session, SessionError, SessionStart};
use certa::timestamp::Timestamp;

fn package(name: &str) -> Package {
    let text = std::fs::read_to_string(format!("examples/{name}.json")).unwrap();
    Package::load(&text).unwrap()
}

#[test]
fn the_copy_holds_no_keys_and_still_validates() {
    for name in ["certificate-quiz", "certification-exam"] {
        let full = package(name);
        let copy = secure_delivery_package(&full);
        assert!(copy.keys_stripped() && copy.delivery.secure);
        assert_eq!(
            copy.published.as_ref().unwrap().source_hash,
            content_hash(&full)
        );
        for item in &copy.items {
            assert_eq!(leftover_keys(item), vec![], "{name}: {}", item.id);
        }
        // Written out and read back, as the browser gets it.
        let text = serde_json::to_string(&copy).unwrap();
        let reloaded = Package::load(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(reloaded, copy);
        for secret in ["\"rubric\"", "\"feedback\"", "\"answers\":[{"] {
            assert!(
                !text.contains(secret),
                "{name}: the copy still has {secret}"
            );
        }
        // Stripping twice changes nothing.
        assert_eq!(secure_delivery_package(&copy), copy);
    }
}

#[test]
fn the_full_package_keeps_its_keys() {
    let full = package("certificate-quiz");
    let keyed = full
        .items
        .iter()
        .filter(|i| !leftover_keys(i).is_empty())
        .count();
    assert!(keyed > 30, "{keyed}");
}

#[test]
fn forms_from_the_copy_equal_the_full_packages_for_every_seed() {
    for name in ["certificate-quiz", "certification-exam"] {
        let full = package(name);
        let copy = secure_delivery_package(&full);
        // Spread seeds, as a service issues them; an ordering shuffle that looked at the key
        // once made 9 of 400 such exam seeds differ.
        for k in 0..300u64 {
            let seed = k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let a = assemble_form(&full, Seed(seed), &AssemblyContext::default()).unwrap();
            let b = assemble_form(&copy, Seed(seed), &AssemblyContext::default()).unwrap();
            assert_eq!(a, b, "{name} seed {seed}");
        }
    }
}

#[test]
fn the_copy_cannot_be_scored_or_practised_on() {
    let copy = Arc::new(secure_delivery_package(&package("certificate-quiz")));
    let form = assemble_form(&copy, Seed(1), &AssemblyContext::default()).unwrap();
    assert_eq!(
        score_attempt(&copy, &form, &Default::default(), Timestamp(0)),
        Err(ScoreError::KeysStripped)
    );
    let start = |mode| SessionStart {
        attempt_id: "a-1".into(),
        learner: Learner {
            id: "l-1".into(),
            ..Learner::default()
        },
        seed: Seed(1),
        now: Timestamp(1_795_338_000_000),
        attempt_number: 1,
        mode,
        context: AssemblyContext::default(),
    };
    assert!(matches!(
        Session::start(Arc::clone(&copy), start(Mode::Practice)),
        Err(SessionError::NeedsSecureMode {
            mode: Mode::Practice
        })
    ));
    let mut secure = Session::start(Arc::clone(&copy), start(Mode::Secure)).unwrap();
    let first = secure.form().items[0].item_id.clone();
    // Responses are still shape-checked without keys.
    let item = copy.item(&first).unwrap();
    if let Interaction::SingleChoice { choices, .. } = &item.interaction {
        assert!(secure
            .answer(
                &first,
                serde_json::json!("zz"),
                Timestamp(1_795_338_001_000)
            )
            .is_err());
        secure
            .answer(
                &first,
                serde_json::json!(choices[0].id),
                Timestamp(1_795_338_001_000),
            )
            .unwrap();
    }
    assert_eq!(secure.submit(Timestamp(1_795_338_060_000)).unwrap(), None);
}

#[test]
fn a_copy_that_claims_no_keys_but_has_one_is_invalid_with_the_path() {
    let copy = secure_delivery_package(&package("certificate-quiz"));
    let mut value = serde_json::to_value(&copy).unwrap();
    let index = copy
        .items
        .iter()
        .position(|i| matches!(i.interaction, Interaction::SingleChoice { .. }))
        .unwrap();
    value["items"][index]["interaction"]["key"] = serde_json::json!("b");
    value["items"][index]["feedback"] = serde_json::json!({"correct": "Yes: b."});
    match Package::load(&value.to_string()) {
        Err(LoadError::Invalid(problems)) => {
            let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            assert!(text.contains(&format!("items[{index}].interaction.key: a key-stripped delivery copy must not carry a key")), "{text:?}");
            assert!(
                text.contains(&format!(
                    "items[{index}].feedback: a key-stripped delivery copy must not carry feedback"
                )),
                "{text:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}
