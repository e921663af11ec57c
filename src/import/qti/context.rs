//! What converting one item carries along: the file and item names for messages, the HTML
//! writer (with the assets it found), the warnings so far, and the two ways a conversion can
//! stop short: the item is skipped with a reason, or the import fails with an error.

use roxmltree::Node;

use super::declarations::Pos;
use super::html::{HtmlWriter, Replace};
use super::xml;
use crate::import::error::{ImportError, ImportErrorKind};
use crate::model::Choice;

/// Why a conversion stopped.
#[derive(Debug)]
pub enum Fail {
    /// The item cannot be imported; the reason goes in the report and the import goes on.
    Skip(String),
    /// The source is broken; the import stops with this error.
    Error(ImportError),
}

impl From<ImportError> for Fail {
    fn from(e: ImportError) -> Fail {
        Fail::Error(e)
    }
}

/// A conversion step.
pub type Conv<T> = Result<T, Fail>;

/// Skip the item with this reason.
pub fn skip<T>(reason: impl Into<String>) -> Conv<T> {
    Err(Fail::Skip(reason.into()))
}

/// State while converting one item.
pub struct ItemContext<'f> {
    pub file: &'f str,
    pub item: String,
    pub html: HtmlWriter<'f>,
    pub warnings: Vec<String>,
    /// Feedback elements left out of the content (reported once per item).
    pub dropped_feedback: Vec<String>,
}

impl<'f> ItemContext<'f> {
    pub fn new(file: &'f str, base_dir: &'f str, item: &str) -> ItemContext<'f> {
        ItemContext {
            file,
            item: item.to_string(),
            html: HtmlWriter::new(base_dir),
            warnings: Vec::new(),
            dropped_feedback: Vec::new(),
        }
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    /// An error at a node.
    pub fn error(&self, kind: ImportErrorKind, node: Node, message: impl Into<String>) -> Fail {
        Fail::Error(xml::error_at(kind, self.file, node, message))
    }

    /// An error at a recorded position.
    pub fn error_at(&self, kind: ImportErrorKind, pos: Pos, message: impl Into<String>) -> Fail {
        Fail::Error(ImportError::at(kind, self.file, pos.0, pos.1, message))
    }

    /// The HTML content of a node, feedback and template constructs left out.
    pub fn content(&mut self, node: Node) -> String {
        let mut dropped = Vec::new();
        let html = self
            .html
            .inner(node, &mut |n| content_rule(n, &mut dropped));
        self.dropped_feedback.extend(dropped);
        html
    }

    /// A choice (`simpleChoice`, `inlineChoice`, `simpleAssociableChoice`, `gapText`,
    /// `gapImg`): its identifier, content, `fixed` as pinned, and its inline feedback.
    pub fn choice(&mut self, node: Node) -> Conv<Choice> {
        let id = xml::required_attr(self.file, node, "identifier")?.to_string();
        let mut feedback = Vec::new();
        let mut dropped = Vec::new();
        let content = self.html.inner(node, &mut |n| {
            if xml::is(n, "feedbackInline") || xml::is(n, "feedbackBlock") {
                let mut inner = HtmlWriter::new("");
                feedback.push(inner.inner(n, &mut |_| Replace::Keep));
                Replace::Drop
            } else {
                content_rule(n, &mut dropped)
            }
        });
        self.dropped_feedback.extend(dropped);
        let content = if content.is_empty() {
            self.warn(format!(
                "choice \"{id}\" has no content; its identifier is shown instead"
            ));
            super::html::escaped(&id)
        } else {
            content
        };
        let feedback: Vec<String> = feedback.into_iter().filter(|f| !f.is_empty()).collect();
        Ok(Choice {
            id,
            content,
            pinned: xml::bool_attr(node, "fixed").unwrap_or(false),
            feedback: if feedback.is_empty() {
                None
            } else {
                Some(feedback.join(" "))
            },
        })
    }

    /// Choices must have distinct identifiers: a repeat is an error at the second one.
    pub fn unique(&self, choices: &[(Choice, Node)], what: &str) -> Conv<()> {
        for (i, (c, node)) in choices.iter().enumerate() {
            if choices.iter().take(i).any(|(d, _)| d.id == c.id) {
                return Err(self.error(
                    ImportErrorKind::DuplicateIdentifier,
                    *node,
                    format!(
                        "a second {what} with identifier \"{}\"; identifiers must be unique in an interaction",
                        c.id
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The default rule for content: feedback, rubric and template constructs are left out
/// (feedback counted), everything else kept.
pub fn content_rule(node: Node, dropped: &mut Vec<String>) -> Replace {
    match xml::name(node).as_str() {
        "feedbackInline" | "feedbackBlock" | "modalFeedback" => {
            dropped.push(xml::name(node));
            Replace::Drop
        }
        "contentBody" => Replace::Unwrap,
        "rubricBlock" | "templateBlock" | "templateInline" | "printedVariable" | "stylesheet" => {
            Replace::Drop
        }
        _ => Replace::Keep,
    }
}

/// "A, B, C" for messages.
pub fn id_list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

/// Points for messages: `1`, `0.5`.
pub fn pts(x: f64) -> String {
    format!("{}", (x * 1e6).round() / 1e6)
}

/// Two point values equal within rounding.
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}
