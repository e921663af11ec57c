//! Gap interactions: `textEntryInteraction` and `inlineChoiceInteraction` in running text
//! (a certa cloze, one gap per interaction), a lone trailing text entry (text entry, or
//! numeric for an integer or float response), and `gapMatchInteraction` (a cloze whose gaps
//! are inline choices among the gap texts).

use roxmltree::Node;

use super::choices::Converted;
use super::context::{content_rule, id_list, pts, same, skip, Conv, ItemContext};
use super::declarations::{ResponseDecl, Value};
use super::html::Replace;
use super::processing::{Method, Tolerance};
use super::xml;
use crate::import::error::ImportErrorKind;
use crate::model::{AcceptedAnswer, Choice, Gap, Interaction, NumericKey};

/// True for a numeric base type.
pub fn is_numeric(decl: &ResponseDecl) -> bool {
    matches!(decl.base_type.as_str(), "integer" | "float")
}

/// Accepted answers, case sensitivity and points of a typed response.
fn answers(
    ctx: &mut ItemContext,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<(Vec<AcceptedAnswer>, bool, f64)> {
    match method {
        Method::MatchCorrect { points } | Method::EqualCorrect { points, .. } => {
            if decl.correct.is_empty() {
                return skip(format!(
                    "response \"{}\" is scored by match_correct but has no correctResponse",
                    decl.id
                ));
            }
            let mut out: Vec<AcceptedAnswer> = Vec::new();
            for v in &decl.correct {
                if !v.text.is_empty() && !out.iter().any(|a| a.value == v.text) {
                    out.push(AcceptedAnswer {
                        value: v.text.clone(),
                        points: None,
                    });
                }
            }
            if out.is_empty() {
                return skip(format!(
                    "response \"{}\" has an empty correct value",
                    decl.id
                ));
            }
            // QTI match compares strings exactly.
            Ok((out, true, *points))
        }
        Method::MapResponse => {
            let Some(m) = decl.mapping.as_ref() else {
                return Err(ctx.error_at(
                    ImportErrorKind::InvalidQti,
                    decl.pos,
                    format!(
                        "response \"{}\" is scored by map_response but declares no mapping",
                        decl.id
                    ),
                ));
            };
            let scored: Vec<(&str, f64, bool)> = m
                .entries
                .iter()
                .map(|e| (e.key.as_str(), m.bounded(e.value), e.case_sensitive))
                .filter(|(k, v, _)| *v > 0.0 && !k.trim().is_empty())
                .collect();
            let best = scored.iter().map(|(_, v, _)| *v).fold(0.0, f64::max);
            if best <= 0.0 {
                return skip(format!(
                    "the mapping of response \"{}\" gives no answer a positive value",
                    decl.id
                ));
            }
            let sensitive = scored.iter().filter(|(_, _, c)| *c).count();
            let case_sensitive = sensitive == scored.len();
            if sensitive > 0 && !case_sensitive {
                ctx.warn(format!(
                    "response \"{}\": some mapped answers are case sensitive and some are not; certa compares them all ignoring case",
                    decl.id
                ));
            }
            if m.default > 0.0 {
                ctx.warn(format!(
                    "response \"{}\": any other answer earns {} in QTI (defaultValue); certa gives it 0",
                    decl.id,
                    pts(m.default)
                ));
            }
            let negatives: Vec<&str> = m
                .entries
                .iter()
                .filter(|e| m.bounded(e.value) < 0.0)
                .map(|e| e.key.as_str())
                .collect();
            if !negatives.is_empty() {
                ctx.warn(format!(
                    "response \"{}\": negative mapped values ({}) are not kept; certa gives those answers 0",
                    decl.id,
                    negatives.join(", ")
                ));
            }
            let mut out: Vec<AcceptedAnswer> = Vec::new();
            for (k, v, _) in scored {
                if !out.iter().any(|a| a.value == k) {
                    out.push(AcceptedAnswer {
                        value: k.to_string(),
                        points: (!same(v, best)).then_some(v),
                    });
                }
            }
            Ok((out, case_sensitive, best))
        }
        Method::MapResponsePoint => skip(format!(
            "response \"{}\" is scored by map_response_point, which applies to points on an image",
            decl.id
        )),
    }
}

fn number(ctx: &ItemContext, v: &Value) -> Conv<f64> {
    xml::parse_number(&v.text).ok_or_else(|| {
        ctx.error_at(
            ImportErrorKind::InvalidQti,
            v.pos,
            format!(
                "\"{}\" is not a number; the response's base type is numeric",
                v.text
            ),
        )
    })
}

/// A numeric key and points from a numeric response's scoring.
fn numeric_key(
    ctx: &mut ItemContext,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<(NumericKey, f64)> {
    match method {
        Method::MatchCorrect { points } | Method::EqualCorrect { points, .. } => {
            let Some(first) = decl.correct.first() else {
                return skip(format!(
                    "response \"{}\" is scored by match_correct but has no correctResponse",
                    decl.id
                ));
            };
            let value = number(ctx, first)?;
            let mut key = NumericKey {
                value: Some(value),
                ..NumericKey::default()
            };
            if let Method::EqualCorrect { tolerance, .. } = method {
                match *tolerance {
                    Tolerance::Exact => {}
                    Tolerance::Absolute(lo, hi) => {
                        if !same(lo, hi) {
                            ctx.warn(format!(
                                "the tolerance is {} below and {} above; certa's tolerance is symmetric, so {} both ways",
                                pts(lo), pts(hi), pts(lo.max(hi))
                            ));
                        }
                        key.absolute_tolerance = Some(lo.max(hi).abs());
                    }
                    Tolerance::Relative(lo, hi) => {
                        if !same(lo, hi) {
                            ctx.warn(format!(
                                "the relative tolerance is {}% below and {}% above; certa's is symmetric, so {}% both ways",
                                pts(lo), pts(hi), pts(lo.max(hi))
                            ));
                        }
                        key.relative_tolerance = Some(lo.max(hi).abs() / 100.0);
                    }
                }
            }
            if decl.correct.len() > 1 {
                ctx.warn("a numeric response lists several correct values; the first is the key");
            }
            Ok((key, *points))
        }
        Method::MapResponse => {
            let Some(m) = decl.mapping.as_ref() else {
                return Err(ctx.error_at(
                    ImportErrorKind::InvalidQti,
                    decl.pos,
                    format!(
                        "response \"{}\" is scored by map_response but declares no mapping",
                        decl.id
                    ),
                ));
            };
            let mut best: Option<(f64, f64)> = None;
            let mut others = Vec::new();
            for e in &m.entries {
                let x = number(
                    ctx,
                    &Value {
                        text: e.key.clone(),
                        pos: e.pos,
                    },
                )?;
                let v = m.bounded(e.value);
                match best {
                    Some((_, b)) if v <= b => {
                        if v > 0.0 {
                            others.push(format!("{x} maps to {}", pts(v)));
                        }
                    }
                    Some((bx, b)) => {
                        if b > 0.0 {
                            others.push(format!("{bx} maps to {}", pts(b)));
                        }
                        best = Some((x, v));
                    }
                    None => best = Some((x, v)),
                }
            }
            let Some((value, points)) = best.filter(|(_, v)| *v > 0.0) else {
                return skip(format!(
                    "the mapping of response \"{}\" gives no value a positive score",
                    decl.id
                ));
            };
            if !others.is_empty() {
                ctx.warn(format!(
                    "a numeric key has one value: {value} earns {}; other mapped values are not kept ({})",
                    pts(points),
                    others.join(", ")
                ));
            }
            Ok((
                NumericKey {
                    value: Some(value),
                    ..NumericKey::default()
                },
                points,
            ))
        }
        Method::MapResponsePoint => skip(format!(
            "response \"{}\" is scored by map_response_point, which applies to points on an image",
            decl.id
        )),
    }
}

/// A lone text entry: numeric for an integer or float response, else text entry.
pub fn text_entry(
    ctx: &mut ItemContext,
    node: Node,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<Converted> {
    if is_numeric(decl) {
        let (key, points) = numeric_key(ctx, decl, method)?;
        return Ok(Converted {
            interaction: Interaction::Numeric { key, unit: None },
            points,
        });
    }
    let (answers, case_sensitive, points) = answers(ctx, decl, method)?;
    if xml::attr(node, "patternMask").is_some() {
        ctx.warn(
            "patternMask is not enforced: certa accepts any text and scores it against the answers",
        );
    }
    Ok(Converted {
        interaction: Interaction::TextEntry {
            answers,
            case_sensitive,
            max_length: None,
        },
        points,
    })
}

/// A text gap of a cloze.
pub fn text_gap(ctx: &mut ItemContext, decl: &ResponseDecl, method: &Method) -> Conv<(Gap, f64)> {
    if is_numeric(decl) {
        let (key, points) = numeric_key(ctx, decl, method)?;
        let value = key.value.map(|v| v.to_string()).unwrap_or_default();
        ctx.warn(format!(
            "gap \"{}\" is numeric in QTI; a certa cloze gap compares text, so only \"{value}\" is accepted",
            decl.id
        ));
        return Ok((
            Gap::Text {
                id: decl.id.clone(),
                answers: vec![AcceptedAnswer {
                    value,
                    points: None,
                }],
                case_sensitive: false,
                points: Some(points),
            },
            points,
        ));
    }
    let (answers, case_sensitive, points) = answers(ctx, decl, method)?;
    Ok((
        Gap::Text {
            id: decl.id.clone(),
            answers,
            case_sensitive,
            points: Some(points),
        },
        points,
    ))
}

/// An inline-choice gap.
pub fn inline_choice_gap(
    ctx: &mut ItemContext,
    node: Node,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<(Gap, f64)> {
    let mut list: Vec<(Choice, Node)> = Vec::new();
    for n in xml::children(node, "inlineChoice") {
        list.push((ctx.choice(n)?, n));
    }
    ctx.unique(&list, "inlineChoice")?;
    let choices: Vec<Choice> = list.into_iter().map(|(c, _)| c).collect();
    if choices.len() < 2 {
        return skip(format!(
            "inlineChoiceInteraction {} has {} choice(s); certa needs at least two",
            decl.id,
            choices.len()
        ));
    }
    let ids = || id_list(choices.iter().map(|c| c.id.as_str()));
    let names = |id: &str| choices.iter().any(|c| c.id == id);
    for v in &decl.correct {
        if !names(&v.text) {
            return Err(ctx.error_at(
                ImportErrorKind::UnknownChoice,
                v.pos,
                format!(
                    "\"{}\" names no choice of inlineChoiceInteraction {}; expected one of {}",
                    v.text,
                    decl.id,
                    ids()
                ),
            ));
        }
    }
    for e in decl.mapping.iter().flat_map(|m| &m.entries) {
        if !names(&e.key) {
            return Err(ctx.error_at(
                ImportErrorKind::UnknownChoice,
                e.pos,
                format!(
                    "mapping key \"{}\" names no choice of inlineChoiceInteraction {}; expected one of {}",
                    e.key,
                    decl.id,
                    ids()
                ),
            ));
        }
    }
    let (key, points) = match method {
        Method::MatchCorrect { points } | Method::EqualCorrect { points, .. } => {
            match decl.correct.first() {
                Some(v) => (v.text.clone(), *points),
                None => {
                    return skip(format!(
                        "response \"{}\" is scored by match_correct but has no correctResponse",
                        decl.id
                    ))
                }
            }
        }
        Method::MapResponse => {
            let Some(m) = decl.mapping.as_ref() else {
                return skip(format!("response \"{}\" declares no mapping", decl.id));
            };
            let mut best: Option<(&str, f64)> = None;
            for c in &choices {
                let v = m.bounded(m.value(&c.id));
                if best.is_none_or(|(_, b)| v > b) {
                    best = Some((&c.id, v));
                }
            }
            let Some((key, points)) = best.filter(|(_, v)| *v > 0.0) else {
                return skip(format!(
                    "the mapping of response \"{}\" gives no choice points",
                    decl.id
                ));
            };
            let others: Vec<String> = choices
                .iter()
                .filter(|c| c.id != key)
                .filter_map(|c| {
                    let v = m.bounded(m.value(&c.id));
                    (!same(v, 0.0)).then(|| format!("{} maps to {}", c.id, pts(v)))
                })
                .collect();
            if !others.is_empty() {
                ctx.warn(format!(
                    "gap \"{}\": only \"{key}\" earns points in certa ({}); other mapped values are not kept ({})",
                    decl.id,
                    pts(points),
                    others.join(", ")
                ));
            }
            (key.to_string(), points)
        }
        Method::MapResponsePoint => {
            return skip(format!(
                "response \"{}\" is scored by map_response_point",
                decl.id
            ))
        }
    };
    Ok((
        Gap::Choice {
            id: decl.id.clone(),
            choices,
            key,
            shuffle: xml::bool_attr(node, "shuffle").unwrap_or(false),
            points: Some(points),
        },
        points,
    ))
}

/// The stem and the cloze text of an item body whose interactions are all inline: the body's
/// leading blocks before the first one holding an interaction are the stem, the rest is the
/// text, each interaction replaced by its `{{RESPONSE_ID}}` marker.
pub fn split_body(ctx: &mut ItemContext, body: Node, gaps: &[(Node, String)]) -> (String, String) {
    let holds_gap = |n: Node| {
        gaps.iter()
            .any(|(g, _)| n.id() == g.id() || n.descendants().any(|d| d.id() == g.id()))
    };
    let top: Vec<Node> = body.children().collect();
    let first = top.iter().position(|n| holds_gap(*n)).unwrap_or(0);
    let mut dropped = Vec::new();
    let mut stem = String::new();
    for n in top.iter().take(first) {
        stem.push_str(&ctx.html.outer(*n, &mut |x| stem_rule(x, &mut dropped)));
    }
    ctx.html.escape_braces = true;
    let mut text = String::new();
    for n in top.iter().skip(first) {
        text.push_str(&ctx.html.outer(
            *n,
            &mut |x| match gaps.iter().find(|(g, _)| g.id() == x.id()) {
                Some((_, id)) => Replace::Html(format!("{{{{{id}}}}}")),
                None => stem_rule(x, &mut dropped),
            },
        ));
    }
    ctx.html.escape_braces = false;
    ctx.dropped_feedback.extend(dropped);
    (stem.trim().to_string(), text.trim().to_string())
}

/// Content rule for stems: candidate rubric blocks are kept as their content, scorer rubrics
/// are left out (an essay's rubric is read separately).
pub fn stem_rule(node: Node, dropped: &mut Vec<String>) -> Replace {
    if xml::is(node, "rubricBlock") {
        let view = xml::attr(node, "view").unwrap_or("candidate");
        return if view.split_whitespace().any(|v| v == "candidate") {
            Replace::Unwrap
        } else {
            Replace::Drop
        };
    }
    content_rule(node, dropped)
}

/// `gapMatchInteraction` as a cloze: each `gap` becomes an inline-choice gap among the gap
/// texts, keyed by the `directedPair` (gap text, gap) of the correct response or mapping.
/// Returns the cloze, its points, and the prompt HTML.
pub fn gap_match(
    ctx: &mut ItemContext,
    node: Node,
    decl: &ResponseDecl,
    method: &Method,
) -> Conv<(Converted, String)> {
    let mut list: Vec<(Choice, Node)> = Vec::new();
    for n in xml::elements(node) {
        if xml::is(n, "gapText") || xml::is(n, "gapImg") {
            list.push((ctx.choice(n)?, n));
        }
    }
    ctx.unique(&list, "gap choice")?;
    let choices: Vec<Choice> = list.into_iter().map(|(c, _)| c).collect();
    let gaps: Vec<(Node, String)> = node
        .descendants()
        .filter(|n| xml::is(*n, "gap"))
        .map(|n| {
            (
                n,
                xml::attr(n, "identifier")
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            )
        })
        .collect();
    if gaps.is_empty() {
        return skip("gapMatchInteraction has no gap");
    }
    if choices.len() < 2 {
        return skip("gapMatchInteraction needs at least two gap texts");
    }
    for (i, (g, id)) in gaps.iter().enumerate() {
        if id.is_empty() || gaps.iter().take(i).any(|(_, other)| other == id) {
            return Err(ctx.error(
                ImportErrorKind::DuplicateIdentifier,
                *g,
                format!("gap identifier \"{id}\" is empty or used twice in the interaction"),
            ));
        }
    }
    let name = format!("gapMatchInteraction {}", decl.id);
    let check = |ctx: &ItemContext, text: &str, pos| -> Conv<(String, String)> {
        let mut parts = text.split_whitespace();
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(ctx.error_at(
                ImportErrorKind::InvalidQti,
                pos,
                format!("\"{text}\" is not a pair; expected \"gapText gap\""),
            ));
        };
        if !choices.iter().any(|c| c.id == a) {
            return Err(ctx.error_at(
                ImportErrorKind::UnknownChoice,
                pos,
                format!(
                    "\"{a}\" names no gap text of {name}; expected one of {}",
                    id_list(choices.iter().map(|c| c.id.as_str()))
                ),
            ));
        }
        if !gaps.iter().any(|(_, g)| g == b) {
            return Err(ctx.error_at(
                ImportErrorKind::UnknownChoice,
                pos,
                format!(
                    "\"{b}\" names no gap of {name}; expected one of {}",
                    id_list(gaps.iter().map(|(_, g)| g.as_str()))
                ),
            ));
        }
        Ok((a.to_string(), b.to_string()))
    };
    let mut keyed: Vec<(String, String)> = Vec::new();
    for v in &decl.correct {
        keyed.push(check(ctx, &v.text, v.pos)?);
    }
    let mut mapped: Vec<((String, String), f64)> = Vec::new();
    for e in decl.mapping.iter().flat_map(|m| &m.entries) {
        mapped.push((check(ctx, &e.key, e.pos)?, e.value));
    }
    let by_map = matches!(method, Method::MapResponse);
    if by_map && keyed.is_empty() {
        keyed = mapped
            .iter()
            .filter(|(_, v)| *v > 0.0)
            .map(|(p, _)| p.clone())
            .collect();
    }
    let mut out_gaps = Vec::new();
    let mut total = 0.0;
    for (_, gap_id) in &gaps {
        let for_gap: Vec<&(String, String)> = keyed.iter().filter(|(_, g)| g == gap_id).collect();
        let Some((text_id, _)) = for_gap.first() else {
            return skip(format!(
                "gap \"{gap_id}\" has no correct gap text; certa gaps always have a key"
            ));
        };
        if for_gap.len() > 1 {
            ctx.warn(format!(
                "gap \"{gap_id}\" accepts several gap texts in QTI; certa keys it to \"{text_id}\" only"
            ));
        }
        let points = if by_map {
            let m = decl.mapping.as_ref();
            let v = m.map_or(0.0, |m| m.value(&format!("{text_id} {gap_id}")));
            if v <= 0.0 {
                return skip(format!(
                    "the keyed pair of gap \"{gap_id}\" maps to no points"
                ));
            }
            Some(v)
        } else {
            None
        };
        total += points.unwrap_or(0.0);
        out_gaps.push(Gap::Choice {
            id: gap_id.clone(),
            choices: choices.clone(),
            key: text_id.clone(),
            shuffle: xml::bool_attr(node, "shuffle").unwrap_or(false),
            points,
        });
    }
    let points = match method {
        Method::MatchCorrect { points } | Method::EqualCorrect { points, .. } => {
            if gaps.len() > 1 {
                ctx.warn(format!(
                    "QTI match_correct scores the gaps together (all {} right or nothing); certa gives each gap an equal share",
                    gaps.len()
                ));
            }
            *points
        }
        _ => {
            if let Some(m) = decl.mapping.as_ref() {
                let others: Vec<String> = mapped
                    .iter()
                    .filter(|(p, v)| !keyed.contains(p) && !same(*v, 0.0))
                    .map(|(p, v)| format!("{} {}: {}", p.0, p.1, pts(*v)))
                    .collect();
                if !others.is_empty() || !same(m.default, 0.0) {
                    ctx.warn(format!(
                        "only the keyed gap text of each gap earns points in certa; other mapped pairs ({}) and the default value {} are not kept",
                        others.join(", "),
                        pts(m.default)
                    ));
                }
                if m.upper.is_some_and(|u| u < total) || m.lower.is_some_and(|l| l > 0.0) {
                    ctx.warn("the mapping's bounds are not kept: certa adds the gaps' points");
                }
            }
            total
        }
    };
    let mut dropped = Vec::new();
    let prompt = match xml::child(node, "prompt") {
        Some(p) => ctx.html.inner(p, &mut |x| stem_rule(x, &mut dropped)),
        None => String::new(),
    };
    ctx.html.escape_braces = true;
    let text = ctx.html.inner(node, &mut |x| {
        if xml::is(x, "prompt") || xml::is(x, "gapText") || xml::is(x, "gapImg") {
            Replace::Drop
        } else if xml::is(x, "gap") {
            Replace::Html(format!(
                "{{{{{}}}}}",
                xml::attr(x, "identifier").unwrap_or_default().trim()
            ))
        } else {
            stem_rule(x, &mut dropped)
        }
    });
    ctx.html.escape_braces = false;
    ctx.dropped_feedback.extend(dropped);
    Ok((
        Converted {
            interaction: Interaction::Cloze {
                text,
                gaps: out_gaps,
            },
            points,
        },
        prompt,
    ))
}
