//! `certa validate PACKAGE`: every problem at once, with its JSON path.

use std::path::Path;

use super::output::{load_or_report, print_json, CliError, Status};

pub fn run(path: &Path, json: bool) -> Result<Status, CliError> {
    let Some(package) = load_or_report(path, json)? else {
        return Ok(Status::Problems);
    };
    if json {
        print_json(&serde_json::json!({
            "valid": true,
            "problems": [],
            "id": package.id,
            "version": package.version,
            "items": package.items.len(),
            "outcomes": package.outcomes.len(),
            "domains": package.domains(),
        }));
    } else {
        println!(
            "{}: valid — \"{}\" {} ({} items, {} outcomes, {} domains, form length {})",
            path.display(),
            package.title,
            package.version,
            package.items.len(),
            package.outcomes.len(),
            package.domains().len(),
            package.blueprint.length
        );
    }
    Ok(Status::Ok)
}
