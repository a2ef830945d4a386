// The mock clock of one Session: real time plus an offset, or frozen; moves forward only.

export interface ClockOptions {
  /** Start time (epoch ms). Omitted: the real time. */
  start?: number;
  /** Frozen clocks only move through advance/set (tests); default: frozen when `start` is given. */
  frozen?: boolean;
  /** Source of real time (tests may inject one). */
  realNow?: () => number;
}

export type ClockListener = (now: number) => void;

/** A clock that never goes backwards: due dates, code and token expiry all read it. */
export class MockClock {
  readonly frozen: boolean;
  readonly #realNow: () => number;
  readonly #start: number | undefined;
  /** frozen: the current time; running: offset added to the real time. */
  #value: number;
  readonly #listeners = new Set<ClockListener>();

  constructor(opts: ClockOptions = {}) {
    this.#realNow = opts.realNow ?? Date.now;
    this.#start = opts.start;
    this.frozen = opts.frozen ?? opts.start !== undefined;
    this.#value = this.#initial();
  }

  #initial(): number {
    if (this.frozen) return this.#start ?? this.#realNow();
    return this.#start === undefined ? 0 : this.#start - this.#realNow();
  }

  /** Epoch milliseconds of the mock clock. */
  now(): number {
    return this.frozen ? this.#value : this.#realNow() + this.#value;
  }

  /** Moves the clock forward by `ms` (>= 0). */
  advance(ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('the clock only moves forward');
    this.#value += ms;
    return this.#changed();
  }

  /** Sets the clock to `t`; refuses a time before now. */
  set(t: number): number {
    const now = this.now();
    if (!Number.isFinite(t) || t < now) throw new RangeError('the clock only moves forward');
    return this.advance(t - now);
  }

  /** Back to the start (reset to baseline). The only way backwards besides restore. */
  reset(): number {
    this.#value = this.#initial();
    return this.#changed();
  }

  /** Puts the clock at `t` whatever the direction (restoring a snapshot). */
  restore(t: number): number {
    this.#value = this.frozen ? t : t - this.#realNow();
    return this.#changed();
  }

  /** Called after every advance/set/reset/restore with the new time. */
  onChange(l: ClockListener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }

  #changed(): number {
    const now = this.now();
    for (const l of this.#listeners) l(now);
    return now;
  }
}
