// LTI AGS score bodies from `certa export lti`, checked with ajv against
// tests/schemas/lti-ags-score.schema.json (written from the AGS 2.0 score publish service).
//   cargo build --bin certa && node --test www/tests/lti.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { QUIZ, exported, schema, scratch, sweep } from "./export-fixtures.js";

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema("lti-ags-score.schema.json"));
const errors = () => ajv.errorsText(validate.errors);
const FIXTURES = sweep();

test("every score body is valid, FullyGraded or PendingManual as the record says", () => {
  const seen = new Set();
  for (const fixture of FIXTURES) {
    const { json, status, stderr } = exported("lti", fixture);
    assert.equal(status, 0, `${fixture.label}: ${stderr}`);
    assert.ok(validate(json), `${fixture.label}: ${errors()}`);
    const result = fixture.record.result;
    assert.equal(json.gradingProgress, result.pending_manual > 0 ? "PendingManual" : "FullyGraded", fixture.label);
    assert.equal(json.activityProgress, "Completed");
    assert.equal(json.userId, fixture.record.learner.id);
    assert.equal(typeof json.scoreGiven, "number", `${fixture.label}: a score is always sent`);
    assert.ok(json.scoreGiven <= json.scoreMaximum);
    assert.equal(json.scoreMaximum, result.max_raw);
    seen.add(json.gradingProgress);
  }
  assert.deepEqual([...seen].sort(), ["FullyGraded", "PendingManual"]);
});

test("host options: LTI user id, comment, Submitted, score time", () => {
  const fixture = FIXTURES.find((f) => f.pkg === QUIZ && f.record.mode === "practice");
  const options = scratch("lti-options.json", JSON.stringify({
    user_id: "f6a2c1e0-7b3d-4c5e-9f10-2b8d4e6a1c3f",
    comment: "Graded by certa",
    activity_progress: "Submitted",
    timestamp: "2026-11-23T10:00:00.25+01:00",
  }));
  const { json, status, stderr } = exported("lti", fixture, options);
  assert.equal(status, 0, stderr);
  assert.ok(validate(json), errors());
  assert.equal(json.userId, "f6a2c1e0-7b3d-4c5e-9f10-2b8d4e6a1c3f");
  assert.equal(json.activityProgress, "Submitted");
  assert.equal(json.timestamp, "2026-11-23T09:00:00.250Z");
  assert.equal(json.comment, "Graded by certa");
  const bad = exported("lti", fixture, scratch("lti-bad.json", JSON.stringify({ userid: "x" })));
  assert.equal(bad.status, 2);
});

test("the schema holds: a zero score passes, broken bodies fail", () => {
  const fixture = FIXTURES.find((f) => f.record.mode === "practice");
  const good = exported("lti", fixture).json;
  assert.ok(validate({ ...good, scoreGiven: 0 }), errors());
  const broken = {
    "no userId": (b) => delete b.userId,
    "negative score": (b) => { b.scoreGiven = -1; },
    "score without maximum": (b) => delete b.scoreMaximum,
    "zero maximum": (b) => { b.scoreMaximum = 0; },
    "unknown grading progress": (b) => { b.gradingProgress = "Done"; },
    "timestamp without sub-seconds": (b) => { b.timestamp = "2026-11-22T09:05:10Z"; },
    "not a date": (b) => { b.timestamp = "2026-13-40T09:05:10.000Z"; },
    "unknown property": (b) => { b.score = 1; },
  };
  for (const [name, breakIt] of Object.entries(broken)) {
    const body = structuredClone(good);
    breakIt(body);
    assert.equal(validate(body), false, `${name} was accepted`);
  }
});
