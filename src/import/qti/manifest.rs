//! `imsmanifest.xml`: the resources of an IMS content package (items, tests, sections, other
//! content), where each one's file is, and the learning-outcome metadata attached to it:
//! curriculum standards (`curriculumStandardsMetadataSet`, `labelledGUID` with `GUID` and
//! `label`) and LOM classifications for an educational objective or competency (`taxonPath`,
//! `taxon` with `id` and `entry`).

use std::collections::BTreeSet;

use roxmltree::Node;

use super::paths;
use super::xml;
use crate::import::error::{ImportError, ImportErrorKind};

/// What a resource is, from its `type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceKind {
    /// `imsqti_item_xmlv2p1`, `..v2p2`, `..v3p0`.
    Item,
    /// `imsqti_test_xmlv2p1`, `..v3p0`.
    Test,
    /// A section, stimulus, web content or other support file: read through what refers to it.
    Support,
    /// A type certa does not read (QTI 1.2 and others), by its type.
    Unsupported(String),
}

/// A standard or objective an item is aligned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    pub id: String,
    pub label: String,
}

/// One `resource`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub identifier: String,
    pub kind: ResourceKind,
    /// The package path of its main file (`href`), resolved against the manifest.
    pub path: Option<String>,
    pub standards: Vec<Standard>,
    /// Where it is declared (for errors about it).
    pub pos: (u32, u32),
}

/// The resources of a manifest, in order. `dir` is the manifest's folder in the package.
pub fn resources(label: &str, dir: &str, root: Node) -> Result<Vec<Resource>, ImportError> {
    let base = |n: Node, dir: &str| -> String {
        match n.attribute((roxmltree::NS_XML_URI, "base")) {
            Some(b) if !b.trim().is_empty() => paths::resolve(dir, b),
            _ => dir.to_string(),
        }
    };
    let manifest_dir = base(root, dir);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for list in root
        .children()
        .filter(|n| n.has_tag_name_local("resources"))
    {
        let list_dir = base(list, &manifest_dir);
        for r in list.children().filter(|n| n.has_tag_name_local("resource")) {
            let identifier = r
                .attribute("identifier")
                .unwrap_or_default()
                .trim()
                .to_string();
            if !identifier.is_empty() && !seen.insert(identifier.clone()) {
                return Err(xml::error_at(
                    ImportErrorKind::DuplicateIdentifier,
                    label,
                    r,
                    format!("a second manifest resource with identifier \"{identifier}\""),
                ));
            }
            let kind_text = r.attribute("type").unwrap_or_default().trim();
            let kind = if kind_text.starts_with("imsqti_item_xmlv2")
                || kind_text.starts_with("imsqti_item_xmlv3")
            {
                ResourceKind::Item
            } else if kind_text.starts_with("imsqti_test_xmlv2")
                || kind_text.starts_with("imsqti_test_xmlv3")
                || kind_text.starts_with("imsqti_assessment_xmlv2")
            {
                ResourceKind::Test
            } else if kind_text.starts_with("imsqti_section")
                || kind_text.starts_with("imsqti_stimulus")
                || kind_text.starts_with("imsqti_outcomes")
                || kind_text.starts_with("imsqti_fragment")
                || kind_text.starts_with("imsqti_responseprocessing")
                || kind_text == "webcontent"
                || kind_text.starts_with("associatedcontent")
                || kind_text.starts_with("controlfile")
                || kind_text.starts_with("imsqti_rptemplate")
                || kind_text.contains("pci")
            {
                ResourceKind::Support
            } else {
                ResourceKind::Unsupported(kind_text.to_string())
            };
            let dir = base(r, &list_dir);
            let path = r
                .attribute("href")
                .filter(|h| !h.trim().is_empty())
                .map(|h| paths::resolve(&dir, h));
            out.push(Resource {
                identifier,
                kind,
                path,
                standards: standards(r),
                pos: xml::position(r),
            });
        }
    }
    Ok(out)
}

trait LocalName {
    fn has_tag_name_local(&self, name: &str) -> bool;
}

impl LocalName for Node<'_, '_> {
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }
}

/// Curriculum standards and LOM objectives in a resource's metadata.
pub fn standards(resource: Node) -> Vec<Standard> {
    let mut out: Vec<Standard> = Vec::new();
    let mut push = |id: String, label: String| {
        if !id.is_empty() && !out.iter().any(|s| s.id == id) {
            out.push(Standard { id, label });
        }
    };
    let local_text = |n: Node, name: &str| -> String {
        n.descendants()
            .find(|d| d.has_tag_name_local(name))
            .map(xml::text)
            .unwrap_or_default()
    };
    for g in resource
        .descendants()
        .filter(|d| d.has_tag_name_local("labelledGUID"))
    {
        push(local_text(g, "GUID"), local_text(g, "label"));
    }
    for c in resource
        .descendants()
        .filter(|d| d.has_tag_name_local("classification"))
    {
        let purpose = c
            .children()
            .find(|d| d.has_tag_name_local("purpose"))
            .map(|p| local_text(p, "value").to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(
            purpose.as_str(),
            "educational objective" | "competency" | "skill level"
        ) {
            continue;
        }
        for t in c.descendants().filter(|d| d.has_tag_name_local("taxon")) {
            let id = t
                .children()
                .find(|d| d.has_tag_name_local("id"))
                .map(xml::text)
                .unwrap_or_default();
            let entry = t
                .children()
                .find(|d| d.has_tag_name_local("entry"))
                .map(xml::text)
                .unwrap_or_default();
            let id = if id.is_empty() { entry.clone() } else { id };
            push(id, entry);
        }
    }
    out
}
