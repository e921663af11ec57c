// SCORM exports against a real runtime: every (element, value) pair of `certa export scorm2004`
// and `certa export scorm12` goes through scorm-again's Scorm2004API / Scorm12API in order
// (Initialize, then SetValue with GetLastError() "0" after each), and what can be read back
// reads back as set. scorm-again is lenient where SCORM 1.2 is strict (it takes any printable
// identifier and any response text), so the 1.2 values are also held to the data types of the
// SCORM 1.2 RTE (section 3.4.2) below.
//   cargo build --bin certa && node --test www/tests/scorm.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Scorm12API, Scorm2004API } from "scorm-again";
import { KINDS, QUIZ, REPO, exported, record, scratch, sweep } from "./export-fixtures.js";

const QUIET = { logLevel: 5 }; // LogLevelEnum.NONE
const FIXTURES = sweep();

/** Initialize a fresh runtime and set every pair; returns the runtime. */
function run2004(pairs, label) {
  const api = new Scorm2004API(QUIET);
  assert.equal(String(api.Initialize("")), "true", `${label}: Initialize`);
  for (const [element, value] of pairs) {
    const ok = api.SetValue(element, value);
    const code = String(api.GetLastError());
    assert.equal(code, "0", `${label}: SetValue(${element}, ${JSON.stringify(value)}) -> ${code} ${api.GetDiagnostic(code)}`);
    assert.equal(String(ok), "true", `${label}: SetValue(${element})`);
  }
  return api;
}

function run12(pairs, label) {
  const api = new Scorm12API(QUIET);
  assert.equal(String(api.LMSInitialize("")), "true", `${label}: LMSInitialize`);
  for (const [element, value] of pairs) {
    const ok = api.LMSSetValue(element, value);
    const code = String(api.LMSGetLastError());
    assert.equal(code, "0", `${label}: LMSSetValue(${element}, ${JSON.stringify(value)}) -> ${code} ${api.LMSGetDiagnostic(code)}`);
    assert.equal(String(ok), "true", `${label}: LMSSetValue(${element})`);
  }
  return api;
}

/** The last value set per element. */
const lastValues = (pairs) => new Map(pairs.map(([e, v]) => [e, v]));

test("SCORM 2004: every pair is accepted by scorm-again and reads back as set", () => {
  const types = new Set();
  for (const fixture of FIXTURES) {
    const { json, status, stderr } = exported("scorm2004", fixture);
    assert.equal(status, 0, `${fixture.label}: ${stderr}`);
    const api = run2004(json.pairs, fixture.label);
    for (const [element, value] of lastValues(json.pairs)) {
      if (element === "cmi.session_time") continue; // write-only
      const read = String(api.GetValue(element));
      assert.equal(String(api.GetLastError()), "0", `${fixture.label}: GetValue(${element})`);
      assert.equal(read, value, `${fixture.label}: ${element}`);
      if (element.endsWith(".type")) types.add(value);
    }
    const decision = fixture.record.result.decision;
    const success = { pass: "passed", fail: "failed", pending: "unknown" }[decision];
    assert.equal(api.GetValue("cmi.success_status"), success, fixture.label);
    assert.equal(api.GetValue("cmi.completion_status"), "completed", fixture.label);
    const keys = json.pairs.filter(([e]) => e.includes("correct_responses"));
    if (fixture.record.mode === "secure") assert.equal(keys.length, 0, `${fixture.label}: keys in a secure export`);
    else assert.ok(keys.length > 0, fixture.label);
  }
  assert.deepEqual([...types].sort(),
    ["choice", "fill-in", "long-fill-in", "matching", "numeric", "sequencing", "true-false"]);
});

test("SCORM 2004: ids in responses are short identifiers, ids of interactions and objectives URIs", () => {
  // RTE short_identifier_type / long_identifier_type, as scorm-again reads them.
  const shortId = /^(?=.*\w)[\w\-()+.:=@;$_!*'%/#]{1,250}$/;
  const longId = /^[^\s]{1,4000}$/;
  for (const fixture of FIXTURES) {
    const { json } = exported("scorm2004", fixture);
    const types = new Map(json.pairs.filter(([e]) => e.endsWith(".type")).map(([e, v]) => [e.replace(/\.type$/, ""), v]));
    for (const [element, value] of json.pairs) {
      if (/\.id$/.test(element)) assert.match(value, longId, `${fixture.label}: ${element}`);
      const m = element.match(/^(cmi\.interactions\.\d+)\.(learner_response|correct_responses\.\d+\.pattern)$/);
      if (!m) continue;
      const type = types.get(m[1]);
      if (type === "choice" || type === "sequencing") {
        for (const id of value.split("[,]")) assert.match(id, shortId, `${fixture.label}: ${element} = ${value}`);
      }
      if (type === "matching") {
        for (const pair of value.split("[,]")) {
          const [source, target] = pair.split("[.]");
          assert.match(source, shortId, `${fixture.label}: ${element}`);
          assert.match(target, shortId, `${fixture.label}: ${element}`);
        }
      }
    }
  }
});

test("SCORM 2004: transformed ids, truncated text and defused delimiters go through, with notices", () => {
  const kinds = FIXTURES.find((f) => f.pkg === KINDS && f.record.mode === "practice");
  const { json } = exported("scorm2004", kinds);
  const values = lastValues(json.pairs);
  assert.equal(values.get("cmi.interactions.0.id"), "q%201");
  assert.equal(values.get("cmi.objectives.0.id"), "LO%201");
  assert.equal(values.get("cmi.interactions.0.description").length, 250);
  const notices = json.notices.map((n) => `${n.element}: ${n.message}`);
  assert.ok(notices.includes("cmi.interactions.0.description: truncated from 344 to 250 characters"), notices.join("\n"));
  assert.ok(notices.some((n) => n.startsWith("cmi.interactions.0.id: the id \"q 1\" is written as \"q%201\"")));
  // Free text with a reserved delimiter, a leading brace and a line break, and a French package.
  const fr = JSON.parse(readFileSync(join(REPO, KINDS), "utf8"));
  fr.language = "fr-CA";
  const frPkg = scratch("kinds-fr.json", JSON.stringify(fr));
  const rec = { ...kinds.record };
  rec.responses = { ...rec.responses };
  for (const [id, value] of [["q4", "{a[,]b[.]c[:]d"], ["q9", "Line one.\nLine two.\r\n\tEnd"]]) {
    rec.responses[id] = { ...(rec.responses[id] ?? { answered_at: rec.started_at + 1000, changed_at: rec.started_at + 1000, changes: 0 }), value };
  }
  const out = exported("scorm2004", { pkg: frPkg, path: scratch("kinds-fr-record.json", JSON.stringify(rec)), label: "fr" });
  assert.equal(out.status, 0, out.stderr);
  const frValues = lastValues(out.json.pairs);
  assert.equal(frValues.get("cmi.interactions.3.learner_response"), "(a[ ,]b[ .]c[ :]d");
  assert.equal(frValues.get("cmi.interactions.8.learner_response"), "Line one. Line two. End");
  assert.ok(frValues.get("cmi.interactions.1.description").startsWith("{lang=fr-CA}"));
  run2004(out.json.pairs, "fr");
});

test("SCORM 2004: the runtime refuses what the exporter must never write", () => {
  // (scorm-again does not enforce the 250-character SPM of descriptions; tests/export_scorm.rs does.)
  const broken = [
    ["cmi.interactions.0.latency", "PT1.234S"], // more than 2 decimals
    ["cmi.interactions.0.result", "pending"],
    ["cmi.interactions.0.type", "essay"],
    ["cmi.interactions.0.learner_response", "line\nbreak"], // long-fill-in below
    ["cmi.success_status", "pending"],
    ["cmi.score.scaled", "1.5"],
    ["cmi.interactions.0.timestamp", "2026-11-22T09:00:00Z"], // TZD needs a fraction
  ];
  for (const [element, value] of broken) {
    const api = new Scorm2004API(QUIET);
    api.Initialize("");
    api.SetValue("cmi.interactions.0.id", "q1");
    api.SetValue("cmi.interactions.0.type", "long-fill-in");
    api.SetValue(element, value);
    assert.notEqual(String(api.GetLastError()), "0", `${element} = ${JSON.stringify(value)} was accepted`);
  }
});

// SCORM 1.2 RTE 3.4.2 data types, strictly.
const STRICT_12 = {
  identifier: /^[A-Za-z0-9_-]{1,255}$/, // CMIIdentifier
  timespan: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/, // CMITimespan
  time: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/, // CMITime
  decimal: /^-?\d+(\.\d+)?$/, // CMIDecimal
  result: /^(correct|wrong|unanticipated|neutral|\d+(\.\d+)?)$/,
  status: /^(passed|completed|failed|incomplete|browsed|not attempted)$/,
};
// CMIFeedback by interaction type: single characters 0-9 a-z.
const RESPONSE_12 = {
  "true-false": /^[01tf]$/,
  choice: /^[0-9a-z](,[0-9a-z])*$/,
  sequencing: /^[0-9a-z](,[0-9a-z])*$/,
  matching: /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/,
  numeric: STRICT_12.decimal,
};
const PATTERN_12 = { ...RESPONSE_12, choice: /^(\{[0-9a-z](,[0-9a-z])*\}|[0-9a-z](,[0-9a-z])*)$/ };

test("SCORM 1.2: every pair is accepted by scorm-again and holds to the 1.2 data types", () => {
  for (const fixture of FIXTURES) {
    const { json, status, stderr } = exported("scorm12", fixture);
    assert.equal(status, 0, `${fixture.label}: ${stderr}`);
    const api = run12(json.pairs, fixture.label);
    const lesson = { pass: "passed", fail: "failed", pending: "completed" }[fixture.record.result.decision];
    assert.equal(api.LMSGetValue("cmi.core.lesson_status"), lesson, fixture.label);
    const values = lastValues(json.pairs);
    for (const element of ["cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"]) {
      assert.equal(api.LMSGetValue(element), values.get(element), `${fixture.label}: ${element}`);
      const n = Number(values.get(element));
      assert.ok(n >= 0 && n <= 100, `${fixture.label}: ${element}`);
    }
    const types = new Map();
    for (const [element, value] of json.pairs) {
      const label = `${fixture.label}: ${element} = ${JSON.stringify(value)}`;
      assert.ok(value.length <= 255, label);
      if (/^cmi\.objectives\.\d+\.(status|score\.raw)$/.test(element)) {
        assert.equal(api.LMSGetValue(element), value, label);
      }
      if (element.endsWith(".id")) assert.match(value, STRICT_12.identifier, label);
      if (element.endsWith("session_time") || element.endsWith(".latency")) assert.match(value, STRICT_12.timespan, label);
      if (element.endsWith(".time")) assert.match(value, STRICT_12.time, label);
      if (element.endsWith(".weighting")) assert.match(value, STRICT_12.decimal, label);
      if (element.endsWith(".result")) assert.match(value, STRICT_12.result, label);
      if (element.endsWith(".status") || element.endsWith("lesson_status")) assert.match(value, STRICT_12.status, label);
      const m = element.match(/^(cmi\.interactions\.\d+)\.(type|student_response|correct_responses\.0\.pattern)$/);
      if (!m) continue;
      if (m[2] === "type") {
        types.set(m[1], value);
        continue;
      }
      const rule = (m[2] === "student_response" ? RESPONSE_12 : PATTERN_12)[types.get(m[1])];
      if (rule) assert.match(value, rule, label);
    }
  }
});

test("SCORM 1.2: choice ids that are not single characters are written by position, with a notice", () => {
  const fixture = FIXTURES.find((f) => f.pkg === QUIZ && f.record.mode === "practice");
  const { json } = exported("scorm12", fixture);
  const mapped = json.notices.filter((n) => n.message.includes("by authored position"));
  assert.ok(mapped.length > 0);
  for (const n of mapped) assert.match(n.message, /: a = "[^"]+"/);
});

test("a secure record exports once verified; the raw secure record is refused", () => {
  const raw = scratch("raw-secure.json", JSON.stringify({ ...record(QUIZ, { seed: 2, theta: 2.5, mode: "secure" }).record, result: undefined }));
  const out = exported("scorm2004", { pkg: QUIZ, path: raw });
  assert.equal(out.status, 1);
  assert.match(out.stderr, /no result: a secure attempt is exported after verification/);
});
