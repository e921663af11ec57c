// The xAPI and cmi5 exporters against a real validator: every statement that
// `certa export xapi|cmi5` writes for the two example packages (seeds 1-4, a passing θ = 2.5 and
// a failing θ = -1.5 learner, practice and secure records) must pass
// @learninglocker/xapi-validation, Learning Locker's statement validator. It checks the
// statement structure, not the rules that are specific to interactions and cmi5, so those are
// checked here too, from the spec text: response patterns fit their interactionType and name
// real components; secure statements carry no correct responses; a cmi5 session opens with
// initialized, closes with terminated, and categorises, scores and judges as cmi5 says.
//   cargo build --bin certa && node --test www/tests/xapi.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import validation from "@learninglocker/xapi-validation";

const validate = validation.default ?? validation;
const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const CERTA = resolve(REPO, process.env.CERTA_BIN ?? "target/debug/certa");
const WORK = mkdtempSync(join(tmpdir(), "certa-xapi-"));

const VERBS = "http://adlnet.gov/expapi/verbs/";
const CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
const SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const AU = "https://lms.example.edu/cmi5/au/certa-quiz";
const REGISTRATION = "9c1e6a2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d";

const EXAMPLES = ["certificate-quiz", "certification-exam"];
const SEEDS = [1, 2, 3, 4];
const LEARNERS = { pass: 2.5, fail: -1.5 };
const MODES = ["practice", "secure"];

function certa(args) {
  return execFileSync(CERTA, args, { cwd: REPO, encoding: "utf8", maxBuffer: 256 << 20 });
}

function writeJson(name, value) {
  const path = join(WORK, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** A scored record: practice records as simulated; secure ones through `certa verify`. */
function scoredRecord(example, seed, theta, mode) {
  const pkg = join("examples", `${example}.json`);
  const args = ["simulate", pkg, "--seed", String(seed), "--theta", String(theta), "--mode", mode,
    "--attempt-id", `attempt-${example}-${seed}-${theta}-${mode}`];
  let record = JSON.parse(certa(args));
  if (mode === "secure") {
    assert.equal(record.result, undefined, "a simulated secure record is unscored");
    const path = writeJson(`unverified-${example}-${seed}-${theta}.json`, record);
    const out = spawnSync(CERTA, ["verify", "--package", pkg, "--record", path, "--json"],
      { cwd: REPO, encoding: "utf8", maxBuffer: 256 << 20 });
    const verdict = JSON.parse(out.stdout);
    assert.equal(verdict.verified, true, JSON.stringify(verdict.reasons ?? verdict));
    record = verdict.record;
    assert.ok(record.result, "a verified secure record is scored");
  }
  return { pkg, path: writeJson(`record-${example}-${seed}-${theta}-${mode}.json`, record), record };
}

function launchFor(seed) {
  return {
    actor: { objectType: "Agent", name: "Ada", account: { homePage: "https://lms.example.edu", name: "u-1625378" } },
    registration: REGISTRATION,
    activityId: AU,
    contextTemplate: {
      contextActivities: { grouping: [{ id: "https://publisher.example/au/quiz" }] },
      extensions: { [SESSION]: `session-${seed}` },
    },
    launchMode: "Normal",
    // Alternate: the package's own cut score, or a mastery score from the LMS.
    ...(seed % 2 === 0 ? { masteryScore: 0.7 } : {}),
    moveOn: seed % 2 === 0 ? "CompletedAndPassed" : "CompletedOrPassed",
  };
}

const warningsOf = (statement) =>
  validate(statement).map((w) => `${w.path.join(".")}: ${w.constructor.name}`);

const fixtures = [];
before(() => {
  for (const example of EXAMPLES) {
    for (const seed of SEEDS) {
      for (const [learner, theta] of Object.entries(LEARNERS)) {
        for (const mode of MODES) {
          const { pkg, path, record } = scoredRecord(example, seed, theta, mode);
          const launch = launchFor(seed);
          const launchPath = writeJson(`launch-${seed}.json`, launch);
          fixtures.push({
            name: `${example} seed ${seed} ${learner} ${mode}`,
            example, seed, learner, mode, record, launch,
            xapi: JSON.parse(certa(["export", "xapi", "--package", pkg, "--record", path])),
            cmi5: JSON.parse(certa(["export", "cmi5", "--package", pkg, "--record", path, "--launch", launchPath])),
          });
        }
      }
    }
  }
});

test("every xAPI and cmi5 statement passes the validator", () => {
  let checked = 0;
  for (const f of fixtures) {
    for (const [flavour, statements] of [["xapi", f.xapi], ["cmi5", f.cmi5]]) {
      assert.ok(statements.length > 3, `${f.name} ${flavour}: statements`);
      for (const s of statements) {
        assert.deepEqual(warningsOf(s), [], `${f.name} ${flavour}: ${s.verb.id} ${s.object.id}`);
        checked += 1;
      }
    }
  }
  const decisions = new Set(fixtures.map((f) => f.record.result.decision));
  assert.deepEqual([...decisions].sort(), ["fail", "pass", "pending"], "pass, fail and pending all covered");
  console.log(`validator: ${checked} statements from ${fixtures.length} records, 0 warnings`);
});

test("a broken statement fails the validator", () => {
  const good = fixtures[0].xapi.find((s) => s.verb.id === `${VERBS}completed` || s.verb.id === `${VERBS}passed`);
  assert.deepEqual(warningsOf(good), []);
  const broken = [
    (s) => { s.result.score = { scaled: 1.5 }; },
    (s) => { s.verb.id = "answered"; },
    (s) => { s.result.score = { raw: 30, min: 0, max: 21 }; },
    (s) => { s.result.duration = "5 minutes"; },
    (s) => { s.id = "not-a-uuid"; },
    (s) => { s.actor = { objectType: "Agent", name: "nobody" }; },
  ];
  for (const breakIt of broken) {
    const s = structuredClone(good);
    breakIt(s);
    assert.ok(warningsOf(s).length > 0, `should fail: ${breakIt}`);
  }
});

/** The pattern checks of the xAPI spec (2.4.4.1, Response Patterns) for one interaction. */
function checkPattern(definition, pattern, where) {
  const ids = (list) => new Set((definition[list] ?? []).map((c) => c.id));
  const list = pattern === "" ? [] : pattern.split("[,]");
  switch (definition.interactionType) {
    case "true-false":
      assert.match(pattern, /^(true|false)$/, where);
      break;
    case "choice":
      for (const id of list) assert.ok(ids("choices").has(id), `${where}: choice ${id}`);
      assert.equal(new Set(list).size, list.length, `${where}: no repeats`);
      break;
    case "sequencing":
      assert.deepEqual([...list].sort(), [...ids("choices")].sort(), `${where}: every step once`);
      break;
    case "matching":
      for (const pair of list) {
        const [source, target, extra] = pair.split("[.]");
        assert.ok(ids("source").has(source) && ids("target").has(target) && extra === undefined, `${where}: ${pair}`);
      }
      break;
    case "numeric":
      assert.match(pattern, /^(-?\d+(\.\d+)?)?(\[:\](-?\d+(\.\d+)?)?)?$/, `${where}: ${pattern}`);
      break;
    case "fill-in":
    case "long-fill-in":
      assert.equal(typeof pattern, "string");
      break;
    default:
      assert.fail(`${where}: unexpected interactionType ${definition.interactionType}`);
  }
}

test("interactions: types, responses and correct responses as the spec lays them out", () => {
  const types = new Set();
  for (const f of fixtures) {
    const secure = f.mode === "secure" || f.example === "certification-exam";
    for (const s of [...f.xapi, ...f.cmi5].filter((s) => s.verb.id === `${VERBS}answered`)) {
      const d = s.object.definition;
      const where = `${f.name}: ${s.object.id}`;
      assert.equal(d.type, "http://adlnet.gov/expapi/activities/cmi.interaction", where);
      types.add(d.interactionType);
      checkPattern(d, s.result.response, `${where} response`);
      if (secure) {
        assert.equal(d.correctResponsesPattern, undefined, `${where}: secure statements carry no key`);
      } else if (d.interactionType !== "long-fill-in" && d.correctResponsesPattern) {
        for (const p of d.correctResponsesPattern) {
          checkPattern(d, p.replace(/^\{case_matters=true\}/, ""), `${where} key`);
        }
      }
      // A fully correct id-based response is the (single) correct pattern itself.
      const idBased = ["choice", "sequencing", "matching", "true-false"].includes(d.interactionType);
      if (s.result.success === true && idBased && d.correctResponsesPattern?.length === 1) {
        assert.equal(s.result.response, d.correctResponsesPattern[0], where);
      }
    }
  }
  assert.deepEqual([...types].sort(),
    ["choice", "fill-in", "long-fill-in", "matching", "numeric", "sequencing", "true-false"]);
});

test("xAPI: attempted first, then answered, completed and the verdict, ids unique", () => {
  for (const f of fixtures) {
    const verbs = f.xapi.map((s) => s.verb.id.replace(VERBS, ""));
    assert.equal(verbs[0], "attempted", f.name);
    const assessment = f.xapi[0].object.id;
    const verdicts = f.xapi.filter((s) => s.object.id === assessment && /passed|failed/.test(s.verb.id));
    const expected = { pass: ["passed"], fail: ["failed"], pending: [] }[f.record.result.decision];
    assert.deepEqual(verdicts.map((s) => s.verb.id.replace(VERBS, "")), expected, f.name);
    assert.equal(new Set(f.xapi.map((s) => s.id)).size, f.xapi.length, `${f.name}: unique ids`);
    for (const s of f.xapi) {
      assert.match(s.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, f.name);
      if (s.result?.duration) assert.match(s.result.duration, /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/, f.name);
    }
  }
});

test("cmi5: session bracketing, categories, moveOn, masteryScore and the template", () => {
  for (const f of fixtures) {
    const s = f.cmi5;
    const verb = (st) => st.verb.id.replace(VERBS, "");
    assert.equal(verb(s[0]), "initialized", f.name);
    assert.equal(verb(s.at(-1)), "terminated", f.name);
    for (let i = 1; i < s.length; i++) assert.ok(s[i - 1].timestamp <= s[i].timestamp, `${f.name}: order`);
    const defined = s.filter((st) => st.object.id === AU);
    const counts = {};
    for (const st of defined) counts[verb(st)] = (counts[verb(st)] ?? 0) + 1;
    assert.ok(Object.values(counts).every((n) => n === 1), `${f.name}: no duplicated cmi5 verb`);
    assert.ok((counts.passed ?? 0) + (counts.failed ?? 0) <= 1, `${f.name}: one verdict at most`);
    for (const st of s) {
      const cats = (st.context.contextActivities?.category ?? []).map((a) => a.id);
      assert.equal(st.context.registration, REGISTRATION, f.name);
      assert.equal(st.context.extensions?.[SESSION], `session-${f.seed}`, `${f.name}: template merged`);
      assert.equal(st.context.contextActivities.grouping[0].id, "https://publisher.example/au/quiz");
      assert.ok(st.actor.account, `${f.name}: cmi5 actors carry an account`);
      if (st.object.id !== AU) {
        assert.ok(!cats.includes(CMI5), `${f.name}: allowed statements have no cmi5 category`);
        continue;
      }
      assert.ok(cats.includes(CMI5), `${f.name}: ${verb(st)} has the cmi5 category`);
      const r = st.result ?? {};
      assert.equal(cats.includes(MOVEON), r.success !== undefined || r.completion !== undefined, `${f.name}: moveon`);
      if (verb(st) === "completed") assert.ok(r.completion === true && !r.score && r.success === undefined, f.name);
      if (["passed", "failed"].includes(verb(st))) {
        assert.equal(r.success, verb(st) === "passed", f.name);
        assert.equal(r.completion, undefined, f.name);
        assert.ok(r.duration, f.name);
        if (r.score?.raw !== undefined) assert.ok(Number.isInteger(r.score.raw), `${f.name}: integer raw`);
        const mastery = f.launch.masteryScore;
        if (mastery !== undefined) {
          assert.equal(st.context.extensions[MASTERY], mastery, `${f.name}: masteryscore extension`);
          assert.equal(r.score.scaled >= mastery, r.success, `${f.name}: judged on masteryScore`);
        }
      }
      if (["initialized", "terminated", "completed"].includes(verb(st))) assert.equal(r.score, undefined, f.name);
    }
    const pending = f.record.result.decision === "pending";
    assert.equal(counts.completed, 1, f.name);
    assert.equal((counts.passed ?? 0) + (counts.failed ?? 0), pending ? 0 : 1, f.name);
  }
});

test("cmi5 Browse mode sends no completion data", () => {
  const f = fixtures.find((x) => x.example === "certificate-quiz" && x.mode === "practice");
  const pkg = join("examples", `${f.example}.json`);
  const record = writeJson("browse-record.json", f.record);
  const launch = writeJson("browse-launch.json", { ...f.launch, launchMode: "Browse" });
  const s = JSON.parse(certa(["export", "cmi5", "--package", pkg, "--record", record, "--launch", launch]));
  const verbs = s.filter((st) => st.object.id === AU).map((st) => st.verb.id.replace(VERBS, ""));
  assert.deepEqual(verbs, ["initialized", "terminated"]);
  for (const st of s) assert.deepEqual(warningsOf(st), []);
});
