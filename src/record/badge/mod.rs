//! The Open Badges 3.0 `OpenBadgeCredential` of an awarded credential, unsigned (the backend
//! signs it). [`open_badge`] returns `Ok(None)` when the attempt did not earn the credential
//! (or the package awards none): a badge exists only for an award.
//!
//! - `@context` is the VC 2.0 context and the OB 3.0.3 context; `type` is
//!   `VerifiableCredential`, `OpenBadgeCredential`.
//! - `id` is a `urn:uuid` derived from the package id and the attempt id, so exporting the
//!   same record twice gives the same credential id.
//! - `issuer` is the host's [`IssuerOptions`] as a `Profile`; `validFrom` is the submission
//!   time; `validUntil` is set for certifications only (their `expires_at`).
//! - `credentialSubject.identifier`: the learner's e-mail (trimmed, lower-cased) as a salted
//!   SHA-256 `emailAddress` identity when the record has one (a salt is then required),
//!   otherwise the learner id as a `systemId` identity, hashed when a salt is given. An
//!   `id` (a DID, say) is added when the options give one.
//! - `achievement`: `achievementType` `Certificate` or `Certification`, the policy's name and
//!   description, criteria in Markdown built from the cut score and the required outcomes,
//!   one `alignment` per certified outcome (the required ones, or all when none is required)
//!   that has a CASE URI (`targetType: CFItem`; `targetUrl` is required, so an outcome
//!   without a URI gets no alignment), and one `resultDescription` per outcome (`Percent`)
//!   plus the total (`ScaledScore`). Its id is a `urn:uuid` derived from the issuer and the
//!   package id unless the options give one; result description ids are the achievement id
//!   with a fragment (`#total`, `#outcome-A11Y-1`).
//! - `result`: the total and each outcome with evidence on the form, `value` as a rounded
//!   figure and `status` `Completed` (mastered), `InProgress` (awaiting manual grading) or
//!   `Failed`.

pub mod identity;
pub mod model;

use serde::Deserialize;

use self::identity::{derived_urn_uuid, identity_hash, is_absolute_uri};
use self::model::{
    Achievement, AchievementCredential, AchievementSubject, Alignment, Criteria, IdentityObject,
    Profile, ResultDescription, ResultEntry,
};
use super::export_check::check_export;
use super::scorm::identifier::{identifier_2004, LONG_2004};
use super::scorm::text::plain_text;
use super::{CompletionRecord, ExportError};
use crate::model::{CredentialPolicy, Outcome, Package};
use crate::score::rounding::format_rounded;
use crate::score::OutcomeMastery;

/// The W3C Verifiable Credentials 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0.3 context.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// The issuing organization.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerOptions {
    /// A URI: the issuer's profile URL or DID.
    pub id: String,
    pub name: String,
    /// The issuer's home page.
    #[serde(default)]
    pub url: Option<String>,
}

/// What the host supplies for a credential.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BadgeOptions {
    pub issuer: IssuerOptions,
    /// Salt of the hashed identities; required when the learner has an e-mail address.
    #[serde(default)]
    pub identity_salt: Option<String>,
    /// The achievement's URI (an URL where the issuer publishes it); derived when absent.
    #[serde(default)]
    pub achievement_id: Option<String>,
    /// The learner's URI (a DID, say) for `credentialSubject.id`.
    #[serde(default)]
    pub subject_id: Option<String>,
}

/// The unsigned credential of an awarded attempt; `Ok(None)` when nothing was awarded.
///
/// ```
/// # use certa::{model::Package, record::CompletionRecord};
/// # let package = Package::load(&std::fs::read_to_string("examples/certificate-quiz.json").unwrap()).unwrap();
/// # let record: CompletionRecord = serde_json::from_str(&std::fs::read_to_string("tests/golden/certificate-quiz-seed8.record.json").unwrap()).unwrap();
/// use certa::record::badge::{open_badge, BadgeOptions, IssuerOptions};
/// let options = BadgeOptions {
///     issuer: IssuerOptions { id: "https://example.org/issuer".into(), name: "Example".into(), url: None },
///     ..Default::default()
/// };
/// // This learner passed, but an essay aligned to an outcome awaits a grader: no badge yet.
/// assert!(open_badge(&package, &record, &options).unwrap().is_none());
/// ```
pub fn open_badge(
    package: &Package,
    record: &CompletionRecord,
    options: &BadgeOptions,
) -> Result<Option<AchievementCredential>, ExportError> {
    let result = check_export(package, record)?;
    check_options(options)?;
    let (name, description, achievement_type, validity_days) = match &package.credential {
        CredentialPolicy::Certificate { name, description } => {
            (name, description, "Certificate", None)
        }
        CredentialPolicy::Certification {
            name,
            description,
            validity_days,
        } => (name, description, "Certification", Some(*validity_days)),
        CredentialPolicy::None => return Ok(None),
    };
    if !result.credential.awarded {
        return Ok(None);
    }
    let valid_until = validity_days.map(|days| {
        result
            .credential
            .expires_at
            .unwrap_or_else(|| record.submitted_at.plus_days(days))
            .to_rfc3339()
    });

    let achievement_id = options.achievement_id.clone().unwrap_or_else(|| {
        derived_urn_uuid(&["certa/ob3/achievement", &options.issuer.id, &package.id])
    });
    let rounding = &package.scoring.rounding;
    let certificate = achievement_type == "Certificate";
    let certified = certified_outcomes(package);

    let total_id = format!("{achievement_id}#total");
    let mut descriptions = vec![ResultDescription {
        id: total_id.clone(),
        types: vec!["ResultDescription".into()],
        name: "Scaled score".into(),
        result_type: "ScaledScore".into(),
        value_min: number(package.scoring.scale.min),
        value_max: number(package.scoring.scale.max),
        required_value: Some(number(package.scoring.cut_score)),
        alignment: Vec::new(),
    }];
    let mut results = vec![ResultEntry {
        types: vec!["Result".into()],
        result_description: total_id,
        value: format_rounded(result.scaled, rounding),
        status: "Completed".into(),
    }];
    for mastery in &result.outcomes {
        let outcome = package.outcome(&mastery.outcome);
        let id = format!(
            "{achievement_id}#outcome-{}",
            identifier_2004(&mastery.outcome, LONG_2004)
        );
        descriptions.push(ResultDescription {
            id: id.clone(),
            types: vec!["ResultDescription".into()],
            name: format!("Mastery of outcome {}", mastery.outcome),
            result_type: "Percent".into(),
            value_min: "0".into(),
            value_max: "100".into(),
            required_value: (certificate && mastery.required)
                .then(|| number(round_percent(mastery.threshold))),
            alignment: outcome.and_then(alignment).into_iter().collect(),
        });
        if mastery.items > 0 {
            results.push(ResultEntry {
                types: vec!["Result".into()],
                result_description: id,
                value: format_rounded(mastery.score * 100.0, rounding),
                status: status(mastery).into(),
            });
        }
    }

    let achievement = Achievement {
        id: achievement_id,
        types: vec!["Achievement".into()],
        achievement_type: achievement_type.into(),
        name: name.clone(),
        description: if description.trim().is_empty() {
            format!("{name}: {}", package.title)
        } else {
            description.clone()
        },
        criteria: Criteria {
            narrative: narrative(package, &certified, validity_days),
        },
        alignment: certified.iter().filter_map(|o| alignment(o)).collect(),
        result_description: descriptions,
        version: package.version.clone(),
    };
    Ok(Some(AchievementCredential {
        context: vec![VC_CONTEXT.into(), OB_CONTEXT.into()],
        id: derived_urn_uuid(&["certa/ob3/credential", &package.id, &record.attempt_id]),
        types: vec!["VerifiableCredential".into(), "OpenBadgeCredential".into()],
        name: name.clone(),
        description: Some(description.clone()).filter(|d| !d.trim().is_empty()),
        issuer: Profile {
            id: options.issuer.id.clone(),
            types: vec!["Profile".into()],
            name: options.issuer.name.clone(),
            url: options.issuer.url.clone(),
        },
        valid_from: record.submitted_at.to_rfc3339(),
        valid_until,
        credential_subject: AchievementSubject {
            id: options.subject_id.clone(),
            types: vec!["AchievementSubject".into()],
            identifier: vec![subject_identity(record, options)?],
            achievement,
            result: results,
        },
    }))
}

fn check_options(options: &BadgeOptions) -> Result<(), ExportError> {
    let bad = |field: &str, message: &str| {
        Err(ExportError::BadOption {
            field: field.into(),
            message: message.into(),
        })
    };
    if !is_absolute_uri(&options.issuer.id) {
        return bad("issuer.id", "must be an absolute URI (a URL or a DID)");
    }
    if options.issuer.name.trim().is_empty() {
        return bad("issuer.name", "must not be empty");
    }
    if let Some(url) = &options.issuer.url {
        if !is_absolute_uri(url) {
            return bad("issuer.url", "must be an absolute URI");
        }
    }
    if let Some(id) = &options.achievement_id {
        if !is_absolute_uri(id) || id.contains('#') {
            return bad(
                "achievement_id",
                "must be an absolute URI without a fragment (result descriptions add one)",
            );
        }
    }
    if let Some(id) = &options.subject_id {
        if !is_absolute_uri(id) {
            return bad("subject_id", "must be an absolute URI (a DID, say)");
        }
    }
    if options.identity_salt.as_deref().is_some_and(str::is_empty) {
        return bad("identity_salt", "must not be empty when given");
    }
    Ok(())
}

/// The learner as an `IdentityObject`.
fn subject_identity(
    record: &CompletionRecord,
    options: &BadgeOptions,
) -> Result<IdentityObject, ExportError> {
    let salt = options.identity_salt.clone();
    let email = record
        .learner
        .email
        .as_deref()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty());
    if let Some(email) = email {
        let Some(salt) = salt else {
            return Err(ExportError::BadOption {
                field: "identity_salt".into(),
                message: "required: the learner's e-mail address is only ever written hashed"
                    .into(),
            });
        };
        return Ok(IdentityObject {
            kind: "IdentityObject".into(),
            hashed: true,
            identity_hash: identity_hash(&email, &salt),
            identity_type: "emailAddress".into(),
            salt: Some(salt),
        });
    }
    let id = record.learner.id.trim();
    if id.is_empty() {
        return Err(ExportError::BadOption {
            field: "learner".into(),
            message: "the record has neither a learner id nor an e-mail address".into(),
        });
    }
    Ok(match salt {
        Some(salt) => IdentityObject {
            kind: "IdentityObject".into(),
            hashed: true,
            identity_hash: identity_hash(id, &salt),
            identity_type: "systemId".into(),
            salt: Some(salt),
        },
        None => IdentityObject {
            kind: "IdentityObject".into(),
            hashed: false,
            identity_hash: id.to_string(),
            identity_type: "systemId".into(),
            salt: None,
        },
    })
}

/// The outcomes the achievement certifies: the required ones, or all when none is.
fn certified_outcomes(package: &Package) -> Vec<&Outcome> {
    let required: Vec<&Outcome> = package.outcomes.iter().filter(|o| o.required).collect();
    if required.is_empty() {
        package.outcomes.iter().collect()
    } else {
        required
    }
}

/// The CASE alignment of an outcome that has a URI.
fn alignment(outcome: &Outcome) -> Option<Alignment> {
    let uri = outcome.uri.as_ref().filter(|u| is_absolute_uri(u))?;
    Some(Alignment {
        types: vec!["Alignment".into()],
        target_name: outcome.id.clone(),
        target_url: uri.clone(),
        target_description: Some(plain_text(&outcome.statement)).filter(|s| !s.is_empty()),
        target_type: Some("CFItem".into()),
    })
}

/// The criteria in Markdown.
fn narrative(package: &Package, certified: &[&Outcome], validity_days: Option<u32>) -> String {
    let scale = package.scoring.scale;
    let mut text = format!(
        "Earned with a scaled score of at least {} (on a scale of {} to {}) in \"{}\"",
        number(package.scoring.cut_score),
        number(scale.min),
        number(scale.max),
        plain_text(&package.title)
    );
    match validity_days {
        Some(days) => text.push_str(&format!(
            ". The certification is valid for {days} days from the date of the exam; it covers:\n"
        )),
        None if certified.iter().any(|o| o.required) => {
            text.push_str(", with mastery of every one of these learning outcomes:\n")
        }
        None => text.push_str(". The assessment covers these learning outcomes:\n"),
    }
    for o in certified {
        text.push_str(&format!(
            "\n- **{}** (mastery: at least {}% of the aligned points, on at least {} {}): {}",
            o.id,
            number(round_percent(o.mastery)),
            o.min_items,
            if o.min_items == 1 { "item" } else { "items" },
            plain_text(&o.statement),
        ));
    }
    text
}

/// `Completed` for a mastered outcome, `InProgress` while grading is pending, `Failed`.
fn status(mastery: &OutcomeMastery) -> &'static str {
    if mastery.mastered {
        "Completed"
    } else if mastery.pending_manual > 0 {
        "InProgress"
    } else {
        "Failed"
    }
}

/// A share as a percentage with at most 4 decimals (no floating-point noise).
fn round_percent(share: f64) -> f64 {
    (share * 100.0 * 10_000.0).round() / 10_000.0
}

/// A policy figure as written (`70`, `0.5`).
fn number(value: f64) -> String {
    format!("{value}")
}
