//! `certa publish PACKAGE --secure --out FILE`: write the delivery copy of a package. With
//! `--secure` it holds no keys, accepted answers, rubrics or feedback, and names the full
//! package's content hash; the browser gets this copy and the backend scores.

use std::path::Path;

use certa::publish::secure_delivery_package;
use certa::record::content_hash;

use super::output::{load_or_report, write, CliError, Status};

pub fn run(package: &Path, secure: bool, out: &Path) -> Result<Status, CliError> {
    let Some(full) = load_or_report(package, false)? else {
        return Ok(Status::Problems);
    };
    let copy = if secure {
        secure_delivery_package(&full)
    } else {
        full.clone()
    };
    let text = serde_json::to_string_pretty(&copy)
        .map_err(|e| CliError::Usage(format!("cannot write the package: {e}")))?;
    write(out, &(text + "\n"))?;
    println!(
        "{}: {} {} ({} items){}",
        out.display(),
        copy.id,
        copy.version,
        copy.items.len(),
        if secure {
            format!(
                ", keys stripped; records verify against {}",
                content_hash(&full)
            )
        } else {
            String::new()
        }
    );
    Ok(Status::Ok)
}
