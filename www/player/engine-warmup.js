// Engine warm-up: Chromium compiles WebAssembly functions lazily, on their first call, so the
// first Package.load / Session.start / form() of a page pay 30-80 ms of compilation on top of
// their own few milliseconds. Running them once on a small built-in package right after the
// engine is instantiated moves that cost to engine loading, ahead of the first question. The
// warm-up has no effect other than compiled code: no storage, no events, objects freed, and
// any error (an older or newer engine that rejects this package) is ignored.

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
    warmupText ??= JSON.stringify(WARMUP_PACKAGE);
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
