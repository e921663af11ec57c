// End-to-end tests of the player and the demo host page in headless Chromium (playwright-core
// driving /usr/bin/chromium). The host page runs against the real record service
// (`certa serve` on an ephemeral port on 127.0.0.1, with a fresh SQLite file): records are
// posted, verified, stored and shown. The instructor preview (which reads a package file with
// keys) is served by the static dev server. Needs the built package and the certa binary:
// `./x build` and `cargo build --bin certa` first (./x test does both and sets CERTA_BIN).
//   CERTA_BIN=target/debug/certa node --test www/tests/e2e.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { startDevServer } from "../dev-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const SCREENSHOTS = join(REPO, "target", "screenshots");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const PACKAGE = JSON.parse(readFileSync(join(REPO, "examples", "certificate-quiz.json"), "utf8"));
const QUIZ_URL = "**/api/packages/web-a11y-foundations-quiz";
const CERTA_BIN = resolve(process.env.CERTA_BIN ?? join(REPO, "target", "debug", "certa"));

/**
 * Start `certa serve` with the examples, a database file and the repository as the static root.
 * Resolves once it prints its URL. `port` 0 picks a free port.
 */
function startService({ db, port = 0 }) {
  const child = spawn(CERTA_BIN, ["serve", "--packages", join(REPO, "examples"), "--db", db,
    "--host", "127.0.0.1", "--port", String(port), "--www", REPO], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr += chunk; });
  const exited = new Promise((ok) => child.once("exit", ok));
  return new Promise((ok, fail) => {
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/certa serve: (http:\/\/127\.0\.0\.1:(\d+))/);
      if (match) {
        ok({
          url: match[1],
          port: Number(match[2]),
          db,
          /** Stop it (SIGTERM: in-flight requests finish) and wait until it has exited. */
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

/** The stored record for an attempt id, or null (GET /api/records/{id}). */
async function storedRecord(attemptId) {
  const response = await fetch(`${service.url}/api/records/${encodeURIComponent(attemptId)}`);
  if (response.status === 404) return null;
  assert.equal(response.status, 200);
  return response.json();
}

let service;
let devServer;
let browser;

before(async () => {
  assert.ok(existsSync(join(REPO, "pkg", "certa.js")), "pkg/certa.js is missing: run ./x build");
  assert.ok(existsSync(join(REPO, "www", "vendor", "purify.es.mjs")), "www/vendor/purify.es.mjs is missing: run ./x build");
  assert.ok(existsSync(CERTA_BIN), `${CERTA_BIN} is missing: run cargo build --bin certa (or set CERTA_BIN)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  service = await startService({ db: join(mkdtempSync(join(tmpdir(), "certa-e2e-")), "certa.db") });
  devServer = await startDevServer({ port: 0 });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await service?.stop();
  await devServer?.close();
});

/** A fresh page on the host demo; `pkg` replaces the served package when given. */
async function openHost({ pkg, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  if (pkg) {
    await page.route(QUIZ_URL, (route) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify(pkg) }));
  }
  await page.goto(`${service.url}/www/index.html`);
  await page.locator("certa-assessment .certa-question-heading").waitFor({ timeout: 15000 });
  return { context, page, errors };
}

/** Which element has focus inside the player's shadow root (for keyboard-only driving). */
function focused(page) {
  return page.evaluate(() => {
    const active = document.querySelector("certa-assessment").shadowRoot.activeElement;
    if (!active) return null;
    return { tag: active.tagName.toLowerCase(), type: active.type ?? null, action: active.dataset?.action ?? null,
      move: active.dataset?.move ?? null, disabled: Boolean(active.disabled) };
  });
}

/** Press Tab until `want(focused)` holds; bounded. */
async function tabTo(page, want, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now && want(now)) return now;
  }
  throw new Error("focus never reached the wanted control");
}

/** Answer the question on screen with the keyboard only. */
async function answerByKeyboard(page) {
  const kind = await page.locator("certa-assessment .certa-interaction").getAttribute("data-kind");
  const control = await tabTo(page, (f) => ["input", "select", "textarea", "button"].includes(f.tag));
  switch (kind) {
    case "single_choice": case "true_false": case "multiple_response":
      await page.keyboard.press("Space"); break;
    case "text_entry": await page.keyboard.type("status"); break;
    case "numeric": await page.keyboard.type("8"); break;
    case "extended_text": await page.keyboard.type("I would test with the keyboard, a screen reader and zoom."); break;
    case "ordering": await page.keyboard.press("Enter"); break;
    case "matching": await page.keyboard.press("ArrowDown"); break;
    case "cloze":
      if (control.tag === "select") await page.keyboard.press("ArrowDown");
      else await page.keyboard.type("0");
      break;
    default: throw new Error(`unknown interaction ${kind}`);
  }
  return kind;
}

async function answeredCount(page) {
  return page.locator("certa-assessment .certa-palette-button.is-answered").count();
}

test("a learner completes the demo exam by keyboard only; the server verifies, stores and shows the result", async () => {
  const { context, page, errors } = await openHost();
  const total = await page.locator("certa-assessment .certa-palette-button").count();
  assert.ok(total >= 10, `form has ${total} items`);
  const kinds = new Set();
  await page.locator("certa-assessment .certa-question-heading").focus();
  for (let index = 0; index < total; index += 1) {
    await page.locator("certa-assessment .certa-question-heading").waitFor();
    kinds.add(await answerByKeyboard(page));
    assert.equal(await answeredCount(page), index + 1, `question ${index + 1} counted as answered`);
    if (index === 0) await page.screenshot({ path: join(SCREENSHOTS, "player.png"), fullPage: true });
    const last = index === total - 1;
    await tabTo(page, (f) => f.action === (last ? "review" : "next"));
    await page.keyboard.press("Enter");
  }
  await page.locator("certa-assessment .certa-review").waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, "review.png"), fullPage: true });
  await tabTo(page, (f) => f.action === "submit");
  await page.keyboard.press("Enter");
  await page.locator("certa-assessment .certa-result").waitFor();
  const record = await page.evaluate(() => document.querySelector("certa-assessment").record);
  const attemptId = record.attempt_id;
  const entry = page.locator(`#outbox-list li[data-state="delivered"][data-attempt-id="${attemptId}"]`);
  await entry.waitFor({ timeout: 10000 });
  // The server's own result agrees with the browser's, and the page says it is the server's.
  const verified = entry.locator(".verified");
  await verified.waitFor();
  assert.equal(await verified.getAttribute("data-decision"), record.result.decision);
  const summary = await verified.locator(".verified-summary").textContent();
  assert.match(summary, /^Verified by the server: /);
  assert.match(summary, new RegExp(`scaled score ${record.result.scaled.toFixed(1).replace(".", "\\.")}`));
  assert.match(summary, record.result.credential.awarded ? /awarded/ : /not awarded/);
  // The badge section answers: the credential when awarded, else the server's reason.
  const badge = entry.locator("details.badge");
  await page.waitForFunction((id) => document.querySelector(`li[data-attempt-id="${id}"] details.badge`)?.dataset.state !== "loading", attemptId);
  await badge.locator("summary").click();
  const badgeText = await badge.locator("pre").textContent();
  if (record.result.credential.awarded) assert.match(badgeText, /OpenBadgeCredential/);
  else assert.match(badgeText, /No badge/);
  await page.screenshot({ path: join(SCREENSHOTS, "result.png"), fullPage: true });
  const stored = await storedRecord(attemptId);
  assert.equal(stored.format, "certa-record/1");
  assert.equal(Object.keys(stored.responses).length, total);
  assert.deepEqual(stored.result, record.result);
  assert.ok(kinds.size >= 5, `several interaction kinds covered: ${[...kinds]}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a reload mid-attempt resumes the same form, answers, flags and timer", async () => {
  const { context, page } = await openHost();
  const firstId = await page.evaluate(() => document.querySelector("certa-assessment").attemptId);
  await page.locator("certa-assessment .certa-question-heading").focus();
  await answerByKeyboard(page);
  await page.locator("certa-assessment [data-action=flag]").click();
  await page.locator("certa-assessment [data-action=next]").click();
  await answerByKeyboard(page);
  const before = await page.locator("certa-assessment .certa-timer").textContent();
  await page.reload();
  await page.locator("certa-assessment .certa-question-heading").waitFor();
  const afterId = await page.evaluate(() => document.querySelector("certa-assessment").attemptId);
  assert.equal(afterId, firstId);
  assert.equal(await answeredCount(page), 2);
  assert.equal(await page.locator("certa-assessment .certa-palette-button.is-flagged").count(), 1);
  assert.equal(await page.locator("certa-assessment .certa-palette-button[aria-current=step]").textContent(), "2");
  const seconds = (text) => { const [m, s] = text.match(/(\d+):(\d+)/).slice(1).map(Number); return m * 60 + s; };
  const after = await page.locator("certa-assessment .certa-timer").textContent();
  assert.ok(seconds(after) <= seconds(before) && seconds(after) >= seconds(before) - 10, `${before} then ${after}`);
  await context.close();
});

test("script in item HTML never runs", async () => {
  const pkg = structuredClone(PACKAGE);
  for (const item of pkg.items) {
    item.stem += "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\"><script>window.__xss=(window.__xss||0)+1</script>"
      + "<a href=\"javascript:window.__xss=1\">link</a>";
  }
  // Without the page's CSP, so only the sanitizer stands between the stem and the page.
  const { context, page } = await openHost({ pkg, bypassCSP: true });
  for (let i = 0; i < 3; i += 1) await page.locator("certa-assessment [data-action=next]").click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss ?? 0), 0);
  const stem = await page.locator("certa-assessment .certa-stem").innerHTML();
  assert.ok(!/onerror|<script|javascript:/i.test(stem), stem);
  await context.close();
});

test("the timer expires and auto-submits; a record made on an altered package is refused with the reason", async () => {
  const pkg = structuredClone(PACKAGE);
  pkg.delivery.time_limit_seconds = 3;
  const { context, page } = await openHost({ pkg });
  await page.locator("certa-assessment .certa-result").waitFor({ timeout: 10000 });
  const record = await page.evaluate(() => document.querySelector("certa-assessment").record);
  assert.equal(record.timed_out, true);
  // The page ran a package the server does not hold (its time limit was changed): refused, not retried.
  const entry = page.locator(`#outbox-list li[data-state="rejected"][data-attempt-id="${record.attempt_id}"]`);
  await entry.waitFor({ timeout: 10000 });
  assert.equal(await entry.locator(".refusal").getAttribute("data-code"), "not_verified");
  assert.ok(await entry.locator('.refusal li[data-code="package_hash"]').count() >= 1);
  assert.equal(await storedRecord(record.attempt_id), null);
  await context.close();
});

test("a record with an edited score is refused, shown with the server's reasons, and not stored", async () => {
  const { context, page } = await openHost();
  await page.locator("certa-assessment .certa-palette-button").last().click();
  await page.locator("certa-assessment [data-action=review]").click();
  await page.locator("certa-assessment [data-action=submit]").click();
  const attemptId = await page.evaluate(() => document.querySelector("certa-assessment").record.attempt_id);
  await page.locator(`#outbox-list li[data-state="delivered"][data-attempt-id="${attemptId}"]`).waitFor({ timeout: 10000 });
  // A forged copy under a new attempt id, its score raised to full marks.
  const forgedId = await page.evaluate(() => {
    const record = structuredClone(document.querySelector("certa-assessment").record);
    record.attempt_id = crypto.randomUUID();
    record.result.scaled = 100;
    record.result.decision = "pass";
    window.certaDemo.outbox.add(record);
    return record.attempt_id;
  });
  const entry = page.locator(`#outbox-list li[data-state="rejected"][data-attempt-id="${forgedId}"]`);
  await entry.waitFor({ timeout: 10000 });
  const reasons = await entry.locator(".refusal li").evaluateAll((items) => items.map((li) => li.dataset.code));
  assert.ok(reasons.includes("score"), reasons.join(", "));
  assert.equal(await page.evaluate((id) => window.certaDemo.outbox.entries().find((e) => e.attempt_id === id).tries, forgedId), 1);
  assert.equal(await storedRecord(forgedId), null);
  assert.notEqual(await storedRecord(attemptId), null);
  await context.close();
});

test("records posted while the server is down are delivered exactly once when it returns", async () => {
  const { context, page } = await openHost();
  await page.locator("certa-assessment .certa-palette-button").last().click();
  await page.locator("certa-assessment [data-action=review]").click();
  // The service goes down (stopped for real), then the learner submits.
  const { port, db } = service;
  await service.stop();
  await page.locator("certa-assessment [data-action=submit]").click();
  const attemptId = await page.evaluate(() => document.querySelector("certa-assessment").record.attempt_id);
  const entry = page.locator(`#outbox-list li[data-attempt-id="${attemptId}"]`);
  await page.waitForFunction(() => window.certaDemo.outbox.entries().some((e) => e.tries >= 2), null, { timeout: 15000 });
  assert.equal(await entry.getAttribute("data-state"), "pending");
  // It comes back on the same port and database; a reload keeps the queue and retries at once.
  service = await startService({ db, port });
  await page.reload();
  await page.locator(`#outbox-list li[data-state="delivered"][data-attempt-id="${attemptId}"]`).waitFor({ timeout: 15000 });
  await page.locator(`#outbox-list li[data-attempt-id="${attemptId}"] .verified`).waitFor();
  // Posting the same record again is acknowledged as a duplicate and stored once.
  const repeat = await page.evaluate(async (id) => {
    const record = window.certaDemo.outbox.entries().find((e) => e.attempt_id === id).record;
    const response = await fetch("/api/records", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(record) });
    return { status: response.status, body: await response.json() };
  }, attemptId);
  assert.deepEqual([repeat.status, repeat.body.status], [200, "duplicate"]);
  const listing = await (await fetch(`${service.url}/api/records?package=web-a11y-foundations-quiz`)).json();
  assert.equal(listing.records.filter((r) => r.attempt_id === attemptId).length, 1);
  await context.close();
});

test("axe finds no serious or critical violations on the player, review and result screens", async () => {
  const { context, page } = await openHost({ bypassCSP: true });
  await page.addScriptTag({ path: AXE });
  const scan = async (label) => {
    const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], label);
  };
  await scan("player");
  for (const index of [1, 2, 3, 4, 5, 6]) {
    await page.locator("certa-assessment .certa-palette-button").nth(index).click();
    await scan(`question ${index + 1}`);
  }
  await page.locator("certa-assessment .certa-palette-button").last().click();
  await page.locator("certa-assessment [data-action=review]").click();
  await scan("review");
  await page.locator("certa-assessment [data-action=submit]").click();
  await page.locator("certa-assessment .certa-result").waitFor();
  await scan("result");
  await context.close();
});

// --- instructor preview ----------------------------------------------------------------------

const EXAM = JSON.parse(readFileSync(join(REPO, "examples", "certification-exam.json"), "utf8"));

/** A fresh page on the instructor preview, loaded with the default package (the 300-item exam). */
async function openPreview({ bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${devServer.url}/www/preview.html`);
  await page.locator(".sample-form").first().waitFor({ timeout: 30000 });
  return { context, page, errors };
}

test("the instructor preview shows feasibility, coverage, sample forms with answers and seed regeneration", async () => {
  const { context, page, errors } = await openPreview();
  assert.equal(await page.locator("#feasibility-state").textContent(), "feasible");
  assert.equal(await page.locator(".preview-feasibility").getAttribute("data-feasible"), "true");
  assert.match(await page.locator("#instructor-notice").textContent(), /answer keys/);

  // Three forms of 60 items, every item with its answer; keyed choices match the package.
  assert.equal(await page.locator("#forms .sample-form").count(), 3);
  const forms = await page.locator("#forms .sample-form").evaluateAll((nodes) => nodes.map((form) => ({
    seed: form.dataset.seed,
    items: [...form.querySelectorAll(".form-item")].map((item) => ({
      id: item.dataset.itemId,
      answer: Boolean(item.querySelector(".answer")),
      keyed: [...item.querySelectorAll(".choice-list li[data-key=true]")].map((li) => li.dataset.choice).sort(),
    })),
  })));
  const byId = new Map(EXAM.items.map((item) => [item.id, item]));
  for (const form of forms) {
    assert.equal(form.items.length, 60, `form ${form.seed}`);
    assert.equal(new Set(form.items.map((i) => i.id)).size, 60);
    for (const item of form.items) {
      assert.ok(item.answer, `${item.id} shows its answer`);
      const source = byId.get(item.id).interaction;
      if (source.type === "single_choice") assert.deepEqual(item.keyed, [source.key], item.id);
      if (source.type === "multiple_response") assert.deepEqual(item.keyed, [...source.keys].sort(), item.id);
    }
  }
  assert.notEqual(forms[0].seed, forms[1].seed);

  // Coverage against the blueprint: targets and what every sample form drew.
  const coverage = await page.locator(".coverage-domains tbody tr").evaluateAll((rows) => Object.fromEntries(rows.map((row) =>
    [row.dataset.id, { target: row.querySelector("[data-col=target]").textContent, range: row.querySelector("[data-col=range]").textContent }])));
  const expected = { ADDR: "12", ROUTE: "15", SEC: "12", SVC: "9", OPS: "12" };
  assert.deepEqual(Object.fromEntries(Object.entries(coverage).map(([id, row]) => [id, row.target])), expected);
  assert.deepEqual(Object.fromEntries(Object.entries(coverage).map(([id, row]) => [id, row.range])), expected);
  assert.equal(await page.locator(".coverage-outcomes tbody tr").count(), EXAM.outcomes.length);
  assert.equal(await page.locator(".preview-coverage svg[role=img]").count(), 2);

  // N forms: asking for 5 draws 5.
  await page.locator("#forms-count").fill("5");
  await page.locator("#forms-draw").click();
  await page.waitForFunction(() => document.querySelectorAll("#forms .sample-form").length === 5);

  // A seed reproduces exactly the form Session.start gives for it.
  const seed = "9007199254740993";
  await page.locator("#seed-input").fill(seed);
  await page.locator("#seed-show").click();
  await page.locator("#seed-output .sample-form").waitFor();
  const shown = await page.locator("#seed-output .form-item").evaluateAll((items) => items.map((item) => item.dataset.itemId));
  const direct = await page.evaluate(async (s) => {
    const engine = await import("/pkg/certa.js");
    await engine.default();
    const text = await (await fetch("/examples/certification-exam.json")).text();
    const pkg = engine.Package.load(text);
    const session = engine.Session.start(pkg, { seed: s, learner: { id: "learner-7" }, now: Date.now(), mode: "secure" });
    return session.form().items.map((item) => item.id);
  }, seed);
  assert.equal(shown.length, 60);
  assert.deepEqual(shown, direct);
  assert.equal(await page.locator("#seed-output .sample-form").getAttribute("data-seed"), seed);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the instructor preview lists a broken package's problems with their JSON paths", async () => {
  const { context, page } = await openPreview();
  const broken = structuredClone(EXAM);
  broken.items[3].interaction.key = "zz";
  broken.items[5].domain = "";
  broken.blueprint.domains[0].percent = 90;
  await page.locator("#package-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await page.locator(".preview-problems").waitFor();
  const problems = await page.locator(".preview-problems .problem").evaluateAll((items) => items.map((li) => ({
    path: li.querySelector(".problem-path")?.textContent, message: li.querySelector(".problem-message").textContent })));
  const paths = problems.map((p) => p.path);
  for (const path of ["items[3].interaction.key", "items[5].domain", "blueprint.domains"]) {
    assert.ok(paths.includes(path), `${path} listed in ${JSON.stringify(problems)}`);
  }
  assert.ok(problems.every((p) => p.message.length > 0));
  assert.equal(await page.locator(".sample-form").count(), 0, "no forms from a rejected package");
  assert.equal(await page.locator("#forms-draw").isDisabled(), true);
  // Text that is not JSON at all: the parse error comes with its place too.
  await page.locator("#package-file").setInputFiles({ name: "truncated.json", mimeType: "application/json", buffer: Buffer.from('{"format": "certa/1", "items": [') });
  await page.waitForFunction(() => document.querySelectorAll(".preview-problems .problem").length === 1);
  assert.match(await page.locator(".preview-problems .problem-message").textContent(), /line 1/);
  await context.close();
});

test("axe finds no serious or critical violations on the instructor preview", async () => {
  const { context, page } = await openPreview({ bypassCSP: true });
  await page.addScriptTag({ path: AXE });
  await page.locator("#seed-input").fill("42");
  await page.locator("#seed-show").click();
  await page.locator("#seed-output .sample-form").waitFor();
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`), []);
  await page.screenshot({ path: join(SCREENSHOTS, "preview.png") });
  await context.close();
});
