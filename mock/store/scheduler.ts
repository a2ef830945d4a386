// Pending work of one Session (e.g. the payment platform's callbacks): each job is due at a mock-clock
// time and, optionally, after a real-time delay. A job runs once: on its real timer, when the mock
// clock passes its due time, or on flush().
import type { MockClock } from './clock';

export interface Job {
  /** Unique per session; scheduling the same id again replaces the job. */
  id: string;
  /** What it is, for the admin API (e.g. "payment callback for 2015...0012"). */
  label: string;
  /** Mock-clock time at which it is due. */
  dueAt: number;
  /** Real-time delay after which it runs by itself; null: only clock moves and flush run it. */
  delayMs: number | null;
  run: () => void;
}

export interface JobInfo {
  id: string;
  label: string;
  dueAt: number;
  delayMs: number | null;
}

export class Scheduler {
  readonly #jobs = new Map<string, { job: Job; timer: ReturnType<typeof setTimeout> | null }>();
  readonly #unsubscribe: () => void;
  #onError: (err: unknown, job: JobInfo) => void = () => {};

  constructor(clock: MockClock) {
    this.#unsubscribe = clock.onChange((now) => this.runDue(now));
  }

  /** Where errors of jobs go (the app logs them); a failing job never crashes the server. */
  set onError(fn: (err: unknown, job: JobInfo) => void) {
    this.#onError = fn;
  }

  schedule(job: Job): void {
    this.cancel(job.id);
    let timer: ReturnType<typeof setTimeout> | null = null;
    if (job.delayMs !== null) {
      timer = setTimeout(() => this.#run(job.id), Math.max(0, job.delayMs));
      timer.unref?.();
    }
    this.#jobs.set(job.id, { job, timer });
  }

  cancel(id: string): boolean {
    const entry = this.#jobs.get(id);
    if (!entry) return false;
    if (entry.timer) clearTimeout(entry.timer);
    this.#jobs.delete(id);
    return true;
  }

  /** Runs every job due at or before `now`, in due order. */
  runDue(now: number): number {
    const due = [...this.#jobs.values()].filter((e) => e.job.dueAt <= now).sort((a, b) => a.job.dueAt - b.job.dueAt);
    for (const e of due) this.#run(e.job.id);
    return due.length;
  }

  /** Runs every pending job now, in due order; returns how many ran. */
  flush(): number {
    let n = 0;
    // jobs may schedule new jobs (a duplicated callback): keep going until none is left, bounded
    for (let round = 0; round < 10 && this.#jobs.size > 0; round++) {
      const all = [...this.#jobs.values()].sort((a, b) => a.job.dueAt - b.job.dueAt);
      for (const e of all) {
        this.#run(e.job.id);
        n++;
      }
    }
    return n;
  }

  list(): JobInfo[] {
    return [...this.#jobs.values()]
      .map(({ job }) => ({ id: job.id, label: job.label, dueAt: job.dueAt, delayMs: job.delayMs }))
      .sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Drops every pending job (reset, restore, close). */
  clear(): void {
    for (const { timer } of this.#jobs.values()) if (timer) clearTimeout(timer);
    this.#jobs.clear();
  }

  close(): void {
    this.clear();
    this.#unsubscribe();
  }

  #run(id: string): void {
    const entry = this.#jobs.get(id);
    if (!entry) return;
    this.cancel(id);
    try {
      entry.job.run();
    } catch (err) {
      this.#onError(err, { id, label: entry.job.label, dueAt: entry.job.dueAt, delayMs: entry.job.delayMs });
    }
  }
}
