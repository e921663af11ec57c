// Fixtures for the exporter tests (scorm, lti, badge): completion records made with the certa
// CLI (`certa simulate`, and `certa verify --json` for secure records, as the backend does) and
// their exports (`certa export`). Not a test file itself (node --test runs www/tests/*.mjs).
//
// The binary is process.env.CERTA_BIN, or target/debug/certa, relative to the repository root;
// ./x test builds it and sets CERTA_BIN.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, "..", "..");
export const BIN = resolve(REPO, process.env.CERTA_BIN ?? "target/debug/certa");
export const QUIZ = "examples/certificate-quiz.json";
export const EXAM = "examples/certification-exam.json";
/** One item of each interaction kind, with ids and text the standards must transform. */
export const KINDS = "tests/fixtures/export-kinds.json";
export const BADGE_OPTIONS = "examples/export-options/badge.json";

const WORK = mkdtempSync(join(tmpdir(), "certa-export-"));

/** Run the CLI in the repository root; returns { status, stdout, stderr }. */
export function certa(args) {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run cargo build --bin certa (or set CERTA_BIN)`);
  }
  const run = spawnSync(BIN, args, { cwd: REPO, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Write `text` to a file in this run's scratch directory and return its path. */
export function scratch(name, text) {
  const path = join(WORK, name);
  writeFileSync(path, text);
  return path;
}

/**
 * A completion record with its result: simulated, and verified (scored) when secure.
 * Returns { label, pkg, path, record }.
 */
export function record(pkg, { seed, theta, mode = "practice" }) {
  const label = `${pkg.replace(/^.*\//, "")} seed ${seed} θ ${theta} ${mode}`;
  const sim = certa(["simulate", pkg, "--seed", String(seed), "--theta", String(theta), "--mode", mode,
    "--attempt-id", `5c0ffee0-0000-4000-${mode === "secure" ? "9" : "8"}000-${String(seed).padStart(12, "0")}`]);
  if (sim.status !== 0) throw new Error(`${label}: simulate failed: ${sim.stdout}${sim.stderr}`);
  let text = sim.stdout;
  if (mode === "secure") {
    const raw = scratch(`${label}.raw.json`.replace(/\s+/g, "_"), text);
    const verdict = certa(["verify", "--package", pkg, "--record", raw, "--json"]);
    const body = JSON.parse(verdict.stdout);
    if (!body.verified) throw new Error(`${label}: not verified: ${verdict.stdout}`);
    text = JSON.stringify(body.record);
  }
  const path = scratch(`${label}.json`.replace(/\s+/g, "_"), text);
  return { label, pkg, path, record: JSON.parse(text) };
}

/** The sweep every exporter test runs: both examples and the kinds package, passing and
 * failing learners, practice and secure. */
export function sweep() {
  const out = [];
  for (const pkg of [QUIZ, EXAM]) {
    for (const seed of [1, 2, 3, 4]) {
      for (const theta of [2.5, -1.5]) {
        for (const mode of ["practice", "secure"]) out.push(record(pkg, { seed, theta, mode }));
      }
    }
  }
  for (const seed of [1, 2, 3]) {
    for (const mode of ["practice", "secure"]) out.push(record(KINDS, { seed, theta: 1, mode }));
  }
  return out;
}

/** `certa export FORMAT` of a fixture: { status, json, stderr }. */
export function exported(format, fixture, options) {
  const args = ["export", format, "--package", fixture.pkg, "--record", fixture.path];
  if (options) args.push("--options", options);
  const run = certa(args);
  return { status: run.status, json: run.status === 0 ? JSON.parse(run.stdout) : undefined, stderr: run.stderr };
}

/** A JSON Schema from tests/schemas. */
export function schema(name) {
  return JSON.parse(readFileSync(join(REPO, "tests", "schemas", name), "utf8"));
}
