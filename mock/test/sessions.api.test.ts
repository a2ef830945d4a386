// Per-developer sessions on one server: the `/s/{session}/` base-URL prefix and the `X-Mock-Session`
// header each select an isolated world (state, clock, SMS outbox, admin API); without either, `default`.
// Sessions are created on first use, listed, dropped; bad names and a full server are refused clearly.
import { describe, expect, it } from 'vitest';
import { READY_CUSTOMERS, CUSTOMER_PASSWORD } from '../fixtures/accounts';
import { MAX_SESSIONS } from '../http/sessions';
import { TEST_CLOCK_START, formBody, useTestApp } from './helper';
import type { Envelope } from './helper';

const t = useTestApp();
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' };

/** Where a request goes: a URL prefix and/or headers. */
interface Via {
  prefix?: string;
  headers?: Record<string, string>;
}

const alice: Via = { prefix: '/s/alice' };
const bobByHeader: Via = { headers: { 'x-mock-session': 'bob' } };
const def: Via = {};

async function call(via: Via, path: string, params: Record<string, string> = {}) {
  const res = await t().app.inject({ method: 'POST', url: `${via.prefix ?? ''}${path}`, headers: { ...FORM, ...via.headers }, payload: formBody(params) });
  return { status: res.statusCode, body: JSON.parse(res.body) as Envelope };
}

async function admin<T = Record<string, unknown>>(via: Via, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const res = await t().app.inject({
    method,
    url: `${via.prefix ?? ''}/__mock${path}`,
    headers: { ...via.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as T };
}

/** Signs a new customer up through the legacy API in one session (captcha, SMS, register), as the client does. */
async function signUp(via: Via, phone: string): Promise<string> {
  const key = `key-${phone}`;
  const img = await t().app.inject({ method: 'GET', url: `${via.prefix ?? ''}/imageValidate/getImageValidate?image_key=${key}`, headers: via.headers });
  expect(img.statusCode).toBe(200);
  const { body: captcha } = await admin<{ code: string }>(via, 'GET', `/captchas/${key}`);
  expect((await call(via, '/message/sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: captcha.code })).body.success).toBe(true);
  const { body: sms } = await admin<{ messages: { code: string }[] }>(via, 'GET', `/sms?phone=${phone}`);
  const reg = await call(via, '/user/registerCustomerController', { phone_number: phone, password: 'abc12345', validate_code: sms.messages[0]!.code });
  expect(reg.body.success).toBe(true);
  return phone;
}

async function canLogIn(via: Via, phone: string, password = 'abc12345'): Promise<boolean> {
  return (await call(via, '/user/CustomerLoginController', { phone_number: phone, password })).body.success;
}

describe('isolation', () => {
  it('state: a customer signed up in one session exists only there (prefix and header)', async () => {
    await signUp(alice, '13600000001');
    await signUp(bobByHeader, '13600000002');
    expect(await canLogIn(alice, '13600000001')).toBe(true);
    expect(await canLogIn(def, '13600000001')).toBe(false);
    expect(await canLogIn(bobByHeader, '13600000001')).toBe(false);
    expect(await canLogIn(bobByHeader, '13600000002')).toBe(true);
    expect(await canLogIn({ prefix: '/s/bob' }, '13600000002')).toBe(true); // prefix and header name the same session
    expect(await canLogIn(alice, '13600000002')).toBe(false);
    expect(await canLogIn(def, '13600000002')).toBe(false);
    // the ready-made accounts are in every session's baseline
    expect(await canLogIn(alice, READY_CUSTOMERS[0]!.phoneNumber, CUSTOMER_PASSWORD)).toBe(true);
  });

  it('SMS outbox: each session sees only its own messages', async () => {
    const a = (await admin<{ messages: { phone: string }[] }>(alice, 'GET', '/sms')).body.messages.map((m) => m.phone);
    const b = (await admin<{ messages: { phone: string }[] }>(bobByHeader, 'GET', '/sms')).body.messages.map((m) => m.phone);
    expect(a).toEqual(['13600000001']);
    expect(b).toEqual(['13600000002']);
    expect((await admin(def, 'GET', '/sms')).body).toEqual({ messages: [] });
  });

  it('clock: moving one session clock moves no other', async () => {
    expect((await admin(alice, 'POST', '/clock', { advanceSeconds: 30 * 86400 })).body).toMatchObject({ now: '2015-10-01T02:00:00.000Z' });
    expect((await admin(alice, 'GET', '/clock')).body).toMatchObject({ now: '2015-10-01T02:00:00.000Z' });
    expect((await admin({ headers: { 'x-mock-session': 'alice' } }, 'GET', '/clock')).body).toMatchObject({ now: '2015-10-01T02:00:00.000Z' });
    expect((await admin(bobByHeader, 'GET', '/clock')).body).toMatchObject({ now: TEST_CLOCK_START });
    expect((await admin(def, 'GET', '/clock')).body).toMatchObject({ now: TEST_CLOCK_START });
  });

  it('admin API: reset and state act on the session only', async () => {
    const before = (await admin<{ state: unknown }>(def, 'GET', '/state')).body;
    expect((await admin(bobByHeader, 'POST', '/reset')).status).toBe(200);
    expect(await canLogIn(bobByHeader, '13600000002')).toBe(false);
    expect(await canLogIn(alice, '13600000001')).toBe(true);
    expect((await admin(def, 'GET', '/state')).body).toEqual(before);
    // the request journal too
    const journal = (await admin<{ requests: { url: string }[] }>(alice, 'GET', '/requests?limit=500')).body.requests;
    expect(journal.length).toBeGreaterThan(0);
    expect(journal.every((r) => !r.url.includes('13600000002'))).toBe(true);
  });

  it('the prefix wins over the header', async () => {
    expect((await admin({ prefix: '/s/alice', headers: { 'x-mock-session': 'bob' } }, 'GET', '/clock')).body).toMatchObject({ now: '2015-10-01T02:00:00.000Z' });
  });

  it('CORS preflight works under a prefix (the browser client only changes its base URL)', async () => {
    const res = await t().app.inject({
      method: 'OPTIONS',
      url: '/s/alice/user/CustomerLoginController',
      headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-mock-session' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('listing and dropping', () => {
  it('lists every session with its clock and journal size; the list is global', async () => {
    const { body } = await admin<{ sessions: { name: string; now: string; requests: number }[] }>(alice, 'GET', '/sessions');
    const byName = Object.fromEntries(body.sessions.map((s) => [s.name, s]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['default', 'alice', 'bob']));
    expect(byName.alice).toMatchObject({ now: '2015-10-01T02:00:00.000Z' });
    expect(byName.alice!.requests).toBeGreaterThan(5);
    expect(byName.default!.now).toBe(TEST_CLOCK_START);
  });

  it('drops a session with everything it holds; next use starts it afresh from the baseline', async () => {
    expect(await admin(def, 'DELETE', '/sessions/alice')).toEqual({ status: 200, body: { ok: true } });
    const names = (await admin<{ sessions: { name: string }[] }>(def, 'GET', '/sessions')).body.sessions.map((s) => s.name);
    expect(names).not.toContain('alice');
    expect(await canLogIn(alice, '13600000001')).toBe(false);
    expect((await admin(alice, 'GET', '/clock')).body).toMatchObject({ now: TEST_CLOCK_START });
    expect((await admin(alice, 'GET', '/sms')).body).toEqual({ messages: [] });
  });

  it('404 for an unknown session, 400 for a bad name; dropping default resets it', async () => {
    expect(await admin(def, 'DELETE', '/sessions/nobody')).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND', error: '该会话不存在: nobody' } });
    expect(await admin(def, 'DELETE', '/sessions/a.b')).toMatchObject({ status: 400, body: { code: 'PARAM_INVALID' } });
    await signUp(def, '13600000003');
    expect(await admin(def, 'DELETE', '/sessions/default')).toEqual({ status: 200, body: { ok: true } });
    expect(await canLogIn(def, '13600000003')).toBe(false);
    expect((await admin<{ sessions: { name: string }[] }>(def, 'GET', '/sessions')).body.sessions.map((s) => s.name)).toContain('default');
  });
});

describe('bad session names and limits', () => {
  it.each([
    ['/s/a.b/order/queryProductController', {}],
    ['/s//order/queryProductController', {}],
    [`/s/${'x'.repeat(65)}/order/queryProductController`, {}],
    ['/order/queryProductController', { 'x-mock-session': 'no spaces' }],
    ['/order/queryProductController', { 'x-mock-session': '' }],
  ])('%s %j: 400 envelope naming the rule', async (url, headers) => {
    const res = await t().app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, code: 'PARAM_INVALID', message: expect.stringContaining('A-Za-z0-9_-') });
  });

  it(`at most ${MAX_SESSIONS} sessions: a new one beyond is refused (429), existing ones still work`, async () => {
    const live = (await admin<{ sessions: unknown[] }>(def, 'GET', '/sessions')).body.sessions.length;
    for (let i = live; i < MAX_SESSIONS; i++) expect((await admin({ prefix: `/s/dev${i}` }, 'GET', '/health')).status).toBe(200);
    const full = await call({ prefix: '/s/onemore' }, '/order/queryProductController');
    expect(full.status).toBe(429);
    expect(full.body).toMatchObject({ success: false, code: 'SESSION_LIMIT_REACHED' });
    expect((await call(alice, '/order/queryProductController')).body.success).toBe(true);
    expect((await admin(def, 'DELETE', `/sessions/dev${MAX_SESSIONS - 1}`)).status).toBe(200);
    expect((await call({ prefix: '/s/onemore' }, '/order/queryProductController')).body.success).toBe(true);
  });
});
