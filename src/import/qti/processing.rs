//! Response processing: which standard scoring each response gets.
//!
//! Recognized: the templates `match_correct`, `map_response` and `map_response_point` under
//! their QTI 2.x URIs (`http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct`,
//! also `qti_v2p0`/`qti_v2p2`) and QTI 3.0 URIs
//! (`https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml`), the Common
//! Cartridge `CC2_match`/`CC2_match_basic`/`CC2_map_response` templates, and the inline rules
//! those templates expand to, one per response (so items with several responses, such as
//! cloze items, are recognized too):
//!
//! - `responseIf match(variable X, correct X)` → SCORE = c, or SCORE = SCORE + c, with an
//!   optional `responseElse` setting SCORE to 0: match_correct worth c;
//! - the same with `equal` (with `toleranceMode` exact, absolute or relative) for numbers;
//! - `responseIf isNull(variable X)` → SCORE = 0, `responseElse` → SCORE = mapResponse X (or
//!   SCORE + mapResponse X), or `not(isNull)` the other way round: map_response;
//! - a bare `setOutcomeValue SCORE` to `mapResponse X`, or a `sum` of `variable SCORE` and
//!   `mapResponse` terms: map_response for each;
//! - conditions whose branches set only other outcomes (`FEEDBACK`, `FEEDBACKBASIC`): the
//!   feedback plumbing, set aside.
//!
//! Anything else is custom response processing: it is described by construct, so the item
//! can be reported, and the item is scored from its declarations instead.

use std::collections::{BTreeMap, BTreeSet};

use roxmltree::Node;

use super::xml;

/// The standard scoring of one response.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// `points` when the response equals the correct response, else 0.
    MatchCorrect { points: f64 },
    /// `points` when the numeric response equals the correct value within the tolerance.
    EqualCorrect { points: f64, tolerance: Tolerance },
    /// The response's mapped value (`mapping`), summed and bounded.
    MapResponse,
    /// The response's area-mapped value (`areaMapping`).
    MapResponsePoint,
}

/// The tolerance of an `equal` comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    Exact,
    /// Below and above the correct value, in the value's units.
    Absolute(f64, f64),
    /// Below and above the correct value, in percent of it.
    Relative(f64, f64),
}

/// How an item's responses are scored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Processing {
    /// Response identifier → its scoring.
    pub methods: BTreeMap<String, Method>,
    /// The template named, if any (its last path segment: `match_correct`).
    pub template: Option<String>,
    /// True when the item has a `responseProcessing` element at all.
    pub present: bool,
    /// Constructs not recognized, each described (`responseCondition testing <gte>`).
    pub custom: Vec<String>,
    /// Other outcomes the rules set (feedback plumbing), set aside.
    pub other_outcomes: BTreeSet<String>,
}

/// Recognize an item's `responseProcessing` (absent: nothing recognized, `present` false).
pub fn recognize(rp: Option<Node>) -> Processing {
    let mut out = Processing::default();
    let Some(rp) = rp else {
        return out;
    };
    out.present = true;
    let template = xml::attr(rp, "template").or_else(|| xml::attr(rp, "templateLocation"));
    if let Some(uri) = template.map(str::trim).filter(|u| !u.is_empty()) {
        let name = template_name(uri);
        let method = match name.as_str() {
            "match_correct" | "CC2_match" | "CC2_match_basic" => {
                Some(Method::MatchCorrect { points: 1.0 })
            }
            "map_response" | "CC2_map_response" => Some(Method::MapResponse),
            "map_response_point" => Some(Method::MapResponsePoint),
            _ => None,
        };
        match method {
            Some(m) => {
                out.methods.insert("RESPONSE".to_string(), m);
                out.template = Some(name);
            }
            None => out
                .custom
                .push(format!("the response processing template \"{uri}\"")),
        }
        return out;
    }
    rules(rp, &mut out, 0);
    out
}

/// Deepest nesting of rules and expressions read; deeper is reported as custom.
const MAX_DEPTH: usize = 64;

/// `…/rptemplates/match_correct.xml` → `match_correct`.
fn template_name(uri: &str) -> String {
    let last = uri.trim_end_matches('/').rsplit('/').next().unwrap_or(uri);
    last.strip_suffix(".xml").unwrap_or(last).to_string()
}

fn rules(parent: Node, out: &mut Processing, depth: usize) {
    if depth > MAX_DEPTH {
        out.custom
            .push("response processing nested too deep".to_string());
        return;
    }
    for rule in xml::elements(parent) {
        match xml::name(rule).as_str() {
            "responseCondition" => condition(rule, out),
            "setOutcomeValue" => top_level_set(rule, out),
            "responseProcessingFragment" => rules(rule, out, depth + 1),
            "exitResponse" => {}
            other => out.custom.push(format!("the rule <{other}>")),
        }
    }
}

/// One term of a SCORE expression.
#[derive(Debug, Clone, PartialEq)]
enum Term {
    Const(f64),
    Map(String),
    MapPoint(String),
    /// `variable SCORE`: accumulation.
    Score,
}

/// The terms of a SCORE expression, or a description of what is not recognized.
fn terms(expr: Node) -> Result<Vec<Term>, String> {
    terms_at(expr, 0)
}

fn terms_at(expr: Node, depth: usize) -> Result<Vec<Term>, String> {
    if depth > MAX_DEPTH {
        return Err("a SCORE expression nested too deep".to_string());
    }
    match xml::name(expr).as_str() {
        "baseValue" => xml::parse_number(expr.text().unwrap_or_default())
            .map(|c| vec![Term::Const(c)])
            .ok_or_else(|| "a non-numeric <baseValue> for SCORE".to_string()),
        "mapResponse" => Ok(vec![Term::Map(identifier(expr))]),
        "mapResponsePoint" => Ok(vec![Term::MapPoint(identifier(expr))]),
        "variable" if identifier(expr) == "SCORE" => Ok(vec![Term::Score]),
        "sum" => {
            let mut all = Vec::new();
            for e in xml::elements(expr) {
                all.extend(terms_at(e, depth + 1)?);
            }
            Ok(all)
        }
        other => Err(format!("SCORE computed with <{other}>")),
    }
}

fn identifier(node: Node) -> String {
    xml::attr(node, "identifier")
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// What a branch does to SCORE.
#[derive(Debug, Clone, PartialEq)]
enum Effect {
    /// SCORE untouched (only other outcomes set).
    None,
    /// SCORE = c or SCORE + c.
    Const(f64),
    /// SCORE = mapResponse X (+ SCORE).
    Map(String),
    MapPoint(String),
}

fn branch(body: Node, out: &mut Processing) -> Result<Effect, String> {
    effect_of(xml::elements(body), out)
}

/// The effect of a `responseIf` body: its rules after the condition.
fn branch_after_condition(if_part: Node, out: &mut Processing) -> Result<Effect, String> {
    effect_of(xml::elements(if_part).skip(1), out)
}

/// What a list of rules does to SCORE; other outcomes they set are noted.
fn effect_of<'a, 'i: 'a>(
    rules: impl Iterator<Item = Node<'a, 'i>>,
    out: &mut Processing,
) -> Result<Effect, String> {
    let mut effect = Effect::None;
    for rule in rules {
        match xml::name(rule).as_str() {
            "setOutcomeValue" => {
                let id = identifier(rule);
                if id != "SCORE" {
                    out.other_outcomes.insert(id);
                    continue;
                }
                if effect != Effect::None {
                    return Err("SCORE set twice in one branch".to_string());
                }
                let expr = xml::elements(rule)
                    .next()
                    .ok_or_else(|| "an empty <setOutcomeValue>".to_string())?;
                let ts: Vec<Term> = terms(expr)?
                    .into_iter()
                    .filter(|t| *t != Term::Score)
                    .collect();
                effect = match ts.as_slice() {
                    [] => Effect::Const(0.0),
                    [Term::Const(c)] => Effect::Const(*c),
                    [Term::Map(x)] => Effect::Map(x.clone()),
                    [Term::MapPoint(x)] => Effect::MapPoint(x.clone()),
                    _ => return Err("SCORE computed from several terms".to_string()),
                };
            }
            "exitResponse" => {}
            other => return Err(format!("the rule <{other}> inside a condition")),
        }
    }
    Ok(effect)
}

/// The condition of a `responseIf`.
#[derive(Debug, Clone, PartialEq)]
enum Condition {
    MatchCorrect(String),
    EqualCorrect(String, Tolerance),
    IsNull(String),
    NotNull(String),
    Other(String),
}

fn classify(cond: Node) -> Condition {
    classify_at(cond, 0)
}

fn classify_at(cond: Node, depth: usize) -> Condition {
    let name = xml::name(cond);
    if depth > MAX_DEPTH {
        return Condition::Other(name);
    }
    let args: Vec<Node> = xml::elements(cond).collect();
    let var_and_correct = || -> Option<String> {
        let (a, b) = (args.first()?, args.get(1)?);
        let (v, c) = if xml::is(*a, "variable") {
            (a, b)
        } else {
            (b, a)
        };
        (args.len() == 2
            && xml::is(*v, "variable")
            && xml::is(*c, "correct")
            && identifier(*v) == identifier(*c))
        .then(|| identifier(*v))
    };
    match name.as_str() {
        "match" => var_and_correct().map_or(Condition::Other(name), Condition::MatchCorrect),
        "equal" => {
            let tolerance = tolerance(cond);
            match (var_and_correct(), tolerance) {
                (Some(x), Some(t)) => Condition::EqualCorrect(x, t),
                _ => Condition::Other(name),
            }
        }
        "isNull" => match args.as_slice() {
            [v] if xml::is(*v, "variable") => Condition::IsNull(identifier(*v)),
            _ => Condition::Other(name),
        },
        "not" => match args.as_slice() {
            [inner] => match classify_at(*inner, depth + 1) {
                Condition::IsNull(x) => Condition::NotNull(x),
                _ => Condition::Other(format!("not({})", xml::name(*inner))),
            },
            _ => Condition::Other(name),
        },
        _ => Condition::Other(name),
    }
}

fn tolerance(equal: Node) -> Option<Tolerance> {
    let mode = xml::attr(equal, "toleranceMode").unwrap_or("exact").trim();
    let values: Vec<f64> = xml::attr(equal, "tolerance")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(xml::parse_number)
        .collect();
    let (lo, hi) = match values.as_slice() {
        [t] => (*t, *t),
        [a, b] => (*a, *b),
        _ => (0.0, 0.0),
    };
    match mode {
        "exact" => Some(Tolerance::Exact),
        "absolute" if !values.is_empty() => Some(Tolerance::Absolute(lo, hi)),
        "relative" if !values.is_empty() => Some(Tolerance::Relative(lo, hi)),
        _ => None,
    }
}

fn condition(rule: Node, out: &mut Processing) {
    let parts: Vec<Node> = xml::elements(rule).collect();
    let names: Vec<String> = parts.iter().map(|p| xml::name(*p)).collect();
    let (if_part, else_part) = match names.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["responseIf"] => (parts.first(), None),
        ["responseIf", "responseElse"] => (parts.first(), parts.get(1)),
        _ => {
            if sets_score(rule) {
                out.custom.push(
                    "a responseCondition with responseElseIf branches setting SCORE".to_string(),
                );
            } else {
                note_outcomes(rule, out);
            }
            return;
        }
    };
    let Some(if_part) = if_part else {
        return;
    };
    let Some(cond) = xml::elements(*if_part).next() else {
        out.custom.push("an empty responseIf".to_string());
        return;
    };
    let kind = classify(cond);
    let then_body = branch_after_condition(*if_part, out);
    let else_body = match else_part {
        Some(e) => branch(*e, out),
        None => Ok(Effect::None),
    };
    let (then_effect, else_effect) = match (then_body, else_body) {
        (Ok(t), Ok(e)) => (t, e),
        (Err(why), _) | (_, Err(why)) => {
            out.custom.push(format!("a responseCondition with {why}"));
            return;
        }
    };
    let zero = |e: &Effect| matches!(e, Effect::None) || *e == Effect::Const(0.0);
    let recognized = match (&kind, &then_effect, &else_effect) {
        (_, Effect::None, Effect::None) => return, // feedback only
        (Condition::MatchCorrect(x), Effect::Const(c), e) if zero(e) => {
            Some((x.clone(), Method::MatchCorrect { points: *c }))
        }
        (Condition::EqualCorrect(x, t), Effect::Const(c), e) if zero(e) => Some((
            x.clone(),
            Method::EqualCorrect {
                points: *c,
                tolerance: *t,
            },
        )),
        (Condition::IsNull(x), t, Effect::Map(y)) if zero(t) && x == y => {
            Some((x.clone(), Method::MapResponse))
        }
        (Condition::IsNull(x), t, Effect::MapPoint(y)) if zero(t) && x == y => {
            Some((x.clone(), Method::MapResponsePoint))
        }
        (Condition::NotNull(x), Effect::Map(y), e) if zero(e) && x == y => {
            Some((x.clone(), Method::MapResponse))
        }
        (Condition::NotNull(x), Effect::MapPoint(y), e) if zero(e) && x == y => {
            Some((x.clone(), Method::MapResponsePoint))
        }
        _ => None,
    };
    match recognized {
        Some((x, m)) => add(out, x, m),
        None => {
            let tested = match kind {
                Condition::Other(name) => format!("<{name}>"),
                Condition::MatchCorrect(x) => format!("match on {x}"),
                Condition::EqualCorrect(x, _) => format!("equal on {x}"),
                Condition::IsNull(x) => format!("isNull on {x}"),
                Condition::NotNull(x) => format!("not(isNull) on {x}"),
            };
            out.custom.push(format!(
                "a responseCondition testing {tested} that sets SCORE"
            ));
        }
    }
}

fn top_level_set(rule: Node, out: &mut Processing) {
    let id = identifier(rule);
    if id != "SCORE" {
        out.other_outcomes.insert(id);
        return;
    }
    let Some(expr) = xml::elements(rule).next() else {
        out.custom.push("an empty <setOutcomeValue>".to_string());
        return;
    };
    match terms(expr) {
        Ok(ts) => {
            let mut found = Vec::new();
            for t in ts {
                match t {
                    Term::Score => {}
                    Term::Map(x) => found.push((x, Method::MapResponse)),
                    Term::MapPoint(x) => found.push((x, Method::MapResponsePoint)),
                    Term::Const(c) => {
                        out.custom
                            .push(format!("SCORE set to the constant {c} for every response"));
                        return;
                    }
                }
            }
            for (x, m) in found {
                add(out, x, m);
            }
        }
        Err(why) => out.custom.push(why),
    }
}

fn add(out: &mut Processing, response: String, method: Method) {
    match out.methods.entry(response) {
        std::collections::btree_map::Entry::Occupied(e) => out
            .custom
            .push(format!("two rules that score the response {}", e.key())),
        std::collections::btree_map::Entry::Vacant(e) => {
            e.insert(method);
        }
    }
}

fn sets_score(node: Node) -> bool {
    node.descendants()
        .any(|d| xml::is(d, "setOutcomeValue") && identifier(d) == "SCORE")
}

fn note_outcomes(node: Node, out: &mut Processing) {
    for d in node.descendants() {
        if xml::is(d, "setOutcomeValue") {
            out.other_outcomes.insert(identifier(d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(xml_text: &str) -> Processing {
        let doc = xml::parse("t.xml", xml_text).unwrap();
        recognize(Some(doc.root_element()))
    }

    #[test]
    fn templates_of_both_versions() {
        for uri in [
            "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct",
            "http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct.xml",
            "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml",
        ] {
            let p = rp(&format!(r#"<responseProcessing template="{uri}"/>"#));
            assert_eq!(
                p.methods.get("RESPONSE"),
                Some(&Method::MatchCorrect { points: 1.0 }),
                "{uri}"
            );
        }
        let p = rp(
            r#"<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"/>"#,
        );
        assert_eq!(p.methods.get("RESPONSE"), Some(&Method::MapResponse));
        let p = rp(r#"<responseProcessing template="http://example.org/mine"/>"#);
        assert!(p.methods.is_empty());
        assert_eq!(p.custom.len(), 1);
    }

    #[test]
    fn inline_expansions_per_response() {
        let p = rp(r#"<responseProcessing>
          <responseCondition><responseIf><match><variable identifier="R1"/><correct identifier="R1"/></match>
            <setOutcomeValue identifier="SCORE"><sum><variable identifier="SCORE"/><baseValue baseType="float">2</baseValue></sum></setOutcomeValue>
          </responseIf></responseCondition>
          <responseCondition><responseIf><isNull><variable identifier="R2"/></isNull>
            <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue></setOutcomeValue></responseIf>
            <responseElse><setOutcomeValue identifier="SCORE"><sum><variable identifier="SCORE"/><mapResponse identifier="R2"/></sum></setOutcomeValue></responseElse>
          </responseCondition>
          <responseCondition><responseIf><match><variable identifier="SCORE"/><baseValue baseType="float">0</baseValue></match>
            <setOutcomeValue identifier="FEEDBACKBASIC"><baseValue baseType="identifier">incorrect</baseValue></setOutcomeValue></responseIf></responseCondition>
        </responseProcessing>"#);
        assert_eq!(
            p.methods.get("R1"),
            Some(&Method::MatchCorrect { points: 2.0 })
        );
        assert_eq!(p.methods.get("R2"), Some(&Method::MapResponse));
        assert!(p.custom.is_empty(), "{:?}", p.custom);
        assert!(p.other_outcomes.contains("FEEDBACKBASIC"));
    }

    #[test]
    fn custom_rules_are_named() {
        let p = rp(
            r#"<responseProcessing><responseCondition><responseIf><gte><variable identifier="RESPONSE"/><baseValue baseType="float">3</baseValue></gte>
            <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf></responseCondition></responseProcessing>"#,
        );
        assert!(p.methods.is_empty());
        assert_eq!(
            p.custom,
            vec!["a responseCondition testing <gte> that sets SCORE"]
        );
    }
}
