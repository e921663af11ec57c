// Autosave: the session snapshot goes to localStorage after every change, under a key made of
// the package id, version and attempt id. A second key per package and learner points at the
// attempt in progress, so a reload finds it and resumes it. Submit clears both.

const PREFIX = "certa";

export class Autosave {
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

  /** The saved snapshot of the learner's attempt in progress, or null. */
  pending() {
    if (!this.storage) return null;
    try {
      const attemptId = this.storage.getItem(this.pointerKey);
      if (!attemptId) return null;
      const snapshot = this.storage.getItem(this.snapshotKey(attemptId));
      return snapshot ? { attemptId, snapshot } : null;
    } catch {
      return null;
    }
  }

  /** Save a snapshot; returns false when storage refused it (quota, privacy mode). */
  save(attemptId, snapshot) {
    if (!this.storage) return false;
    try {
      this.storage.setItem(this.snapshotKey(attemptId), snapshot);
      this.storage.setItem(this.pointerKey, attemptId);
      return true;
    } catch {
      return false;
    }
  }

  /** Forget an attempt (after submit, or when its snapshot no longer loads). */
  clear(attemptId) {
    if (!this.storage) return;
    try {
      this.storage.removeItem(this.snapshotKey(attemptId));
      if (this.storage.getItem(this.pointerKey) === attemptId) this.storage.removeItem(this.pointerKey);
    } catch {
      // Storage unavailable: nothing to clear.
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
