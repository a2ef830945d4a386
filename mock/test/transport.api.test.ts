// The legacy transport and the envelope on every failure path: binding from form, JSON, query string,
// GET and multipart alike; empty = null; unknown parameters journaled; 404/405/413/400/415/500 enveloped.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { READY_CUSTOMERS, CUSTOMER_PASSWORD } from '../fixtures/accounts';
import { useTestApp } from './helper';

const CUSTOMER = READY_CUSTOMERS[0]!;
const LOGIN = '/user/CustomerLoginController';

async function throwingRoute(app: FastifyInstance) {
  app.post('/__test/boom', async () => {
    throw new Error('kaboom');
  });
}

const t = useTestApp({ plugins: [throwingRoute] });

function json(res: { body: string }) {
  return JSON.parse(res.body) as { success: boolean; code: string | null; message: string | null; obj: unknown; token: string | null };
}

describe('binding', () => {
  it('binds form-urlencoded (jQuery), JSON, query string and GET the same way', async () => {
    const { app } = t();
    const variants = [
      await t().form(LOGIN, { phone_number: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }),
      await app.inject({ method: 'POST', url: LOGIN, payload: { phone_number: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD } }),
      await app.inject({ method: 'POST', url: `${LOGIN}?phone_number=${CUSTOMER.phoneNumber}&password=${CUSTOMER_PASSWORD}` }),
      await app.inject({ method: 'GET', url: `${LOGIN}?phone_number=${CUSTOMER.phoneNumber}&password=${CUSTOMER_PASSWORD}` }),
    ];
    for (const res of variants) {
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({ success: true, code: null, message: '登录成功!' });
    }
  });

  it('binds multipart form fields like any other', async () => {
    const boundary = '----partywo';
    const body = [CUSTOMER.phoneNumber, CUSTOMER_PASSWORD]
      .map((v, i) => `--${boundary}\r\nContent-Disposition: form-data; name="${i === 0 ? 'phone_number' : 'password'}"\r\n\r\n${v}\r\n`)
      .join('');
    const res = await t().app.inject({
      method: 'POST',
      url: LOGIN,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `${body}--${boundary}--\r\n`,
    });
    expect(json(res)).toMatchObject({ success: true });
  });

  it('JSON numbers and booleans arrive as text', async () => {
    const res = await t().app.inject({ method: 'POST', url: '/order/queryProductController', payload: { companyId: 20150901000001 } });
    const body = json(res) as unknown as { list: { companyId: string }[] };
    expect(body.list.length).toBeGreaterThan(0);
    expect(body.list.every((p) => p.companyId === '20150901000001')).toBe(true);
  });

  it('an empty value is null: a required parameter sent empty is missing', async () => {
    const res = await t().form(LOGIN, { phone_number: CUSTOMER.phoneNumber, password: '' });
    expect(json(res)).toMatchObject({ success: false, code: 'PARAM_MISSING', message: '缺少参数: password' });
  });

  it('an empty optional parameter is ignored (#22 with companyId= lists all products)', async () => {
    const all = json(await t().form('/order/queryProductController', {})) as unknown as { list: unknown[] };
    const empty = json(await t().form('/order/queryProductController', { companyId: '' })) as unknown as { list: unknown[] };
    expect(empty.list).toEqual(all.list);
  });

  it('unknown parameters are accepted, ignored and recorded in the journal', async () => {
    const res = await t().form(LOGIN, { phone_number: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD, remember: 'true', _: '1441072800000' });
    expect(json(res).success).toBe(true);
    const { body } = await t().admin<{ requests: { operationId: string; unknownParams: Record<string, string>; params: Record<string, string> }[] }>('GET', '/__mock/requests?limit=1');
    expect(body.requests[0]).toMatchObject({ operationId: 'customerLogin', unknownParams: { remember: 'true', _: '1441072800000' } });
    expect(body.requests[0]!.params.password).toBe('***');
  });

  it('a parameter given twice, or an object, is refused naming it', async () => {
    const twice = await t().app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'phone_number=13800000001&phone_number=13800000002&password=x' });
    expect(json(twice)).toMatchObject({ success: false, code: 'PARAM_INVALID' });
    expect(json(twice).message).toContain('phone_number');
    const obj = await t().app.inject({ method: 'POST', url: LOGIN, payload: { phone_number: { a: 1 }, password: 'abcdef' } });
    expect(json(obj)).toMatchObject({ success: false, code: 'PARAM_INVALID' });
    expect(json(obj).message).toContain('phone_number');
  });

  it('a wrong type or pattern is PARAM_INVALID naming the parameter', async () => {
    const res = await t().form(LOGIN, { phone_number: '12345', password: CUSTOMER_PASSWORD });
    expect(json(res)).toMatchObject({ success: false, code: 'PARAM_INVALID' });
    expect(json(res).message).toMatch(/^参数格式不正确: phone_number/);
  });

  it('CORS is open, preflight answered', async () => {
    const res = await t().form(LOGIN, {});
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const pre = await t().app.inject({ method: 'OPTIONS', url: LOGIN, headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST' } });
    expect(pre.statusCode).toBeLessThan(300);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('transport failures carry the envelope', () => {
  it.each([
    ['unknown route', { method: 'POST' as const, url: '/user/NoSuchController' }, 404, 'NOT_FOUND'],
    ['unknown route, GET', { method: 'GET' as const, url: '/' }, 404, 'NOT_FOUND'],
    ['wrong method', { method: 'DELETE' as const, url: LOGIN }, 405, 'METHOD_NOT_ALLOWED'],
    ['wrong method PUT', { method: 'PUT' as const, url: LOGIN, payload: {} }, 405, 'METHOD_NOT_ALLOWED'],
    ['unparseable JSON', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '{"phone_number":' }, 400, 'BODY_UNPARSEABLE'],
    ['a JSON array body', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '[1,2]' }, 400, 'BODY_UNPARSEABLE'],
    ['a JSON number body', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '123' }, 400, 'BODY_UNPARSEABLE'],
    ['a JSON boolean body', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/json' }, payload: 'true' }, 400, 'BODY_UNPARSEABLE'],
    ['a JSON null body', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/json' }, payload: 'null' }, 400, 'BODY_UNPARSEABLE'],
    ['a JSON string body', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '"phone_number=1"' }, 400, 'BODY_UNPARSEABLE'],
    ['wrong content type', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'text/plain' }, payload: 'phone_number=1' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['xml', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/xml' }, payload: '<a/>' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['broken multipart', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'multipart/form-data' }, payload: 'garbage' }, 400, 'BODY_UNPARSEABLE'],
    ['body over 1 MiB', { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `password=${'x'.repeat(1024 * 1024 + 10)}` }, 413, 'PAYLOAD_TOO_LARGE'],
    ['internal error', { method: 'POST' as const, url: '/__test/boom' }, 500, 'INTERNAL_ERROR'],
  ])('%s', async (_name, req, status, code) => {
    const res = await t().app.inject(req);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = json(res);
    expect(body).toEqual({ success: false, obj: null, list: null, message: expect.any(String), code, token: null });
    expect(body.message!.length).toBeGreaterThan(0);
    expect(res.body).not.toContain('statusCode'); // Fastify's own error shape never leaks
  });

  it.each([
    ['123', 'a number'],
    ['true', 'a boolean'],
    ['null', 'null'],
    ['"x"', 'a string'],
    ['[]', 'an array'],
  ])('a JSON body %s is refused naming what it is, and changes nothing (no order id reserved)', async (payload, kind) => {
    const before = Object.keys((await t().admin<{ state: { orders: { reservedOrderIds: object } } }>('GET', '/__mock/state')).body.state.orders.reservedOrderIds).length;
    const res = await t().app.inject({ method: 'POST', url: '/order/getOrderIdController', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ success: false, code: 'BODY_UNPARSEABLE', obj: null });
    expect(json(res).message).toContain(`not ${kind}`);
    const after = Object.keys((await t().admin<{ state: { orders: { reservedOrderIds: object } } }>('GET', '/__mock/state')).body.state.orders.reservedOrderIds).length;
    expect(after).toBe(before);
  });

  it.each([
    ['no headers', {}],
    ['an Origin only', { origin: 'http://a.example' }],
  ])('OPTIONS that is no CORS preflight (%s) -> 405 with the envelope, on operations and unknown paths', async (_name, headers) => {
    for (const url of [LOGIN, '/order/queryProductController', '/no/such/path']) {
      const res = await t().app.inject({ method: 'OPTIONS', url, headers });
      expect(res.statusCode, url).toBe(405);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(json(res)).toEqual({ success: false, obj: null, list: null, message: expect.stringContaining('OPTIONS'), code: 'METHOD_NOT_ALLOWED', token: null });
    }
  });

  it('a multipart text field over 1 MiB is refused (413), never bound cut; exactly 1 MiB is bound whole', async () => {
    const boundary = '----partywo-big';
    const body = (fields: Record<string, string>) =>
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') + `--${boundary}--\r\n`;
    const send = (fields: Record<string, string>) =>
      t().app.inject({ method: 'POST', url: '/order/queryProductController', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body(fields) });
    for (const big of ['x'.repeat(1024 * 1024 + 16), '中'.repeat(400_000)]) {
      const res = await send({ padding: big });
      expect(res.statusCode).toBe(413);
      expect(json(res)).toMatchObject({ success: false, code: 'PAYLOAD_TOO_LARGE' });
    }
    const whole = await send({ padding: 'y'.repeat(1024 * 1024) });
    expect(json(whole)).toMatchObject({ success: true });
    // the journal keeps a cut summary of a long value, not the whole MiB
    const { body: j } = await t().admin<{ requests: { unknownParams: Record<string, string> }[] }>('GET', '/__mock/requests?limit=1');
    const kept = j.requests[0]!.unknownParams.padding!;
    expect(kept.length).toBeLessThan(2048);
    expect(kept).toMatch(/^y+\.\.\.\(1048576 chars\)$/);
  });

  it('an empty JSON body is an empty parameter set (not a parse error)', async () => {
    const res = await t().app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ success: false, code: 'PARAM_MISSING' });
  });

  it('an empty form body is an empty parameter set', async () => {
    const res = await t().form('/order/queryCompanyController', {});
    expect(json(res)).toMatchObject({ success: true });
  });
});
