// The Store holds one Session's state and indexes, runs decisions atomically, and tells listeners
// what changed (issue 7 hooks write-through persistence onto `onApplied`/`onReplaced`).
import { domainError } from '../domain/errors';
import type { DomainError } from '../domain/errors';
import type { DomainEvent, Effect } from '../domain/events';
import { evolve } from '../domain/events';
import type { Db, State } from '../domain/state';
import { SCHEMA_VERSION, dbOf } from '../domain/state';
import { compactDateCst } from '../domain/time';
import type { Ctx, Decision, IdGen } from '../domain/types';
import { draw32 } from './random';

export type AppliedListener = (events: readonly DomainEvent[], db: Db) => void;
export type ReplacedListener = (db: Db, reason: 'reset' | 'restore') => void;

/** What executing a decision produced: the value or the error, plus the effects to carry out. */
export type Outcome<V> =
  | { ok: true; value: V; effects: Effect[]; events: DomainEvent[] }
  | { ok: false; error: DomainError; effects: Effect[]; events: DomainEvent[] };

/** Thrown by restore for a snapshot it cannot take (the message says why, in Chinese and English). */
export class SnapshotError extends Error {
  constructor(
    public readonly error: DomainError,
  ) {
    super(error.message);
  }
}

export class Store {
  #db: Db;
  readonly #baseline: () => State;
  readonly #applied = new Set<AppliedListener>();
  readonly #applying = new Set<(events: readonly DomainEvent[]) => void>();
  readonly #replaced = new Set<ReplacedListener>();

  /** `baseline` builds a fresh baseline State (called on construction and on every reset). */
  constructor(baseline: () => State) {
    this.#baseline = baseline;
    this.#db = dbOf(baseline());
  }

  /** The live state and indexes (read-only by convention: change them only through execute/apply). */
  get db(): Db {
    return this.#db;
  }

  get state(): State {
    return this.#db.state;
  }

  /** Runs `decide` with a context at `now`; applies its events (failures too: bookkeeping events)
   *  synchronously, so concurrent requests can never interleave inside one decision. */
  execute<V>(now: number, decide: (db: Db, ctx: Ctx) => Decision<V>): Outcome<V> {
    const { ctx, advanced } = this.#context(now);
    const d = decide(this.#db, ctx);
    const counters = advanced();
    const events: DomainEvent[] = [];
    if (counters) events.push({ slice: 'core', type: 'core/countersAdvanced', counters });
    // a loop, not push(...d.events): spreading ~100,000 events as arguments overflows the call stack
    for (const e of d.events) events.push(e);
    this.apply(events);
    return d.ok
      ? { ok: true, value: d.value, effects: d.effects, events }
      : { ok: false, error: d.error, effects: d.effects, events };
  }

  /** Applies events in order and notifies listeners once. */
  apply(events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    for (const l of this.#applying) l(events);
    for (const e of events) evolve(this.#db, e);
    for (const l of this.#applied) l(events, this.#db);
  }

  /** A deep, JSON-serialisable copy of the state. */
  snapshot(): State {
    return structuredClone(this.#db.state);
  }

  /** Replaces the state with `state` (validated; indexes rebuilt). Throws SnapshotError when unusable. */
  restore(state: unknown): void {
    this.#db = dbOf(validateState(state));
    for (const l of this.#replaced) l(this.#db, 'restore');
  }

  /** Back to the seeded baseline. */
  reset(): void {
    this.#db = dbOf(this.#baseline());
    for (const l of this.#replaced) l(this.#db, 'reset');
  }

  /** Called with the events before they are applied: evolve keeps event objects in the state and later
   *  events of the same batch may change them, so persistence serialises them here. */
  onApplying(l: (events: readonly DomainEvent[]) => void): () => void {
    this.#applying.add(l);
    return () => this.#applying.delete(l);
  }

  onApplied(l: AppliedListener): () => void {
    this.#applied.add(l);
    return () => this.#applied.delete(l);
  }

  onReplaced(l: ReplacedListener): () => void {
    this.#replaced.add(l);
    return () => this.#replaced.delete(l);
  }

  /** A context whose ids and random draws advance draft counters, committed as one core event. */
  #context(now: number): { ctx: Ctx; advanced: () => Record<string, number> | null } {
    const state = this.#db.state;
    const seed = state.seed;
    let id = state.counters.id ?? 0;
    let rnd = state.counters.random ?? 0;
    const startId = id;
    const startRnd = rnd;
    const random = (): number => draw32(seed, rnd++) / 2 ** 32;
    const ids: IdGen = {
      next: () => `${compactDateCst(now)}${String(++id).padStart(4, '0')}`,
      token: () => {
        let s = '';
        for (let i = 0; i < 4; i++) s += draw32(seed, rnd++).toString(16).padStart(8, '0');
        return s.toUpperCase();
      },
    };
    return {
      ctx: { now, ids, random },
      advanced: () => (id === startId && rnd === startRnd ? null : { id, random: rnd }),
    };
  }
}

/** Checks that `value` looks like a State of this schema version; returns it deep-copied. */
export function validateState(value: unknown): State {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotError(domainError('SNAPSHOT_INVALID', '快照必须是一个 JSON 对象 (snapshot must be a JSON object)'));
  }
  const v = value as Partial<State>;
  if (typeof v.schemaVersion !== 'number') {
    throw new SnapshotError(domainError('SNAPSHOT_INVALID', '缺少字段 state.schemaVersion (missing field state.schemaVersion)'));
  }
  if (v.schemaVersion !== SCHEMA_VERSION) {
    throw new SnapshotError(
      domainError(
        'SNAPSHOT_VERSION_UNSUPPORTED',
        `schemaVersion ${JSON.stringify(v.schemaVersion ?? null)} (本服务只接受 ${SCHEMA_VERSION}; this mock only restores schemaVersion ${SCHEMA_VERSION})`,
      ),
    );
  }
  for (const key of ['counters', 'reference', 'accounts', 'orders'] as const) {
    const part = v[key];
    if (typeof part !== 'object' || part === null || Array.isArray(part)) {
      throw new SnapshotError(domainError('SNAPSHOT_INVALID', `缺少或错误的字段 ${key} (missing or invalid field ${key})`));
    }
  }
  if (typeof v.seed !== 'number' || !Number.isFinite(v.seed)) {
    throw new SnapshotError(domainError('SNAPSHOT_INVALID', '缺少或错误的字段 seed (missing or invalid field seed)'));
  }
  return structuredClone(v as State);
}
