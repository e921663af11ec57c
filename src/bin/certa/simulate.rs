//! `certa simulate PACKAGE --seed S --theta T`: a simulated learner of ability θ takes a whole
//! attempt (start, answer each item in turn, submit) and the command prints the completion
//! record the browser would post. Fixtures for exporters, verification and the record
//! service; a secure-mode record carries no result, exactly as a browser's. `--count N` makes N
//! distinct attempts at once (one record per line): the k-th (from 1) has seed S+k-1, learner
//! `{learner}-{k}`, attempt id `{attempt-id}-{k}` and ability θ spread over [θ-2, θ+2].

use std::sync::Arc;

use certa::assemble::Seed;
use certa::session::{Learner, Mode};
use certa::synthetic::{simulate_attempt, SimulatedAttempt};
use certa::timestamp::Timestamp;

use super::output::{load_or_report, write, CliError, Status};

/// The command's arguments.
#[derive(clap::Args)]
pub struct SimulateArgs {
    pub package: std::path::PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Ability on the logistic IRT metric (2: strong learner, -2: weak learner).
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    pub theta: f64,
    /// practice, secure or review.
    #[arg(long, default_value = "practice")]
    pub mode: String,
    #[arg(long, default_value = "learner-0001")]
    pub learner: String,
    #[arg(long)]
    pub learner_name: Option<String>,
    #[arg(long, default_value = "00000000-0000-4000-8000-000000000001")]
    pub attempt_id: String,
    #[arg(long, default_value_t = 1)]
    pub attempt_number: u32,
    /// Start time (RFC 3339 date-time or Unix milliseconds).
    #[arg(long, default_value = "2026-11-22T09:00:00Z")]
    pub started_at: String,
    #[arg(long, default_value_t = 20)]
    pub seconds_per_item: u32,
    /// Write the record here instead of standard output.
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
    /// Simulate this many distinct attempts (one canonical record per line, JSON Lines).
    #[arg(long)]
    pub count: Option<u32>,
}

pub fn run(args: &SimulateArgs) -> Result<Status, CliError> {
    let Some(package) = load_or_report(&args.package, false)? else {
        return Ok(Status::Problems);
    };
    let mode = match args.mode.as_str() {
        "practice" => Mode::Practice,
        "secure" => Mode::Secure,
        "review" => Mode::Review,
        other => {
            return Err(CliError::Usage(format!(
                "--mode: expected practice, secure or review, found \"{other}\""
            )))
        }
    };
    let started_at = args
        .started_at
        .parse::<Timestamp>()
        .map_err(|e| CliError::Usage(format!("--started-at: {e}")))?;
    if !args.theta.is_finite() {
        return Err(CliError::Usage("--theta: must be a finite number".into()));
    }
    let attempt = SimulatedAttempt {
        attempt_id: args.attempt_id.clone(),
        learner: Learner {
            id: args.learner.clone(),
            name: args.learner_name.clone(),
            email: None,
        },
        seed: Seed(args.seed),
        mode,
        attempt_number: args.attempt_number,
        theta: args.theta,
        started_at,
        seconds_per_item: args.seconds_per_item,
    };
    let package = Arc::new(package);
    let Some(count) = args.count else {
        return match simulate_attempt(package, &attempt) {
            Ok(record) => {
                let text = record.to_canonical_json();
                match &args.out {
                    Some(path) => write(path, &(text + "\n"))?,
                    None => println!("{text}"),
                }
                Ok(Status::Ok)
            }
            Err(e) => {
                println!("cannot simulate the attempt: {e}");
                Ok(Status::Problems)
            }
        };
    };
    let mut lines = String::new();
    for k in 1..=count {
        let spread = if count > 1 {
            4.0 * f64::from(k - 1) / f64::from(count - 1) - 2.0
        } else {
            0.0
        };
        let one = SimulatedAttempt {
            attempt_id: format!("{}-{k}", args.attempt_id),
            learner: Learner {
                id: format!("{}-{k}", args.learner),
                ..attempt.learner.clone()
            },
            seed: Seed(args.seed.wrapping_add(u64::from(k - 1))),
            theta: args.theta + spread,
            ..attempt.clone()
        };
        match simulate_attempt(Arc::clone(&package), &one) {
            Ok(record) => {
                lines.push_str(&record.to_canonical_json());
                lines.push('\n');
            }
            Err(e) => {
                println!("cannot simulate attempt {k}: {e}");
                return Ok(Status::Problems);
            }
        }
    }
    match &args.out {
        Some(path) => write(path, &lines)?,
        None => print!("{lines}"),
    }
    Ok(Status::Ok)
}
