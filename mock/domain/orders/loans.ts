// Loans: the disbursement (#34) that creates the schedule, the repayment machine (family 1019) and the
// overdue rule driven by the mock clock. Pure.
import { pick } from '../dict';
import type { DomainEvent } from '../events';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import { daysPastDue } from './calendar';
import { OVERDUE_DAILY_RATE_PER_10000 } from './codes';
import type { ApproveInput } from './orders';
import { APPROVAL_STAGES, approveRecordOf, orderForStage, parseApproveResult } from './orders';
import { buildSchedule } from './schedule';
import { overdueAt } from './slice';
import type { ApproveRecord, Order, OrderStatus, RepaymentRecord } from './state';

/** The instalment amount without penalty: principal part + fee part. */
export function instalmentFen(r: Pick<RepaymentRecord, 'principalFen' | 'feeFen'>): number {
  return r.principalFen + r.feeFen;
}

/** True when an unpaid record is past its due day at `now` (whether or not the sweep has marked it yet). */
export function isPastDue(r: RepaymentRecord, now: number): boolean {
  return r.status !== '101902' && now >= overdueAt(r);
}

/** The record's status at `now` (a 101901 record past its due day reads 101903 even before the sweep). */
export function effectiveRepaymentStatus(r: RepaymentRecord, now: number): RepaymentRecord['status'] {
  return r.status === '101901' && isPastDue(r, now) ? '101903' : r.status;
}

/** Days overdue at `now` (frozen at the payment time once paid). */
export function overdueDays(r: RepaymentRecord, now: number): number {
  const until = r.status === '101902' ? (r.realRepaymentTime ?? now) : now;
  return until >= overdueAt(r) ? daysPastDue(r.expectRepaymentTime, until) : 0;
}

/** Penalty interest: 0.05 % of the instalment per day overdue, rounded to the fen; frozen once paid. */
export function overdueInterestFen(r: RepaymentRecord, now: number): number {
  if (r.status === '101902') return r.paidOverdueInterestFen ?? 0;
  return Math.round((instalmentFen(r) * OVERDUE_DAILY_RATE_PER_10000 * overdueDays(r, now)) / 10_000);
}

/** What paying `r` at `now` costs: instalment + penalty. */
export function amountDueFen(r: RepaymentRecord, now: number): number {
  return instalmentFen(r) + overdueInterestFen(r, now);
}

/** The records of an order's loan in instalment order. */
export function recordsOf(db: Db, order: Order): RepaymentRecord[] {
  return pick(db.state.orders.repaymentRecords, order.loan?.repaymentRecordIds);
}

/** The order's status and repayment summary given its records (after a payment or the sweep). */
export function loanStatusOf(records: readonly Pick<RepaymentRecord, 'status'>[]): OrderStatus {
  if (records.every((r) => r.status === '101902')) return '100508';
  return records.some((r) => r.status === '101903') ? '100510' : '100507';
}

/** The order's next repayment time/amount and unpaid count (#35 remark: kept current). */
export function summaryEvent(orderId: string, records: readonly RepaymentRecord[]): DomainEvent {
  const unpaid = records.filter((r) => r.status !== '101902');
  const next = unpaid[0];
  return {
    slice: 'orders',
    type: 'orders/repaymentSummaryUpdated',
    orderId,
    nextRepaymentTime: next ? next.expectRepaymentTime : null,
    nextRepaymentMoneyFen: next ? instalmentFen(next) : null,
    noRepaymentTimes: unpaid.length,
  };
}

/** #34: disburses a risk-approved order of the finance user's company (100506 -> 100507) and creates its
 *  schedule: fenQiTimes monthly records from the loan date. Exactly once per order. "false" rejects. */
export function loanByOrderId(db: Db, cmd: ApproveInput, ctx: Ctx): Decision<{ record: ApproveRecord; repaymentRecordIds: string[] }> {
  const r = parseApproveResult(cmd.approveResult, true);
  if (!r.ok) return r;
  const o = orderForStage(db, 'loan', cmd);
  if (!o.ok) return o;
  const order = o.value;
  if (order.loan) return refuse('ORDER_STATUS_INVALID', '该订单已放款');
  const record = approveRecordOf('loan', cmd, r.value, ctx);
  const events: DomainEvent[] = [{ slice: 'orders', type: 'orders/approveRecorded', record }];
  if (!r.value) {
    events.push({ slice: 'orders', type: 'orders/orderStatusChanged', orderId: order.orderId, from: order.status, to: APPROVAL_STAGES.loan.reject, at: ctx.now });
    return accept({ record, repaymentRecordIds: [] }, events);
  }
  const { packageMoneyFen, poundageFen, fenQiTimes } = order.package;
  if (packageMoneyFen === null || fenQiTimes === null) return refuse('ORDER_INCOMPLETE', '缺少 packageMoney 或 fenQiTimes');
  const schedule = buildSchedule({ amountFen: packageMoneyFen, feeFen: poundageFen ?? 0, periods: fenQiTimes, loanTime: ctx.now });
  const records: RepaymentRecord[] = schedule.map((i) => ({
    repaymentRecordId: ctx.ids.next('repaymentRecord'),
    orderId: order.orderId,
    customerId: order.customerId,
    period: i.period,
    periods: fenQiTimes,
    expectRepaymentTime: i.expectRepaymentTime,
    principalFen: i.principalFen,
    feeFen: i.feeFen,
    status: '101901',
    realRepaymentTime: null,
    paidOverdueInterestFen: null,
    paidAmountFen: null,
    paymentId: null,
  }));
  const repaymentRecordIds = records.map((x) => x.repaymentRecordId);
  events.push(
    { slice: 'orders', type: 'orders/loanCreated', orderId: order.orderId, loan: { loanTime: ctx.now, loanApproveRecordId: record.approveRecordId, repaymentRecordIds }, records },
    { slice: 'orders', type: 'orders/orderStatusChanged', orderId: order.orderId, from: order.status, to: '100507', at: ctx.now },
    summaryEvent(order.orderId, records),
    {
      slice: 'orders',
      type: 'orders/ledgerEntryAdded',
      entry: {
        ledgerId: ctx.ids.next('ledger'),
        kind: 'disbursement',
        direction: 'out',
        time: ctx.now,
        companyId: order.companyId,
        customerId: order.customerId,
        orderId: order.orderId,
        repaymentRecordId: null,
        paymentId: null,
        bindBankCardId: null,
        amountFen: packageMoneyFen,
        principalFen: packageMoneyFen,
        feeFen: 0,
        overdueInterestFen: 0,
      },
    },
  );
  return accept({ record, repaymentRecordIds }, events);
}

/** Ids of unpaid 101901 records whose due day ended at or before `now` (cheap when none: one heap peek). */
export function dueRecordIds(db: Db, now: number): string[] {
  const heap = db.idx.orders.dueHeap;
  const recs = db.state.orders.repaymentRecords;
  // drop entries that no longer matter (paid, already overdue, or rescheduled): index hygiene, not state
  for (;;) {
    const id = heap.peekId();
    if (id === undefined) break;
    const r = recs[id];
    if (r && r.status === '101901' && overdueAt(r) === heap.peek()) break;
    heap.pop();
  }
  if (heap.peek() > now) return [];
  const out: string[] = [];
  heap.forEachUpTo(now, (id, at) => {
    const r = recs[id];
    if (r && r.status === '101901' && overdueAt(r) === at) out.push(id);
  });
  return out;
}

/** True when the overdue sweep has something to do at `now`. */
export function overdueSweepNeeded(db: Db, now: number): boolean {
  return dueRecordIds(db, now).length > 0;
}

/** The overdue rule: every unpaid record whose due day has ended becomes 101903 and its repaying order
 *  100510. Deterministic in `now`; run on every clock move and before every request. */
export function sweepOverdue(db: Db, _cmd: Record<string, never>, ctx: Ctx): Decision<{ repaymentRecordIds: string[] }> {
  const ids = dueRecordIds(db, ctx.now);
  if (ids.length === 0) return accept({ repaymentRecordIds: [] });
  const events: DomainEvent[] = [];
  const orderIds = new Set<string>();
  for (const id of ids) {
    events.push({ slice: 'orders', type: 'orders/repaymentOverdue', repaymentRecordId: id, at: ctx.now });
    const r = db.state.orders.repaymentRecords[id];
    if (r) orderIds.add(r.orderId);
  }
  for (const orderId of orderIds) {
    const o = db.state.orders.orders[orderId];
    if (o && o.status === '100507') events.push({ slice: 'orders', type: 'orders/orderStatusChanged', orderId, from: o.status, to: '100510', at: ctx.now });
  }
  return accept({ repaymentRecordIds: ids }, events);
}
