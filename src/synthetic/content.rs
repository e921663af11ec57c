//! Item content for synthetic banks: templated stems, choices and keys for every interaction
//! kind, each valid under the package rules (`model::validate`).
//!
//! The text is meant to look like a real certification bank in previews and benchmarks, not to
//! make sense as a test.

use crate::assemble::SeededRng;
use crate::model::{
    AcceptedAnswer, Choice, Gap, Interaction, InteractionKind, MatchingRule, MultipleResponseRule,
    NumericKey, OrderingRule,
};

/// The subject of each domain, cycled when there are more domains than topics.
const TOPICS: [&str; 8] = [
    "network segmentation",
    "access control",
    "backup retention",
    "incident response",
    "encryption at rest",
    "patch management",
    "logging and monitoring",
    "identity federation",
];

/// Situations a single-choice stem is set in.
const SITUATIONS: [&str; 6] = [
    "a branch office joins the corporate network",
    "an auditor asks for evidence of control",
    "a legacy service cannot be restarted during business hours",
    "the team moves a workload to a managed cloud service",
    "a contractor needs temporary access",
    "the service must meet a four-hour recovery objective",
];

/// Options of single-choice and multiple-response items.
const OPTIONS: [&str; 10] = [
    "Apply the vendor baseline and document every deviation",
    "Separate the workload into its own zone with explicit allow rules",
    "Rotate the credentials and require multi-factor authentication",
    "Schedule the change for the next maintenance window",
    "Enable verbose logging and forward it to the central collector",
    "Grant the role only for the duration of the task",
    "Encrypt the volume with a key held in the managed key service",
    "Test the restore procedure against the recovery objective",
    "Disable the service until the owner reviews it",
    "Record the exception in the risk register with an expiry date",
];

/// Short answers for text entry items and text gaps: the term, an accepted variant worth half
/// the points, and a description that asks for it.
const TERMS: [(&str, &str, &str); 8] = [
    (
        "least privilege",
        "principle of least privilege",
        "each account gets only the access its task needs",
    ),
    (
        "defense in depth",
        "defence in depth",
        "several independent layers of control protect the same asset",
    ),
    (
        "recovery point objective",
        "RPO",
        "the most data, measured in time, that the business accepts to lose",
    ),
    (
        "change advisory board",
        "CAB",
        "the group that reviews and approves significant changes",
    ),
    (
        "key rotation",
        "key rollover",
        "encryption keys are replaced on a fixed schedule",
    ),
    (
        "allow list",
        "allowlist",
        "only the listed applications or addresses are permitted",
    ),
    (
        "log retention",
        "retention period",
        "how long audit records are kept before deletion",
    ),
    (
        "single sign-on",
        "SSO",
        "one authentication gives access to several services",
    ),
];

/// Steps of a procedure, in their correct order.
const STEPS: [&str; 4] = [
    "Confirm the scope and the owner of the change",
    "Take a verified backup of the current configuration",
    "Apply the change in the staging environment",
    "Promote the change and verify the monitoring alerts",
];

/// Matching sources (terms) and targets (definitions); target `k` defines source `k`.
const MATCH_TERMS: [&str; 4] = [
    "Firewall rule",
    "Audit trail",
    "Service account",
    "Snapshot",
];
const MATCH_DEFINITIONS: [&str; 4] = [
    "Permits or denies traffic between zones",
    "Shows who did what and when",
    "Runs a workload without a human login",
    "Captures a volume at one point in time",
];

/// Units of numeric items.
const UNITS: [&str; 3] = ["requests", "records", "messages"];

/// The topic of domain number `domain` (0-based).
pub(crate) fn topic(domain: usize) -> &'static str {
    TOPICS[domain % TOPICS.len()]
}

/// Where an item sits, for its text.
pub(crate) struct ItemContext<'a> {
    /// Domain name (`D3`).
    pub domain: &'a str,
    /// Domain number, 0-based.
    pub domain_index: usize,
    /// Bank-wide item number, 1-based.
    pub number: usize,
}

impl ItemContext<'_> {
    fn prefix(&self) -> String {
        format!("{} item {:04}", self.domain, self.number)
    }
}

fn choice(id: &str, content: &str) -> Choice {
    Choice {
        id: id.to_string(),
        content: format!("<p>{content}</p>"),
        pinned: false,
        feedback: None,
    }
}

/// `n` distinct option texts starting at a seeded position.
fn options(rng: &mut SeededRng, n: usize) -> Vec<&'static str> {
    let start = rng.below(OPTIONS.len());
    (0..n)
        .map(|k| OPTIONS[(start + k) % OPTIONS.len()])
        .collect()
}

/// The stem and the interaction of one item. `key_position` (0..4) places the key of a
/// single-choice item; the other kinds draw their keys from `rng`.
pub(crate) fn item_content(
    kind: InteractionKind,
    ctx: &ItemContext<'_>,
    key_position: usize,
    rng: &mut SeededRng,
) -> (String, Interaction) {
    let topic = topic(ctx.domain_index);
    let prefix = ctx.prefix();
    match kind {
        InteractionKind::SingleChoice => {
            let situation = SITUATIONS[rng.below(SITUATIONS.len())];
            (
                format!(
                    "<p>{prefix}: Which configuration best supports {topic} when {situation}?</p>"
                ),
                single_choice(key_position, rng),
            )
        }
        InteractionKind::MultipleResponse => (
            format!(
                "<p>{prefix}: Which of these practices strengthen {topic}? Select all that apply.</p>"
            ),
            multiple_response(rng),
        ),
        InteractionKind::TrueFalse => {
            let key = rng.below(2) == 1;
            let statement = if key {
                format!("multi-factor authentication lowers the risk of stolen {topic} administrator credentials")
            } else {
                format!("a documented exception removes the need to review {topic} controls")
            };
            (
                format!("<p>{prefix}: True or false: {statement}.</p>"),
                Interaction::TrueFalse { key },
            )
        }
        InteractionKind::TextEntry => {
            let (term, variant, clue) = TERMS[rng.below(TERMS.len())];
            (
                format!("<p>{prefix}: In {topic}, what is the term for this: {clue}?</p>"),
                Interaction::TextEntry {
                    answers: vec![
                        AcceptedAnswer {
                            value: term.to_string(),
                            points: None,
                        },
                        AcceptedAnswer {
                            value: variant.to_string(),
                            points: Some(0.5),
                        },
                    ],
                    case_sensitive: false,
                    max_length: Some(60),
                },
            )
        }
        InteractionKind::Numeric => numeric(&prefix, topic, rng),
        InteractionKind::Ordering => (
            format!(
                "<p>{prefix}: Put the steps of a {topic} change in the order they are carried out.</p>"
            ),
            ordering(rng),
        ),
        InteractionKind::Matching => (
            format!("<p>{prefix}: Match each {topic} term to what it does.</p>"),
            matching(rng),
        ),
        InteractionKind::Cloze => (
            format!("<p>{prefix}: Complete the {topic} runbook entry.</p>"),
            cloze(rng),
        ),
        InteractionKind::ExtendedText => (
            format!("<p>{prefix}: Describe how you would review {topic} after an incident.</p>"),
            Interaction::ExtendedText {
                max_length: Some(2000),
                rubric: Some(
                    "Full credit names the trigger, the evidence and the follow-up.".into(),
                ),
            },
        ),
    }
}

/// A single-choice interaction with choices `a`–`d` keyed at `key_position` (0..4).
fn single_choice(key_position: usize, rng: &mut SeededRng) -> Interaction {
    let ids = ["a", "b", "c", "d"];
    let texts = options(rng, ids.len());
    Interaction::SingleChoice {
        choices: ids
            .iter()
            .zip(&texts)
            .map(|(id, t)| choice(id, t))
            .collect(),
        key: ids[key_position % ids.len()].to_string(),
        shuffle: true,
    }
}

fn multiple_response(rng: &mut SeededRng) -> Interaction {
    let ids = ["a", "b", "c", "d", "e"];
    let texts = options(rng, ids.len());
    let mut order: Vec<usize> = (0..ids.len()).collect();
    rng.shuffle(&mut order);
    let key_count = 2 + rng.below(2);
    let mut keyed: Vec<usize> = order.into_iter().take(key_count).collect();
    keyed.sort_unstable();
    let rule = match rng.below(3) {
        0 => MultipleResponseRule::AllOrNothing,
        1 => MultipleResponseRule::PerOption,
        _ => MultipleResponseRule::RightMinusWrong,
    };
    Interaction::MultipleResponse {
        choices: ids
            .iter()
            .zip(&texts)
            .map(|(id, t)| choice(id, t))
            .collect(),
        keys: keyed.iter().map(|k| ids[*k].to_string()).collect(),
        rule,
        shuffle: true,
        max_choices: None,
    }
}

fn numeric(prefix: &str, topic: &str, rng: &mut SeededRng) -> (String, Interaction) {
    let rate = 10 + rng.below(90);
    let minutes = 5 + rng.below(55);
    let unit = UNITS[rng.below(UNITS.len())];
    let value = (rate * minutes) as f64;
    let key = match rng.below(3) {
        0 => NumericKey {
            value: Some(value),
            absolute_tolerance: Some(0.5),
            ..NumericKey::default()
        },
        1 => NumericKey {
            value: Some(value),
            relative_tolerance: Some(0.02),
            ..NumericKey::default()
        },
        _ => NumericKey {
            min: Some(value - 5.0),
            max: Some(value + 5.0),
            ..NumericKey::default()
        },
    };
    (
        format!(
            "<p>{prefix}: A {topic} job handles {rate} {unit} per minute. How many {unit} does \
             it handle in {minutes} minutes?</p>"
        ),
        Interaction::Numeric {
            key,
            unit: Some(unit.to_string()),
        },
    )
}

fn ordering(rng: &mut SeededRng) -> Interaction {
    let ids = ["a", "b", "c", "d"];
    // The key is a seeded permutation of the ids a–d, and the step text of `key[k]` is step k
    // of the procedure. Steps are listed in their correct order, as authors write them (the
    // shuffle never delivers the authored order).
    let mut key: Vec<&str> = ids.to_vec();
    rng.shuffle(&mut key);
    let choices = key
        .iter()
        .enumerate()
        .map(|(step, id)| choice(id, STEPS[step % STEPS.len()]))
        .collect();
    Interaction::Ordering {
        choices,
        key: key.into_iter().map(String::from).collect(),
        rule: if rng.below(2) == 0 {
            OrderingRule::Exact
        } else {
            OrderingRule::AdjacentPairs
        },
    }
}

fn matching(rng: &mut SeededRng) -> Interaction {
    // Three of the four terms are sources; all four definitions are targets (one distractor).
    let mut terms: Vec<usize> = (0..MATCH_TERMS.len()).collect();
    rng.shuffle(&mut terms);
    terms.truncate(3);
    let mut target_order: Vec<usize> = (0..MATCH_DEFINITIONS.len()).collect();
    rng.shuffle(&mut target_order);
    let sources: Vec<Choice> = terms
        .iter()
        .enumerate()
        .map(|(k, t)| choice(&format!("s{}", k + 1), MATCH_TERMS[*t]))
        .collect();
    let targets: Vec<Choice> = target_order
        .iter()
        .enumerate()
        .map(|(k, t)| choice(&format!("t{}", k + 1), MATCH_DEFINITIONS[*t]))
        .collect();
    let key = terms
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let target = target_order.iter().position(|d| d == t).unwrap_or(0);
            (format!("s{}", k + 1), format!("t{}", target + 1))
        })
        .collect();
    Interaction::Matching {
        sources,
        targets,
        key,
        rule: if rng.below(2) == 0 {
            MatchingRule::PerPair
        } else {
            MatchingRule::AllOrNothing
        },
        shuffle: true,
    }
}

fn cloze(rng: &mut SeededRng) -> Interaction {
    let (term, _, clue) = TERMS[rng.below(TERMS.len())];
    let key = rng.below(3);
    let settings = ["deny by default", "allow by default", "log only"];
    let gap_choices = ["c1", "c2", "c3"];
    Interaction::Cloze {
        text: format!(
            "<p>When {clue}, the control is called {{{{g1}}}}. Before the service goes live, \
             the default policy is set to {{{{g2}}}}.</p>"
        ),
        gaps: vec![
            Gap::Text {
                id: "g1".into(),
                answers: vec![AcceptedAnswer {
                    value: term.to_string(),
                    points: None,
                }],
                case_sensitive: false,
                points: None,
            },
            Gap::Choice {
                id: "g2".into(),
                choices: gap_choices
                    .iter()
                    .zip(settings)
                    .map(|(id, s)| choice(id, s))
                    .collect(),
                key: gap_choices[key].to_string(),
                shuffle: true,
                points: None,
            },
        ],
    }
}

/// The stimulus of item set number `number` (1-based) in domain `domain_index`.
pub(crate) fn stimulus(number: usize, domain_index: usize) -> (String, String) {
    let topic = topic(domain_index);
    let title = format!("Scenario {number:02}: {topic}");
    let html = format!(
        "<p><strong>Scenario {number:02}.</strong> A regional office of a logistics company \
         runs its warehouse system on two virtual machines and a managed database. The \
         security lead has asked you to review its {topic} before the annual audit.</p>\
         <ul><li>Users: 140 staff and 12 contractors</li>\
         <li>Change window: Sundays 02:00–04:00</li>\
         <li>Recovery objective: 4 hours</li></ul>"
    );
    (title, html)
}
