// Every event and effect of the domain, and the one evolve that applies events to a Db.
import type { AccountsEffect, AccountsEvent } from './accounts/events';
import { evolveAccounts } from './accounts/events';
import type { OrdersEffect, OrdersEvent } from './orders/slice';
import { evolveOrders } from './orders/slice';
import type { Db } from './state';
import { assertNever } from './types';

/** Events of the core itself: the id/random counters moved (emitted by the store, before the decision's events). */
export type CoreEvent = { slice: 'core'; type: 'core/countersAdvanced'; counters: Record<string, number> };

export type DomainEvent = CoreEvent | AccountsEvent | OrdersEvent;

/** Effects are data: the shell (session) carries them out after the events are applied. */
export type Effect = AccountsEffect | OrdersEffect;

/** Applies one event to `db` in place (state and indexes). */
export function evolve(db: Db, e: DomainEvent): void {
  switch (e.slice) {
    case 'core':
      for (const [k, v] of Object.entries(e.counters)) {
        if (v > (db.state.counters[k] ?? 0)) db.state.counters[k] = v;
      }
      return;
    case 'accounts':
      evolveAccounts(db, e);
      return;
    case 'orders':
      evolveOrders(db, e);
      return;
    default:
      assertNever(e);
  }
}
