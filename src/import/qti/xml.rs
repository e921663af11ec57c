//! Reading QTI XML: decoding, parsing with positions, and one naming for both versions.
//!
//! QTI 2.x names elements and attributes in camelCase (`choiceInteraction`, `maxChoices`);
//! QTI 3.0 uses `qti-` prefixed kebab-case elements and kebab-case attributes
//! (`qti-choice-interaction`, `max-choices`). Everything here answers in the 2.x spelling:
//! [`name`] gives `choiceInteraction` for both, and [`attr`] looks an attribute up under both
//! spellings. So the rest of the importer is written once.

use roxmltree::{Document, Node, ParsingOptions};

use crate::import::error::{ImportError, ImportErrorKind};

/// The MathML namespace; MathML is kept as it is in item content.
pub const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// Most XML nodes a document may have: a bound on memory for hostile input.
const NODES_LIMIT: u32 = 4_000_000;

/// Which QTI generation a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QtiVersion {
    /// QTI 2.0, 2.1 and 2.2 (camelCase names).
    V2,
    /// QTI 3.0 (`qti-` kebab-case names).
    V3,
}

/// Text from bytes: UTF-8 (a byte-order mark is dropped) or UTF-16 with a byte-order mark.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |big_endian: bool, body: &[u8]| {
        let units = body.chunks(2).map(|c| match (c.first(), c.get(1)) {
            (Some(&a), Some(&b)) if big_endian => u16::from_be_bytes([a, b]),
            (Some(&a), Some(&b)) => u16::from_le_bytes([a, b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(false, body));
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(true, body));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let upto = body.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + upto.iter().filter(|b| **b == b'\n').count();
            let column = 1 + upto.iter().rev().take_while(|b| **b != b'\n').count();
            Err(ImportError::at(
                ImportErrorKind::MalformedXml,
                file,
                line as u32,
                column as u32,
                "the file is not valid UTF-8 text; expected XML encoded as UTF-8 (or UTF-16 with a byte-order mark)",
            ))
        }
    }
}

/// Parse XML, reporting the line and column of a syntax error.
pub fn parse<'a>(file: &str, text: &'a str) -> Result<Document<'a>, ImportError> {
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        ImportError::at(
            ImportErrorKind::MalformedXml,
            file,
            pos.row,
            pos.col,
            format!("malformed XML: {e}"),
        )
    })
}

/// The QTI generation of a document, from its root element's namespace or name.
pub fn version_of(root: Node) -> QtiVersion {
    let ns = root.tag_name().namespace().unwrap_or_default();
    if ns.contains("v3p0") || ns.contains("qtiv3") || root.tag_name().name().starts_with("qti-") {
        QtiVersion::V3
    } else {
        QtiVersion::V2
    }
}

/// The element's name in the QTI 2.x spelling: `qti-choice-interaction` → `choiceInteraction`.
/// Names without the `qti-` prefix (HTML, MathML, manifest elements) are returned as they are.
pub fn name(node: Node) -> String {
    canonical(node.tag_name().name())
}

/// `qti-choice-interaction` → `choiceInteraction`; other names unchanged.
pub fn canonical(local: &str) -> String {
    match local.strip_prefix("qti-") {
        Some(rest) => camel(rest),
        None => local.to_string(),
    }
}

fn camel(kebab: &str) -> String {
    let mut out = String::with_capacity(kebab.len());
    let mut upper = false;
    for ch in kebab.chars() {
        if ch == '-' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

fn kebab(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for ch in camel.chars() {
        if ch.is_ascii_uppercase() {
            out.push('-');
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// True when the node is an element with this (2.x-spelled) name.
pub fn is(node: Node, wanted: &str) -> bool {
    node.is_element() && node.tag_name().namespace() != Some(MATHML_NS) && name(node) == wanted
}

/// True for a MathML element.
pub fn is_mathml(node: Node) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(MATHML_NS)
}

/// An attribute by its 2.x name (`maxChoices`), also found under its 3.0 name
/// (`max-choices`).
pub fn attr<'a>(node: Node<'a, '_>, camel_name: &str) -> Option<&'a str> {
    node.attribute(camel_name)
        .or_else(|| node.attribute(kebab(camel_name).as_str()))
}

/// The element's `xml:lang`.
pub fn lang<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((roxmltree::NS_XML_URI, "lang"))
}

/// Child elements.
pub fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(|n| n.is_element())
}

/// The first child element with this name.
pub fn child<'a, 'i>(node: Node<'a, 'i>, wanted: &str) -> Option<Node<'a, 'i>> {
    elements(node).find(|n| is(*n, wanted))
}

/// Child elements with this name.
pub fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    wanted: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    elements(node).filter(move |n| is(*n, wanted))
}

/// Line and column (1-based) where the node starts.
pub fn position(node: Node) -> (u32, u32) {
    let pos = node.document().text_pos_at(node.range().start);
    (pos.row, pos.col)
}

/// An error located at this node.
pub fn error_at(
    kind: ImportErrorKind,
    file: &str,
    node: Node,
    message: impl Into<String>,
) -> ImportError {
    let (line, column) = position(node);
    ImportError::at(kind, file, line, column, message)
}

/// All text inside the node, whitespace collapsed.
pub fn text(node: Node) -> String {
    let mut raw = String::new();
    for d in node.descendants().filter(|n| n.is_text()) {
        raw.push_str(d.text().unwrap_or_default());
    }
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A QTI boolean attribute (`true`/`false`, `1`/`0`).
pub fn bool_attr(node: Node, camel_name: &str) -> Option<bool> {
    match attr(node, camel_name)?.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// A finite number attribute.
pub fn number_attr(node: Node, camel_name: &str) -> Option<f64> {
    parse_number(attr(node, camel_name)?)
}

/// A finite number from text (`1`, `-0.5`, `2e3`).
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A required attribute, or an `InvalidQti` error naming it.
pub fn required_attr<'a>(
    file: &str,
    node: Node<'a, '_>,
    camel_name: &str,
) -> Result<&'a str, ImportError> {
    match attr(node, camel_name) {
        Some(v) if !v.trim().is_empty() => Ok(v.trim()),
        _ => Err(error_at(
            ImportErrorKind::InvalidQti,
            file,
            node,
            format!(
                "<{}> has no {} attribute; expected one",
                node.tag_name().name(),
                spelled(node, camel_name)
            ),
        )),
    }
}

/// An attribute name as the document's QTI version spells it.
pub fn spelled(node: Node, camel_name: &str) -> String {
    if node.tag_name().name().starts_with("qti-") {
        kebab(camel_name)
    } else {
        camel_name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_the_same_in_both_versions() {
        assert_eq!(canonical("qti-choice-interaction"), "choiceInteraction");
        assert_eq!(canonical("qti-assessment-item-ref"), "assessmentItemRef");
        assert_eq!(canonical("choiceInteraction"), "choiceInteraction");
        assert_eq!(kebab("maxChoices"), "max-choices");
        let doc = parse("t.xml", r#"<qti-choice-interaction max-choices="2"/>"#).unwrap();
        assert_eq!(attr(doc.root_element(), "maxChoices"), Some("2"));
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse("t.xml", "<a>\n  <b></a>").unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::MalformedXml);
        assert!(err.to_string().starts_with("t.xml:2:"), "{err}");
    }

    #[test]
    fn decodes_utf16_and_reports_bad_utf8() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<a/>".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode("t.xml", &bytes).unwrap(), "<a/>");
        let err = decode("t.xml", b"<a>\n\xff</a>").unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("t.xml:2:1"));
    }
}
