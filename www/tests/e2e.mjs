// End-to-end tests of the player and the demo host page in headless Chromium (playwright-core
// driving /usr/bin/chromium). Needs the built package: run `./x build` first (./x test does).
//   node --test www/tests/e2e.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(REPO, "pkg", "certa.js")), "pkg/certa.js is missing: run ./x build");
  assert.ok(existsSync(join(REPO, "www", "vendor", "purify.es.mjs")), "www/vendor/purify.es.mjs is missing: run ./x build");
  mkdirSync(SCREENSHOTS, { recursive: true });
  const records = join(mkdtempSync(join(tmpdir(), "certa-e2e-")), "records.jsonl");
  server = await startDevServer({ port: 0, recordsFile: records });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the host demo; `pkg` replaces the served package when given. */
async function openHost({ pkg, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  if (pkg) {
    await page.route("**/examples/certificate-quiz.json", (route) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify(pkg) }));
  }
  await page.goto(`${server.url}/www/index.html`);
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

test("a learner completes the demo exam by keyboard only and the record reaches the server", async () => {
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
  const attemptId = await page.evaluate(() => document.querySelector("certa-assessment").record.attempt_id);
  await page.locator(`#outbox-list li[data-state="delivered"][data-attempt-id="${attemptId}"]`).waitFor({ timeout: 10000 });
  await page.screenshot({ path: join(SCREENSHOTS, "result.png"), fullPage: true });
  const stored = server.records().filter((r) => r.attempt_id === attemptId);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].format, "certa-record/1");
  assert.equal(Object.keys(stored[0].responses).length, total);
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

test("the timer expires and auto-submits", async () => {
  const pkg = structuredClone(PACKAGE);
  pkg.delivery.time_limit_seconds = 3;
  const { context, page } = await openHost({ pkg });
  await page.locator("certa-assessment .certa-result").waitFor({ timeout: 10000 });
  const record = await page.evaluate(() => document.querySelector("certa-assessment").record);
  assert.equal(record.timed_out, true);
  await page.locator(`#outbox-list li[data-state="delivered"][data-attempt-id="${record.attempt_id}"]`).waitFor({ timeout: 10000 });
  await context.close();
});

test("records posted while the server is down are delivered exactly once when it returns", async () => {
  const { context, page } = await openHost();
  let down = true;
  let refused = 0;
  await page.route("**/api/records", (route) => {
    if (down) { refused += 1; return route.abort("connectionrefused"); }
    return route.continue();
  });
  await page.locator("certa-assessment .certa-palette-button").last().click();
  await page.locator("certa-assessment [data-action=review]").click();
  await page.locator("certa-assessment [data-action=submit]").click();
  const attemptId = await page.evaluate(() => document.querySelector("certa-assessment").record.attempt_id);
  const entry = page.locator(`#outbox-list li[data-attempt-id="${attemptId}"]`);
  await page.waitForFunction(() => window.certaDemo.outbox.entries().some((e) => e.tries >= 2), null, { timeout: 15000 });
  assert.equal(await entry.getAttribute("data-state"), "pending");
  assert.ok(refused >= 2);
  // A reload keeps the queue; the server comes back; the retry delivers it.
  down = false;
  await page.reload();
  await page.locator(`#outbox-list li[data-state="delivered"][data-attempt-id="${attemptId}"]`).waitFor({ timeout: 15000 });
  // Posting the same record again is acknowledged as a duplicate and stored once.
  const repeat = await page.evaluate(async (id) => {
    const record = window.certaDemo.outbox.entries().find((e) => e.attempt_id === id).record;
    const response = await fetch("/api/records", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(record) });
    return { status: response.status, body: await response.json() };
  }, attemptId);
  assert.deepEqual([repeat.status, repeat.body.status], [200, "duplicate"]);
  assert.equal(server.records().filter((r) => r.attempt_id === attemptId).length, 1);
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
  await page.goto(`${server.url}/www/preview.html`);
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
