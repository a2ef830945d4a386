// The admin API answers exactly what openapi/mock-admin.yaml says. The helper validates EVERY /__mock answer
// of every api test against openapi/generated/mock-admin.json; this file drives each admin route into each
// documented answer (payments in flight, both notice kinds, both ledger kinds included) and proves that
// the check bites: the documented schemas are closed and pin the statuses the mock really uses.
import { describe, expect, it } from 'vitest';
import { MAGIC_CARDS } from '../domain/payments/cards';
import type { TestApp } from './helper';
import { adminResponseValidator, buildTestApp, loadAdminSpec, useTestApp } from './helper';
import { payLikeTheClient } from './orders-client';

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });
const card = (outcome: string) => MAGIC_CARDS.find((c) => c.outcome === outcome)!.cardNo;

function admin() {
  const spec = loadAdminSpec();
  if (!spec) throw new Error('openapi/generated/mock-admin.json is missing: run `npm run spec:types`');
  return spec;
}

/** Validates `body` as the documented answer; returns the Ajv error lines (empty when valid). */
function errorsOf(method: string, template: string, status: number, body: unknown): string[] {
  const v = adminResponseValidator(admin(), method, template, status);
  if (typeof v === 'string') return [v];
  return v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? e.keyword}`);
}

/** A loan of 3 instalments, none paid, whose card has `outcome`; the first instalment paid like the client. */
async function payFirst(app: TestApp, outcome: string): Promise<{ paymentId: string; recordId: string }> {
  const ids = await app.scenario('a loan with N of M instalments paid', { n: 0, m: 3, cardno: card(outcome) });
  const recordId = (ids.repaymentRecordIds as unknown as string[])[0]!;
  const paymentId = await payLikeTheClient(app, { token: ids.login_token!, customerId: ids.customerId!, phone: ids.phoneNumber! }, recordId);
  return { paymentId, recordId };
}

type Payments = { payments: Record<string, unknown>[]; callbacks: Record<string, unknown>[] };
type Ledger = { entries: Record<string, unknown>[] };

describe('mock-admin.yaml describes what the mock sends', () => {
  it('every documented admin operation is served', () => {
    const missing: string[] = [];
    for (const [template, item] of Object.entries(admin().doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item).filter((m) => ['get', 'post', 'put', 'delete'].includes(m))) {
        const url = template.replace(/\{([^}]+)\}/g, ':$1');
        if (!t().app.hasRoute({ method: method.toUpperCase() as 'GET', url })) missing.push(`${method.toUpperCase()} ${template}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('payments in flight, both notice kinds, flush, and a ledger with a disbursement and repayments', async () => {
    await t().admin('POST', '/__mock/reset');
    const success = await payFirst(t(), 'success');
    const declined = await payFirst(t(), 'declined');
    await payFirst(t(), 'duplicate');

    const payments = await t().admin<Payments>('GET', '/__mock/payments');
    expect(payments.status).toBe(200);
    expect(errorsOf('GET', '/__mock/payments', 200, payments.body)).toEqual([]);
    expect(payments.body.payments.map((p) => p.status)).toEqual(['processing', 'processing', 'processing']);
    expect(payments.body.payments.find((p) => p.paymentId === success.paymentId)).toMatchObject({ outcome: 'success', callbacksReceived: 0, errorcode: null, finishedAt: null, confirmedAt: expect.any(String) });
    expect(payments.body.callbacks.map((c) => c.kind).sort()).toEqual(['callback', 'callback', 'callback', 'decline']);
    expect(payments.body.callbacks.find((c) => c.paymentId === declined.paymentId)).toMatchObject({ kind: 'decline', outcome: 'declined', delayMs: 10 * 60_000, callbackId: expect.any(String) });

    const flush = await t().admin<{ delivered: number }>('POST', '/__mock/payments/flush');
    expect(flush).toEqual({ status: 200, body: { delivered: 4 } });
    expect(errorsOf('POST', '/__mock/payments/flush', 200, flush.body)).toEqual([]);
    expect((await t().admin<Payments>('GET', '/__mock/payments')).body).toEqual({ payments: [], callbacks: [] });

    const ledger = await t().admin<Ledger>('GET', '/__mock/ledger');
    expect(errorsOf('GET', '/__mock/ledger', 200, ledger.body)).toEqual([]);
    const disbursement = ledger.body.entries.find((e) => e.kind === 'disbursement')!;
    expect(disbursement).toMatchObject({ direction: 'out', principal: disbursement.amount, fee: '0.00', overdueInterest: '0.00' });
    for (const absent of ['repaymentRecordId', 'paymentId', 'bindBankCardId']) expect(disbursement).not.toHaveProperty(absent);
    const repayment = ledger.body.entries.find((e) => e.paymentId === success.paymentId)!;
    expect(repayment).toMatchObject({ kind: 'repayment', direction: 'in', repaymentRecordId: success.recordId, bindBankCardId: expect.any(String), principal: expect.any(String), fee: expect.any(String) });
    // declined: no entry; duplicate: one entry for two callbacks
    expect(ledger.body.entries.filter((e) => e.kind === 'repayment')).toHaveLength(2);

    // the schemas are closed and pin the real values: a drift in the mock would fail the central check
    const p = payments.body.payments[0]!;
    const cb = payments.body.callbacks[0]!;
    expect(errorsOf('GET', '/__mock/payments', 200, { payments: [{ ...p, status: 'paid' }], callbacks: [] })).not.toEqual([]);
    expect(errorsOf('GET', '/__mock/payments', 200, { payments: [{ ...p, extra: 1 }], callbacks: [] })).not.toEqual([]);
    expect(errorsOf('GET', '/__mock/payments', 200, { payments: [], callbacks: [{ ...cb, kind: 'refund' }] })).not.toEqual([]);
    const { delayMs: _delay, ...withoutDelay } = cb;
    expect(errorsOf('GET', '/__mock/payments', 200, { payments: [], callbacks: [withoutDelay] })).not.toEqual([]);
    expect(errorsOf('GET', '/__mock/ledger', 200, { entries: [{ ...disbursement, repaymentRecordId: null }] })).not.toEqual([]);
    expect(errorsOf('GET', '/__mock/ledger', 200, { entries: [{ ...disbursement, paymentId: success.paymentId }] })).not.toEqual([]);
    const { bindBankCardId: _card, ...repaymentWithoutCard } = repayment;
    expect(errorsOf('GET', '/__mock/ledger', 200, { entries: [repaymentWithoutCard] })).not.toEqual([]);
    expect(t().violations).toEqual([]);
  });

  it('the other admin answers, success and failure, validate (the helper checks each one)', async () => {
    const calls: [method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, status: number, body?: unknown][] = [
      ['GET', '/__mock/health', 200],
      ['POST', '/__mock/reset', 200],
      ['GET', '/__mock/sms', 200],
      ['GET', '/__mock/captchas/never-issued', 404],
      ['GET', '/__mock/clock', 200],
      ['POST', '/__mock/clock', 200, { advanceSeconds: 60 }],
      ['POST', '/__mock/clock', 400, { advanceSeconds: -1 }],
      ['GET', '/__mock/requests?limit=5', 200],
      ['GET', '/__mock/requests?limit=0', 400],
      ['GET', '/__mock/scenarios', 200],
      ['POST', `/__mock/scenarios/${encodeURIComponent('a logged-in customer')}`, 200, {}],
      ['POST', `/__mock/scenarios/${encodeURIComponent('a loan with N of M instalments paid')}`, 400, { m: 7 }],
      ['POST', '/__mock/scenarios/no-such-scenario', 404, {}],
      ['GET', '/__mock/accounts', 200],
      ['PUT', '/__mock/state', 400, { schemaVersion: 99, clock: { now: '2015-09-01T02:00:00.000Z' }, state: {} }],
      ['GET', '/__mock/no-such-admin-route', 404],
    ];
    for (const [method, url, status, body] of calls) {
      const res = await t().admin(method, url, body);
      expect({ url, status: res.status }).toEqual({ url, status });
    }
    await t().captcha('admin-spec-key');
    expect((await t().admin('GET', '/__mock/captchas/admin-spec-key')).status).toBe(200);
    const snapshot = await t().admin('GET', '/__mock/state');
    expect((await t().admin('PUT', '/__mock/state', snapshot.body)).status).toBe(200);
    expect(t().violations).toEqual([]);
  });

  it('401 and 403 of the admin token are documented answers', async () => {
    const app = await buildTestApp({ adminToken: 'admin-spec-token' });
    try {
      for (const url of ['/__mock/health', '/__mock/payments', '/__mock/ledger']) {
        expect((await app.app.inject({ method: 'GET', url })).statusCode).toBe(401);
        expect((await app.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(403);
        expect((await app.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer admin-spec-token' } })).statusCode).toBe(200);
      }
      expect(app.violations).toEqual([]);
    } finally {
      await app.app.close();
    }
  });
});
