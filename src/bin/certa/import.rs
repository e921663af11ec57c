//! `certa import FILE [--out PACKAGE] [--id ID] [--title T]`: turn a question file from
//! another format into a valid certa package, and report what was imported, what was skipped
//! and why, and what could not be represented exactly.
//!
//! The source format is detected once ([`detect`]) and dispatched in one `match`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use certa::import::gift::{self, GiftImport, GiftOptions, PackageSettings};
use certa::model::{validate, Package};

use super::output::{print_json, write, CliError, Status};

/// The formats `certa import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceFormat {
    /// Moodle GIFT text (`.gift`, `.txt`).
    Gift,
}

impl SourceFormat {
    fn name(self) -> &'static str {
        match self {
            SourceFormat::Gift => "GIFT",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The question file to import.
    pub file: PathBuf,
    /// Where to write the package [default: the input file with the extension .json].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Package id [default: from the file name].
    #[arg(long)]
    pub id: Option<String>,
    /// Package title [default: from the file name].
    #[arg(long)]
    pub title: Option<String>,
    /// BCP 47 language tag of the content.
    #[arg(long, default_value = "en")]
    pub language: String,
    /// The source format [default: detected from the file name and content].
    #[arg(long, value_enum)]
    pub from: Option<SourceFormat>,
    /// Skip questions with errors (listed in the report) instead of stopping at the first.
    #[arg(long)]
    pub skip_invalid: bool,
    #[arg(long)]
    pub json: bool,
}

/// The format of a file, from its extension, else from its first characters.
pub fn detect(path: &Path, bytes: &[u8]) -> Result<SourceFormat, CliError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("gift" | "txt") => return Ok(SourceFormat::Gift),
        Some("json") => {
            return Err(CliError::Usage(format!(
                "{}: a JSON file is already a package (try certa validate)",
                path.display()
            )))
        }
        _ => {}
    }
    let text = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes));
    let start = text.trim_start_matches('\u{FEFF}').trim_start();
    if !start.starts_with('<') && text.contains('{') {
        return Ok(SourceFormat::Gift);
    }
    Err(CliError::Usage(format!(
        "{}: cannot tell the format from the name or the content; give --from",
        path.display()
    )))
}

pub fn run(args: &ImportArgs) -> Result<Status, CliError> {
    let bytes = std::fs::read(&args.file).map_err(|source| CliError::Io {
        path: args.file.display().to_string(),
        source,
    })?;
    let format = match args.from {
        Some(f) => f,
        None => detect(&args.file, &bytes)?,
    };
    let file = args.file.display().to_string();
    match format {
        SourceFormat::Gift => {
            let options = GiftOptions {
                skip_invalid: args.skip_invalid,
                ..GiftOptions::default()
            };
            match gift::parse_gift_bytes(&bytes, &file, &options) {
                Ok(import) => finish_gift(args, format, &import),
                Err(err) => {
                    if args.json {
                        print_json(&serde_json::json!({ "imported": false, "error": err }));
                    } else {
                        println!("{err}");
                    }
                    Ok(Status::Problems)
                }
            }
        }
    }
}

/// Default package id and title from the file name: `unit-3_quiz.gift` → `unit-3-quiz`,
/// "Unit 3 quiz".
fn names_from(path: &Path) -> (String, String) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = Some(gift::slug(&stem))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "imported".to_string());
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    let title = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Imported questions".to_string(),
    };
    (id, title)
}

fn finish_gift(
    args: &ImportArgs,
    format: SourceFormat,
    import: &GiftImport,
) -> Result<Status, CliError> {
    let (id, title) = names_from(&args.file);
    let mut settings = PackageSettings::new(
        args.id.as_deref().unwrap_or(&id),
        args.title.as_deref().unwrap_or(&title),
    );
    settings.language = args.language.clone();
    let package = gift::gift_package(import, &settings);
    let problems = validate(&package);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.file.with_extension("json"));
    let written = problems.is_empty() && !import.items.is_empty();
    if written {
        let text = serde_json::to_string_pretty(&package)
            .map_err(|e| CliError::Usage(format!("cannot write the package: {e}")))?;
        write(&out, &(text + "\n"))?;
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &import.items {
        *kinds.entry(item.interaction.kind().as_str()).or_default() += 1;
    }
    if args.json {
        print_json(&serde_json::json!({
            "imported": written,
            "source": format.name(),
            "file": args.file.display().to_string(),
            "out": written.then(|| out.display().to_string()),
            "items": import.items.len(),
            "kinds": kinds,
            "domains": import.domains,
            "skipped": import.skipped,
            "warnings": import.warnings,
            "scoring": { "scale": package.scoring.scale, "cut_score": package.scoring.cut_score },
            "package": { "id": package.id, "title": package.title, "version": package.version },
            "problems": problems,
        }));
    } else {
        print_report(args, format, import, &package, &kinds);
        for p in &problems {
            println!("  package problem: {p}");
        }
        if written {
            println!(
                "wrote {}: \"{}\" ({}) {}, valid",
                out.display(),
                package.title,
                package.id,
                package.version
            );
        } else if import.items.is_empty() {
            println!("nothing imported: no question became an item; no package written");
        }
    }
    Ok(if written {
        Status::Ok
    } else {
        Status::Problems
    })
}

fn print_report(
    args: &ImportArgs,
    format: SourceFormat,
    import: &GiftImport,
    package: &Package,
    kinds: &BTreeMap<&str, usize>,
) {
    let list = |pairs: Vec<String>| {
        if pairs.is_empty() {
            "none".to_string()
        } else {
            pairs.join(", ")
        }
    };
    println!(
        "{} ({}): {} item(s) imported, {} skipped, {} warning(s)",
        args.file.display(),
        format.name(),
        import.items.len(),
        import.skipped.len(),
        import.warnings.len()
    );
    println!(
        "  kinds     {}",
        list(kinds.iter().map(|(k, n)| format!("{k} {n}")).collect())
    );
    println!(
        "  domains   {} (blueprint quotas; form length {}, every item)",
        list(
            import
                .domains
                .iter()
                .map(|d| format!("{} {}", d.name, d.items))
                .collect()
        ),
        package.blueprint.length
    );
    println!(
        "  outcomes  one per domain ({}), each item aligned to its domain's outcome",
        package.outcomes.len()
    );
    println!(
        "  scoring   scale {}–{}, cut score {} (defaults; no credential)",
        package.scoring.scale.min, package.scoring.scale.max, package.scoring.cut_score
    );
    if !import.skipped.is_empty() {
        println!("skipped:");
        for s in &import.skipped {
            println!("  {s}");
        }
    }
    if !import.warnings.is_empty() {
        println!("warnings:");
        for w in &import.warnings {
            println!("  {w}");
        }
    }
}
