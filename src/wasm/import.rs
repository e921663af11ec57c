//! `importPackage` (cargo feature `import`): QTI XML or an IMS content package to a `certa/1`
//! package and its import report, for the instructor preview. Behind a feature so the player's
//! binary does not carry the importer.

use wasm_bindgen::prelude::*;

use super::{error, to_js};
use crate::import::{import_package as import, PackageOptions, SourceFile};

#[wasm_bindgen(typescript_custom_section)]
const IMPORT_TYPES: &'static str = r#"
/** One line of an import report about an item or file. */
export interface ImportWarning { file: string; item?: string; message: string; }
export interface ImportSkipped { file: string; item?: string; reason: string; }
export interface ImportReport {
  sources: { file: string; format: string }[];
  imported: { id: string; title?: string; kind: string; file: string }[];
  skipped: ImportSkipped[];
  warnings: ImportWarning[];
  /** Defaults the package needed that the source does not give. */
  defaults: string[];
}
/** The imported package (a `certa/1` document, valid) and the report. */
export interface ImportResult { package: any; report: ImportReport; }
"#;

/// Import QTI 2.1/2.2/3.0 (an item, a test or a manifest as XML, or a content package as a
/// zip) into a valid package. Files a single XML source refers to cannot be fetched here, so
/// give a content package for tests with items. Throws a `CertaError` whose `code` is
/// `import_<kind>` (`import_malformed_xml`, `import_unknown_choice`, ...) and whose `path` is
/// the file with its line and column.
///
/// ```js
/// const bytes = new Uint8Array(await file.arrayBuffer());
/// const { package: pkg, report } = importPackage(bytes, file.name);
/// Package.load(JSON.stringify(pkg));
/// ```
#[wasm_bindgen(js_name = importPackage, unchecked_return_type = "ImportResult")]
pub fn import_package(bytes: &[u8], filename: &str) -> Result<JsValue, JsValue> {
    let files = vec![SourceFile {
        name: filename.to_string(),
        bytes: bytes.to_vec(),
    }];
    let mut nothing = |_: &str| None;
    let (package, report) = import(files, &mut nothing, &PackageOptions::default())
        .map_err(|e| error::import_error(&e))?;
    to_js(&serde_json::json!({ "package": package, "report": report }))
}
