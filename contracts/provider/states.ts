// Provider-state handlers for pact-js's Verifier (the `stateHandlers` pattern of pact-js's examples).
// Two back ends:
//  - the mock (default): each state loads the mock's scenario of the same name,
//    `POST ${base}/__mock/scenarios/{name}` with the pact's params (mock-states.ts);
//  - a backend's own state change URL (PROVIDER_STATES_URL): each setup and teardown is POSTed there as
//    JSON `{"state": <name>, "params": {...}, "action": "setup"|"teardown"}` - byte for byte what the
//    Pact verifier itself posts to a `providerStatesSetupUrl` - and the JSON object it answers becomes
//    the state's values.
// Either way the values feed `fromProviderState` and the request filter's placeholders.
import type { StateHandlers } from '@pact-foundation/pact/src/dsl/verifier/proxy/types';
import { stateNames } from '../shared/states';
import { MockDriver } from './mock-driver';
import { setUpMockState } from './mock-states';
import type { StateContext } from './request-filter';

type Params = Record<string, unknown>;
/** Sets a state up (or tears it down) and resolves with its values. */
export type StateBackend = (state: string, params: Params, action: 'setup' | 'teardown') => Promise<Record<string, unknown> | undefined>;

/** States set up on the mock at `baseUrl`. */
export function mockStateBackend(baseUrl: string, doFetch?: typeof fetch): StateBackend {
  const mock = new MockDriver(baseUrl, doFetch);
  return async (state, params, action) => {
    if (action === 'teardown') return undefined; // the next interaction's reset clears everything
    return setUpMockState(mock, state, params);
  };
}

/** States delegated to a backend's state change URL. */
export function remoteStateBackend(statesUrl: string, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): StateBackend {
  return async (state, params, action) => {
    const res = await doFetch(statesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ state, params, action }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`state change URL answered HTTP ${res.status} for "${state}" (${action}): ${text.slice(0, 300)}`);
    if (text.trim() === '') return {};
    try {
      const json = JSON.parse(text) as unknown;
      return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    } catch {
      throw new Error(`state change URL answered non-JSON for "${state}" (${action}): ${text.slice(0, 300)}`);
    }
  };
}

/**
 * One handler per state name (the catalogue's plus any extra names found in the pacts). A failed setup
 * is recorded in the context, so the request filter fails the interaction with the reason.
 */
export function createStateHandlers(backend: StateBackend, context: StateContext, extraNames: Iterable<string> = []): StateHandlers {
  const handlers: StateHandlers = {};
  for (const name of new Set<string>([...stateNames, ...extraNames])) {
    handlers[name] = {
      setup: async (params?: unknown) => {
        try {
          const values = await backend(name, (params ?? {}) as Params, 'setup');
          context.merge(values);
          return values as never;
        } catch (err) {
          context.fail(`"${name}": ${err instanceof Error ? err.message : String(err)}`);
          throw err;
        }
      },
      teardown: async (params?: unknown) => {
        await backend(name, (params ?? {}) as Params, 'teardown');
        return undefined;
      },
    };
  }
  return handlers;
}
