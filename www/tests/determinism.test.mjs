// Cross-target determinism: the same (package, seed, responses) cases replayed by the wasm
// module in headless Chromium and by the native engine must give byte-identical completion
// records. The certa CLI writes the cases (one JSON line each) and, independently, the
// native records (`certa determinism-cases`); the page loads pkg/certa.js, replays every case
// through the JS API (Package.load, Session.start, goTo + answer per log entry, submit,
// recordJson) and the records are compared here byte for byte.
//
//   DETERMINISM_CASES=1000 CERTA_BIN=target/debug/certa node --test www/tests/determinism.test.mjs
// (default 100 cases; DETERMINISM_FIRST=k starts at case k; ./x determinism runs 1,000).
// Needs `./x build` (pkg/) and the certa binary. Writes target/determinism/{cases,native,wasm}.jsonl
// and summary.json (sizes, times and feature coverage from the CLI).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startDevServer } from "../dev-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const CERTA_BIN = resolve(process.env.CERTA_BIN ?? join(REPO, "target", "debug", "certa"));
const COUNT = Number(process.env.DETERMINISM_CASES ?? 100);
const FIRST = Number(process.env.DETERMINISM_FIRST ?? 0);
const OUT = join(REPO, "target", "determinism");
/** Cases per page.evaluate call (keeps each round trip a few MB at most). */
const BATCH = 50;

/** Where two texts first differ, with some context on each side. */
function firstDifference(expected, actual) {
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
  const from = Math.max(0, at - 80);
  return {
    at,
    native: expected.slice(from, at + 80),
    wasm: actual.slice(from, at + 80),
  };
}

test(`${COUNT} determinism cases: Chromium (wasm) and native (x86_64) write the same record bytes`, async (t) => {
  assert.ok(Number.isInteger(COUNT) && COUNT > 0, `DETERMINISM_CASES must be a positive whole number, found ${COUNT}`);
  assert.ok(existsSync(join(REPO, "pkg", "certa.js")), "pkg/certa.js is missing: run ./x build");
  assert.ok(existsSync(CERTA_BIN), `${CERTA_BIN} is missing: run cargo build --bin certa (or set CERTA_BIN)`);
  mkdirSync(OUT, { recursive: true });
  const casesFile = join(OUT, "cases.jsonl");
  const nativeFile = join(OUT, "native.jsonl");

  // Native: the CLI generates the cases and replays each case line with the native engine.
  let clock = performance.now();
  const cli = spawnSync(CERTA_BIN, ["determinism-cases", "--count", String(COUNT), "--first", String(FIRST),
    "--out", casesFile, "--records", nativeFile, "--json"], { encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(cli.status, 0, `certa determinism-cases failed: ${cli.stderr}${cli.stdout}`);
  const nativeSeconds = (performance.now() - clock) / 1000;
  const summary = JSON.parse(cli.stdout);
  writeFileSync(join(OUT, "summary.json"), cli.stdout);
  const native = readFileSync(nativeFile, "utf8").split("\n").filter((line) => line.length > 0);
  assert.equal(native.length, COUNT, "one native record per case");

  // Browser: the wasm module replays the same case lines through the JS API.
  const server = await startDevServer({ port: 0, root: REPO });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const wasm = [];
  let browserSeconds = 0;
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/www/bench/blank.html`);
    const loaded = await page.evaluate(async (casesUrl) => {
      const certa = await import("/pkg/certa.js");
      await certa.default();
      const text = await (await fetch(casesUrl, { cache: "no-store" })).text();
      window.determinism = { certa, cases: text.split("\n").filter((line) => line.length > 0) };
      return window.determinism.cases.length;
    }, "/target/determinism/cases.jsonl");
    assert.equal(loaded, COUNT, "the page read every case");

    clock = performance.now();
    for (let from = 0; from < COUNT; from += BATCH) {
      const records = await page.evaluate(({ from, to }) => {
        const { certa, cases } = window.determinism;
        /** One case through the JS API; an error becomes a line that cannot match. */
        const replay = (line) => {
          let pkg;
          let session;
          try {
            const c = JSON.parse(line);
            pkg = certa.Package.load(c.package);
            session = certa.Session.start(pkg, c.start);
            const ids = session.form().items.map((item) => item.id);
            for (const answer of c.answers) {
              session.goTo(ids.indexOf(answer.item));
              session.answer(answer.item, answer.response, answer.at);
            }
            session.submit(c.submit_at);
            return session.recordJson();
          } catch (error) {
            return `ERROR ${error?.name} ${error?.code ?? ""}: ${error?.message ?? error}`;
          } finally {
            session?.free();
            pkg?.free();
          }
        };
        return cases.slice(from, to).map(replay);
      }, { from, to: Math.min(COUNT, from + BATCH) });
      wasm.push(...records);
    }
    browserSeconds = (performance.now() - clock) / 1000;
  } finally {
    await browser.close();
    await server.close();
  }
  writeFileSync(join(OUT, "wasm.jsonl"), wasm.map((line) => `${line}\n`).join(""));

  const mismatches = [];
  for (let i = 0; i < COUNT; i++) {
    if (wasm[i] !== native[i]) mismatches.push({ case: FIRST + i, ...firstDifference(native[i], wasm[i] ?? "") });
  }
  const identical = COUNT - mismatches.length;
  const coverage = summary.coverage;
  t.diagnostic(`cases ${FIRST}..${FIRST + COUNT - 1}: ${identical} of ${COUNT} records identical`);
  t.diagnostic(`inputs ${(statSync(casesFile).size / 1e6).toFixed(1)} MB of cases, `
    + `records ${(statSync(nativeFile).size / 1e6).toFixed(1)} MB`);
  t.diagnostic(`native (generate + replay, certa CLI) ${nativeSeconds.toFixed(1)} s; `
    + `wasm replay in Chromium ${browserSeconds.toFixed(1)} s`);
  t.diagnostic(`form items by kind: ${JSON.stringify(coverage.items_by_kind)}`);
  t.diagnostic(`item status: ${JSON.stringify(coverage.item_status)}; ability estimates ${coverage.ability_estimates}; `
    + `timed out ${coverage.timed_out}; credentials ${JSON.stringify(coverage.credentials)}`);
  for (const m of mismatches.slice(0, 10)) {
    t.diagnostic(`case ${m.case}: first difference at byte ${m.at}\n  native: …${m.native}…\n  wasm:   …${m.wasm}…`);
  }
  assert.equal(mismatches.length, 0,
    `${mismatches.length} of ${COUNT} records differ (cases ${mismatches.slice(0, 20).map((m) => m.case).join(", ")}); `
    + `see target/determinism/{native,wasm}.jsonl`);
});
