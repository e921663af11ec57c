// Engine warm-up: Chromium compiles WebAssembly functions lazily, on their first call, with a
// baseline compiler, and recompiles a function with its optimizing tier only once it has run
// for a while. So the first Package.load of a 300-item exam in a page took 20-36 ms where later
// ones take 6-8. Right after the engine is instantiated, the warm-up loads a built-in package
// (the kinds the exams use, repeated to ~110 items) three times and starts a session on it:
// the reading and validation code is optimized before the first real package arrives (the
// player fetches it meanwhile). It costs ~25-40 ms at engine load and has no effect other than
// compiled code: no storage, no events, objects freed, and any error (an older or newer engine
// that rejects this package) is ignored.

const CHOICES = ["a", "b", "c", "d"].map((id) => ({ id, content: `<p>Choice <code>${id}</code></p>` }));
const BASE = (id, domain) => ({
  id, stem: `<p>Warm-up item <code>${id}</code></p>`, points: 1, domain,
  outcomes: [{ outcome: "W-1", weight: 1 }], difficulty: { b: 0 }, irt: { a: 1, b: 0, c: 0.1 },
  feedback: { correct: "Yes.", incorrect: "No." },
});

/** A small valid certa/1 package touching every interaction kind the exams use. */
export const WARMUP_PACKAGE = {
  format: "certa/1",
  id: "certa-engine-warmup",
  version: "1.0.0",
  title: "Warm-up",
  language: "en",
  outcomes: [{ id: "W-1", statement: "Warm-up outcome.", mastery: 0.7, required: true, min_items: 1 }],
  items: [
    { ...BASE("w-sc-1", "A"), interaction: { type: "single_choice", shuffle: true, choices: CHOICES, key: "a" } },
    { ...BASE("w-sc-2", "A"), interaction: { type: "single_choice", shuffle: true, choices: CHOICES, key: "b" } },
    { ...BASE("w-mr", "A"), interaction: { type: "multiple_response", shuffle: true, choices: CHOICES, keys: ["a", "c"], rule: "all_or_nothing", max_choices: 2 } },
    { ...BASE("w-tf", "A"), interaction: { type: "true_false", key: true } },
    { ...BASE("w-num", "B"), interaction: { type: "numeric", key: { value: 42 } } },
    { ...BASE("w-ord", "B"), interaction: { type: "ordering", choices: CHOICES, key: ["a", "b", "c", "d"] } },
    { ...BASE("w-match", "B"), interaction: { type: "matching", sources: CHOICES.slice(0, 2), targets: CHOICES.slice(2), key: [["a", "c"], ["b", "d"]] } },
  ],
  blueprint: {
    length: 6,
    sections: [{ id: "s", title: "Warm-up", domains: [], order: "shuffled" }],
    domains: [{ id: "A", percent: 50 }, { id: "B", percent: 50 }],
    difficulty: { kind: "information", points: [{ theta: 0, target: 1 }] },
    exposure: { randomesque: 2, max_rate: 0.9 },
    shuffle_choices: true,
  },
  scoring: { cut_score: 60, scale: { min: 0, max: 100 }, negative_marking: { enabled: false }, rounding: { decimals: 0, mode: "down" } },
  credential: { kind: "certificate", name: "Warm-up", description: "Warm-up." },
  attempts: { max: 1, grading: "highest", avoid_seen_items: false },
  delivery: { navigation: "free", time_limit_seconds: 600, secure: false },
};

/**
 * The warm-up package with its items repeated under new ids: enough work for Chromium to
 * compile the hot reading and validation functions with its optimizing tier (it promotes a
 * function once it has run long enough), not only its baseline compiler.
 */
const WARMUP_COPIES = 16;
const WARMUP_ROUNDS = 3;
function warmupPackageText() {
  const items = [];
  for (let copy = 0; copy < WARMUP_COPIES; copy += 1) {
    for (const item of WARMUP_PACKAGE.items) items.push({ ...item, id: `${item.id}-${copy}` });
  }
  return JSON.stringify({ ...WARMUP_PACKAGE, items });
}

let warmupText = null;

/**
 * Exercise the calls the player makes before its first question, once, on WARMUP_PACKAGE.
 * @param {{Package: any, Session: any}} engine the initialised engine module
 * @returns {boolean} whether the whole sequence ran
 */
export function warmUpEngine(engine) {
  let pkg = null;
  let session = null;
  try {
    warmupText ??= warmupPackageText();
    for (let round = 0; round < WARMUP_ROUNDS - 1; round += 1) engine.Package.load(warmupText).free();
    pkg = engine.Package.load(warmupText);
    pkg.info();
    const now = Date.now();
    session = engine.Session.start(pkg, { seed: "1", learner: { id: "warm-up" }, now, mode: "practice" });
    session.form();
    session.state();
    session.timeRemaining(now);
    session.attemptId();
    session.snapshot();
    return true;
  } catch {
    return false;
  } finally {
    try { session?.free?.(); } catch { /* already freed */ }
    try { pkg?.free?.(); } catch { /* already freed */ }
  }
}
