// Shared by the Node runners of `./x bench peers`: reading the fixture, timing, writing results.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The fixture's scoring test: parameters, and the response vectors as 0/1 arrays. */
export function loadScoring(fixture) {
  const s = JSON.parse(readFileSync(join(fixture, "scoring.json"), "utf8"));
  const vectors = s.responses.map((r) => Array.from(r, (ch) => (ch === "1" ? 1 : 0)));
  return { items: s.items, vectors };
}

/** Milliseconds of CPU time this process has used (user + system, every thread). */
export function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Time `run()` `n` times (after one warm-up call unless `warm` is false): wall-clock and CPU
 * milliseconds per call, and the last value. The machine may be shared, so the CPU time is
 * the figure that measures the work; the wall clock also counts time spent waiting for a core.
 */
export function timed(n, run, warm = true) {
  let value = warm ? run() : undefined;
  const times = [];
  const cpu = [];
  for (let i = 0; i < n; i += 1) {
    const c0 = cpuNow();
    const t0 = performance.now();
    value = run();
    times.push(performance.now() - t0);
    cpu.push(cpuNow() - c0);
  }
  return { times, cpu, value };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function writeResult(path, result) {
  writeFileSync(path, JSON.stringify(result));
}

/** PEERS_QUICK=1 cuts the repetitions. */
export function runs(full, quick) {
  return process.env.PEERS_QUICK === "1" ? quick : full;
}
