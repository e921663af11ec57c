// The instructor preview page: loads a package (from ?package=, a URL field or a picked file)
// into the wasm engine and shows its validation problems, or its feasibility report, coverage of
// N sample forms against the blueprint, those forms with answers, and any form regenerated from
// a seed. Keys come from the package JSON this page loaded; the engine never hands them out.
// The engine is the instructor module (pkg/instructor/: the player's engine plus
// `package.feasibility()`, which the learner's module leaves out). A QTI file or content
// package, or a GIFT file, is imported first (by the import module, loaded only then): its
// import report, or the error with its place, comes before the rest.
import { loadEngine } from "../player/engine.js";
import { h } from "../player/dom.js";
import { previewTranslator } from "./i18n.js";
import { fromFile, fromUrl } from "./package-source.js";
import { renderProblems } from "./problems-view.js";
import { renderFeasibility } from "./feasibility-view.js";
import { computeCoverage } from "./coverage.js";
import { renderCoverage } from "./coverage-view.js";
import { renderForm } from "./form-view.js";
import { renderImportError, renderImportReport } from "./import-view.js";

const DEFAULT_PACKAGE = "../examples/certification-exam.json";
/** The instructor module: ../pkg/instructor/ next to www/. */
const INSTRUCTOR_ENGINE_URL = new URL("../../pkg/instructor/certa_instructor.js", import.meta.url).href;
const DEFAULT_FORMS = 3;
const MAX_FORMS = 20;
const PREVIEW_LEARNER = { id: "preview" };

const t = previewTranslator(document.documentElement.lang || "en");
const $ = (id) => document.getElementById(id);

/** What is loaded now; replaced on every load. */
const current = { engine: null, pkg: null, doc: null, report: null, imported: null, token: 0 };

/** Fill the static parts of the page from the locale catalog. */
function localizePage() {
  document.title = t("page_title");
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  $("forms-count").value = String(DEFAULT_FORMS);
}

function status(message, kind = "info") {
  const line = $("status");
  line.textContent = message;
  line.dataset.kind = kind;
}

async function load(read, label) {
  const token = ++current.token;
  status(t("loading", { source: label }));
  $("import").replaceChildren();
  $("report").replaceChildren();
  $("coverage").replaceChildren();
  $("forms").replaceChildren();
  $("seed-output").replaceChildren();
  setControls(false);
  let source;
  try {
    current.engine = current.engine ?? await loadEngine(INSTRUCTOR_ENGINE_URL);
    source = await read({ onImport: (name) => { if (token === current.token) status(t("importing", { source: name })); } });
  } catch (error) {
    if (token !== current.token) return;
    if (typeof error?.code === "string" && error.code.startsWith("import_")) {
      status(t("import_failed", { source: label }), "error");
      $("import").replaceChildren(renderImportError(error, label, t));
    } else {
      status(error.code === "fetch" ? t("fetch_failed", { source: label, status: error.message }) : t("load_failed", { message: error.message }), "error");
    }
    return;
  }
  if (token !== current.token) return;
  current.pkg?.free?.();
  current.pkg = null;
  current.imported = source.imported;
  if (source.imported) $("import").replaceChildren(renderImportReport(source.imported, source.doc, t));
  try {
    current.pkg = current.engine.Package.load(source.json);
  } catch (error) {
    status(t("load_failed", { message: error.message }), "error");
    $("report").replaceChildren(renderProblems(error, t));
    return;
  }
  current.doc = source.doc;
  const info = current.pkg.info();
  const figures = { title: info.title, version: info.version, items: info.items, length: info.form_length };
  status(source.imported ? t("loaded_imported", { ...figures, source: source.imported.file }) : t("loaded", figures));
  // Let the status paint before the (synchronous) feasibility analysis.
  await new Promise((ok) => setTimeout(ok, 0));
  if (token !== current.token) return;
  current.report = current.pkg.feasibility();
  $("report").replaceChildren(renderFeasibility(current.report, t));
  setControls(true);
  drawForms();
}

function setControls(enabled) {
  for (const id of ["forms-draw", "seed-show"]) $(id).disabled = !enabled;
}

function itemsById() {
  return new Map((current.doc?.items ?? []).map((item) => [item.id, item]));
}

/** The form a learner with this seed saw (or a fresh random one without a seed). */
function assemble(seed) {
  const options = { learner: PREVIEW_LEARNER, now: Date.now(), mode: "review" };
  if (seed !== undefined) options.seed = seed;
  const session = current.engine.Session.start(current.pkg, options);
  try {
    return session.form();
  } finally {
    session.free?.();
  }
}

function drawForms() {
  if (!current.pkg) return;
  const count = Math.min(MAX_FORMS, Math.max(1, Math.floor(Number($("forms-count").value)) || DEFAULT_FORMS));
  $("forms-count").value = String(count);
  const forms = [];
  try {
    for (let i = 0; i < count; i += 1) forms.push(assemble());
  } catch (error) {
    $("forms").replaceChildren(h("p", { class: "error", role: "alert", text: t("form_failed", { message: error.message }) }));
    $("coverage").replaceChildren();
    return;
  }
  const byId = itemsById();
  $("coverage").replaceChildren(renderCoverage(computeCoverage({ report: current.report, doc: current.doc, forms }), forms.length, t));
  $("forms").replaceChildren(...forms.map((form, i) =>
    renderForm(form, { t, itemsById: byId, heading: t("form_heading", { n: i + 1, seed: form.seed }), open: i === 0 })));
}

function showSeed(event) {
  event.preventDefault();
  const seed = $("seed-input").value.trim();
  const output = $("seed-output");
  if (!/^\d+$/.test(seed)) {
    output.replaceChildren(h("p", { class: "error", role: "alert", text: t("seed_missing") }));
    return;
  }
  try {
    const form = assemble(seed);
    output.replaceChildren(renderForm(form, { t, itemsById: itemsById(), heading: t("seed_form_heading", { seed: form.seed }), open: true }));
  } catch (error) {
    output.replaceChildren(h("p", { class: "error", role: "alert", text: t("form_failed", { message: error.message }) }));
  }
}

function start() {
  localizePage();
  const params = new URLSearchParams(location.search);
  const url = params.get("package") || DEFAULT_PACKAGE;
  $("package-url").value = url;
  $("url-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("package-url").value.trim();
    if (value) load((hooks) => fromUrl(value, hooks), value);
  });
  $("package-file").addEventListener("change", () => {
    const file = $("package-file").files?.[0];
    if (file) load((hooks) => fromFile(file, hooks), file.name);
  });
  $("forms-form").addEventListener("submit", (event) => { event.preventDefault(); drawForms(); });
  $("seed-form").addEventListener("submit", showSeed);
  window.certaPreview = { load: (value) => load((hooks) => fromUrl(value, hooks), value), state: current };
  load((hooks) => fromUrl(url, hooks), url);
}

start();
