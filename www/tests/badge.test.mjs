// Open Badges 3.0 credentials from `certa export badge`, checked with ajv (+ ajv-formats)
// against tests/schemas/ob3-achievement-credential.schema.json, written from the OB 3.0 data
// models (appendix B.1); plus what a schema cannot say: results point at result descriptions
// of the asserted achievement, and a credential exists only for an award.
//   cargo build --bin certa && node --test www/tests/badge.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { BADGE_OPTIONS, EXAM, QUIZ, exported, schema, scratch, sweep } from "./export-fixtures.js";

// strictTuples is off: @context fixes its first two entries and allows more.
const ajv = new Ajv2020({ allErrors: true, strictTuples: false });
addFormats(ajv);
const validate = ajv.compile(schema("ob3-achievement-credential.schema.json"));
const errors = () => ajv.errorsText(validate.errors);
const FIXTURES = sweep();

/** The credentials of awarded fixtures. */
function credentials() {
  const out = [];
  for (const fixture of FIXTURES) {
    const { json, status, stderr } = exported("badge", fixture, BADGE_OPTIONS);
    assert.equal(status, 0, `${fixture.label}: ${stderr}`);
    const awarded = fixture.record.result.credential.awarded;
    if (!awarded) {
      assert.equal(json, null, `${fixture.label}: a credential without an award`);
      assert.match(stderr, /no credential to issue: not awarded/);
      continue;
    }
    assert.notEqual(json, null, `${fixture.label}: no credential for an award`);
    out.push({ fixture, credential: json });
  }
  return out;
}

const ISSUED = credentials();

test("every awarded attempt gets a valid credential, and only those", () => {
  const kinds = new Set(ISSUED.map(({ credential }) => credential.credentialSubject.achievement.achievementType));
  assert.deepEqual([...kinds].sort(), ["Certificate", "Certification"]);
  assert.ok(ISSUED.some(({ fixture }) => fixture.record.mode === "secure"));
  for (const { fixture, credential } of ISSUED) {
    assert.ok(validate(credential), `${fixture.label}: ${errors()}`);
  }
});

test("results point at the achievement's result descriptions; alignments are CASE items", () => {
  for (const { fixture, credential } of ISSUED) {
    const achievement = credential.credentialSubject.achievement;
    const ids = new Set(achievement.resultDescription.map((d) => d.id));
    assert.equal(ids.size, achievement.resultDescription.length, `${fixture.label}: duplicate ids`);
    for (const result of credential.credentialSubject.result) {
      assert.ok(ids.has(result.resultDescription), `${fixture.label}: ${result.resultDescription}`);
    }
    for (const alignment of achievement.alignment ?? []) {
      assert.equal(alignment.targetType, "CFItem");
      assert.match(alignment.targetUrl, /^https:\/\/case\.example\.org\/uri\//);
    }
  }
});

test("validUntil for certifications (the expiry), never for certificates", () => {
  for (const { fixture, credential } of ISSUED) {
    const type = credential.credentialSubject.achievement.achievementType;
    const expires = fixture.record.result.credential.expires_at;
    if (type === "Certification") {
      assert.equal(credential.validUntil, new Date(expires).toISOString(), fixture.label);
      assert.ok(Date.parse(credential.validUntil) > Date.parse(credential.validFrom));
    } else {
      assert.equal(credential.validUntil, undefined, fixture.label);
    }
    assert.equal(credential.validFrom, new Date(fixture.record.submitted_at).toISOString());
  }
});

test("the credential id is deterministic, per attempt", () => {
  const [{ fixture, credential }] = ISSUED;
  assert.equal(exported("badge", fixture, BADGE_OPTIONS).json.id, credential.id);
  assert.match(credential.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  // Attempt ids differ across the fixtures (per package, seed and mode), and so do credential ids.
  assert.equal(new Set(ISSUED.map((i) => i.credential.id)).size, ISSUED.length);
});

test("an e-mail address is written only as a salted SHA-256 identity", () => {
  const { fixture } = ISSUED.find(({ fixture: f }) => f.pkg === QUIZ);
  const rec = { ...fixture.record, learner: { id: "learner-7", email: " Ada@Example.org " } };
  const withEmail = { ...fixture, path: scratch("email-record.json", JSON.stringify(rec)) };
  const unsalted = scratch("badge-unsalted.json", JSON.stringify({ issuer: { id: "https://x.example/i", name: "X" } }));
  const refused = exported("badge", withEmail, unsalted);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /identity_salt/);
  const { json } = exported("badge", withEmail, BADGE_OPTIONS);
  assert.ok(validate(json), errors());
  const [identity] = json.credentialSubject.identifier;
  const salt = "k7Qw2vX9";
  const hash = createHash("sha256").update(`ada@example.org${salt}`).digest("hex");
  assert.deepEqual(identity, { type: "IdentityObject", hashed: true, identityHash: `sha256$${hash}`, identityType: "emailAddress", salt });
  assert.ok(!JSON.stringify(json).toLowerCase().includes("ada@example.org"));
});

test("the schema holds: broken credentials fail", () => {
  const good = ISSUED.find(({ credential }) => credential.validUntil)?.credential;
  assert.ok(good);
  const broken = {
    "no OpenBadgeCredential type": (c) => { c.type = ["VerifiableCredential"]; },
    "no VerifiableCredential type": (c) => { c.type = ["OpenBadgeCredential"]; },
    "contexts in the wrong order": (c) => { c["@context"].reverse(); },
    "bad validFrom": (c) => { c.validFrom = "2026-13-01T00:00:00Z"; },
    "validFrom without a time zone": (c) => { c.validFrom = "2026-11-22T09:05:10"; },
    "no issuer id": (c) => { delete c.issuer.id; },
    "no criteria": (c) => { delete c.credentialSubject.achievement.criteria; },
    "empty criteria": (c) => { c.credentialSubject.achievement.criteria = {}; },
    "alignment without targetUrl": (c) => { delete c.credentialSubject.achievement.alignment[0].targetUrl; },
    "unknown achievementType": (c) => { c.credentialSubject.achievement.achievementType = "Trophy"; },
    "unknown result status": (c) => { c.credentialSubject.result[0].status = "Passed"; },
    "result description without resultType": (c) => { delete c.credentialSubject.achievement.resultDescription[0].resultType; },
    "subject without id or identifier": (c) => { delete c.credentialSubject.identifier; delete c.credentialSubject.id; },
    "hashed identity that is not a hash": (c) => { c.credentialSubject.identifier = [{ type: "IdentityObject", hashed: true, identityHash: "ada@example.org", identityType: "emailAddress" }]; },
    "unknown subject property": (c) => { c.credentialSubject.name = "Ada"; },
  };
  for (const [name, breakIt] of Object.entries(broken)) {
    const credential = structuredClone(good);
    breakIt(credential);
    assert.equal(validate(credential), false, `${name} was accepted`);
  }
});

test("without issuer options there is no credential, and bad options are named", () => {
  const { fixture } = ISSUED[0];
  const none = exported("badge", fixture);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /--options/);
  const bad = exported("badge", fixture, scratch("badge-bad.json", JSON.stringify({ issuer: { id: "academy", name: "A" } })));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /issuer\.id: must be an absolute URI/);
  // Exam and quiz both issue: the sweep covers the two kinds.
  assert.ok(ISSUED.some(({ fixture: f }) => f.pkg === EXAM) && ISSUED.some(({ fixture: f }) => f.pkg === QUIZ));
});
