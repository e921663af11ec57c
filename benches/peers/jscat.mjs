#!/usr/bin/env node
// jsCAT (@bdelab/jscat, npm) in `./x bench peers`: EAP and MLE θ for the fixture's response
// vectors, one Cat per vector. jsCAT's EAP sums over its own grid (step 0.1 on [−4, 4], 81
// points, N(0, 1) prior); its MLE maximizes with Powell's method from θ = 0 within [−6, 6].
//   node benches/peers/jscat.mjs FIXTURE_DIR OUT_JSON
import { createRequire } from "node:module";
import { loadScoring, timed, writeResult } from "./common.mjs";

const [fixture, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node benches/peers/jscat.mjs FIXTURE_DIR OUT_JSON");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { Cat } = require("@bdelab/jscat");
const version = require("@bdelab/jscat/package.json").version;

const { items, vectors } = loadScoring(fixture);
const zetas = items.map((p) => ({ a: p.a, b: p.b, c: p.c, d: 1 }));

function estimate(method, count, bounds) {
  const thetas = [];
  for (let v = 0; v < count; v += 1) {
    const cat = new Cat({ method, minTheta: bounds[0], maxTheta: bounds[1] });
    cat.updateAbilityEstimate(zetas, vectors[v]);
    thetas.push(cat.theta);
  }
  return thetas;
}

const tasks = {};
const note = "jsCAT grid: 81 points, step 0.1";
// jsCAT takes milliseconds per vector: one run each, no warm-up.
for (const count of [1000, 10000]) {
  const { times, cpu, value } = timed(1, () => estimate("EAP", count, [-4, 4]), false);
  tasks[`eap_${count}`] = { times_ms: times, cpu_ms: cpu, thetas: value, note };
  console.error(`jscat: eap ${count} done`);
}
const mle = timed(1, () => estimate("MLE", 1000, [-6, 6]), false);
tasks.mle_1000 = {
  times_ms: mle.times,
  cpu_ms: mle.cpu,
  thetas: mle.value,
  converged: mle.value.map((t, v) => {
    const right = vectors[v].reduce((s, u) => s + u, 0);
    return Math.abs(t) < 6 - 1e-3 && right > 0 && right < vectors[v].length;
  }),
};
writeResult(out, { tool: "jsCAT", runtime: "node", version, tasks });
console.error(`jscat: wrote ${out}`);
