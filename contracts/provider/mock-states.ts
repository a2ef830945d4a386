// The provider states of the pacts, set up on the mock. Every state IS one of the mock's named scenarios
// (conventions.md habits 11 and 12): the handler only posts the pact's parameters to
// `${PROVIDER_BASE_URL}/__mock/scenarios/{name}` and hands back what the scenario returned, so a mock
// running in another process (or behind a session prefix) verifies exactly like the one in process.
import type { MockDriver } from './mock-driver';

/** The values a state hands to `fromProviderState` and the request filter: the scenario's scalar ids, as text. */
export type StateValues = Record<string, string>;

/** Loads the mock's scenario named like the state with the pact's params; resolves with its scalar ids. */
export async function setUpMockState(mock: MockDriver, state: string, params: Record<string, unknown>): Promise<StateValues> {
  const ids = await mock.scenario(state, params);
  const values: StateValues = {};
  // lists (repaymentRecordIds, ...) have no place in a provider-state value; the scalar keys name each one
  for (const [key, value] of Object.entries(ids)) if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
  return values;
}
