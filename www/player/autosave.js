// Autosave: the session snapshot goes to localStorage after every change, under a key made of
// the package id, version and attempt id. A second key per package and learner points at the
// attempt in progress, so a reload finds it and resumes it. Submit clears them.
//
// Two snapshots are kept per attempt: the current one and the previous good one. Only text
// known to be good is ever written: a snapshot the engine just made, or one that resumed
// (passed its integrity check). Saving moves the last good text (held in memory, never read
// back from storage) to the previous slot, so a snapshot edited in storage is never copied
// over a good one, and a valid snapshot is never lost.

const PREFIX = "certa";

export class Autosave {
  /** Text known to be good, by attempt id. */
  #good = new Map();

  /**
   * @param {{id: string, version: string}} pkg
   * @param {string} learnerId
   * @param {Storage | null} [storage]
   */
  constructor(pkg, learnerId, storage = safeLocalStorage()) {
    this.storage = storage;
    this.base = `${PREFIX}:${pkg.id}@${pkg.version}`;
    this.pointerKey = `${this.base}:current:${learnerId}`;
  }

  snapshotKey(attemptId) {
    return `${this.base}:attempt:${attemptId}`;
  }

  previousKey(attemptId) {
    return `${this.base}:attempt:${attemptId}:previous`;
  }

  /** The attempt id of the learner's attempt in progress, or null. */
  pendingAttemptId() {
    return this.#read(this.pointerKey);
  }

  /**
   * The saved snapshots of an attempt: `{attemptId, current, previous}` (texts or null), or
   * null when there are none.
   * @param {string} attemptId
   */
  saved(attemptId) {
    const current = this.#read(this.snapshotKey(attemptId));
    const previous = this.#read(this.previousKey(attemptId));
    return current || previous ? { attemptId, current, previous } : null;
  }

  /** The saved snapshots of the learner's attempt in progress, or null. */
  pending() {
    const attemptId = this.pendingAttemptId();
    return attemptId ? this.saved(attemptId) : null;
  }

  /** Remember that `snapshot` resumed (it passed its integrity check). */
  adopt(attemptId, snapshot) {
    this.#good.set(attemptId, snapshot);
  }

  /**
   * Save a snapshot the engine just made; the last good one becomes the previous. Returns false
   * when storage refused it (quota, privacy mode).
   */
  save(attemptId, snapshot) {
    if (!this.storage) return false;
    try {
      const good = this.#good.get(attemptId);
      if (good !== undefined && good !== snapshot) this.storage.setItem(this.previousKey(attemptId), good);
      this.storage.setItem(this.snapshotKey(attemptId), snapshot);
      this.storage.setItem(this.pointerKey, attemptId);
      this.#good.set(attemptId, snapshot);
      return true;
    } catch {
      return false;
    }
  }

  /** Forget an attempt (after submit, or when the learner starts over). */
  clear(attemptId) {
    this.#good.delete(attemptId);
    if (!this.storage) return;
    try {
      this.storage.removeItem(this.snapshotKey(attemptId));
      this.storage.removeItem(this.previousKey(attemptId));
      if (this.storage.getItem(this.pointerKey) === attemptId) this.storage.removeItem(this.pointerKey);
    } catch {
      // Storage unavailable: nothing to clear.
    }
  }

  #read(key) {
    if (!this.storage) return null;
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }
}

function safeLocalStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
