// The host page's record outbox: completion records wait in localStorage until the backend
// acknowledges them. Delivery POSTs each record to the endpoint with exponential backoff.
// The backend (certa serve) verifies and stores idempotently by attempt id:
//   201 stored, 200 already stored (a duplicate): delivered, with the verified result;
//   422 refused (fails verification), 409 another record holds the attempt id, other 4xx:
//     rejected, with the server's reasons; retrying would not change that;
//   5xx, 408, 429, network errors: retried with backoff, the record stays queued (a 503 for
//     full or read-only storage, say); a Retry-After in seconds is waited at least.
// This is host code (the LMS side), not part of the player.

const STORAGE_KEY = "certa-demo-outbox";
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;

/** @typedef {{attempt_id: string, record: object, state: "pending"|"delivered"|"rejected",
 *   tries: number, next_try_at: number, last_error: string|null, acknowledged: string|null,
 *   verified: object|null, links: object|null, refusal: {code: string, message: string,
 *   reasons?: {code: string, message: string}[]}|null}} Entry */

export class Outbox extends EventTarget {
  /**
   * @param {{endpoint: string, storage?: Storage, fetch?: typeof fetch, now?: () => number}} options
   */
  constructor(options) {
    super();
    this.endpoint = options.endpoint;
    this.storage = options.storage ?? localStorage;
    this.fetch = options.fetch ?? ((...args) => fetch(...args));
    this.now = options.now ?? (() => Date.now());
    this.timer = null;
    this.flushing = false;
  }

  /** @returns {Entry[]} */
  entries() {
    try {
      const parsed = JSON.parse(this.storage.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }

  #write(entries) {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(entries));
    this.dispatchEvent(new CustomEvent("change", { detail: entries }));
  }

  #update(attemptId, change) {
    const entries = this.entries().map((e) => (e.attempt_id === attemptId ? { ...e, ...change } : e));
    this.#write(entries);
  }

  /** Queue a record (once per attempt id) and try to deliver it. */
  add(record) {
    const entries = this.entries();
    if (!entries.some((e) => e.attempt_id === record.attempt_id)) {
      entries.push({ attempt_id: record.attempt_id, record, state: "pending", tries: 0, next_try_at: 0,
        last_error: null, acknowledged: null, verified: null, links: null, refusal: null });
      this.#write(entries);
    }
    return this.flush();
  }

  /** Deliver every pending record that is due; schedules the next retry. */
  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    clearTimeout(this.timer);
    this.timer = null;
    try {
      for (const entry of this.entries()) {
        if (entry.state !== "pending" || entry.next_try_at > this.now()) continue;
        await this.#deliver(entry);
      }
    } finally {
      this.flushing = false;
      this.#schedule();
    }
  }

  /** Retry every pending record now. */
  retryNow() {
    for (const entry of this.entries()) {
      if (entry.state === "pending") this.#update(entry.attempt_id, { next_try_at: 0 });
    }
    return this.flush();
  }

  async #deliver(entry) {
    let response;
    try {
      response = await this.fetch(this.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": entry.attempt_id },
        body: JSON.stringify(entry.record),
      });
    } catch (error) {
      return this.#retryLater(entry, `network: ${error?.message ?? error}`);
    }
    let body = null;
    try { body = await response.json(); } catch { /* an empty or non-JSON body is fine */ }
    if (response.ok) {
      this.#update(entry.attempt_id, {
        state: "delivered", tries: entry.tries + 1, last_error: null, acknowledged: body?.status ?? "stored",
        verified: body?.verified === true ? body.result ?? null : null, links: body?.links ?? null,
      });
    } else if (response.status >= 500 || response.status === 408 || response.status === 429) {
      const retryAfter = Number(response.headers?.get?.("Retry-After"));
      this.#retryLater(entry, `HTTP ${response.status}${body?.error?.message ? `: ${body.error.message}` : ""}`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0);
    } else {
      // The backend refused the record itself (a 4xx): retrying would not change that.
      const error = body?.error && typeof body.error === "object" ? body.error : null;
      this.#update(entry.attempt_id, {
        state: "rejected", tries: entry.tries + 1,
        last_error: `HTTP ${response.status}${error?.message ? `: ${error.message}` : ""}`,
        refusal: error ? { code: String(error.code ?? ""), message: String(error.message ?? ""),
          reasons: Array.isArray(error.reasons) ? error.reasons : [] } : null,
      });
    }
  }

  #retryLater(entry, reason, atLeastMs = 0) {
    const tries = entry.tries + 1;
    const backoff = BASE_DELAY_MS * 2 ** (tries - 1);
    const jitter = Math.floor(backoff * 0.2 * Math.random());
    const delay = Math.min(MAX_DELAY_MS, Math.max(backoff + jitter, atLeastMs));
    this.#update(entry.attempt_id, { tries, last_error: reason, next_try_at: this.now() + delay });
  }

  #schedule() {
    const due = this.entries().filter((e) => e.state === "pending").map((e) => e.next_try_at);
    if (!due.length) return;
    const wait = Math.max(0, Math.min(...due) - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }
}
