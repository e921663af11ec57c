//! One `assessmentItem` (QTI 2.x) or `qti-assessment-item` (3.0) to a certa item: which
//! interactions it holds and what certa interaction they become, how each response is scored
//! (recognized response processing, or the declarations when it is custom), the points, the
//! stem, and the feedback certa can show. Items certa cannot score are skipped with a reason
//! that names the interaction.

use roxmltree::Node;

use super::choices::{self, Converted};
use super::cloze;
use super::context::{pts, same, skip, Conv, Fail, ItemContext};
use super::declarations::{self, OutcomeDecl, ResponseDecl};
use super::html::Replace;
use super::paths;
use super::processing::{self, Method, Processing};
use super::xml;
use crate::import::error::{ImportError, ImportErrorKind};
use crate::model::{Asset, Feedback, Interaction, Item};

/// A converted item, before the caller gives it a domain and outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertedItem {
    pub item: Item,
    pub title: String,
    pub assets: Vec<Asset>,
    pub warnings: Vec<String>,
    pub language: Option<String>,
}

/// What became of one item.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemResult {
    Imported(Box<ConvertedItem>),
    Skipped {
        id: String,
        reason: String,
        warnings: Vec<String>,
    },
}

/// Interactions certa scores, by their 2.x names.
const BLOCK: &[&str] = &[
    "choiceInteraction",
    "orderInteraction",
    "matchInteraction",
    "associateInteraction",
    "gapMatchInteraction",
    "extendedTextInteraction",
];
const INLINE: &[&str] = &["textEntryInteraction", "inlineChoiceInteraction"];

/// Convert the item whose root element is `root`. `file` names it in messages; `path` is its
/// path in the package, against which asset references resolve.
pub fn convert(file: &str, path: &str, root: Node) -> Result<ItemResult, ImportError> {
    let id = xml::required_attr(file, root, "identifier")?.to_string();
    let mut ctx = ItemContext::new(file, paths::dir_of(path), &id);
    match build(&mut ctx, root) {
        Ok(item) => {
            let mut warnings = ctx.warnings;
            warnings.extend(ctx.html.notes);
            Ok(ItemResult::Imported(Box::new(ConvertedItem {
                title: xml::attr(root, "title")
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                language: xml::lang(root).map(str::to_string),
                assets: ctx.html.assets,
                warnings,
                item,
            })))
        }
        Err(Fail::Skip(reason)) => Ok(ItemResult::Skipped {
            id,
            reason,
            warnings: ctx.warnings,
        }),
        Err(Fail::Error(e)) => Err(e),
    }
}

/// How the body's interactions make one certa interaction.
enum Shape<'a, 'i> {
    Block(Node<'a, 'i>),
    Inline(Vec<Node<'a, 'i>>),
}

fn build(ctx: &mut ItemContext, root: Node) -> Conv<Item> {
    let version = xml::version_of(root);
    if xml::child(root, "templateDeclaration").is_some() {
        return skip("the item uses template variables (templateDeclaration, cloned items); certa items are fixed");
    }
    if xml::bool_attr(root, "adaptive") == Some(true) {
        return skip("the item is adaptive (adaptive=\"true\": several attempts with changing content); certa items are answered once");
    }
    let decls = declarations::response_declarations(ctx.file, root, version)?;
    let outcomes = declarations::outcome_declarations(root);
    let rp = processing::recognize(xml::child(root, "responseProcessing"));
    let Some(body) = xml::child(root, "itemBody") else {
        return skip("the item has no itemBody");
    };
    let shape = shape(body)?;
    let score = outcomes.iter().find(|o| o.id == "SCORE");

    if !rp.custom.is_empty() {
        ctx.warn(format!(
            "custom response processing is not imported: {}",
            rp.custom.join("; ")
        ));
    }

    let mut dropped = Vec::new();
    let (interaction, points, stem) = match shape {
        Shape::Block(node) => {
            let name = xml::name(node);
            let (converted, extra_prompt) = if name == "extendedTextInteraction" {
                (extended(ctx, root, score), None)
            } else {
                let decl = declaration(ctx, node, &decls)?;
                let method = method_for(ctx, &rp, decl);
                match name.as_str() {
                    "choiceInteraction" => (choices::choice(ctx, node, decl, &method)?, None),
                    "orderInteraction" => (choices::order(ctx, node, decl, &method)?, None),
                    "matchInteraction" => (choices::match_sets(ctx, node, decl, &method)?, None),
                    "associateInteraction" => (choices::associate(ctx, node, decl, &method)?, None),
                    _ => {
                        let (c, prompt) = cloze::gap_match(ctx, node, decl, &method)?;
                        (c, Some(prompt))
                    }
                }
            };
            let prompt = match extra_prompt {
                Some(p) => p,
                None => match xml::child(node, "prompt") {
                    Some(p) => ctx
                        .html
                        .inner(p, &mut |x| cloze::stem_rule(x, &mut dropped)),
                    None => String::new(),
                },
            };
            let replacement = if prompt.is_empty() {
                String::new()
            } else {
                format!("<div class=\"prompt\">{prompt}</div>")
            };
            let stem = ctx.html.inner(body, &mut |x| {
                if x.id() == node.id() {
                    Replace::Html(replacement.clone())
                } else {
                    cloze::stem_rule(x, &mut dropped)
                }
            });
            (converted.interaction, converted.points, stem)
        }
        Shape::Inline(nodes) => inline(ctx, body, &nodes, &decls, &rp)?,
    };
    ctx.dropped_feedback.extend(dropped);
    if !(points.is_finite() && points > 0.0) {
        return skip(format!(
            "the best response scores {} points; certa items are worth more than 0",
            pts(points)
        ));
    }
    if let Some(nm) = score.and_then(|s| s.normal_maximum) {
        if !interaction_is_essay(&interaction) && !same(nm, points) {
            ctx.warn(format!(
                "SCORE normalMaximum is {} but the best response scores {}; the item is worth {}",
                pts(nm),
                pts(points),
                pts(points)
            ));
        }
    }
    if let Some(mv) = score.and_then(|s| s.mastery_value) {
        ctx.warn(format!(
            "SCORE masteryValue {} is not imported: certa judges mastery per outcome and pass/fail on the whole form",
            pts(mv)
        ));
    }
    let stem = if stem.trim().is_empty() {
        let title = xml::attr(root, "title").unwrap_or_default().trim();
        let fallback = if title.is_empty() {
            ctx.item.clone()
        } else {
            title.to_string()
        };
        ctx.warn("the item body has no text outside the interaction; the stem is the item's title");
        format!("<p>{}</p>", super::html::escaped(&fallback))
    } else {
        stem
    };
    for s in xml::children(root, "assessmentStimulusRef") {
        ctx.warn(format!(
            "shared stimulus \"{}\" ({}) is not imported: show it with the item or add it as a certa item set",
            xml::attr(s, "identifier").unwrap_or_default(),
            xml::attr(s, "href").unwrap_or_default()
        ));
    }
    let feedback = feedback(ctx, root);
    report_leftovers(ctx, root, &rp);
    Ok(Item {
        id: ctx.item.clone(),
        stem,
        points,
        domain: String::new(),
        outcomes: Vec::new(),
        difficulty: None,
        irt: None,
        enemy_group: None,
        set: None,
        feedback,
        interaction,
    })
}

fn interaction_is_essay(i: &Interaction) -> bool {
    matches!(i, Interaction::ExtendedText { .. })
}

/// Find the interactions and decide the shape, or skip naming what certa cannot score.
fn shape<'a, 'i>(body: Node<'a, 'i>) -> Conv<Shape<'a, 'i>> {
    let all: Vec<Node> = body
        .descendants()
        .filter(|n| n.is_element() && !xml::is_mathml(*n) && xml::name(*n).ends_with("Interaction"))
        .collect();
    let describe = |nodes: &[Node]| {
        nodes
            .iter()
            .map(|n| {
                let (line, _) = xml::position(*n);
                format!("{} (line {line})", n.tag_name().name())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unsupported: Vec<Node> = all
        .iter()
        .copied()
        .filter(|n| {
            let name = xml::name(*n);
            !BLOCK.contains(&name.as_str()) && !INLINE.contains(&name.as_str())
        })
        .collect();
    if !unsupported.is_empty() {
        return skip(format!("certa cannot score {}", describe(&unsupported)));
    }
    let blocks: Vec<Node> = all
        .iter()
        .copied()
        .filter(|n| BLOCK.contains(&xml::name(*n).as_str()))
        .collect();
    let inline: Vec<Node> = all
        .iter()
        .copied()
        .filter(|n| INLINE.contains(&xml::name(*n).as_str()))
        .collect();
    match (blocks.as_slice(), inline.is_empty()) {
        ([], true) => skip("the item has no interaction (nothing to answer)"),
        ([one], true) => Ok(Shape::Block(*one)),
        ([], false) => Ok(Shape::Inline(inline)),
        _ => skip(format!(
            "the item holds {} interactions ({}); a certa item holds one (inline text entries and inline choices may share a cloze)",
            all.len(),
            describe(&all)
        )),
    }
}

/// The response declaration an interaction names.
fn declaration<'d>(
    ctx: &ItemContext,
    node: Node,
    decls: &'d std::collections::BTreeMap<String, ResponseDecl>,
) -> Conv<&'d ResponseDecl> {
    let id = xml::required_attr(ctx.file, node, "responseIdentifier")?;
    decls.get(id).ok_or_else(|| {
        ctx.error(
            ImportErrorKind::InvalidQti,
            node,
            format!(
                "{} names response \"{id}\" but the item has no responseDeclaration with that identifier",
                node.tag_name().name()
            ),
        )
    })
}

/// The scoring of a response: what response processing says, or, when it says nothing
/// certa recognizes, match_correct from the correct response (map_response when only a
/// mapping is declared), reported.
fn method_for(ctx: &mut ItemContext, rp: &Processing, decl: &ResponseDecl) -> Method {
    if let Some(m) = rp.methods.get(&decl.id) {
        return m.clone();
    }
    let (method, name) = if decl.correct.is_empty() && decl.mapping.is_some() {
        (Method::MapResponse, "map_response")
    } else {
        (
            Method::MatchCorrect { points: 1.0 },
            "match_correct (1 point)",
        )
    };
    if rp.present {
        ctx.warn(format!(
            "response processing gives response \"{}\" no scoring certa recognizes; it is scored by {name} from its declaration",
            decl.id
        ));
    } else {
        ctx.warn(format!(
            "the item has no responseProcessing; response \"{}\" is scored by {name} from its declaration",
            decl.id
        ));
    }
    method
}

/// An essay: points from SCORE's normalMaximum (or MAXSCORE's default), else 1; the scorer
/// rubric, when there is one.
fn extended(ctx: &mut ItemContext, root: Node, score: Option<&OutcomeDecl>) -> Converted {
    let declared = score.and_then(|s| s.normal_maximum).or_else(|| {
        declarations::outcome_declarations(root)
            .into_iter()
            .find(|o| o.id == "MAXSCORE")
            .and_then(|o| o.default_value)
    });
    let points = match declared.filter(|p| *p > 0.0) {
        Some(p) => p,
        None => {
            ctx.warn(
                "the essay declares no maximum score (SCORE normalMaximum); it is worth 1 point",
            );
            1.0
        }
    };
    let mut rubrics = Vec::new();
    for r in root.descendants().filter(|n| xml::is(*n, "rubricBlock")) {
        let view = xml::attr(r, "view").unwrap_or_default();
        if view.split_whitespace().any(|v| v == "scorer") {
            rubrics.push(ctx.content(r));
        }
    }
    let rubric = rubrics
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>();
    choices::extended_text((!rubric.is_empty()).then(|| rubric.join("\n")), points)
}

/// Inline interactions: a lone trailing text entry is a text entry (or numeric); anything
/// else is a cloze with one gap per interaction.
fn inline(
    ctx: &mut ItemContext,
    body: Node,
    nodes: &[Node],
    decls: &std::collections::BTreeMap<String, ResponseDecl>,
    rp: &Processing,
) -> Conv<(Interaction, f64, String)> {
    if let [one] = nodes {
        if xml::is(*one, "textEntryInteraction") && trailing(body, *one) {
            let decl = declaration(ctx, *one, decls)?;
            let method = method_for(ctx, rp, decl);
            let converted = cloze::text_entry(ctx, *one, decl, &method)?;
            let mut dropped = Vec::new();
            let stem = ctx.html.inner(body, &mut |x| {
                if x.id() == one.id() {
                    Replace::Drop
                } else {
                    cloze::stem_rule(x, &mut dropped)
                }
            });
            ctx.dropped_feedback.extend(dropped);
            return Ok((converted.interaction, converted.points, stem));
        }
    }
    let mut gaps = Vec::new();
    let mut markers = Vec::new();
    let mut total = 0.0;
    for n in nodes {
        let decl = declaration(ctx, *n, decls)?;
        if markers
            .iter()
            .any(|(_, id): &(Node, String)| *id == decl.id)
        {
            return Err(ctx.error(
                ImportErrorKind::DuplicateIdentifier,
                *n,
                format!(
                    "a second interaction with responseIdentifier \"{}\"",
                    decl.id
                ),
            ));
        }
        let method = method_for(ctx, rp, decl);
        let (gap, points) = if xml::is(*n, "textEntryInteraction") {
            cloze::text_gap(ctx, decl, &method)?
        } else {
            cloze::inline_choice_gap(ctx, *n, decl, &method)?
        };
        total += points;
        gaps.push(gap);
        markers.push((*n, decl.id.clone()));
    }
    let (stem, text) = cloze::split_body(ctx, body, &markers);
    Ok((Interaction::Cloze { text, gaps }, total, stem))
}

/// True when nothing but white space follows the interaction in the body: the learner
/// types after the question, not inside a sentence.
fn trailing(body: Node, interaction: Node) -> bool {
    let end = interaction.range().end;
    !body.descendants().any(|d| {
        d.range().start >= end
            && ((d.is_text() && !d.text().unwrap_or_default().trim().is_empty())
                || (d.is_element()
                    && matches!(xml::name(d).as_str(), "img" | "object" | "math" | "table")))
    })
}

/// Item feedback from `modalFeedback` whose identifier reads correct, incorrect or partial;
/// other modal feedback is reported as not imported.
fn feedback(ctx: &mut ItemContext, root: Node) -> Option<Feedback> {
    let mut fb = Feedback::default();
    for m in xml::children(root, "modalFeedback") {
        let ident = xml::attr(m, "identifier")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_");
        let shown = xml::attr(m, "showHide").unwrap_or("show").trim() != "hide";
        let html = ctx.content(m);
        let slot = match (shown, ident.as_str()) {
            (true, "correct") => Some(&mut fb.correct),
            (true, "incorrect" | "wrong") => Some(&mut fb.incorrect),
            (true, "partial" | "partially_correct" | "partiallycorrect" | "partly_correct") => {
                Some(&mut fb.partial)
            }
            _ => None,
        };
        match slot {
            Some(s) if s.is_none() && !html.is_empty() => *s = Some(html),
            _ => ctx.dropped_feedback.push(format!(
                "modalFeedback \"{}\"",
                xml::attr(m, "identifier").unwrap_or_default()
            )),
        }
    }
    (fb != Feedback::default()).then_some(fb)
}

/// Report what the item has that certa does not carry: feedback left out, outcomes set by
/// rules, stylesheets.
fn report_leftovers(ctx: &mut ItemContext, root: Node, rp: &Processing) {
    if !ctx.dropped_feedback.is_empty() {
        let list = std::mem::take(&mut ctx.dropped_feedback);
        ctx.warn(format!(
            "feedback not imported: {}; certa keeps modalFeedback identified correct, incorrect or partial, and a choice's own inline feedback",
            list.join(", ")
        ));
    }
    let others: Vec<&str> = rp
        .other_outcomes
        .iter()
        .map(String::as_str)
        .filter(|o| !o.starts_with("FEEDBACK") && !o.is_empty())
        .collect();
    if !others.is_empty() {
        ctx.warn(format!(
            "response processing also sets {}; certa keeps only the score",
            others.join(", ")
        ));
    }
    for s in xml::children(root, "stylesheet") {
        let href = xml::attr(s, "href").unwrap_or_default();
        ctx.warn(format!(
            "stylesheet \"{href}\" is not applied by the certa player (it is listed with the assets)"
        ));
        let dir = ctx.html.base_dir().to_string();
        let path = if paths::is_external(href) {
            href.to_string()
        } else {
            paths::resolve(&dir, href)
        };
        if !href.is_empty() && !ctx.html.assets.iter().any(|a| a.path == path) {
            ctx.html.assets.push(Asset {
                media_type: "text/css".to_string(),
                path,
            });
        }
    }
}
