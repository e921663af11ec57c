#!/usr/bin/env node
// Browser benchmarks for `./x bench`: the wasm engine and the player in headless Chromium
// (playwright-core driving /usr/bin/chromium), served by the dev server on 127.0.0.1. Each
// figure is measured inside the page with performance.now(); the median and p90 of N runs are
// printed as a table and as `bench <name> median_ms=… p90_ms=… n=…` lines, followed by the
// raw and gzip sizes of the wasm and the JS glue. Needs the built package (./x build).
//   node www/bench/browser-bench.mjs [--runs 15]
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startDevServer } from "../dev-server.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const EXAM = "/examples/certification-exam.json";
const runsArg = process.argv.indexOf("--runs");
const RUNS = Math.min(100, Math.max(1, Number(runsArg >= 0 ? process.argv[runsArg + 1] : process.env.BENCH_RUNS ?? 15) || 15));

/** Nearest-rank percentile of a list of numbers. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One cold run in a fresh page: fetch the wasm bytes first, then time init() alone. */
async function instantiateOnce(context, base) {
  const page = await context.newPage();
  await page.goto(`${base}/www/bench/blank.html`);
  const ms = await page.evaluate(async () => {
    const engine = await import("/pkg/certa.js");
    const bytes = await (await fetch("/pkg/certa_bg.wasm")).arrayBuffer();
    const t0 = performance.now();
    await engine.default({ module_or_path: bytes });
    return performance.now() - t0;
  });
  await page.close();
  return ms;
}

/** Engine calls in one warm page, N runs each: Package.load, Session.start, session.submit. */
async function engineRuns(context, base, runs) {
  const page = await context.newPage();
  await page.goto(`${base}/www/bench/blank.html`);
  const result = await page.evaluate(async ({ runs, exam }) => {
    const { default: init, Package, Session } = await import("/pkg/certa.js");
    await init();
    const text = await (await fetch(exam)).text();
    const response = (item) => {
      const i = item.interaction;
      switch (i.type) {
        case "single_choice": return i.choices[0].id;
        case "multiple_response": return [i.choices[0].id];
        case "true_false": return true;
        case "numeric": return 1;
        case "ordering": return i.steps.map((s) => s.id);
        case "matching": return [[i.sources[0].id, i.targets[0].id]];
        case "cloze": return {};
        default: return "answer";
      }
    };
    const times = { load: [], start: [], submit: [] };
    for (let run = 0; run < runs; run += 1) {
      let t0 = performance.now();
      const pkg = Package.load(text);
      times.load.push(performance.now() - t0);
      const now = Date.now();
      t0 = performance.now();
      const session = Session.start(pkg, { seed: String(1000 + run), learner: { id: `bench-${run}` }, now, mode: "practice" });
      times.start.push(performance.now() - t0);
      const form = session.form();
      for (const item of form.items) session.answer(item.id, response(item), now + 1000);
      t0 = performance.now();
      const record = session.submit(now + 60000);
      times.submit.push(performance.now() - t0);
      if (record.result.items.length !== form.items.length) throw new Error("record does not score every item");
      session.free();
      pkg.free();
    }
    return { times, items: JSON.parse(text).items.length };
  }, { runs, exam: EXAM });
  await page.close();
  return result;
}

/**
 * Load to first item: from the moment the page creates `<certa-assessment>` and hands it the
 * package, to the first question's stem in the player's shadow DOM (`certa:ready`, fired right
 * after the question is built, before the browser lays it out), and to the next animation frame
 * after it. localStorage is empty, so a new attempt is assembled (no resume). Both figures run in
 * a fresh page of one browser context; the dev server sends every file with `no-store`, so
 * nothing comes from the HTTP cache and no compiled wasm is reused across pages.
 * - warm: the player and the engine are loaded (`loadEngine()`: pkg/certa.js imported,
 *   certa_bg.wasm fetched, compiled, instantiated and warmed up) and the package is a parsed
 *   object, as when a host page fetched it; the time is the player's own work: JSON.stringify,
 *   Package.load (parse + validate the 300 items), Session.start (form assembly), form(),
 *   the first snapshot into localStorage, and building the first question and the palette.
 * - cold: only the player module (www/certa-assessment.js) is imported; the time adds importing
 *   pkg/certa.js, fetching, compiling and instantiating certa_bg.wasm, the engine warm-up, and
 *   fetching the package by URL.
 */
async function playerOnce(context, base, { cold, run }) {
  const page = await context.newPage();
  await page.goto(`${base}/www/bench/blank.html`);
  const result = await page.evaluate(async ({ cold, run, exam }) => {
    await import("/www/certa-assessment.js");
    let pkg = exam;
    if (!cold) {
      const { loadEngine } = await import("/www/player/engine.js");
      await loadEngine();
      pkg = await (await fetch(exam)).json();
    }
    localStorage.clear();
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
    await frame();
    return new Promise((ok, fail) => {
      const t0 = performance.now();
      const element = document.createElement("certa-assessment");
      element.setAttribute("learner", JSON.stringify({ id: `bench-${run}` }));
      element.setAttribute("mode", "practice");
      element.setAttribute("seed", String(7000 + run));
      element.package = pkg;
      element.addEventListener("certa:error", (event) => fail(new Error(event.detail?.message ?? "certa:error")));
      element.addEventListener("certa:ready", () => {
        const ready = performance.now() - t0;
        const stem = element.shadowRoot.querySelector(".certa-stem");
        if (!stem || !stem.textContent.trim()) return fail(new Error("no question stem on screen at ready"));
        requestAnimationFrame(() => ok({ ready, painted: performance.now() - t0 }));
      });
      document.getElementById("stage").append(element);
    });
  }, { cold, run, exam: EXAM });
  await page.close();
  return result;
}

function size(path) {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function main() {
  for (const file of ["pkg/certa.js", "pkg/certa_bg.wasm", "www/vendor/purify.es.mjs"]) {
    if (!existsSync(join(REPO, file))) throw new Error(`${file} is missing: run ./x build`);
  }
  const server = await startDevServer({ port: 0, recordsFile: join(REPO, "target", "bench-records.jsonl") });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const rows = [];
  try {
    const context = await browser.newContext();
    const add = (name, what, values) => rows.push({ name, what, values });
    const instantiate = [];
    for (let run = 0; run < RUNS; run += 1) instantiate.push(await instantiateOnce(context, server.url));
    add("wasm_instantiate", "init() of certa_bg.wasm (compile + instantiate), fresh page", instantiate);
    const engine = await engineRuns(context, server.url, RUNS);
    add("package_load", `Package.load, ${engine.items}-item certification exam`, engine.times.load);
    add("session_start", "Session.start (form assembly, 60 items)", engine.times.start);
    add("session_submit", "session.submit (scoring, 60 answers)", engine.times.submit);
    for (const cold of [true, false]) {
      const ready = [];
      const painted = [];
      for (let run = 0; run < RUNS; run += 1) {
        const r = await playerOnce(context, server.url, { cold, run });
        ready.push(r.ready);
        painted.push(r.painted);
      }
      const label = cold ? "cold: engine import + instantiate + fetch by URL" : "warm: engine loaded, package object";
      add(`player_first_item_${cold ? "cold" : "warm"}`, `<certa-assessment> given the package → first question stem in the DOM (${label})`, ready);
      add(`player_first_frame_${cold ? "cold" : "warm"}`, "… → next animation frame after it", painted);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }

  const fmt = (ms) => ms.toFixed(2);
  console.log(`browser benchmarks (headless Chromium ${browser.version()}, ${RUNS} runs each)\n`);
  console.log(`${"name".padEnd(26)} ${"median ms".padStart(10)} ${"p90 ms".padStart(10)}  what`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(26)} ${fmt(percentile(row.values, 50)).padStart(10)} ${fmt(percentile(row.values, 90)).padStart(10)}  ${row.what}`);
  }
  console.log("");
  for (const row of rows) {
    console.log(`bench ${row.name} median_ms=${fmt(percentile(row.values, 50))} p90_ms=${fmt(percentile(row.values, 90))} n=${row.values.length}`);
  }
  console.log("\nsizes");
  for (const file of ["pkg/certa_bg.wasm", "pkg/certa.js"]) {
    const { raw, gzip } = size(join(REPO, file));
    console.log(`  ${file.padEnd(20)} ${(raw / 1024).toFixed(1).padStart(8)} KB raw ${(gzip / 1024).toFixed(1).padStart(8)} KB gzip`);
    console.log(`bench size ${file.split("/").pop()} raw_bytes=${raw} gzip_bytes=${gzip}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
