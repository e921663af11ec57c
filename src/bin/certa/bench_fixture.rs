//! `certa bench-data --peers DIR`: write the psychometrics benchmark fixture
//! (`certa::synthetic::fixture`) that every tool of `./x bench peers` reads: the B1, B2 and
//! randomized-forms packages, and the scoring test with its simulated response vectors.

use std::path::Path;

use certa::model::{DifficultyTarget, Package};
use certa::synthetic::fixture::{
    b1_package, b2_package, randomized_package, scoring_fixture, RANDOMIZED_MAX_RATE,
    RESPONSE_SEED, THETA_SEED,
};
use serde_json::json;

use super::output::{write, CliError, Status};

/// Response vectors written (the 1,000-vector task uses the first 1,000).
const VECTORS: usize = 10_000;

/// Write the fixture into `dir` (created if missing).
pub fn run(dir: &Path) -> Result<Status, CliError> {
    std::fs::create_dir_all(dir).map_err(|source| CliError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let b1 = b1_package();
    let b2 = b2_package();
    let randomized = randomized_package();
    for (name, package) in [("b1", &b1), ("b2", &b2), ("randomized", &randomized)] {
        write(&dir.join(format!("{name}.json")), &to_json(package)?)?;
    }
    let scoring = scoring_fixture(VECTORS);
    let responses: Vec<String> = scoring
        .responses
        .iter()
        .map(|v| v.iter().map(|&u| if u { '1' } else { '0' }).collect())
        .collect();
    let items: Vec<_> = scoring
        .items
        .iter()
        .map(|p| json!({ "a": p.a, "b": p.b, "c": p.c.unwrap_or(0.0) }))
        .collect();
    let scoring_json = json!({
        "items": items,
        "thetas": scoring.thetas,
        "responses": responses,
        "theta_seed": THETA_SEED,
        "response_seed": RESPONSE_SEED,
    });
    write(&dir.join("scoring.json"), &scoring_json.to_string())?;
    let targets = match &b2.blueprint.difficulty {
        Some(DifficultyTarget::Information { points }) => points
            .iter()
            .map(|p| json!({ "theta": p.theta, "target": p.target }))
            .collect(),
        _ => Vec::new(),
    };
    let meta = json!({
        "bank_items": b2.items.len(),
        "form_length": b2.blueprint.length,
        "quotas": b2.blueprint.domains.iter().map(|q| q.count).collect::<Vec<_>>(),
        "b2_targets": targets,
        "randomized_max_rate": RANDOMIZED_MAX_RATE,
        "scoring_items": scoring.items.len(),
        "vectors": VECTORS,
    });
    write(&dir.join("fixture.json"), &meta.to_string())?;
    println!(
        "wrote {}: b1.json, b2.json, randomized.json ({} items each), scoring.json ({} items, {} vectors), fixture.json",
        dir.display(),
        b2.items.len(),
        scoring.items.len(),
        VECTORS
    );
    Ok(Status::Ok)
}

fn to_json(package: &Package) -> Result<String, CliError> {
    serde_json::to_string(package)
        .map_err(|e| CliError::Usage(format!("cannot write the package: {e}")))
}
