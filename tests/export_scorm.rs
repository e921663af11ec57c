//! SCORM 2004 4th edition and SCORM 1.2 exports: the SetValue order, statuses for passing,
//! failing and pending attempts, score ranges, the response and pattern format of every
//! interaction kind, identifier mapping, truncation with notices, and secure records without
//! correct responses. The runtime check against scorm-again is www/tests/scorm.test.mjs.

mod export_fixtures;

use std::collections::BTreeMap;

use certa::model::Package;
use certa::record::scorm::{scorm12, scorm2004, ScormExport};
use certa::record::{CompletionRecord, ExportError};
use certa::score::{round, Decision};
use certa::session::Mode;
use export_fixtures::*;
use serde_json::json;

/// The `cmi.interactions.N` / `cmi.objectives.N` index of an element, with the rest.
fn indexed<'e>(element: &'e str, prefix: &str) -> Option<(usize, &'e str)> {
    let rest = element.strip_prefix(prefix)?;
    let (n, tail) = rest.split_once('.')?;
    Some((n.parse().ok()?, tail))
}

/// Every interaction and objective sets its id before anything else, and an interaction its
/// type before any response or pattern; indices are dense from 0.
fn assert_setvalue_order(export: &ScormExport, label: &str) {
    for prefix in ["cmi.interactions.", "cmi.objectives."] {
        let mut first: BTreeMap<usize, &str> = BTreeMap::new();
        let mut typed: Vec<usize> = Vec::new();
        for (element, _) in &export.pairs {
            if let Some((n, tail)) = indexed(element, prefix) {
                first.entry(n).or_insert(tail);
                if tail == "type" {
                    typed.push(n);
                }
                if tail.contains("response") || tail.contains("pattern") {
                    assert!(typed.contains(&n), "{label}: {element} before its type");
                }
            }
        }
        for (i, (n, tail)) in first.iter().enumerate() {
            assert_eq!(i, *n, "{label}: {prefix} indices are not dense");
            assert_eq!(
                *tail, "id",
                "{label}: {prefix}{n} sets {tail} before its id"
            );
        }
    }
}

/// `PT` + `nH` `nM` `n[.nn]S` parts, at most 2 decimals.
fn is_timeinterval(v: &str) -> bool {
    let Some(rest) = v.strip_prefix("PT") else {
        return false;
    };
    let mut number = String::new();
    let mut seen_part = false;
    for ch in rest.chars() {
        if ch.is_ascii_digit() || ch == '.' {
            number.push(ch);
        } else if "HMS".contains(ch) && !number.is_empty() {
            if let Some((_, frac)) = number.split_once('.') {
                if ch != 'S' || frac.is_empty() || frac.len() > 2 {
                    return false;
                }
            }
            number.clear();
            seen_part = true;
        } else {
            return false;
        }
    }
    seen_part && number.is_empty()
}

/// `HHHH:MM:SS.SS`.
fn is_timespan_12(v: &str) -> bool {
    let parts: Vec<&str> = v.split([':', '.']).collect();
    parts.len() == 4
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

fn export_2004(p: &Package, r: &CompletionRecord) -> ScormExport {
    scorm2004(p, r).unwrap()
}

#[test]
fn every_sweep_record_exports_in_setvalue_order() {
    for (label, p, r) in sweep() {
        let result = r.result.as_ref().unwrap();
        for (version, export) in [
            (2004, scorm2004(&p, &r).unwrap()),
            (12, scorm12(&p, &r).unwrap()),
        ] {
            assert_setvalue_order(&export, &label);
            let interactions = export
                .pairs
                .iter()
                .filter(|(e, _)| e.starts_with("cmi.interactions.") && e.ends_with(".id"))
                .filter(|(e, _)| !e.contains("objectives"))
                .count();
            assert_eq!(interactions, r.form.len(), "{label}");
            let patterns = export
                .pairs
                .iter()
                .filter(|(e, _)| e.contains("correct_responses"))
                .count();
            if r.mode == Mode::Secure {
                assert_eq!(patterns, 0, "{label}: a secure export reveals keys");
            } else {
                let keyed = r
                    .form
                    .iter()
                    .filter(|f| {
                        p.item(&f.item_id)
                            .is_some_and(|i| i.interaction.is_auto_scored())
                    })
                    .count();
                // SCORM 1.2 has no pattern for a numeric range key.
                if version == 2004 {
                    assert!(patterns >= keyed, "{label}");
                } else {
                    assert!(patterns > keyed / 2, "{label}");
                }
            }
        }
        let e = export_2004(&p, &r);
        let scaled: f64 = e.get("cmi.score.scaled").unwrap().parse().unwrap();
        assert!(
            (scaled - result.raw / result.max_raw).abs() < 1e-6,
            "{label}"
        );
        assert!((0.0..=1.0).contains(&scaled));
        assert!(
            is_timeinterval(e.get("cmi.session_time").unwrap()),
            "{label}"
        );
        for (element, value) in &e.pairs {
            if element.ends_with(".latency") {
                assert!(is_timeinterval(value), "{label}: {element} = {value}");
            }
            if element.ends_with(".description") {
                assert!(
                    value.chars().count() <= 250 && !value.contains('\n'),
                    "{label}"
                );
            }
        }
        let e12 = scorm12(&p, &r).unwrap();
        assert!(is_timespan_12(e12.get("cmi.core.session_time").unwrap()));
        for (element, value) in &e12.pairs {
            if element.ends_with(".latency") {
                assert!(is_timespan_12(value), "{label}: {element} = {value}");
            }
            if element.ends_with(".id") {
                assert!(
                    value.len() <= 255
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                    "{label}: {element} = {value} is not a CMIIdentifier"
                );
            }
            assert!(value.chars().count() <= 255, "{label}: {element}");
        }
        let raw: f64 = e12.get("cmi.core.score.raw").unwrap().parse().unwrap();
        assert!((0.0..=100.0).contains(&raw), "{label}");
    }
}

#[test]
fn statuses_for_pass_fail_and_pending() {
    // Seed 2, θ 2.5 passes; θ -1.5 fails; seed 1, θ 2.5 leaves two essays to a grader.
    let cases = [
        (2, 2.5, Decision::Pass, "passed", "passed"),
        (2, -1.5, Decision::Fail, "failed", "failed"),
        (1, 2.5, Decision::Pending, "unknown", "completed"),
    ];
    for (seed, theta, decision, success, lesson) in cases {
        let (p, r) = simulated(QUIZ, seed, theta, Mode::Practice);
        assert_eq!(r.result.as_ref().unwrap().decision, decision);
        let e = export_2004(&p, &r);
        assert_eq!(
            e.pairs[0],
            ("cmi.completion_status".into(), "completed".into())
        );
        assert_eq!(e.pairs[1], ("cmi.success_status".into(), success.into()));
        let e12 = scorm12(&p, &r).unwrap();
        assert_eq!(
            e12.pairs[0],
            ("cmi.core.lesson_status".into(), lesson.into())
        );
    }
    // Pending: the essays have a response and no result; their outcome is not yet judged.
    let (p, r) = simulated(QUIZ, 1, 2.5, Mode::Practice);
    let e = export_2004(&p, &r);
    let essays: Vec<usize> = r
        .form
        .iter()
        .enumerate()
        .filter(|(_, f)| ["a11y-39", "a11y-40"].contains(&f.item_id.as_str()))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(essays.len(), 2);
    for n in essays {
        assert_eq!(
            e.get(&format!("cmi.interactions.{n}.type")),
            Some("long-fill-in")
        );
        assert!(e
            .get(&format!("cmi.interactions.{n}.learner_response"))
            .is_some());
        assert_eq!(e.get(&format!("cmi.interactions.{n}.result")), None);
        assert_eq!(
            e.get(&format!("cmi.interactions.{n}.correct_responses.0.pattern")),
            None
        );
    }
    let a11y5 = r
        .result
        .as_ref()
        .unwrap()
        .outcomes
        .iter()
        .position(|o| o.outcome == "A11Y-5")
        .unwrap();
    assert_eq!(
        e.get(&format!("cmi.objectives.{a11y5}.success_status")),
        Some("unknown")
    );
    let e12 = scorm12(&p, &r).unwrap();
    assert_eq!(
        e12.get(&format!("cmi.objectives.{a11y5}.status")),
        Some("completed")
    );
}

#[test]
fn scores_use_the_package_scale_in_2004_and_percent_in_12() {
    let (p, r) = simulated(EXAM, 3, 2.5, Mode::Secure);
    let result = r.result.as_ref().unwrap();
    let e = export_2004(&p, &r);
    let raw: f64 = e.get("cmi.score.raw").unwrap().parse().unwrap();
    assert_eq!(raw, round(result.scaled, &p.scoring.rounding));
    assert!(raw.fract() == 0.0, "the exam rounds to whole points");
    assert_eq!(e.get("cmi.score.min"), Some("100"));
    assert_eq!(e.get("cmi.score.max"), Some("900"));
    let e12 = scorm12(&p, &r).unwrap();
    let percent: f64 = e12.get("cmi.core.score.raw").unwrap().parse().unwrap();
    assert_eq!(
        percent,
        round(100.0 * result.raw / result.max_raw, &p.scoring.rounding)
    );
    assert_eq!(e12.get("cmi.core.score.max"), Some("100"));
}

#[test]
fn formats_per_interaction_kind_in_2004() {
    let (p, r) = kinds_record(Mode::Practice);
    let e = export_2004(&p, &r);
    let at = |n: usize, tail: &str| {
        e.get(&format!("cmi.interactions.{n}.{tail}"))
            .map(str::to_string)
    };
    let expected = [
        // (type, learner_response, result, first pattern)
        ("choice", Some("b"), Some("correct"), Some("b")),
        ("choice", Some("a[,]b"), Some("0.3333333"), Some("a[,]c")),
        ("true-false", None, Some("incorrect"), Some("true")),
        (
            "fill-in",
            Some("a[ ,]b {x"),
            Some("incorrect"),
            Some("{case_matters=true}postCode"),
        ),
        ("numeric", Some("3.8"), Some("correct"), Some("3.75[:]3.85")),
        (
            "sequencing",
            Some("s2[,]s3[,]s1"),
            Some("0.5"),
            Some("s1[,]s2[,]s3"),
        ),
        (
            "matching",
            Some("src-x[.]p[,]src-y[.]r"),
            Some("0.5"),
            Some("src-x[.]p[,]src-y[.]q"),
        ),
        (
            "fill-in",
            Some("Cat[,]mat"),
            Some("correct"),
            Some("{order_matters=true}cat[,]mat"),
        ),
        ("long-fill-in", Some("Line one. Line two."), None, None),
    ];
    for (n, (kind, response, result, pattern)) in expected.iter().enumerate() {
        assert_eq!(at(n, "type").as_deref(), Some(*kind), "interaction {n}");
        assert_eq!(
            at(n, "learner_response").as_deref(),
            *response,
            "interaction {n}"
        );
        assert_eq!(at(n, "result").as_deref(), *result, "interaction {n}");
        assert_eq!(
            at(n, "correct_responses.0.pattern").as_deref(),
            *pattern,
            "interaction {n}"
        );
    }
    // The half-credit answer "zip" is not a correct response.
    assert_eq!(at(3, "correct_responses.1.pattern"), None);
    // The unanswered item has neither time nor latency; answered ones have both.
    assert_eq!(at(2, "timestamp"), None);
    assert_eq!(at(2, "latency"), None);
    assert_eq!(
        at(0, "timestamp").as_deref(),
        Some("2026-11-22T09:00:00.00Z")
    );
    assert_eq!(at(0, "latency").as_deref(), Some("PT15.25S"));
    assert_eq!(
        at(1, "timestamp").as_deref(),
        Some("2026-11-22T09:00:15.25Z")
    );
    assert_eq!(at(1, "weighting").as_deref(), Some("1"));
    assert_eq!(e.get("cmi.session_time"), Some("PT2M6S"));
}

#[test]
fn formats_per_interaction_kind_in_12() {
    let (p, r) = kinds_record(Mode::Practice);
    let e = scorm12(&p, &r).unwrap();
    let at = |n: usize, tail: &str| {
        e.get(&format!("cmi.interactions.{n}.{tail}"))
            .map(str::to_string)
    };
    let expected = [
        ("choice", Some("b"), Some("correct"), Some("b")),
        ("choice", Some("a,b"), Some("0.3333333"), Some("{a,c}")),
        ("true-false", None, Some("wrong"), Some("t")),
        ("fill-in", Some("a[,]b {x"), Some("wrong"), Some("postCode")),
        ("numeric", Some("3.8"), Some("correct"), Some("3.8")),
        ("sequencing", Some("b,c,a"), Some("0.5"), Some("a,b,c")),
        ("matching", Some("a.p,b.r"), Some("0.5"), Some("a.p,b.q")),
        ("fill-in", Some("Cat,mat"), Some("correct"), Some("cat,mat")),
        ("fill-in", Some("Line one. Line two."), None, None),
    ];
    for (n, (kind, response, result, pattern)) in expected.iter().enumerate() {
        assert_eq!(at(n, "type").as_deref(), Some(*kind), "interaction {n}");
        assert_eq!(
            at(n, "student_response").as_deref(),
            *response,
            "interaction {n}"
        );
        assert_eq!(at(n, "result").as_deref(), *result, "interaction {n}");
        assert_eq!(
            at(n, "correct_responses.0.pattern").as_deref(),
            *pattern,
            "interaction {n}"
        );
    }
    assert_eq!(at(0, "time").as_deref(), Some("09:00:15.25"));
    assert_eq!(at(0, "latency").as_deref(), Some("0000:00:15.25"));
    assert_eq!(e.get("cmi.core.session_time"), Some("0000:02:06.00"));
    // Choice ids that are not single characters are written by position, and said so.
    let said = |element: &str, needle: &str| {
        e.notices
            .iter()
            .any(|n| n.element == element && n.message.contains(needle))
    };
    assert!(said("cmi.interactions.0", "a = \"opt A\", b = \"b\""));
    assert!(said("cmi.interactions.5", "a = \"s1\""));
    assert!(said("cmi.interactions.6", "source ids written as single characters by authored position: a = \"src-x\", b = \"src-y\""));
    // Targets p, q, r are single characters already.
    assert!(!said("cmi.interactions.6", "target ids"));
    assert!(
        !e.notices.iter().any(|n| n.element == "cmi.interactions.1"),
        "a, b, c need no mapping"
    );
}

#[test]
fn ids_are_mapped_injectively_and_notices_say_so() {
    let (p, r) = kinds_record(Mode::Practice);
    let e = export_2004(&p, &r);
    assert_eq!(e.get("cmi.interactions.0.id"), Some("q%201"));
    assert_eq!(e.get("cmi.interactions.1.id"), Some("q_2"));
    assert_eq!(e.get("cmi.objectives.0.id"), Some("LO%201"));
    assert_eq!(e.get("cmi.interactions.0.objectives.0.id"), Some("LO%201"));
    assert!(e.notices.iter().any(|n| n.to_string()
        == "cmi.interactions.0.id: the id \"q 1\" is written as \"q%201\" (SCORM identifiers are URIs)"));
    let e12 = scorm12(&p, &r).unwrap();
    assert_eq!(e12.get("cmi.interactions.0.id"), Some("q_201"));
    assert_eq!(e12.get("cmi.interactions.1.id"), Some("q__2"));
    assert_eq!(e12.get("cmi.objectives.0.id"), Some("LO_201"));
    assert_eq!(
        e12.get("cmi.interactions.0.objectives.0.id"),
        Some("LO_201")
    );
}

#[test]
fn long_text_is_truncated_with_a_notice() {
    let (p, r) = kinds_record(Mode::Practice);
    let e = export_2004(&p, &r);
    let description = e.get("cmi.interactions.0.description").unwrap();
    assert_eq!(description.chars().count(), 250);
    assert!(description.starts_with("Which option is right? Which"));
    assert!(e
        .notices
        .iter()
        .any(|n| n.to_string()
            == "cmi.interactions.0.description: truncated from 344 to 250 characters"));
    assert!(e
        .notices
        .iter()
        .any(|n| n.element == "cmi.interactions.3.learner_response"
            && n.message.contains("[,] in the text is written as [ ,]")));
    // The outcome statement loses its markup.
    assert_eq!(
        e.get("cmi.objectives.0.description"),
        Some("Read markup & text.")
    );
    // An essay longer than 4000 characters is cut to the long-fill-in SPM.
    let essay = "word ".repeat(900);
    let (p, r) = kinds_record_with(Mode::Practice, &[("q9", json!(essay))]);
    let e = export_2004(&p, &r);
    assert_eq!(
        e.get("cmi.interactions.8.learner_response").unwrap().len(),
        4000
    );
    assert!(e.notices.iter().any(|n| n.to_string()
        == "cmi.interactions.8.learner_response: truncated from 4499 to 4000 characters"));
    let e12 = scorm12(&p, &r).unwrap();
    assert_eq!(
        e12.get("cmi.interactions.8.student_response")
            .unwrap()
            .len(),
        255
    );
}

#[test]
fn an_empty_selection_is_left_out_with_a_notice() {
    let (p, r) = kinds_record_with(Mode::Practice, &[("q_2", json!([]))]);
    let e = export_2004(&p, &r);
    assert_eq!(e.get("cmi.interactions.1.learner_response"), None);
    assert!(e
        .notices
        .iter()
        .any(|n| n.element == "cmi.interactions.1.learner_response"));
}

#[test]
fn secure_records_leave_out_correct_responses() {
    let (p, r) = kinds_record(Mode::Secure);
    for e in [scorm2004(&p, &r).unwrap(), scorm12(&p, &r).unwrap()] {
        assert!(!e
            .pairs
            .iter()
            .any(|(el, _)| el.contains("correct_responses")));
        // The learner's own responses and results are still there.
        assert_eq!(e.get("cmi.interactions.4.result"), Some("correct"));
    }
}

#[test]
fn non_english_descriptions_carry_a_language_delimiter() {
    let (p, r) = kinds_record(Mode::Practice);
    let mut french = (*p).clone();
    french.language = "fr-CA".into();
    let e = export_2004(&french, &r);
    assert_eq!(
        e.get("cmi.interactions.1.description"),
        Some("{lang=fr-CA}Pick the vowels.")
    );
    french.language = "en".into();
    assert_eq!(
        export_2004(&french, &r).get("cmi.interactions.1.description"),
        Some("Pick the vowels.")
    );
}

#[test]
fn records_that_do_not_fit_are_refused() {
    let (p, r) = simulated(EXAM, 1, 0.0, Mode::Practice);
    let quiz = package(QUIZ);
    assert!(matches!(
        scorm2004(&quiz, &r),
        Err(ExportError::PackageMismatch { .. })
    ));
    let mut unscored = r.clone();
    unscored.result = None;
    assert_eq!(scorm12(&p, &unscored), Err(ExportError::Unscored));
    let mut unknown = r.clone();
    unknown.form[5].item_id = "NOPE-1".into();
    assert_eq!(
        scorm2004(&p, &unknown),
        Err(ExportError::UnknownItem {
            index: 5,
            item_id: "NOPE-1".into()
        })
    );
    let mut other_version = r;
    other_version.package.version = "2025.1".into();
    assert_eq!(
        scorm2004(&p, &other_version).unwrap_err().to_string(),
        "the record is for package \"nop-certification-exam\" version 2025.1 but the package given is \"nop-certification-exam\" version 2026.2"
    );
}
