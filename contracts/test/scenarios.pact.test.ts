// The provider states ARE the mock's named scenarios: every state a pact in contracts/pacts/ uses is listed by
// GET /__mock/scenarios with every parameter the pact passes, and loading it over HTTP with those parameters
// (as the verifier's state handler does) returns every key the state catalogue promises.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pactFiles } from '../broker/publish';
import { MockDriver } from '../provider/mock-driver';
import { setUpMockState } from '../provider/mock-states';
import { ensurePacts, readPact } from '../shared/pact-files';
import { stateCatalogue, stateNames } from '../shared/states';
import { startMock } from './support';

/** Each (state, params) pair the pacts use, once. */
interface UsedState {
  name: string;
  params: Record<string, unknown>;
}

let used: UsedState[];
let mock: Awaited<ReturnType<typeof startMock>>;
let driver: MockDriver;
let listed: Map<string, Record<string, string>>;

describe('provider states = mock scenarios', () => {
  beforeAll(async () => {
    ensurePacts();
    const seen = new Map<string, UsedState>();
    for (const file of pactFiles()) {
      for (const i of readPact(file).interactions) {
        for (const s of i.providerStates ?? []) seen.set(JSON.stringify([s.name, s.params ?? {}]), { name: s.name, params: s.params ?? {} });
      }
    }
    used = [...seen.values()];
    mock = await startMock();
    driver = new MockDriver(mock.url);
    listed = new Map((await driver.scenarios()).map((s) => [s.name, s.params]));
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('reads the states of both pact files', () => {
    expect(pactFiles().length).toBeGreaterThanOrEqual(2);
    expect(new Set(used.map((s) => s.name)).size).toBe(stateNames.length);
  });

  it('every provider state used in the pacts is a scenario listed by GET /__mock/scenarios', () => {
    expect([...new Set(used.map((s) => s.name))].filter((name) => !listed.has(name))).toEqual([]);
  });

  it('every state of the catalogue is a listed scenario', () => {
    expect(stateNames.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('every parameter a pact passes is a listed parameter of the scenario', () => {
    const unknown = used.flatMap((s) => Object.keys(s.params).filter((k) => !(k in (listed.get(s.name) ?? {}))).map((k) => `${s.name}: ${k}`));
    expect(unknown).toEqual([]);
  });

  it('loading each state with the pact\'s params returns every key the catalogue promises', async () => {
    for (const s of used) {
      await driver.reset();
      const values = await setUpMockState(driver, s.name, s.params);
      const promised = Object.keys((stateCatalogue as Record<string, { provides: Record<string, string> }>)[s.name]?.provides ?? {});
      const conditional = s.name === 'an order in draft' && s.params.complete === false ? ['orderMaterialId'] : [];
      const expected = promised.filter((k) => !conditional.includes(k) && !(k === 'paidRepaymentRecordId' && s.params.n === 0));
      expect(expected.filter((k) => !values[k]), `${s.name} ${JSON.stringify(s.params)} returned ${Object.keys(values).join(', ')}`).toEqual([]);
    }
  });
});
