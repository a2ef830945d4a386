// The whole state of one Session (JSON-serialisable, versioned) and its derived indexes.
import type { AccountsIndex, AccountsState, ReferenceState } from './accounts/state';
import { buildAccountsIndex, emptyAccountsState, emptyReferenceState } from './accounts/state';
import type { OrdersState } from './orders/state';
import { emptyOrdersState } from './orders/state';
import type { OrdersIndex } from './orders/slice';
import { buildOrdersIndex } from './orders/slice';
import { asDict, dict, normaliseMaps } from './dict';

/** Bump when the shape of State changes; restore refuses any other version. */
export const SCHEMA_VERSION = 1;

export interface State {
  schemaVersion: number;
  /** The seed the baseline was built from. */
  seed: number;
  /** Monotonic counters: `id` (the shared id sequence), `random` (draws of the seeded random). */
  counters: Record<string, number>;
  reference: ReferenceState;
  accounts: AccountsState;
  orders: OrdersState;
}

/** Derived lookups, rebuilt from State after every restore/reset, kept current by evolve. */
export interface Indexes {
  accounts: AccountsIndex;
  orders: OrdersIndex;
}

/** The state and its indexes: what decide functions read and evolve functions update. */
export interface Db {
  state: State;
  idx: Indexes;
}

export function emptyState(seed: number): State {
  return {
    schemaVersion: SCHEMA_VERSION,
    seed,
    counters: dict({ id: 0, random: 0 }),
    reference: emptyReferenceState(),
    accounts: emptyAccountsState(),
    orders: emptyOrdersState(),
  };
}

export function buildIndexes(state: State): Indexes {
  return { accounts: buildAccountsIndex(state.accounts), orders: buildOrdersIndex(state) };
}

/** Makes every map of `state` prototype-free, in place (dict.ts): a State from JSON.parse (baseline,
 *  state file) or structuredClone (snapshots) has ordinary objects, where a key such as `valueOf` would
 *  resolve to an inherited value. Every State becomes live through dbOf, which calls this. */
export function normaliseState(state: State): State {
  state.counters = asDict(state.counters);
  normaliseMaps(state.reference, emptyReferenceState());
  normaliseMaps(state.accounts, emptyAccountsState());
  normaliseMaps(state.orders, emptyOrdersState());
  return state;
}

/** A Db over `state` (its maps made prototype-free) with fresh indexes. */
export function dbOf(state: State): Db {
  normaliseState(state);
  return { state, idx: buildIndexes(state) };
}
