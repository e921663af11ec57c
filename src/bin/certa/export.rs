//! `certa export FORMAT --package P --record R [--options FILE.json]`: map a scored completion
//! record onto a learning standard and print the result as JSON on standard output.
//!
//! - `xapi`: the xAPI 1.0.3 statements (`--options`: `XapiOptions`);
//! - `cmi5`: the cmi5 statements of an AU session (`--launch FILE.json`: the `Cmi5Launch`,
//!   required; `--options`: `XapiOptions`).
//!
//! A record that does not fit the package (another package, unknown items, unscored secure
//! record) is reported on standard error with exit status 1.

use std::path::{Path, PathBuf};

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
    let Some(package) = load_or_report(&args.package, false)? else {
        return Ok(Status::Problems);
    };
    let record: CompletionRecord = read_json(&args.record)?;
    let exported = match args.format {
        ExportFormat::Xapi => {
            let options: XapiOptions = read_options(args.options.as_deref())?;
            xapi_statements(&package, &record, &options)
        }
        ExportFormat::Cmi5 => {
            let Some(launch_path) = &args.launch else {
                return Err(CliError::Usage("cmi5 needs --launch FILE.json".into()));
            };
            let launch: Cmi5Launch = read_json(launch_path)?;
            let options: XapiOptions = read_options(args.options.as_deref())?;
            cmi5_statements(&package, &record, &launch, &options)
        }
    };
    match exported {
        Ok(statements) => {
            print_json(&statements);
            Ok(Status::Ok)
        }
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
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de)
        .map_err(|e| CliError::Usage(format!("{}: {}: {}", path.display(), e.path(), e.inner())))
}
