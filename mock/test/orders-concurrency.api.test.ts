// "At most once" under concurrency: many identical requests in flight at once (Promise.all over
// app.inject) change the state exactly once.
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helper';
import { ok, payLikeTheClient } from './orders-client';

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });

interface StateDump {
  state: { orders: { repaymentRecords: Record<string, { orderId: string; status: string }>; approveRecords: Record<string, { orderId: string; stage: string }>; ledger: { kind: string; orderId: string; repaymentRecordId: string | null }[]; payments: Record<string, { callbacksReceived: number; status: string }> } };
}

async function dump() {
  return (await t().admin<StateDump>('GET', '/__mock/state')).body.state.orders;
}

describe('concurrency', () => {
  it('50 concurrent disbursements of one order -> one loan, one schedule, one ledger entry', async () => {
    const ids = await t().scenario('an order waiting for loan', { fenQiTimes: 12 });
    const form = { orderId: ids.orderId!, login_token: ids.finance_login_token!, approvePerson: ids.finance_usersId!, approveName: '财务', approveResult: 'true', approveRemarks: '' };
    const answers = await Promise.all(Array.from({ length: 50 }, () => t().call('loanByOrderId', form)));
    const outcomes = answers.map((a) => (a.body.success ? 'ok' : a.body.code));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'ORDER_STATUS_INVALID')).toHaveLength(49);
    const s = await dump();
    expect(Object.values(s.repaymentRecords).filter((r) => r.orderId === ids.orderId)).toHaveLength(12);
    expect(Object.values(s.approveRecords).filter((r) => r.orderId === ids.orderId && r.stage === 'loan')).toHaveLength(1);
    expect(s.ledger.filter((e) => e.orderId === ids.orderId && e.kind === 'disbursement')).toHaveLength(1);
    const schedule = await ok(t(), 'getRepaymentRecordByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! });
    expect(schedule.list).toHaveLength(12);
  });

  it('50 concurrent seller approvals -> one approval record, one transition', async () => {
    const ids = await t().scenario('an order awaiting seller approval');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t().call('sellerApproveOrder', { orderId: ids.orderId!, login_token: ids.seller_login_token!, approvePerson: ids.seller_usersId!, approveName: '王芳', approveResult: i % 2 ? 'true' : 'false', approveRemarks: '' }),
      ),
    );
    expect(answers.filter((a) => a.body.success)).toHaveLength(1);
    const records = await ok(t(), 'getApproveRecordsByOrderId', { login_token: ids.seller_login_token!, orderId: ids.orderId! });
    expect(records.list).toHaveLength(1);
    const status = (await ok(t(), 'queryOrdersByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).obj.status;
    // the one that won decided: pass (100503) or reject (100509), and that is what the record says
    expect(status).toBe(records.list![0].approveResult ? '100503' : '100509');
  });

  it('50 concurrent risk approvals -> one approval record', async () => {
    const ids = await t().scenario('an order awaiting risk approval');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => t().call('riskManagementApproveOrder', { orderId: ids.orderId!, login_token: ids.risk_login_token!, approvePerson: ids.risk_usersId!, approveResult: 'true' })),
    );
    expect(answers.filter((a) => a.body.success)).toHaveLength(1);
    const s = await dump();
    expect(Object.values(s.approveRecords).filter((r) => r.orderId === ids.orderId && r.stage === 'risk')).toHaveLength(1);
  });

  it('100 concurrent identical callbacks -> one credit, one ledger entry; the pending notice changes nothing either', async () => {
    const ids = await t().scenario('a loan with N of M instalments paid', { n: 0, m: 3 });
    const c = { token: ids.login_token!, customerId: ids.customerId!, phone: ids.phoneNumber! };
    const recordId = (ids.repaymentRecordIds as unknown as string[])[0]!;
    const paymentId = await payLikeTheClient(t(), c, recordId);
    const answers = await Promise.all(Array.from({ length: 100 }, () => t().call('repaymentDoneByRepaymentRecordId', { repaymentRecordId: recordId, orderid: paymentId })));
    expect(answers.every((a) => a.body.success)).toBe(true);
    expect(answers.filter((a) => a.body.message === '还款成功')).toHaveLength(1);
    expect(answers.filter((a) => a.body.message === '还款已处理')).toHaveLength(99);
    const flushed = await t().admin<{ delivered: number }>('POST', '/__mock/payments/flush');
    expect(flushed.body.delivered).toBe(1);
    const s = await dump();
    expect(s.ledger.filter((e) => e.repaymentRecordId === recordId)).toHaveLength(1);
    expect(s.repaymentRecords[recordId]!.status).toBe('101902');
    expect(s.payments[paymentId]).toMatchObject({ status: 'succeeded', callbacksReceived: 101 });
    const order = (await ok(t(), 'queryOrdersByOrderId', { login_token: c.token, orderId: ids.orderId! })).obj;
    expect(order.noRepaymentTimes).toBe(2);
  });

  it('concurrent #41 + #43 for one record: one payment in flight at most', async () => {
    const ids = await t().scenario('a loan with N of M instalments paid', { n: 0, m: 3 });
    const c = { token: ids.login_token!, customerId: ids.customerId!, phone: ids.phoneNumber! };
    const recordId = (ids.repaymentRecordIds as unknown as string[])[0]!;
    const paymentId = await payLikeTheClient(t(), c, recordId);
    const again = await Promise.all(
      Array.from({ length: 20 }, () => t().call('sendBindRequest', { login_token: c.token, customerId: c.customerId, repaymentRecordId: recordId, bindBankCardId: ids.bindBankCardId! })),
    );
    expect(again.every((a) => a.body.code === 'PAYMENT_IN_PROGRESS')).toBe(true);
    const pending = await t().admin<{ payments: { paymentId: string; repaymentRecordId: string }[] }>('GET', '/__mock/payments');
    expect(pending.body.payments.filter((p) => p.repaymentRecordId === recordId).map((p) => p.paymentId)).toEqual([paymentId]);
  });
});
