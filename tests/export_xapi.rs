//! The xAPI exporter on the two example packages: each interaction kind's `interactionType`,
//! components and response patterns; statement ids derived from the attempt; secure mode
//! without correct responses; the verbs for pass, fail and pending decisions; durations,
//! timestamps and scores within their ranges; outcome statements on CASE URIs; and the errors.
//! The same statements are checked by the real validator in `www/tests/xapi.test.mjs`.

use std::sync::Arc;

use certa::assemble::Seed;
use certa::model::{Item, Package};
use certa::record::xapi_format::iso_duration;
use certa::record::xapi_interaction::{
    correct_responses, interaction_definition, interaction_type, response_pattern,
};
use certa::record::{
    xapi_statements, ActorIdentity, CompletionRecord, ExportError, Statement, XapiOptions,
};
use certa::score::Decision;
use certa::session::{Learner, Mode};
use certa::synthetic::{simulate_attempt, SimulatedAttempt};
use certa::timestamp::Timestamp;
use certa::verify::verify;
use serde_json::{json, Value};

fn package(name: &str) -> Arc<Package> {
    let text = std::fs::read_to_string(format!("examples/{name}.json")).expect("example");
    Arc::new(Package::load(&text).expect("valid example"))
}

fn quiz() -> Arc<Package> {
    package("certificate-quiz")
}

/// A simulated practice attempt, as `certa simulate` makes it.
fn record(package: &Arc<Package>, seed: u64, theta: f64, attempt_id: &str) -> CompletionRecord {
    record_in(package, seed, theta, attempt_id, Mode::Practice)
}

fn record_in(
    package: &Arc<Package>,
    seed: u64,
    theta: f64,
    attempt_id: &str,
    mode: Mode,
) -> CompletionRecord {
    simulate_attempt(
        Arc::clone(package),
        &SimulatedAttempt {
            attempt_id: attempt_id.into(),
            learner: Learner {
                id: "learner-0001".into(),
                name: Some("Ada Lovelace".into()),
                email: Some("ada@example.org".into()),
            },
            seed: Seed(seed),
            mode,
            attempt_number: 1,
            theta,
            started_at: "2026-11-22T09:00:00Z".parse().expect("time"),
            seconds_per_item: 20,
        },
    )
    .expect("simulated attempt")
}

const ATTEMPT: &str = "00000000-0000-4000-8000-000000000001";

fn statements(package: &Package, record: &CompletionRecord) -> Vec<Statement> {
    xapi_statements(package, record, &XapiOptions::default()).expect("exports")
}

fn verbs(statements: &[Statement]) -> Vec<String> {
    statements
        .iter()
        .map(|s| {
            s.verb
                .id
                .trim_start_matches("http://adlnet.gov/expapi/verbs/")
                .to_string()
        })
        .collect()
}

fn item<'a>(package: &'a Package, id: &str) -> &'a Item {
    package.item(id).expect("item in the example")
}

fn item_from(json: Value) -> Item {
    let mut item = json!({"id": "q", "stem": "<p>Q?</p>", "domain": "d"});
    item["interaction"] = json;
    certa::model::json::read(&item.to_string()).expect("item")
}

/// (item, interactionType, component lists, a response, its pattern, correct patterns)
type KindCase = (
    &'static str,
    &'static str,
    &'static [&'static str],
    Value,
    &'static str,
    &'static [&'static str],
);

#[test]
fn each_interaction_kind_maps_to_its_type_components_and_patterns() {
    let quiz = quiz();
    let cases: [KindCase; 9] = [
        ("a11y-01", "choice", &["choices"], json!("a"), "a", &["a"]),
        (
            "a11y-04",
            "choice",
            &["choices"],
            json!(["main", "banner"]),
            "banner[,]main",
            &["banner[,]navigation[,]main[,]contentinfo"],
        ),
        (
            "a11y-07",
            "true-false",
            &[],
            json!(true),
            "true",
            &["false"],
        ),
        (
            "a11y-05",
            "fill-in",
            &[],
            json!("alert"),
            "alert",
            &["status", "role=\"status\""],
        ),
        (
            "a11y-21",
            "numeric",
            &[],
            json!(3.8),
            "3.8",
            &["3.75[:]3.85"],
        ),
        (
            "a11y-03",
            "sequencing",
            &["choices"],
            json!(["label", "labelledby", "content", "title"]),
            "label[,]labelledby[,]content[,]title",
            &["labelledby[,]label[,]content[,]title"],
        ),
        (
            "a11y-16",
            "matching",
            &["source", "target"],
            json!([["space", "toggle"], ["escape", "submit"]]),
            "escape[.]submit[,]space[.]toggle",
            &["escape[.]close[,]space[.]toggle[,]arrows[.]radio[,]shift-tab[.]previous"],
        ),
        (
            "a11y-14",
            "fill-in",
            &[],
            json!({"element": "button", "tabindex": "zero"}),
            "zero[,][,]button",
            &[
                "zero[,]Space[,]button",
                "zero[,]Spacebar[,]button",
                "zero[,]Space bar[,]button",
                "zero[,]Space key[,]button",
            ],
        ),
        (
            "a11y-39",
            "long-fill-in",
            &[],
            json!("My plan: …"),
            "My plan: …",
            &[],
        ),
    ];
    for (id, kind, lists, response, pattern, correct) in cases {
        let item = item(&quiz, id);
        let definition = interaction_definition(item, "en", true);
        assert_eq!(definition.interaction_type.as_deref(), Some(kind), "{id}");
        assert_eq!(interaction_type(&item.interaction), kind);
        let present: Vec<&str> = [
            ("choices", definition.choices.is_some()),
            ("source", definition.source.is_some()),
            ("target", definition.target.is_some()),
            ("scale", definition.scale.is_some()),
            ("steps", definition.steps.is_some()),
        ]
        .iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| *name)
        .collect();
        assert_eq!(present, lists, "{id}: component lists");
        assert_eq!(
            response_pattern(item, &response.clone().into()).expect("response fits"),
            Some(pattern.to_string()),
            "{id}: response"
        );
        let expected: Option<Vec<String>> =
            (!correct.is_empty()).then(|| correct.iter().map(|s| s.to_string()).collect());
        assert_eq!(definition.correct_responses_pattern, expected, "{id}: key");
        assert_eq!(
            interaction_definition(item, "en", false).correct_responses_pattern,
            None,
            "{id}: no key when asked"
        );
        assert_eq!(
            definition.activity_type.as_deref(),
            Some("http://adlnet.gov/expapi/activities/cmi.interaction")
        );
    }
    // Choice components keep the author's ids and carry the text of the HTML content.
    let choices = interaction_definition(item(&quiz, "a11y-03"), "en", true)
        .choices
        .expect("choices");
    assert_eq!(choices[1].id, "label");
    assert_eq!(
        choices[1]
            .description
            .as_ref()
            .and_then(|d| d.get("en"))
            .map(String::as_str),
        Some("The aria-label attribute")
    );
}

#[test]
fn numeric_keys_become_ranges() {
    let pattern =
        |key: Value| correct_responses(&item_from(json!({"type": "numeric", "key": key})));
    assert_eq!(
        pattern(json!({"min": 1.5, "max": 2.5})),
        Some(vec!["1.5[:]2.5".into()])
    );
    assert_eq!(
        pattern(json!({"value": 10, "absolute_tolerance": 0.5})),
        Some(vec!["9.5[:]10.5".into()])
    );
    assert_eq!(
        pattern(json!({"value": -2, "relative_tolerance": 0.1})),
        Some(vec!["-2.2[:]-1.8".into()])
    );
    assert_eq!(pattern(json!({"value": 0.3})), Some(vec!["0.3".into()]));
    let quiz = quiz();
    assert_eq!(
        correct_responses(item(&quiz, "a11y-23")),
        Some(vec!["1.8624[:]1.9776".into()])
    );
    assert_eq!(
        correct_responses(item(&quiz, "a11y-22")),
        Some(vec!["18.66[:]18.7".into()])
    );
    let numeric = item(&quiz, "a11y-22");
    assert_eq!(
        response_pattern(numeric, &json!(18.68).into())
            .unwrap()
            .as_deref(),
        Some("18.68")
    );
}

#[test]
fn text_patterns_mark_case_and_leave_out_partial_credit() {
    let case = item_from(json!({"type": "text_entry", "case_sensitive": true,
        "answers": [{"value": "postCode"}, {"value": "postcode", "points": 0.5}]}));
    assert_eq!(
        correct_responses(&case),
        Some(vec!["{case_matters=true}postCode".into()])
    );
    // Gaps with mixed case sensitivity cannot be listed exhaustively: no pattern.
    let mixed = item_from(json!({"type": "cloze", "text": "{{a}} {{b}}", "gaps": [
        {"kind": "text", "id": "a", "answers": [{"value": "X"}], "case_sensitive": true},
        {"kind": "text", "id": "b", "answers": [{"value": "y"}]}]}));
    assert_eq!(correct_responses(&mixed), None);
    // More than 64 combinations: no pattern either.
    let answers: Vec<Value> = (0..9).map(|i| json!({"value": format!("v{i}")})).collect();
    let wide = item_from(json!({"type": "cloze", "text": "{{a}} {{b}}", "gaps": [
        {"kind": "text", "id": "a", "answers": answers},
        {"kind": "text", "id": "b", "answers": answers}]}));
    assert_eq!(correct_responses(&wide), None);
    // The description shows the cloze text with its gaps.
    let quiz = quiz();
    let text = interaction_definition(item(&quiz, "a11y-31"), "en", false)
        .description
        .and_then(|d| d.get("en").cloned())
        .expect("description");
    assert!(text.contains("___"), "{text}");
    assert!(!text.contains("{{"), "{text}");
}

#[test]
fn a_misshapen_response_is_refused_with_the_item() {
    let quiz = quiz();
    let err = response_pattern(item(&quiz, "a11y-16"), &json!("escape").into()).unwrap_err();
    assert!(matches!(&err, ExportError::BadResponse { item_id, .. } if item_id == "a11y-16"));
    let mut rec = record(&quiz, 2, 2.5, ATTEMPT);
    let first = rec.form[0].item_id.clone();
    rec.responses.get_mut(&first).expect("answered").value = json!({"no": "shape"}).into();
    let err = xapi_statements(&quiz, &rec, &XapiOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("responses[\"{first}\"]")),
        "{err}"
    );
}

#[test]
fn statement_ids_are_derived_from_the_attempt() {
    let quiz = quiz();
    let a = statements(&quiz, &record(&quiz, 2, 2.5, ATTEMPT));
    let again = statements(&quiz, &record(&quiz, 2, 2.5, ATTEMPT));
    assert_eq!(a, again, "a resend is identical, ids included");
    let other = statements(&quiz, &record(&quiz, 2, 2.5, "attempt-two"));
    let ids: std::collections::BTreeSet<&str> = a.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), a.len(), "ids are unique within an attempt");
    assert!(other.iter().all(|s| !ids.contains(s.id.as_str())));
    // A form that repeats an item still gives one statement per id.
    let mut repeated = record(&quiz, 2, 2.5, ATTEMPT);
    let first = repeated.form[0].clone();
    repeated.form.push(first);
    let r = statements(&quiz, &repeated);
    let unique: std::collections::BTreeSet<&str> = r.iter().map(|s| s.id.as_str()).collect();
    assert_eq!((unique.len(), r.len()), (a.len(), a.len()));
    for s in a.iter().chain(&other) {
        assert_eq!(s.id.len(), 36);
        assert_eq!(&s.id[14..15], "5", "version 5: {}", s.id);
        assert!(matches!(&s.id[19..20], "8" | "9" | "a" | "b"), "{}", s.id);
    }
    // The registration is the attempt id when it is a UUID, a derived UUID otherwise.
    let registration = |s: &[Statement]| s[0].context.as_ref().and_then(|c| c.registration.clone());
    assert_eq!(registration(&a).as_deref(), Some(ATTEMPT));
    let derived = registration(&other).expect("registration");
    assert_ne!(derived, "attempt-two");
    assert_eq!(derived.len(), 36);
}

#[test]
fn secure_mode_never_sends_correct_responses() {
    let quiz = quiz();
    let practice = record(&quiz, 4, 2.5, ATTEMPT);
    let with_keys = statements(&quiz, &practice);
    let patterns = |s: &[Statement]| {
        s.iter()
            .filter_map(|s| s.object.definition.as_ref())
            .filter(|d| d.correct_responses_pattern.is_some())
            .count()
    };
    assert!(
        patterns(&with_keys) >= 10,
        "practice statements carry the key"
    );
    // The same attempt in secure mode: unscored as posted, scored by the backend's verification.
    let mut posted = record_in(&quiz, 4, 2.5, ATTEMPT, Mode::Secure);
    assert!(posted.result.is_none());
    let secure = verify(&quiz, &posted)
        .verified()
        .cloned()
        .expect("the secure record verifies");
    let without = statements(&quiz, &secure);
    assert_eq!(patterns(&without), 0);
    assert_eq!(with_keys.len(), without.len());
    let text = serde_json::to_string(&without).unwrap();
    assert!(!text.contains("correctResponsesPattern"));
    // A secure package: never, whatever the record's mode.
    let exam = package("certification-exam");
    let exam_statements = statements(&exam, &record(&exam, 1, 2.5, ATTEMPT));
    assert_eq!(patterns(&exam_statements), 0);
    // And a secure record that is not verified yet cannot be exported at all.
    assert_eq!(
        xapi_statements(&quiz, &posted, &XapiOptions::default()),
        Err(ExportError::Unscored)
    );
    posted.mode = Mode::Practice;
    assert_eq!(
        xapi_statements(&quiz, &posted, &XapiOptions::default()),
        Err(ExportError::Unscored)
    );
}

#[test]
fn pass_fail_and_pending_decisions() {
    let quiz = quiz();
    let pass = record(&quiz, 2, 2.5, ATTEMPT);
    assert_eq!(pass.result.as_ref().unwrap().decision, Decision::Pass);
    let fail = record(&quiz, 2, -1.5, ATTEMPT);
    assert_eq!(fail.result.as_ref().unwrap().decision, Decision::Fail);
    let pending = record(&quiz, 1, 0.5, ATTEMPT);
    assert_eq!(pending.result.as_ref().unwrap().decision, Decision::Pending);

    for (rec, verdict) in [
        (&pass, Some("passed")),
        (&fail, Some("failed")),
        (&pending, None),
    ] {
        let s = statements(&quiz, rec);
        let v = verbs(&s);
        let answered = rec
            .responses
            .values()
            .filter(|r| !r.value.is_null())
            .count();
        assert_eq!(v[0], "attempted");
        assert_eq!(v.iter().filter(|v| *v == "answered").count(), answered);
        let completed = v.iter().position(|v| v == "completed").expect("completed");
        assert!(v[1..completed].iter().all(|v| v == "answered"));
        let assessment = &s[0].object.id;
        let judged: Vec<&String> = v
            .iter()
            .zip(&s)
            .filter(|(v, st)| (*v == "passed" || *v == "failed") && &st.object.id == assessment)
            .map(|(v, _)| v)
            .collect();
        match verdict {
            Some(name) => {
                assert_eq!(judged, [name]);
                let r = s[completed + 1].result.as_ref().expect("result");
                assert_eq!(r.success, Some(name == "passed"));
                assert_eq!(r.completion, Some(true));
                assert!(r.score.is_some() && r.duration.is_some());
            }
            None => {
                assert!(judged.is_empty(), "no verdict while grading is pending");
                let r = s[completed].result.as_ref().expect("result");
                assert_eq!((r.score, r.success), (None, None));
            }
        }
        assert_eq!(v.len() - completed - 1 - judged.len(), quiz.outcomes.len());
    }
    // Pending essays: answered, without success or score.
    let s = statements(&quiz, &pending);
    let essay = s
        .iter()
        .find(|s| {
            s.object
                .definition
                .as_ref()
                .and_then(|d| d.interaction_type.as_deref())
                == Some("long-fill-in")
        })
        .expect("an essay was answered");
    let r = essay.result.as_ref().unwrap();
    assert!(r.response.is_some() && r.success.is_none() && r.score.is_none());
    // A review walk-through is never credited.
    let mut review = pass.clone();
    review.mode = Mode::Review;
    let v = verbs(&statements(&quiz, &review));
    assert!(
        v.iter().all(|v| v == "attempted" || v == "answered"),
        "{v:?}"
    );
}

#[test]
fn times_durations_and_scores_are_in_range() {
    for (name, seeds) in [("certificate-quiz", 1..=4), ("certification-exam", 1..=2)] {
        let pkg = package(name);
        for seed in seeds {
            for theta in [2.5, -1.5] {
                let rec = record(&pkg, seed, theta, ATTEMPT);
                let s = statements(&pkg, &rec);
                assert_eq!(s[0].timestamp, rec.started_at.to_rfc3339());
                for st in &s {
                    let t: Timestamp = st.timestamp.parse().expect("RFC 3339");
                    assert!(t >= rec.started_at && t <= rec.submitted_at);
                    assert!(st.timestamp.ends_with('Z') && st.timestamp.len() == 24);
                    let Some(result) = &st.result else { continue };
                    if let Some(score) = result.score {
                        let scaled = score.scaled.expect("scaled");
                        assert!((-1.0..=1.0).contains(&scaled), "{name}: {scaled}");
                        if let (Some(raw), Some(min), Some(max)) = (score.raw, score.min, score.max)
                        {
                            assert!(min <= raw && raw <= max && min < max, "{score:?}");
                        }
                    }
                    if let Some(d) = &result.duration {
                        assert_eq!(d, &iso_duration(rec.duration_ms));
                    }
                }
                let text = serde_json::to_string(&s).unwrap();
                assert!(!text.contains("null") && !text.contains("{}") && !text.contains("[]"));
            }
        }
    }
    assert_eq!(iso_duration(83_450), "PT1M23.45S");
}

#[test]
fn overall_score_reports_raw_points_and_the_fraction() {
    let quiz = quiz();
    let rec = record(&quiz, 2, 2.5, ATTEMPT);
    let result = rec.result.as_ref().unwrap();
    let s = statements(&quiz, &rec);
    let passed = s.iter().find(|s| s.verb.id.ends_with("/passed")).unwrap();
    let score = passed.result.as_ref().unwrap().score.unwrap();
    assert_eq!(score.raw, Some(result.raw));
    assert_eq!((score.min, score.max), (Some(0.0), Some(result.max_raw)));
    let fraction = score.scaled.unwrap();
    assert!(
        fraction <= result.raw / result.max_raw && result.raw / result.max_raw - fraction < 1e-4
    );
    assert_eq!(fraction, (fraction * 1e4).round() / 1e4, "4 decimals");
}

#[test]
fn outcomes_are_reported_against_their_case_uris() {
    let quiz = quiz();
    let rec = record(&quiz, 2, 2.5, ATTEMPT);
    let s = statements(&quiz, &rec);
    let assessment = s[0].object.id.clone();
    let by_object = |id: &str| s.iter().find(|s| s.object.id == id).expect(id);
    let case = by_object("https://case.example.org/uri/web-a11y-foundations/A11Y-1");
    assert_eq!(
        case.object
            .definition
            .as_ref()
            .and_then(|d| d.activity_type.as_deref()),
        Some("http://adlnet.gov/expapi/activities/objective")
    );
    let parent = case
        .context
        .as_ref()
        .and_then(|c| c.context_activities.as_ref())
        .and_then(|c| c.parent.as_ref())
        .expect("parent");
    assert_eq!(parent[0].id, assessment);
    let derived = by_object(&format!("{assessment}/outcomes/A11Y-3"));
    for (st, mastery) in [
        (case, &rec.result.as_ref().unwrap().outcomes[0]),
        (derived, &rec.result.as_ref().unwrap().outcomes[2]),
    ] {
        let r = st.result.as_ref().unwrap();
        assert_eq!(r.success, Some(mastery.mastered));
        assert!(st.verb.id.ends_with(if mastery.mastered {
            "/mastered"
        } else {
            "/failed"
        }));
    }
    // A failing learner fails some outcomes.
    let failing = statements(&quiz, &record(&quiz, 2, -1.5, ATTEMPT));
    assert!(failing.iter().any(|s| {
        s.object.id.contains("/outcomes/") || s.object.id.starts_with("https://case.")
    } && s.verb.id.ends_with("/failed")));
}

#[test]
fn actor_identity_follows_the_options() {
    let quiz = quiz();
    let rec = record(&quiz, 2, 2.5, ATTEMPT);
    let s = statements(&quiz, &rec);
    let account = s[0].actor.account.as_ref().expect("account by default");
    assert_eq!(account.name, "learner-0001");
    assert_eq!(s[0].actor.mbox, None);
    assert_eq!(s[0].actor.name.as_deref(), Some("Ada Lovelace"));
    let options = XapiOptions {
        actor_identity: ActorIdentity::Mbox,
        actor_home_page: "https://lms.example.edu".into(),
        activity_base: "https://lms.example.edu/xapi/".into(),
        ..XapiOptions::default()
    };
    let s = xapi_statements(&quiz, &rec, &options).unwrap();
    assert_eq!(s[0].actor.mbox.as_deref(), Some("mailto:ada@example.org"));
    assert_eq!(s[0].actor.account, None);
    assert_eq!(
        s[0].object.id,
        "https://lms.example.edu/xapi/packages/web-a11y-foundations-quiz"
    );
    let mut no_email = rec.clone();
    no_email.learner.email = None;
    let s = xapi_statements(&quiz, &no_email, &options).unwrap();
    assert_eq!(
        s[0].actor.account.as_ref().map(|a| a.home_page.as_str()),
        Some("https://lms.example.edu")
    );
    assert_eq!(s[0].actor.identifier_count(), 1);
}

#[test]
fn records_that_do_not_fit_are_refused() {
    let quiz = quiz();
    let exam = package("certification-exam");
    let rec = record(&quiz, 2, 2.5, ATTEMPT);
    assert!(matches!(
        xapi_statements(&exam, &rec, &XapiOptions::default()),
        Err(ExportError::PackageMismatch { .. })
    ));
    let mut unknown = rec.clone();
    unknown.form[3].item_id = "no-such-item".into();
    assert_eq!(
        xapi_statements(&quiz, &unknown, &XapiOptions::default()),
        Err(ExportError::UnknownItem {
            index: 3,
            item_id: "no-such-item".into()
        })
    );
    for (options, field) in [
        (
            XapiOptions {
                activity_base: "not an iri".into(),
                ..XapiOptions::default()
            },
            "activity_base",
        ),
        (
            XapiOptions {
                registration: Some("123".into()),
                ..XapiOptions::default()
            },
            "registration",
        ),
        (
            XapiOptions {
                actor_home_page: "".into(),
                ..XapiOptions::default()
            },
            "actor_home_page",
        ),
    ] {
        match xapi_statements(&quiz, &rec, &options) {
            Err(ExportError::BadOption { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let options: XapiOptions =
        serde_json::from_str(r#"{"registration": "6F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"}"#)
            .unwrap();
    let s = xapi_statements(&quiz, &rec, &options).unwrap();
    assert_eq!(
        s[0].context
            .as_ref()
            .and_then(|c| c.registration.as_deref()),
        Some("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    );
    assert!(serde_json::from_str::<XapiOptions>(r#"{"bogus": true}"#).is_err());
}

#[test]
fn the_cli_prints_statements_and_reports_misfits() {
    let certa = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_certa"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("certa runs")
    };
    let dir = std::env::temp_dir().join(format!("certa-export-xapi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let quiz = quiz();
    let rec = write(
        "record.json",
        &record(&quiz, 2, 2.5, ATTEMPT).to_canonical_json(),
    );
    let pkg = "examples/certificate-quiz.json";
    let out = certa(&["export", "xapi", "--package", pkg, "--record", &rec]);
    assert_eq!(out.status.code(), Some(0));
    let printed: Vec<Statement> = serde_json::from_slice(&out.stdout).expect("statements");
    assert_eq!(printed, statements(&quiz, &record(&quiz, 2, 2.5, ATTEMPT)));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.trim_start().starts_with("[\n  {\n    \"id\""),
        "statement fields in spec order"
    );

    let options = write(
        "options.json",
        r#"{"activity_base": "https://lms.example.edu/x"}"#,
    );
    let out = certa(&[
        "export",
        "xapi",
        "--package",
        pkg,
        "--record",
        &rec,
        "--options",
        &options,
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("https://lms.example.edu/x/packages/"));

    let exam = "examples/certification-exam.json";
    let out = certa(&["export", "xapi", "--package", exam, "--record", &rec]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("is for package \"web-a11y-foundations-quiz\" version 1.0.0"));

    let bad_options = write("bad-options.json", r#"{"activity_bse": "x"}"#);
    for args in [
        vec!["export", "cmi5", "--package", pkg, "--record", &rec],
        vec![
            "export",
            "xapi",
            "--package",
            pkg,
            "--record",
            &rec,
            "--launch",
            &rec,
        ],
        vec![
            "export",
            "xapi",
            "--package",
            pkg,
            "--record",
            &rec,
            "--options",
            &bad_options,
        ],
        vec!["export", "scorm3", "--package", pkg, "--record", &rec],
    ] {
        assert_eq!(certa(&args).status.code(), Some(2), "{args:?}");
    }
}
