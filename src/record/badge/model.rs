//! The Open Badges 3.0 classes a certa credential uses (OB 3.0 appendix B.1, "Data Models"),
//! serialized with the spec's property names in a fixed order. Only the properties certa
//! fills are declared; optional ones are left out of the JSON when empty.

use serde::Serialize;

/// `AchievementCredential` (alias `OpenBadgeCredential`), unsigned.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AchievementCredential {
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub issuer: Profile,
    pub valid_from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    pub credential_subject: AchievementSubject,
}

/// `Profile` of the issuer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `AchievementSubject`: who earned what, with which results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AchievementSubject {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<IdentityObject>,
    pub achievement: Achievement,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub result: Vec<ResultEntry>,
}

/// `IdentityObject`: the recipient, hashed or in plain text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityObject {
    #[serde(rename = "type")]
    pub kind: String,
    pub hashed: bool,
    pub identity_hash: String,
    pub identity_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
}

/// `Achievement`: what was earned.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Achievement {
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub achievement_type: String,
    pub name: String,
    pub description: String,
    pub criteria: Criteria,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alignment: Vec<Alignment>,
    pub result_description: Vec<ResultDescription>,
    pub version: String,
}

/// `Criteria`: how the achievement is earned, in Markdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criteria {
    pub narrative: String,
}

/// `Alignment` to a node of an educational framework (a CASE `CFItem` for outcomes).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alignment {
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub target_name: String,
    pub target_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_type: Option<String>,
}

/// `ResultDescription`: a result the achievement reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultDescription {
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub name: String,
    pub result_type: String,
    pub value_min: String,
    pub value_max: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_value: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alignment: Vec<Alignment>,
}

/// `Result`: the learner's result for one result description.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultEntry {
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub result_description: String,
    pub value: String,
    pub status: String,
}
