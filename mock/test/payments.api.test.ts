// The simulated payment platform over HTTP: the magic test cards' outcomes as the client sees them
// (status poll) and as the admin API shows them, real-time delivery, and pending notices surviving a
// snapshot restore.
import { describe, expect, it, vi } from 'vitest';
import { MAGIC_CARDS } from '../domain/payments/cards';
import { buildTestApp, useTestApp } from './helper';
import type { TestApp } from './helper';
import { ok, payLikeTheClient, poll } from './orders-client';

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });
const card = (outcome: string) => MAGIC_CARDS.find((c) => c.outcome === outcome)!.cardNo;

async function loanWith(app: TestApp, outcome: string) {
  const ids = await app.scenario('a loan with N of M instalments paid', { n: 0, m: 3, cardno: card(outcome) });
  const c = { token: ids.login_token!, customerId: ids.customerId!, phone: ids.phoneNumber! };
  const recordId = (ids.repaymentRecordIds as unknown as string[])[0]!;
  return { ids, c, recordId };
}

async function recordStatus(app: TestApp, ids: Record<string, string>, recordId: string): Promise<string> {
  const r = await ok(app, 'getRepaymentRecordByRepaymentRecordId', { login_token: ids.login_token!, repaymentRecordId: recordId });
  return r.obj.status;
}

async function ledgerFor(app: TestApp, recordId: string) {
  const { body } = await app.admin<{ entries: { repaymentRecordId?: string }[] }>('GET', '/__mock/ledger');
  return body.entries.filter((e) => e.repaymentRecordId === recordId);
}

describe('magic test cards', () => {
  it('success: status 2 before #43, 3 in flight, 1 after the callback; one ledger entry', async () => {
    const { ids, c, recordId } = await loanWith(t(), 'success');
    const paymentId = (await ok(t(), 'sendBindRequest', { login_token: c.token, customerId: c.customerId, repaymentRecordId: recordId, bindBankCardId: ids.bindBankCardId! })).obj;
    expect(await poll(t(), paymentId)).toMatchObject({ status: 2 });
    const again = await payLikeTheClient(t(), c, recordId); // the page reloaded: a new payment replaces the first
    expect(await poll(t(), paymentId)).toMatchObject({ status: 0, errorcode: 'CANCELLED' });
    expect(await poll(t(), again)).toMatchObject({ status: 3 });
    const { body } = await t().admin<{ payments: { paymentId: string; status: string; outcome: string }[]; callbacks: { paymentId: string; outcome: string; kind: string }[] }>('GET', '/__mock/payments');
    expect(body.payments.find((p) => p.paymentId === again)).toMatchObject({ status: 'processing', outcome: 'success' });
    expect(body.callbacks.filter((x) => x.paymentId === again)).toMatchObject([{ outcome: 'success', kind: 'callback' }]);
    expect((await t().admin<{ delivered: number }>('POST', '/__mock/payments/flush')).body.delivered).toBe(1);
    expect(await poll(t(), again)).toMatchObject({ status: 1 });
    expect(await recordStatus(t(), ids, recordId)).toBe('101902');
    expect(await ledgerFor(t(), recordId)).toHaveLength(1);
  });

  it('declined: status 0 with errorcode/errormsg, no credit, the instalment can be paid again', async () => {
    const { ids, c, recordId } = await loanWith(t(), 'declined');
    const paymentId = await payLikeTheClient(t(), c, recordId);
    await t().admin('POST', '/__mock/payments/flush');
    expect(await poll(t(), paymentId)).toEqual(expect.objectContaining({ status: 0, errorcode: 'DECLINED', errormsg: '支付失败: 银行卡余额不足' }));
    expect(await recordStatus(t(), ids, recordId)).toBe('101901');
    expect(await ledgerFor(t(), recordId)).toHaveLength(0);
    await ok(t(), 'sendBindRequest', { login_token: c.token, customerId: c.customerId, repaymentRecordId: recordId, bindBankCardId: ids.bindBankCardId! });
  });

  it('duplicate: two callbacks are delivered, one credit', async () => {
    const { ids, c, recordId } = await loanWith(t(), 'duplicate');
    const paymentId = await payLikeTheClient(t(), c, recordId);
    expect((await t().admin<{ callbacks: unknown[] }>('GET', '/__mock/payments')).body.callbacks).toHaveLength(2);
    expect((await t().admin<{ delivered: number }>('POST', '/__mock/payments/flush')).body.delivered).toBe(2);
    expect(await poll(t(), paymentId)).toMatchObject({ status: 1 });
    expect(await ledgerFor(t(), recordId)).toHaveLength(1);
    const journal = await t().admin<{ requests: { operationId: string; response: { message: string } }[] }>('GET', '/__mock/requests?limit=50');
    const notices = journal.body.requests.filter((r) => r.operationId === 'repaymentDoneByRepaymentRecordId').map((r) => r.response.message);
    expect(notices.slice(0, 2).sort()).toEqual(['还款已处理', '还款成功']);
    void ids;
  });

  it('late: the callback waits (60 s on the clock) until the clock passes it or a flush', async () => {
    const { ids, c, recordId } = await loanWith(t(), 'late');
    const paymentId = await payLikeTheClient(t(), c, recordId);
    const { body } = await t().admin<{ callbacks: { dueAt: string; delayMs: number }[] }>('GET', '/__mock/payments');
    expect(body.callbacks[0]!.delayMs).toBe(60_000);
    await t().admin('POST', '/__mock/clock', { advanceSeconds: 30 });
    expect(await poll(t(), paymentId)).toMatchObject({ status: 3 });
    await t().admin('POST', '/__mock/clock', { advanceSeconds: 31 });
    expect(await poll(t(), paymentId)).toMatchObject({ status: 1 });
    expect(await recordStatus(t(), ids, recordId)).toBe('101902');
  });

  it('never: nothing to deliver, the status stays 3 (处理中)', async () => {
    const { ids, c, recordId } = await loanWith(t(), 'never');
    const paymentId = await payLikeTheClient(t(), c, recordId);
    expect((await t().admin<{ callbacks: { paymentId: string }[] }>('GET', '/__mock/payments')).body.callbacks.filter((x) => x.paymentId === paymentId)).toEqual([]);
    await t().admin('POST', '/__mock/payments/flush');
    await t().admin('POST', '/__mock/clock', { advanceSeconds: 3600 });
    expect(await poll(t(), paymentId)).toMatchObject({ status: 3 });
    expect(await recordStatus(t(), ids, recordId)).toBe('101901');
    // a platform notice sent by hand (e.g. from a curl) still credits it: the payment is in flight
    await ok(t(), 'repaymentDoneByRepaymentRecordId', { repaymentRecordId: recordId, orderid: paymentId });
    expect(await poll(t(), paymentId)).toMatchObject({ status: 1 });
  });

  it('the #42/#43 document form (repaymentRecordId instead of orderid) names the same payment', async () => {
    const { c, recordId, ids } = await loanWith(t(), 'success');
    const paymentId = (await ok(t(), 'sendBindRequest', { login_token: c.token, customerId: c.customerId, repaymentRecordId: recordId, bindBankCardId: ids.bindBankCardId! })).obj;
    const key = '0000000a-0000-0000-0000-000000000001';
    const code = await t().captcha(key);
    await ok(t(), 'sendSmsByRepaymentRecordId', { login_token: c.token, img_validate_key: key, img_validate_code: code, repaymentRecordId: recordId });
    await ok(t(), 'smsConfirm', { login_token: c.token, validate_code: await t().smsCode(c.phone), repaymentRecordId: recordId });
    expect(await poll(t(), paymentId)).toMatchObject({ status: 3 });
  });
});

describe('delivery', () => {
  it('a callback arrives by itself after callbackDelayMs of real time', async () => {
    const app = await buildTestApp({ callbackDelayMs: 20 });
    try {
      const { ids, c, recordId } = await loanWith(app, 'success');
      const paymentId = await payLikeTheClient(app, c, recordId);
      await vi.waitFor(async () => expect(await poll(app, paymentId)).toMatchObject({ status: 1 }), { timeout: 5000, interval: 20 });
      expect(await recordStatus(app, ids, recordId)).toBe('101902');
      expect(app.violations).toEqual([]);
    } finally {
      await app.app.close();
    }
  });

  it('pending notices survive a snapshot restore and are delivered after it', async () => {
    await t().admin('POST', '/__mock/payments/flush'); // nothing left over from earlier tests
    const { ids, c, recordId } = await loanWith(t(), 'success');
    const paymentId = await payLikeTheClient(t(), c, recordId);
    const snap = (await t().admin('GET', '/__mock/state')).body;
    await t().admin('POST', '/__mock/reset');
    expect((await t().admin<{ callbacks: unknown[] }>('GET', '/__mock/payments')).body.callbacks).toEqual([]);
    expect((await t().admin('PUT', '/__mock/state', snap)).status).toBe(200);
    expect((await t().admin<{ callbacks: { paymentId: string }[] }>('GET', '/__mock/payments')).body.callbacks.map((x) => x.paymentId)).toEqual([paymentId]);
    expect((await t().admin<{ delivered: number }>('POST', '/__mock/payments/flush')).body.delivered).toBe(1);
    expect(await recordStatus(t(), ids, recordId)).toBe('101902');
    // the restored indexes serve the lists
    const list = await ok(t(), 'queryOrders', { login_token: ids.login_token!, status: '100500' });
    expect(list.list!.map((r) => r.orderId)).toEqual([ids.orderId]);
  });
});
