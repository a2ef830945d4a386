// The request journal keeps what explains the state: every legacy call and every admin change (reset, clock,
// scenarios, state, faults), but neither the dev console's files nor admin reads (an open console polls them
// every few seconds and would push the legacy calls out of the 500 entries).
import { describe, expect, it } from 'vitest';
import { journaled } from '../http/transport';
import { useTestApp } from './helper';

const t = useTestApp();

type Journal = { requests: { method: string; url: string; operationId: string | null; status: number }[] };

async function journal(prefix = ''): Promise<Journal['requests']> {
  const res = await t().app.inject({ method: 'GET', url: `${prefix}/__mock/requests?limit=500` });
  return (JSON.parse(res.body) as Journal).requests;
}

describe('request journal', () => {
  it('skips the console\'s files and admin reads, keeps legacy calls and admin changes', async () => {
    const inject = (method: 'GET' | 'POST' | 'OPTIONS', url: string, payload?: unknown) =>
      t().app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST' } });
    // what an open console does all day long
    for (const url of ['/__mock/ui/', '/__mock/ui/app.js', '/__mock/ui/?token=not-logged', '/__mock/ui', '/__mock/health', '/__mock/sms', '/__mock/clock', '/__mock/payments', '/__mock/ledger', '/__mock/orders?limit=1', '/__mock/accounts', '/__mock/scenarios', '/__mock/faults', '/__mock/sessions', '/__mock/state', '/__mock/no-such-route']) {
      expect((await inject('GET', url)).statusCode, url).toBeLessThan(500);
    }
    await inject('OPTIONS', '/__mock/clock');
    expect(await journal()).toEqual([]);

    // what changes the state, and the legacy calls
    await t().call('queryProduct', { companyId: '20150901000001' });
    expect((await inject('POST', '/__mock/clock', { advanceSeconds: 60 })).statusCode).toBe(200);
    expect((await inject('POST', `/__mock/scenarios/${encodeURIComponent('a logged-in customer')}`, {})).statusCode).toBe(200);
    expect((await inject('POST', '/__mock/clock', { advanceSeconds: -1 })).statusCode).toBe(400);
    expect((await inject('POST', '/__mock/reset')).statusCode).toBe(200);
    await inject('GET', '/__mock/sms');
    expect((await journal()).map((e) => `${e.method} ${e.url} ${e.status}`)).toEqual([
      'POST /__mock/reset 200',
      'POST /__mock/clock 400',
      `POST /__mock/scenarios/${encodeURIComponent('a logged-in customer')} 200`,
      'POST /__mock/clock 200',
      'POST /order/queryProductController 200',
    ]);
  });

  it('the same under a session prefix, in that session\'s journal', async () => {
    await t().app.inject({ method: 'GET', url: '/s/journal-bob/__mock/sms' });
    await t().app.inject({ method: 'GET', url: '/s/journal-bob/__mock/ui/' });
    await t().app.inject({ method: 'POST', url: '/s/journal-bob/__mock/clock', payload: { advanceSeconds: 1 } });
    expect((await journal('/s/journal-bob')).map((e) => `${e.method} ${e.url}`)).toEqual(['POST /__mock/clock']);
  });

  it.each([
    ['GET', '/order/queryProductController', true],
    ['GET', '/__mockery', true],
    ['GET', '/__mock/requests?limit=5', false],
    ['GET', '/__mock/ui/styles.css', false],
    ['POST', '/__mock/ui/', false],
    ['GET', '/__mock', false],
    ['HEAD', '/__mock/health', false],
    ['DELETE', '/__mock/faults?id=f1', true],
    ['PUT', '/__mock/state', true],
    ['DELETE', '/__mock/sessions/alice', true],
  ])('journaled(%s %s) = %s', (method, url, expected) => {
    expect(journaled({ method, url })).toBe(expected);
  });
});
