//! The browser API in headless Chromium (`wasm-bindgen-test`, run by
//! `cargo test --target wasm32-unknown-unknown --test web` through chromedriver): loading the
//! certificate quiz, a bad package's `CertaError` with its `path`, a full attempt, snapshot and
//! resume, and the cross-target check — the golden attempt replayed through the JS API gives
//! the very bytes the native engine wrote to `tests/golden/certificate-quiz-seed8.record.json`.
#![cfg(target_arch = "wasm32")]

use certa::wasm::package::Package;
use certa::wasm::session::Session;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const QUIZ: &str = include_str!("../examples/certificate-quiz.json");
const RESPONSES: &str = include_str!("../examples/responses/certificate-quiz-seed8.json");
const GOLDEN: &str = include_str!("golden/certificate-quiz-seed8.record.json");
/// The golden attempt's constants (tests/golden_record.rs).
const T0: f64 = 1_795_342_455_000.0;
const ATTEMPT_ID: &str = "5f0c2a9e-8b7d-4e61-a3c4-9d2b1e0f7a53";

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// `value.a.b.c`, following a dotted path.
fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

fn text(value: &JsValue, path: &str) -> String {
    get(value, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

fn number(value: &JsValue, path: &str) -> f64 {
    get(value, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number"))
}

fn length(value: &JsValue, path: &str) -> u32 {
    Array::from(&get(value, path)).length()
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().as_string().unwrap()
}

fn quiz() -> Package {
    Package::load(JsValue::from_str(QUIZ)).unwrap_or_else(|e| panic!("{}", stringify(&e)))
}

fn item_ids(session: &Session) -> Vec<String> {
    let items = Array::from(&get(&session.form().unwrap(), "items"));
    items.iter().map(|item| text(&item, "id")).collect()
}

fn start(pkg: &Package, extra: &str) -> Session {
    let options = format!(
        r#"{{"learner": {{"id": "learner-0042", "name": "Grace Hopper", "email": "grace@example.org"}},
            "now": {T0}, "seed": "8", "attemptId": "{ATTEMPT_ID}"{extra}}}"#
    );
    Session::start(pkg, js(&options)).unwrap_or_else(|e| panic!("{}", stringify(&e)))
}

fn assert_certa_error(error: &JsValue, code: &str) {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "thrown value is an Error"
    );
    assert_eq!(text(error, "name"), "CertaError");
    assert_eq!(text(error, "code"), code, "{}", text(error, "message"));
}

#[wasm_bindgen_test]
fn loads_the_certificate_quiz() {
    let pkg = quiz();
    let info = pkg.info().unwrap();
    assert_eq!(text(&info, "id"), "web-a11y-foundations-quiz");
    assert_eq!(number(&info, "form_length"), 15.0);
    assert_eq!(number(&info, "items"), 40.0);
    assert_eq!(number(&info, "time_limit_seconds"), 1200.0);
    assert_eq!(text(&info, "navigation"), "free");
    // Plain objects, never Maps.
    assert!(!info.is_instance_of::<js_sys::Map>());
}

/// The instructor module's feasibility report (`./x test` runs these tests with the feature).
#[cfg(feature = "instructor")]
#[wasm_bindgen_test]
fn the_instructor_module_reports_the_quiz_feasible() {
    let report = quiz().feasibility().unwrap();
    assert_eq!(get(&report, "feasible"), JsValue::TRUE);
    assert_eq!(number(&report, "length"), 15.0);
    assert_eq!(length(&report, "problems"), 0);
}

#[wasm_bindgen_test]
fn a_bad_package_throws_a_certa_error_with_its_path() {
    // Key a single-choice item to a choice that does not exist.
    let mut package: serde_json::Value = serde_json::from_str(QUIZ).unwrap();
    let index = package["items"]
        .as_array()
        .unwrap()
        .iter()
        .position(|i| i["interaction"]["type"] == "single_choice")
        .unwrap();
    package["items"][index]["interaction"]["key"] = "zz".into();
    let error = Package::load(JsValue::from_str(&package.to_string()))
        .err()
        .unwrap();
    assert_certa_error(&error, "invalid_package");
    assert_eq!(
        text(&error, "path"),
        format!("items[{index}].interaction.key")
    );
    assert!(length(&error, "problems") >= 1);
    assert_eq!(
        text(&Array::from(&get(&error, "problems")).get(0), "path"),
        text(&error, "path")
    );
    assert!(text(&error, "message").contains("zz"));

    // Not JSON at all: a parse error with a path and line/column in the message.
    let error = Package::load(JsValue::from_str(r#"{"format": "certa/1", "id": 7}"#))
        .err()
        .unwrap();
    assert_certa_error(&error, "parse");
    assert_eq!(text(&error, "path"), "id");

    // Not a string: a RangeError.
    let error = Package::load(JsValue::from_f64(3.0)).err().unwrap();
    assert!(error.is_instance_of::<js_sys::RangeError>());
}

#[wasm_bindgen_test]
fn a_full_attempt_ends_in_a_record_and_feedback() {
    let pkg = quiz();
    let mut session = start(&pkg, "");
    let form = session.form().unwrap();
    assert_eq!(length(&form, "items"), 15);
    assert_eq!(text(&form, "seed"), "8");
    let form_text = stringify(&form);
    // As field names (a gap may well be called "key").
    for field in ["key", "keys", "answers", "rubric", "feedback"] {
        let as_field = format!("\"{field}\":");
        assert!(!form_text.contains(&as_field), "{field} delivered");
    }
    let responses = js(RESPONSES);
    for (i, id) in item_ids(&session).iter().enumerate() {
        let response = get(&responses, id);
        session
            .answer(
                JsValue::from_str(id),
                response,
                T0 + 10_000.0 * (i as f64 + 1.0),
            )
            .unwrap_or_else(|e| panic!("{id}: {}", stringify(&e)));
    }
    let state = session.state().unwrap();
    assert_eq!(length(&state, "answered"), 15);
    assert_eq!(length(&state, "unanswered"), 0);
    assert_eq!(number(&state, "deadline"), T0 + 1_200_000.0);

    // A wrong-shaped response is refused with the item's path.
    let first = item_ids(&session)[0].clone();
    let error = session
        .answer(
            JsValue::from_str(&first),
            js(r#"{"nonsense": [1]}"#),
            T0 + 200_000.0,
        )
        .err()
        .unwrap();
    assert_certa_error(&error, "wrong_shape");
    assert_eq!(text(&error, "path"), format!("responses.{first}"));
    let error = session
        .answer(
            JsValue::from_str("no-such-item"),
            js("\"a\""),
            T0 + 200_000.0,
        )
        .err()
        .unwrap();
    assert_certa_error(&error, "not_on_form");
    assert!(session
        .answer(JsValue::from_f64(1.0), js("\"a\""), T0)
        .err()
        .unwrap()
        .is_instance_of::<js_sys::RangeError>());

    let feedback_early = session.feedback().err().unwrap();
    assert_certa_error(&feedback_early, "not_submitted");
    let record = session.submit(T0 + 300_000.0).unwrap();
    assert_eq!(text(&record, "format"), "certa-record/1");
    assert_eq!(text(&record, "result.decision"), "pass");
    assert_eq!(number(&record, "duration_ms"), 300_000.0);
    assert_eq!(length(&record, "result.items"), 15);
    let feedback = session.feedback().unwrap();
    assert_eq!(Array::from(&feedback).length(), 15);
    assert_certa_error(&session.submit(T0 + 301_000.0).err().unwrap(), "submitted");
    assert!(get(&session.state().unwrap(), "submitted").is_truthy());
}

#[wasm_bindgen_test]
fn snapshot_and_resume_keep_answers_flags_place_and_time() {
    let pkg = quiz();
    let mut session = start(&pkg, r#", "mode": "secure""#);
    let ids = item_ids(&session);
    let responses = js(RESPONSES);
    for id in &ids[..3] {
        session
            .answer(JsValue::from_str(id), get(&responses, id), T0 + 5_000.0)
            .unwrap();
    }
    session.flag(JsValue::from_str(&ids[4]), true).unwrap();
    session.go_to(6.0).unwrap();
    let snapshot = session.snapshot().unwrap();

    let resumed = Session::resume(&pkg, JsValue::from_str(&snapshot)).unwrap();
    assert_eq!(
        stringify(&resumed.state().unwrap()),
        stringify(&session.state().unwrap())
    );
    assert_eq!(
        stringify(&resumed.form().unwrap()),
        stringify(&session.form().unwrap())
    );
    assert_eq!(resumed.attempt_id(), ATTEMPT_ID);
    assert_eq!(resumed.seed(), "8");
    assert_eq!(number(&resumed.state().unwrap(), "current"), 6.0);
    assert_eq!(length(&resumed.state().unwrap(), "answered"), 3);
    assert_eq!(
        resumed.time_remaining(T0 + 60_000.0).unwrap().as_f64(),
        Some(1_140_000.0)
    );
    // Feedback is for practice mode only.
    let mut resumed = resumed;
    resumed.submit(T0 + 70_000.0).unwrap();
    assert_certa_error(&resumed.feedback().err().unwrap(), "not_practice");

    // A damaged snapshot or another package's snapshot is refused.
    let error = Session::resume(&pkg, JsValue::from_str("{\"format\": 1}"))
        .err()
        .unwrap();
    assert_certa_error(&error, "bad_snapshot");
    let other = snapshot.replace(
        "\"package_version\":\"1.0.0\"",
        "\"package_version\":\"0.9\"",
    );
    let error = Session::resume(&pkg, JsValue::from_str(&other))
        .err()
        .unwrap();
    assert_certa_error(&error, "wrong_package");

    // A hand-edited snapshot fails its integrity check, naming the place; an older,
    // unchained one is refused as such.
    let edited = snapshot.replacen("\"current\":6", "\"current\":2", 1);
    assert_ne!(edited, snapshot);
    let error = Session::resume(&pkg, JsValue::from_str(&edited))
        .err()
        .unwrap();
    assert_certa_error(&error, "snapshot_tampered");
    assert_eq!(get(&error, "path").as_string().as_deref(), Some("current"));
    let mut old: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
    old["format"] = "certa-snapshot/1".into();
    old.as_object_mut().unwrap().remove("log");
    let error = Session::resume(&pkg, JsValue::from_str(&old.to_string()))
        .err()
        .unwrap();
    assert_certa_error(&error, "snapshot_unversioned");
}

#[wasm_bindgen_test]
fn seed_and_attempt_id_come_from_crypto_when_absent() {
    let pkg = quiz();
    let options = js(&format!(r#"{{"learner": {{"id": "u-1"}}, "now": {T0}}}"#));
    let a = Session::start(&pkg, options.clone()).unwrap();
    let b = Session::start(&pkg, options).unwrap();
    for s in [&a, &b] {
        let id = s.attempt_id();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4", "UUID version 4: {id}");
        assert!("89ab".contains(&id[19..20]), "RFC variant: {id}");
        assert!(s.seed().parse::<u64>().is_ok());
    }
    assert_ne!(a.attempt_id(), b.attempt_id());
    assert_ne!(a.seed(), b.seed());
    // Options of the wrong shape are a RangeError naming the field.
    let error = Session::start(&pkg, js(r#"{"learner": {"id": "u"}, "now": "soon"}"#))
        .err()
        .unwrap();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    assert!(text(&error, "message").contains("now"));
    assert!(Session::start(&pkg, JsValue::from_str("x"))
        .err()
        .unwrap()
        .is_instance_of::<js_sys::RangeError>());
}

/// The cross-target check: the attempt of tests/golden_record.rs, replayed through the JS
/// API in the browser, gives the golden record byte for byte.
#[wasm_bindgen_test]
fn the_browser_writes_the_native_golden_record() {
    let pkg = quiz();
    let mut session = start(&pkg, "");
    let responses = js(RESPONSES);
    for (i, id) in item_ids(&session).iter().enumerate() {
        let response = get(&responses, id);
        if !response.is_undefined() {
            session
                .answer(
                    JsValue::from_str(id),
                    response,
                    T0 + 20_000.0 * (i as f64 + 1.0),
                )
                .unwrap();
        }
    }
    let record = session.submit(T0 + 20_000.0 * 16.0 + 7_500.0).unwrap();
    assert_eq!(session.record_json().unwrap(), GOLDEN);
    // The JS object is the same document (JS writes 6.0 as 6, so numbers compare as f64).
    let from_js: serde_json::Value = serde_json::from_str(&stringify(&record)).unwrap();
    let golden: serde_json::Value = serde_json::from_str(GOLDEN).unwrap();
    assert_eq!(numbers_as_f64(from_js), numbers_as_f64(golden));
}

fn numbers_as_f64(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => n.as_f64().map_or(Value::Null, Value::from),
        Value::Array(list) => Value::Array(list.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, numbers_as_f64(v)))
                .collect(),
        ),
        other => other,
    }
}

#[wasm_bindgen_test]
fn a_secure_delivery_copy_loads_and_its_record_names_the_full_package() {
    // The copy the server hands a browser in secure mode (`certa publish --secure`).
    let full = certa::model::Package::load(QUIZ).unwrap();
    let copy = certa::publish::secure_delivery_package(&full);
    let pkg = Package::load(JsValue::from_str(&serde_json::to_string(&copy).unwrap()))
        .unwrap_or_else(|e| panic!("{}", stringify(&e)));
    let options = format!(
        r#"{{"learner": {{"id": "learner-0042"}}, "now": {T0}, "seed": "8", "attemptId": "{ATTEMPT_ID}"}}"#
    );
    assert_certa_error(
        &Session::start(&pkg, js(&options)).err().unwrap(),
        "needs_secure_mode",
    );
    let mut session = start(&pkg, r#", "mode": "secure""#);
    // The same form as the full package gives for the seed.
    let mut practice = start(&quiz(), "");
    assert_eq!(item_ids(&session), item_ids(&practice));
    let responses = js(RESPONSES);
    for id in item_ids(&session) {
        session
            .answer(JsValue::from_str(&id), get(&responses, &id), T0 + 5_000.0)
            .unwrap();
    }
    let record = session.submit(T0 + 60_000.0).unwrap();
    assert!(
        get(&record, "result").is_undefined(),
        "no scores leave a secure browser"
    );
    assert_eq!(
        text(&record, "package.content_hash"),
        certa::record::content_hash(&full)
    );
    practice.submit(T0 + 60_000.0).unwrap();
}
