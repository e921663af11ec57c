//! Block interactions with choices: `choiceInteraction` (single choice, true/false, multiple
//! response), `orderInteraction`, `matchInteraction` and `associateInteraction`, and
//! `extendedTextInteraction`. Each becomes a certa interaction and its points, keyed from the
//! correct response or the mapping that the item's response processing uses. Where a QTI
//! mapping has no exact certa rule, the closest rule is taken and the difference is reported.

use roxmltree::Node;

use super::context::{id_list, pts, same, skip, Conv, ItemContext};
use super::declarations::{Cardinality, Mapping, ResponseDecl, Value};
use super::processing::Method;
use super::xml;
use crate::import::error::ImportErrorKind;
use crate::model::{Choice, Interaction, MatchingRule, MultipleResponseRule, OrderingRule};

/// A converted interaction and the item points it is worth.
pub struct Converted {
    pub interaction: Interaction,
    pub points: f64,
}

/// The choices of an interaction: its child elements with one of these names.
fn choices<'a, 'i>(
    ctx: &mut ItemContext,
    parent: Node<'a, 'i>,
    names: &[&str],
    what: &str,
) -> Conv<Vec<(Choice, Node<'a, 'i>)>> {
    let mut out = Vec::new();
    for n in xml::elements(parent) {
        if names.iter().any(|w| xml::is(n, w)) {
            out.push((ctx.choice(n)?, n));
        }
    }
    ctx.unique(&out, what)?;
    Ok(out)
}

/// An error when a key names no choice of the list.
fn must_name(
    ctx: &ItemContext,
    id: &str,
    pos: (u32, u32),
    list: &[Choice],
    what: &str,
    interaction: &str,
) -> Conv<()> {
    if list.iter().any(|c| c.id == id) {
        Ok(())
    } else {
        Err(ctx.error_at(
            ImportErrorKind::UnknownChoice,
            pos,
            format!(
                "\"{id}\" names no {what} of {interaction}; expected one of {}",
                id_list(list.iter().map(|c| c.id.as_str()))
            ),
        ))
    }
}

/// Mapping keys must name choices too.
fn mapping_keys_name_choices(
    ctx: &ItemContext,
    mapping: Option<&Mapping>,
    list: &[Choice],
    interaction: &str,
) -> Conv<()> {
    for e in mapping.map(|m| m.entries.as_slice()).unwrap_or_default() {
        must_name(ctx, &e.key, e.pos, list, "choice", interaction)?;
    }
    Ok(())
}

fn mapping<'d>(decl: &'d ResponseDecl, ctx: &ItemContext) -> Conv<&'d Mapping> {
    decl.mapping.as_ref().ok_or_else(|| {
        ctx.error_at(
            ImportErrorKind::InvalidQti,
            decl.pos,
            format!(
                "response \"{}\" is scored by map_response but declares no mapping",
                decl.id
            ),
        )
    })
}

fn match_points(method: &Method) -> Option<f64> {
    match method {
        Method::MatchCorrect { points } | Method::EqualCorrect { points, .. } => Some(*points),
        _ => None,
    }
}

fn correct_required(decl: &ResponseDecl) -> Conv<&[Value]> {
    if decl.correct.is_empty() {
        skip(format!(
            "response \"{}\" is scored by match_correct but has no correctResponse",
            decl.id
        ))
    } else {
        Ok(&decl.correct)
    }
}

/// `choiceInteraction`: single choice (or true/false) for single cardinality, multiple
/// response for multiple.
pub fn choice(
    ctx: &mut ItemContext,
    node: Node,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<Converted> {
    let list = choices(ctx, node, &["simpleChoice"], "simpleChoice")?;
    let list: Vec<Choice> = list.into_iter().map(|(c, _)| c).collect();
    if list.len() < 2 {
        return skip(format!(
            "choiceInteraction has {} choice(s); certa needs at least two",
            list.len()
        ));
    }
    let name = format!("choiceInteraction {}", decl.id);
    for v in &decl.correct {
        must_name(ctx, &v.text, v.pos, &list, "choice", &name)?;
    }
    mapping_keys_name_choices(ctx, decl.mapping.as_ref(), &list, &name)?;
    let shuffle = xml::bool_attr(node, "shuffle").unwrap_or(false);
    let max_choices = xml::attr(node, "maxChoices").and_then(|m| m.trim().parse::<usize>().ok());
    if let Some(min) = xml::attr(node, "minChoices").and_then(|m| m.trim().parse::<usize>().ok()) {
        if min > 1 {
            ctx.warn(format!(
                "minChoices {min} is not enforced: certa accepts fewer selections (they score as given)"
            ));
        }
    }
    match decl.cardinality {
        Cardinality::Single => single_choice(ctx, decl, method, list, shuffle),
        Cardinality::Multiple => multiple_response(
            ctx,
            decl,
            method,
            list,
            shuffle,
            max_choices.filter(|m| *m > 0),
        ),
        _ => skip(format!(
            "choiceInteraction with {:?} cardinality is not a choice certa can score",
            decl.cardinality
        )),
    }
}

fn single_choice(
    ctx: &mut ItemContext,
    decl: &ResponseDecl,
    method: &Method,
    list: Vec<Choice>,
    shuffle: bool,
) -> Conv<Converted> {
    let (key, points) = if let Some(points) = match_points(method) {
        let correct = correct_required(decl)?;
        if correct.len() > 1 {
            ctx.warn(format!(
                "single-cardinality response \"{}\" lists {} correct values; the first is the key",
                decl.id,
                correct.len()
            ));
        }
        (correct[0].text.clone(), points)
    } else {
        let m = mapping(decl, ctx)?;
        let mut best: Option<(&Choice, f64)> = None;
        for c in &list {
            let v = m.bounded(m.value(&c.id));
            if best.is_none_or(|(_, b)| v > b) {
                best = Some((c, v));
            }
        }
        let Some((key, points)) = best.map(|(c, v)| (c.id.clone(), v)) else {
            return skip("choiceInteraction has no choices");
        };
        let others: Vec<String> = list
            .iter()
            .filter(|c| c.id != key)
            .filter_map(|c| {
                let v = m.bounded(m.value(&c.id));
                (!same(v, 0.0)).then(|| format!("{} maps to {}", c.id, pts(v)))
            })
            .collect();
        if !others.is_empty() {
            ctx.warn(format!(
                "per-choice mapped values are not kept: certa single_choice gives {} to \"{key}\" and 0 to every other choice ({})",
                pts(points),
                others.join(", ")
            ));
        }
        (key, points)
    };
    if let Some(tf) = true_false(&list, &key) {
        return Ok(Converted {
            interaction: Interaction::TrueFalse { key: tf },
            points,
        });
    }
    Ok(Converted {
        interaction: Interaction::SingleChoice {
            choices: list,
            key,
            shuffle,
        },
        points,
    })
}

/// Two choices reading exactly "True" and "False" (and no choice feedback) make a true/false
/// item: the key is whether the "True" choice is correct.
fn true_false(list: &[Choice], key: &str) -> Option<bool> {
    let plain = |c: &Choice| c.content.trim().to_ascii_lowercase();
    match list {
        [a, b]
            if a.feedback.is_none()
                && b.feedback.is_none()
                && matches!(
                    (plain(a).as_str(), plain(b).as_str()),
                    ("true", "false") | ("false", "true")
                ) =>
        {
            let keyed = list.iter().find(|c| c.id == key)?;
            Some(plain(keyed) == "true")
        }
        _ => None,
    }
}

fn multiple_response(
    ctx: &mut ItemContext,
    decl: &ResponseDecl,
    method: &Method,
    list: Vec<Choice>,
    shuffle: bool,
    max_choices: Option<usize>,
) -> Conv<Converted> {
    let (keys, rule, points) = if let Some(points) = match_points(method) {
        let mut keys: Vec<String> = Vec::new();
        for v in correct_required(decl)? {
            if !keys.contains(&v.text) {
                keys.push(v.text.clone());
            }
        }
        (keys, MultipleResponseRule::AllOrNothing, points)
    } else {
        let m = mapping(decl, ctx)?;
        mapped_multiple(ctx, m, &list, max_choices)?
    };
    let max_choices = match max_choices {
        Some(mx) if mx < keys.len() => {
            ctx.warn(format!(
                "maxChoices {mx} is below the {} keyed choices, so full marks could not be reached; it is dropped",
                keys.len()
            ));
            None
        }
        other => other,
    };
    Ok(Converted {
        interaction: Interaction::MultipleResponse {
            choices: list,
            keys,
            rule,
            shuffle,
            max_choices,
        },
        points,
    })
}

/// A multiple-response mapping as certa keys and rule. Exact when it is right-minus-wrong:
/// every keyed choice maps to +P/k, every other choice to −P/k, and the lower bound is 0.
fn mapped_multiple(
    ctx: &mut ItemContext,
    m: &Mapping,
    list: &[Choice],
    max_choices: Option<usize>,
) -> Conv<(Vec<String>, MultipleResponseRule, f64)> {
    let values: Vec<(&str, f64)> = list
        .iter()
        .map(|c| (c.id.as_str(), m.value(&c.id)))
        .collect();
    let keys: Vec<String> = values
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(id, _)| id.to_string())
        .collect();
    if keys.is_empty() {
        return skip("the mapping gives no choice a positive value");
    }
    let mut positives: Vec<f64> = values
        .iter()
        .map(|(_, v)| *v)
        .filter(|v| *v > 0.0)
        .collect();
    positives.sort_by(|a, b| b.total_cmp(a));
    let take = max_choices.unwrap_or(positives.len());
    let points = m.bounded(positives.iter().take(take).sum());
    if points <= 0.0 {
        return skip("the mapping's upper bound leaves no points to earn");
    }
    let k = keys.len() as f64;
    let share = points / k;
    let mut differences = Vec::new();
    let unequal: Vec<String> = values
        .iter()
        .filter(|(_, v)| *v > 0.0 && !same(*v, share))
        .map(|(id, v)| format!("{id}: {}", pts(*v)))
        .collect();
    if !unequal.is_empty() {
        differences.push(format!(
            "keyed choices weigh differently in QTI ({}); certa weighs each key {}",
            unequal.join(", "),
            pts(share)
        ));
    }
    let wrong: Vec<String> = values
        .iter()
        .filter(|(_, v)| *v <= 0.0 && !same(*v, -share))
        .map(|(id, v)| format!("{id}: {}", pts(*v)))
        .collect();
    if !wrong.is_empty() {
        differences.push(format!(
            "non-keyed choices map to {} in QTI; certa's right_minus_wrong takes {} off for each one selected",
            wrong.join(", "),
            pts(share)
        ));
    }
    let any_negative = values.iter().any(|(_, v)| *v < 0.0);
    if any_negative && !m.lower.is_some_and(|lo| same(lo, 0.0)) {
        differences.push(format!(
            "the QTI score is bounded below by {}; certa never goes below 0",
            m.lower.map_or("nothing".to_string(), pts)
        ));
    }
    if max_choices.is_some_and(|mx| mx < keys.len()) {
        differences.push("maxChoices is below the number of keyed choices".to_string());
    }
    if !differences.is_empty() {
        ctx.warn(format!(
            "the mapping is scored with right_minus_wrong, the closest certa rule, and differs: {}",
            differences.join("; ")
        ));
    }
    Ok((keys, MultipleResponseRule::RightMinusWrong, points))
}

/// `orderInteraction`: ordering, exact order.
pub fn order(
    ctx: &mut ItemContext,
    node: Node,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<Converted> {
    let list: Vec<Choice> = choices(ctx, node, &["simpleChoice"], "simpleChoice")?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    if list.len() < 2 {
        return skip("orderInteraction needs at least two choices");
    }
    let name = format!("orderInteraction {}", decl.id);
    for v in &decl.correct {
        must_name(ctx, &v.text, v.pos, &list, "choice", &name)?;
    }
    let points = match match_points(method) {
        Some(p) => p,
        None => {
            let m = mapping(decl, ctx)?;
            let best = m.bounded(m.entries.iter().map(|e| e.value.max(0.0)).sum());
            ctx.warn(format!(
                "the mapping of an ordered response is not kept: the exact order earns {} and any other order 0",
                pts(best)
            ));
            best
        }
    };
    let key: Vec<String> = correct_required(decl)?
        .iter()
        .map(|v| v.text.clone())
        .collect();
    if key.len() != list.len() {
        return skip(format!(
            "the correct order lists {} of the {} choices (a partial ordering); certa orders every step",
            key.len(),
            list.len()
        ));
    }
    if xml::bool_attr(node, "shuffle") == Some(false) {
        ctx.warn(
            "shuffle=\"false\" is not kept: certa always shuffles the steps of an ordering item",
        );
    }
    // certa never delivers steps in their authored order, so list them in the correct order:
    // then the solved order is never shown (the rule cannot look at the key itself, which a
    // secure delivery copy does not have). Fixed steps keep their authored places.
    let list = if list.iter().any(|c| c.pinned) {
        list
    } else {
        let mut by_id: std::collections::BTreeMap<String, Choice> =
            list.into_iter().map(|c| (c.id.clone(), c)).collect();
        key.iter().filter_map(|id| by_id.remove(id)).collect()
    };
    Ok(Converted {
        interaction: Interaction::Ordering {
            choices: list,
            key,
            rule: OrderingRule::Exact,
        },
        points,
    })
}

/// A `directedPair`/`pair` value split into its two identifiers.
fn pair(ctx: &ItemContext, text: &str, pos: (u32, u32)) -> Conv<(String, String)> {
    let mut parts = text.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), None) => Ok((a.to_string(), b.to_string())),
        _ => Err(ctx.error_at(
            ImportErrorKind::InvalidQti,
            pos,
            format!("\"{text}\" is not a pair; expected two identifiers separated by a space"),
        )),
    }
}

/// `matchInteraction`: matching, sources from the first `simpleMatchSet`, targets from the
/// second.
pub fn match_sets(
    ctx: &mut ItemContext,
    node: Node,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<Converted> {
    let sets: Vec<Node> = xml::children(node, "simpleMatchSet").collect();
    let [first, second] = sets.as_slice() else {
        return skip(format!(
            "matchInteraction has {} simpleMatchSet elements; expected two",
            sets.len()
        ));
    };
    let sources: Vec<Choice> = choices(ctx, *first, &["simpleAssociableChoice"], "choice")?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    let targets: Vec<Choice> = choices(ctx, *second, &["simpleAssociableChoice"], "choice")?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    if sources.is_empty() || targets.is_empty() {
        return skip("matchInteraction has an empty match set");
    }
    let name = format!("matchInteraction {}", decl.id);
    let check = |ctx: &ItemContext, (s, t): &(String, String), pos| -> Conv<()> {
        must_name(ctx, s, pos, &sources, "source (first match set)", &name)?;
        must_name(ctx, t, pos, &targets, "target (second match set)", &name)
    };
    let mut key = Vec::new();
    for v in &decl.correct {
        let p = pair(ctx, &v.text, v.pos)?;
        check(ctx, &p, v.pos)?;
        if !key.contains(&p) {
            key.push(p);
        }
    }
    for e in decl.mapping.iter().flat_map(|m| &m.entries) {
        check(ctx, &pair(ctx, &e.key, e.pos)?, e.pos)?;
    }
    let (key, rule, points) = pairs_scoring(ctx, decl, method, key, false)?;
    Ok(Converted {
        interaction: Interaction::Matching {
            sources,
            targets,
            key,
            rule,
            shuffle: xml::bool_attr(node, "shuffle").unwrap_or(false),
        },
        points,
    })
}

/// Keyed pairs, rule and item points.
type PairScoring = (Vec<(String, String)>, MatchingRule, f64);

/// Keys, rule and points for pair responses. match_correct is all-or-nothing (exact);
/// a mapping is per-pair, exact when every keyed pair maps to P/k and nothing else scores.
fn pairs_scoring(
    ctx: &mut ItemContext,
    decl: &ResponseDecl,
    method: &Method,
    correct: Vec<(String, String)>,
    unordered: bool,
) -> Conv<PairScoring> {
    if let Some(points) = match_points(method) {
        if correct.is_empty() {
            return skip(format!(
                "response \"{}\" is scored by match_correct but has no correctResponse",
                decl.id
            ));
        }
        return Ok((correct, MatchingRule::AllOrNothing, points));
    }
    let m = mapping(decl, ctx)?;
    let value = |(a, b): &(String, String)| -> f64 {
        let direct = m.entry(&format!("{a} {b}")).map(|e| e.value);
        let reverse = unordered
            .then(|| m.entry(&format!("{b} {a}")).map(|e| e.value))
            .flatten();
        direct.or(reverse).unwrap_or(m.default)
    };
    let mut key = correct;
    if key.is_empty() {
        for e in &m.entries {
            if e.value > 0.0 {
                let p = pair(ctx, &e.key, e.pos)?;
                if !key.contains(&p) {
                    key.push(p);
                }
            }
        }
    }
    key.retain(|p| value(p) > 0.0);
    if key.is_empty() {
        return skip("the mapping gives no pair a positive value");
    }
    let total: f64 = key.iter().map(value).sum();
    let points = m.bounded(total);
    if points <= 0.0 {
        return skip("the mapping's upper bound leaves no points to earn");
    }
    let share = points / key.len() as f64;
    let mut differences = Vec::new();
    let unequal: Vec<String> = key
        .iter()
        .filter(|p| !same(value(p), share))
        .map(|p| format!("{} {}: {}", p.0, p.1, pts(value(p))))
        .collect();
    if !unequal.is_empty() {
        differences.push(format!(
            "keyed pairs weigh differently in QTI ({}); certa gives each {}",
            unequal.join(", "),
            pts(share)
        ));
    }
    let others: Vec<String> = m
        .entries
        .iter()
        .filter(|e| {
            let mut parts = e.key.split_whitespace();
            let p = (
                parts.next().unwrap_or_default().to_string(),
                parts.next().unwrap_or_default().to_string(),
            );
            let rev = (p.1.clone(), p.0.clone());
            !(key.contains(&p) || (unordered && key.contains(&rev)) || same(e.value, 0.0))
        })
        .map(|e| format!("{}: {}", e.key, pts(e.value)))
        .collect();
    if !others.is_empty() {
        differences.push(format!(
            "other pairs score in QTI ({}); certa gives them 0",
            others.join(", ")
        ));
    }
    if !same(m.default, 0.0) {
        differences.push(format!(
            "unmapped pairs score {} in QTI; certa gives them 0",
            pts(m.default)
        ));
    }
    if !differences.is_empty() {
        ctx.warn(format!(
            "the mapping is scored per pair, the closest certa rule, and differs: {}",
            differences.join("; ")
        ));
    }
    Ok((key, MatchingRule::PerPair, points))
}

/// `associateInteraction`: undirected pairs within one set of choices, as matching. Sources
/// are the choices that come first in a keyed pair, targets the rest; when a choice is first
/// in one pair and second in another, both lists hold every choice.
pub fn associate(
    ctx: &mut ItemContext,
    node: Node,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<Converted> {
    let list: Vec<Choice> = choices(ctx, node, &["simpleAssociableChoice"], "choice")?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    if list.len() < 2 {
        return skip("associateInteraction needs at least two choices");
    }
    let name = format!("associateInteraction {}", decl.id);
    let mut correct = Vec::new();
    for v in &decl.correct {
        let p = pair(ctx, &v.text, v.pos)?;
        must_name(ctx, &p.0, v.pos, &list, "choice", &name)?;
        must_name(ctx, &p.1, v.pos, &list, "choice", &name)?;
        if !correct.contains(&p) {
            correct.push(p);
        }
    }
    for e in decl.mapping.iter().flat_map(|m| &m.entries) {
        let p = pair(ctx, &e.key, e.pos)?;
        must_name(ctx, &p.0, e.pos, &list, "choice", &name)?;
        must_name(ctx, &p.1, e.pos, &list, "choice", &name)?;
    }
    let (key, rule, points) = pairs_scoring(ctx, decl, method, correct, true)?;
    let firsts: Vec<&str> = key.iter().map(|(a, _)| a.as_str()).collect();
    let seconds: Vec<&str> = key.iter().map(|(_, b)| b.as_str()).collect();
    let (sources, targets) = if firsts.iter().any(|f| seconds.contains(f)) {
        (list.clone(), list)
    } else {
        let (s, t): (Vec<Choice>, Vec<Choice>) = list
            .into_iter()
            .partition(|c| firsts.contains(&c.id.as_str()));
        (s, t)
    };
    ctx.warn(
        "associate pairs are unordered in QTI; certa matching pairs are [source, target], keyed in the order the correct response writes them",
    );
    Ok(Converted {
        interaction: Interaction::Matching {
            sources,
            targets,
            key,
            rule,
            shuffle: xml::bool_attr(node, "shuffle").unwrap_or(false),
        },
        points,
    })
}

/// `extendedTextInteraction`: an essay, scored by a person. The rubric is the scorer
/// `rubricBlock`, when the item has one.
pub fn extended_text(rubric: Option<String>, points: f64) -> Converted {
    Converted {
        interaction: Interaction::ExtendedText {
            max_length: None,
            rubric,
        },
        points,
    }
}
