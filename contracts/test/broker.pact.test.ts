// The broker path, against a fake broker on loopback: consumer runs publish their pacts through the
// broker's publish-contracts endpoint; provider verification fetches pacts by consumer version selectors
// with pending and WIP pacts enabled and publishes its result with the provider version and branch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerFromEnv } from '../broker/config';
import { publishPacts } from '../broker/publish';
import { PAYMENT_PLATFORM_CONSUMER, WEB_CONSUMER } from '../shared/names';
import { ensurePacts } from '../shared/pact-files';
import { brokerVerificationFromEnv, DEFAULT_SELECTORS } from '../provider/verify';
import { verifyPacts } from '../provider/verifier';
import { startFakeBroker, type FakeBroker } from './fake-broker';
import { startMock } from './support';

const TOKEN = 'broker-token-123';
let broker: FakeBroker;
let files: string[];

describe('Pact Broker support', () => {
  beforeAll(async () => {
    files = ensurePacts();
    broker = await startFakeBroker(`Bearer ${TOKEN}`);
  });
  afterAll(async () => broker.close());

  it('reads the broker settings from the environment (token or username/password)', () => {
    expect(brokerFromEnv({})).toBeNull();
    expect(brokerFromEnv({ PACT_BROKER_BASE_URL: 'https://b.example/', PACT_BROKER_TOKEN: 't' })).toEqual({ baseUrl: 'https://b.example', token: 't' });
    expect(brokerFromEnv({ PACT_BROKER_BASE_URL: 'https://b.example', PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' })).toEqual({ baseUrl: 'https://b.example', username: 'u', password: 'p' });
    const v = brokerVerificationFromEnv({ PACT_BROKER_BASE_URL: 'https://b.example', PACT_BROKER_TOKEN: 't', PACT_PUBLISH_VERIFICATION_RESULTS: 'true', PACT_PROVIDER_VERSION: '1.2.3', PACT_PROVIDER_BRANCH: 'main' });
    expect(v).toMatchObject({ consumerVersionSelectors: DEFAULT_SELECTORS, enablePending: true, publishVerificationResult: true, providerVersion: '1.2.3', providerVersionBranch: 'main' });
    expect(v?.includeWipPactsSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('publishes every pact with the consumer version, branch and token', async () => {
    const results = await publishPacts({ broker: { baseUrl: broker.url, token: TOKEN }, files, consumerVersion: 'abc123', branch: 'feature/x', tags: ['dev'] });
    expect(results.map((r) => r.consumer).sort()).toEqual([PAYMENT_PLATFORM_CONSUMER, WEB_CONSUMER].sort());
    const calls = broker.requests.filter((r) => r.method === 'POST' && r.path === '/contracts/publish');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(calls[0]!.body).toMatchObject({ pacticipantVersionNumber: 'abc123', branch: 'feature/x', tags: ['dev'], contracts: [{ providerName: 'partywo-api', specification: 'pact', contentType: 'application/json' }] });
    expect((broker.published.get(WEB_CONSUMER)?.interactions as unknown[]).length).toBeGreaterThan(80);
  });

  it('verifies the pacts the broker selects and publishes the result with version and branch', async () => {
    // keep the run short: the broker serves a few interactions of the published pacts
    const served = new Set(['a request for the companies', 'a customer login with the right password', 'a payment-success callback for an instalment with a payment in flight']);
    broker.serveOnly = (d) => served.has(d);
    const mock = await startMock();
    try {
      const summary = await verifyPacts({
        providerBaseUrl: mock.url,
        broker: {
          broker: { baseUrl: broker.url, token: TOKEN },
          consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
          enablePending: true,
          includeWipPactsSince: '2025-01-01',
          publishVerificationResult: true,
          providerVersion: '9.9.9',
          providerVersionBranch: 'main',
        },
        logLevel: 'error',
      });
      const forVerification = broker.requests.find((r) => r.method === 'POST' && r.path.endsWith('/for-verification'));
      expect(forVerification?.path).toBe('/pacts/provider/partywo-api/for-verification');
      expect(forVerification?.body).toMatchObject({
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
        includePendingStatus: true,
        includeWipPactsSince: '2025-01-01',
        providerVersionBranch: 'main',
      });
      expect(summary.failures).toEqual([]);
      expect(summary.ok).toBe(true);
      // the pacts came from the broker (both consumers), nothing from contracts/pacts/
      expect(summary.interactions.map((i) => i.description).sort()).toEqual([...served].sort());
      // the provider version is recorded on its branch before the results are published
      expect(broker.requests.some((r) => r.method === 'PUT' && r.path === '/pacticipants/partywo-api/branches/main/versions/9.9.9')).toBe(true);
      const results = broker.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/verification-results'));
      expect(results.map((r) => r.path).sort()).toEqual([
        '/pacts/provider/partywo-api/consumer/partywo-payment-platform/pact-version/1/verification-results',
        '/pacts/provider/partywo-api/consumer/partywo-web/pact-version/1/verification-results',
      ]);
      expect(results.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(results[0]!.body).toMatchObject({ providerApplicationVersion: '9.9.9' });
      expect(results.every((r) => (r.body as { success?: unknown }).success === true)).toBe(true);
    } finally {
      await mock.close();
    }
  });
});

