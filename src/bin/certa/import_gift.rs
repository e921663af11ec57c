//! `certa import FILE.gift`: a Moodle GIFT file to a certa package, with a report of what
//! was imported, what was skipped and why, and what could not be represented exactly. Without
//! `--out` the package is written beside the file, with the extension `.json`.

use std::collections::BTreeMap;
use std::path::Path;

use certa::import::gift::{self, GiftImport, GiftOptions, PackageSettings};
use certa::model::{validate, Package};

use super::import::ImportArgs;
use super::output::{print_json, write, CliError, Status};

pub fn run(args: &ImportArgs, file: &Path, bytes: &[u8]) -> Result<Status, CliError> {
    let name = file.display().to_string();
    let options = GiftOptions {
        skip_invalid: args.skip_invalid,
        ..GiftOptions::default()
    };
    match gift::parse_gift_bytes(bytes, &name, &options) {
        Ok(import) => finish_gift(args, file, &import),
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

fn finish_gift(args: &ImportArgs, file: &Path, import: &GiftImport) -> Result<Status, CliError> {
    let mut settings = PackageSettings::from_file_name(&file.display().to_string());
    if let Some(id) = &args.id {
        settings.id = id.clone();
    }
    if let Some(title) = &args.title {
        settings.title = title.clone();
    }
    settings.language = args.language.clone().unwrap_or_else(|| "en".to_string());
    let package = gift::gift_package(import, &settings);
    let problems = validate(&package);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| file.with_extension("json"));
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
            "source": "GIFT",
            "file": file.display().to_string(),
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
        print_report(file, import, &package, &kinds);
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
    file: &Path,
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
        "{} (GIFT): {} item(s) imported, {} skipped, {} warning(s)",
        file.display(),
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
