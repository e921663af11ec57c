#!/usr/bin/env node
// certa's wasm side of `./x bench peers`: the module built with the `bench-exports` feature
// (src/bench_exports.rs, wasm-bindgen --target nodejs into target/bench/wasm/) runs every
// task of the benchmark in Node; each call is timed with performance.now().
//   node benches/peers/wasm.mjs FIXTURE_DIR WASM_DIR OUT_JSON
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { cpuNow, loadScoring, median, runs, timed, writeResult } from "./common.mjs";

const [fixture, wasmDir, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node benches/peers/wasm.mjs FIXTURE_DIR WASM_DIR OUT_JSON");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { BenchForms, BenchScoring } = require(resolve(wasmDir, "certa.js"));
const read = (name) => readFileSync(join(fixture, name), "utf8");

function forms(json, seeds) {
  const f = new BenchForms(json);
  // A few warm-up forms, so that V8 has compiled the hot functions with its optimizing tier.
  for (let w = 0; w < 5; w += 1) f.assemble(1_000_000 + w);
  const times = [];
  const cpu = [];
  const list = [];
  for (let s = 0; s < seeds; s += 1) {
    const c0 = cpuNow();
    const t0 = performance.now();
    const ids = f.assemble(s);
    times.push(performance.now() - t0);
    cpu.push(cpuNow() - c0);
    list.push(ids.split("\n"));
  }
  f.free();
  return { times_ms: times, cpu_ms: cpu, forms: list };
}

function sequential(json, count) {
  const f = new BenchForms(json);
  const times = [];
  const cpu = [];
  const list = [];
  for (let s = 0; s < count; s += 1) {
    const c0 = cpuNow();
    const t0 = performance.now();
    const ids = f.assembleNext(s);
    times.push(performance.now() - t0);
    cpu.push(cpuNow() - c0);
    list.push(ids.split("\n"));
  }
  f.free();
  return { times_ms: times, cpu_ms: cpu, forms: list };
}

const tasks = {};
console.error("certa wasm: b1");
tasks.b1 = forms(read("b1.json"), runs(50, 5));
console.error("certa wasm: b2");
tasks.b2 = forms(read("b2.json"), runs(50, 5));
console.error("certa wasm: randomized");
tasks.randomized = sequential(read("randomized.json"), 100);

console.error("certa wasm: eap, mle");
const { items, vectors } = loadScoring(fixture);
const params = new Float64Array(items.flatMap((p) => [p.a, p.b, p.c]));
const responses = new Uint8Array(vectors.flat());
const scoring = new BenchScoring(params, responses);
const setup = timed(runs(21, 3), () => scoring.prepare());
for (const [count, n] of [[1000, runs(51, 5)], [10000, runs(21, 3)]]) {
  const { times, cpu } = timed(n, () => scoring.eap(count));
  tasks[`eap_${count}`] = {
    times_ms: times,
    cpu_ms: cpu,
    setup_ms: median(setup.cpu),
    thetas: Array.from(scoring.thetas()),
  };
}
const mleSetup = timed(runs(21, 3), () => scoring.prepareMle());
const mle = timed(runs(51, 5), () => scoring.mle(1000));
tasks.mle_1000 = {
  times_ms: mle.times,
  cpu_ms: mle.cpu,
  setup_ms: median(mleSetup.cpu),
  thetas: Array.from(scoring.thetas()),
  converged: Array.from(scoring.converged(), (c) => c === 1),
};
scoring.free();

const cargo = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8");
const version = /^version = "([^"]+)"/m.exec(cargo)?.[1] ?? "?";
const size = readFileSync(resolve(wasmDir, "certa_bg.wasm")).length;
writeResult(out, { tool: "certa", runtime: "wasm (node)", version, wasm_bytes: size, tasks });
console.error(`certa wasm: wrote ${out}`);
