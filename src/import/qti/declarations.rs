//! Variable declarations of an item or test: `responseDeclaration` (cardinality, base type,
//! `correctResponse`, `mapping` with `defaultValue`, `lowerBound`, `upperBound` and per-entry
//! `caseSensitive`) and `outcomeDeclaration` (`normalMaximum`, `masteryValue`, default value).

use std::collections::BTreeMap;

use roxmltree::Node;

use super::xml::{self, QtiVersion};
use crate::import::error::{ImportError, ImportErrorKind};

/// A position in the source file (1-based line and column).
pub type Pos = (u32, u32);

/// How many values a response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    Single,
    Multiple,
    Ordered,
    Record,
}

/// A value of a declaration, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub text: String,
    pub pos: Pos,
}

/// One `mapEntry`.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEntry {
    pub key: String,
    pub value: f64,
    pub case_sensitive: bool,
    pub pos: Pos,
}

/// A `mapping`: values to points, summed over a container, then bounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub entries: Vec<MapEntry>,
    /// Points for a value no entry maps.
    pub default: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub pos: Pos,
}

/// A `responseDeclaration`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseDecl {
    pub id: String,
    pub cardinality: Cardinality,
    /// `identifier`, `string`, `integer`, `float`, `directedPair`, `pair`, `point`, ...
    pub base_type: String,
    pub correct: Vec<Value>,
    pub mapping: Option<Mapping>,
    /// True when the declaration has an `areaMapping` (graphic interactions).
    pub area_mapping: bool,
    pub pos: Pos,
}

/// An `outcomeDeclaration`.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeDecl {
    pub id: String,
    pub normal_maximum: Option<f64>,
    pub mastery_value: Option<f64>,
    /// The first default value, when it is a number.
    pub default_value: Option<f64>,
}

impl Mapping {
    /// Points for one value: the first entry that matches it (case-insensitively where the
    /// entry says so), else the default. Not bounded.
    pub fn value(&self, key: &str) -> f64 {
        self.entry(key).map(|e| e.value).unwrap_or(self.default)
    }

    /// The entry that maps this value, if any.
    pub fn entry(&self, key: &str) -> Option<&MapEntry> {
        self.entries.iter().find(|e| {
            if e.case_sensitive {
                e.key == key
            } else {
                e.key.to_lowercase() == key.to_lowercase()
            }
        })
    }

    /// A summed value kept within the bounds.
    pub fn bounded(&self, x: f64) -> f64 {
        let x = self.lower.map_or(x, |lo| x.max(lo));
        self.upper.map_or(x, |hi| x.min(hi))
    }
}

/// Every `responseDeclaration` of an item, by identifier. A repeated identifier is an error.
pub fn response_declarations(
    file: &str,
    item: Node,
    version: QtiVersion,
) -> Result<BTreeMap<String, ResponseDecl>, ImportError> {
    let mut out = BTreeMap::new();
    for decl in xml::children(item, "responseDeclaration") {
        let id = xml::required_attr(file, decl, "identifier")?.to_string();
        let cardinality = match xml::attr(decl, "cardinality").map(str::trim) {
            Some("single") | None => Cardinality::Single,
            Some("multiple") => Cardinality::Multiple,
            Some("ordered") => Cardinality::Ordered,
            Some("record") => Cardinality::Record,
            Some(other) => {
                return Err(xml::error_at(
                    ImportErrorKind::InvalidQti,
                    file,
                    decl,
                    format!(
                        "cardinality \"{other}\" is not one of single, multiple, ordered, record"
                    ),
                ))
            }
        };
        let correct = match xml::child(decl, "correctResponse") {
            Some(c) => values(c),
            None => Vec::new(),
        };
        let mapping = match xml::child(decl, "mapping") {
            Some(m) => Some(mapping(file, m, version)?),
            None => None,
        };
        let parsed = ResponseDecl {
            id: id.clone(),
            cardinality,
            base_type: xml::attr(decl, "baseType")
                .unwrap_or("identifier")
                .trim()
                .to_string(),
            correct,
            mapping,
            area_mapping: xml::child(decl, "areaMapping").is_some(),
            pos: xml::position(decl),
        };
        if out.insert(id.clone(), parsed).is_some() {
            return Err(xml::error_at(
                ImportErrorKind::DuplicateIdentifier,
                file,
                decl,
                format!("a second responseDeclaration with identifier \"{id}\"; identifiers must be unique in an item"),
            ));
        }
    }
    Ok(out)
}

/// The `value` children of a `correctResponse` or `defaultValue`.
fn values(node: Node) -> Vec<Value> {
    xml::children(node, "value")
        .map(|v| Value {
            text: v.text().unwrap_or_default().trim().to_string(),
            pos: xml::position(v),
        })
        .collect()
}

fn mapping(file: &str, node: Node, version: QtiVersion) -> Result<Mapping, ImportError> {
    let number = |n: Node, name: &str| -> Result<Option<f64>, ImportError> {
        match xml::attr(n, name) {
            None => Ok(None),
            Some(raw) => xml::parse_number(raw).map(Some).ok_or_else(|| {
                xml::error_at(
                    ImportErrorKind::InvalidQti,
                    file,
                    n,
                    format!("{} \"{raw}\" is not a number", xml::spelled(n, name)),
                )
            }),
        }
    };
    let mut entries = Vec::new();
    for e in xml::children(node, "mapEntry") {
        let key = xml::required_attr(file, e, "mapKey")?.to_string();
        let value = number(e, "mappedValue")?.ok_or_else(|| {
            xml::error_at(
                ImportErrorKind::InvalidQti,
                file,
                e,
                format!(
                    "<{}> has no {}",
                    e.tag_name().name(),
                    xml::spelled(e, "mappedValue")
                ),
            )
        })?;
        // QTI 2.x requires caseSensitive; QTI 3.0 makes it optional, default false.
        let case_sensitive =
            xml::bool_attr(e, "caseSensitive").unwrap_or(version == QtiVersion::V2);
        entries.push(MapEntry {
            key,
            value,
            case_sensitive,
            pos: xml::position(e),
        });
    }
    Ok(Mapping {
        entries,
        default: number(node, "defaultValue")?.unwrap_or(0.0),
        lower: number(node, "lowerBound")?,
        upper: number(node, "upperBound")?,
        pos: xml::position(node),
    })
}

/// Every `outcomeDeclaration` of an item or test.
pub fn outcome_declarations(node: Node) -> Vec<OutcomeDecl> {
    xml::children(node, "outcomeDeclaration")
        .map(|d| OutcomeDecl {
            id: xml::attr(d, "identifier")
                .unwrap_or_default()
                .trim()
                .to_string(),
            normal_maximum: xml::number_attr(d, "normalMaximum"),
            mastery_value: xml::number_attr(d, "masteryValue"),
            default_value: xml::child(d, "defaultValue")
                .and_then(|v| values(v).first().and_then(|v| xml::parse_number(&v.text))),
        })
        .collect()
}
