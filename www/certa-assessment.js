// <certa-assessment>: the learner-facing player. It loads a certa package into the wasm engine,
// starts or resumes a session, renders the delivered form, and reports through DOM events:
//   certa:ready    {attemptId, resumed, restored, total, timeLimitSeconds}
//   certa:progress {attemptId, current, total, answered, flagged}
//   certa:complete {attemptId, record}
//   certa:error    {code, message, path}
// Attributes / properties: package (URL or object), learner (JSON or object), mode
// (practice | secure | review), seed, locale, engine (URL of certa.js; defaults to ../pkg/),
// attempt (JSON or object: an attempt the backend issued, the answer of POST /api/attempts or
// its `start`; its id, seed, number, mode, learner and seen items are used as given), restart
// (offer | never: whether a learner whose saved attempt fails its integrity check may start
// over here; default offer in practice, never for secure or issued attempts).
// Resuming: the current snapshot is tried, then the previous good one (code
// `snapshot_restored` when that one is used); when none passes its integrity check the attempt
// is refused (code `snapshot_refused`) and never silently replaced by a new one.
// All assessment logic is in the engine; this file only wires the session to the screen.
import { loadEngine, DEFAULT_ENGINE_URL } from "./player/engine.js";
import { translator } from "./player/i18n.js";
import { h } from "./player/dom.js";
import { setItemHtml } from "./player/sanitize.js";
import { renderInteraction } from "./player/render-interactions.js";
import { renderPalette, renderToolbar, renderProgress } from "./player/navigation.js";
import { renderReview } from "./player/review-screen.js";
import { renderResult } from "./player/result-screen.js";
import { Countdown } from "./player/timer.js";
import { Autosave } from "./player/autosave.js";

const STYLESHEET = new URL("./player/player.css", import.meta.url).href;
const ATTRIBUTES = ["package", "learner", "mode", "seed", "locale", "engine", "attempt", "restart"];

export class CertaAssessment extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #props = {};
  #t = translator("en");
  #engine = null;
  #pkg = null;
  #session = null;
  #form = null;
  #doc = null;
  #autosave = null;
  #countdown = null;
  #state = null;
  #screen = "loading";
  #record = null;
  #startToken = 0;
  #els = {};

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  // --- properties ---------------------------------------------------------------------------
  get package() { return this.#props.package ?? this.getAttribute("package"); }
  set package(value) { this.#props.package = value; this.#restart(); }
  get learner() { return this.#props.learner ?? this.getAttribute("learner"); }
  set learner(value) { this.#props.learner = value; this.#restart(); }
  get mode() { return this.#props.mode ?? this.getAttribute("mode") ?? "practice"; }
  set mode(value) { this.#props.mode = value; this.#restart(); }
  get seed() { return this.#props.seed ?? this.getAttribute("seed"); }
  set seed(value) { this.#props.seed = value; this.#restart(); }
  get locale() { return this.#props.locale ?? this.getAttribute("locale"); }
  set locale(value) { this.#props.locale = value; this.#relocalize(); }
  get engine() { return this.#props.engine ?? this.getAttribute("engine") ?? DEFAULT_ENGINE_URL; }
  set engine(value) { this.#props.engine = value; this.#restart(); }
  get attempt() { return this.#props.attempt ?? this.getAttribute("attempt"); }
  set attempt(value) { this.#props.attempt = value; this.#restart(); }
  get restart() { return this.#props.restart ?? this.getAttribute("restart"); }
  set restart(value) { this.#props.restart = value; }
  /** The attempt id once the session exists. */
  get attemptId() { return this.#session ? this.#session.attemptId() : null; }
  /** The completion record after submit. */
  get record() { return this.#record; }

  connectedCallback() {
    this.#restart();
  }

  disconnectedCallback() {
    this.#countdown?.stop();
    this.#startToken += 1;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected) return;
    if (name === "locale") this.#relocalize();
    else this.#restart();
  }

  // --- lifecycle ----------------------------------------------------------------------------
  #restart() {
    if (!this.isConnected) return;
    const token = ++this.#startToken;
    // Let the host finish setting attributes and properties in the same task.
    queueMicrotask(() => { if (token === this.#startToken) this.#start(token); });
  }

  async #start(token) {
    this.#countdown?.stop();
    this.#t = translator(this.locale || "en");
    this.#renderFrame();
    this.#setMain(h("p", { class: "certa-loading", role: "status", text: this.#t("loading") }));
    try {
      // The engine loads (and warms up) while the package is fetched.
      const [engine, { json, doc }] = await Promise.all([loadEngine(this.engine), this.#readPackage()]);
      if (token !== this.#startToken) return;
      this.#engine = engine;
      this.#doc = doc;
      this.#pkg?.free?.();
      this.#pkg = engine.Package.load(json);
      const info = this.#pkg.info();
      if (!this.locale && info.language) this.#t = translator(info.language);
      const issued = this.#issuedAttempt();
      const learner = issued?.learner ?? this.#learnerValue();
      this.#autosave = new Autosave(info, learner.id);
      this.#session = null;
      const opened = this.#openSession(learner, issued);
      if (opened.refused) return this.#refuseResume(opened.refused, issued, token);
      const { session, resumed, restored } = opened;
      this.#session = session;
      this.#form = session.form();
      this.#record = null;
      this.#refreshState();
      this.#save();
      this.#renderAttempt(resumed, restored);
      this.#emit("certa:ready", {
        attemptId: session.attemptId(), resumed, restored: restored ? "previous" : null,
        total: this.#form.items.length, timeLimitSeconds: this.#form.time_limit_seconds ?? null,
      });
      if (restored) {
        this.#emit("certa:error", {
          code: "snapshot_restored", attemptId: session.attemptId(),
          message: `the saved attempt failed its integrity check (${restored.code}: ${restored.message}); the previous good snapshot was restored`,
          path: restored.path ?? null, cause: restored,
        });
      }
      this.#emitProgress();
    } catch (error) {
      if (token !== this.#startToken) return;
      this.#fail(error, "load_failed");
    }
  }

  /**
   * Resume the saved attempt (the current snapshot, else the previous good one) or start one.
   * Returns `{session, resumed, restored}` (restored: why the current one failed, when the
   * previous was used) or `{refused: {attemptId, failures}}` when no saved snapshot passes.
   */
  #openSession(learner, issued) {
    const { Session } = this.#engine;
    const saved = issued ? this.#autosave.saved(issued.attemptId) : this.#autosave.pending();
    if (saved) {
      const failures = [];
      for (const slot of ["current", "previous"]) {
        const text = saved[slot];
        if (!text) {
          if (slot === "current") failures.push({ slot, code: "snapshot_missing", message: "the current snapshot is missing", path: null });
          continue;
        }
        let session;
        try {
          session = Session.resume(this.#pkg, text);
        } catch (error) {
          failures.push({ slot, ...describe(error) });
          continue;
        }
        if (session.state().submitted) {
          // The attempt is over (its record went to the host): a new one starts.
          session.free?.();
          failures.length = 0;
          break;
        }
        this.#autosave.adopt(saved.attemptId, text);
        return { session, resumed: true, restored: slot === "previous" ? failures[0] : null };
      }
      if (failures.length) return { refused: { attemptId: saved.attemptId, failures } };
      this.#autosave.clear(saved.attemptId);
    }
    const options = issued
      ? { ...issued.start, learner, now: Date.now() }
      : { learner, now: Date.now(), mode: this.mode || "practice" };
    if (!issued && this.seed !== null && this.seed !== undefined && this.seed !== "") options.seed = String(this.seed);
    return { session: Session.start(this.#pkg, options), resumed: false, restored: null };
  }

  /** The attempt the backend issued (`attempt`), as Session.start options, or null. */
  #issuedAttempt() {
    let value = this.attempt;
    if (typeof value === "string") {
      if (!value.trim()) return null;
      try { value = JSON.parse(value); } catch { throw Object.assign(new Error("the attempt attribute is not JSON"), { code: "bad_attempt" }); }
    }
    if (!value || typeof value !== "object") return null;
    const given = value.start && typeof value.start === "object" ? value.start : value;
    if (!given.attemptId) throw Object.assign(new Error("the issued attempt has no attemptId"), { code: "bad_attempt" });
    const start = {};
    for (const key of ["attemptId", "seed", "attemptNumber", "mode", "seenItemIds", "exposureCounts", "administrations"]) {
      if (given[key] !== undefined && given[key] !== null) start[key] = given[key];
    }
    if (start.seed !== undefined) start.seed = String(start.seed);
    const learner = given.learner && typeof given.learner === "object" && given.learner.id ? given.learner : null;
    return { attemptId: String(start.attemptId), learner, start };
  }

  /** May the learner start over when the saved attempt is refused? */
  #restartPolicy(issued) {
    const asked = String(this.restart ?? "").toLowerCase();
    if (asked === "offer" || asked === "never") return asked;
    const mode = issued?.start.mode ?? this.mode;
    return issued || mode === "secure" ? "never" : "offer";
  }

  /** No saved snapshot passed its integrity check: say so, and start over only if allowed. */
  #refuseResume(refused, issued, token) {
    const t = this.#t;
    const policy = this.#restartPolicy(issued);
    const parts = [h("p", { text: t("snapshot_refused") })];
    if (policy === "offer") {
      parts.push(h("p", { text: t("snapshot_refused_offer") }));
      parts.push(h("button", {
        type: "button", class: "certa-primary", dataset: { action: "start-over" }, text: t("start_over"),
        onclick: () => {
          if (token !== this.#startToken) return;
          this.#autosave.clear(refused.attemptId);
          this.#restart();
        },
      }));
    } else {
      parts.push(h("p", { text: t("snapshot_refused_contact") }));
    }
    this.#setMain(h("div", { class: "certa-refused", role: "alert", dataset: { attemptId: refused.attemptId } }, ...parts));
    const first = refused.failures[0];
    this.#emit("certa:error", {
      code: "snapshot_refused", attemptId: refused.attemptId,
      message: `the saved attempt cannot be resumed: no saved snapshot passed its integrity check (${refused.failures.map((f) => `${f.slot}: ${f.code}`).join(", ")})`,
      path: first?.path ?? null, failures: refused.failures, restart: policy,
    });
  }

  async #readPackage() {
    const source = this.package;
    if (!source) throw Object.assign(new Error("no package given"), { code: "no_package" });
    if (typeof source === "object") return { json: JSON.stringify(source), doc: source };
    const response = await fetch(new URL(source, document.baseURI), { credentials: "same-origin" });
    if (!response.ok) throw Object.assign(new Error(`${response.status} ${response.statusText}`), { code: "fetch" });
    const json = await response.text();
    let doc = null;
    try { doc = JSON.parse(json); } catch { /* the engine reports the parse error with its path */ }
    return { json, doc };
  }

  #learnerValue() {
    const raw = this.learner;
    let value = raw;
    if (typeof raw === "string") {
      try { value = JSON.parse(raw); } catch { value = { id: raw }; }
    }
    if (!value || typeof value !== "object" || !value.id) return { id: "anonymous" };
    return value;
  }

  // --- state --------------------------------------------------------------------------------
  #refreshState() {
    const state = this.#session.state();
    this.#state = {
      current: state.current,
      answered: new Set(state.answered),
      flagged: new Set(state.flagged),
      responses: state.responses || {},
      submitted: state.submitted,
    };
  }

  #save() {
    if (!this.#session || this.#record) return;
    const ok = this.#autosave.save(this.#session.attemptId(), this.#session.snapshot());
    if (!ok && !this.#els.saveWarned) {
      this.#els.saveWarned = true;
      this.#notice(this.#t("autosave_failed"), "warning");
      this.#emit("certa:error", { code: "autosave", message: "localStorage refused the snapshot" });
    }
  }

  #itemIds() { return this.#form.items.map((item) => item.id); }
  #linear() { return this.#form.navigation === "linear"; }
  #canGoTo(index) { return !this.#linear() || index >= this.#state.current; }

  #responseOf(item) {
    const entry = this.#state.responses[item.id];
    // SessionState.responses holds the response JSON; tolerate an entry wrapper too.
    if (entry && typeof entry === "object" && !Array.isArray(entry) && "response" in entry) return entry.response;
    return entry ?? null;
  }

  // --- rendering ----------------------------------------------------------------------------
  #renderFrame() {
    const t = this.#t;
    const els = {};
    els.polite = h("div", { class: "certa-visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    els.assertive = h("div", { class: "certa-visually-hidden", "aria-live": "assertive", "aria-atomic": "true" });
    els.notices = h("div", { class: "certa-notices" });
    els.main = h("div", { class: "certa-main" });
    els.root = h("div", { class: "certa-root", lang: t.locale }, els.polite, els.assertive, els.notices, els.main);
    this.shadowRoot.replaceChildren(h("link", { rel: "stylesheet", href: STYLESHEET }), els.root);
    this.#els = els;
  }

  #setMain(...children) {
    this.#els.main.replaceChildren(...children);
  }

  #announce(message, urgent = false) {
    const region = urgent ? this.#els.assertive : this.#els.polite;
    region.textContent = "";
    // A fresh text node after clearing makes repeated messages announce again.
    setTimeout(() => { region.textContent = message; }, 30);
  }

  #notice(message, kind = "info") {
    const close = h("button", { type: "button", class: "certa-icon-button", "aria-label": "×", text: "×" });
    const box = h("div", { class: `certa-notice is-${kind}`, role: kind === "error" ? "alert" : "status" },
      h("p", { text: message }), close);
    close.addEventListener("click", () => box.remove());
    this.#els.notices.append(box);
  }

  #renderAttempt(resumed, restored = null) {
    const t = this.#t;
    const form = this.#form;
    this.#els.timer = h("p", { class: "certa-timer", role: "timer", "aria-live": "off" });
    this.#els.progress = h("div", { class: "certa-progress-slot" });
    this.#els.palette = h("div", { class: "certa-palette-slot" });
    this.#els.question = h("div", { class: "certa-question-slot" });
    const header = h("header", { class: "certa-header" },
      h("p", { class: "certa-title", text: form.title }),
      this.#els.progress, this.#els.timer);
    this.#setMain(header, h("div", { class: "certa-layout" }, this.#els.question, this.#els.palette));
    if (restored) this.#notice(t("snapshot_restored"), "warning");
    else if (resumed) this.#notice(t("resumed"));
    this.#countdown = new Countdown({
      t, display: this.#els.timer,
      remaining: () => (this.#session ? this.#session.timeRemaining(Date.now()) : null),
      announce: (message) => this.#announce(message, true),
      onExpire: () => this.#submit(true),
    });
    this.#countdown.start();
    if (this.#record) return;
    // #showQuestion draws the palette and progress too; draw them here only when it cannot.
    if (!this.#showQuestion(this.#state.current, false)) this.#refreshChrome();
  }

  #refreshChrome() {
    const t = this.#t;
    const ids = this.#itemIds();
    this.#els.progress.replaceChildren(renderProgress({ t, answered: this.#state.answered.size, total: ids.length }));
    const focusedIndex = this.shadowRoot.activeElement?.closest?.(".certa-palette")
      ? this.shadowRoot.activeElement.dataset.index : null;
    this.#els.palette.replaceChildren(renderPalette({
      t, itemIds: ids, current: this.#screen === "question" ? this.#state.current : -1,
      answered: this.#state.answered, flagged: this.#state.flagged,
      canGoTo: (i) => this.#canGoTo(i), onGoTo: (i) => this.#goTo(i),
    }));
    if (focusedIndex !== null && focusedIndex !== undefined) {
      this.#els.palette.querySelector(`[data-index="${focusedIndex}"]`)?.focus();
    }
  }

  #showQuestion(index, focus = true) {
    const t = this.#t;
    const item = this.#form.items[index];
    if (!item) return false;
    this.#screen = "question";
    const total = this.#form.items.length;
    const headingId = `certa-q-${index}`;
    const stemId = `certa-stem-${index}`;
    const section = this.#form.sections?.find((s) => index >= s.start && index < s.end);
    const parts = [];
    if (section?.title) parts.push(h("p", { class: "certa-section-title", text: t("section", { title: section.title }) }));
    parts.push(h("h2", { id: headingId, class: "certa-question-heading", tabindex: "-1" },
      t("question_of", { n: index + 1, total }),
      h("span", { class: "certa-points-badge", text: t("points", { count: item.points ?? 1 }) })));
    if (item.set?.stimulus) {
      parts.push(h("div", { class: "certa-stimulus" },
        item.set.title ? h("p", { class: "certa-stimulus-title", text: item.set.title }) : null,
        setItemHtml(h("div", { class: "certa-stimulus-body" }), item.set.stimulus)));
    }
    parts.push(setItemHtml(h("div", { id: stemId, class: "certa-stem" }), item.stem));
    parts.push(renderInteraction(item, {
      t, labelledBy: stemId, response: this.#responseOf(item),
      disabled: Boolean(this.#record),
      announce: (message) => this.#announce(message),
      onChange: (response) => this.#answer(item.id, response),
    }));
    this.#els.toolbar = renderToolbar({
      t, current: index, total, flagged: this.#state.flagged.has(item.id),
      canPrevious: index > 0 && !this.#linear(),
      onPrevious: () => this.#goTo(index - 1),
      onNext: () => this.#goTo(index + 1),
      onFlag: () => this.#toggleFlag(item.id),
      onReview: () => this.#showReview(),
    });
    parts.push(this.#els.toolbar);
    this.#els.question.replaceChildren(h("section", { class: "certa-question", "aria-labelledby": headingId, dataset: { itemId: item.id } }, ...parts));
    this.#refreshChrome();
    if (focus) this.#els.question.querySelector(".certa-question-heading")?.focus();
    return true;
  }

  #showReview() {
    this.#screen = "review";
    const t = this.#t;
    this.#els.question.replaceChildren(renderReview({
      t, itemIds: this.#itemIds(), answered: this.#state.answered, flagged: this.#state.flagged,
      canGoTo: (i) => this.#canGoTo(i), onGoTo: (i) => this.#goTo(i),
      onBack: () => this.#showQuestion(this.#state.current), onSubmit: () => this.#submit(false),
    }));
    this.#refreshChrome();
    this.#els.question.querySelector(".certa-screen-heading")?.focus();
  }

  #showResult(feedback) {
    this.#screen = "result";
    const t = this.#t;
    const doc = this.#doc || {};
    const statements = new Map((doc.outcomes || []).map((o) => [o.id, o.statement]));
    const view = renderResult({
      t, record: this.#record, feedback, mode: this.#record.mode || this.mode,
      outcomeStatements: statements,
      itemIndex: new Map(this.#itemIds().map((id, i) => [id, i])),
      scaleMax: doc.scoring?.scale?.max, credentialName: doc.credential?.name,
    });
    this.#setMain(h("header", { class: "certa-header" }, h("p", { class: "certa-title", text: this.#form.title })), view);
    this.#els.main.querySelector(".certa-screen-heading")?.focus();
  }

  #relocalize() {
    if (!this.#session) return;
    this.#t = translator(this.locale || this.#form?.language || "en");
    this.#els.root.lang = this.#t.locale;
    if (this.#record) return this.#showResult(this.#feedback());
    this.#countdown?.stop();
    this.#renderAttempt(false);
  }

  // --- actions ------------------------------------------------------------------------------
  #answer(itemId, response) {
    if (this.#record) return;
    try {
      this.#session.answer(itemId, response, Date.now());
    } catch (error) {
      if (error?.code === "time_up") return this.#submit(true);
      return this.#fail(error);
    }
    this.#refreshState();
    this.#save();
    this.#refreshChrome();
    this.#emitProgress();
  }

  #toggleFlag(itemId) {
    const on = !this.#state.flagged.has(itemId);
    try {
      this.#session.flag(itemId, on);
    } catch (error) {
      return this.#fail(error);
    }
    this.#refreshState();
    this.#save();
    const button = this.#els.toolbar?.querySelector("[data-action=flag]");
    button?.setAttribute("aria-pressed", on ? "true" : "false");
    this.#announce(on ? this.#t("flagged_note") : this.#t("unflag"));
    this.#refreshChrome();
    this.#emitProgress();
  }

  #goTo(index) {
    if (index < 0 || index >= this.#form.items.length) return;
    try {
      this.#session.goTo(index);
    } catch (error) {
      if (error?.code === "linear_back") return this.#announce(this.#t("linear_back"));
      if (error?.code === "time_up") return this.#submit(true);
      return this.#fail(error);
    }
    this.#refreshState();
    this.#save();
    this.#showQuestion(index);
    this.#emitProgress();
  }

  #submit(timedOut) {
    if (this.#record || !this.#session) return;
    this.#countdown?.stop();
    let record;
    try {
      record = this.#session.submit(Date.now());
    } catch (error) {
      return this.#fail(error);
    }
    this.#record = record;
    this.#autosave.clear(this.#session.attemptId());
    this.#showResult(this.#feedback());
    if (timedOut) this.#announce(this.#t("time_up"), true);
    this.#emit("certa:complete", { attemptId: record.attempt_id, record });
  }

  #feedback() {
    if ((this.#record?.mode || this.mode) !== "practice") return null;
    try {
      return this.#session.feedback();
    } catch {
      return null;
    }
  }

  // --- events -------------------------------------------------------------------------------
  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #emitProgress() {
    this.#emit("certa:progress", {
      attemptId: this.#session.attemptId(), current: this.#state.current, total: this.#form.items.length,
      answered: this.#state.answered.size, flagged: this.#state.flagged.size,
    });
  }

  #fail(error, key = "error_generic") {
    const detail = describe(error);
    const message = this.#t(key, { message: detail.message });
    if (key === "load_failed") this.#setMain(h("p", { class: "certa-error", role: "alert", text: message }));
    else this.#notice(message, "error");
    this.#emit("certa:error", detail);
  }
}

function describe(error) {
  return {
    code: error?.code ?? error?.name ?? "error",
    message: String(error?.message ?? error),
    path: error?.path ?? null,
    problems: error?.problems ?? null,
  };
}

if (!customElements.get("certa-assessment")) customElements.define("certa-assessment", CertaAssessment);
