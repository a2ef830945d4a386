// Fault injection through the admin API: rules are listed, added (201 with an id), refused with a clear
// message, removed one by one or all at once; they give forced business failures, HTTP 500 envelopes,
// latency (checked with fake timers, never real time) and dropped connections (a real socket); the
// admin API is never faulted, rules belong to one session, and random choices follow the seed.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app';
import { formBody, useTestApp } from './helper';

const t = useTestApp();

const COMPANY = '20150901000001';

async function product(prefix = '', headers: Record<string, string> = {}) {
  const res = await t().app.inject({ method: 'POST', url: `${prefix}/order/queryProductController`, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: formBody({ companyId: COMPANY }) });
  return { status: res.statusCode, body: JSON.parse(res.body) as { success: boolean; code: string | null; message: string | null; list: unknown[] | null } };
}

afterEach(async () => {
  await t().admin('DELETE', '/__mock/faults');
  vi.useRealTimers();
});

describe('fault rules through the admin API', () => {
  it('adds (201 with an id), lists in the order they apply, removes one by id and then all', async () => {
    expect(await t().admin('GET', '/__mock/faults')).toEqual({ status: 200, body: { faults: [] } });
    const a = await t().admin('POST', '/__mock/faults', { latencyMs: 0 });
    expect(a).toEqual({ status: 201, body: { id: 'f1', latencyMs: 0 } });
    const b = await t().admin('POST', '/__mock/faults', { operationId: 'sendValidateMessage', failure: { message: '短信通道故障' } });
    expect(b).toEqual({ status: 201, body: { id: 'f2', operationId: 'sendValidateMessage', failure: { message: '短信通道故障', code: 'FAULT_INJECTED' } } });
    expect((await t().admin<{ faults: { id: string }[] }>('GET', '/__mock/faults')).body.faults.map((f) => f.id)).toEqual(['f2', 'f1']);
    expect(await t().admin('DELETE', '/__mock/faults?id=f9')).toMatchObject({ status: 404, body: { code: 'FAULT_NOT_FOUND', error: '该故障规则不存在: f9' } });
    expect(await t().admin('DELETE', '/__mock/faults?id=f2')).toEqual({ status: 200, body: { removed: 1 } });
    await t().admin('POST', '/__mock/faults', { errorRate: 0 });
    expect(await t().admin('DELETE', '/__mock/faults')).toEqual({ status: 200, body: { removed: 2 } });
    expect(await t().admin('DELETE', '/__mock/faults')).toEqual({ status: 200, body: { removed: 0 } });
  });

  it.each([
    [{}, 'at least one'],
    [{ operationId: 'noSuchOperation', latencyMs: 10 }, 'noSuchOperation'],
    [{ latencyMs: 10, latencyMaxMs: 5 }, 'latencyMaxMs'],
    [{ errorRate: 2 }, 'errorRate'],
    [{ failure: { message: 'x', code: 'bad code' } }, 'failure.code'],
    [{ latency: 10 }, 'unknown field latency'],
    [[1, 2], 'JSON'],
  ])('refuses %j with 400 naming the problem', async (body, text) => {
    const r = await t().admin<{ error: string; code: string }>('POST', '/__mock/faults', body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('PARAM_INVALID');
    expect(r.body.error).toContain(text);
    expect((await t().admin('GET', '/__mock/faults')).body).toEqual({ faults: [] });
  });
});

describe('what a rule does', () => {
  it('forced business failure: HTTP 200, success:false, the chosen message and code, on that operation only', async () => {
    await t().admin('POST', '/__mock/faults', { operationId: 'queryProduct', failure: { message: '套餐服务维护中', code: 'PRODUCTS_DOWN' } });
    expect(await product()).toEqual({ status: 200, body: { success: false, obj: null, list: null, message: '套餐服务维护中', code: 'PRODUCTS_DOWN', token: null } });
    expect((await t().call('queryCompany')).body.success).toBe(true);
    const journal = (await t().admin<{ requests: { operationId: string; response: { code: string } }[] }>('GET', '/__mock/requests?limit=2')).body.requests;
    expect(journal.find((r) => r.operationId === 'queryProduct')?.response.code).toBe('PRODUCTS_DOWN');
    await t().admin('DELETE', '/__mock/faults');
    expect((await product()).body.success).toBe(true);
  });

  it('the default code is FAULT_INJECTED', async () => {
    await t().admin('POST', '/__mock/faults', { operationId: 'queryProduct', failure: { message: '获取套餐失败' } });
    expect((await product()).body).toMatchObject({ success: false, code: 'FAULT_INJECTED', message: '获取套餐失败' });
  });

  it('error rate: HTTP 500 with the envelope (INTERNAL_ERROR), for every legacy operation of a global rule', async () => {
    await t().admin('POST', '/__mock/faults', { errorRate: 1 });
    const r = await product();
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ success: false, code: 'INTERNAL_ERROR', list: null });
    expect(r.body.message).toMatch(/故障注入 \(fault f\d+\)/);
    expect((await t().call('queryCompany')).res.statusCode).toBe(500);
  });

  it('the admin API is never faulted', async () => {
    await t().admin('POST', '/__mock/faults', { errorRate: 1, dropRate: 1, latencyMs: 60000 });
    expect(await t().admin('GET', '/__mock/health')).toEqual({ status: 200, body: { ok: true } });
    expect((await t().admin('GET', '/__mock/clock')).status).toBe(200);
  });

  it('latency: the answer waits exactly latencyMs (fake timers, no real waiting)', async () => {
    await t().admin('POST', '/__mock/faults', { operationId: 'queryProduct', latencyMs: 5000 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let done = false;
    const pending = product().then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const r = await pending;
    expect(done).toBe(true);
    expect(r.body.success).toBe(true);
    // another operation is not delayed
    expect((await t().call('queryCompany')).body.success).toBe(true);
  });

  it('a latency range waits between latencyMs and latencyMaxMs, and a forced failure still comes after the delay', async () => {
    await t().admin('POST', '/__mock/faults', { operationId: 'queryProduct', latencyMs: 1000, latencyMaxMs: 2000, failure: { message: '慢且失败' } });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let done = false;
    const pending = product().then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1001);
    expect(done).toBe(true);
    expect((await pending).body).toMatchObject({ success: false, message: '慢且失败' });
  });

  it('rules belong to one session: the default session and others are untouched', async () => {
    expect((await t().admin('POST', '/s/alice/__mock/faults', { errorRate: 1 })).status).toBe(201);
    expect((await product('/s/alice')).status).toBe(500);
    expect((await product('', { 'x-mock-session': 'alice' })).status).toBe(500);
    expect((await product()).status).toBe(200);
    expect((await product('/s/bob')).status).toBe(200);
    expect((await t().admin('GET', '/__mock/faults')).body).toEqual({ faults: [] });
    expect((await t().admin<{ faults: unknown[] }>('GET', '/s/alice/__mock/faults')).body.faults).toHaveLength(1);
    await t().admin('DELETE', '/__mock/sessions/alice');
    await t().admin('DELETE', '/__mock/sessions/bob');
  });

  it('random choices follow the seed: the same rule gives the same sequence of failures', async () => {
    const pattern = async (prefix: string) => {
      await t().admin('POST', `${prefix}/__mock/faults`, { operationId: 'queryProduct', errorRate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await product(prefix)).status);
      return out;
    };
    const first = await pattern('/s/seeded');
    await t().admin('DELETE', '/__mock/sessions/seeded');
    const again = await pattern('/s/seeded');
    expect(again).toEqual(first);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    await t().admin('DELETE', '/__mock/sessions/seeded');
  });
});

describe('--latency and dropped connections (real sockets)', () => {
  it('--latency adds a global rule cli-latency to every session, which the admin API lists and clears', async () => {
    const app = await buildApp({ clockStart: '2015-09-01T02:00:00.000Z', latency: '100-300' });
    try {
      for (const url of ['/__mock/faults', '/s/carol/__mock/faults']) {
        const r = await app.inject({ method: 'GET', url });
        expect(JSON.parse(r.body)).toEqual({ faults: [{ id: 'cli-latency', latencyMs: 100, latencyMaxMs: 300 }] });
      }
      expect(JSON.parse((await app.inject({ method: 'DELETE', url: '/__mock/faults' })).body)).toEqual({ removed: 1 });
      expect(JSON.parse((await app.inject({ method: 'GET', url: '/s/carol/__mock/faults' })).body).faults).toHaveLength(1);
    } finally {
      await app.close();
    }
    await expect(buildApp({ latency: 'soon' })).rejects.toThrow(/invalid latency/);
  });

  it('dropRate 1 closes the connection without an answer; other operations still answer', async () => {
    const app = await buildApp({ clockStart: '2015-09-01T02:00:00.000Z' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const post = (path: string, body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close' } }, (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      const add = await app.inject({ method: 'POST', url: '/__mock/faults', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ operationId: 'queryProduct', dropRate: 1 }) });
      expect(add.statusCode).toBe(201);
      await expect(post('/order/queryProductController', `companyId=${COMPANY}`)).rejects.toThrow(/socket hang up|ECONNRESET/);
      const journal = JSON.parse((await app.inject({ method: 'GET', url: '/__mock/requests?limit=1' })).body) as { requests: { operationId: string; status: number; response: { code: string } }[] };
      expect(journal.requests[0]).toMatchObject({ operationId: 'queryProduct', status: 0, response: { code: 'FAULT_INJECTED' } });
      const other = await post('/order/queryCompanyController', '');
      expect(other.status).toBe(200);
      expect(JSON.parse(other.body)).toMatchObject({ success: true });
      await app.inject({ method: 'DELETE', url: '/__mock/faults' });
      expect(JSON.parse((await post('/order/queryProductController', `companyId=${COMPANY}`)).body)).toMatchObject({ success: true });
    } finally {
      await app.close();
    }
  });
});
