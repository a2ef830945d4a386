// Proof that provider verification can fail: for each deliberate drift of the provider (mock/http/drift.ts,
// injected with buildApp({ drift })) the Verifier fails and names the interaction; without drift the same
// interactions pass.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Drift } from '../../mock/http/drift';
import { WEB_CONSUMER, PACT_DIR, pactFileName } from '../shared/names';
import { ensurePacts, pactSubset } from '../shared/pact-files';
import { verifyPacts, type VerifySummary } from '../provider/verifier';
import { startMock } from './support';

interface DriftCase {
  name: string;
  drift: Drift;
  /** The interaction that must fail (its description in the pact). */
  interaction: string;
  /** A fragment of the mismatch Pact must report. */
  mismatch: RegExp;
}

const cases: DriftCase[] = [
  {
    name: 'a response field renamed (customerLogin obj.customerId -> customerID)',
    drift: { kind: 'renameResponseField', operationId: 'customerLogin', from: 'customerId', to: 'customerID' },
    interaction: 'a customer login with the right password',
    mismatch: /customerId/,
  },
  {
    name: 'a field of the list rows renamed (queryOrders list[].noRepaymentTimes -> noRepaymentTime)',
    drift: { kind: 'renameResponseField', operationId: 'queryOrders', from: 'noRepaymentTimes', to: 'noRepaymentTime' },
    interaction: "the customer's order list, first page, every status",
    mismatch: /noRepaymentTimes/,
  },
  {
    name: 'the status code family changed (getBaseCodeByParents 200 -> 500)',
    drift: { kind: 'responseStatus', operationId: 'getBaseCodeByParents', status: 500 },
    interaction: 'a request for the profile families 1001-1004',
    mismatch: /expected 200 but was 500/,
  },
  {
    name: 'the envelope success flipped (customerLoginOut)',
    drift: { kind: 'flipSuccess', operationId: 'customerLoginOut' },
    interaction: 'a logout of the logged-in customer',
    mismatch: /true/,
  },
  {
    name: 'a required parameter dropped by the provider (updateCustomerInfo customerId)',
    drift: { kind: 'ignoreParam', operationId: 'updateCustomerInfo', param: 'customerId' },
    interaction: 'a profile update by the logged-in customer',
    mismatch: /true/,
  },
  {
    name: 'a provider state missing (scenario "a logged-in customer")',
    drift: { kind: 'dropScenario', scenario: 'a logged-in customer' },
    interaction: 'a logout of the logged-in customer',
    mismatch: /expected 200 but was 500/,
  },
];

let subset: string;

async function verifyWith(drift: Drift[] | undefined): Promise<VerifySummary> {
  const mock = await startMock(drift ? { drift } : {});
  try {
    return await verifyPacts({ providerBaseUrl: mock.url, pactFiles: [subset], logLevel: 'error' });
  } finally {
    await mock.close();
  }
}

describe('provider verification fails on drift', () => {
  beforeAll(() => {
    ensurePacts();
    subset = pactSubset(path.join(PACT_DIR, pactFileName(WEB_CONSUMER)), [...new Set(cases.map((c) => c.interaction))]);
  });

  it('passes without drift', async () => {
    const summary = await verifyWith(undefined);
    expect(summary.failures).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.interactions.map((i) => i.description).sort()).toEqual([...new Set(cases.map((c) => c.interaction))].sort());
  });

  for (const c of cases) {
    it(`fails and names the interaction: ${c.name}`, async () => {
      const summary = await verifyWith([c.drift]);
      expect(summary.ok).toBe(false);
      const failure = summary.failures.find((f) => f.interaction.endsWith(`- ${c.interaction}`));
      expect(failure, `no failure named "${c.interaction}" in ${JSON.stringify(summary.failures.map((f) => f.interaction))}`).toBeDefined();
      expect(failure!.mismatches.join('\n')).toMatch(c.mismatch);
      // only the drifted interaction(s) fail: the others still pass
      const failed = summary.interactions.filter((i) => !i.ok).map((i) => i.description);
      expect(failed).toContain(c.interaction);
      if (c.drift.kind === 'dropScenario') expect(summary.stateErrors.join('\n')).toContain(`"${c.drift.scenario}"`);
      else expect(summary.stateErrors).toEqual([]);
    });
  }
});
