//! `certa import FILE... [--out package.json] [--id ID --title T]`: question banks from other
//! formats to a certa package, with a report. The format is detected once, from the content
//! (and a `.gift` / `.txt` name), and dispatched in one `match`:
//! - QTI 2.1/2.2/3.0 XML, manifests and IMS content packages (`import_qti`);
//! - Moodle GIFT text (`import_gift`).

use std::path::{Path, PathBuf};

use super::output::{print_json, CliError, Status};
use super::{import_gift, import_qti};

/// The formats `certa import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceFormat {
    /// IMS QTI 2.1/2.2/3.0 XML (items, tests, imsmanifest.xml) or a content package (zip).
    Qti,
    /// Moodle GIFT text (`.gift`, `.txt`).
    Gift,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// QTI item or test XML files, an imsmanifest.xml, content packages (zip), or one GIFT file.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the package here [default: QTI to standard output; GIFT beside the file, as .json].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Package id [default: the test's identifier, or from the file name].
    #[arg(long)]
    pub id: Option<String>,
    /// Package title [default: the test's title, or from the file name].
    #[arg(long)]
    pub title: Option<String>,
    /// BCP 47 language tag of the content [default: the source's xml:lang, else "en"].
    #[arg(long)]
    pub language: Option<String>,
    /// The source format [default: detected from the content and the file name].
    #[arg(long, value_enum)]
    pub from: Option<SourceFormat>,
    /// GIFT: skip questions with errors (listed in the report) instead of stopping at the first.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The format of a file: QTI when the content is XML or a zip, GIFT when the name says so or
/// the text holds GIFT answer braces. `Err` says why the file is neither.
pub fn detect(path: &Path, bytes: &[u8]) -> Result<SourceFormat, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("gift" | "txt") => return Ok(SourceFormat::Gift),
        Some("json") => {
            return Err(format!(
                "{}: a JSON file is already a package (try certa validate)",
                path.display()
            ))
        }
        _ => {}
    }
    if certa::import::detect(bytes).is_some() {
        return Ok(SourceFormat::Qti);
    }
    let text = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes));
    if text.contains('{') {
        return Ok(SourceFormat::Gift);
    }
    Err(format!(
        "{}: neither QTI (XML or a zip) nor GIFT; give --from",
        path.display()
    ))
}

pub fn run(args: &ImportArgs) -> Result<Status, CliError> {
    let Some(first) = args.files.first() else {
        return Err(CliError::Usage("give at least one file".into()));
    };
    let bytes = std::fs::read(first).map_err(|source| CliError::Io {
        path: first.display().to_string(),
        source,
    })?;
    let detected = match args.from {
        Some(f) => Ok(f),
        None => detect(first, &bytes),
    };
    let format = match detected {
        Ok(format) => format,
        Err(message) => {
            if args.json {
                print_json(&serde_json::json!({
                    "imported": false,
                    "error": { "kind": "unknown_format", "file": first.display().to_string(), "message": message },
                }));
            } else {
                eprintln!("certa import: {message}");
            }
            return Ok(Status::Problems);
        }
    };
    match format {
        SourceFormat::Qti => import_qti::run(args),
        SourceFormat::Gift => {
            if args.files.len() > 1 {
                return Err(CliError::Usage(
                    "GIFT import reads one file at a time".into(),
                ));
            }
            import_gift::run(args, first, &bytes)
        }
    }
}
