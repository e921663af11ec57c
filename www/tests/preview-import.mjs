// End-to-end tests of the instructor preview opening question banks in headless Chromium
// (playwright-core driving /usr/bin/chromium): a QTI 3.0 and a QTI 2.1 content package, zipped
// at test time from tests/fixtures/qti/, and the 100-question GIFT file. The page imports them
// with the import module (pkg/import/), shows the import report, then the usual preview; the
// figures are checked against what `certa import` reports for the same files. Also: import
// errors with their place, the download of the imported package (valid by `certa validate`),
// and that previewing a JSON package never fetches the import module. Needs `./x build` and
// `cargo build --bin certa` first (./x test does both and sets CERTA_BIN).
//   CERTA_BIN=target/debug/certa node --test www/tests/preview-import.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { deflateRawSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startDevServer } from "../dev-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const SCREENSHOTS = join(REPO, "target", "screenshots");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const CERTA_BIN = resolve(process.env.CERTA_BIN ?? join(REPO, "target", "debug", "certa"));
const QTI = join(REPO, "tests", "fixtures", "qti");
const HUNDRED = join(REPO, "tests", "fixtures", "gift", "hundred.gift");
const WORK = mkdtempSync(join(tmpdir(), "certa-preview-import-"));

// --- zips made at test time ------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A deflate zip (PKWARE APPNOTE: local headers, central directory, end record) of [name, bytes]. */
function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, "utf8");
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    local.copy(entry, 8, 6, 30); // flags .. name length, as in the local header
    entry.writeUInt16LE(0, 30); // comment length
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every file of a fixture folder as [relative path, bytes], sorted; `extra/` left out. */
function fixtureFiles(version) {
  const root = join(QTI, version);
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push([relative(root, path).split("\\").join("/"), readFileSync(path)]);
    }
  };
  walk(root);
  return out.filter(([name]) => !name.startsWith("extra/")).sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Write bytes into the scratch folder under `name`; the name (the CLI runs in that folder, so
 * its report names files as the page does). */
function scratch(name, bytes) {
  writeFileSync(join(WORK, name), bytes);
  return name;
}

/** `certa import FILE --json` (and extra args), run in the scratch folder: the parsed report. */
function cliImport(path, ...args) {
  const run = spawnSync(CERTA_BIN, ["import", path, "--json", "--out", join(WORK, "cli-out.json"), ...args],
    { cwd: WORK, encoding: "utf8" });
  return JSON.parse(run.stdout);
}

// --- the page ----------------------------------------------------------------------------------

let devServer;
let browser;

before(async () => {
  assert.ok(existsSync(join(REPO, "pkg", "certa.js")), "pkg/certa.js is missing: run ./x build");
  assert.ok(existsSync(join(REPO, "pkg", "import", "certa_import.js")), "pkg/import/certa_import.js is missing: run ./x build");
  assert.ok(existsSync(CERTA_BIN), `${CERTA_BIN} is missing: run cargo build --bin certa (or set CERTA_BIN)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  devServer = await startDevServer({ port: 0 });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await devServer?.close();
});

/**
 * A fresh preview page (with the default JSON package loaded) that records every URL it
 * requests and every uncaught error.
 */
async function openPreview({ bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${devServer.url}/www/preview.html`);
  await page.locator(".sample-form").first().waitFor({ timeout: 30000 });
  return { context, page, errors, requests };
}

/** Pick a file in the preview and wait for the import report (or the import error). */
async function pick(page, name, bytes) {
  await page.locator("#package-file").setInputFiles({ name, mimeType: "application/octet-stream", buffer: bytes });
  await page.locator(".preview-import, .preview-import-error").first().waitFor({ timeout: 30000 });
}

/** The import report as shown: figures and the skipped and warning lines. */
function shownReport(page) {
  return page.locator(".preview-import").evaluate((section) => {
    const lines = (cls) => [...section.querySelectorAll(`.${cls} .import-line`)].map((li) => ({
      item: li.dataset.item, title: li.dataset.title, line: li.dataset.line,
      place: li.querySelector(".import-place").textContent, text: li.querySelector(".import-message").textContent,
    }));
    return {
      format: section.dataset.format,
      imported: Number(section.dataset.imported),
      skipped: Number(section.dataset.skipped),
      warnings: Number(section.dataset.warnings),
      summary: section.querySelector(".import-summary").textContent,
      items: [...section.querySelectorAll(".import-items-table tbody tr")].map((tr) => tr.dataset.id),
      skippedLines: lines("import-skipped"),
      warningLines: lines("import-warnings"),
    };
  });
}

/** The sample forms as shown: per form its item ids and whether each shows its answer. */
function shownForms(page) {
  return page.locator("#forms .sample-form").evaluateAll((forms) => forms.map((form) => ({
    seed: form.dataset.seed,
    items: [...form.querySelectorAll(".form-item")].map((item) => ({ id: item.dataset.itemId, answer: Boolean(item.querySelector(".answer")) })),
  })));
}

/** Wait until the preview of the imported package is drawn (status says "Imported … and loaded"). */
async function previewDrawn(page) {
  await page.waitForFunction(() => /^Imported .* and loaded /.test(document.getElementById("status").textContent)
    && document.querySelectorAll("#forms .sample-form").length > 0, null, { timeout: 30000 });
}

for (const version of ["3.0", "2.1"]) {
  test(`the preview opens a QTI ${version} content package: report as certa import gives it, then the preview`, async () => {
    const name = `netfund-${version}.zip`;
    const bytes = zip(fixtureFiles(version));
    const cli = cliImport(scratch(name, bytes));
    assert.equal(cli.imported, true);
    const { context, page, errors, requests } = await openPreview();
    await pick(page, name, bytes);
    await previewDrawn(page);

    const shown = await shownReport(page);
    assert.equal(shown.format, "qti");
    assert.equal(shown.imported, cli.report.imported.length);
    assert.equal(shown.imported, 14);
    assert.deepEqual(shown.items, cli.report.imported.map((i) => i.id));
    assert.equal(shown.skipped, cli.report.skipped.length);
    assert.equal(shown.warnings, cli.report.warnings.length);
    assert.match(shown.summary, new RegExp(`^${name.replace(/\./g, "\\.")} \\(QTI\\): imported 14, skipped 2, warnings \\d+\\.$`));
    // Skipped items are listed by name, with the reason (the hotspot and the two-interaction item).
    assert.deepEqual(shown.skippedLines.map((s) => s.item), ["rack-hotspot", "two-questions"]);
    assert.deepEqual(shown.skippedLines.map((s) => s.text), cli.report.skipped.map((s) => s.reason));
    assert.match(shown.skippedLines[0].text, /hotspot/i);
    assert.match(shown.skippedLines[0].place, new RegExp(`^${name.replace(/\./g, "\\.")}!items/hotspot\\.xml \\[rack-hotspot\\]$`));
    assert.deepEqual(shown.warningLines.map((w) => w.text), cli.report.warnings.map((w) => w.message));

    // Then the usual preview of the imported package: feasible, coverage, three forms of 12
    // items drawn from the imported ones, each with its answer.
    assert.equal(await page.locator("#feasibility-state").textContent(), "feasible");
    assert.equal(await page.locator(".preview-coverage svg[role=img]").count() >= 1, true);
    const forms = await shownForms(page);
    assert.equal(forms.length, 3);
    const imported = new Set(shown.items);
    for (const form of forms) {
      assert.equal(form.items.length, cli.package.form_length, `form ${form.seed}`);
      for (const item of form.items) {
        assert.ok(imported.has(item.id), `${item.id} is an imported item`);
        assert.ok(item.answer, `${item.id} shows its answer`);
      }
    }
    // A form from a seed.
    await page.locator("#seed-input").fill("20240611");
    await page.locator("#seed-show").click();
    await page.locator("#seed-output .sample-form").waitFor();
    assert.equal(await page.locator("#seed-output .form-item").count(), cli.package.form_length);
    assert.ok(requests.some((path) => path.endsWith("/pkg/import/certa_import_bg.wasm")), "the import module was fetched");
    await page.locator(".preview-import").screenshot({ path: join(SCREENSHOTS, `preview-import-qti-${version}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the preview opens the 100-question GIFT file; the downloaded package is the one certa import writes, and valid", async () => {
  const bytes = readFileSync(HUNDRED);
  const cli = cliImport(scratch("hundred.gift", bytes), "--skip-invalid");
  assert.equal(cli.items, 100);
  const { context, page, errors } = await openPreview({ bypassCSP: true });
  await pick(page, "hundred.gift", bytes);
  await previewDrawn(page);

  const shown = await shownReport(page);
  assert.equal(shown.format, "gift");
  assert.equal(shown.imported, cli.items);
  assert.equal(shown.skipped, cli.skipped.length);
  assert.equal(shown.warnings, cli.warnings.length);
  assert.equal(await page.locator(".import-skipped").count(), 0);
  assert.equal(await page.locator(".preview-import").getByText("Nothing was skipped.").count(), 1);
  // GIFT warnings carry their line: the place is file:line:column and matches the CLI's.
  assert.deepEqual(shown.warningLines.map((w) => w.place),
    cli.warnings.map((w) => `hundred.gift:${w.location.line}:${w.location.column}`));
  assert.deepEqual(shown.warningLines.map((w) => w.item), cli.warnings.map((w) => w.item_id));
  // The categories became the domains of the blueprint.
  const domains = await page.locator(".import-domains tbody tr").evaluateAll((rows) => rows.map((row) =>
    [row.dataset.id, row.querySelector("[data-col=items]").textContent]));
  assert.deepEqual(domains, cli.domains.map((d) => [d.name, String(d.items)]));
  const coverage = await page.locator(".coverage-domains tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.id));
  assert.deepEqual(coverage, cli.domains.map((d) => d.name));

  const forms = await shownForms(page);
  assert.equal(forms.length, 3);
  for (const form of forms) {
    assert.equal(form.items.length, 100);
    assert.ok(form.items.every((item) => item.answer), `form ${form.seed}: every item shows its answer`);
  }

  // Download the imported package: the same document certa import writes, and it validates.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#import-download").click()]);
  assert.equal(download.suggestedFilename(), "hundred.json");
  const saved = join(WORK, "downloaded-hundred.json");
  await download.saveAs(saved);
  assert.deepEqual(JSON.parse(readFileSync(saved, "utf8")), JSON.parse(readFileSync(join(WORK, "cli-out.json"), "utf8")));
  const validate = spawnSync(CERTA_BIN, ["validate", saved], { encoding: "utf8" });
  assert.equal(validate.status, 0, validate.stdout + validate.stderr);

  // The report view meets the same accessibility bar as the rest of the preview.
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`), []);
  await page.locator(".preview-import").screenshot({ path: join(SCREENSHOTS, "preview-import-gift.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the preview lists skipped GIFT questions by title with their line", async () => {
  const source = [
    "$CATEGORY: Basics",
    "",
    "::Capital::What is the capital of France? {=Paris ~Lyon ~Marseille}",
    "",
    "::Just text::A description with no answer block.",
    "",
    "::Broken numeric::How many bits in a byte? {#eight}",
    "",
    "::Two plus two::2 + 2 = ? {#4}",
  ].join("\n");
  const bytes = Buffer.from(source);
  const cli = cliImport(scratch("mixed.gift", bytes), "--skip-invalid");
  const { context, page, errors } = await openPreview();
  await pick(page, "mixed.gift", bytes);
  await previewDrawn(page);
  const shown = await shownReport(page);
  assert.equal(shown.imported, cli.items);
  assert.equal(shown.imported, 2);
  assert.deepEqual(shown.skippedLines.map((s) => [s.title, s.place]),
    cli.skipped.map((s) => [s.title, `mixed.gift:${s.location.line}:${s.location.column}`]));
  assert.deepEqual(shown.skippedLines.map((s) => s.title), ["Just text", "Broken numeric"]);
  assert.deepEqual(shown.skippedLines.map((s) => s.line), ["5", "7"]);
  assert.equal(await page.locator(".import-skipped .import-name").first().textContent(), "Just text:");
  assert.deepEqual(errors, []);
  await context.close();
});

test("import errors are shown with their place, never as an uncaught exception", async () => {
  const files = fixtureFiles("3.0");
  // An item whose XML breaks off: the error names the file inside the zip, line and column.
  const malformed = files.map(([name, data]) => [name,
    name === "items/choice-single.xml" ? Buffer.from(data.toString("utf8").replace("</qti-simple-choice>", "</qti-simple-choise>")) : data]);
  const malformedZip = zip(malformed);
  const cli = cliImport(scratch("malformed.zip", malformedZip));
  assert.equal(cli.imported, false);
  assert.equal(cli.error.kind, "malformed_xml");
  assert.equal(cli.error.location.kind, "line_column");
  const place = `${cli.error.file}:${cli.error.location.line}:${cli.error.location.column}`;
  assert.match(place, /^malformed\.zip!items\/choice-single\.xml:\d+:\d+$/);

  const { context, page, errors } = await openPreview();
  await pick(page, "malformed.zip", malformedZip);
  const error = page.locator(".preview-import-error");
  assert.equal(await error.getAttribute("data-code"), "import_malformed_xml");
  assert.equal(await error.locator(".import-error-place").textContent(), place);
  assert.match(await error.locator(".import-error-message").textContent(), /qti-simple-choi/);
  assert.equal(await page.locator("#status").getAttribute("data-kind"), "error");
  assert.equal(await page.locator(".sample-form").count(), 0, "no forms from a failed import");
  assert.equal(await page.locator("#forms-draw").isDisabled(), true);

  // A manifest naming a file the zip does not hold.
  const missing = zip(files.filter(([name]) => name !== "items/order.xml"));
  await pick(page, "missing-href.zip", missing);
  await page.waitForFunction(() => document.querySelector(".preview-import-error")?.dataset.code === "import_missing_href");
  assert.match(await error.locator(".import-error-place").textContent(), /^missing-href\.zip/);
  assert.match(await error.locator(".import-error-message").textContent(), /items\/order\.xml/);
  assert.match(await error.locator(".import-error-hint").textContent(), /content package/);

  // A zip cut short, and a file that is neither QTI nor GIFT.
  await pick(page, "cut.zip", malformedZip.subarray(0, 200));
  await page.waitForFunction(() => document.querySelector(".preview-import-error")?.dataset.code === "import_bad_archive");
  assert.match(await error.locator(".import-error-place").textContent(), /^cut\.zip/);
  await pick(page, "notes.md", Buffer.from("# Notes\n\nNothing to import here.\n"));
  await page.waitForFunction(() => document.querySelector(".preview-import-error")?.dataset.code === "import_unknown_format");
  assert.equal(await error.locator(".import-error-place").textContent(), "notes.md");

  // A GIFT file that cannot be read at all (a byte that is not UTF-8): file, line and column.
  // (A question with an error is skipped and listed instead: see the test above.)
  const latin1 = Buffer.concat([Buffer.from("::Q1::Fine? {T}\n\n::Q2::Caf"), Buffer.from([0xe9]), Buffer.from("? {T}\n")]);
  await pick(page, "latin1.gift", latin1);
  await page.waitForFunction(() => document.querySelector(".preview-import-error")?.dataset.code === "import_invalid_gift");
  const giftError = cliImport(scratch("latin1.gift", latin1), "--skip-invalid").error;
  assert.equal(await error.locator(".import-error-place").textContent(),
    `latin1.gift:${giftError.location.line}:${giftError.location.column}`);
  assert.equal(await error.locator(".import-error-place").textContent(), "latin1.gift:3:10");
  assert.match(await error.locator(".import-error-message").textContent(), /0xE9 is not UTF-8/);
  await page.screenshot({ path: join(SCREENSHOTS, "preview-import-error.png") });
  assert.deepEqual(errors, [], "no uncaught exception");
  await context.close();
});

test("previewing a JSON package never fetches the import module; a GIFT file does", async () => {
  const { context, page, errors, requests } = await openPreview();
  // The default package (JSON from a URL), then a JSON file picked.
  const exam = readFileSync(join(REPO, "examples", "certificate-quiz.json"));
  await page.locator("#package-file").setInputFiles({ name: "quiz.json", mimeType: "application/json", buffer: exam });
  await page.waitForFunction(() => /^Loaded /.test(document.getElementById("status").textContent));
  await page.locator(".sample-form").first().waitFor();
  const isImporter = (path) => path.includes("/pkg/import/") || path.endsWith("/preview/importer.js");
  assert.deepEqual(requests.filter(isImporter), []);
  assert.equal(await page.locator(".preview-import").count(), 0);
  // The URL field imports by the file name too: a GIFT file served beside the fixtures.
  await page.locator("#package-url").fill("../tests/fixtures/gift/types.gift");
  await page.locator("#url-form button[type=submit]").click();
  await page.locator(".preview-import").waitFor({ timeout: 30000 });
  await previewDrawn(page);
  assert.ok(requests.some((path) => path.endsWith("/pkg/import/certa_import_bg.wasm")));
  assert.ok(requests.some((path) => path.endsWith("/preview/importer.js")));
  const typesCli = cliImport(join(REPO, "tests", "fixtures", "gift", "types.gift"), "--skip-invalid");
  assert.equal(Number(await page.locator(".preview-import").getAttribute("data-imported")), typesCli.items);
  assert.deepEqual(errors, []);
  await context.close();
});
