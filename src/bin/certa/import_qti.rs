//! `certa import FILE...` for QTI: items, tests, manifests or IMS content packages to a certa
//! package, with a report of what was imported, skipped (and why), what scores differently,
//! and the defaults chosen. Files a source refers to (a test's items, a manifest's resources)
//! are read from disk relative to the referring file. Without `--out` the package goes to
//! standard output and the report to standard error.

use certa::import::{import_package, ImportReport, PackageOptions, SourceFile};

use super::import::ImportArgs;
use super::output::{print_json, write, CliError, Status, Table};

pub fn run(args: &ImportArgs) -> Result<Status, CliError> {
    let mut sources = Vec::new();
    for path in &args.files {
        let bytes = std::fs::read(path).map_err(|source| CliError::Io {
            path: path.display().to_string(),
            source,
        })?;
        sources.push(SourceFile {
            name: path.display().to_string(),
            bytes,
        });
    }
    let options = PackageOptions {
        id: args.id.clone(),
        title: args.title.clone(),
        version: None,
        language: args.language.clone(),
    };
    let mut read_from_disk = |path: &str| std::fs::read(path).ok();
    let (package, report) = match import_package(sources, &mut read_from_disk, &options) {
        Ok(done) => done,
        Err(err) => {
            if args.json {
                print_json(&serde_json::json!({ "imported": false, "error": err }));
            } else {
                eprintln!("certa import: {err}");
            }
            return Ok(Status::Problems);
        }
    };
    let text = serde_json::to_string_pretty(&package)
        .map_err(|e| CliError::Usage(format!("cannot write the package as JSON: {e}")))?;
    match &args.out {
        Some(out) => write(out, &format!("{text}\n"))?,
        None => println!("{text}"),
    }
    let written = args
        .out
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "standard output".to_string());
    if args.json {
        let doc = serde_json::json!({
            "imported": true,
            "package": { "id": package.id, "items": package.items.len(), "form_length": package.blueprint.length, "written_to": written },
            "report": report,
        });
        match serde_json::to_string_pretty(&doc) {
            Ok(s) if args.out.is_some() => println!("{s}"),
            Ok(s) => eprintln!("{s}"),
            Err(e) => eprintln!("certa: cannot write JSON: {e}"),
        }
    } else {
        let summary = render(&report, &package.id, package.blueprint.length, &written);
        if args.out.is_some() {
            println!("{summary}");
        } else {
            eprintln!("{summary}");
        }
    }
    Ok(Status::Ok)
}

fn render(report: &ImportReport, id: &str, length: usize, written: &str) -> String {
    let mut out = String::new();
    let files: Vec<String> = report
        .sources
        .iter()
        .map(|s| format!("{} ({})", s.file, s.format))
        .collect();
    out.push_str(&format!(
        "Imported {} item(s) from {}\n",
        report.imported.len(),
        files.join(", ")
    ));
    let mut table = Table::new(&["item", "kind", "title"]);
    for i in &report.imported {
        table.row(vec![i.id.clone(), i.kind.to_string(), i.title.clone()]);
    }
    out.push_str(&table.render());
    out.push('\n');
    out.push_str(&format!("\nSkipped: {}\n", report.skipped.len()));
    for s in &report.skipped {
        out.push_str(&format!("  {s}\n"));
    }
    out.push_str(&format!("\nWarnings: {}\n", report.warnings.len()));
    for w in &report.warnings {
        out.push_str(&format!("  {w}\n"));
    }
    out.push_str("\nDefaults:\n");
    for d in &report.defaults {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!(
        "\nPackage \"{id}\" (form length {length}) is valid; written to {written}"
    ));
    out
}
