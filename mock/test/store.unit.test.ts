// The Store runs any decision atomically, however many events it returns (a bulk fixture returns hundreds
// of thousands): no call-stack limit on the size of one decision.
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/events';
import { accept } from '../domain/types';
import { DEFAULT_SEED, baseline } from '../fixtures/baseline';
import { Store } from '../store/store';

const T0 = Date.parse('2015-09-01T02:00:00.000Z');

describe('Store.execute', () => {
  it('applies a single decision of 150,000 events, in order, and notifies listeners once', () => {
    const store = new Store(() => baseline(DEFAULT_SEED));
    const before = Object.keys(store.state.orders.reservedOrderIds).length;
    const heard: number[] = [];
    store.onApplied((events) => heard.push(events.length));
    const out = store.execute(T0, (_db, ctx) => {
      const events: DomainEvent[] = [];
      for (let i = 0; i < 150_000; i++) events.push({ slice: 'orders', type: 'orders/orderIdReserved', orderId: ctx.ids.next('order'), at: ctx.now });
      return accept(events.length, events);
    });
    expect(out.ok).toBe(true);
    // the id counter's advance first, then the decision's events
    expect(out.events).toHaveLength(150_001);
    expect(out.events[0]).toMatchObject({ type: 'core/countersAdvanced' });
    expect(heard).toEqual([150_001]);
    const reserved = store.state.orders.reservedOrderIds;
    expect(Object.keys(reserved).length - before).toBe(150_000);
    const last = out.events[150_000] as { orderId: string };
    expect(reserved[last.orderId]).toBe(T0);
  });
});
