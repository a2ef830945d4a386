// Wire projections (legacy field names, yuan numbers, China-time text) and the list queries of the order
// side. Pure: what the routes answer, computed from state and the mock clock.
import type { Principal } from '../accounts/auth';
import { BANK_CODES, bankLogo, codeLabel } from '../codes';
import type { Db } from '../state';
import type { Decision } from '../types';
import { accept, refuse } from '../types';
import { formatDateCst, formatDateTimeCst } from './calendar';
import { APPROVE_STAGE_CODES, APPROVE_STAGE_LABELS, ORDER_STATUS_LABELS, REPAYMENT_STATUS_LABELS } from './codes';
import { maskCardNo } from './checks';
import { effectiveRepaymentStatus, instalmentFen, overdueDays, overdueInterestFen, recordsOf } from './loans';
import type { ApplicantField } from './orders';
import { canSee } from './orders';
import type { ListView } from './slice';
import { listKey } from './slice';
import { pageNewestFirst } from './sortedIds';
import type { ApproveRecord, BoundBankCard, Order, OrderMaterial, Payment, RepaymentRecord } from './state';
import { fenToYuanNumber, fenToYuanText } from './money';

const yuan = (fen: number | null): number | null => (fen === null ? null : fenToYuanNumber(fen));

/** A row of the order lists (#19, #26, #28, #30). */
export function orderRow(o: Order) {
  return {
    orderId: o.orderId,
    customerId: o.customerId,
    companyId: o.companyId,
    contractNo: o.package.contractNo,
    packageType: o.package.packageType,
    packageName: o.package.packageName,
    contractMoney: yuan(o.package.contractMoneyFen),
    packageMoney: yuan(o.package.packageMoneyFen),
    fenQiTimes: o.package.fenQiTimes,
    poundage: yuan(o.package.poundageFen),
    moneyMonth: yuan(o.package.moneyMonthFen),
    status: o.status,
    statusDes: ORDER_STATUS_LABELS[o.status],
    noRepaymentTimes: o.noRepaymentTimes,
    nextRepaymentTime: o.nextRepaymentTime === null ? null : formatDateCst(o.nextRepaymentTime),
    nextRepaymentMoney: yuan(o.nextRepaymentMoneyFen),
    applicantName: o.applicant.applicantName ?? null,
    applicantPhone: o.applicant.applicantPhone ?? null,
    createTime: formatDateTimeCst(o.createTime),
  };
}

/** The order object of #20: every package and applicant field (null when unknown) plus server fields.
 *  One literal of fixed shape (the applicant fields written out in APPLICANT_FIELDS order, checked below):
 *  spreading a record built field by field made a slow dictionary-mode object on every call. */
export function orderObject(o: Order) {
  const a = o.applicant;
  return {
    orderId: o.orderId,
    customerId: o.customerId,
    companyId: o.companyId,
    status: o.status,
    statusDes: ORDER_STATUS_LABELS[o.status],
    createTime: formatDateTimeCst(o.createTime),
    loanTime: o.loan ? formatDateTimeCst(o.loan.loanTime) : null,
    noRepaymentTimes: o.noRepaymentTimes,
    nextRepaymentTime: o.nextRepaymentTime === null ? null : formatDateCst(o.nextRepaymentTime),
    nextRepaymentMoney: yuan(o.nextRepaymentMoneyFen),
    contractNo: o.package.contractNo,
    packageName: o.package.packageName,
    packageType: o.package.packageType,
    contractMoney: yuan(o.package.contractMoneyFen),
    packageMoney: yuan(o.package.packageMoneyFen),
    fenQiTimes: o.package.fenQiTimes,
    poundage: yuan(o.package.poundageFen),
    repaymentType: o.package.repaymentType,
    moneyMonth: yuan(o.package.moneyMonthFen),
    applicantName: a.applicantName ?? null,
    applicantAge: a.applicantAge ?? null,
    applicantSex: a.applicantSex ?? null,
    applicantIdentity: a.applicantIdentity ?? null,
    applicantMarital: a.applicantMarital ?? null,
    applicantAddress: a.applicantAddress ?? null,
    applicantStudyStatus: a.applicantStudyStatus ?? null,
    applicantSchool: a.applicantSchool ?? null,
    applicantMajor: a.applicantMajor ?? null,
    applicantAsset: a.applicantAsset ?? null,
    applicantPhone: a.applicantPhone ?? null,
    applicantHouseNumber: a.applicantHouseNumber ?? null,
    applicantHouseWorth: a.applicantHouseWorth ?? null,
    applicantCarNumber: a.applicantCarNumber ?? null,
    applicantCarWorth: a.applicantCarWorth ?? null,
    applicantJobNature: a.applicantJobNature ?? null,
    applicantCompany: a.applicantCompany ?? null,
    applicantCompanyNature: a.applicantCompanyNature ?? null,
    applicantCompanyIndustry: a.applicantCompanyIndustry ?? null,
    applicantDuties: a.applicantDuties ?? null,
    applicantWorkYears: a.applicantWorkYears ?? null,
    applicantCompanyAddress: a.applicantCompanyAddress ?? null,
    applicantCompanyPhone: a.applicantCompanyPhone ?? null,
    applicantWages: a.applicantWages ?? null,
    familyName: a.familyName ?? null,
    familyPhone: a.familyPhone ?? null,
    familyRelation: a.familyRelation ?? null,
    familyTwoName: a.familyTwoName ?? null,
    familyTwoPhone: a.familyTwoPhone ?? null,
    familyTwoRelation: a.familyTwoRelation ?? null,
    friendName: a.friendName ?? null,
    friendPhone: a.friendPhone ?? null,
    friendTwoName: a.friendTwoName ?? null,
    friendTwoPhone: a.friendTwoPhone ?? null,
    workmateName: a.workmateName ?? null,
    workmatePhone: a.workmatePhone ?? null,
    workmateTwoName: a.workmateTwoName ?? null,
    workmateTwoPhone: a.workmateTwoPhone ?? null,
  };
}

// orderObject writes out every applicant field: one added to APPLICANT_FIELDS and missing there fails to compile here
type _OrderObjectCoversApplicant = Pick<ReturnType<typeof orderObject>, ApplicantField>;

/** A material row of #20 (`url` maps the stored file key to its absolute URL). */
export function materialView(m: OrderMaterial, url: (fileKey: string) => string) {
  const u = url(m.fileKey);
  return {
    orderMaterialId: m.orderMaterialId,
    orderId: m.orderId,
    orderMaterialType: m.orderMaterialType,
    orderMaterialTypeDes: codeLabel(m.orderMaterialType) ?? m.orderMaterialType,
    orderMaterialUrl: u,
    thumbnailUrl: u,
    delete: m.delete,
    createTime: formatDateTimeCst(m.uploadTime),
  };
}

/** The present (not deleted) materials of an order, in upload order. */
export function materialsOf(db: Db, o: Order): OrderMaterial[] {
  const out: OrderMaterial[] = [];
  for (const id of o.materialIds) {
    const m = db.state.orders.materials[id];
    if (m && m.delete === 0) out.push(m);
  }
  return out;
}

/** A repayment record (#31/#32) as of `now` (overdue status, days and penalty derived from the clock). */
export function repaymentRecordView(r: RepaymentRecord, now: number) {
  const status = effectiveRepaymentStatus(r, now);
  return {
    repaymentRecordId: r.repaymentRecordId,
    orderId: r.orderId,
    repaymentType: r.period,
    repaymentTypeDesc: `第${r.period}期`,
    repaymentPrincipal: fenToYuanNumber(instalmentFen(r)),
    principal: fenToYuanNumber(r.principalFen),
    poundage: fenToYuanNumber(r.feeFen),
    expectRepaymentTime: formatDateCst(r.expectRepaymentTime),
    overdueTime: overdueDays(r, now),
    overdueInterest: fenToYuanNumber(overdueInterestFen(r, now)),
    realRepaymentTime: r.realRepaymentTime === null ? null : formatDateTimeCst(r.realRepaymentTime),
    status,
    statusDes: REPAYMENT_STATUS_LABELS[status],
  };
}

/** An approval record (#33). */
export function approveRecordView(r: ApproveRecord) {
  return {
    approveRecordId: r.approveRecordId,
    orderId: r.orderId,
    approveType: APPROVE_STAGE_CODES[r.stage],
    approveTypeDes: APPROVE_STAGE_LABELS[r.stage],
    approveStage: r.stage,
    approvePerson: r.approvePerson,
    approveName: r.approveName,
    approveResult: r.approveResult,
    approveRemarks: r.approveRemarks,
    approveTime: formatDateTimeCst(r.approveTime),
    usersId: r.usersId,
  };
}

/** A bound card of #40: never the full number. */
export function bankCardView(c: BoundBankCard) {
  return {
    bbcId: c.bindBankCardId,
    bankType: bankLogo(c.bankCode),
    bankTypeDesc: BANK_CODES[c.bankCode] ?? c.bankCode,
    bankCard: maskCardNo(c.cardNo),
    bankCardTop: c.cardNo.slice(0, 6),
    bankCardLast: c.cardNo.slice(-4),
  };
}

/** A payment as the admin API shows it (ISO times, yuan text). */
export function paymentAdminView(p: Payment) {
  return {
    paymentId: p.paymentId,
    repaymentRecordId: p.repaymentRecordId,
    orderId: p.orderId,
    customerId: p.customerId,
    bindBankCardId: p.bindBankCardId,
    amount: fenToYuanText(p.amountFen),
    status: p.status,
    outcome: p.outcome,
    callbacksReceived: p.callbacksReceived,
    errorcode: p.errorcode,
    errormsg: p.errormsg,
    createdAt: new Date(p.createTime).toISOString(),
    confirmedAt: p.confirmTime === null ? null : new Date(p.confirmTime).toISOString(),
    finishedAt: p.finishTime === null ? null : new Date(p.finishTime).toISOString(),
  };
}

export interface PageRequest {
  currentPageNum: number;
  pageSize: number;
}

export interface Page<T> {
  page: { currentPageNum: number; pageSize: number; totalRowNum: number; startRow: number; totalPage: number };
  rows: T[];
}

/** One page (newest first) of an indexed order list: O(pageSize) whatever the number of orders. */
export function pageOfList(db: Db, view: ListView, owner: string, filter: string, req: PageRequest): Page<Order> {
  const list = db.idx.orders.lists.get(listKey(view, owner, filter)) ?? [];
  const ids = pageNewestFirst(list, req.currentPageNum, req.pageSize);
  const rows: Order[] = [];
  for (const id of ids) {
    const o = db.state.orders.orders[id];
    if (o) rows.push(o);
  }
  return {
    page: {
      currentPageNum: req.currentPageNum,
      pageSize: req.pageSize,
      totalRowNum: list.length,
      startRow: (req.currentPageNum - 1) * req.pageSize,
      totalPage: Math.ceil(list.length / req.pageSize),
    },
    rows,
  };
}

/** What the admin order list (GET /__mock/orders) asks for; `status` is "" (all but deleted), a 1005 code or a
 *  pseudo filter, as in the legacy lists. */
export interface AdminOrderQuery {
  status: string;
  customerId: string | null;
  companyId: string | null;
  limit: number;
  offset: number;
}

/** The admin API's order list, newest first, read from the sorted indexes only: O(limit) for all orders, one
 *  customer or one company; with both a customerId and a companyId, one walk of the shorter of their lists. */
export function adminOrderList(db: Db, q: AdminOrderQuery): { total: number; orders: Order[] } {
  const orders = db.state.orders.orders;
  const listOf = (view: ListView, owner: string): readonly string[] => db.idx.orders.lists.get(listKey(view, owner, q.status)) ?? [];
  const pick = (ids: Iterable<string>): Order[] => {
    const out: Order[] = [];
    for (const id of ids) {
      const o = orders[id];
      if (o) out.push(o);
    }
    return out;
  };
  if (q.customerId !== null && q.companyId !== null) {
    const { customerId, companyId } = q;
    const byCustomer = listOf('customer', customerId);
    const byCompany = listOf('company', companyId);
    const [list, other]: [readonly string[], (o: Order) => boolean] =
      byCustomer.length <= byCompany.length ? [byCustomer, (o) => o.companyId === companyId] : [byCompany, (o) => o.customerId === customerId];
    const matching: string[] = [];
    for (let i = list.length - 1; i >= 0; i--) {
      const o = orders[list[i] as string];
      if (o && other(o)) matching.push(o.orderId);
    }
    return { total: matching.length, orders: pick(matching.slice(q.offset, q.offset + q.limit)) };
  }
  const list = q.customerId !== null ? listOf('customer', q.customerId) : q.companyId !== null ? listOf('company', q.companyId) : listOf('all', '');
  const ids: string[] = [];
  for (let i = list.length - 1 - q.offset; i >= 0 && ids.length < q.limit; i--) ids.push(list[i] as string);
  return { total: list.length, orders: pick(ids) };
}

/** The list a staff user may read: their own company's (FORBIDDEN for another `companyId`). */
export function companyOf(actor: Extract<Principal, { kind: 'staff' }>, companyId: string | null): Decision<string> {
  if (companyId && companyId !== actor.staff.companyId) return refuse('FORBIDDEN', `companyId ${companyId}`);
  return accept(actor.staff.companyId);
}

/** The records of an order the principal may read (#31), in instalment order. */
export function repaymentRecordsOf(db: Db, actor: Principal, orderId: string): Decision<{ order: Order; records: RepaymentRecord[] }> {
  const o = db.state.orders.orders[orderId];
  if (!o) return refuse('ORDER_NOT_FOUND', `orderId ${orderId}`);
  if (!canSee(actor, o)) return refuse('FORBIDDEN', `orderId ${orderId}`);
  return accept({ order: o, records: recordsOf(db, o) });
}
