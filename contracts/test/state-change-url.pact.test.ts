// PROVIDER_STATES_URL mode, the way a backend team runs it: the states go to a state change endpoint (here a
// loopback stand-in that sets them up on the mock, as the backend would in its own database), which
// receives exactly {state, params, action} for setup and teardown and answers the values it created.
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACT_DIR, WEB_CONSUMER, pactFileName } from '../shared/names';
import { ensurePacts, pactSubset } from '../shared/pact-files';
import { mockStateBackend } from '../provider/states';
import { verifyPacts } from '../provider/verifier';
import { startMock } from './support';

const INTERACTIONS = ['a logout of the logged-in customer', 'a request for a complete draft by its owner', 'a request for the schedule of a loan with 1 of 3 instalments paid'];

let mock: Awaited<ReturnType<typeof startMock>>;
let server: http.Server;
let statesUrl: string;
const received: { contentType: string | undefined; body: Record<string, unknown> }[] = [];

describe('verification with a state change URL', () => {
  beforeAll(async () => {
    ensurePacts();
    mock = await startMock();
    const backend = mockStateBackend(mock.url);
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw) as { state: string; params: Record<string, unknown>; action: 'setup' | 'teardown' };
        if (req.url === '/refuse') {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('state setup is down');
          return;
        }
        received.push({ contentType: req.headers['content-type'], body });
        backend(body.state, body.params, body.action).then(
          (values) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(values ?? {}));
          },
          (err: unknown) => {
            res.writeHead(500);
            res.end(String(err));
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    statesUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/pact/states`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await mock.close();
  });

  it('posts {state, params, action} for setup and teardown, injects the returned values, and passes', async () => {
    const subset = pactSubset(path.join(PACT_DIR, pactFileName(WEB_CONSUMER)), INTERACTIONS);
    const summary = await verifyPacts({ providerBaseUrl: mock.url, statesUrl, pactFiles: [subset], logLevel: 'error' });
    expect(summary.failures).toEqual([]);
    expect(summary.interactions).toHaveLength(3);
    expect(received.every((r) => r.contentType?.startsWith('application/json'))).toBe(true);
    for (const r of received) expect(Object.keys(r.body).sort()).toEqual(['action', 'params', 'state']);
    expect(received.map((r) => `${r.body.action} ${String(r.body.state)}`)).toEqual(
      expect.arrayContaining(['setup a logged-in customer', 'teardown a logged-in customer', 'setup an order in draft', 'setup a loan with N of M instalments paid']),
    );
    expect(received.find((r) => r.body.state === 'an order in draft')?.body.params).toEqual({ companyId: '20150901000001', complete: true });
  });

  it('fails the interaction, naming the state, when the state change URL refuses a state', async () => {
    const subset = pactSubset(path.join(PACT_DIR, pactFileName(WEB_CONSUMER)), ['a logout of the logged-in customer']);
    const refusing = statesUrl.replace(/\/pact\/states$/, '/refuse');
    const summary = await verifyPacts({ providerBaseUrl: mock.url, statesUrl: refusing, pactFiles: [subset], logLevel: 'error' });
    expect(summary.ok).toBe(false);
    expect(summary.failures.map((f) => f.interaction)).toEqual([expect.stringContaining('a logout of the logged-in customer')]);
    expect(summary.failures[0]!.mismatches.join('\n')).toMatch(/expected 200 but was 500/);
    expect(summary.stateErrors).toEqual([expect.stringMatching(/"a logged-in customer".*HTTP 503/)]);
  });
});
