// --state-file through the HTTP API: 1,000 random mutations over three sessions (sign-ups, logins,
// profile edits, orders, staff, clock moves, scenarios with loans and payments, resets, restores, session
// drops) on an app with a small compaction threshold; then a new app on the same file must give back the
// identical state dump of every session (GET /__mock/state), SMS outbox and session list.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { CUSTOMER_PASSWORD, READY_CUSTOMERS } from '../fixtures/accounts';
import { draw32 } from '../store/random';
import { TEST_CLOCK_START, formBody } from './helper';

const SEED = 7;
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'partywo-statefile-'));
  file = path.join(dir, 'state.jsonl');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(): Promise<FastifyInstance> {
  // callbacks far in the future (real time): the test flushes them itself, so nothing moves behind its back
  return buildApp({ clockStart: TEST_CLOCK_START, stateFile: file, stateFileCompactBytes: 256 * 1024, callbackDelayMs: 600_000, fixedCodes: true });
}

interface Env {
  success: boolean;
  obj: Record<string, unknown> | string | null;
  code: string | null;
  token: string | null;
}

/** Everything a restart must give back: per session the state dump and the SMS outbox, and the session list. */
async function dump(app: FastifyInstance) {
  const list = JSON.parse((await app.inject({ method: 'GET', url: '/__mock/sessions' })).body) as { sessions: { name: string }[] };
  const names = list.sessions.map((s) => s.name).sort();
  const out: Record<string, unknown> = {};
  for (const n of names) {
    out[n] = {
      state: JSON.parse((await app.inject({ method: 'GET', url: `/s/${n}/__mock/state` })).body),
      sms: JSON.parse((await app.inject({ method: 'GET', url: `/s/${n}/__mock/sms` })).body),
    };
  }
  return { names, sessions: out };
}

describe('state file: 1,000 random mutations, restart, identical dump', () => {
  it('gives back every session exactly', async () => {
    const app = await build();
    let n = 0;
    const rnd = (k: number) => draw32(SEED, n++) % k;
    const sessions = ['default', 'alice', 'bob'];
    const tokens: Record<string, { customerId: string; token: string }[]> = { default: [], alice: [], bob: [] };
    const snapshots: Record<string, unknown> = {};
    let phoneSeq = 0;
    let mutations = 0;
    const outcomes = new Map<string, number>();
    const count = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);

    const legacy = async (s: string, p: string, params: Record<string, string> = {}) => {
      mutations++;
      const res = await app.inject({ method: 'POST', url: `/s/${s}${p}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody(params) });
      return JSON.parse(res.body) as Env;
    };
    const admin = async (s: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', p: string, body?: unknown) => {
      if (method !== 'GET') mutations++;
      const res = await app.inject({ method, url: `/s/${s}/__mock${p}`, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }) });
      return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
    };
    const someToken = (s: string) => {
      const list = tokens[s]!;
      return list.length ? list[rnd(list.length)]! : null;
    };

    const actions: [number, (s: string) => Promise<void>][] = [
      [
        6,
        async (s) => {
          // sign-up exactly as the client does (fixed codes: captcha 8888, SMS 123456)
          const phone = `135${String(10_000_000 + phoneSeq++)}`;
          const key = `k${phoneSeq}`;
          mutations++;
          await app.inject({ method: 'GET', url: `/s/${s}/imageValidate/getImageValidate?image_key=${key}` });
          await legacy(s, '/message/sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: '8888' });
          const r = await legacy(s, '/user/registerCustomerController', { phone_number: phone, password: 'abc12345', validate_code: '123456' });
          count(`register ${r.success}`);
        },
      ],
      [
        8,
        async (s) => {
          const c = READY_CUSTOMERS[rnd(READY_CUSTOMERS.length)]!;
          const wrong = rnd(5) === 0;
          const r = await legacy(s, '/user/CustomerLoginController', { phone_number: c.phoneNumber, password: wrong ? 'nope12345' : CUSTOMER_PASSWORD });
          count(`login ${r.success}`);
          if (r.success && r.token) tokens[s]!.push({ customerId: c.customerId, token: r.token });
        },
      ],
      [
        6,
        async (s) => {
          const t = someToken(s);
          if (!t) return;
          const r = await legacy(s, '/user/updateCustomerInfoController', { login_token: t.token, customerId: t.customerId, sex: rnd(2) ? '100101' : '100102', birthday: `19${70 + rnd(25)}-0${1 + rnd(9)}-1${rnd(9)}` });
          count(`profile ${r.success ? 'ok' : r.code}`);
        },
      ],
      [
        6,
        async (s) => {
          const t = someToken(s);
          if (!t) return;
          const id = await legacy(s, '/order/getOrderIdController', { login_token: t.token });
          if (!id.success) return void count(`getOrderId ${id.code}`);
          const orderId = typeof id.obj === 'string' ? id.obj : String((id.obj as Record<string, unknown>).orderId);
          const money = String(10_000 + rnd(90_000));
          const r = await legacy(s, '/order/editOrderPackageController', {
            login_token: t.token,
            customerId: t.customerId,
            orderId,
            packageName: '悦享家',
            packageType: '201509010001',
            companyId: '20150901000001',
            contractMoney: '100000',
            packageMoney: money,
            fenQiTimes: ['3', '6', '12', '24'][rnd(4)]!,
            repaymentType: '100802',
          });
          count(`editOrderPackage ${r.success ? 'ok' : r.code}`);
        },
      ],
      [
        3,
        async (s) => {
          const r = await legacy(s, '/user/registerUsersController', { usersPhone: `139${String(10_000_000 + phoneSeq++)}`, password: 'abc12345', usersName: `员工${phoneSeq}`, companyId: '20150901000001' });
          count(`registerUsers ${r.success}`);
        },
      ],
      [4, async (s) => void (await admin(s, 'POST', '/clock', { advanceSeconds: 1 + rnd(3 * 86400) }))],
      [
        3,
        async (s) => {
          const names = ['a logged-in customer', 'an order in draft', 'an order awaiting seller approval', 'a customer with a bound card', 'a loan with N of M instalments paid'];
          const name = names[rnd(names.length)]!;
          const r = await admin(s, 'POST', `/scenarios/${encodeURIComponent(name)}`, name.startsWith('a loan') ? { n: rnd(3), m: 6 } : {});
          count(`scenario ${r.status}`);
        },
      ],
      [
        1,
        async (s) => {
          const t = someToken(s);
          if (t) await legacy(s, '/user/CustomerLoginOutController', { login_token: t.token });
        },
      ],
      [1, async (s) => void (await admin(s, 'POST', '/payments/flush'))],
      [
        1,
        async (s) => {
          if (rnd(4) !== 0) return;
          await admin(s, 'POST', '/reset');
          tokens[s] = [];
        },
      ],
      [
        1,
        async (s) => {
          // take a snapshot now, restore one taken earlier (a restore record)
          const earlier = snapshots[s];
          snapshots[s] = (await admin(s, 'GET', '/state')).body;
          if (earlier && rnd(3) === 0) {
            const r = await admin(s, 'PUT', '/state', earlier);
            count(`restore ${r.status}`);
            tokens[s] = [];
          }
        },
      ],
      [
        1,
        async (s) => {
          if (s === 'default' || rnd(5) !== 0) return;
          await admin('default', 'DELETE', `/sessions/${s}`);
          tokens[s] = [];
          delete snapshots[s];
        },
      ],
    ];
    const total = actions.reduce((a, [w]) => a + w, 0);
    let guard = 0;
    while (mutations < 1000 && guard++ < 5000) {
      const s = sessions[rnd(sessions.length)]!;
      let pick = rnd(total);
      for (const [w, act] of actions) {
        if (pick < w) {
          await act(s);
          break;
        }
        pick -= w;
      }
    }
    expect(mutations).toBeGreaterThanOrEqual(1000);
    // the mix did real work: successes and failures of several kinds
    expect(outcomes.get('register true') ?? 0).toBeGreaterThan(10);
    expect(outcomes.get('login true') ?? 0).toBeGreaterThan(10);
    expect(outcomes.get('login false') ?? 0).toBeGreaterThan(2);
    expect(outcomes.get('editOrderPackage ok') ?? 0).toBeGreaterThan(10);
    expect(outcomes.get('scenario 200') ?? 0).toBeGreaterThan(10);
    for (const s of sessions) await admin(s, 'POST', '/payments/flush');

    const before = await dump(app);
    expect(before.names.length).toBeGreaterThanOrEqual(2);
    expect(app.stateFile!.compactions).toBeGreaterThan(0);
    await app.close();
    expect(statSync(file).size).toBeGreaterThan(0);

    const again = await build();
    try {
      const after = await dump(again);
      expect(after.names).toEqual(before.names);
      for (const name of before.names) expect(after.sessions[name], `session ${name}`).toEqual(before.sessions[name]);
      // and it keeps working: a login in a restored session
      const r = await again.inject({
        method: 'POST',
        url: '/order/queryProductController',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'companyId=20150901000001',
      });
      expect(JSON.parse(r.body)).toMatchObject({ success: true });
    } finally {
      await again.close();
    }
  });
});
