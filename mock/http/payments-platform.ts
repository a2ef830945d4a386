// The simulated payment platform (易宝) and the mock clock's effect on loans, wired into every Session:
// - platform notices (callback #35, declines) are scheduled per payment after smsConfirm (#43): after a
//   real-time delay, when the mock clock passes their due time, or on POST /__mock/payments/flush;
// - the overdue rule runs whenever the clock moves and before every request (deterministic in the
//   mock time: reads never see an unpaid record past its due day as 101901);
// - admin API: GET /__mock/payments, POST /__mock/payments/flush, GET /__mock/ledger.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { overdueSweepNeeded, sweepOverdue } from '../domain/orders/loans';
import { fenToYuanText } from '../domain/orders/money';
import type { OrdersEffect } from '../domain/orders/slice';
import type { PendingCallback } from '../domain/orders/state';
import { paymentAdminView } from '../domain/orders/views';
import type { PlatformTiming } from '../domain/payments/payment';
import { DEFAULT_TIMING, declinePayment, repaymentDone, settleCallback } from '../domain/payments/payment';
import type { Db } from '../domain/state';
import type { Ctx, Decision } from '../domain/types';
import type { Session } from '../store/session';
import type { Outcome } from '../store/store';
import type { components } from '../../openapi/generated/mock-admin';
import { adminGuard } from './admin';

/** The platform's delays: `callbackDelayMs` from the app options (default 3 s); a late callback 60 s. */
export function platformTiming(app: FastifyInstance): PlatformTiming {
  const o = app.mockOptions as typeof app.mockOptions & { lateCallbackDelayMs?: number };
  return {
    callbackDelayMs: o.callbackDelayMs ?? DEFAULT_TIMING.callbackDelayMs,
    lateCallbackDelayMs: o.lateCallbackDelayMs ?? DEFAULT_TIMING.lateCallbackDelayMs,
    duplicateGapMs: DEFAULT_TIMING.duplicateGapMs,
  };
}

/** Runs a decision at a given mock time (a notice is applied at its due time when the clock jumped past it). */
function runAt<V>(session: Session, at: number, decide: (db: Db, ctx: Ctx) => Decision<V>): Outcome<V> {
  const out = session.store.execute(at, decide);
  for (const e of out.effects) session.perform(e);
  return out;
}

/** Applies the overdue rule at `now` when something is due (one heap peek otherwise). */
export function sweep(session: Session, now = session.clock.now()): void {
  if (overdueSweepNeeded(session.db, now)) runAt(session, now, (db, ctx) => sweepOverdue(db, {}, ctx));
}

const delivered = new WeakMap<Session, number>();

/** Delivers one platform notice to the mock itself: #35 for a callback, a decline otherwise; then settles it.
 *  Runs at the notice's due time, or now when delivered early (real timer with a frozen clock, flush). */
export function deliverNotice(session: Session, cb: PendingCallback): void {
  if (!session.db.state.orders.pendingCallbacks[cb.callbackId]) return;
  const at = Math.min(cb.dueAt, session.clock.now());
  const started = Date.now();
  sweep(session, at);
  const out =
    cb.kind === 'callback'
      ? runAt(session, at, (db, ctx) => repaymentDone(db, { repaymentRecordId: cb.repaymentRecordId, paymentId: cb.paymentId }, ctx))
      : runAt(session, at, (db, ctx) => declinePayment(db, { paymentId: cb.paymentId }, ctx));
  runAt(session, at, (db, ctx) => settleCallback(db, { callbackId: cb.callbackId }, ctx));
  delivered.set(session, (delivered.get(session) ?? 0) + 1);
  if (cb.kind === 'callback') {
    // the journal shows the platform's call like any other request
    session.journal.add({
      at: new Date().toISOString(),
      mockTime: new Date(at).toISOString(),
      method: 'POST',
      url: '/order/repaymentDoneByRepaymentRecordId',
      operationId: 'repaymentDoneByRepaymentRecordId',
      params: { repaymentRecordId: cb.repaymentRecordId, orderid: cb.paymentId },
      unknownParams: {},
      status: 200,
      response: out.ok ? { success: true, code: null, message: typeof out.value === 'object' && out.value.credited ? '还款成功' : '还款已处理' } : { success: false, code: out.error.code, message: out.error.message },
      durationMs: Date.now() - started,
    });
  }
  session.log.info(
    { session: session.name, callback: { paymentId: cb.paymentId, repaymentRecordId: cb.repaymentRecordId, kind: cb.kind, ok: out.ok } },
    `支付平台回调 payment ${cb.kind} ${cb.paymentId} -> ${out.ok ? 'ok' : out.error.code}`,
  );
}

function schedule(session: Session, cb: PendingCallback, delayMs: number = cb.delayMs): void {
  session.scheduler.schedule({
    id: `payment:${cb.callbackId}`,
    label: `${cb.kind === 'callback' ? 'payment callback #35' : 'payment decline'} for ${cb.repaymentRecordId} (payment ${cb.paymentId})`,
    dueAt: cb.dueAt,
    delayMs,
    run: () => deliverNotice(session, cb),
  });
}

/** Hooks one session: re-schedule pending notices after reset/restore, sweep on every clock move. */
function attach(session: Session): void {
  session.store.onReplaced((db) => {
    for (const cb of Object.values(db.state.orders.pendingCallbacks)) schedule(session, cb);
  });
  session.clock.onChange((now) => sweep(session, now));
  for (const cb of Object.values(session.db.state.orders.pendingCallbacks)) schedule(session, cb);
}

type AdminSchemas = components['schemas'];

function iso(t: number): string {
  return new Date(t).toISOString();
}

function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  request.responseSummary = { success: true, code: null, message: null };
  return reply.code(200).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Admin routes of the platform (same access rule as the rest of /__mock). */
async function paymentsAdmin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', adminGuard);

  app.get('/payments', async (request, reply) => {
    const s = request.session.db.state.orders;
    const payments: AdminSchemas['Payment'][] = Object.values(s.payments)
      .filter((p) => p.status !== 'succeeded' && p.status !== 'failed')
      .sort((a, b) => a.createTime - b.createTime)
      .map(paymentAdminView);
    const callbacks = Object.values(s.pendingCallbacks)
      .sort((a, b) => a.dueAt - b.dueAt)
      .map((c): AdminSchemas['PendingCallback'] => ({
        callbackId: c.callbackId,
        paymentId: c.paymentId,
        repaymentRecordId: c.repaymentRecordId,
        kind: c.kind,
        outcome: s.payments[c.paymentId]?.outcome ?? null,
        dueAt: iso(c.dueAt),
        delayMs: c.delayMs,
      }));
    return sendJson(request, reply, { payments, callbacks });
  });

  app.post('/payments/flush', async (request, reply) => {
    const session = request.session;
    const before = delivered.get(session) ?? 0;
    session.scheduler.flush();
    // notices in state without a job (should not happen; belt and braces): deliver them too
    for (const cb of Object.values(session.db.state.orders.pendingCallbacks).sort((a, b) => a.dueAt - b.dueAt)) deliverNotice(session, cb);
    return sendJson(request, reply, { delivered: (delivered.get(session) ?? 0) - before });
  });

  app.get('/ledger', async (request, reply) => {
    const entries = request.session.db.state.orders.ledger.map((e) => ({
      entryId: e.ledgerId,
      at: iso(e.time),
      kind: e.kind,
      direction: e.direction,
      amount: fenToYuanText(e.amountFen),
      principal: fenToYuanText(e.principalFen),
      fee: fenToYuanText(e.feeFen),
      overdueInterest: fenToYuanText(e.overdueInterestFen),
      customerId: e.customerId,
      orderId: e.orderId,
      // a disbursement has no record, payment or card: those fields are left out, never null
      ...(e.companyId !== null ? { companyId: e.companyId } : {}),
      ...(e.repaymentRecordId !== null ? { repaymentRecordId: e.repaymentRecordId } : {}),
      ...(e.paymentId !== null ? { paymentId: e.paymentId } : {}),
      ...(e.bindBankCardId !== null ? { bindBankCardId: e.bindBankCardId } : {}),
    }));
    return sendJson(request, reply, { entries });
  });
}

async function paymentsPlatform(app: FastifyInstance): Promise<void> {
  app.effectHandlers.set('paymentCallback', (session, effect) => schedule(session, (effect as OrdersEffect).callback));
  for (const s of app.sessions.list()) attach(s);
  app.sessions.onCreated(attach);
  // the overdue rule before every request (the clock also moves by itself in real time)
  // (callback-style: no promise per request; one heap peek when nothing is due)
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      if (request.session) sweep(request.session);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
  await app.register(paymentsAdmin, { prefix: '/__mock' });
}

export default fp(paymentsPlatform, { name: 'mock-payments-platform', fastify: '5.x', dependencies: ['mock-transport'] });
