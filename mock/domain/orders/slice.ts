// Events and effects of the orders slice (orders, loans, cards, payments), its derived index, and evolve.
import type { Db, State } from '../state';
import { assertNever } from '../types';
import { DAY_MS, startOfDayCst } from './calendar';
import { PSEUDO_STATUS_FILTERS } from './codes';
import { DueHeap, insertSorted, removeSorted } from './sortedIds';
import type {
  ApproveRecord,
  BindRequest,
  BoundBankCard,
  LedgerEntry,
  Order,
  OrderApplicant,
  OrderLoan,
  OrderMaterial,
  OrderPackage,
  OrderStatus,
  OrdersState,
  Payment,
  PendingCallback,
  RepaymentRecord,
} from './state';

type E<T extends string, P> = { slice: 'orders'; type: `orders/${T}` } & P;

export type OrdersEvent =
  | E<'orderIdReserved', { orderId: string; at: number }>
  | E<'orderCreated', { order: Order }>
  | E<'orderEdited', { orderId: string; at: number; package?: Partial<OrderPackage>; applicant?: OrderApplicant; stepToken?: string }>
  | E<'orderStatusChanged', { orderId: string; from: OrderStatus; to: OrderStatus; at: number }>
  | E<'materialAdded', { material: OrderMaterial }>
  | E<'materialDeleted', { orderMaterialId: string; at: number }>
  | E<'approveRecorded', { record: ApproveRecord }>
  | E<'loanCreated', { orderId: string; loan: OrderLoan; records: RepaymentRecord[] }>
  | E<'repaymentSummaryUpdated', { orderId: string; nextRepaymentTime: number | null; nextRepaymentMoneyFen: number | null; noRepaymentTimes: number }>
  | E<'repaymentOverdue', { repaymentRecordId: string; at: number }>
  | E<'repaymentPaid', { repaymentRecordId: string; paymentId: string; at: number; overdueInterestFen: number; amountFen: number }>
  | E<'bindIdReserved', { request: BindRequest }>
  | E<'bindSmsSent', { request: BindRequest }>
  | E<'cardBound', { card: BoundBankCard }>
  | E<'paymentCreated', { payment: Payment }>
  | E<'paymentSmsSent', { paymentId: string; at: number }>
  | E<'paymentConfirmed', { paymentId: string; at: number; amountFen: number; callbacks: PendingCallback[] }>
  | E<'paymentSucceeded', { paymentId: string; at: number }>
  | E<'paymentFailed', { paymentId: string; at: number; errorcode: string; errormsg: string }>
  | E<'callbackReceived', { paymentId: string }>
  | E<'callbackSettled', { callbackId: string }>
  | E<'ledgerEntryAdded', { entry: LedgerEntry }>;

/** Effects for the shell: deliver a platform notice (callback #35 or a decline) after `delayMs` real time,
 *  or at once when the mock clock reaches `dueAt` or a flush is asked for. */
export type OrdersEffect = { type: 'paymentCallback'; callback: PendingCallback };

/** Derived lookups of the orders slice (rebuilt on restore/reset, kept current by evolve, never serialised). */
export interface OrdersIndex {
  /** Sorted order-id lists (creation order) per `scope|filter`; see listKeys. */
  lists: Map<string, string[]>;
  /** Unpaid, not yet overdue repayment records by the time they turn overdue. */
  dueHeap: DueHeap;
  /** customerId -> bound card ids (bind order). */
  cardsByCustomer: Map<string, string[]>;
  /** repaymentRecordId -> payment ids (creation order). */
  paymentsByRecord: Map<string, string[]>;
}

/** When an unpaid record turns overdue: once its due day (CST) has ended. */
export function overdueAt(r: Pick<RepaymentRecord, 'expectRepaymentTime'>): number {
  return startOfDayCst(r.expectRepaymentTime) + DAY_MS;
}

/** The order lists the legacy API serves, each one sorted index per owner and filter:
 *  - `customer` (#19): one customer's orders;
 *  - `seller` (#26): a company's submitted orders (not 100501 draft, not 100504 deleted);
 *  - `risk` (#28): a company's orders that passed seller approval (100503 and later, incl. risk's 100509);
 *  - `loan` (#30): a company's orders that passed risk approval (100506, 100507, 100508, 100510);
 *  - `company`: every order of a company, drafts included (admin API `GET /__mock/orders?companyId=`);
 *  - `all`: every order (admin API `GET /__mock/orders`). */
export type ListView = 'customer' | 'seller' | 'risk' | 'loan' | 'company' | 'all';

/** The key of the sorted list of `view` for `owner` (customerId, companyId, or '' for `all`) matching
 *  `filter` ("" = the whole view, except deleted orders in the customer/all views; a 1005 status; or a
 *  pseudo filter such as `100502100503`). */
export function listKey(view: ListView, owner: string, filter: string): string {
  return `${view}:${owner}|${filter}`;
}

const LOAN_VIEW: readonly OrderStatus[] = ['100506', '100507', '100508', '100510'];

type Listed = Pick<Order, 'orderId' | 'customerId' | 'companyId' | 'status' | 'sellerApproveRecordId'>;

function sellerPassed(s: OrdersState, o: Listed): boolean {
  return o.sellerApproveRecordId !== null && s.approveRecords[o.sellerApproveRecordId]?.approveResult === true;
}

function viewsOf(s: OrdersState, o: Listed): [ListView, string][] {
  const out: [ListView, string][] = [
    ['all', ''],
    ['customer', o.customerId],
  ];
  if (o.companyId) {
    out.push(['company', o.companyId]);
    const st = o.status;
    if (st !== '100501' && st !== '100504') out.push(['seller', o.companyId]);
    if (st !== '100501' && st !== '100502' && st !== '100504' && sellerPassed(s, o)) out.push(['risk', o.companyId]);
    if (LOAN_VIEW.includes(st)) out.push(['loan', o.companyId]);
  }
  return out;
}

function listKeysOf(s: OrdersState, o: Listed): string[] {
  const filters: string[] = [o.status];
  for (const [pseudo, set] of Object.entries(PSEUDO_STATUS_FILTERS)) if (set.includes(o.status)) filters.push(pseudo);
  const keys: string[] = [];
  for (const [view, owner] of viewsOf(s, o)) {
    for (const f of filters) keys.push(listKey(view, owner, f));
    if (o.status !== '100504') keys.push(listKey(view, owner, ''));
  }
  return keys;
}

function indexOrder(s: OrdersState, idx: OrdersIndex, o: Listed, add: boolean): void {
  for (const k of listKeysOf(s, o)) {
    let list = idx.lists.get(k);
    if (add) {
      if (!list) idx.lists.set(k, (list = []));
      insertSorted(list, o.orderId);
    } else if (list) {
      removeSorted(list, o.orderId);
    }
  }
}

function pushTo(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/** Builds the orders index from a whole State. */
export function buildOrdersIndex(state: State): OrdersIndex {
  const s = state.orders;
  const idx: OrdersIndex = { lists: new Map(), dueHeap: new DueHeap(), cardsByCustomer: new Map(), paymentsByRecord: new Map() };
  for (const o of Object.values(s.orders)) {
    for (const k of listKeysOf(s, o)) pushTo(idx.lists, k, o.orderId);
  }
  for (const list of idx.lists.values()) list.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  for (const r of Object.values(s.repaymentRecords)) if (r.status === '101901') idx.dueHeap.push(overdueAt(r), r.repaymentRecordId);
  const cards = Object.values(s.bankCards).sort((a, b) => a.bindTime - b.bindTime);
  for (const c of cards) pushTo(idx.cardsByCustomer, c.customerId, c.bindBankCardId);
  const payments = Object.values(s.payments).sort((a, b) => a.createTime - b.createTime);
  for (const p of payments) pushTo(idx.paymentsByRecord, p.repaymentRecordId, p.paymentId);
  return idx;
}

/** Applies one orders event to the state and index in place. Events are facts already decided:
 *  evolve never refuses, it only records. */
export function evolveOrders(db: Db, e: OrdersEvent): void {
  const s: OrdersState = db.state.orders;
  const idx = db.idx.orders;
  switch (e.type) {
    case 'orders/orderIdReserved':
      s.reservedOrderIds[e.orderId] = e.at;
      return;
    case 'orders/orderCreated':
      delete s.reservedOrderIds[e.order.orderId];
      s.orders[e.order.orderId] = e.order;
      indexOrder(s, idx, e.order, true);
      return;
    case 'orders/orderEdited': {
      const o = s.orders[e.orderId];
      if (!o) return;
      if (e.package) {
        const companyChanged = e.package.companyId !== undefined && e.package.companyId !== o.companyId;
        if (companyChanged) indexOrder(s, idx, o, false);
        Object.assign(o.package, e.package);
        if (e.package.companyId !== undefined) o.companyId = e.package.companyId;
        if (companyChanged) indexOrder(s, idx, o, true);
      }
      if (e.applicant) Object.assign(o.applicant, e.applicant);
      if (e.stepToken !== undefined) o.stepToken = e.stepToken;
      o.updateTime = e.at;
      return;
    }
    case 'orders/orderStatusChanged': {
      const o = s.orders[e.orderId];
      if (!o) return;
      indexOrder(s, idx, o, false);
      o.status = e.to;
      o.updateTime = e.at;
      if (e.to === '100502') o.submitTime = e.at;
      indexOrder(s, idx, o, true);
      return;
    }
    case 'orders/materialAdded':
      s.materials[e.material.orderMaterialId] = e.material;
      s.orders[e.material.orderId]?.materialIds.push(e.material.orderMaterialId);
      return;
    case 'orders/materialDeleted': {
      const m = s.materials[e.orderMaterialId];
      if (m) m.delete = 1;
      return;
    }
    case 'orders/approveRecorded': {
      const r = e.record;
      s.approveRecords[r.approveRecordId] = r;
      const o = s.orders[r.orderId];
      if (!o) return;
      indexOrder(s, idx, o, false);
      o.approveRecordIds.push(r.approveRecordId);
      if (r.stage === 'seller') o.sellerApproveRecordId = r.approveRecordId;
      if (r.stage === 'risk') o.riskApproveRecordId = r.approveRecordId;
      indexOrder(s, idx, o, true);
      return;
    }
    case 'orders/loanCreated': {
      const o = s.orders[e.orderId];
      if (o) o.loan = e.loan;
      for (const r of e.records) {
        s.repaymentRecords[r.repaymentRecordId] = r;
        if (r.status === '101901') idx.dueHeap.push(overdueAt(r), r.repaymentRecordId);
      }
      return;
    }
    case 'orders/repaymentSummaryUpdated': {
      const o = s.orders[e.orderId];
      if (!o) return;
      o.nextRepaymentTime = e.nextRepaymentTime;
      o.nextRepaymentMoneyFen = e.nextRepaymentMoneyFen;
      o.noRepaymentTimes = e.noRepaymentTimes;
      return;
    }
    case 'orders/repaymentOverdue': {
      const r = s.repaymentRecords[e.repaymentRecordId];
      if (r && r.status === '101901') r.status = '101903';
      return;
    }
    case 'orders/repaymentPaid': {
      const r = s.repaymentRecords[e.repaymentRecordId];
      if (!r) return;
      r.status = '101902';
      r.realRepaymentTime = e.at;
      r.paidOverdueInterestFen = e.overdueInterestFen;
      r.paidAmountFen = e.amountFen;
      r.paymentId = e.paymentId;
      return;
    }
    case 'orders/bindIdReserved':
    case 'orders/bindSmsSent':
      s.bindRequests[e.request.bindBankCardId] = e.request;
      return;
    case 'orders/cardBound': {
      s.bankCards[e.card.bindBankCardId] = e.card;
      const req = s.bindRequests[e.card.bindBankCardId];
      if (req) req.status = 'bound';
      pushTo(idx.cardsByCustomer, e.card.customerId, e.card.bindBankCardId);
      return;
    }
    case 'orders/paymentCreated':
      s.payments[e.payment.paymentId] = e.payment;
      pushTo(idx.paymentsByRecord, e.payment.repaymentRecordId, e.payment.paymentId);
      return;
    case 'orders/paymentSmsSent': {
      const p = s.payments[e.paymentId];
      if (p && p.status === 'created') p.status = 'smsSent';
      return;
    }
    case 'orders/paymentConfirmed': {
      const p = s.payments[e.paymentId];
      if (p) {
        p.status = 'processing';
        p.confirmTime = e.at;
        p.amountFen = e.amountFen;
      }
      for (const c of e.callbacks) s.pendingCallbacks[c.callbackId] = c;
      return;
    }
    case 'orders/paymentSucceeded': {
      const p = s.payments[e.paymentId];
      if (!p) return;
      p.status = 'succeeded';
      p.finishTime = e.at;
      return;
    }
    case 'orders/paymentFailed': {
      const p = s.payments[e.paymentId];
      if (!p) return;
      p.status = 'failed';
      p.finishTime = e.at;
      p.errorcode = e.errorcode;
      p.errormsg = e.errormsg;
      return;
    }
    case 'orders/callbackReceived': {
      const p = s.payments[e.paymentId];
      if (p) p.callbacksReceived += 1;
      return;
    }
    case 'orders/callbackSettled':
      delete s.pendingCallbacks[e.callbackId];
      return;
    case 'orders/ledgerEntryAdded':
      s.ledger.push(e.entry);
      return;
    default:
      assertNever(e);
  }
}
