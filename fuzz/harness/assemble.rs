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

use std::collections::BTreeSet;

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
    Synthetic(Box<SyntheticBank>),
    /// The certificate quiz (`exam: false`) or the certification exam, blueprint edited.
    Example {
        exam: bool,
        edits: Vec<BlueprintEdit>,
    },
}

/// A bank and its blueprint, described from scratch. Valid by construction in most respects
/// (ids exist and are unique, sections claim every domain once, quotas are all counts or all
/// percentages), so that most inputs reach assembly; the counts, percentages, draws, targets
/// and exposure figures are free, so a blueprint may still be refused by validation.
#[derive(Arbitrary, Debug)]
pub struct SyntheticBank {
    pub items: Items,
    /// `draw` of set k, for the sets items join: `1 + n % members` (all members when absent).
    pub draws: [Option<u8>; SETS],
    /// One set's draw set to any count (0, more than its members, ...).
    pub odd_draw: Option<(u8, Count)>,
    pub length: LengthCase,
    /// Quotas as counts (true) or as percentages.
    pub count_quotas: bool,
    pub domain_quotas: Vec<(u8, Amount)>,
    pub outcome_quotas: Vec<(u8, Amount)>,
    pub target: Option<TargetCase>,
    /// Whether items carry a p-value and IRT parameters when the target does not need them.
    pub with_p: bool,
    pub with_irt: bool,
    pub pinned: Vec<u16>,
    /// Sections (fixed order or not, at most 3), and the section of each domain.
    pub sections: Vec<bool>,
    pub section_of_domain: [u8; DOMAINS as usize],
    pub randomesque: Count,
    pub max_rate: Option<RateCase>,
    pub shuffle_choices: bool,
}

/// The items of a synthetic bank: a count (up to [`MAX_ITEMS`]) then that many items. (A
/// derived `Vec` reads a "one more?" byte before each element, which makes banks of more than
/// a few items rare.) Items past the end of the input are all-zero items.
#[derive(Debug)]
pub struct Items(pub Vec<ItemCase>);

impl<'a> Arbitrary<'a> for Items {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let n = usize::from(u.arbitrary::<u8>()?) % (MAX_ITEMS + 1);
        (0..n)
            .map(|_| u.arbitrary())
            .collect::<arbitrary::Result<_>>()
            .map(Items)
    }
}

/// The form length: a share of the bank, the whole bank, or any count.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum LengthCase {
    /// `n / 255` of the bank, at least 1.
    Share(u8),
    All,
    Count(Count),
}

/// One item of a synthetic bank.
#[derive(Arbitrary, Debug)]
pub struct ItemCase {
    pub domain: u8,
    pub outcomes: Vec<(u8, Weight)>,
    pub enemy: Option<u8>,
    pub set: Option<u8>,
    pub p: u8,
    pub irt: (u8, i8, Option<u8>),
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

/// A positive weight or point value: 1, or sixteenths from 1/16 to 16.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Weight {
    Unit,
    Sixteenths(u8),
}

impl Weight {
    pub fn value(self) -> f64 {
        match self {
            Weight::Unit => 1.0,
            Weight::Sixteenths(n) => (f64::from(n) + 1.0) / 16.0,
        }
    }
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
                min: f64::from(*min.min(max)) / 255.0,
                max: f64::from(*min.max(max)) / 255.0,
            },
            TargetCase::MeanB { min, max } => DifficultyTarget::MeanB {
                min: f64::from(*min.min(max)) / 12.8,
                max: f64::from(*min.max(max)) / 12.8,
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
        let cases: Vec<&ItemCase> = self.items.0.iter().take(MAX_ITEMS).collect();
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
        let target = self.target.as_ref().map(TargetCase::target);
        let (with_p, with_irt) = match &target {
            Some(DifficultyTarget::MeanP { .. }) => (true, self.with_irt),
            Some(_) => (self.with_p, true),
            None => (self.with_p, self.with_irt),
        };
        package.items = cases
            .iter()
            .enumerate()
            .map(|(k, case)| case.item(k, with_p, with_irt))
            .collect();
        // The sets items joined, in order of their number.
        let joined: BTreeSet<usize> = cases
            .iter()
            .filter_map(|c| c.set.map(|s| s as usize % SETS))
            .collect();
        package.sets = joined
            .iter()
            .map(|&k| {
                let id = format!("S{k}");
                let members = package
                    .items
                    .iter()
                    .filter(|i| i.set.as_deref() == Some(id.as_str()))
                    .count();
                ItemSet {
                    title: format!("Set {k}"),
                    stimulus: "<p>Stimulus</p>".into(),
                    draw: self.draws[k].map(|d| 1 + usize::from(d) % members.max(1)),
                    id,
                }
            })
            .collect();
        if let Some((k, draw)) = self.odd_draw {
            let sets = package.sets.len();
            if let Some(set) = package.sets.get_mut(usize::from(k) % sets.max(1)) {
                set.draw = Some(draw.value());
            }
        }
        let domains: Vec<String> = package.domains().into_iter().map(String::from).collect();
        let n = package.items.len().max(1);
        let quota = |ids: &[String], quotas: &[(u8, Amount)]| -> Vec<Quota> {
            let mut seen = BTreeSet::new();
            quotas
                .iter()
                .filter_map(|(k, amount)| {
                    let id = ids.get(*k as usize % ids.len().max(1))?.clone();
                    seen.insert(id.clone()).then(|| {
                        // All counts or all percentages, one of them per quota.
                        let (count, percent) = match *amount {
                            Amount::Count(c) => (c, Percent::Whole(c.value() as u8)),
                            Amount::Percent(p) => (Count::Small(p.value() as u8), p),
                            Amount::Both(c, p) => (c, p),
                            Amount::Neither => (Count::Zero, Percent::Whole(0)),
                        };
                        let amount = if self.count_quotas {
                            Amount::Count(count)
                        } else {
                            Amount::Percent(percent)
                        };
                        amount.quota(id)
                    })
                })
                .collect()
        };
        let outcome_ids: Vec<String> = package.outcomes.iter().map(|o| o.id.clone()).collect();
        let mut pinned = BTreeSet::new();
        package.blueprint = Blueprint {
            length: match self.length {
                LengthCase::Share(s) => (n * usize::from(s)).div_ceil(255).max(1),
                LengthCase::All => n,
                LengthCase::Count(c) => c.value(),
            },
            sections: self.sections(&domains),
            domains: quota(&domains, &self.domain_quotas),
            outcomes: quota(&outcome_ids, &self.outcome_quotas),
            difficulty: target,
            pinned: self
                .pinned
                .iter()
                .map(|k| format!("I{}", *k as usize % n))
                .filter(|id| pinned.insert(id.clone()))
                .collect(),
            exposure: ExposureControl {
                randomesque: self.randomesque.value(),
                max_rate: self.max_rate.map(RateCase::value),
            },
            shuffle_choices: self.shuffle_choices,
        };
        package
    }

    /// Up to three sections claiming every domain once; a section left without a domain is
    /// the catch-all (only the first such one is kept).
    fn sections(&self, domains: &[String]) -> Vec<Section> {
        let count = self.sections.len().min(3);
        if count == 0 {
            return Vec::new();
        }
        let mut catch_all = false;
        let mut out = Vec::new();
        for (k, fixed) in self.sections.iter().take(count).enumerate() {
            let claimed: Vec<String> = domains
                .iter()
                .filter(|d| {
                    let number = d[1..].parse::<usize>().unwrap_or(0);
                    self.section_of_domain[number % DOMAINS as usize] as usize % count == k
                })
                .cloned()
                .collect();
            if claimed.is_empty() {
                if catch_all {
                    continue;
                }
                catch_all = true;
            }
            out.push(Section {
                id: format!("sec{k}"),
                title: format!("Section {k}"),
                domains: claimed,
                order: if *fixed {
                    SectionOrder::Fixed
                } else {
                    SectionOrder::Shuffled
                },
            });
        }
        out
    }
}

impl ItemCase {
    fn item(&self, k: usize, with_p: bool, with_irt: bool) -> Item {
        let mut aligned = BTreeSet::new();
        let (a, b, c) = self.irt;
        Item {
            id: format!("I{k}"),
            stem: format!("<p>Question {k}</p>"),
            points: self.points.value(),
            domain: format!("D{}", self.domain % DOMAINS),
            outcomes: self
                .outcomes
                .iter()
                .take(3)
                .filter(|(o, _)| aligned.insert(o % OUTCOMES))
                .map(|(o, w)| OutcomeAlignment {
                    outcome: format!("O{}", o % OUTCOMES),
                    weight: w.value(),
                })
                .collect(),
            difficulty: with_p.then(|| Difficulty::P((f64::from(self.p) + 1.0) / 257.0)),
            irt: with_irt.then(|| IrtParameters {
                a: (f64::from(a) + 1.0) / 32.0,
                b: f64::from(b) / 12.8,
                c: c.map(|c| f64::from(c) / 300.0),
            }),
            enemy_group: self.enemy.map(|g| format!("E{}", g % ENEMY_GROUPS)),
            set: self.set.map(|s| format!("S{}", s as usize % SETS)),
            feedback: None,
            interaction: self.kind.interaction(),
        }
    }
}

/// `2 + n % 5` choices (2 to 6), pinned where `pinned` has a bit set.
fn choices(prefix: &str, n: u8, pinned: u8) -> Vec<Choice> {
    (0..2 + n % 5)
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
