// Paying an instalment through the simulated payment platform (#41-#43, the status poll) and the
// platform's callback (#35): a payment is credited only while in flight, exactly once. Pure.
import { pick } from '../dict';
import { checkCaptcha, verifySmsCode } from '../accounts/credentials';
import type { DomainEvent } from '../events';
import { amountDueFen, instalmentFen, loanStatusOf, recordsOf, summaryEvent } from '../orders/loans';
import type { Principal } from '../accounts/auth';
import type { CustomerActor } from '../orders/orders';
import { canSee } from '../orders/orders';
import type { LedgerEntry, Payment, PendingCallback, RepaymentRecord } from '../orders/state';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import { cardsOf, platformSms } from './binding';
import { DECLINE, paymentOutcomeOf } from './cards';

/** What the poll shows for a payment replaced by a newer #41 of the same record. */
export const CANCELLED = { errorcode: 'CANCELLED', errormsg: '支付已取消(已重新发起支付)' } as const;

/** A payment in flight stops blocking new payments of its record after this long (mock clock), so a
 *  "never called back" card does not lock the instalment forever. */
export const PAYMENT_TIMEOUT_MS = 30 * 60_000;

function blocking(p: Payment, now: number): boolean {
  return p.status === 'processing' && now - (p.confirmTime ?? p.createTime) < PAYMENT_TIMEOUT_MS;
}

/** Payments of a record, oldest first. */
export function paymentsOf(db: Db, repaymentRecordId: string): Payment[] {
  return pick(db.state.orders.payments, db.idx.orders.paymentsByRecord.get(repaymentRecordId));
}

/** A repayment record the principal may reach: its customer's, or (staff) its order's company's.
 *  REPAYMENT_RECORD_NOT_FOUND when there is none, FORBIDDEN when it is someone else's. */
export function visibleRecord(db: Db, actor: Principal, repaymentRecordId: string): Decision<RepaymentRecord> {
  const r = db.state.orders.repaymentRecords[repaymentRecordId];
  if (!r) return refuse('REPAYMENT_RECORD_NOT_FOUND', `repaymentRecordId ${repaymentRecordId}`);
  const o = db.state.orders.orders[r.orderId];
  if (!o || !canSee(actor, o)) return refuse('FORBIDDEN', `repaymentRecordId ${repaymentRecordId}`);
  return accept(r);
}

/** #41: creates a payment (its id is the client's later `orderid`) for the caller's next unpaid instalment
 *  with one of their bound cards (the first card when `bindBankCardId` is not sent, as in 2016). */
export function sendBindRequest(
  db: Db,
  cmd: { actor: CustomerActor; repaymentRecordId: string; bindBankCardId: string | null },
  ctx: Ctx,
): Decision<Payment> {
  const found = visibleRecord(db, cmd.actor, cmd.repaymentRecordId);
  if (!found.ok) return found;
  const r = found.value;
  if (r.status === '101902') return refuse('REPAYMENT_ALREADY_PAID');
  const order = db.state.orders.orders[r.orderId];
  if (!order) return refuse('ORDER_NOT_FOUND', `orderId ${r.orderId}`);
  const earlier = recordsOf(db, order).find((x) => x.period < r.period && x.status !== '101902');
  if (earlier) return refuse('REPAYMENT_OUT_OF_ORDER', `第 ${earlier.period} 期 (${earlier.repaymentRecordId}) 未还`);
  if (paymentsOf(db, r.repaymentRecordId).some((p) => blocking(p, ctx.now))) return refuse('PAYMENT_IN_PROGRESS');
  const cards = cardsOf(db, cmd.actor.customer.customerId);
  if (cmd.bindBankCardId) {
    const c = db.state.orders.bankCards[cmd.bindBankCardId];
    if (!c) return refuse('BANK_CARD_NOT_FOUND', `bindBankCardId ${cmd.bindBankCardId}`);
    if (c.customerId !== cmd.actor.customer.customerId) return refuse('FORBIDDEN', `bindBankCardId ${cmd.bindBankCardId}`);
  }
  const card = cmd.bindBankCardId ? cards.find((c) => c.bindBankCardId === cmd.bindBankCardId) : cards[0];
  if (!card) return refuse('NO_BOUND_CARD');
  const payment: Payment = {
    paymentId: ctx.ids.next('payment'),
    customerId: cmd.actor.customer.customerId,
    repaymentRecordId: r.repaymentRecordId,
    orderId: r.orderId,
    bindBankCardId: card.bindBankCardId,
    amountFen: amountDueFen(r, ctx.now),
    outcome: paymentOutcomeOf(card.cardNo),
    status: 'created',
    createTime: ctx.now,
    confirmTime: null,
    finishTime: null,
    errorcode: null,
    errormsg: null,
    callbacksReceived: 0,
  };
  // a new request replaces the record's unconfirmed payments (the page was reloaded)
  const cancelled: DomainEvent[] = paymentsOf(db, r.repaymentRecordId)
    .filter((p) => p.status === 'created' || p.status === 'smsSent')
    .map((p) => ({ slice: 'orders', type: 'orders/paymentFailed', paymentId: p.paymentId, at: ctx.now, errorcode: CANCELLED.errorcode, errormsg: CANCELLED.errormsg }));
  return accept(payment, [...cancelled, { slice: 'orders', type: 'orders/paymentCreated', payment }]);
}

/** The caller's payment named by `orderid` (#41's id, as the client sends it) or, as the document says, by
 *  `repaymentRecordId` (its latest payment not yet confirmed). */
export function findPayment(db: Db, actor: CustomerActor, ref: { orderid: string | null; repaymentRecordId: string | null }): Decision<Payment> {
  if (ref.orderid) {
    const p = db.state.orders.payments[ref.orderid];
    if (!p) return refuse('PAYMENT_NOT_FOUND', `orderid ${ref.orderid}`);
    if (p.customerId !== actor.customer.customerId) return refuse('FORBIDDEN', `orderid ${ref.orderid}`);
    // both sent: they must name the same payment
    if (ref.repaymentRecordId && ref.repaymentRecordId !== p.repaymentRecordId) return refuse('PAYMENT_NOT_FOUND', `orderid ${ref.orderid} 不是还款记录 ${ref.repaymentRecordId} 的支付`);
    return accept(p);
  }
  if (ref.repaymentRecordId) {
    const found = visibleRecord(db, actor, ref.repaymentRecordId);
    if (!found.ok) return found;
    const r = found.value;
    const list = paymentsOf(db, r.repaymentRecordId).filter((p) => p.customerId === actor.customer.customerId);
    const open = [...list].reverse().find((p) => p.status === 'created' || p.status === 'smsSent');
    const p = open ?? list[list.length - 1];
    if (!p) return refuse('PAYMENT_NOT_FOUND', '请先发起支付请求 (#41)');
    return accept(p);
  }
  return refuse('PARAM_MISSING', 'orderid 或 repaymentRecordId');
}

function cardPhone(db: Db, p: Payment): string | null {
  return db.state.orders.bankCards[p.bindBankCardId]?.phone ?? null;
}

/** #42: after the image captcha, the platform texts a payment code to the card's reserved phone. */
export function sendPaymentSms(
  db: Db,
  cmd: { actor: CustomerActor; orderid: string | null; repaymentRecordId: string | null; captcha: { imageKey: string; answer: string }; fixedCode?: string | null },
  ctx: Ctx,
): Decision<Payment> {
  const f = findPayment(db, cmd.actor, cmd);
  if (!f.ok) return f;
  const p = f.value;
  if (p.status !== 'created' && p.status !== 'smsSent') return refuse('PAYMENT_STATUS_INVALID', `支付订单 ${p.paymentId} 已${p.status === 'processing' ? '提交' : '结束'}`);
  const phone = cardPhone(db, p);
  if (!phone) return refuse('BANK_CARD_NOT_FOUND');
  const captcha = checkCaptcha(db, cmd.captcha.imageKey, cmd.captcha.answer, ctx.now);
  if (!captcha.ok) return captcha;
  const sms = platformSms(db, { phone, purpose: 'payment', fixedCode: cmd.fixedCode ?? null }, ctx);
  if (!sms.ok) return { ...sms, events: [...captcha.events, ...sms.events] };
  return accept(p, [...captcha.events, ...sms.events, { slice: 'orders', type: 'orders/paymentSmsSent', paymentId: p.paymentId, at: ctx.now }], sms.effects);
}

export interface PlatformTiming {
  /** Real-time delay before the platform answers (callback or decline). */
  callbackDelayMs: number;
  /** Delay of the "late" magic card. */
  lateCallbackDelayMs: number;
  /** Gap between the two notices of the "duplicate" magic card. */
  duplicateGapMs: number;
}

export const DEFAULT_TIMING: PlatformTiming = { callbackDelayMs: 3000, lateCallbackDelayMs: 60_000, duplicateGapMs: 1000 };

/** #43: the SMS code confirms the payment: it is now in flight ("处理中") and the platform's answer is
 *  returned as effects to schedule (per the magic card). Success here is not payment: #35 is. */
export function confirmPayment(
  db: Db,
  cmd: { actor: CustomerActor; orderid: string | null; repaymentRecordId: string | null; validateCode: string; timing: PlatformTiming },
  ctx: Ctx,
): Decision<{ payment: Payment; callbacks: PendingCallback[] }> {
  const f = findPayment(db, cmd.actor, cmd);
  if (!f.ok) return f;
  const p = f.value;
  if (p.status === 'created') return refuse('SMS_CODE_NOT_SENT');
  if (p.status !== 'smsSent') return refuse('PAYMENT_STATUS_INVALID', `支付订单 ${p.paymentId} 已${p.status === 'processing' ? '提交' : '结束'}`);
  const r = db.state.orders.repaymentRecords[p.repaymentRecordId];
  if (!r) return refuse('REPAYMENT_RECORD_NOT_FOUND');
  if (r.status === '101902') return refuse('REPAYMENT_ALREADY_PAID');
  if (paymentsOf(db, r.repaymentRecordId).some((x) => blocking(x, ctx.now))) return refuse('PAYMENT_IN_PROGRESS');
  const phone = cardPhone(db, p);
  if (!phone) return refuse('BANK_CARD_NOT_FOUND');
  const code = verifySmsCode(db, phone, 'payment', cmd.validateCode, ctx.now);
  if (!code.ok) return code;
  const t = cmd.timing;
  const notice = (kind: PendingCallback['kind'], delayMs: number): PendingCallback => ({
    callbackId: ctx.ids.next('callback'),
    paymentId: p.paymentId,
    repaymentRecordId: p.repaymentRecordId,
    kind,
    dueAt: ctx.now + delayMs,
    delayMs,
  });
  const callbacks: PendingCallback[] =
    p.outcome === 'success'
      ? [notice('callback', t.callbackDelayMs)]
      : p.outcome === 'declined'
        ? [notice('decline', t.callbackDelayMs)]
        : p.outcome === 'duplicate'
          ? [notice('callback', t.callbackDelayMs), notice('callback', t.callbackDelayMs + t.duplicateGapMs)]
          : p.outcome === 'late'
            ? [notice('callback', t.lateCallbackDelayMs)]
            : [];
  const amountFen = amountDueFen(r, ctx.now);
  const events: DomainEvent[] = [
    ...code.events,
    { slice: 'orders', type: 'orders/paymentConfirmed', paymentId: p.paymentId, at: ctx.now, amountFen, callbacks },
  ];
  return accept(
    { payment: { ...p, status: 'processing', amountFen }, callbacks },
    events,
    callbacks.map((callback) => ({ type: 'paymentCallback' as const, callback })),
  );
}

/** #35, the payment platform's notice that the money for a record moved. Credits the record only for a
 *  payment in flight, exactly once: a repeated notice for a credited payment is acknowledged and changes
 *  nothing; a notice without a payment in flight is refused. */
export function repaymentDone(
  db: Db,
  cmd: { repaymentRecordId: string; paymentId?: string | null },
  ctx: Ctx,
): Decision<{ credited: boolean; payment: Payment }> {
  const r = db.state.orders.repaymentRecords[cmd.repaymentRecordId];
  if (!r) return refuse('REPAYMENT_RECORD_NOT_FOUND', `repaymentRecordId ${cmd.repaymentRecordId}`);
  if (cmd.paymentId) {
    const named = db.state.orders.payments[cmd.paymentId];
    if (!named || named.repaymentRecordId !== r.repaymentRecordId) return refuse('PAYMENT_NOT_FOUND', `orderid ${cmd.paymentId}`);
  }
  const payments = paymentsOf(db, r.repaymentRecordId).filter((p) => !cmd.paymentId || p.paymentId === cmd.paymentId);
  const done = payments.find((p) => p.status === 'succeeded');
  if (done) {
    return accept({ credited: false, payment: done }, [{ slice: 'orders', type: 'orders/callbackReceived', paymentId: done.paymentId }]);
  }
  const p = payments.find((x) => x.status === 'processing' && x.outcome !== 'declined');
  if (!p || r.status === '101902') return refuse('PAYMENT_NOT_IN_FLIGHT', `repaymentRecordId ${r.repaymentRecordId}`);
  const order = db.state.orders.orders[r.orderId];
  if (!order) return refuse('ORDER_NOT_FOUND');
  const interest = Math.max(0, p.amountFen - instalmentFen(r));
  const entry: LedgerEntry = {
    ledgerId: ctx.ids.next('ledger'),
    kind: 'repayment',
    direction: 'in',
    time: ctx.now,
    companyId: order.companyId,
    customerId: r.customerId,
    orderId: r.orderId,
    repaymentRecordId: r.repaymentRecordId,
    paymentId: p.paymentId,
    bindBankCardId: p.bindBankCardId,
    amountFen: p.amountFen,
    principalFen: r.principalFen,
    feeFen: r.feeFen,
    overdueInterestFen: interest,
  };
  const events: DomainEvent[] = [
    { slice: 'orders', type: 'orders/callbackReceived', paymentId: p.paymentId },
    { slice: 'orders', type: 'orders/paymentSucceeded', paymentId: p.paymentId, at: ctx.now },
    { slice: 'orders', type: 'orders/repaymentPaid', repaymentRecordId: r.repaymentRecordId, paymentId: p.paymentId, at: ctx.now, overdueInterestFen: interest, amountFen: p.amountFen },
    { slice: 'orders', type: 'orders/ledgerEntryAdded', entry },
  ];
  const after = recordsOf(db, order).map((x) => (x.repaymentRecordId === r.repaymentRecordId ? { ...x, status: '101902' as const, realRepaymentTime: ctx.now } : x));
  const status = loanStatusOf(after);
  if (status !== order.status) events.push({ slice: 'orders', type: 'orders/orderStatusChanged', orderId: order.orderId, from: order.status, to: status, at: ctx.now });
  events.push(summaryEvent(order.orderId, after));
  return accept({ credited: true, payment: { ...p, status: 'succeeded' } }, events);
}

/** The platform's decline of a payment in flight (the "declined" magic card): no credit. */
export function declinePayment(db: Db, cmd: { paymentId: string }, ctx: Ctx): Decision<boolean> {
  const p = db.state.orders.payments[cmd.paymentId];
  if (!p || p.status !== 'processing') return accept(false);
  return accept(true, [{ slice: 'orders', type: 'orders/paymentFailed', paymentId: p.paymentId, at: ctx.now, errorcode: DECLINE.errorcode, errormsg: DECLINE.errormsg }]);
}

/** Marks a delivered (or dropped) platform notice as settled. */
export function settleCallback(db: Db, cmd: { callbackId: string }, _ctx: Ctx): Decision<boolean> {
  if (!db.state.orders.pendingCallbacks[cmd.callbackId]) return accept(false);
  return accept(true, [{ slice: 'orders', type: 'orders/callbackSettled', callbackId: cmd.callbackId }]);
}

/** Poll status codes of the undocumented getPayRecordById (client-facts 4): 0 失败, 1 成功, 2 未处理, 3 处理中. */
export function payStatusOf(p: Payment): 0 | 1 | 2 | 3 {
  switch (p.status) {
    case 'failed':
      return 0;
    case 'succeeded':
      return 1;
    case 'created':
    case 'smsSent':
      return 2;
    case 'processing':
      return 3;
  }
}
