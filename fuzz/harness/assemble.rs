//! `assemble`: structure-aware. The input is an [`AssembleCase`] decoded with `arbitrary`: a
//! bank and blueprint described from scratch ([`SyntheticBank`]: domains, outcomes, enemies,
//! sets with draws, pins, sections, quotas as counts or percentages, difficulty and
//! information targets, exposure control, item kinds with pinned choices), or one of the
//! example packages with its blueprint edited ([`BlueprintEdit`]); numbers run from 0 through
//! odd and huge values to `usize::MAX`. Plus a seed and an assembly context (seen items,
//! exposure counts, administrations).
//!
//! A package that fails validation stops there (`Package::load` would refuse it). Otherwise:
//! the feasibility report, and forms for seed 0 and for the input's seed. Checked:
//! - no panic, and no hang (libFuzzer's `-timeout`);
//! - the report is feasible exactly when seed 0 assembles, and its proof form is that form;
//! - a feasible blueprint assembles for every seed;
//! - a form has the blueprint's length and passes `check_form` (every hard rule);
//! - the same seed gives the same form again.

use arbitrary::{Arbitrary, Unstructured};
use certa::assemble::{
    assemble_form, check_form, feasibility_with, AssemblyContext, FeasibilityOptions, Form, Seed,
};
use certa::model::{
    AcceptedAnswer, Blueprint, Choice, Difficulty, DifficultyTarget, ExposureControl, Gap,
    InformationPoint, Interaction, IrtParameters, Item, ItemSet, OrderingRule, Outcome,
    OutcomeAlignment, Package, Quota, Section, SectionOrder,
};

use super::examples;

/// Most items of a synthetic bank (a few hundred forms a second stay possible).
pub const MAX_ITEMS: usize = 60;
const DOMAINS: u8 = 5;
const OUTCOMES: u8 = 6;
const ENEMY_GROUPS: u8 = 6;
const SETS: usize = 8;

/// One input of the target.
#[derive(Arbitrary, Debug)]
pub struct AssembleCase {
    pub bank: BankCase,
    pub seed: u64,
    pub context: ContextCase,
    /// Sample forms of the feasibility report (modulo 4).
    pub sample_forms: u8,
}

/// Where the package comes from.
#[derive(Arbitrary, Debug)]
pub enum BankCase {
    Synthetic(SyntheticBank),
    /// The certificate quiz (`exam: false`) or the certification exam, blueprint edited.
    Example {
        exam: bool,
        edits: Vec<BlueprintEdit>,
    },
}

/// A bank and its blueprint, described from scratch.
#[derive(Arbitrary, Debug)]
pub struct SyntheticBank {
    pub items: Vec<ItemCase>,
    /// One entry per set: its `draw`.
    pub sets: Vec<Option<Count>>,
    pub length: Count,
    pub domain_quotas: Vec<(u8, Amount)>,
    pub outcome_quotas: Vec<(u8, Amount)>,
    pub target: Option<TargetCase>,
    pub pinned: Vec<u16>,
    pub sections: Vec<SectionCase>,
    pub randomesque: Count,
    pub max_rate: Option<RateCase>,
    pub shuffle_choices: bool,
}

/// One item of a synthetic bank.
#[derive(Arbitrary, Debug)]
pub struct ItemCase {
    pub domain: u8,
    pub outcomes: Vec<(u8, Weight)>,
    pub enemy: Option<u8>,
    pub set: Option<u8>,
    pub difficulty: Option<DifficultyCase>,
    pub irt: Option<(u8, i8, Option<u8>)>,
    pub points: Weight,
    pub kind: KindCase,
}

/// The interactions that matter to assembly (choice orders) and to `check_form`.
#[derive(Arbitrary, Debug)]
pub enum KindCase {
    TrueFalse,
    Single {
        choices: u8,
        pinned: u8,
        shuffle: bool,
    },
    Multiple {
        choices: u8,
        pinned: u8,
        shuffle: bool,
    },
    Ordering {
        steps: u8,
        pinned: u8,
    },
    Matching {
        pairs: u8,
        shuffle: bool,
    },
    ClozeChoice {
        choices: u8,
        shuffle: bool,
    },
    TextEntry,
}

/// A count, from 0 to `usize::MAX`.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Count {
    Zero,
    One,
    Small(u8),
    Medium(u16),
    Huge(u64),
    Max,
}

impl Count {
    pub fn value(self) -> usize {
        match self {
            Count::Zero => 0,
            Count::One => 1,
            Count::Small(n) => n as usize % 16,
            Count::Medium(n) => n as usize,
            Count::Huge(n) => usize::try_from(n).unwrap_or(usize::MAX),
            Count::Max => usize::MAX,
        }
    }
}

/// A percentage: whole, fine-grained (hundredths, up to 655.35) or any f64.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Percent {
    Whole(u8),
    Hundredths(u16),
    Raw(f64),
}

impl Percent {
    pub fn value(self) -> f64 {
        match self {
            Percent::Whole(n) => f64::from(n % 101),
            Percent::Hundredths(n) => f64::from(n) / 100.0,
            Percent::Raw(x) => x,
        }
    }
}

/// A quota's amount: a count, a percentage, both or neither (the last two are invalid).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Amount {
    Count(Count),
    Percent(Percent),
    Both(Count, Percent),
    Neither,
}

impl Amount {
    fn quota(self, id: String) -> Quota {
        let (count, percent) = match self {
            Amount::Count(c) => (Some(c.value()), None),
            Amount::Percent(p) => (None, Some(p.value())),
            Amount::Both(c, p) => (Some(c.value()), Some(p.value())),
            Amount::Neither => (None, None),
        };
        Quota { id, count, percent }
    }
}

/// A positive weight (or any f64).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Weight {
    Unit,
    Sixteenths(u8),
    Raw(f64),
}

impl Weight {
    pub fn value(self) -> f64 {
        match self {
            Weight::Unit => 1.0,
            Weight::Sixteenths(n) => (f64::from(n) + 1.0) / 16.0,
            Weight::Raw(x) => x,
        }
    }
}

/// An item's classical or IRT difficulty.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum DifficultyCase {
    P(u8),
    B(i8),
    Raw(f64),
}

/// The blueprint's soft target.
#[derive(Arbitrary, Debug, Clone)]
pub enum TargetCase {
    MeanP { min: u8, max: u8 },
    MeanB { min: i8, max: i8 },
    Information(Vec<(i8, u8)>),
    Maximize(i8),
    RawMeanP(f64, f64),
}

impl TargetCase {
    fn target(&self) -> DifficultyTarget {
        match self {
            TargetCase::MeanP { min, max } => DifficultyTarget::MeanP {
                min: f64::from(*min) / 255.0,
                max: f64::from(*max) / 255.0,
            },
            TargetCase::MeanB { min, max } => DifficultyTarget::MeanB {
                min: f64::from(*min) / 12.8,
                max: f64::from(*max) / 12.8,
            },
            TargetCase::Information(points) => DifficultyTarget::Information {
                points: points
                    .iter()
                    .map(|(theta, target)| InformationPoint {
                        theta: f64::from(*theta) / 21.0,
                        target: f64::from(*target) / 8.0,
                    })
                    .collect(),
            },
            TargetCase::Maximize(theta) => DifficultyTarget::MaximizeInformation {
                theta: f64::from(*theta) / 21.0,
            },
            TargetCase::RawMeanP(min, max) => DifficultyTarget::MeanP {
                min: *min,
                max: *max,
            },
        }
    }
}

/// An exposure cap: a share in (0, 1], or any f64.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum RateCase {
    Share(u8),
    Raw(f64),
}

impl RateCase {
    fn value(self) -> f64 {
        match self {
            RateCase::Share(n) => (f64::from(n) + 1.0) / 256.0,
            RateCase::Raw(x) => x,
        }
    }
}

/// A section: the domains it claims (none: the catch-all) and its order.
#[derive(Arbitrary, Debug, Clone)]
pub struct SectionCase {
    pub domains: Vec<u8>,
    pub fixed: bool,
}

/// What assembly knows of history.
#[derive(Arbitrary, Debug, Clone)]
pub struct ContextCase {
    /// Item indexes (modulo the bank) the learner has seen; `None` is an id not in the bank.
    pub seen: Vec<Option<u16>>,
    pub exposure: Vec<(u16, Times)>,
    pub administrations: Times,
}

/// A number of administrations.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Times {
    Zero,
    Few(u8),
    Many(u32),
    Huge(u64),
    Max,
}

impl Times {
    pub fn value(self) -> u64 {
        match self {
            Times::Zero => 0,
            Times::Few(n) => u64::from(n),
            Times::Many(n) => u64::from(n),
            Times::Huge(n) => n,
            Times::Max => u64::MAX,
        }
    }
}

/// One change to an example package's blueprint (or to its items' enemy groups and sets).
#[derive(Arbitrary, Debug, Clone)]
pub enum BlueprintEdit {
    Length(Count),
    /// Set the quota at this index (modulo one past the end: a new quota).
    DomainQuota(u8, Amount),
    OutcomeQuota(u8, Amount),
    RemoveDomainQuota(u8),
    RemoveOutcomeQuota(u8),
    Pin(u16),
    Unpin(u8),
    Target(Option<TargetCase>),
    Randomesque(Count),
    MaxRate(Option<RateCase>),
    ShuffleChoices(bool),
    Enemy(u16, Option<u8>),
    SetDraw(u8, Option<Count>),
    JoinSet(u16, Option<u8>),
    SectionOrder(u8, bool),
    DropSections,
}

pub fn run(data: &[u8]) {
    let Ok(case) = AssembleCase::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let package = case.bank.package();
    if !certa::model::validate(&package).is_empty() {
        return;
    }
    let context = case.context.context(&package);
    check(
        &package,
        &context,
        Seed(case.seed),
        usize::from(case.sample_forms % 4),
    );
}

/// Every check of the target on one valid package.
pub fn check(package: &Package, context: &AssemblyContext, seed: Seed, sample_forms: usize) {
    let report = feasibility_with(package, context, &FeasibilityOptions { sample_forms });
    let first = assemble_form(package, Seed(0), context);
    match (&report.proof, &first) {
        (Some(proof), Ok(form)) => assert_eq!(
            proof.item_ids,
            form.item_ids(),
            "the feasibility proof is not the seed-0 form"
        ),
        (None, Err(_)) => {}
        (proof, form) => panic!(
            "feasibility (proof {:?}, problems {:?}) disagrees with seed 0 ({:?})",
            proof.as_ref().map(|p| &p.item_ids),
            report.problems,
            form.as_ref().map(Form::item_ids)
        ),
    }
    assert_eq!(report.feasible, first.is_ok(), "{:?}", report.problems);
    if let Ok(form) = &first {
        check_sound(package, context, form);
    }
    let form = assemble_form(package, seed, context);
    match &form {
        Ok(form) => {
            check_sound(package, context, form);
            let again = assemble_form(package, seed, context);
            assert_eq!(again.as_ref(), Ok(form), "seed {seed} gave two forms");
        }
        Err(e) => assert!(
            !report.feasible,
            "the blueprint is feasible, yet seed {seed} assembles no form: {e}"
        ),
    }
}

/// A delivered form meets the blueprint.
fn check_sound(package: &Package, context: &AssemblyContext, form: &Form) {
    assert_eq!(form.items.len(), package.blueprint.length);
    let broken = check_form(package, form, context);
    assert!(broken.is_empty(), "an assembled form breaks: {broken:?}");
}

impl BankCase {
    /// The package this case describes (not yet validated).
    pub fn package(&self) -> Package {
        match self {
            BankCase::Synthetic(bank) => bank.package(),
            BankCase::Example { exam, edits } => {
                let mut package = if *exam {
                    examples::exam().as_ref().clone()
                } else {
                    examples::quiz().as_ref().clone()
                };
                for edit in edits {
                    edit.apply(&mut package);
                }
                package
            }
        }
    }
}

impl SyntheticBank {
    fn package(&self) -> Package {
        let items: Vec<&ItemCase> = self.items.iter().take(MAX_ITEMS).collect();
        let sets = self.sets.len().min(SETS);
        let mut package = examples::quiz().as_ref().clone();
        package.id = "fuzz-bank".into();
        package.outcomes = (0..OUTCOMES)
            .map(|k| Outcome {
                id: format!("O{k}"),
                statement: format!("Outcome {k}"),
                uri: None,
                mastery: 0.8,
                required: k == 0,
                min_items: 1,
            })
            .collect();
        package.sets = self
            .sets
            .iter()
            .take(SETS)
            .enumerate()
            .map(|(k, draw)| ItemSet {
                id: format!("S{k}"),
                title: format!("Set {k}"),
                stimulus: "<p>Stimulus</p>".into(),
                draw: draw.map(Count::value),
            })
            .collect();
        package.items = items
            .iter()
            .enumerate()
            .map(|(k, case)| case.item(k, sets))
            .collect();
        let n = package.items.len().max(1);
        package.blueprint = Blueprint {
            length: self.length.value(),
            sections: self
                .sections
                .iter()
                .take(4)
                .enumerate()
                .map(|(k, s)| Section {
                    id: format!("sec{k}"),
                    title: format!("Section {k}"),
                    domains: s
                        .domains
                        .iter()
                        .map(|d| format!("D{}", d % DOMAINS))
                        .collect(),
                    order: if s.fixed {
                        SectionOrder::Fixed
                    } else {
                        SectionOrder::Shuffled
                    },
                })
                .collect(),
            domains: self
                .domain_quotas
                .iter()
                .map(|(d, a)| a.quota(format!("D{}", d % DOMAINS)))
                .collect(),
            outcomes: self
                .outcome_quotas
                .iter()
                .map(|(o, a)| a.quota(format!("O{}", o % OUTCOMES)))
                .collect(),
            difficulty: self.target.as_ref().map(TargetCase::target),
            pinned: self
                .pinned
                .iter()
                .map(|k| format!("I{}", *k as usize % n))
                .collect(),
            exposure: ExposureControl {
                randomesque: self.randomesque.value(),
                max_rate: self.max_rate.map(RateCase::value),
            },
            shuffle_choices: self.shuffle_choices,
        };
        package
    }
}

impl ItemCase {
    fn item(&self, k: usize, sets: usize) -> Item {
        Item {
            id: format!("I{k}"),
            stem: format!("<p>Question {k}</p>"),
            points: self.points.value(),
            domain: format!("D{}", self.domain % DOMAINS),
            outcomes: self
                .outcomes
                .iter()
                .take(3)
                .map(|(o, w)| OutcomeAlignment {
                    outcome: format!("O{}", o % OUTCOMES),
                    weight: w.value(),
                })
                .collect(),
            difficulty: self.difficulty.map(|d| match d {
                DifficultyCase::P(p) => Difficulty::P((f64::from(p) + 1.0) / 257.0),
                DifficultyCase::B(b) => Difficulty::B(f64::from(b) / 12.8),
                DifficultyCase::Raw(x) => Difficulty::P(x),
            }),
            irt: self.irt.map(|(a, b, c)| IrtParameters {
                a: (f64::from(a) + 1.0) / 32.0,
                b: f64::from(b) / 12.8,
                c: c.map(|c| f64::from(c) / 300.0),
            }),
            enemy_group: self.enemy.map(|g| format!("E{}", g % ENEMY_GROUPS)),
            set: match (self.set, sets) {
                (Some(s), n) if n > 0 => Some(format!("S{}", s as usize % n)),
                _ => None,
            },
            feedback: None,
            interaction: self.kind.interaction(),
        }
    }
}

fn choices(prefix: &str, n: u8, pinned: u8) -> Vec<Choice> {
    (0..n % 7)
        .map(|k| Choice {
            id: format!("{prefix}{k}"),
            content: format!("Choice {k}"),
            pinned: pinned & (1 << k) != 0,
            feedback: None,
        })
        .collect()
}

impl KindCase {
    fn interaction(&self) -> Interaction {
        match self {
            KindCase::TrueFalse => Interaction::TrueFalse { key: true },
            KindCase::Single {
                choices: n,
                pinned,
                shuffle,
            } => Interaction::SingleChoice {
                choices: choices("c", *n, *pinned),
                key: "c0".into(),
                shuffle: *shuffle,
            },
            KindCase::Multiple {
                choices: n,
                pinned,
                shuffle,
            } => Interaction::MultipleResponse {
                choices: choices("c", *n, *pinned),
                keys: vec!["c0".into(), "c1".into()],
                rule: Default::default(),
                shuffle: *shuffle,
                max_choices: None,
            },
            KindCase::Ordering { steps, pinned } => {
                let steps = choices("s", *steps, *pinned);
                Interaction::Ordering {
                    key: steps.iter().map(|c| c.id.clone()).collect(),
                    choices: steps,
                    rule: OrderingRule::Exact,
                }
            }
            KindCase::Matching { pairs, shuffle } => {
                let sources = choices("src", *pairs, 0);
                let targets = choices("tgt", *pairs, 0);
                Interaction::Matching {
                    key: sources
                        .iter()
                        .zip(&targets)
                        .map(|(s, t)| (s.id.clone(), t.id.clone()))
                        .collect(),
                    sources,
                    targets,
                    rule: Default::default(),
                    shuffle: *shuffle,
                }
            }
            KindCase::ClozeChoice {
                choices: n,
                shuffle,
            } => Interaction::Cloze {
                text: "<p>Pick {{g}}.</p>".into(),
                gaps: vec![Gap::Choice {
                    id: "g".into(),
                    choices: choices("c", *n, 0),
                    key: "c0".into(),
                    shuffle: *shuffle,
                    points: None,
                }],
            },
            KindCase::TextEntry => Interaction::TextEntry {
                answers: vec![AcceptedAnswer {
                    value: "yes".into(),
                    points: None,
                }],
                case_sensitive: false,
                max_length: None,
            },
        }
    }
}

impl ContextCase {
    /// The assembly context, naming the package's items.
    pub fn context(&self, package: &Package) -> AssemblyContext {
        let n = package.items.len().max(1);
        let name = |k: Option<u16>| match (k, package.items.get(k.map_or(0, usize::from) % n)) {
            (Some(_), Some(item)) => item.id.clone(),
            _ => "not-in-the-bank".to_string(),
        };
        AssemblyContext {
            seen_item_ids: self.seen.iter().map(|k| name(*k)).collect(),
            exposure_counts: self
                .exposure
                .iter()
                .map(|(k, t)| (name(Some(*k)), t.value()))
                .collect(),
            administrations: self.administrations.value(),
        }
    }
}

impl BlueprintEdit {
    fn apply(&self, package: &mut Package) {
        let n = package.items.len().max(1);
        let domains: Vec<String> = package.domains().into_iter().map(String::from).collect();
        let outcomes: Vec<String> = package.outcomes.iter().map(|o| o.id.clone()).collect();
        let bp = &mut package.blueprint;
        match self {
            BlueprintEdit::Length(c) => bp.length = c.value(),
            BlueprintEdit::DomainQuota(k, amount) => {
                set_quota(&mut bp.domains, &domains, *k, *amount)
            }
            BlueprintEdit::OutcomeQuota(k, amount) => {
                set_quota(&mut bp.outcomes, &outcomes, *k, *amount)
            }
            BlueprintEdit::RemoveDomainQuota(k) => remove_at(&mut bp.domains, *k),
            BlueprintEdit::RemoveOutcomeQuota(k) => remove_at(&mut bp.outcomes, *k),
            BlueprintEdit::Pin(k) => {
                if let Some(item) = package.items.get(*k as usize % n) {
                    package.blueprint.pinned.push(item.id.clone());
                }
            }
            BlueprintEdit::Unpin(k) => remove_at(&mut bp.pinned, *k),
            BlueprintEdit::Target(t) => bp.difficulty = t.as_ref().map(TargetCase::target),
            BlueprintEdit::Randomesque(c) => bp.exposure.randomesque = c.value(),
            BlueprintEdit::MaxRate(r) => bp.exposure.max_rate = r.map(RateCase::value),
            BlueprintEdit::ShuffleChoices(on) => bp.shuffle_choices = *on,
            BlueprintEdit::Enemy(k, group) => {
                if let Some(item) = package.items.get_mut(*k as usize % n) {
                    item.enemy_group = group.map(|g| format!("E{}", g % ENEMY_GROUPS));
                }
            }
            BlueprintEdit::SetDraw(k, draw) => {
                let sets = package.sets.len();
                if let Some(set) = package.sets.get_mut(*k as usize % sets.max(1)) {
                    set.draw = draw.map(Count::value);
                }
            }
            BlueprintEdit::JoinSet(k, set) => {
                let sets: Vec<String> = package.sets.iter().map(|s| s.id.clone()).collect();
                if let Some(item) = package.items.get_mut(*k as usize % n) {
                    item.set = match set {
                        Some(s) if !sets.is_empty() => Some(sets[*s as usize % sets.len()].clone()),
                        _ => None,
                    };
                }
            }
            BlueprintEdit::SectionOrder(k, fixed) => {
                let len = bp.sections.len();
                if let Some(section) = bp.sections.get_mut(*k as usize % len.max(1)) {
                    section.order = if *fixed {
                        SectionOrder::Fixed
                    } else {
                        SectionOrder::Shuffled
                    };
                }
            }
            BlueprintEdit::DropSections => bp.sections.clear(),
        }
    }
}

fn set_quota(quotas: &mut Vec<Quota>, ids: &[String], k: u8, amount: Amount) {
    let at = k as usize % (quotas.len() + 1);
    match quotas.get_mut(at) {
        Some(quota) => *quota = amount.quota(quota.id.clone()),
        None if !ids.is_empty() => quotas.push(amount.quota(ids[k as usize % ids.len()].clone())),
        None => {}
    }
}

fn remove_at<T>(list: &mut Vec<T>, k: u8) {
    if !list.is_empty() {
        let at = k as usize % list.len();
        list.remove(at);
    }
}
