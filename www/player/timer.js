// The visible countdown. It asks the session for the time remaining (the session owns the
// deadline), shows mm:ss in a role="timer" element, announces the 5-minute and 1-minute marks
// through a live region once each, and calls onExpire once when the time reaches zero.

const MARKS = [
  { ms: 5 * 60 * 1000, key: "time_warning_5" },
  { ms: 60 * 1000, key: "time_warning_1" },
];

/** mm:ss (or h:mm:ss) for a number of milliseconds, rounded up to the second. */
export function formatRemaining(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

export class Countdown {
  /**
   * @param {{remaining: () => number | null, display: HTMLElement, announce: (msg: string) => void,
   *          onExpire: () => void, t: Function}} options
   */
  constructor(options) {
    this.options = options;
    this.handle = null;
    this.expired = false;
    const first = options.remaining();
    // Marks already behind us (a resumed attempt) are not announced late.
    this.pending = first === null ? [] : MARKS.filter((mark) => first > mark.ms);
  }

  start() {
    this.tick();
    if (this.options.remaining() !== null && !this.expired) {
      this.handle = setInterval(() => this.tick(), 1000);
    }
  }

  stop() {
    if (this.handle !== null) clearInterval(this.handle);
    this.handle = null;
  }

  tick() {
    const { t, display } = this.options;
    const remaining = this.options.remaining();
    if (remaining === null) {
      display.textContent = t("untimed");
      return;
    }
    display.textContent = t("time_left", { time: formatRemaining(remaining) });
    display.classList.toggle("is-low", remaining <= 5 * 60 * 1000);
    while (this.pending.length && remaining <= this.pending[0].ms) {
      this.options.announce(t(this.pending.shift().key));
    }
    if (remaining <= 0 && !this.expired) {
      this.expired = true;
      this.stop();
      this.options.onExpire();
    }
  }
}
