// A learner tampering in DevTools, and clocks that are wrong, end to end in headless Chromium
// against the real record service (`certa serve` on an ephemeral port on 127.0.0.1, fresh
// SQLite file, grace of 1 s past a time limit). Each case gets a specific refusal:
//   - a snapshot edited in localStorage (an answer, the seed, the deadline): the player
//     restores the previous good snapshot, or refuses to resume when none passes its
//     integrity check (practice offers a new attempt; secure starts none);
//   - a record edited before it is posted: 422 `score`, shown by the host page;
//   - another learner's record replayed under one's own attempt: 422 `seed`;
//   - a changed seed in the start options: 422 `seed`;
//   - a clock an hour ahead or behind: accepted; a frozen clock that outlasts the limit: 422
//     `time_limit_service_clock`, decided on the service's clock.
// Needs the built package and the certa binary (./x test does both and sets CERTA_BIN):
//   CERTA_BIN=target/debug/certa node --test www/tests/tamper.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const SCREENSHOTS = join(REPO, "target", "screenshots");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const CERTA_BIN = resolve(process.env.CERTA_BIN ?? join(REPO, "target", "debug", "certa"));
const EXAM_ID = "nop-certification-exam";
/** The exam with an 8-second limit, under its own id, for the late-arrival case. */
const SPRINT_ID = "nop-certification-exam-sprint";
const SPRINT_LIMIT_S = 8;
const GRACE_S = 1;
const HOUR_MS = 3_600_000;

/** The examples plus the sprint exam, in a fresh packages directory. */
function packagesDir() {
  const dir = join(mkdtempSync(join(tmpdir(), "certa-tamper-")), "packages");
  mkdirSync(dir);
  for (const name of ["certificate-quiz.json", "certification-exam.json"]) {
    writeFileSync(join(dir, name), readFileSync(join(REPO, "examples", name)));
  }
  const sprint = JSON.parse(readFileSync(join(REPO, "examples", "certification-exam.json"), "utf8"));
  sprint.id = SPRINT_ID;
  sprint.delivery.time_limit_seconds = SPRINT_LIMIT_S;
  writeFileSync(join(dir, "sprint.json"), JSON.stringify(sprint));
  return dir;
}

/** `certa serve` on 127.0.0.1:0; resolves once it prints its URL. */
function startService() {
  const packages = packagesDir();
  const db = join(dirname(packages), "certa.db");
  const child = spawn(CERTA_BIN, ["serve", "--packages", packages, "--db", db, "--host", "127.0.0.1",
    "--port", "0", "--www", REPO, "--time-grace-seconds", String(GRACE_S)], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr += chunk; });
  const exited = new Promise((ok) => child.once("exit", ok));
  return new Promise((ok, fail) => {
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/certa serve: (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        ok({
          url: match[1],
          stop: async () => {
            child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(timer);
          },
        });
      }
    });
    child.once("exit", (code) => fail(new Error(`certa serve exited (${code}) before listening: ${stderr}`)));
  });
}

let service;
let browser;

before(async () => {
  assert.ok(existsSync(join(REPO, "pkg", "certa.js")), "pkg/certa.js is missing: run ./x build");
  assert.ok(existsSync(join(REPO, "www", "vendor", "purify.es.mjs")), "www/vendor/purify.es.mjs is missing: run ./x build");
  assert.ok(existsSync(CERTA_BIN), `${CERTA_BIN} is missing: run cargo build --bin certa (or set CERTA_BIN)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  service = await startService();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await service?.stop();
});

/** The stored record for an attempt id, or null. */
async function storedRecord(attemptId) {
  const response = await fetch(`${service.url}/api/records/${encodeURIComponent(attemptId)}`);
  if (response.status === 404) return null;
  assert.equal(response.status, 200);
  return response.json();
}

/**
 * A fresh browser context. `clock`: `{offsetMs}` shifts the page's clock (it keeps running),
 * `{frozen: true}` stops it at the real time now. Player events are collected in
 * `window.__certaEvents` (across reloads, per page load). `bypassCSP` lets axe be injected.
 */
async function newContext({ clock, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP });
  if (clock?.offsetMs !== undefined) await context.clock.install({ time: Date.now() + clock.offsetMs });
  if (clock?.frozen) await context.clock.setFixedTime(Date.now());
  await context.addInitScript(() => {
    window.__certaEvents = [];
    for (const type of ["certa:ready", "certa:error", "certa:complete"]) {
      document.addEventListener(type, (event) => {
        const { record, ...detail } = event.detail ?? {};
        window.__certaEvents.push({ type, detail: JSON.parse(JSON.stringify(detail)) });
      }, true);
    }
  });
  return context;
}

/** The practice quiz on the demo host page. */
async function openQuiz(context) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${service.url}/www/index.html`);
  await page.locator("certa-assessment .certa-question-heading").waitFor({ timeout: 15000 });
  return { page, errors };
}

/**
 * The secure page (secure.html) for `learner` on `packageId`: the page asks the service for an
 * attempt and embeds the player for it. `waitFor`: what to wait for (a question by default).
 */
async function openSecure(context, { learner, packageId = EXAM_ID, waitFor = "certa-assessment .certa-question-heading" }) {
  await context.route((url) => url.pathname === "/www/secure.html", async (route) => {
    const response = await route.fetch();
    const body = (await response.text())
      .replace(`data-package="${EXAM_ID}"`, `data-package="${packageId}"`)
      .replace(/data-learner='[^']*'/, `data-learner='${JSON.stringify(learner)}'`);
    await route.fulfill({ response, body });
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${service.url}/www/secure.html`);
  await page.locator(waitFor).first().waitFor({ timeout: 30000 });
  return { page, errors };
}

/** Which element has focus inside the player's shadow root. */
function focused(page) {
  return page.evaluate(() => {
    const active = document.querySelector("certa-assessment").shadowRoot.activeElement;
    if (!active) return null;
    return { tag: active.tagName.toLowerCase(), action: active.dataset?.action ?? null };
  });
}

async function tabTo(page, want, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now && want(now)) return now;
  }
  throw new Error("focus never reached the wanted control");
}

/** Answer the question on screen with the keyboard. */
async function answer(page) {
  await page.locator("certa-assessment .certa-question-heading").focus();
  const kind = await page.locator("certa-assessment .certa-interaction").getAttribute("data-kind");
  const control = await tabTo(page, (f) => ["input", "select", "textarea", "button"].includes(f.tag));
  switch (kind) {
    case "single_choice": case "true_false": case "multiple_response": await page.keyboard.press("Space"); break;
    case "text_entry": await page.keyboard.type("status"); break;
    case "numeric": await page.keyboard.type("8"); break;
    case "extended_text": await page.keyboard.type("I would test with the keyboard and a screen reader."); break;
    case "ordering": await page.keyboard.press("Enter"); break;
    case "matching": await page.keyboard.press("ArrowDown"); break;
    case "cloze":
      if (control.tag === "select") await page.keyboard.press("ArrowDown");
      else await page.keyboard.type("0");
      break;
    default: throw new Error(`unknown interaction ${kind}`);
  }
}

const answeredCount = (page) => page.locator("certa-assessment .certa-palette-button.is-answered").count();
const attemptIdOf = (page) => page.evaluate(() => document.querySelector("certa-assessment").attemptId);
const events = (page, type) => page.evaluate((t) => window.__certaEvents.filter((e) => e.type === t).map((e) => e.detail), type);

/** Answer the first two questions (moving to the second in between). */
async function answerTwo(page) {
  await answer(page);
  await page.locator("certa-assessment [data-action=next]").click();
  await answer(page);
  assert.equal(await answeredCount(page), 2);
}

async function submit(page) {
  await page.locator("certa-assessment .certa-palette-button").last().click();
  await page.locator("certa-assessment [data-action=review]").click();
  await page.locator("certa-assessment [data-action=submit]").click();
  await page.locator("certa-assessment .certa-result").waitFor({ timeout: 10000 });
  return page.evaluate(() => document.querySelector("certa-assessment").record);
}

/**
 * Edit a saved snapshot of the attempt in localStorage, as a learner would in DevTools.
 * `slot`: "current" or "previous"; `edit`: "answer" (the last logged answer, in the log and
 * in the responses), "seed" or "deadline" (an hour later). Returns the log index of an edited
 * answer.
 */
function editSnapshot(page, attemptId, slot, edit) {
  return page.evaluate(({ attemptId, slot, edit }) => {
    const suffix = `:attempt:${attemptId}${slot === "previous" ? ":previous" : ""}`;
    const key = Object.keys(localStorage).find((k) => k.startsWith("certa:") && k.endsWith(suffix));
    if (!key) throw new Error(`no ${slot} snapshot for ${attemptId}`);
    const snapshot = JSON.parse(localStorage.getItem(key));
    let index = null;
    if (edit === "answer") {
      index = snapshot.log.findLastIndex((entry) => entry.event.kind === "answer");
      const event = snapshot.log[index].event;
      const forged = event.value === "a" ? "b" : "a";
      event.value = forged;
      snapshot.responses[event.item_id].value = forged;
    } else if (edit === "seed") {
      snapshot.form.seed = String(BigInt(snapshot.form.seed) + 1n);
    } else if (edit === "deadline") {
      snapshot.deadline += 3_600_000;
    }
    localStorage.setItem(key, JSON.stringify(snapshot));
    return index;
  }, { attemptId, slot, edit });
}

/** The saved snapshot texts of an attempt: {current, previous}. */
function savedSnapshots(page, attemptId) {
  return page.evaluate((id) => {
    const find = (suffix) => Object.keys(localStorage).find((k) => k.startsWith("certa:") && k.endsWith(suffix));
    const get = (key) => (key ? localStorage.getItem(key) : null);
    return { current: get(find(`:attempt:${id}`)), previous: get(find(`:attempt:${id}:previous`)) };
  }, attemptId);
}

/** Intercept the page's record post and change the record's JSON first. */
async function editRecordBeforePost(page, change) {
  await page.route((url) => url.pathname === "/api/records", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const record = JSON.parse(route.request().postData());
    return route.continue({ postData: JSON.stringify(change(record)) });
  });
}

/** The host page's outbox entry of an attempt in a final state, with its refusal codes. */
async function outboxVerdict(page, attemptId) {
  const entry = page.locator(`#outbox-list li[data-attempt-id="${attemptId}"]:is([data-state="delivered"], [data-state="rejected"])`);
  await entry.waitFor({ timeout: 15000 });
  const state = await entry.getAttribute("data-state");
  if (state === "delivered") return { state };
  await entry.locator(".refusal").waitFor();
  return {
    state,
    code: await entry.locator(".refusal").getAttribute("data-code"),
    reasons: await entry.locator(".refusal li").evaluateAll((items) => items.map((li) => li.dataset.code)),
    text: await entry.locator(".refusal").textContent(),
  };
}

// --- the snapshot in localStorage ------------------------------------------------------------

test("an edited answer in the saved snapshot: the previous good snapshot is restored, with a notice and an event", async () => {
  const context = await newContext();
  const { page, errors } = await openQuiz(context);
  const attemptId = await attemptIdOf(page);
  await answerTwo(page);
  const before = await savedSnapshots(page, attemptId);
  const good = JSON.parse(before.previous);
  const index = await editSnapshot(page, attemptId, "current", "answer");
  await page.reload();
  await page.locator("certa-assessment .certa-question-heading").waitFor();
  assert.equal(await attemptIdOf(page), attemptId, "the same attempt goes on");
  // The previous good snapshot, one change before the edited one: its answers and question.
  assert.ok(JSON.parse(before.current).log.length === good.log.length + 1);
  assert.equal(await answeredCount(page), Object.keys(good.responses).length);
  assert.equal(await page.locator("certa-assessment .certa-palette-button[aria-current=step]").textContent(), String(good.current + 1));
  const notice = page.locator("certa-assessment .certa-notice.is-warning");
  assert.match(await notice.textContent(), /failed its integrity check.*restored/);
  const [restored] = await events(page, "certa:error");
  assert.equal(restored.code, "snapshot_restored");
  assert.equal(restored.cause.code, "snapshot_tampered");
  assert.equal(restored.cause.path, `log[${index}]`);
  assert.match(restored.cause.message, /answer to/);
  assert.equal((await events(page, "certa:ready"))[0].restored, "previous");
  // Both slots now hold the good snapshot; the edited one is gone.
  const after = await savedSnapshots(page, attemptId);
  assert.equal(after.current, before.previous);
  assert.equal(after.previous, before.previous);
  // The attempt carries on and its record is verified and stored.
  await answer(page);
  const record = await submit(page);
  assert.equal((await outboxVerdict(page, attemptId)).state, "delivered");
  assert.ok(Object.keys(record.responses).length >= 2);
  assert.notEqual(await storedRecord(attemptId), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an edited seed is restored from the previous snapshot; with both edited (deadline), practice refuses and offers a new attempt", async () => {
  const context = await newContext();
  const { page } = await openQuiz(context);
  const attemptId = await attemptIdOf(page);
  await answerTwo(page);
  await editSnapshot(page, attemptId, "current", "seed");
  await page.reload();
  await page.locator("certa-assessment .certa-question-heading").waitFor();
  assert.equal(await attemptIdOf(page), attemptId);
  let [restored] = await events(page, "certa:error");
  assert.deepEqual([restored.code, restored.cause.code, restored.cause.path], ["snapshot_restored", "snapshot_tampered", "log[0]"]);

  // The deadline an hour later in both saved snapshots: nothing passes, nothing is resumed.
  await editSnapshot(page, attemptId, "current", "deadline");
  await editSnapshot(page, attemptId, "previous", "deadline");
  await page.reload();
  const refused = page.locator("certa-assessment .certa-refused");
  await refused.waitFor();
  assert.equal(await refused.getAttribute("role"), "alert");
  assert.match(await refused.textContent(), /failed its integrity check, so it cannot be resumed/);
  assert.equal(await page.locator("certa-assessment .certa-timer").count(), 0, "no attempt is running");
  const [refusal] = await events(page, "certa:error");
  assert.equal(refusal.code, "snapshot_refused");
  assert.equal(refusal.restart, "offer");
  assert.deepEqual(refusal.failures.map((f) => [f.slot, f.code, f.path]),
    [["current", "snapshot_tampered", "log[0]"], ["previous", "snapshot_tampered", "log[0]"]]);
  assert.match(await page.locator("#player-status").textContent(), /snapshot_refused/);
  await page.screenshot({ path: join(SCREENSHOTS, "tamper-refused-practice.png") });
  // Practice: the learner may start over; a new attempt, the edited snapshots discarded.
  await page.locator("certa-assessment [data-action=start-over]").click();
  await page.locator("certa-assessment .certa-question-heading").waitFor();
  const fresh = await attemptIdOf(page);
  assert.notEqual(fresh, attemptId);
  assert.deepEqual(await savedSnapshots(page, attemptId), { current: null, previous: null });
  assert.equal(await answeredCount(page), 0);
  await context.close();
});

test("secure: a saved attempt whose snapshots were both edited is refused, and no new attempt starts", async () => {
  const context = await newContext({ bypassCSP: true });
  const learner = { id: "candidate-snapshot", name: "Sam Snapshot" };
  const { page } = await openSecure(context, { learner });
  const attemptId = await attemptIdOf(page);
  await answerTwo(page);
  await editSnapshot(page, attemptId, "current", "seed");
  await editSnapshot(page, attemptId, "previous", "answer");
  await page.reload();
  const refused = page.locator("certa-assessment .certa-refused");
  await refused.waitFor({ timeout: 30000 });
  assert.match(await refused.textContent(), /not started automatically.*contact your instructor or proctor/);
  assert.equal(await page.locator("certa-assessment [data-action=start-over]").count(), 0);
  assert.equal(await attemptIdOf(page), null, "no session: the issued attempt is not replaced");
  const [refusal] = await events(page, "certa:error");
  assert.equal(refusal.code, "snapshot_refused");
  assert.equal(refusal.restart, "never");
  assert.equal(refusal.attemptId, attemptId);
  assert.deepEqual(refusal.failures.map((f) => f.code), ["snapshot_tampered", "snapshot_tampered"]);
  // The refused snapshots stay where they are, for whoever decides next.
  const saved = await savedSnapshots(page, attemptId);
  assert.ok(saved.current && saved.previous);
  await page.screenshot({ path: join(SCREENSHOTS, "tamper-refused-secure.png") });
  await page.addScriptTag({ path: AXE });
  const scan = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => v.id), [], "axe on the refusal");
  await context.close();
});

// --- the record before it is posted -----------------------------------------------------------

test("a record edited before it posts (score raised, pass flipped) is refused with 422 score and shown by the host page", async () => {
  const context = await newContext();
  const { page } = await openQuiz(context);
  await answer(page);
  const responses = [];
  page.on("response", (r) => { if (new URL(r.url()).pathname === "/api/records" && r.request().method() === "POST") responses.push(r); });
  await editRecordBeforePost(page, (record) => {
    record.result.raw = record.result.max_raw;
    record.result.scaled = 100;
    record.result.decision = "pass";
    record.result.credential.awarded = true;
    return record;
  });
  const record = await submit(page);
  assert.notEqual(record.result.decision, "pass", "the learner did not pass honestly");
  const verdict = await outboxVerdict(page, record.attempt_id);
  assert.equal(verdict.state, "rejected");
  assert.equal(verdict.code, "not_verified");
  assert.ok(verdict.reasons.includes("score"), verdict.reasons.join(", "));
  assert.match(verdict.text, /claimed/);
  assert.equal(responses[0].status(), 422);
  assert.equal(await storedRecord(record.attempt_id), null);
  await context.close();
});

test("a secure record edited to carry a result is refused with 422 score", async () => {
  const context = await newContext();
  const { page } = await openSecure(context, { learner: { id: "candidate-forger" } });
  await answer(page);
  await editRecordBeforePost(page, (record) => {
    record.result = {
      items: [], raw: 60, max_raw: 60, scaled: 100, decision: "pass", domains: [], outcomes: [],
      credential: { kind: "certification", awarded: true, reasons: [] }, pending_manual: 0,
    };
    return record;
  });
  const record = await submit(page);
  assert.equal(record.result, undefined, "the browser does not score a secure attempt");
  const verdict = await outboxVerdict(page, record.attempt_id);
  assert.equal(verdict.state, "rejected");
  assert.equal(verdict.code, "not_verified");
  assert.ok(verdict.reasons.includes("score"), verdict.reasons.join(", "));
  assert.match(verdict.text, /must not carry scores/);
  assert.equal(await storedRecord(record.attempt_id), null);
  await context.close();
});

// --- another learner's record, another seed ---------------------------------------------------

test("another learner's record replayed under one's own attempt is refused (seed); posted as it is, it stays the other learner's", async () => {
  // Learner B completes an attempt; it is stored.
  const contextB = await newContext();
  const { page: pageB } = await openSecure(contextB, { learner: { id: "candidate-bea", name: "Bea" } });
  await answerTwo(pageB);
  const recordB = await submit(pageB);
  assert.equal((await outboxVerdict(pageB, recordB.attempt_id)).state, "delivered");
  await contextB.close();

  // Learner A posts B's record as the record of A's own issued attempt.
  const contextA = await newContext();
  const { page } = await openSecure(contextA, { learner: { id: "candidate-al", name: "Al" } });
  const attemptA = await attemptIdOf(page);
  await editRecordBeforePost(page, (record) => ({ ...recordB, attempt_id: record.attempt_id, learner: record.learner }));
  await submit(page);
  const verdict = await outboxVerdict(page, attemptA);
  assert.equal(verdict.state, "rejected");
  assert.equal(verdict.code, "refused");
  assert.ok(verdict.reasons.includes("seed"), verdict.reasons.join(", "));
  assert.equal(await storedRecord(attemptA), null);

  // B's record posted verbatim from A's page: a repeat of B's, which stays B's.
  const repeat = await page.evaluate(async (record) => {
    const response = await fetch("/api/records", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(record) });
    return { status: response.status, body: await response.json() };
  }, recordB);
  assert.deepEqual([repeat.status, repeat.body.status], [200, "duplicate"]);
  assert.equal((await storedRecord(recordB.attempt_id)).learner.id, "candidate-bea");
  await contextA.close();
});

test("a seed changed in the issued start options is refused (seed)", async () => {
  const context = await newContext();
  const learner = { id: "candidate-seed", name: "Cy" };
  const { page } = await openSecure(context, { learner });
  const attemptId = await attemptIdOf(page);
  // DevTools: the issued attempt the host keeps gets another seed, and the saved snapshots
  // (which would resume the issued form) are deleted, so the player starts on the new seed.
  const seeds = await page.evaluate(({ id, learnerId }) => {
    const key = `certa-demo-issued:nop-certification-exam:${learnerId}`;
    const issued = JSON.parse(localStorage.getItem(key));
    const original = issued.start.seed;
    issued.start.seed = String(BigInt(original) ^ 1n);
    localStorage.setItem(key, JSON.stringify(issued));
    for (const k of Object.keys(localStorage)) if (k.includes(`:attempt:${id}`)) localStorage.removeItem(k);
    return { original, forged: issued.start.seed };
  }, { id: attemptId, learnerId: learner.id });
  await page.reload();
  await page.locator("certa-assessment .certa-question-heading").waitFor({ timeout: 30000 });
  assert.equal(await attemptIdOf(page), attemptId);
  await answer(page);
  const record = await submit(page);
  assert.equal(record.seed, seeds.forged);
  const verdict = await outboxVerdict(page, attemptId);
  assert.equal(verdict.state, "rejected");
  assert.ok(verdict.reasons.includes("seed"), verdict.reasons.join(", "));
  assert.match(verdict.text, new RegExp(`issued with seed ${seeds.original}`));
  await context.close();
});

// --- clocks -------------------------------------------------------------------------------------

for (const [label, offsetMs] of [["an hour ahead", HOUR_MS], ["an hour behind", -HOUR_MS]]) {
  test(`secure, the learner's clock ${label}: the honest record is accepted`, async () => {
    const context = await newContext({ clock: { offsetMs } });
    const { page, errors } = await openSecure(context, { learner: { id: `candidate-clock-${offsetMs > 0 ? "ahead" : "behind"}` } });
    const pageNow = await page.evaluate(() => Date.now());
    assert.ok(Math.abs(pageNow - Date.now() - offsetMs) < 60_000, "the page's clock is off by the hour");
    await answerTwo(page);
    const posted = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/records" && r.request().method() === "POST");
    const record = await submit(page);
    const response = await posted;
    assert.equal(response.status(), 201);
    const ack = await response.json();
    assert.equal(ack.verified, true);
    const offset = ack.service_clock.browser_offset_ms;
    assert.ok(Math.abs(offset - offsetMs) < 60_000, `the service saw the browser ${offset} ms off`);
    assert.ok(ack.service_clock.elapsed_ms < 60_000);
    assert.equal((await outboxVerdict(page, record.attempt_id)).state, "delivered");
    assert.ok(Math.abs(record.started_at - Date.now() - offsetMs) < 120_000, "the record keeps the browser's times");
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("secure, a frozen clock outlasting the limit: refused on the service's clock (time_limit_service_clock)", async () => {
  const context = await newContext({ clock: { frozen: true } });
  const { page } = await openSecure(context, { learner: { id: "candidate-frozen" }, packageId: SPRINT_ID });
  const issuedAt = Date.now();
  await answer(page);
  // The page's countdown never moves, so the player never submits on time by itself.
  const timer = await page.locator("certa-assessment .certa-timer").textContent();
  await page.waitForTimeout(Math.max(0, (SPRINT_LIMIT_S + GRACE_S) * 1000 + 1500 - (Date.now() - issuedAt)));
  assert.equal(await page.locator("certa-assessment .certa-timer").textContent(), timer);
  const record = await submit(page);
  assert.ok(record.submitted_at - record.started_at < SPRINT_LIMIT_S * 1000, "the record's own times are within the limit");
  const verdict = await outboxVerdict(page, record.attempt_id);
  assert.equal(verdict.state, "rejected");
  assert.deepEqual(verdict.reasons, ["time_limit_service_clock"]);
  assert.match(verdict.text, /service clock/);
  assert.equal(await storedRecord(record.attempt_id), null);
  await context.close();
});
