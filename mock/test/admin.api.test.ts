// The admin API under /__mock: health, reset, sms, captchas, clock, requests, state, scenarios, accounts,
// and who may call it (loopback, or a Bearer token when one is set).
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_PASSWORD, READY_CUSTOMERS, READY_STAFF, STAFF_PASSWORD } from '../fixtures/accounts';
import { TEST_CLOCK_START, buildTestApp, useTestApp } from './helper';

const t = useTestApp();
const C1 = READY_CUSTOMERS[0]!;

describe('admin API', () => {
  it('health', async () => {
    expect(await t().admin('GET', '/__mock/health')).toEqual({ status: 200, body: { ok: true } });
  });

  it('clock: read, advance, set, never backwards', async () => {
    expect((await t().admin('GET', '/__mock/clock')).body).toEqual({ now: TEST_CLOCK_START, frozen: true });
    expect((await t().admin('POST', '/__mock/clock', { advanceSeconds: 86400 })).body).toMatchObject({ now: '2015-09-02T02:00:00.000Z' });
    expect((await t().admin('POST', '/__mock/clock', { set: '2015-10-01T00:00:00.000Z' })).body).toMatchObject({ now: '2015-10-01T00:00:00.000Z' });
    const back = await t().admin('POST', '/__mock/clock', { set: '2015-09-01T00:00:00.000Z' });
    expect(back).toMatchObject({ status: 400, body: { code: 'CLOCK_BACKWARDS', error: expect.stringContaining('模拟时钟不能倒退') } });
    expect(await t().admin('POST', '/__mock/clock', { advanceSeconds: -5 })).toMatchObject({ status: 400, body: { code: 'CLOCK_BACKWARDS' } });
    expect(await t().admin('POST', '/__mock/clock', {})).toMatchObject({ status: 400, body: { code: 'PARAM_INVALID' } });
    expect(await t().admin('POST', '/__mock/clock', { set: 'tomorrow' })).toMatchObject({ status: 400, body: { code: 'PARAM_INVALID' } });
  });

  it('reset returns to the baseline and the clock to its start', async () => {
    const r = await t().call('registerUsers', { usersPhone: '13910003333', password: 'abc123', usersName: '赵敏', companyId: '20150901000001' });
    expect(r.body.success).toBe(true);
    await t().admin('POST', '/__mock/clock', { advanceSeconds: 3600 });
    expect(await t().admin('POST', '/__mock/reset')).toEqual({ status: 200, body: { ok: true } });
    expect((await t().admin('GET', '/__mock/clock')).body).toMatchObject({ now: TEST_CLOCK_START });
    expect((await t().call('usersLogin', { usersPhone: '13910003333', password: 'abc123' })).body.code).toBe('LOGIN_FAILED');
  });

  it('sms: newest first, filtered by phone', async () => {
    await t().admin('POST', '/__mock/reset');
    for (const phone of ['13520000001', '13520000002']) {
      const key = `key-${phone}`;
      const code = await t().captcha(key);
      expect((await t().call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: code })).body.success).toBe(true);
    }
    await t().admin('POST', '/__mock/clock', { advanceSeconds: 60 });
    const key = 'key-again';
    await t().call('sendValidateMessage', { phone_number: '13520000001', validate_key: key, validate_code: await t().captcha(key) });
    const all = (await t().admin<{ messages: { phone: string; sentAt: string }[] }>('GET', '/__mock/sms')).body.messages;
    expect(all.map((m) => m.phone)).toEqual(['13520000001', '13520000002', '13520000001']);
    const one = (await t().admin<{ messages: { phone: string; sentAt: string }[] }>('GET', '/__mock/sms?phone=13520000002')).body.messages;
    expect(one).toHaveLength(1);
    expect(one[0]!.sentAt).toBe(TEST_CLOCK_START);
  });

  it('captchas: the live one, 404 when none', async () => {
    const code = await t().captcha('k-admin');
    expect((await t().admin('GET', '/__mock/captchas/k-admin')).body).toEqual({ imageKey: 'k-admin', code, expiresAt: expect.any(String) });
    expect(await t().admin('GET', '/__mock/captchas/never-issued')).toMatchObject({ status: 404, body: { code: 'CAPTCHA_NOT_FOUND' } });
  });

  it('requests: the journal, newest first, limited', async () => {
    await t().call('customerLogin', { phone_number: C1.phoneNumber, password: CUSTOMER_PASSWORD, extra: 'x' });
    const { body } = await t().admin<{ requests: Record<string, unknown>[] }>('GET', '/__mock/requests?limit=1');
    expect(body.requests).toHaveLength(1);
    expect(body.requests[0]).toMatchObject({
      method: 'POST',
      url: '/user/CustomerLoginController',
      operationId: 'customerLogin',
      params: { phone_number: C1.phoneNumber, password: '***' },
      unknownParams: { extra: 'x' },
      status: 200,
      response: { success: true, code: null, message: '登录成功!' },
    });
    expect(await t().admin('GET', '/__mock/requests?limit=0')).toMatchObject({ status: 400 });
    expect(await t().admin('GET', '/__mock/requests?limit=501')).toMatchObject({ status: 400 });
  });

  it('state: snapshot and restore; another schema version refused, nothing changed', async () => {
    await t().admin('POST', '/__mock/reset');
    const snap = (await t().admin<Record<string, unknown>>('GET', '/__mock/state')).body;
    expect(snap).toMatchObject({ schemaVersion: 1, clock: { now: TEST_CLOCK_START, frozen: true }, state: { accounts: expect.any(Object), orders: expect.any(Object) } });
    await t().call('registerUsers', { usersPhone: '13910004444', password: 'abc123', usersName: '周芷若', companyId: '20150901000001' });
    await t().admin('POST', '/__mock/clock', { advanceSeconds: 100 });
    const bad = await t().admin('PUT', '/__mock/state', { ...snap, schemaVersion: 99 });
    expect(bad).toMatchObject({ status: 400, body: { code: 'SNAPSHOT_VERSION_UNSUPPORTED', error: expect.stringContaining('schemaVersion 99') } });
    expect((await t().call('usersLogin', { usersPhone: '13910004444', password: 'abc123' })).body.success).toBe(true);
    expect(await t().admin('PUT', '/__mock/state', { schemaVersion: 1, clock: { now: TEST_CLOCK_START }, state: { nope: 1 } })).toMatchObject({ status: 400, body: { code: 'SNAPSHOT_INVALID' } });
    expect(await t().admin('PUT', '/__mock/state', snap)).toEqual({ status: 200, body: { ok: true } });
    expect((await t().call('usersLogin', { usersPhone: '13910004444', password: 'abc123' })).body.code).toBe('LOGIN_FAILED');
    expect((await t().admin('GET', '/__mock/clock')).body).toMatchObject({ now: TEST_CLOCK_START });
    expect((await t().admin('GET', '/__mock/state')).body).toEqual(snap);
  });

  it('scenarios: listed, loaded with parameters, ids returned; unknown names and parameters refused', async () => {
    const list = (await t().admin<{ scenarios: { name: string }[] }>('GET', '/__mock/scenarios')).body.scenarios.map((s) => s.name);
    expect(list).toEqual(expect.arrayContaining(['a registered customer', 'a logged-in customer', 'a staff user of company X']));

    const reg = await t().scenario('a registered customer', { phoneNumber: '13930000001' });
    expect(reg).toEqual({ customerId: expect.stringMatching(/^\d{12,}$/), phoneNumber: '13930000001', password: CUSTOMER_PASSWORD });
    expect((await t().call('customerLogin', { phone_number: '13930000001', password: CUSTOMER_PASSWORD })).body.success).toBe(true);

    const li = await t().scenario('a logged-in customer');
    expect(li.login_token).toMatch(/^[0-9A-F]{32}$/);
    expect((await t().call('getCustomerByCustomerId', { customerId: li.customerId!, login_token: li.login_token! })).body.success).toBe(true);

    const staff = await t().scenario('a staff user of company X', { companyId: '20150901000002', role: 'risk' });
    expect(staff).toMatchObject({ companyId: '20150901000002', role: 'risk', login_token: expect.stringMatching(/^[0-9A-F]{32}$/), password: STAFF_PASSWORD });
    expect((await t().call('usersLogin', { usersPhone: staff.usersPhone!, password: STAFF_PASSWORD })).body.obj.role).toBe('risk');

    expect(await t().admin('POST', `/__mock/scenarios/${encodeURIComponent('a customer on the moon')}`, {})).toMatchObject({ status: 404, body: { code: 'SCENARIO_UNKNOWN' } });
    expect(await t().admin('POST', `/__mock/scenarios/${encodeURIComponent('a staff user of company X')}`, { role: 'boss' })).toMatchObject({ status: 400, body: { code: 'SCENARIO_PARAM_INVALID' } });
    expect(await t().admin('POST', `/__mock/scenarios/${encodeURIComponent('a staff user of company X')}`, { companyId: '99999999999999' })).toMatchObject({ status: 400, body: { code: 'SCENARIO_PARAM_INVALID' } });
    expect(await t().admin('POST', `/__mock/scenarios/${encodeURIComponent('a logged-in customer')}`, { colour: 'red' })).toMatchObject({ status: 400, body: { code: 'SCENARIO_PARAM_INVALID' } });
  });

  it('accounts: the baseline accounts with their passwords, every role for every company', async () => {
    const { body } = await t().admin<{ customers: { phoneNumber: string; password: string }[]; staff: { companyId: string; role: string; usersPhone: string; password: string }[] }>('GET', '/__mock/accounts');
    expect(body.customers.length).toBeGreaterThanOrEqual(3);
    for (const company of ['20150901000001', '20150901000002']) {
      for (const role of ['seller', 'risk', 'finance']) expect(body.staff.some((s) => s.companyId === company && s.role === role)).toBe(true);
    }
    for (const c of body.customers) expect((await t().call('customerLogin', { phone_number: c.phoneNumber, password: c.password })).body.success).toBe(true);
    for (const s of body.staff) expect((await t().call('usersLogin', { usersPhone: s.usersPhone, password: s.password })).body.success).toBe(true);
    expect(body.staff.map((s) => s.usersPhone).sort()).toEqual(READY_STAFF.map((s) => s.usersPhone).sort());
  });

  it('unknown admin paths answer a JSON error, not the legacy envelope', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/__mock/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'NOT_FOUND', error: expect.any(String) });
  });
});

describe('admin access', () => {
  it('without a token: loopback only', async () => {
    const remote = await t().app.inject({ method: 'GET', url: '/__mock/health', remoteAddress: '10.0.0.7' });
    expect(remote.statusCode).toBe(403);
    expect(JSON.parse(remote.body)).toMatchObject({ code: 'ADMIN_FORBIDDEN' });
    expect((await t().app.inject({ method: 'GET', url: '/__mock/health', remoteAddress: '::1' })).statusCode).toBe(200);
    // the legacy API itself is open to everyone
    expect((await t().app.inject({ method: 'POST', url: '/order/queryCompanyController', remoteAddress: '10.0.0.7' })).statusCode).toBe(200);
  });

  it('with --admin-token: Bearer required from anywhere, loopback included', async () => {
    const app = (await buildTestApp({ adminToken: 's3cret' })).app;
    try {
      const none = await app.inject({ method: 'GET', url: '/__mock/health' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      expect((await app.inject({ method: 'GET', url: '/__mock/health', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(403);
      const remote = await app.inject({ method: 'GET', url: '/__mock/health', remoteAddress: '10.0.0.7', headers: { authorization: 'Bearer s3cret' } });
      expect(remote.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/__mock/health', headers: { authorization: 'Bearer s3cret' } })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the spec check of the test helper', () => {
  it('catches a response that drifts from the spec', async () => {
    const drift = fp(async (app) => {
      app.addHook('onSend', async (request, _reply, payload) => (request.url.startsWith('/order/queryCompany') ? String(payload).replace('"deleted":0', '"deleted":"0"') : payload));
    });
    const d = await buildTestApp({ plugins: [drift] });
    try {
      await d.call('queryCompany', {});
      expect(d.violations).toEqual([expect.stringContaining('/list/0/deleted must be integer')]);
    } finally {
      await d.app.close();
    }
  });
});
