//! `certa export FORMAT --package P --record R [--options FILE.json]`: a completion record in
//! a learning standard's format, as JSON on standard output.
//!
//! - `scorm2004`, `scorm12`: `{"pairs": [[element, value], ...], "notices": [...]}`, the
//!   `SetValue` calls in order and what the format made the exporter change.
//! - `lti`: the LTI AGS score body. Options (optional): `user_id`, `comment`,
//!   `activity_progress` (`Completed` or `Submitted`), `timestamp`.
//! - `badge`: the unsigned Open Badges 3.0 credential, or `null` (with the reasons on
//!   standard error) when the attempt earned none. Options (required): `issuer` (`id`, `name`,
//!   `url`), `identity_salt`, `achievement_id`, `subject_id`.
//!
//! Exit status: 0 exported (or no badge to issue), 1 the record cannot be exported (not
//! scored, another package, bad options), 2 usage or I/O error.

use std::path::{Path, PathBuf};

use certa::record::badge::{open_badge, BadgeOptions};
use certa::record::lti::{lti_score, LtiOptions};
use certa::record::scorm::{scorm12, scorm2004, ScormExport};
use certa::record::{CompletionRecord, ExportError};
use serde::de::DeserializeOwned;

use super::output::{load_or_report, print_json, read, CliError, Status};

/// The standards a record can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// SCORM 2004 4th edition run-time data.
    Scorm2004,
    /// SCORM 1.2 run-time data.
    Scorm12,
    /// LTI 1.3 Assignment and Grade Services score.
    Lti,
    /// Open Badges 3.0 credential (unsigned).
    Badge,
}

/// The command's arguments.
#[derive(clap::Args)]
pub struct ExportArgs {
    pub format: ExportFormat,
    #[arg(long)]
    pub package: PathBuf,
    /// A completion record (certa-record/1) with its result.
    #[arg(long)]
    pub record: PathBuf,
    /// Format options as JSON.
    #[arg(long)]
    pub options: Option<PathBuf>,
}

pub fn run(args: &ExportArgs) -> Result<Status, CliError> {
    let Some(package) = load_or_report(&args.package, false)? else {
        return Ok(Status::Problems);
    };
    let record: CompletionRecord = serde_json::from_str(&read(&args.record)?).map_err(|e| {
        CliError::Usage(format!(
            "{}: not a completion record: {e}",
            args.record.display()
        ))
    })?;
    let exported = match args.format {
        ExportFormat::Scorm2004 => {
            no_options(args)?;
            scorm2004(&package, &record).map(|e| print_scorm(&e))
        }
        ExportFormat::Scorm12 => {
            no_options(args)?;
            scorm12(&package, &record).map(|e| print_scorm(&e))
        }
        ExportFormat::Lti => {
            let options: LtiOptions = match &args.options {
                Some(path) => options(path)?,
                None => LtiOptions::default(),
            };
            lti_score(&package, &record, &options).map(|s| print_json(&s))
        }
        ExportFormat::Badge => {
            let Some(path) = &args.options else {
                return Err(CliError::Usage(
                    "badge: give --options FILE.json with at least {\"issuer\": {\"id\": ..., \"name\": ...}}".into(),
                ));
            };
            let options: BadgeOptions = options(path)?;
            open_badge(&package, &record, &options).map(|credential| match credential {
                Some(c) => print_json(&c),
                None => {
                    println!("null");
                    let reasons = record
                        .result
                        .as_ref()
                        .map(|r| r.credential.reasons.join("; "))
                        .unwrap_or_default();
                    eprintln!("certa: no credential to issue: {reasons}");
                }
            })
        }
    };
    match exported {
        Ok(()) => Ok(Status::Ok),
        Err(e) => {
            report(&e);
            Ok(Status::Problems)
        }
    }
}

fn report(e: &ExportError) {
    eprintln!("certa: cannot export the record: {e}");
}

fn no_options(args: &ExportArgs) -> Result<(), CliError> {
    match args.options {
        Some(_) => Err(CliError::Usage(format!(
            "{:?} takes no --options",
            args.format
        ))),
        None => Ok(()),
    }
}

fn options<T: DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    serde_json::from_str(&read(path)?)
        .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

/// One pair per line, so the output reads as the list of calls it is.
fn print_scorm(export: &ScormExport) {
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "[]".to_string()
        } else {
            format!("[\n    {}\n  ]", items.join(",\n    "))
        }
    };
    println!(
        "{{\n  \"pairs\": {},\n  \"notices\": {}\n}}",
        list(export.pairs.iter().map(compact).collect()),
        list(export.notices.iter().map(compact).collect())
    );
}

fn compact<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
