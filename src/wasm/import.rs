//! `importPackage` (cargo feature `import`): QTI XML, an IMS content package or a Moodle GIFT
//! file to a `certa/1` package and one import report, for the instructor preview. Behind a
//! feature so the player's binary does not carry the importers; `./x build` builds it as its
//! own module (`pkg/import/certa_import.js`).
//!
//! The two importers report in their own terms (QTI by file and item identifier, GIFT by file,
//! line and column); here both become the one report shape declared below.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::error;
use crate::import::gift::{self, GiftImport, GiftOptions, PackageSettings};
use crate::import::{import_package as import_qti, ImportReport, PackageOptions, SourceFile};
use crate::model::Package;

#[wasm_bindgen(typescript_custom_section)]
const IMPORT_TYPES: &'static str = r#"
/** Where a line of an import report points: the file, and the line and column when known
 * (GIFT reports give them; QTI reports name the item). */
export interface ImportPlace { file: string; line?: number; column?: number; }
/** Something imported with a difference from the source, or not carried over. */
export interface ImportWarning extends ImportPlace { item?: string; message: string; }
/** What was not imported, and why: by item identifier (QTI) or question title (GIFT). */
export interface ImportSkipped extends ImportPlace { item?: string; title?: string; reason: string; }
export interface ImportedItem { id: string; title?: string; kind: InteractionType; file: string; }
/** A GIFT category as a certa domain. */
export interface ImportedDomain { name: string; categories: string[]; items: number; }
export interface ImportReport {
  format: "qti" | "gift";
  sources: { file: string; format: string }[];
  imported: ImportedItem[];
  skipped: ImportSkipped[];
  warnings: ImportWarning[];
  /** Defaults the package needed that the source does not give. */
  defaults: string[];
  /** GIFT: the domains made from its categories (empty for QTI). */
  domains: ImportedDomain[];
}
/** The imported package (a `certa/1` document) and the report. */
export interface ImportResult { package: any; report: ImportReport; }
/** A failed import, thrown as a CertaError: `code` is `import_<kind>` (`import_malformed_xml`,
 * `import_missing_href`, `import_invalid_gift`, ...) and `path` the place
 * (`exam.zip!items/q7.xml:12:5`). */
export interface ImportError extends Error {
  name: "CertaError";
  code: `import_${string}`;
  path?: string;
  /** The questions skipped, when an import kept none (`import_no_items`). */
  problems?: Problem[];
}
"#;

/// Import a question bank into a package: QTI 2.1/2.2/3.0 (an item, a test or a manifest as
/// XML, or a content package as a zip) or Moodle GIFT text. The format is read from the file
/// name (`.gift`, `.txt`) and the content. A GIFT question with an error is skipped and listed
/// in the report (as `certa import --skip-invalid` does). Files a single XML source refers to
/// cannot be fetched here, so give a content package for tests with items. Throws a
/// `CertaError` whose `code` is `import_<kind>` and whose `path` is the file with its line and
/// column or element path.
///
/// ```js
/// const bytes = new Uint8Array(await file.arrayBuffer());
/// const { package: pkg, report } = importPackage(bytes, file.name);
/// Package.load(JSON.stringify(pkg));
/// ```
#[wasm_bindgen(js_name = importPackage, unchecked_return_type = "ImportResult")]
pub fn import_package(bytes: &[u8], filename: &str) -> Result<JsValue, JsValue> {
    match source_kind(filename, bytes) {
        Some(SourceKind::Qti) => qti(bytes, filename),
        Some(SourceKind::Gift) => gift_import(bytes, filename),
        None => Err(error::import_unknown_format(filename)),
    }
}

/// Which importer reads a file.
enum SourceKind {
    Qti,
    Gift,
}

/// GIFT for a `.gift` / `.txt` name; QTI for XML or a zip (or an `.xml` / `.zip` name, whose
/// importer then says what is wrong); otherwise GIFT when the text holds an answer brace, as
/// `certa import` decides.
fn source_kind(filename: &str, bytes: &[u8]) -> Option<SourceKind> {
    let ext = filename
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "gift" | "txt" => return Some(SourceKind::Gift),
        "xml" | "zip" => return Some(SourceKind::Qti),
        _ => {}
    }
    if crate::import::detect(bytes).is_some() {
        return Some(SourceKind::Qti);
    }
    let head = bytes.get(..4096).unwrap_or(bytes);
    head.contains(&b'{').then_some(SourceKind::Gift)
}

/// A document as a plain JS value, through its serde JSON text and `JSON.parse` (the importer's
/// module keeps serde's serializer; the player's writes with `model::json`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text =
        serde_json::to_string(value).map_err(|e| error::plain("serialize", &e.to_string()))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| error::plain("serialize", "JSON.parse refused a document"))
}

/// One package and its report, as JS receives them.
#[derive(Serialize)]
struct ImportResult<'a> {
    package: &'a Package,
    report: Report,
}

#[derive(Serialize)]
struct Report {
    format: &'static str,
    sources: Vec<crate::import::SourceSummary>,
    imported: Vec<ImportedItem>,
    skipped: Vec<ReportLine>,
    warnings: Vec<ReportLine>,
    defaults: Vec<String>,
    domains: Vec<gift::ImportedDomain>,
}

#[derive(Serialize)]
struct ImportedItem {
    id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    title: String,
    kind: &'static str,
    file: String,
}

/// A skipped item (`reason`) or a warning (`message`) with its place.
#[derive(Serialize)]
struct ReportLine {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

fn qti(bytes: &[u8], filename: &str) -> Result<JsValue, JsValue> {
    let files = vec![SourceFile {
        name: filename.to_string(),
        bytes: bytes.to_vec(),
    }];
    let mut nothing = |_: &str| None;
    let (package, report) = import_qti(files, &mut nothing, &PackageOptions::default())
        .map_err(|e| error::import_error(&e))?;
    to_js(&ImportResult {
        package: &package,
        report: qti_report(report),
    })
}

fn qti_report(report: ImportReport) -> Report {
    let line = |file: String, item: Option<String>| ReportLine {
        file,
        line: None,
        column: None,
        item,
        title: None,
        reason: None,
        message: None,
    };
    Report {
        format: "qti",
        sources: report.sources,
        imported: report
            .imported
            .into_iter()
            .map(|i| ImportedItem {
                id: i.id,
                title: i.title,
                kind: i.kind.as_str(),
                file: i.file,
            })
            .collect(),
        skipped: report
            .skipped
            .into_iter()
            .map(|s| ReportLine {
                reason: Some(s.reason),
                ..line(s.file, s.item)
            })
            .collect(),
        warnings: report
            .warnings
            .into_iter()
            .map(|w| ReportLine {
                message: Some(w.message),
                ..line(w.file, w.item)
            })
            .collect(),
        defaults: report.defaults,
        domains: Vec::new(),
    }
}

fn gift_import(bytes: &[u8], filename: &str) -> Result<JsValue, JsValue> {
    let options = GiftOptions {
        skip_invalid: true,
        ..GiftOptions::default()
    };
    let import =
        gift::parse_gift_bytes(bytes, filename, &options).map_err(|e| error::gift_error(&e))?;
    if import.items.is_empty() {
        return Err(error::gift_no_items(filename, &import.skipped));
    }
    let settings = PackageSettings::from_file_name(filename);
    let package = gift::gift_package(&import, &settings);
    to_js(&ImportResult {
        package: &package,
        report: gift_report(import, &settings, filename),
    })
}

fn gift_report(import: GiftImport, settings: &PackageSettings, filename: &str) -> Report {
    let defaults = gift::package_defaults(settings, import.domains.len());
    Report {
        format: "gift",
        sources: vec![crate::import::SourceSummary {
            file: filename.to_string(),
            format: "gift".to_string(),
        }],
        imported: import
            .items
            .iter()
            .map(|item| ImportedItem {
                id: item.id.clone(),
                title: String::new(),
                kind: item.interaction.kind().as_str(),
                file: filename.to_string(),
            })
            .collect(),
        skipped: import
            .skipped
            .into_iter()
            .map(|s| ReportLine {
                file: s.location.file,
                line: Some(s.location.line),
                column: Some(s.location.column),
                item: None,
                title: s.title,
                reason: Some(s.reason),
                message: None,
            })
            .collect(),
        warnings: import
            .warnings
            .into_iter()
            .map(|w| ReportLine {
                file: w.location.file,
                line: Some(w.location.line),
                column: Some(w.location.column),
                item: w.item_id,
                title: None,
                reason: None,
                message: Some(w.message),
            })
            .collect(),
        defaults,
        domains: import.domains,
    }
}
