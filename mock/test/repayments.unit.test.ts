// The repayment machine (1019), the payment flow and the platform callback as given/when/then tables.
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../domain/orders/calendar';
import { amountDueFen, effectiveRepaymentStatus, loanByOrderId, overdueInterestFen, sweepOverdue } from '../domain/orders/loans';
import { confirmBindBankCard, getBindBankCardId, invokeBindBankCard } from '../domain/payments/binding';
import { MAGIC_CARDS } from '../domain/payments/cards';
import {
  DEFAULT_TIMING,
  PAYMENT_TIMEOUT_MS,
  confirmPayment,
  declinePayment,
  payStatusOf,
  repaymentDone,
  sendBindRequest,
  sendPaymentSms,
} from '../domain/payments/payment';
import { CARD, World, idNumber } from './orders-world';

const cardOf = (outcome: string) => MAGIC_CARDS.find((c) => c.outcome === outcome)!.cardNo;

function loan() {
  const w = new World();
  const orderId = w.orderIn('100507');
  const actor = w.customer();
  return { w, orderId, actor, records: () => w.records(orderId) };
}

describe('repayment records (1019): given/when/then', () => {
  it('given a fresh loan, then 12 records 101901, the order 100507 with next date/amount/count', () => {
    const { w, orderId, records } = loan();
    const rs = records();
    expect(rs).toHaveLength(12);
    expect(rs.every((r) => r.status === '101901')).toBe(true);
    const o = w.db.state.orders.orders[orderId]!;
    expect(o.status).toBe('100507');
    expect(o.noRepaymentTimes).toBe(12);
    expect(o.nextRepaymentTime).toBe(rs[0]!.expectRepaymentTime);
    expect(o.nextRepaymentMoneyFen).toBe(666_667 + 46_667);
    expect(rs.reduce((s, r) => s + r.principalFen, 0)).toBe(8_000_000);
    expect(rs.reduce((s, r) => s + r.feeFen, 0)).toBe(560_000);
  });

  it('given 101901, when the clock reaches the due day, then still 101901 (due all day)', () => {
    const { w, records } = loan();
    w.advance(records()[0]!.expectRepaymentTime + DAY_MS - 1 - w.now);
    expect(records()[0]!.status).toBe('101901');
  });

  it('given 101901, when the clock passes the due day, then 101903 and the order 100510; only the late ones', () => {
    const { w, orderId, records } = loan();
    w.advance(records()[1]!.expectRepaymentTime + DAY_MS - w.now);
    expect(records().map((r) => r.status).slice(0, 3)).toEqual(['101903', '101903', '101901']);
    expect(w.status(orderId)).toBe('100510');
    expect(overdueInterestFen(records()[0]!, w.now)).toBeGreaterThan(0);
  });

  it('the sweep is deterministic and idempotent (same now, nothing more to do)', () => {
    const { w, records } = loan();
    w.now = records()[0]!.expectRepaymentTime + DAY_MS;
    const a = w.ok((db, ctx) => sweepOverdue(db, {}, ctx));
    const b = w.ok((db, ctx) => sweepOverdue(db, {}, ctx));
    expect(a.repaymentRecordIds).toEqual([records()[0]!.repaymentRecordId]);
    expect(b.repaymentRecordIds).toEqual([]);
  });

  it('reads are right before the sweep runs (derived status)', () => {
    const { w, records } = loan();
    const r = records()[0]!;
    expect(effectiveRepaymentStatus(r, r.expectRepaymentTime + DAY_MS)).toBe('101903');
    expect(effectiveRepaymentStatus(r, r.expectRepaymentTime)).toBe('101901');
    void w;
  });

  it('given 101903, when paid, then 101902 with the penalty frozen, and the order back to 100507', () => {
    const { w, orderId, actor, records } = loan();
    w.bindCard(actor);
    w.advance(records()[0]!.expectRepaymentTime + 3 * DAY_MS - w.now);
    const due = amountDueFen(records()[0]!, w.now);
    expect(due).toBe(713_334 + Math.round((713_334 * 5 * 3) / 10_000));
    w.pay(actor, records()[0]!.repaymentRecordId);
    const r = records()[0]!;
    expect(r.status).toBe('101902');
    expect(r.paidOverdueInterestFen).toBe(Math.round((713_334 * 5 * 3) / 10_000));
    expect(w.status(orderId)).toBe('100507');
    w.advance(30 * DAY_MS);
    expect(records()[0]!.paidOverdueInterestFen).toBe(Math.round((713_334 * 5 * 3) / 10_000));
  });

  it('given two overdue records, when the first is paid, then the order stays 100510 until both are', () => {
    const { w, orderId, actor, records } = loan();
    w.bindCard(actor);
    w.advance(records()[1]!.expectRepaymentTime + DAY_MS - w.now);
    w.pay(actor, records()[0]!.repaymentRecordId);
    expect(w.status(orderId)).toBe('100510');
    w.pay(actor, records()[1]!.repaymentRecordId);
    expect(w.status(orderId)).toBe('100507');
    expect(w.db.state.orders.orders[orderId]!.noRepaymentTimes).toBe(10);
  });

  it('given the last unpaid record, when paid, then the order is 100508 with nothing next', () => {
    const w = new World();
    const orderId = w.orderIn('100508');
    const o = w.db.state.orders.orders[orderId]!;
    expect(o).toMatchObject({ status: '100508', noRepaymentTimes: 0, nextRepaymentTime: null, nextRepaymentMoneyFen: null });
    const repayments = w.db.state.orders.ledger.filter((e) => e.orderId === orderId && e.kind === 'repayment');
    expect(repayments).toHaveLength(12);
    expect(repayments.reduce((s, e) => s + e.principalFen + e.feeFen, 0)).toBe(8_560_000);
    expect(w.db.state.orders.ledger.filter((e) => e.kind === 'disbursement').map((e) => [e.direction, e.amountFen])).toEqual([['out', 8_000_000]]);
  });

  it('given 101902, when the clock moves on, then it stays 101902', () => {
    const { w, actor, records } = loan();
    w.bindCard(actor);
    w.pay(actor, records()[0]!.repaymentRecordId);
    w.advance(400 * DAY_MS);
    expect(records()[0]!.status).toBe('101902');
    expect(records()[1]!.status).toBe('101903');
  });
});

describe('paying: refused transitions', () => {
  it.each([
    ['#41 for a paid record', 'REPAYMENT_ALREADY_PAID'],
    ['#41 for a later record before the earlier one', 'REPAYMENT_OUT_OF_ORDER'],
    ["#41 for another customer's record", 'FORBIDDEN'],
    ['#41 without a bound card', 'NO_BOUND_CARD'],
    ["#41 with another customer's card", 'FORBIDDEN'],
    ['#41 while a payment is in flight', 'PAYMENT_IN_PROGRESS'],
    ['#43 before #42 sent the code', 'SMS_CODE_NOT_SENT'],
    ['#43 with a wrong code', 'SMS_CODE_INVALID'],
    ['#43 twice', 'PAYMENT_STATUS_INVALID'],
    ['#42 after #43', 'PAYMENT_STATUS_INVALID'],
    ["#42 on another customer's payment", 'FORBIDDEN'],
    ['#42 with a wrong captcha', 'CAPTCHA_INVALID'],
    ['#35 without a payment in flight', 'PAYMENT_NOT_IN_FLIGHT'],
    ['#35 for an unknown record', 'REPAYMENT_RECORD_NOT_FOUND'],
    ['#35 for a declined payment', 'PAYMENT_NOT_IN_FLIGHT'],
  ])('when %s, then %s, and no record, payment or ledger changes wrongly', (when, code) => {
    const { w, actor, records } = loan();
    const other = w.customer('201509010102');
    const r0 = records()[0]!.repaymentRecordId;
    const r1 = records()[1]!.repaymentRecordId;
    const captcha = () => w.captcha('cap-' + Math.random());
    if (when !== '#41 without a bound card') w.bindCard(actor);
    let check: () => void = () => {};
    switch (when) {
      case '#41 for a paid record':
        w.pay(actor, r0);
        w.fails(code, (db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        break;
      case '#41 for a later record before the earlier one':
        w.fails(code, (db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r1, bindBankCardId: null }, ctx));
        break;
      case "#41 for another customer's record":
        w.fails(code, (db, ctx) => sendBindRequest(db, { actor: other, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        break;
      case '#41 without a bound card':
        w.fails(code, (db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        break;
      case "#41 with another customer's card": {
        const card = w.bindCard(other, { ...CARD, cardno: '6217000000000006', phone: '13800000002' });
        w.fails(code, (db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: card }, ctx));
        break;
      }
      case '#41 while a payment is in flight':
        w.startPayment(actor, r0);
        w.fails(code, (db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        break;
      case '#43 before #42 sent the code': {
        const p = w.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        w.fails(code, (db, ctx) => confirmPayment(db, { actor, orderid: p.paymentId, repaymentRecordId: null, validateCode: '000000', timing: DEFAULT_TIMING }, ctx));
        check = () => expect(w.db.state.orders.payments[p.paymentId]!.status).toBe('created');
        break;
      }
      case '#43 with a wrong code': {
        w.now += 61_000;
        const p = w.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        const c = captcha();
        w.ok((db, ctx) => sendPaymentSms(db, { actor, orderid: null, repaymentRecordId: r0, captcha: c }, ctx));
        const right = w.smsCode(CARD.phone, 'payment');
        const wrong = right === '000000' ? '111111' : '000000';
        w.fails(code, (db, ctx) => confirmPayment(db, { actor, orderid: p.paymentId, repaymentRecordId: null, validateCode: wrong, timing: DEFAULT_TIMING }, ctx));
        check = () => expect(w.db.state.orders.payments[p.paymentId]!.status).toBe('smsSent');
        break;
      }
      case '#43 twice': {
        w.now += 61_000;
        const paymentId = w.startPayment(actor, r0);
        w.fails(code, (db, ctx) => confirmPayment(db, { actor, orderid: paymentId, repaymentRecordId: null, validateCode: '000000', timing: DEFAULT_TIMING }, ctx));
        break;
      }
      case '#42 after #43': {
        w.now += 61_000;
        const paymentId = w.startPayment(actor, r0);
        w.now += 61_000;
        w.fails(code, (db, ctx) => sendPaymentSms(db, { actor, orderid: paymentId, repaymentRecordId: null, captcha: captcha() }, ctx));
        break;
      }
      case "#42 on another customer's payment": {
        const p = w.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        w.fails(code, (db, ctx) => sendPaymentSms(db, { actor: other, orderid: p.paymentId, repaymentRecordId: null, captcha: captcha() }, ctx));
        break;
      }
      case '#42 with a wrong captcha': {
        const p = w.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: null }, ctx));
        const c = captcha();
        w.fails(code, (db, ctx) => sendPaymentSms(db, { actor, orderid: p.paymentId, repaymentRecordId: null, captcha: { imageKey: c.imageKey, answer: 'zzzz' } }, ctx));
        check = () => expect(w.db.state.orders.payments[p.paymentId]!.status).toBe('created');
        break;
      }
      case '#35 without a payment in flight':
        w.fails(code, (db, ctx) => repaymentDone(db, { repaymentRecordId: r0 }, ctx));
        break;
      case '#35 for an unknown record':
        w.fails(code, (db, ctx) => repaymentDone(db, { repaymentRecordId: '209901010001' }, ctx));
        break;
      case '#35 for a declined payment': {
        w.now += 61_000;
        const card = w.bindCard(actor, { ...CARD, cardno: cardOf('declined') });
        const p = w.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: card }, ctx));
        w.now += 61_000;
        w.ok((db, ctx) => sendPaymentSms(db, { actor, orderid: p.paymentId, repaymentRecordId: null, captcha: captcha() }, ctx));
        const validateCode = w.smsCode(CARD.phone, 'payment');
        const out = w.ok((db, ctx) => confirmPayment(db, { actor, orderid: p.paymentId, repaymentRecordId: null, validateCode, timing: DEFAULT_TIMING }, ctx));
        expect(out.callbacks.map((c) => c.kind)).toEqual(['decline']);
        w.fails(code, (db, ctx) => repaymentDone(db, { repaymentRecordId: r0 }, ctx));
        w.ok((db, ctx) => declinePayment(db, { paymentId: p.paymentId }, ctx));
        const pay = w.db.state.orders.payments[p.paymentId]!;
        expect(payStatusOf(pay)).toBe(0);
        expect(pay.errormsg).toBe('支付失败: 银行卡余额不足');
        break;
      }
      default:
        throw new Error(when);
    }
    check();
    const paid = records().filter((r) => r.status === '101902').length;
    expect(w.db.state.orders.ledger.filter((e) => e.kind === 'repayment')).toHaveLength(paid);
  });
});

describe('the callback (#35)', () => {
  it('credits exactly once: a repeated notice is acknowledged and changes nothing', () => {
    const { w, actor, records } = loan();
    w.bindCard(actor);
    w.now += 61_000;
    const r0 = records()[0]!.repaymentRecordId;
    const paymentId = w.startPayment(actor, r0);
    expect(payStatusOf(w.db.state.orders.payments[paymentId]!)).toBe(3);
    const first = w.ok((db, ctx) => repaymentDone(db, { repaymentRecordId: r0 }, ctx));
    const snapshot = JSON.stringify({ ...w.db.state.orders, payments: null });
    const second = w.ok((db, ctx) => repaymentDone(db, { repaymentRecordId: r0 }, ctx));
    expect([first.credited, second.credited]).toEqual([true, false]);
    expect(JSON.stringify({ ...w.db.state.orders, payments: null })).toBe(snapshot);
    expect(w.db.state.orders.ledger.filter((e) => e.kind === 'repayment')).toHaveLength(1);
    expect(w.db.state.orders.payments[paymentId]!.callbacksReceived).toBe(2);
    expect(payStatusOf(w.db.state.orders.payments[paymentId]!)).toBe(1);
  });

  it.each([
    ['success', ['callback'], [3000]],
    ['declined', ['decline'], [3000]],
    ['duplicate', ['callback', 'callback'], [3000, 4000]],
    ['late', ['callback'], [60_000]],
    ['never', [], []],
  ])('the %s magic card schedules %j after %j ms', (outcome, kinds, delays) => {
    const { w, actor, records } = loan();
    const card = w.bindCard(actor, { ...CARD, cardno: cardOf(outcome) });
    w.now += 61_000;
    const p = w.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: records()[0]!.repaymentRecordId, bindBankCardId: card }, ctx));
    w.ok((db, ctx) => sendPaymentSms(db, { actor, orderid: p.paymentId, repaymentRecordId: null, captcha: w.captcha() }, ctx));
    const out = w.run((db, ctx) =>
      confirmPayment(db, { actor, orderid: null, repaymentRecordId: records()[0]!.repaymentRecordId, validateCode: w.smsCode(CARD.phone, 'payment'), timing: DEFAULT_TIMING }, ctx),
    );
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.callbacks.map((c) => c.kind)).toEqual(kinds);
    expect(out.value.callbacks.map((c) => c.delayMs)).toEqual(delays);
    expect(out.effects).toHaveLength(kinds.length);
    expect(Object.keys(w.db.state.orders.pendingCallbacks)).toHaveLength(kinds.length);
  });

  it('a payment never called back stops blocking the instalment after the timeout', () => {
    const { w, actor, records } = loan();
    const card = w.bindCard(actor, { ...CARD, cardno: cardOf('never') });
    w.now += 61_000;
    const r0 = records()[0]!.repaymentRecordId;
    w.startPayment(actor, r0, card);
    w.fails('PAYMENT_IN_PROGRESS', (db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: card }, ctx));
    w.now += PAYMENT_TIMEOUT_MS;
    w.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: r0, bindBankCardId: card }, ctx));
  });
});

describe('binding a card', () => {
  it.each([
    [{ cardno: '6222020000000008' }, 'CARD_NO_INVALID'],
    [{ cardno: '12345' }, 'CARD_NO_INVALID'],
    [{ idcardno: '110105198501011235' }, 'ID_NUMBER_INVALID'],
    [{ bankCode: 'XXX' }, 'BANK_CODE_INVALID'],
    [{ phone: '123' }, 'PARAM_INVALID'],
    [{ username: '' }, 'PARAM_INVALID'],
    [{ cardno: MAGIC_CARDS.find((c) => c.outcome === 'bindRefused')!.cardNo }, 'CARD_REFUSED_BY_BANK'],
  ])('#38 with %j is refused with %s', (change, code) => {
    const w = new World();
    const actor = w.customer();
    const bindBankCardId = w.ok((db, ctx) => getBindBankCardId(db, { actor: null }, ctx));
    w.fails(code, (db, ctx) => invokeBindBankCard(db, { actor, bindBankCardId, ...CARD, ...change, captcha: w.captcha() }, ctx));
    expect(w.db.state.orders.bindRequests[bindBankCardId]!.status).toBe('reserved');
  });

  it('#39 refuses changed details, unknown ids, a wrong code; binds once; a bound id cannot be reused', () => {
    const w = new World();
    const actor = w.customer();
    const id = w.ok((db, ctx) => getBindBankCardId(db, { actor: null }, ctx));
    w.fails('BIND_NOT_REQUESTED', (db, ctx) => confirmBindBankCard(db, { actor, bindBankCardId: id, ...CARD, validateCode: '123456' }, ctx));
    w.ok((db, ctx) => invokeBindBankCard(db, { actor, bindBankCardId: id, ...CARD, captcha: w.captcha() }, ctx));
    const code = w.smsCode(CARD.phone, 'bindCard');
    w.fails('BIND_DETAILS_CHANGED', (db, ctx) => confirmBindBankCard(db, { actor, bindBankCardId: id, ...CARD, cardno: '6217000000000006', validateCode: code }, ctx));
    w.fails('BIND_ID_INVALID', (db, ctx) => confirmBindBankCard(db, { actor, bindBankCardId: '209901010001', ...CARD, validateCode: code }, ctx));
    w.fails('FORBIDDEN', (db, ctx) => confirmBindBankCard(db, { actor: w.customer('201509010102'), bindBankCardId: id, ...CARD, validateCode: code }, ctx));
    w.fails('SMS_CODE_INVALID', (db, ctx) => confirmBindBankCard(db, { actor, bindBankCardId: id, ...CARD, validateCode: code === '000000' ? '111111' : '000000' }, ctx));
    w.ok((db, ctx) => confirmBindBankCard(db, { actor, bindBankCardId: id, ...CARD, idcardno: idNumber().toLowerCase(), validateCode: code }, ctx));
    w.fails('BIND_ID_INVALID', (db, ctx) => confirmBindBankCard(db, { actor, bindBankCardId: id, ...CARD, validateCode: code }, ctx));
    expect(Object.keys(w.db.state.orders.bankCards)).toEqual([id]);
    // the same card again for the same customer
    const id2 = w.ok((db, ctx) => getBindBankCardId(db, { actor: null }, ctx));
    w.now += 61_000;
    w.fails('CARD_ALREADY_BOUND', (db, ctx) => invokeBindBankCard(db, { actor, bindBankCardId: id2, ...CARD, captcha: w.captcha() }, ctx));
  });
});

describe('disbursement', () => {
  it('creates one schedule only: a second #34 is refused', () => {
    const w = new World();
    const orderId = w.orderIn('100506');
    const fin = w.staff('finance');
    w.ok((db, ctx) => loanByOrderId(db, { actor: fin, orderId, approveResult: null }, ctx));
    w.fails('ORDER_STATUS_INVALID', (db, ctx) => loanByOrderId(db, { actor: fin, orderId, approveResult: 'true' }, ctx));
    expect(Object.keys(w.db.state.orders.repaymentRecords)).toHaveLength(12);
  });
});
