//! Open Badges 3.0 credentials: issued only for an award, certificate and certification
//! shapes, CASE alignments, results that point at their descriptions, the deterministic id,
//! hashed identities, and refused options. The JSON Schema check is www/tests/badge.test.mjs.

mod export_fixtures;

use certa::model::CredentialPolicy;
use certa::record::badge::{open_badge, BadgeOptions, IssuerOptions, OB_CONTEXT, VC_CONTEXT};
use certa::record::ExportError;
use certa::session::Mode;
use export_fixtures::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn options() -> BadgeOptions {
    BadgeOptions {
        issuer: IssuerOptions {
            id: "https://credentials.example.org/issuers/academy".into(),
            name: "Example Academy".into(),
            url: Some("https://academy.example.org".into()),
        },
        ..Default::default()
    }
}

fn badge_json(path: &str, seed: u64, theta: f64, mode: Mode) -> Option<Value> {
    let (p, r) = simulated(path, seed, theta, mode);
    open_badge(&p, &r, &options())
        .unwrap()
        .map(|c| serde_json::to_value(c).unwrap())
}

#[test]
fn a_certificate_is_issued_only_when_awarded() {
    assert!(badge_json(QUIZ, 2, 2.5, Mode::Practice).is_some());
    // Failing, and pending manual grading: no credential.
    assert!(badge_json(QUIZ, 2, -1.5, Mode::Practice).is_none());
    assert!(badge_json(QUIZ, 1, 2.5, Mode::Practice).is_none());
    // Passing the cut score is not enough when a required outcome is not mastered.
    let (p, r) = simulated(QUIZ, 6, 2.5, Mode::Practice);
    let result = r.result.as_ref().unwrap();
    assert!(!result.credential.awarded);
    assert!(open_badge(&p, &r, &options()).unwrap().is_none());
    // A package that awards nothing issues nothing.
    let (p, r) = simulated(QUIZ, 2, 2.5, Mode::Practice);
    let mut none = (*p).clone();
    none.credential = CredentialPolicy::None;
    assert!(open_badge(&none, &r, &options()).unwrap().is_none());
}

#[test]
fn a_certificate_credential_has_the_ob3_shape() {
    let (p, r) = simulated(QUIZ, 2, 2.5, Mode::Practice);
    let c = serde_json::to_value(open_badge(&p, &r, &options()).unwrap().unwrap()).unwrap();
    assert_eq!(c["@context"], json!([VC_CONTEXT, OB_CONTEXT]));
    assert_eq!(
        c["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(c["name"], json!("Foundations of Web Accessibility"));
    assert_eq!(c["validFrom"], json!(r.submitted_at.to_rfc3339()));
    assert!(c["validFrom"]
        .as_str()
        .unwrap()
        .starts_with("2026-11-22T09:05"));
    assert!(
        c.get("validUntil").is_none(),
        "a certificate does not expire"
    );
    assert_eq!(c["issuer"]["type"], json!(["Profile"]));
    let subject = &c["credentialSubject"];
    assert_eq!(subject["type"], json!(["AchievementSubject"]));
    assert_eq!(
        subject["identifier"],
        json!([{"type": "IdentityObject", "hashed": false, "identityHash": "learner-2", "identityType": "systemId"}])
    );
    let achievement = &subject["achievement"];
    assert_eq!(achievement["type"], json!(["Achievement"]));
    assert_eq!(achievement["achievementType"], json!("Certificate"));
    assert!(achievement["criteria"]["narrative"]
        .as_str()
        .unwrap()
        .contains("- **A11Y-3** (mastery: at least 75% of the aligned points, on at least 3 items): Make every function operable"));
    // Required outcomes with a CASE URI: A11Y-1 and A11Y-2 (A11Y-3 and A11Y-4 have none).
    let alignments = achievement["alignment"].as_array().unwrap();
    let targets: Vec<&str> = alignments
        .iter()
        .map(|a| a["targetName"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["A11Y-1", "A11Y-2"]);
    for a in alignments {
        assert_eq!(a["targetType"], json!("CFItem"));
        assert!(a["targetUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://case.example.org/uri/"));
        assert!(a["targetDescription"].as_str().unwrap().len() > 40);
    }
    // One result description per outcome plus the total; every result points at one.
    let descriptions = achievement["resultDescription"].as_array().unwrap();
    assert_eq!(descriptions.len(), 6);
    assert_eq!(descriptions[0]["resultType"], json!("ScaledScore"));
    assert_eq!(descriptions[0]["requiredValue"], json!("70"));
    assert_eq!(descriptions[1]["requiredValue"], json!("75"));
    assert!(
        descriptions[5].get("requiredValue").is_none(),
        "A11Y-5 is not required"
    );
    let ids: Vec<&str> = descriptions
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let results = subject["result"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    for result in results {
        assert!(ids.contains(&result["resultDescription"].as_str().unwrap()));
        assert_eq!(result["type"], json!(["Result"]));
    }
    assert_eq!(results[0]["value"], json!("95.2"));
    assert_eq!(results[0]["status"], json!("Completed"));
    assert_eq!(results[2]["value"], json!("76.9"));
}

#[test]
fn a_certification_expires_and_aligns_every_outcome() {
    let (p, r) = simulated(EXAM, 1, 2.5, Mode::Secure);
    let result = r.result.as_ref().unwrap();
    assert!(result.credential.awarded);
    let c = serde_json::to_value(open_badge(&p, &r, &options()).unwrap().unwrap()).unwrap();
    let expires = result.credential.expires_at.unwrap();
    assert_eq!(c["validUntil"], json!(expires.to_rfc3339()));
    assert_eq!(expires, r.submitted_at.plus_days(1095));
    let achievement = &c["credentialSubject"]["achievement"];
    assert_eq!(achievement["achievementType"], json!("Certification"));
    assert_eq!(achievement["alignment"].as_array().unwrap().len(), 5);
    assert_eq!(achievement["version"], json!("2026.2"));
    // Outcome requirements are the certificate's: a certification requires the cut score only.
    let descriptions = achievement["resultDescription"].as_array().unwrap();
    assert!(descriptions[1..]
        .iter()
        .all(|d| d.get("requiredValue").is_none()));
    assert_eq!(descriptions[0]["requiredValue"], json!("620"));
    assert_eq!(descriptions[0]["valueMin"], json!("100"));
    // Failing the exam: nothing.
    assert!(badge_json(EXAM, 1, -1.5, Mode::Secure).is_none());
}

#[test]
fn the_credential_id_is_derived_from_the_attempt() {
    let (p, r) = simulated(QUIZ, 2, 2.5, Mode::Practice);
    let a = open_badge(&p, &r, &options()).unwrap().unwrap();
    let b = open_badge(&p, &r, &options()).unwrap().unwrap();
    assert_eq!(a, b);
    assert!(a.id.starts_with("urn:uuid:") && a.id.len() == 45);
    let mut other = r.clone();
    other.attempt_id = "3f2b8c1a-0000-4000-8000-999999999999".into();
    let c = open_badge(&p, &other, &options()).unwrap().unwrap();
    assert_ne!(c.id, a.id);
    // Same achievement for every learner of this issuer and package.
    assert_eq!(
        c.credential_subject.achievement.id,
        a.credential_subject.achievement.id
    );
    // An achievement id from the options is used, with fragments for the result descriptions.
    let mut with_id = options();
    with_id.achievement_id = Some("https://academy.example.org/achievements/a11y".into());
    let d = open_badge(&p, &r, &with_id).unwrap().unwrap();
    assert_eq!(d.id, a.id);
    assert_eq!(
        d.credential_subject.achievement.id,
        "https://academy.example.org/achievements/a11y"
    );
    assert_eq!(
        d.credential_subject.result[1].result_description,
        "https://academy.example.org/achievements/a11y#outcome-A11Y-1"
    );
}

#[test]
fn an_email_is_only_ever_written_hashed() {
    let right = [
        ("q_2", json!(["a", "c"])),
        ("q4", json!("postCode")),
        ("q7", json!([["src-x", "p"], ["src-y", "q"]])),
        ("q9", json!(null)),
    ];
    let (p, r) = kinds_record_with(Mode::Practice, &right);
    assert!(r.result.as_ref().unwrap().credential.awarded);
    assert!(matches!(
        open_badge(&p, &r, &options()),
        Err(ExportError::BadOption { field, .. }) if field == "identity_salt"
    ));
    let mut salted = options();
    salted.identity_salt = Some("pepper".into());
    salted.subject_id = Some("did:example:ada".into());
    let c = open_badge(&p, &r, &salted).unwrap().unwrap();
    let identity = &c.credential_subject.identifier[0];
    let expected: String = Sha256::digest(b"ada@example.orgpepper")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(identity.identity_hash, format!("sha256${expected}"));
    assert_eq!(identity.identity_type, "emailAddress");
    assert!(identity.hashed);
    assert_eq!(identity.salt.as_deref(), Some("pepper"));
    assert_eq!(c.credential_subject.id.as_deref(), Some("did:example:ada"));
    let text = serde_json::to_string(&c).unwrap();
    assert!(!text.to_lowercase().contains("ada@example.org"));
}

/// A change to the options.
type Change = dyn Fn(&mut BadgeOptions);

#[test]
fn bad_options_are_refused_by_name() {
    let (p, r) = simulated(QUIZ, 2, 2.5, Mode::Practice);
    let cases: Vec<(&str, Box<Change>)> = vec![
        ("issuer.id", Box::new(|o| o.issuer.id = "academy".into())),
        ("issuer.name", Box::new(|o| o.issuer.name = " ".into())),
        (
            "issuer.url",
            Box::new(|o| o.issuer.url = Some("academy.example.org".into())),
        ),
        (
            "achievement_id",
            Box::new(|o| o.achievement_id = Some("https://x.example/a#b".into())),
        ),
        (
            "subject_id",
            Box::new(|o| o.subject_id = Some("ada".into())),
        ),
        (
            "identity_salt",
            Box::new(|o| o.identity_salt = Some(String::new())),
        ),
    ];
    for (field, change) in cases {
        let mut o = options();
        change(&mut o);
        match open_badge(&p, &r, &o) {
            Err(ExportError::BadOption { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let parsed: Result<BadgeOptions, _> = serde_json::from_value(
        json!({"issuer": {"id": "https://x.example", "name": "X"}, "salt": "s"}),
    );
    assert!(parsed.is_err(), "unknown option keys are refused");
}
