// Core types of the pure domain: the context every decision gets, and what a decision returns.
import type { DomainError, ErrorCode } from './errors';
import { domainError } from './errors';
import type { DomainEvent, Effect } from './events';

/** Deterministic id source (backed by the store's counters and seeded random). */
export interface IdGen {
  /** A new legacy-style id: `yyyyMMdd` (mock clock, China time) + a sequence of at least 4 digits, unique across all kinds. */
  next(kind: string): string;
  /** A new token: 32 upper-case hex characters from the seeded random. */
  token(): string;
}

/** What a decision may use from the outside world: time, ids, randomness. Nothing else. */
export interface Ctx {
  /** Epoch milliseconds of the session's mock clock. */
  now: number;
  ids: IdGen;
  /** Seeded random in [0, 1). */
  random: () => number;
}

/** The outcome of a decide function: events (+ effects) and a value, or a DomainError. Failures may
 *  still carry bookkeeping events (a wrong SMS code counts a try, a captcha is used up). */
export type Decision<V = void> =
  | { ok: true; value: V; events: DomainEvent[]; effects: Effect[] }
  | { ok: false; error: DomainError; events: DomainEvent[]; effects: Effect[] };

/** A plain success/failure result without events (queries). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** A successful decision. */
export function accept<V>(value: V, events: DomainEvent[] = [], effects: Effect[] = []): Decision<V> {
  return { ok: true, value, events, effects };
}

/** A refused decision (events: bookkeeping that must persist even though the command failed). */
export function refuse<V = never>(code: ErrorCode, detail?: string | null, events: DomainEvent[] = []): Decision<V> {
  return { ok: false, error: domainError(code, detail), events, effects: [] };
}

/** A refused decision from an existing DomainError. */
export function refuseWith<V = never>(error: DomainError, events: DomainEvent[] = []): Decision<V> {
  return { ok: false, error, events, effects: [] };
}

/** Exhaustiveness guard for switches over discriminated unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
