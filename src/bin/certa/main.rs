//! The `certa` command line: validate packages, preview forms as an instructor, publish a
//! secure delivery copy, import question files (QTI, Moodle GIFT), score a response file, verify
//! a completion record, export a record to a learning standard, simulate a learner's attempt,
//! write synthetic banks for benchmarks, and run the record service (`certa serve`).
//!
//! Exit status: 0 ok, 1 problems found (invalid package, infeasible blueprint, unscorable
//! responses), 2 usage or I/O error. Every command takes `--json` for machine-readable output.

mod bench_data;
mod bench_fixture;
mod determinism;
mod export;
mod import;
mod import_gift;
mod import_qti;
mod output;
mod preview;
mod publish;
mod score;
#[cfg(not(target_arch = "wasm32"))]
mod serve;
mod simulate;
mod validate;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Assessment packages: validate, preview forms, score responses.
#[derive(Parser)]
#[command(name = "certa", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every problem in a package; exit 1 when there are any.
    Validate {
        package: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Show sample forms with answers, coverage against the blueprint, and the feasibility report.
    Preview {
        package: PathBuf,
        /// Number of sample forms.
        #[arg(long, default_value_t = 1)]
        forms: u32,
        /// Seed of the first form; form k uses seed + k.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Item ids the learner has seen (excluded when the package avoids seen items).
        #[arg(long, value_delimiter = ',')]
        seen: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Assemble the form for a seed and score a response file against it.
    Score {
        package: PathBuf,
        #[arg(long)]
        seed: u64,
        /// JSON object mapping item ids to responses.
        #[arg(long)]
        responses: PathBuf,
        /// Submission time (RFC 3339 date-time or Unix milliseconds); default now.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write the delivery copy of a package; --secure strips keys, answers, rubrics, feedback.
    Publish {
        package: PathBuf,
        #[arg(long)]
        secure: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Re-derive and re-score a completion record; exit 1 with the reasons when refused.
    Verify {
        #[arg(long)]
        package: PathBuf,
        #[arg(long)]
        record: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Import QTI 2.1/2.2/3.0 (items, tests, content packages) or Moodle GIFT into a package.
    Import(import::ImportArgs),
    /// Write a realistic synthetic package for benchmarks and tests.
    BenchData(bench_data::BenchDataArgs),
    /// A simulated learner takes a whole attempt; prints its completion record.
    Simulate(simulate::SimulateArgs),
    /// Write the cross-target determinism cases and their native completion records.
    DeterminismCases(determinism::DeterminismArgs),
    /// Map a scored completion record onto a learning standard (xAPI, cmi5, SCORM 2004 and
    /// 1.2, LTI AGS, Open Badges 3.0); prints JSON.
    Export(export::ExportArgs),
    /// Run the record service: verify posted records, store them (SQLite), export them.
    #[cfg(not(target_arch = "wasm32"))]
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Validate { package, json } => validate::run(&package, json),
        Command::Preview {
            package,
            forms,
            seed,
            seen,
            json,
        } => preview::run(&package, forms, seed, seen, json),
        Command::Score {
            package,
            seed,
            responses,
            at,
            json,
        } => score::run(&package, seed, &responses, at.as_deref(), json),
        Command::Publish {
            package,
            secure,
            out,
        } => publish::run(&package, secure, &out),
        Command::Verify {
            package,
            record,
            json,
        } => verify::run(&package, &record, json),
        Command::Import(args) => import::run(&args),
        Command::BenchData(args) => bench_data::run(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::DeterminismCases(args) => determinism::run(&args),
        Command::Export(args) => export::run(&args),
        #[cfg(not(target_arch = "wasm32"))]
        Command::Serve(args) => serve::run(&args),
    };
    match outcome {
        Ok(output::Status::Ok) => ExitCode::SUCCESS,
        Ok(output::Status::Problems) => ExitCode::from(1),
        Err(err) => {
            eprintln!("certa: {err}");
            ExitCode::from(2)
        }
    }
}

/// Rust ignores SIGPIPE, so `certa preview ... | head` would panic on the closed pipe. A
/// command-line tool should end quietly instead, as other Unix tools do.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
