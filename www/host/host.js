// The demo host LMS page: embeds <certa-assessment>, queues each completion record in the
// outbox and shows its delivery state. It reads nothing from the player's DOM: only events.
import "../certa-assessment.js";
import { Outbox } from "./outbox.js";

const player = document.querySelector("certa-assessment");
const status = document.getElementById("player-status");
const list = document.getElementById("outbox-list");
const empty = document.getElementById("outbox-empty");
const outbox = new Outbox({ endpoint: "/api/records" });

const STATE_TEXT = {
  pending: (e) => (e.tries ? `waiting to retry (attempt ${e.tries} failed: ${e.last_error})` : "sending…"),
  delivered: (e) => (e.acknowledged === "duplicate" ? "delivered (the server already had it)" : "delivered"),
  rejected: (e) => `rejected by the server: ${e.last_error}`,
};

function renderOutbox() {
  const entries = outbox.entries();
  empty.hidden = entries.length > 0;
  list.replaceChildren(...entries.map((entry) => {
    const item = document.createElement("li");
    item.dataset.attemptId = entry.attempt_id;
    item.dataset.state = entry.state;
    const id = document.createElement("code");
    id.textContent = entry.attempt_id;
    const result = entry.record?.result;
    const score = typeof result?.scaled === "number" ? result.scaled.toFixed(1) : "?";
    const summary = result ? ` · ${result.decision} · score ${score} · ` : " · ";
    item.append("Attempt ", id, summary, STATE_TEXT[entry.state]?.(entry) ?? entry.state);
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
  status.textContent = "Attempt submitted; the record is in the outbox.";
  outbox.add(event.detail.record);
});
player.addEventListener("certa:error", (event) => {
  status.textContent = `Player error: ${event.detail.code}: ${event.detail.message}`;
});

// For the end-to-end tests and curious developers: the outbox is inspectable from the console.
window.certaDemo = { outbox };
