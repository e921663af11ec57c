// Faults end to end: the host page's real outbox (www/host/outbox.js, in headless Chromium)
// against the real record service (`certa serve`, a child process on 127.0.0.1 with its own
// SQLite file), while the service is killed or its storage fails. The storage tests run the
// demo host page itself (www/index.html). The batch of 500 runs the same outbox module in a bare
// page of the service's origin: the demo page re-renders every entry and fetches a badge for
// each delivered one on every change, which is fine for one learner's few records but makes
// 500 in one tab quadratic (and starves the posts behind hundreds of badge requests).
//   - SIGKILL in the middle of a batch of 500 posts; restart on the same database; the outbox
//     drains and every record is stored exactly once (count, hashes, no partial rows,
//     PRAGMA integrity_check).
//   - Storage full (a page quota: SQLite's own "database or disk is full"): 503 storage_full
//     with Retry-After, the outbox keeps the records, nothing is half-stored; the quota is
//     lifted and they are delivered.
//   - A read-only database (file permissions; as root the service runs as `nobody`, since
//     root writes through them): 503 storage_read_only, reads still work; write permission
//     returns and the outbox delivers without a restart of the service.
// The records are real: `certa simulate --count` on the certificate quiz. The database is read
// afterwards with the sqlite3 command-line shell (./x setup installs it).
//   CERTA_BIN=target/debug/certa node --test www/tests/faults.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const CERTA_BIN = resolve(process.env.CERTA_BIN ?? join(REPO, "target", "debug", "certa"));
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const QUIZ = join(REPO, "examples", "certificate-quiz.json");
const BATCH = 500;
const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;

const sha256 = (text) => `sha256:${createHash("sha256").update(text).digest("hex")}`;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** `count` distinct canonical quiz records from simulated learners: [{text, record, hash}]. */
function simulate(count, seed, prefix) {
  const out = execFileSync(CERTA_BIN, ["simulate", QUIZ, "--count", String(count), "--seed", String(seed),
    "--attempt-id", prefix, "--learner", prefix, "--theta", "0"], { encoding: "utf8", maxBuffer: 64 << 20 });
  return out.trim().split("\n").map((text) => {
    const record = JSON.parse(text);
    return { text, record, hash: sha256(JSON.stringify(record)) };
  });
}

/**
 * Start `certa serve` on the examples and `db` (the repository as the static root, so the host
 * page is served), on `port` (0: a free one). `asNobody`: run it as uid/gid 65534 (when root).
 */
const running = new Set();
const temporary = [];

/** A fresh temporary directory, removed after the tests. */
function tempDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `certa-faults-${name}-`));
  temporary.push(dir);
  return dir;
}
const AS_NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"];

/**
 * What the service needs, readable by `nobody`: the repository itself when it is (binary,
 * examples, www/, pkg/), else copies in a world-readable temporary directory (a clone under
 * /root is not).
 */
function readableByNobody() {
  const probe = spawnSync("setpriv", [...AS_NOBODY, "test", "-x", CERTA_BIN, "-a", "-r", join(REPO, "examples", "certificate-quiz.json"),
    "-a", "-r", join(REPO, "www", "index.html"), "-a", "-r", join(REPO, "pkg", "certa.js")]);
  if (probe.status === 0) return { bin: CERTA_BIN, root: REPO };
  const stage = tempDir("stage");
  copyFileSync(CERTA_BIN, join(stage, "certa"));
  cpSync(join(REPO, "examples"), join(stage, "examples"), { recursive: true });
  cpSync(join(REPO, "www"), join(stage, "www"), { recursive: true, filter: (src) => !src.includes("node_modules") });
  cpSync(join(REPO, "pkg"), join(stage, "pkg"), { recursive: true });
  execFileSync("chmod", ["-R", "a+rX", stage]);
  return { bin: join(stage, "certa"), root: stage };
}

function startService({ db, port = 0, args = [], asNobody = false, bin = CERTA_BIN, root = REPO }) {
  const serveArgs = ["serve", "--packages", join(root, "examples"), "--db", db, "--host", "127.0.0.1",
    "--port", String(port), "--www", root, ...args];
  const child = asNobody
    ? spawn("setpriv", [...AS_NOBODY, bin, ...serveArgs], { stdio: ["ignore", "pipe", "pipe"] })
    : spawn(bin, serveArgs, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr += chunk; });
  running.add(child);
  const exited = new Promise((ok) => child.once("exit", (code, signal) => { running.delete(child); ok({ code, signal }); }));
  return new Promise((ok, fail) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/certa serve: (http:\/\/127\.0\.0\.1:(\d+))/);
      if (match) {
        ok({
          url: match[1], port: Number(match[2]), child, exited,
          stdout: () => stdout, stderr: () => stderr,
          /** SIGKILL: no shutdown, no flush, connections cut. */
          kill: async () => { child.kill("SIGKILL"); return exited; },
          /** SIGTERM: requests in flight finish. */
          stop: async () => {
            child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
            const how = await exited;
            clearTimeout(timer);
            return how;
          },
        });
      }
    });
    child.once("exit", (code) => fail(new Error(`certa serve exited (${code}) before listening: ${stderr}`)));
  });
}

/** How many records the service holds (GET /api/records summary). */
async function storedCount(service) {
  const response = await fetch(`${service.url}/api/records?limit=1`);
  assert.equal(response.status, 200);
  return (await response.json()).summary.count;
}

/** Run SQL on the database file with the sqlite3 shell (read-only); rows of `|`-separated text. */
function sql(db, query) {
  return execFileSync("sqlite3", ["-readonly", db, query], { encoding: "utf8", maxBuffer: 256 << 20 }).trim();
}

/** The database holds exactly `expected` (by attempt id and posted hash), whole and consistent. */
function assertDatabaseHolds(db, expected) {
  assert.equal(sql(db, "PRAGMA integrity_check;"), "ok");
  assert.equal(sql(db, "PRAGMA foreign_key_check;"), "");
  assert.equal(Number(sql(db, "SELECT COUNT(*) FROM records;")), expected.length, "records stored");
  assert.equal(Number(sql(db, "SELECT COUNT(DISTINCT attempt_id) FROM records;")), expected.length, "one row per attempt");
  // No partial rows: every record has its JSON and its outcome rows, no outcome row is orphaned.
  assert.equal(sql(db, "SELECT COUNT(*) FROM records WHERE length(record_json) < 100 OR posted_sha256 NOT LIKE 'sha256:%';"), "0");
  assert.equal(sql(db, "SELECT COUNT(*) FROM record_outcomes WHERE attempt_id NOT IN (SELECT attempt_id FROM records);"), "0");
  assert.equal(sql(db, "SELECT COUNT(*) FROM records r WHERE (SELECT COUNT(*) FROM record_outcomes o WHERE o.attempt_id = r.attempt_id) = 0;"), "0");
  // Hash check: the records stored are the records sent. Both sides are hashed as the browser
  // writes them (JSON.stringify of the parsed record: "17.0" and "17" are one number to JSON).
  const stored = sql(db, "SELECT record_json FROM records;").split("\n").filter(Boolean)
    .map((text) => sha256(JSON.stringify(JSON.parse(text)))).sort();
  const sent = expected.map((r) => r.hash).sort();
  const missing = sent.filter((h) => !stored.includes(h)).length;
  const extra = stored.filter((h) => !sent.includes(h)).length;
  assert.deepEqual({ stored: stored.length, missing, extra }, { stored: sent.length, missing: 0, extra: 0 });
}

let browser;

before(async () => {
  assert.ok(existsSync(CERTA_BIN), `${CERTA_BIN} is missing: run cargo build --bin certa (or set CERTA_BIN)`);
  assert.ok(existsSync(join(REPO, "pkg", "certa.js")), "pkg/certa.js is missing: run ./x build");
  execFileSync("sqlite3", ["-version"]);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  // A failed test leaves its service running: stop it, or this process would never exit.
  for (const child of running) child.kill("SIGKILL");
  await browser?.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The bare page of the batch test: the host page's outbox module, set up as host.js does. */
const OUTBOX_PAGE = `<!doctype html><html lang="en"><title>outbox</title>
<script type="module">
import { Outbox } from "/www/host/outbox.js";
const outbox = new Outbox({ endpoint: "/api/records" });
window.certaDemo = { outbox };
outbox.flush();
window.addEventListener("online", () => outbox.retryNow());
</script></html>`;

/**
 * A page on `service` with its outbox at window.certaDemo.outbox: the demo host page, or with
 * `bare`, the outbox module alone on a page of the same origin.
 */
async function openHost(service, { bare = false, persisted = [] } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  if (bare) {
    await page.route("**/faults/outbox.html", (route) => route.fulfill({ contentType: "text/html", body: OUTBOX_PAGE }));
    await page.route("**/faults/blank.html", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title>" }));
    // The outbox as a page leaves it when closed with records queued and not yet sent: entries
    // as `Outbox.add` writes them, under its storage key (one write, where 500 `add` calls would
    // each rewrite the whole queue). The outbox page flushes them on load.
    await page.goto(`${service.url}/faults/blank.html`);
    await page.evaluate((all) => {
      const entries = all.map((record) => ({ attempt_id: record.attempt_id, record, state: "pending", tries: 0,
        next_try_at: 0, last_error: null, acknowledged: null, verified: null, links: null, refusal: null }));
      localStorage.setItem("certa-demo-outbox", JSON.stringify(entries));
    }, persisted);
    await page.goto(`${service.url}/faults/outbox.html`);
  } else {
    await page.goto(`${service.url}/www/index.html`);
  }
  await page.waitForFunction(() => Boolean(window.certaDemo?.outbox));
  return { context, page, errors };
}

/** Queue records in the page's outbox, as `certa:complete` does (without waiting). */
function queue(page, records) {
  return page.evaluate((all) => { for (const record of all) window.certaDemo.outbox.add(record); }, records);
}



/** The outbox's entries by state, with the most tries and the last errors of pending ones. */
function outboxState(page) {
  return page.evaluate(() => {
    const entries = window.certaDemo.outbox.entries();
    const count = (state) => entries.filter((e) => e.state === state).length;
    return {
      total: entries.length, pending: count("pending"), delivered: count("delivered"), rejected: count("rejected"),
      untried: entries.filter((e) => e.state === "pending" && e.tries === 0).length,
      duplicates: entries.filter((e) => e.acknowledged === "duplicate").length,
      maxTries: Math.max(0, ...entries.map((e) => e.tries)),
      errors: [...new Set(entries.filter((e) => e.state === "pending" && e.last_error).map((e) => e.last_error))],
      refusals: entries.filter((e) => e.state === "rejected").map((e) => e.last_error),
    };
  });
}

/** Poll `probe` until `done(value)` or the time runs out; returns the last value. */
async function until(probe, done, { timeout, every = 100, what }) {
  const deadline = Date.now() + timeout;
  let value = await probe();
  while (!done(value)) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(every);
    value = await probe();
  }
  return value;
}

test(`SIGKILL in the middle of a batch of ${BATCH} posts: after a restart the outbox drains and every record is stored exactly once`, async () => {
  const records = simulate(BATCH, 7000, "kill");
  assert.equal(new Set(records.map((r) => r.record.attempt_id)).size, BATCH);
  const db = join(tempDir("kill"), "certa.db");
  let service = await startService({ db });
  const started = Date.now();
  const { context, page, errors } = await openHost(service, { bare: true, persisted: records.map((r) => r.record) });
  assert.equal((await outboxState(page)).total, BATCH);

  // Kill the service while the batch is under way.
  const killAt = Math.floor(BATCH * 0.3);
  await until(() => storedCount(service), (n) => n >= killAt, { timeout: 120000, every: 50, what: `${killAt} stored` });
  const killedAt = Date.now();
  const how = await service.kill();
  assert.equal(how.signal, "SIGKILL");
  const atKill = await outboxState(page);
  assert.ok(atKill.pending > 0 && atKill.delivered < BATCH, `killed mid-batch: ${JSON.stringify(atKill)}`);

  // While it is down, posts fail and the records stay queued.
  await until(() => outboxState(page), (s) => s.errors.some((e) => e.startsWith("network")), { timeout: 20000, what: "a failed post" });
  assert.equal((await outboxState(page)).total, BATCH);

  // Restart on the same port and database; the outbox drains by its own retries.
  service = await startService({ db, port: service.port });
  const restartedAt = Date.now();
  const drained = await until(() => outboxState(page), (s) => s.pending === 0, { timeout: 120000, every: 1000, what: "the outbox to drain" });
  assert.deepEqual(drained.refusals, []);
  assert.equal(drained.delivered, BATCH);
  assert.equal(await storedCount(service), BATCH);
  const drainedAt = Date.now();
  await service.stop();
  assertDatabaseHolds(db, records);
  assert.deepEqual(errors, []);
  console.log(`# SIGKILL mid-batch ${((killedAt - started) / 1000).toFixed(1)} s in: ${atKill.delivered} of ${BATCH} acknowledged at the kill; after the restart ` +
    `all ${BATCH} delivered (${drained.duplicates} acknowledged as duplicates: stored before the kill, ack lost), ` +
    `${BATCH} rows stored once each, integrity ok; ${((restartedAt - started) / 1000).toFixed(1)} s to the restart, ` +
    `${((drainedAt - restartedAt) / 1000).toFixed(1)} s to drain`);
  await context.close();
});

test("storage full: 503 storage_full with Retry-After, the outbox keeps the records, nothing is half-stored, and they are delivered once there is room", async () => {
  const records = simulate(6, 8000, "full");
  const db = join(tempDir("full"), "certa.db");
  // A fresh database has 11 pages; a quiz record takes about 2 more: 12 fills it quickly.
  let service = await startService({ db, args: ["--max-db-pages", "12"] });
  const direct = await fetch(`${service.url}/api/records`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: records[0].text });
  assert.equal(direct.status, 201);
  const full = await fetch(`${service.url}/api/records`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: records[1].text });
  // The second may still fit; post the rest through the outbox either way.
  const { context, page, errors } = await openHost(service);
  await queue(page, records.slice(1).map((r) => r.record));
  const held = await until(() => outboxState(page), (s) => s.pending > 0 && s.untried === 0,
    { timeout: 20000, what: "a refused post" });
  assert.ok(held.errors.some((e) => /^HTTP 503: the record store is full/.test(e)), JSON.stringify(held));
  const probe = await fetch(`${service.url}/api/records`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: records[5].text });
  assert.equal(probe.status, 503);
  assert.equal(probe.headers.get("retry-after"), "5");
  assert.equal((await probe.json()).error.code, "storage_full");
  assert.ok([201, 503].includes(full.status));
  // What was acknowledged (201 or 200, directly or to the outbox) is stored whole; nothing else.
  await service.stop();
  await sleep(300);
  const delivered = await page.evaluate(() => window.certaDemo.outbox.entries().filter((e) => e.state === "delivered").map((e) => e.attempt_id));
  const acknowledged = records.filter((r, i) => i === 0 || (i === 1 && full.status === 201) || delivered.includes(r.record.attempt_id));
  assert.ok(acknowledged.length < records.length);
  assertDatabaseHolds(db, acknowledged);
  const stored = acknowledged.length;

  // Room again (the quota lifted); the outbox delivers the rest by itself.
  service = await startService({ db, port: service.port });
  const drained = await until(() => outboxState(page), (s) => s.pending === 0, { timeout: 60000, every: 250, what: "the outbox to drain" });
  assert.deepEqual(drained.refusals, []);
  assert.equal(await storedCount(service), records.length);
  await service.stop();
  assertDatabaseHolds(db, records);
  assert.deepEqual(errors, []);
  console.log(`# storage full: ${held.pending} of ${held.total} held in the outbox on 503 storage_full ` +
    `(${stored} stored whole), all ${records.length} stored once after the quota was lifted`);
  await context.close();
});

test("a read-only database: 503 storage_read_only, reads still work, and once it is writable again the outbox delivers without a restart", async () => {
  const records = simulate(4, 9000, "readonly");
  const dir = tempDir("ro");
  chmodSync(dir, 0o777);
  const db = join(dir, "certa.db");
  // As root, permissions do not stop writes: the service runs as nobody then.
  const asNobody = IS_ROOT;
  const { bin, root } = asNobody ? readableByNobody() : { bin: CERTA_BIN, root: REPO };
  let service = await startService({ db, asNobody, bin, root });
  const first = await fetch(`${service.url}/api/records`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: records[0].text });
  assert.equal(first.status, 201);
  await service.stop();
  const files = () => readdirSync(dir).filter((f) => f.startsWith("certa.db")).map((f) => join(dir, f));
  for (const file of files()) chmodSync(file, 0o444);

  service = await startService({ db, asNobody, bin, root });
  assert.match(service.stdout(), /certa\.db is read-only: records are answered 503 storage_read_only/);
  const { context, page, errors } = await openHost(service);
  await queue(page, records.slice(1).map((r) => r.record));
  const held = await until(() => outboxState(page), (s) => s.pending === 3 && s.untried === 0,
    { timeout: 20000, what: "refused posts" });
  assert.ok(held.errors.every((e) => /^HTTP 503: the record store is read-only/.test(e)), JSON.stringify(held));
  const probe = await fetch(`${service.url}/api/records`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: records[1].text });
  assert.equal(probe.status, 503);
  assert.equal(probe.headers.get("retry-after"), "5");
  assert.equal((await probe.json()).error.code, "storage_read_only");
  // Reads work meanwhile.
  assert.equal(await storedCount(service), 1);
  const back = await fetch(`${service.url}/api/records/${records[0].record.attempt_id}`);
  assert.equal(await back.text(), records[0].text);

  // Write permission returns; the same process stores the records on the outbox's next retry.
  for (const file of files()) chmodSync(file, 0o666);
  const drained = await until(() => outboxState(page), (s) => s.pending === 0, { timeout: 60000, every: 250, what: "the outbox to drain" });
  assert.deepEqual(drained.refusals, []);
  assert.equal(await storedCount(service), records.length);
  assert.equal(service.child.exitCode, null, "the same service process");
  await service.stop();
  assertDatabaseHolds(db, records);
  assert.deepEqual(errors, []);
  console.log(`# read-only: ${held.pending} records held on 503 storage_read_only${asNobody ? " (service as nobody)" : ""}; ` +
    `delivered by the same process once the file was writable`);
  await context.close();
});
