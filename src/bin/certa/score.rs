//! `certa score PACKAGE --seed S --responses R.json`: assemble the learner's form from the seed,
//! score the responses, and print the result.

use std::path::Path;

use certa::assemble::{assemble_form, AssemblyContext, Seed};
use certa::model::json::Value;
use certa::model::{CredentialPolicy, Package};
use certa::score::{round, score_attempt, AttemptResult, Decision};
use certa::sorted_map::SortedMap;
use certa::timestamp::Timestamp;

use super::output::{load_or_report, print_json, read, CliError, Status, Table};

pub fn run(
    path: &Path,
    seed: u64,
    responses: &Path,
    at: Option<&str>,
    json: bool,
) -> Result<Status, CliError> {
    let Some(package) = load_or_report(path, json)? else {
        return Ok(Status::Problems);
    };
    let text = read(responses)?;
    let responses: SortedMap<String, Value> = certa::model::json::read(&text).map_err(|e| {
        CliError::Usage(format!(
            "{}: expected a JSON object mapping item ids to responses: {e}",
            responses.display()
        ))
    })?;
    let submitted_at = match at {
        Some(s) => s
            .parse::<Timestamp>()
            .map_err(|e| CliError::Usage(format!("--at: {e}")))?,
        None => now(),
    };
    let form = match assemble_form(&package, Seed(seed), &AssemblyContext::default()) {
        Ok(f) => f,
        Err(e) => {
            problem(json, &e.to_string());
            return Ok(Status::Problems);
        }
    };
    match score_attempt(&package, &form, &responses, submitted_at) {
        Ok(result) => {
            if json {
                print_json(
                    &serde_json::json!({ "seed": Seed(seed), "form": form.item_ids(), "result": result }),
                );
            } else {
                print_result(&package, &result);
            }
            Ok(Status::Ok)
        }
        Err(e) => {
            problem(json, &e.to_string());
            Ok(Status::Problems)
        }
    }
}

fn problem(json: bool, message: &str) {
    if json {
        print_json(&serde_json::json!({ "error": message }));
    } else {
        println!("cannot score: {message}");
    }
}

fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    Timestamp(ms)
}

/// Human-readable result: totals, decision, domains, outcomes, credential, ability.
pub fn print_result(package: &Package, r: &AttemptResult) {
    let rd = |v: f64| round(v, &package.scoring.rounding);
    let decision = match r.decision {
        Decision::Pass => "PASS",
        Decision::Fail => "FAIL",
        Decision::Pending => "PENDING (manual grading)",
    };
    println!(
        "Score: {} / {} raw, {} scaled (cut {}) — {decision}",
        rd(r.raw),
        rd(r.max_raw),
        rd(r.scaled),
        package.scoring.cut_score
    );
    if r.pending_manual > 0 {
        println!("{} item(s) await manual grading", r.pending_manual);
    }
    let mut items = Table::new(&["item", "status", "points", "max"]);
    for i in &r.items {
        let status = serde_json::to_value(i.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        items.row(vec![
            i.item_id.clone(),
            status,
            rd(i.points).to_string(),
            rd(i.max_points).to_string(),
        ]);
    }
    println!("\nItems\n{}", items.render());
    let mut domains = Table::new(&["domain", "items", "points", "max", "%"]);
    for d in &r.domains {
        domains.row(vec![
            d.domain.clone(),
            d.items.to_string(),
            rd(d.points).to_string(),
            rd(d.max_points).to_string(),
            rd(d.ratio * 100.0).to_string(),
        ]);
    }
    println!("\nDomains\n{}", domains.render());
    let mut outcomes = Table::new(&[
        "outcome",
        "items",
        "score",
        "threshold",
        "required",
        "mastered",
    ]);
    for o in &r.outcomes {
        outcomes.row(vec![
            o.outcome.clone(),
            format!("{}/{}", o.items, o.min_items),
            rd(o.score).to_string(),
            o.threshold.to_string(),
            if o.required { "yes" } else { "no" }.into(),
            if o.mastered { "yes" } else { "no" }.into(),
        ]);
    }
    println!("\nOutcomes\n{}", outcomes.render());
    let name = match &package.credential {
        CredentialPolicy::Certificate { name, .. }
        | CredentialPolicy::Certification { name, .. } => name.as_str(),
        CredentialPolicy::None => "none",
    };
    println!(
        "\nCredential ({}, {name}): {}",
        r.credential.kind,
        if r.credential.awarded {
            "awarded"
        } else {
            "not awarded"
        }
    );
    for reason in &r.credential.reasons {
        println!("  - {reason}");
    }
    if let Some(exp) = r.credential.expires_at {
        println!("  valid until {}", exp.to_date());
    }
    if let Some(a) = &r.ability {
        println!(
            "\nAbility (IRT, {} items): EAP θ = {:.3} (SE {:.3}); MLE θ = {:.3} (SE {:.3}){}",
            a.items,
            a.eap,
            a.eap_se,
            a.mle,
            a.mle_se,
            if a.mle_bounded {
                ", at the search bound"
            } else {
                ""
            }
        );
    }
}
