//! Item content to HTML fragments, ready for the player's sanitizer: the XHTML namespace and
//! the QTI 3.0 `qti-` elements are dropped, MathML is kept, event-handler attributes and
//! `javascript:` URLs are removed, and every file the content refers to (`img src`, `object
//! data`, ...) is resolved to its package path and collected as an [`Asset`].
//!
//! What a QTI element becomes (an interaction replaced by a gap marker, feedback removed) is
//! the caller's choice, given through a [`Replace`] callback.

use roxmltree::Node;

use super::paths;
use super::xml;
use crate::model::Asset;

/// What to write for an element, chosen by the caller.
pub enum Replace {
    /// The default: HTML elements as they are, unknown elements reduced to their content.
    Keep,
    /// Nothing.
    Drop,
    /// Only the element's content.
    Unwrap,
    /// This HTML instead.
    Html(String),
}

/// Writes HTML fragments for one source file, collecting assets and notes.
pub struct HtmlWriter<'f> {
    /// The package folder of the source file, for resolving relative references.
    base_dir: &'f str,
    pub assets: Vec<Asset>,
    /// Write `{` in text as `&#123;`, so source text never reads as a cloze gap marker.
    pub escape_braces: bool,
    /// How deep the writer is in the element tree.
    depth: usize,
    /// Things changed on the way (an unknown element reduced to its content, ...).
    pub notes: Vec<String>,
}

#[rustfmt::skip]
const HTML_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big",
    "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "label", "li", "mark", "nav",
    "object", "ol", "p", "param", "picture", "pre", "q", "rb", "rp", "rt", "ruby", "s", "samp",
    "section", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
];

/// Deepest element nesting written as elements; deeper content is written as its text, so
/// hostile nesting cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Attributes that point at a file the content needs.
const ASSET_ATTRIBUTES: &[&str] = &["src", "data", "poster"];

impl<'f> HtmlWriter<'f> {
    pub fn new(base_dir: &'f str) -> HtmlWriter<'f> {
        HtmlWriter {
            base_dir,
            assets: Vec::new(),
            escape_braces: false,
            depth: 0,
            notes: Vec::new(),
        }
    }

    /// The package folder references resolve against.
    pub fn base_dir(&self) -> &str {
        self.base_dir
    }

    /// The HTML of the node's content (not the node itself), without blocks left empty
    /// by what was taken out.
    pub fn inner(&mut self, node: Node, replace: &mut dyn FnMut(Node) -> Replace) -> String {
        let mut out = String::new();
        for c in node.children() {
            self.write(&mut out, c, replace);
        }
        drop_empty_blocks(&out).trim().to_string()
    }

    /// The HTML of one node (element or text).
    pub fn outer(&mut self, node: Node, replace: &mut dyn FnMut(Node) -> Replace) -> String {
        let mut out = String::new();
        self.write(&mut out, node, replace);
        out
    }

    fn write(&mut self, out: &mut String, node: Node, replace: &mut dyn FnMut(Node) -> Replace) {
        if node.is_text() {
            let text = node.text().unwrap_or_default();
            for (i, piece) in text.split('{').enumerate() {
                if i > 0 {
                    out.push_str(if self.escape_braces { "&#123;" } else { "{" });
                }
                escape_text(out, piece);
            }
            return;
        }
        if !node.is_element() {
            return; // comments, processing instructions
        }
        if self.depth >= MAX_DEPTH {
            self.note(format!(
                "content nested deeper than {MAX_DEPTH} elements is kept as plain text"
            ));
            escape_text(out, &xml::text(node));
            return;
        }
        self.depth += 1;
        self.write_element(out, node, replace);
        self.depth -= 1;
    }

    /// Record a note once.
    fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    fn write_element(
        &mut self,
        out: &mut String,
        node: Node,
        replace: &mut dyn FnMut(Node) -> Replace,
    ) {
        if xml::is_mathml(node) {
            self.element(out, node, node.tag_name().name(), replace);
            return;
        }
        match replace(node) {
            Replace::Drop => {}
            Replace::Html(html) => out.push_str(&html),
            Replace::Unwrap => self.children(out, node, replace),
            Replace::Keep => {
                let name = xml::name(node);
                if name == "object" {
                    self.object(out, node, replace);
                } else if HTML_ELEMENTS.contains(&name.as_str()) {
                    self.element(out, node, &name, replace);
                } else {
                    self.note(format!(
                        "<{}> is not HTML: only its content is kept",
                        node.tag_name().name()
                    ));
                    self.children(out, node, replace);
                }
            }
        }
    }

    fn children(&mut self, out: &mut String, node: Node, replace: &mut dyn FnMut(Node) -> Replace) {
        for c in node.children() {
            self.write(out, c, replace);
        }
    }

    fn element(
        &mut self,
        out: &mut String,
        node: Node,
        name: &str,
        replace: &mut dyn FnMut(Node) -> Replace,
    ) {
        out.push('<');
        out.push_str(name);
        for a in node.attributes() {
            let (key, value) = match (a.namespace(), a.name()) {
                (Some(roxmltree::NS_XML_URI), "lang") => ("lang", a.value().to_string()),
                (Some(_), _) => continue,
                (None, n) => match self.attribute(n, a.value(), node) {
                    Some(v) => (n, v),
                    None => continue,
                },
            };
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            escape_attr(out, &value);
            out.push('"');
        }
        out.push('>');
        if VOID_ELEMENTS.contains(&name) {
            return;
        }
        self.children(out, node, replace);
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }

    /// An attribute value to write, or `None` to leave it out: event handlers and
    /// `javascript:` URLs go; file references are resolved to package paths.
    fn attribute(&mut self, name: &str, value: &str, node: Node) -> Option<String> {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("on") || lower == "xmlns" {
            return None;
        }
        let v = value.trim();
        if v.to_ascii_lowercase().starts_with("javascript:") {
            return None;
        }
        if ASSET_ATTRIBUTES.contains(&lower.as_str()) && !v.is_empty() {
            return Some(self.asset(v, xml::attr(node, "type")));
        }
        Some(value.to_string())
    }

    /// Record a referenced file; returns the path to write in its place.
    fn asset(&mut self, href: &str, declared_type: Option<&str>) -> String {
        if href.starts_with("data:") {
            return href.to_string();
        }
        let path = if paths::is_external(href) {
            href.to_string()
        } else {
            paths::resolve(self.base_dir, href)
        };
        let media_type = declared_type
            .map(str::trim)
            .filter(|t| t.contains('/'))
            .unwrap_or_else(|| paths::media_type(&path))
            .to_string();
        if !self.assets.iter().any(|a| a.path == path) {
            self.assets.push(Asset {
                path: path.clone(),
                media_type,
            });
        }
        path
    }

    /// `<object>` is how QTI 2.x embeds images and media; sanitizers drop it, so images,
    /// audio and video become `<img>`, `<audio>` and `<video>`. Other objects stay.
    fn object(&mut self, out: &mut String, node: Node, replace: &mut dyn FnMut(Node) -> Replace) {
        let Some(data) = xml::attr(node, "data").filter(|d| !d.trim().is_empty()) else {
            self.element(out, node, "object", replace);
            return;
        };
        let declared = xml::attr(node, "type").unwrap_or_default();
        let kind = if declared.contains('/') {
            declared.to_string()
        } else {
            paths::media_type(data).to_string()
        };
        let tag = match kind.split('/').next() {
            Some("image") => "img",
            Some("audio") => "audio",
            Some("video") => "video",
            _ => {
                self.element(out, node, "object", replace);
                return;
            }
        };
        let src = self.asset(data, Some(declared));
        out.push('<');
        out.push_str(tag);
        out.push_str(" src=\"");
        escape_attr(out, &src);
        out.push('"');
        for size in ["width", "height"] {
            if let Some(v) = xml::attr(node, size) {
                out.push_str(&format!(" {size}=\""));
                escape_attr(out, v);
                out.push('"');
            }
        }
        let fallback = xml::text(node);
        if tag == "img" {
            out.push_str(" alt=\"");
            escape_attr(out, &fallback);
            out.push_str("\">");
        } else {
            out.push_str(" controls>");
            escape_text(out, &fallback);
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
    }
}

/// Remove `<p>`, `<div>` and `<span>` elements holding only white space (left behind when an
/// interaction is taken out), repeatedly, so nested empty blocks go too.
pub fn drop_empty_blocks(html: &str) -> String {
    let mut out = html.to_string();
    loop {
        let before = out.len();
        for tag in ["p", "div", "span"] {
            let open = format!("<{tag}>");
            let close = format!("</{tag}>");
            let mut result = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(i) = rest.find(&open) {
                let after = &rest[i + open.len()..];
                let inner_len = after.len() - after.trim_start().len();
                if after[inner_len..].starts_with(&close) {
                    result.push_str(&rest[..i]);
                    rest = &after[inner_len + close.len()..];
                } else {
                    result.push_str(&rest[..i + open.len()]);
                    rest = after;
                }
            }
            result.push_str(rest);
            out = result;
        }
        if out.len() == before {
            return out;
        }
    }
}

/// Escape text for HTML content.
pub fn escape_text(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Escape text for a double-quoted attribute value.
pub fn escape_attr(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
}

/// Escaped text as a new string.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_text(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> (String, Vec<Asset>) {
        let doc = xml::parse("t.xml", src).unwrap();
        let mut w = HtmlWriter::new("items");
        let out = w.inner(doc.root_element(), &mut |_| Replace::Keep);
        (out, w.assets)
    }

    #[test]
    fn strips_namespaces_keeps_mathml_and_resolves_assets() {
        let (out, assets) = html(
            r#"<itemBody xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" xmlns:m="http://www.w3.org/1998/Math/MathML"><p xml:lang="en" onclick="x()">A &amp; B <m:math><m:mi>x</m:mi></m:math></p><img src="../img/a.png" alt="a"/><object type="image/jpeg" data="b.jpg">B</object><a href="javascript:alert(1)">l</a></itemBody>"#,
        );
        assert_eq!(
            out,
            r#"<p lang="en">A &amp; B <math><mi>x</mi></math></p><img src="img/a.png" alt="a"><img src="items/b.jpg" alt="B"><a>l</a>"#
        );
        assert_eq!(assets.len(), 2);
        assert_eq!(assets[0].media_type, "image/png");
        assert_eq!(assets[1].path, "items/b.jpg");
    }

    #[test]
    fn qti3_body_elements_reduce_to_html() {
        let (out, _) = html(
            r#"<qti-item-body xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"><div class="qti-layout-row"><qti-unknown>t</qti-unknown></div></qti-item-body>"#,
        );
        assert_eq!(out, r#"<div class="qti-layout-row">t</div>"#);
    }
}
