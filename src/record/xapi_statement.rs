//! The xAPI 1.0.3 statement data model, as the xAPI and cmi5 exporters write it: typed structs
//! whose optional parts are skipped when absent, so a serialized statement never holds `null`
//! or an empty object. Integral score figures are written as JSON integers (cmi5 asks for
//! integers in `raw`, `min` and `max`).
//!
//! The same types read the parts a cmi5 launch hands in (the actor, the context template), so
//! a malformed launch is refused with the path of the bad field.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// A language map: RFC 5646 tag → text.
pub type LanguageMap = BTreeMap<String, String>;

/// Extensions: IRI → any JSON value.
pub type Extensions = BTreeMap<String, Value>;

/// One xAPI statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// A UUID derived from the attempt and the statement's role (see `xapi_format::name_uuid`).
    pub id: String,
    pub actor: Agent,
    pub verb: Verb,
    pub object: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// RFC 3339 with milliseconds and `Z`.
    pub timestamp: String,
}

/// An Agent: exactly one inverse functional identifier (account or mbox) on what certa writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Agent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mbox: Option<String>,
    #[serde(
        rename = "mbox_sha1sum",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mbox_sha1sum: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
}

impl Agent {
    /// How many inverse functional identifiers the agent carries (xAPI wants exactly one).
    pub fn identifier_count(&self) -> usize {
        [
            self.mbox.is_some(),
            self.mbox_sha1sum.is_some(),
            self.openid.is_some(),
            self.account.is_some(),
        ]
        .iter()
        .filter(|present| **present)
        .count()
    }
}

/// An account on a system (`homePage` names the system).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Account {
    pub home_page: String,
    pub name: String,
}

/// A verb: its IRI and display names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verb {
    pub id: String,
    pub display: LanguageMap,
}

/// An Activity, as a statement object or in context activities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<String>,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<ActivityDefinition>,
}

impl Activity {
    /// An activity with `objectType: "Activity"` and no definition.
    pub fn reference(id: impl Into<String>) -> Activity {
        Activity {
            object_type: Some("Activity".into()),
            id: id.into(),
            definition: None,
        }
    }
}

/// An Activity definition, including the interaction properties of `cmi.interaction`s.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityDefinition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LanguageMap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub activity_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct_responses_pattern: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<InteractionComponent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Vec<InteractionComponent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<InteractionComponent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Vec<InteractionComponent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<InteractionComponent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

/// One entry of an interaction component list (a choice, a source, a target, a step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionComponent {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
}

/// A statement's result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// ISO 8601 duration with at most two decimals of seconds (`PT1M23.45S`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

/// A score: `scaled` in [-1, 1], `raw` in [`min`, `max`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub scaled: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub raw: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub min: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub max: Option<f64>,
}

/// Largest magnitude below which every integer is exact in an f64 (2^53).
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// An integral figure as a JSON integer (`70`, not `70.0`); others as JSON numbers.
fn number<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(x) if x.fract() == 0.0 && x.abs() < EXACT_INTEGERS => {
            serializer.serialize_i64(*x as i64)
        }
        Some(x) => serializer.serialize_f64(*x),
        None => serializer.serialize_none(),
    }
}

/// A statement's context. Every part is optional; cmi5 hands in a template of it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Context {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructor: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_activities: Option<ContextActivities>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

/// Context activities by kind. Each list may arrive as one object or an array (xAPI allows
/// both); certa always writes arrays.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextActivities {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "one_or_many"
    )]
    pub parent: Option<Vec<Activity>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "one_or_many"
    )]
    pub grouping: Option<Vec<Activity>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "one_or_many"
    )]
    pub category: Option<Vec<Activity>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "one_or_many"
    )]
    pub other: Option<Vec<Activity>>,
}

/// Which list of [`ContextActivities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextKind {
    Parent,
    Grouping,
    Category,
    Other,
}

impl ContextActivities {
    fn list_mut(&mut self, kind: ContextKind) -> &mut Option<Vec<Activity>> {
        match kind {
            ContextKind::Parent => &mut self.parent,
            ContextKind::Grouping => &mut self.grouping,
            ContextKind::Category => &mut self.category,
            ContextKind::Other => &mut self.other,
        }
    }
}

impl Context {
    /// Add an activity to a context list unless one with the same id is already there.
    pub fn add_activity(&mut self, kind: ContextKind, activity: Activity) {
        let lists = self
            .context_activities
            .get_or_insert_with(ContextActivities::default);
        let list = lists.list_mut(kind).get_or_insert_with(Vec::new);
        if !list.iter().any(|a| a.id == activity.id) {
            list.push(activity);
        }
    }

    /// Add an extension unless the key is already there (a template's values are kept).
    pub fn add_extension(&mut self, key: &str, value: Value) {
        self.extensions
            .get_or_insert_with(Extensions::new)
            .entry(key.to_string())
            .or_insert(value);
    }

    /// Drop empty lists and maps, so the context serializes without empty objects.
    pub fn prune(&mut self) {
        if let Some(lists) = &mut self.context_activities {
            for kind in [
                ContextKind::Parent,
                ContextKind::Grouping,
                ContextKind::Category,
                ContextKind::Other,
            ] {
                let list = lists.list_mut(kind);
                if list.as_ref().is_some_and(Vec::is_empty) {
                    *list = None;
                }
            }
            if *lists == ContextActivities::default() {
                self.context_activities = None;
            }
        }
        if self.extensions.as_ref().is_some_and(BTreeMap::is_empty) {
            self.extensions = None;
        }
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Activity>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<Activity>),
        One(Box<Activity>),
    }
    Ok(Some(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::Many(list) => list,
        OneOrMany::One(activity) => vec![*activity],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_scores_are_json_integers_and_absent_parts_are_skipped() {
        let score = Score {
            scaled: Some(0.75),
            raw: Some(30.0),
            min: Some(0.0),
            max: Some(40.0),
        };
        assert_eq!(
            serde_json::to_string(&score).unwrap(),
            r#"{"scaled":0.75,"raw":30,"min":0,"max":40}"#
        );
        let result = StatementResult {
            completion: Some(true),
            ..StatementResult::default()
        };
        assert_eq!(
            serde_json::to_string(&result).unwrap(),
            r#"{"completion":true}"#
        );
    }

    #[test]
    fn context_lists_accept_one_object_and_prune_empties() {
        let mut context: Context = serde_json::from_str(
            r#"{"contextActivities": {"grouping": {"id": "https://lms.example/au/1"}},
                "extensions": {}}"#,
        )
        .unwrap();
        context.prune();
        let grouping = context
            .context_activities
            .as_ref()
            .and_then(|c| c.grouping.as_ref())
            .unwrap();
        assert_eq!(grouping.len(), 1);
        assert_eq!(context.extensions, None);
        context.add_activity(
            ContextKind::Grouping,
            Activity::reference("https://lms.example/au/1"),
        );
        context.add_activity(
            ContextKind::Category,
            Activity::reference("https://x.example/c"),
        );
        let lists = context.context_activities.as_ref().unwrap();
        assert_eq!(lists.grouping.as_ref().map(Vec::len), Some(1));
        assert_eq!(lists.category.as_ref().map(Vec::len), Some(1));
        assert!(serde_json::from_str::<Context>(r#"{"bogus": 1}"#).is_err());
    }
}
