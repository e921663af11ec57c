// The demo host LMS page: embeds <certa-assessment>, queues each completion record in the
// outbox, and shows what the record service (certa serve) made of it: delivery state, the
// result the server recomputed (decision, scaled score, credential), refusals with their
// reasons, and the Open Badges credential. It reads nothing from the player's DOM: only events.
// Everything is built with DOM APIs and textContent.
// On the secure page (secure.html) the player is made here, for an attempt the service issues
// (POST /api/attempts): the issued attempt is kept until it is submitted, so a reload resumes
// it instead of asking for another.
import "../certa-assessment.js";
import { Outbox } from "./outbox.js";

const status = document.getElementById("player-status");
const player = document.querySelector("certa-assessment") ?? await issuedPlayer(document.getElementById("issued-player"));
const list = document.getElementById("outbox-list");
const empty = document.getElementById("outbox-empty");
const outbox = new Outbox({ endpoint: "/api/records" });
/** Badge answers by attempt id: {state: "loading"|"ok"|"error", text}. */
const badges = new Map();
/** Attempt ids whose badge <details> the learner opened. */
const openBadges = new Set();

const STATE_TEXT = {
  pending: (e) => (e.tries ? `waiting to retry (attempt ${e.tries} failed: ${e.last_error})` : "sending…"),
  delivered: (e) => (e.acknowledged === "duplicate" ? "delivered (the server already had it)" : "delivered"),
  rejected: (e) => `refused by the server: ${e.last_error}`,
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

function formatScore(value, digits = 1) {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "?";
}

/** The server's verified result: decision, scaled score, credential and outcomes. */
function verifiedView(entry) {
  const result = entry.verified;
  // The exact scaled score, then the package's reported (rounded) figure when it has one.
  const reported = typeof result.scaled_reported === "number" ? ` (reported as ${result.scaled_reported})` : "";
  const scaled = `${formatScore(result.scaled)}${reported}`;
  const credential = result.credential ?? {};
  const box = el("div", { class: "verified", "data-decision": String(result.decision) });
  box.append(el("p", { class: "verified-summary" },
    el("strong", { text: "Verified by the server: " }),
    `${result.decision} · scaled score ${scaled} · `,
    el("span", { class: "verified-credential", text: credential.awarded
      ? `${credential.kind} awarded${credential.expires_at ? ` (valid until ${new Date(credential.expires_at).toISOString().slice(0, 10)})` : ""}`
      : `${credential.kind ?? "credential"} not awarded` })));
  if (!credential.awarded && Array.isArray(credential.reasons) && credential.reasons.length) {
    box.append(el("ul", { class: "verified-reasons" }, ...credential.reasons.map((r) => el("li", { text: String(r) }))));
  }
  if (Array.isArray(result.outcomes) && result.outcomes.length) {
    box.append(el("p", { class: "verified-outcomes", text: `Outcomes: ${result.outcomes
      .map((o) => `${o.outcome} ${o.mastered ? "mastered" : "not mastered"} (${formatScore(o.score * 100, 0)}%)`).join(", ")}` }));
  }
  return box;
}

/** The refusal: the server's code, message and each reason. */
function refusalView(entry) {
  const refusal = entry.refusal;
  const box = el("div", { class: "refusal", "data-code": refusal.code });
  box.append(el("p", { text: `The server refused this record (${refusal.code}): ${refusal.message}` }));
  if (refusal.reasons?.length) {
    box.append(el("ul", {}, ...refusal.reasons.map((r) => el("li", { "data-code": String(r.code), text: `${r.code}: ${r.message}` }))));
  }
  return box;
}

/** The badge JSON in a <details>, fetched once from /api/records/{id}/badge. */
function badgeView(entry) {
  const url = entry.links?.badge;
  if (!url) return null;
  const badge = badges.get(entry.attempt_id);
  if (!badge) loadBadge(entry.attempt_id, url);
  const details = el("details", { class: "badge", open: openBadges.has(entry.attempt_id) });
  details.addEventListener("toggle", () => {
    if (details.open) openBadges.add(entry.attempt_id);
    else openBadges.delete(entry.attempt_id);
  });
  const state = badge?.state ?? "loading";
  details.dataset.state = state;
  details.append(el("summary", { text: state === "ok" ? "Open Badges 3.0 credential (JSON)" : "Open Badges 3.0 credential" }));
  details.append(el("pre", { class: "badge-json", tabIndex: 0, text: badge?.text ?? "Loading…" }));
  return details;
}

async function loadBadge(attemptId, url) {
  badges.set(attemptId, { state: "loading", text: "Loading…" });
  try {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => null);
    if (response.ok) {
      badges.set(attemptId, { state: "ok", text: JSON.stringify(body, null, 2) });
    } else {
      const error = body?.error ?? {};
      const reasons = Array.isArray(error.reasons) ? error.reasons.map((r) => `\n- ${r.message}`).join("") : "";
      badges.set(attemptId, { state: "error", text: `No badge (HTTP ${response.status}, ${error.code ?? "error"}): ${error.message ?? ""}${reasons}` });
    }
  } catch (error) {
    badges.delete(attemptId); // try again on the next render
    return;
  }
  renderOutbox();
}

function renderOutbox() {
  const entries = outbox.entries();
  empty.hidden = entries.length > 0;
  list.replaceChildren(...entries.map((entry) => {
    const item = el("li", { "data-attempt-id": entry.attempt_id, "data-state": entry.state });
    const line = el("p", { class: "outbox-line" }, "Attempt ", el("code", { text: entry.attempt_id }),
      ` · ${STATE_TEXT[entry.state]?.(entry) ?? entry.state}`);
    item.append(line);
    if (entry.state === "delivered" && entry.verified) item.append(verifiedView(entry));
    if (entry.state === "rejected" && entry.refusal) item.append(refusalView(entry));
    if (entry.state === "delivered") {
      const badge = badgeView(entry);
      if (badge) item.append(badge);
    }
    return item;
  }));
}

outbox.addEventListener("change", renderOutbox);
renderOutbox();
outbox.flush();
window.addEventListener("online", () => outbox.retryNow());
document.getElementById("retry-now").addEventListener("click", () => outbox.retryNow());

player.addEventListener("certa:ready", (event) => {
  status.textContent = event.detail.resumed
    ? `Attempt ${event.detail.attemptId} resumed.`
    : `Attempt ${event.detail.attemptId} started.`;
});
player.addEventListener("certa:progress", (event) => {
  status.textContent = `${event.detail.answered} of ${event.detail.total} answered.`;
});
player.addEventListener("certa:complete", (event) => {
  status.textContent = "Attempt submitted; the record is in the outbox until the server acknowledges it.";
  outbox.add(event.detail.record);
});
player.addEventListener("certa:error", (event) => {
  status.textContent = `Player error: ${event.detail.code}: ${event.detail.message}`;
});

/**
 * A player for an attempt the record service issues to the page's learner: the stored one if
 * it is not submitted yet, else a new one.
 * @param {HTMLElement} slot with data-package and data-learner (JSON)
 */
async function issuedPlayer(slot) {
  const packageId = slot.dataset.package;
  const learner = JSON.parse(slot.dataset.learner);
  const key = `certa-demo-issued:${packageId}:${learner.id}`;
  let issued = null;
  try { issued = JSON.parse(localStorage.getItem(key) || "null"); } catch { issued = null; }
  if (!issued) {
    const response = await fetch("/api/attempts", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ package: packageId, learner }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      status.textContent = `The record service issued no attempt (HTTP ${response.status}, ${body?.error?.code ?? "error"}): ${body?.error?.message ?? ""}`;
      return document.createElement("certa-assessment"); // not shown: nothing to deliver
    }
    issued = body;
    localStorage.setItem(key, JSON.stringify(issued));
  }
  const element = document.createElement("certa-assessment");
  element.setAttribute("learner", JSON.stringify(issued.learner));
  element.setAttribute("mode", issued.mode);
  element.setAttribute("attempt", JSON.stringify(issued.start));
  element.setAttribute("package", issued.package.url);
  element.addEventListener("certa:complete", () => localStorage.removeItem(key));
  slot.replaceWith(element);
  return element;
}

// For the end-to-end tests and curious developers: the outbox is inspectable from the console.
window.certaDemo = { outbox };
