//! `certa determinism-cases --count N --out CASES --records RECORDS`: write the cross-target
//! determinism cases (one JSON line each, `certa::synthetic::determinism`) and, for each, the
//! completion record the native engine writes when it replays the case line, so that the
//! browser test (`www/tests/determinism.test.mjs`) can compare its records byte for byte.
//! Prints the sizes, the times and what the cases covered.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use certa::model::{json, Package};
use certa::synthetic::determinism::{generate_case, replay_case, Coverage, DeterminismCase};

use super::output::{print_json, CliError, Status};

/// The command's arguments.
#[derive(clap::Args)]
pub struct DeterminismArgs {
    /// How many cases.
    #[arg(long, default_value_t = 100)]
    pub count: u64,
    /// Index of the first case (case n is built from n alone).
    #[arg(long, default_value_t = 0)]
    pub first: u64,
    /// The cases, one JSON line each.
    #[arg(long)]
    pub out: PathBuf,
    /// The native completion records, one line per case, in case order.
    #[arg(long)]
    pub records: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

fn create(path: &Path) -> Result<std::io::BufWriter<std::fs::File>, CliError> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|source| CliError::Io {
            path: path.display().to_string(),
            source,
        })
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> CliError + '_ {
    move |source| CliError::Io {
        path: path.display().to_string(),
        source,
    }
}

pub fn run(args: &DeterminismArgs) -> Result<Status, CliError> {
    let mut cases = create(&args.out)?;
    let mut records = create(&args.records)?;
    let mut coverage = Coverage::default();
    let (mut case_bytes, mut record_bytes) = (0usize, 0usize);
    let (mut generating, mut replaying) = (0f64, 0f64);
    let last = args.first.saturating_add(args.count);
    for index in args.first..last {
        let clock = Instant::now();
        let generated = generate_case(index).map_err(CliError::Usage)?;
        let line = serde_json::to_string(&generated.case)
            .map_err(|e| CliError::Usage(format!("case {index}: {e}")))?;
        generating += clock.elapsed().as_secs_f64();

        // The native side reads the very line the browser reads.
        let clock = Instant::now();
        let case: DeterminismCase = json::from_str(&line)
            .map_err(|e| CliError::Usage(format!("case {index} does not read back: {e}")))?;
        let record = replay_case(&case)
            .map_err(|e| CliError::Usage(format!("case {index} does not replay: {e}")))?;
        let text = record.to_canonical_json();
        replaying += clock.elapsed().as_secs_f64();

        let package = Package::load(&case.package)
            .map_err(|e| CliError::Usage(format!("case {index}: {e}")))?;
        coverage.add(&case, &package, &record, generated.tries);
        case_bytes += line.len() + 1;
        record_bytes += text.len() + 1;
        writeln!(cases, "{line}").map_err(io_error(&args.out))?;
        writeln!(records, "{text}").map_err(io_error(&args.records))?;
    }
    cases.flush().map_err(io_error(&args.out))?;
    records.flush().map_err(io_error(&args.records))?;

    if args.json {
        print_json(&serde_json::json!({
            "cases": args.count,
            "first": args.first,
            "case_bytes": case_bytes,
            "record_bytes": record_bytes,
            "generate_seconds": generating,
            "replay_seconds": replaying,
            "coverage": coverage,
        }));
    } else {
        println!(
            "wrote {} cases ({:.1} MB) to {} and their native records ({:.1} MB) to {}",
            args.count,
            case_bytes as f64 / 1e6,
            args.out.display(),
            record_bytes as f64 / 1e6,
            args.records.display()
        );
        println!("generate {generating:.2} s, native replay {replaying:.2} s");
        let text = serde_json::to_string_pretty(&coverage).unwrap_or_default();
        println!("coverage: {text}");
    }
    Ok(Status::Ok)
}
