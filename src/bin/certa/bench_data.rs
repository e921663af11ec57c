//! `certa bench-data --items N ...`: write a realistic synthetic package (IRT parameters from
//! realistic distributions, domains, outcomes, enemies and sets) for benchmarks and tests.

use std::path::PathBuf;

use certa::synthetic::{generate_bank, BankSpec, InteractionMix, TargetSpec};

use super::output::{print_json, write, CliError, Status};

#[derive(clap::Args)]
pub struct BenchDataArgs {
    /// Items in the bank.
    #[arg(long, default_value_t = 2000)]
    items: usize,
    /// Blueprint domains (equal shares).
    #[arg(long, default_value_t = 8)]
    domains: usize,
    /// Disjoint enemy pairs.
    #[arg(long, default_value_t = 100)]
    enemy_pairs: usize,
    /// Item sets (testlets), drawn all-or-none.
    #[arg(long, default_value_t = 40)]
    sets: usize,
    #[arg(long, default_value_t = 4)]
    set_size: usize,
    /// Items on a form.
    #[arg(long, default_value_t = 60)]
    form_length: usize,
    /// `dichotomous` (single choice only, for IRT work) or `mixed` (every auto-scored kind).
    #[arg(long, default_value = "dichotomous")]
    interactions: String,
    /// Maximize test information at this θ.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    theta: f64,
    #[arg(long, default_value_t = 6)]
    seed: u64,
    /// Output file; standard output when absent.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Print a JSON summary instead of text (the package itself goes to --out or stdout).
    #[arg(long)]
    json: bool,
    /// Write the psychometrics benchmark fixture of `./x bench peers` into this directory
    /// instead (B1, B2 and randomized-forms packages, the scoring test and its response
    /// vectors); the other options are ignored.
    #[arg(long, value_name = "DIR")]
    peers: Option<PathBuf>,
}

pub fn run(args: &BenchDataArgs) -> Result<Status, CliError> {
    if let Some(dir) = &args.peers {
        return super::bench_fixture::run(dir);
    }
    let interactions = match args.interactions.as_str() {
        "dichotomous" => InteractionMix::Dichotomous,
        "mixed" => InteractionMix::Mixed,
        other => {
            return Err(CliError::Usage(format!(
                "--interactions: expected dichotomous or mixed, found \"{other}\""
            )))
        }
    };
    let defaults = BankSpec::default();
    let spec = BankSpec {
        items: args.items,
        domains: args.domains,
        outcomes: args.domains,
        enemy_pairs: args.enemy_pairs,
        sets: args.sets,
        set_size: args.set_size,
        form_length: args.form_length,
        // The default quota pattern fits 8 domains and 60 items; otherwise largest remainder.
        domain_quotas: if args.domains == defaults.domains
            && args.form_length == defaults.form_length
        {
            defaults.domain_quotas
        } else {
            None
        },
        seed: args.seed,
        interactions,
        target: TargetSpec::MaximizeInformation { theta: args.theta },
        ..defaults
    };
    let problems = spec.check();
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(CliError::Usage(format!(
            "cannot build that bank: {}",
            list.join("; ")
        )));
    }
    let package = generate_bank(&spec);
    let text = serde_json::to_string_pretty(&package)
        .map_err(|e| CliError::Usage(format!("cannot write the package: {e}")))?;
    match &args.out {
        Some(path) => {
            write(path, &text)?;
            if args.json {
                print_json(&serde_json::json!({
                    "out": path.display().to_string(),
                    "items": package.items.len(),
                    "domains": package.domains(),
                    "form_length": package.blueprint.length,
                    "spec": spec,
                }));
            } else {
                println!(
                    "wrote {}: {} items, {} domains, {} sets, {} enemy pairs, form length {}",
                    path.display(),
                    package.items.len(),
                    package.domains().len(),
                    package.sets.len(),
                    spec.enemy_pairs,
                    package.blueprint.length
                );
            }
        }
        None => println!("{text}"),
    }
    Ok(Status::Ok)
}
