//! `certa export FORMAT --package P --record R [--options FILE.json]`: map a scored completion
//! record onto a learning standard and print the result as JSON on standard output.
//!
//! - `xapi`: the xAPI 1.0.3 statements (`--options`: `XapiOptions`);
//! - `cmi5`: the cmi5 statements of an AU session (`--launch FILE.json`: the `Cmi5Launch`,
//!   required; `--options`: `XapiOptions`);
//! - `scorm2004`, `scorm12`: `{"pairs": [[element, value], ...], "notices": [...]}`, the
//!   `SetValue` calls in order and what the format made the exporter change (no options);
//! - `lti`: the LTI AGS score body (`--options`: `LtiOptions`: `user_id`, `comment`,
//!   `activity_progress`, `timestamp`);
//! - `badge`: the unsigned Open Badges 3.0 credential, or `null` (with the reasons on standard
//!   error) when the attempt earned none (`--options`: `BadgeOptions`, required: `issuer` with
//!   `id`, `name`, `url`; `identity_salt`, `achievement_id`, `subject_id`).
//!
//! A record that does not fit the package (another package, unknown items, unscored secure
//! record) or bad options are reported on standard error with exit status 1.

use std::path::{Path, PathBuf};

use certa::record::badge::{open_badge, BadgeOptions};
use certa::record::lti::{lti_score, LtiOptions};
use certa::record::scorm::{scorm12, scorm2004, ScormExport};
use certa::record::{cmi5_statements, xapi_statements, Cmi5Launch, CompletionRecord, XapiOptions};
use serde::de::DeserializeOwned;

use super::output::{load_or_report, print_json, read, CliError, Status};

/// The standards a record can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// xAPI 1.0.3 statements.
    Xapi,
    /// cmi5 statements (needs --launch).
    Cmi5,
    /// SCORM 2004 4th edition run-time data.
    Scorm2004,
    /// SCORM 1.2 run-time data.
    Scorm12,
    /// LTI 1.3 Assignment and Grade Services score.
    Lti,
    /// Open Badges 3.0 credential, unsigned (needs --options with an issuer).
    Badge,
}

/// The command's arguments.
#[derive(clap::Args)]
pub struct ExportArgs {
    pub format: ExportFormat,
    /// The package the record was made on.
    #[arg(long)]
    pub package: PathBuf,
    /// The completion record (certa-record/1 JSON); secure records after verification.
    #[arg(long)]
    pub record: PathBuf,
    /// Exporter options as JSON (see the format's options type); defaults when absent.
    #[arg(long)]
    pub options: Option<PathBuf>,
    /// cmi5 only: the launch parameters and LMS.LaunchData as JSON.
    #[arg(long)]
    pub launch: Option<PathBuf>,
}

pub fn run(args: &ExportArgs) -> Result<Status, CliError> {
    if args.launch.is_some() && args.format != ExportFormat::Cmi5 {
        return Err(CliError::Usage("--launch is only for cmi5".into()));
    }
    if args.options.is_some()
        && matches!(args.format, ExportFormat::Scorm2004 | ExportFormat::Scorm12)
    {
        return Err(CliError::Usage(format!(
            "{:?} takes no --options",
            args.format
        )));
    }
    let Some(package) = load_or_report(&args.package, false)? else {
        return Ok(Status::Problems);
    };
    let record: CompletionRecord = read_json(&args.record)?;
    let exported = match args.format {
        ExportFormat::Xapi => {
            let options: XapiOptions = read_options(args.options.as_deref())?;
            xapi_statements(&package, &record, &options).map(|s| print_json(&s))
        }
        ExportFormat::Cmi5 => {
            let Some(launch_path) = &args.launch else {
                return Err(CliError::Usage("cmi5 needs --launch FILE.json".into()));
            };
            let launch: Cmi5Launch = read_json(launch_path)?;
            let options: XapiOptions = read_options(args.options.as_deref())?;
            cmi5_statements(&package, &record, &launch, &options).map(|s| print_json(&s))
        }
        ExportFormat::Scorm2004 => scorm2004(&package, &record).map(|e| print_scorm(&e)),
        ExportFormat::Scorm12 => scorm12(&package, &record).map(|e| print_scorm(&e)),
        ExportFormat::Lti => {
            let options: LtiOptions = read_options(args.options.as_deref())?;
            lti_score(&package, &record, &options).map(|s| print_json(&s))
        }
        ExportFormat::Badge => {
            let Some(path) = &args.options else {
                return Err(CliError::Usage(
                    "badge needs --options FILE.json with at least {\"issuer\": {\"id\": ..., \"name\": ...}}".into(),
                ));
            };
            let options: BadgeOptions = read_json(path)?;
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
            eprintln!("certa: cannot export the record: {e}");
            Ok(Status::Problems)
        }
    }
}

/// The options file, or the defaults when none is given.
fn read_options<T: DeserializeOwned + Default>(path: Option<&Path>) -> Result<T, CliError> {
    match path {
        Some(path) => read_json(path),
        None => Ok(T::default()),
    }
}

/// Parse a JSON file, naming the path of the value that does not fit.
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    let text = read(path)?;
    certa::model::json::from_str(&text)
        .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

/// SCORM pairs one per line, so the output reads as the list of calls it is.
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
