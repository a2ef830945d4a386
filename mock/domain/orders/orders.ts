// The order machine (base-code family 1005): drafting in the three-step wizard, materials, submission,
// seller and risk approval, deletion. Pure: every function reads the Db and returns a Decision.
import type { Principal } from '../accounts/auth';
import type { StaffRole } from '../accounts/state';
import { isCodeOf } from '../codes';
import type { DomainEvent } from '../events';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import { isMobile, isPrcIdNumber } from './checks';
import { CUSTOMER_MATERIAL_TYPES, FEN_QI_TIMES, ID_CARD_MATERIAL, MATERIAL_TYPE_LABELS, standardPoundageFen } from './codes';
import { parseYuan } from './money';
import type { ApproveRecord, ApproveStage, Order, OrderApplicant, OrderMaterial, OrderPackage, OrderStatus } from './state';

export type CustomerActor = Extract<Principal, { kind: 'customer' }>;
export type StaffActor = Extract<Principal, { kind: 'staff' }>;

/** Wire fields of the package step (#14), in the client's order. */
export const PACKAGE_FIELDS = [
  'contractNo',
  'packageName',
  'packageType',
  'companyId',
  'contractMoney',
  'packageMoney',
  'fenQiTimes',
  'poundage',
  'repaymentType',
  'moneyMonth',
] as const;
export type PackageField = (typeof PACKAGE_FIELDS)[number];

/** Wire fields of the applicant step (#15), every one the 2015-09 client sends. */
export const APPLICANT_FIELDS = [
  'applicantName',
  'applicantAge',
  'applicantSex',
  'applicantIdentity',
  'applicantMarital',
  'applicantAddress',
  'applicantStudyStatus',
  'applicantSchool',
  'applicantMajor',
  'applicantAsset',
  'applicantPhone',
  'applicantHouseNumber',
  'applicantHouseWorth',
  'applicantCarNumber',
  'applicantCarWorth',
  'applicantJobNature',
  'applicantCompany',
  'applicantCompanyNature',
  'applicantCompanyIndustry',
  'applicantDuties',
  'applicantWorkYears',
  'applicantCompanyAddress',
  'applicantCompanyPhone',
  'applicantWages',
  'familyName',
  'familyPhone',
  'familyRelation',
  'familyTwoName',
  'familyTwoPhone',
  'familyTwoRelation',
  'friendName',
  'friendPhone',
  'friendTwoName',
  'friendTwoPhone',
  'workmateName',
  'workmatePhone',
  'workmateTwoName',
  'workmateTwoPhone',
] as const;
export type ApplicantField = (typeof APPLICANT_FIELDS)[number];

/** What #16 requires before an order leaves draft (the fields the client's form marks required). */
export const REQUIRED_PACKAGE_FIELDS: readonly PackageField[] = ['companyId', 'packageType', 'contractMoney', 'packageMoney', 'fenQiTimes'];
export const REQUIRED_APPLICANT_FIELDS: readonly ApplicantField[] = [
  'applicantName',
  'applicantAge',
  'applicantSex',
  'applicantIdentity',
  'applicantMarital',
  'applicantAddress',
  'applicantPhone',
  'applicantJobNature',
  'applicantCompany',
  'applicantCompanyPhone',
  'applicantWages',
  'familyName',
  'familyPhone',
  'familyRelation',
  'familyTwoName',
  'familyTwoPhone',
  'familyTwoRelation',
  'friendName',
  'friendPhone',
  'workmateName',
  'workmatePhone',
];

/** Base-code family of each coded applicant field (values must be codes of it). */
const APPLICANT_CODE_FAMILY: Partial<Record<ApplicantField, string>> = {
  applicantSex: '1001',
  applicantMarital: '1003',
  applicantStudyStatus: '1009',
  applicantAsset: '1010',
  applicantJobNature: '1011',
  applicantCompanyNature: '1012',
  applicantCompanyIndustry: '1013',
  applicantDuties: '1014',
  applicantWorkYears: '1015',
  familyRelation: '1016',
  familyTwoRelation: '1016',
};
const APPLICANT_MOBILE_FIELDS: readonly ApplicantField[] = [
  'applicantPhone',
  'familyPhone',
  'familyTwoPhone',
  'friendPhone',
  'friendTwoPhone',
  'workmatePhone',
  'workmateTwoPhone',
];
/** Longest text per field (the spec's maxLength); anything else 64. */
const MAX_LENGTH: Partial<Record<ApplicantField | PackageField, number>> = {
  applicantAddress: 200,
  applicantCompanyAddress: 200,
  applicantSchool: 100,
  applicantMajor: 100,
  applicantCompany: 100,
  applicantHouseWorth: 32,
  applicantCarWorth: 32,
};
const MAX_TEXT = 64;

/** Statuses from which the owner (or staff of the company) may delete an order (#21), as the 2015 list offers it. */
export const DELETABLE_STATUSES: readonly OrderStatus[] = ['100501', '100502', '100503', '100508', '100509'];

/** Wire values: a missing key leaves a field unchanged; an empty value clears it (legacy "null"). */
export type WireFields<K extends string> = Partial<Record<K, string | null>>;

function statusChanged(order: Order, to: OrderStatus, at: number): DomainEvent {
  return { slice: 'orders', type: 'orders/orderStatusChanged', orderId: order.orderId, from: order.status, to, at };
}

function emptyPackage(): OrderPackage {
  return {
    contractNo: null,
    packageName: null,
    packageType: null,
    companyId: null,
    contractMoneyFen: null,
    packageMoneyFen: null,
    fenQiTimes: null,
    poundageFen: null,
    repaymentType: null,
    moneyMonthFen: null,
  };
}

function blank(v: string | null | undefined): boolean {
  return v === null || v === undefined || v.trim() === '';
}

/** True when `actor` may see `o`: its customer, or a staff user of its company. */
export function canSee(actor: Principal, o: Pick<Order, 'customerId' | 'companyId'>): boolean {
  if (actor.kind === 'customer') return o.customerId === actor.customer.customerId;
  return o.companyId !== null && o.companyId === actor.staff.companyId;
}

/** The order a principal may reach: ORDER_NOT_FOUND when there is none, FORBIDDEN when it is someone
 *  else's (the refusal carries nothing of the order). */
export function visibleOrder(db: Db, actor: Principal, orderId: string): Decision<Order> {
  const o = db.state.orders.orders[orderId];
  if (!o) return refuse('ORDER_NOT_FOUND', `orderId ${orderId}`);
  if (!canSee(actor, o)) return refuse('FORBIDDEN', `orderId ${orderId}`);
  return accept(o);
}

/** A customer's own order (staff tokens never pass here). */
export function ownOrder(db: Db, actor: CustomerActor, orderId: string): Decision<Order> {
  return visibleOrder(db, actor, orderId);
}

/** A step token sent with #15/#16 must be the order's live one (the 2015 client sends none: not required). */
function checkStepToken(o: Order, token: string | null | undefined): Decision<void> {
  if (token === null || token === undefined || token === '') return accept(undefined);
  return o.stepToken !== null && token === o.stepToken ? accept(undefined) : refuse('STEP_TOKEN_INVALID', 'token');
}

/** #13: reserves a new order id (no token: ownership starts with #14). */
export function reserveOrderId(_db: Db, _cmd: Record<string, never>, ctx: Ctx): Decision<string> {
  const orderId = ctx.ids.next('order');
  return accept(orderId, [{ slice: 'orders', type: 'orders/orderIdReserved', orderId, at: ctx.now }]);
}

/** Parses and checks the package fields that are present; returns the changes or the first problem. */
function parsePackage(db: Db, current: OrderPackage, input: WireFields<PackageField>): Decision<Partial<OrderPackage>> {
  const ch: Partial<OrderPackage> = {};
  const text = (k: 'contractNo' | 'packageName' | 'packageType' | 'companyId' | 'repaymentType'): Decision<void> | null => {
    const v = input[k];
    if (v === undefined) return null;
    if (blank(v)) ch[k] = null;
    else if ((v as string).trim().length > (MAX_LENGTH[k] ?? MAX_TEXT)) return refuse('PARAM_INVALID', `${k} 过长`);
    else ch[k] = (v as string).trim();
    return null;
  };
  for (const k of ['contractNo', 'packageName', 'packageType', 'companyId', 'repaymentType'] as const) {
    const bad = text(k);
    if (bad) return bad as Decision<never>;
  }
  const money = (k: 'contractMoney' | 'packageMoney' | 'poundage' | 'moneyMonth'): Decision<void> | null => {
    const v = input[k];
    if (v === undefined) return null;
    const key = `${k}Fen` as 'contractMoneyFen' | 'packageMoneyFen' | 'poundageFen' | 'moneyMonthFen';
    if (blank(v)) {
      ch[key] = null;
      return null;
    }
    const fen = parseYuan(v as string);
    if (fen === null) return refuse('MONEY_INVALID', `${k}=${String(v).slice(0, 20)}`);
    ch[key] = fen;
    return null;
  };
  for (const k of ['contractMoney', 'packageMoney', 'poundage', 'moneyMonth'] as const) {
    const bad = money(k);
    if (bad) return bad as Decision<never>;
  }
  if (input.fenQiTimes !== undefined) {
    const v = input.fenQiTimes;
    if (blank(v)) ch.fenQiTimes = null;
    else if (!(FEN_QI_TIMES as readonly number[]).includes(Number(v)) || !/^\d+$/.test(v as string)) return refuse('FEN_QI_TIMES_INVALID', `fenQiTimes=${String(v).slice(0, 10)}`);
    else ch.fenQiTimes = Number(v);
  }
  const next: OrderPackage = { ...current, ...ch };
  if (next.companyId !== null && !db.state.reference.companies[next.companyId]) return refuse('COMPANY_NOT_FOUND', `companyId ${next.companyId}`);
  if (next.packageType !== null) {
    const p = db.state.reference.products[next.packageType];
    if (!p) return refuse('PRODUCT_NOT_FOUND', `packageType ${next.packageType}`);
    if (next.companyId === null) ch.companyId = next.companyId = p.companyId;
    else if (p.companyId !== next.companyId) return refuse('PRODUCT_NOT_FOUND', `套餐 ${p.productId} 不属于公司 ${next.companyId}`);
    if (next.packageName === null) ch.packageName = next.packageName = p.productName;
  }
  if (next.packageMoneyFen !== null && next.packageMoneyFen <= 0) return refuse('MONEY_INVALID', 'packageMoney 必须大于 0');
  if (next.packageMoneyFen !== null && next.contractMoneyFen !== null && next.packageMoneyFen > next.contractMoneyFen) {
    return refuse('PACKAGE_MONEY_EXCEEDS_CONTRACT');
  }
  if (next.poundageFen !== null && next.packageMoneyFen !== null && next.poundageFen > next.packageMoneyFen) {
    return refuse('MONEY_INVALID', 'poundage 不能大于 packageMoney');
  }
  // Fee and monthly principal the client did not compute: the 2015 fee table (client-facts 2.15)
  if (next.packageMoneyFen !== null && next.fenQiTimes !== null) {
    if (next.poundageFen === null) ch.poundageFen = standardPoundageFen(next.packageMoneyFen, next.fenQiTimes);
    if (next.moneyMonthFen === null) ch.moneyMonthFen = Math.round(next.packageMoneyFen / next.fenQiTimes);
  }
  return accept(ch);
}

function parseApplicant(input: WireFields<ApplicantField>): Decision<OrderApplicant> {
  const ch: OrderApplicant = {};
  for (const k of APPLICANT_FIELDS) {
    const raw = input[k];
    if (raw === undefined) continue;
    if (blank(raw)) {
      ch[k] = null;
      continue;
    }
    const v = (raw as string).trim();
    if (v.length > (MAX_LENGTH[k] ?? MAX_TEXT)) return refuse('PARAM_INVALID', `${k} 过长`);
    const family = APPLICANT_CODE_FAMILY[k];
    if (family && !isCodeOf(family, v)) return refuse('BASE_CODE_INVALID', `${k}=${v} 不是 ${family} 的代码`);
    if (k === 'applicantIdentity' && !isPrcIdNumber(v)) return refuse('ID_NUMBER_INVALID', `applicantIdentity`);
    if (APPLICANT_MOBILE_FIELDS.includes(k) && !isMobile(v)) return refuse('PARAM_INVALID', `${k} 不是有效的手机号`);
    if (k === 'applicantAge' && (!/^\d{1,3}$/.test(v) || Number(v) < 18 || Number(v) > 100)) return refuse('PARAM_INVALID', 'applicantAge 必须是 18 到 100 的整数');
    if (k === 'applicantWages' && parseYuan(v) === null) return refuse('MONEY_INVALID', 'applicantWages');
    if (k === 'applicantCompanyPhone' && !/^[0-9+() -]{5,32}$/.test(v)) return refuse('PARAM_INVALID', 'applicantCompanyPhone 不是有效的电话号码');
    ch[k] = k === 'applicantIdentity' ? v.toUpperCase() : v;
  }
  return accept(ch);
}

/** Finds the draft a customer edits: their order in 100501 (`notDraft`: the refusal otherwise). */
function draftOf(db: Db, actor: CustomerActor, orderId: string, notDraft: 'ORDER_NOT_EDITABLE' | 'ORDER_STATUS_INVALID' = 'ORDER_NOT_EDITABLE'): Decision<Order> {
  const o = ownOrder(db, actor, orderId);
  if (!o.ok) return o;
  if (o.value.status !== '100501') return refuse(notDraft, `当前状态 ${o.value.status}`);
  return o;
}

export interface EditOrderPackage {
  actor: CustomerActor;
  orderId: string;
  fields: WireFields<PackageField>;
}

/** #14: the package step. The first call turns a reserved id into a draft (100501) owned by the caller;
 *  later calls edit the draft. Status, owner and loan fields are not parameters: they cannot be set. */
export function editOrderPackage(db: Db, cmd: EditOrderPackage, ctx: Ctx): Decision<{ orderId: string; token: string; created: boolean }> {
  const existing = db.state.orders.orders[cmd.orderId];
  if (existing) {
    const d = draftOf(db, cmd.actor, cmd.orderId);
    if (!d.ok) return d;
    const p = parsePackage(db, d.value.package, cmd.fields);
    if (!p.ok) return p;
    const stepToken = ctx.ids.token();
    return accept({ orderId: cmd.orderId, token: stepToken, created: false }, [
      { slice: 'orders', type: 'orders/orderEdited', orderId: cmd.orderId, at: ctx.now, package: p.value, stepToken },
    ]);
  }
  if (db.state.orders.reservedOrderIds[cmd.orderId] === undefined) return refuse('ORDER_ID_NOT_RESERVED', `orderId ${cmd.orderId}`);
  const pkg = emptyPackage();
  const p = parsePackage(db, pkg, cmd.fields);
  if (!p.ok) return p;
  Object.assign(pkg, p.value);
  const order = newOrder({
    orderId: cmd.orderId,
    customerId: cmd.actor.customer.customerId,
    companyId: pkg.companyId,
    status: '100501',
    stepToken: ctx.ids.token(),
    createTime: ctx.now,
    updateTime: ctx.now,
    submitTime: null,
    package: pkg,
    applicant: {},
  });
  return accept({ orderId: cmd.orderId, token: order.stepToken as string, created: true }, [{ slice: 'orders', type: 'orders/orderCreated', order }]);
}

/** The order fields a new order is created with; everything else starts empty (see newOrder). */
export type NewOrderFields = Pick<Order, 'orderId' | 'customerId' | 'companyId' | 'status' | 'stepToken' | 'createTime' | 'updateTime' | 'submitTime' | 'package' | 'applicant'>;

/** A new order: no materials, no approvals, no loan and no repayment schedule yet. */
export function newOrder(fields: NewOrderFields): Order {
  return {
    ...fields,
    materialIds: [],
    approveRecordIds: [],
    sellerApproveRecordId: null,
    riskApproveRecordId: null,
    loan: null,
    nextRepaymentTime: null,
    nextRepaymentMoneyFen: null,
    noRepaymentTimes: null,
  };
}

/** #15: the applicant step of the caller's draft. */
export function editOrderCustomerInfo(
  db: Db,
  cmd: { actor: CustomerActor; orderId: string; fields: WireFields<ApplicantField>; stepToken?: string | null },
  ctx: Ctx,
): Decision<{ orderId: string; token: string }> {
  const d = draftOf(db, cmd.actor, cmd.orderId);
  if (!d.ok) return d;
  const t = checkStepToken(d.value, cmd.stepToken);
  if (!t.ok) return t;
  const a = parseApplicant(cmd.fields);
  if (!a.ok) return a;
  const stepToken = ctx.ids.token();
  return accept({ orderId: cmd.orderId, token: stepToken }, [
    { slice: 'orders', type: 'orders/orderEdited', orderId: cmd.orderId, at: ctx.now, applicant: a.value, stepToken },
  ]);
}

/** What a draft still lacks before #16 accepts it (wire field names, and materials by type). */
export function missingForCompletion(db: Db, order: Order): string[] {
  const missing: string[] = [];
  const pkgValue: Record<PackageField, unknown> = {
    contractNo: order.package.contractNo,
    packageName: order.package.packageName,
    packageType: order.package.packageType,
    companyId: order.package.companyId,
    contractMoney: order.package.contractMoneyFen,
    packageMoney: order.package.packageMoneyFen,
    fenQiTimes: order.package.fenQiTimes,
    poundage: order.package.poundageFen,
    repaymentType: order.package.repaymentType,
    moneyMonth: order.package.moneyMonthFen,
  };
  for (const k of REQUIRED_PACKAGE_FIELDS) if (pkgValue[k] === null || pkgValue[k] === undefined) missing.push(k);
  for (const k of REQUIRED_APPLICANT_FIELDS) if (blank(order.applicant[k])) missing.push(k);
  const hasIdCard = order.materialIds.some((id) => {
    const m = db.state.orders.materials[id];
    return m !== undefined && m.delete === 0 && m.orderMaterialType === ID_CARD_MATERIAL;
  });
  if (!hasIdCard) missing.push(`${MATERIAL_TYPE_LABELS[ID_CARD_MATERIAL]}照片(orderMaterialType ${ID_CARD_MATERIAL})`);
  return missing;
}

/** #16: submits the caller's complete draft for seller review (100501 -> 100502). */
export function editOrderComplete(db: Db, cmd: { actor: CustomerActor; orderId: string; stepToken?: string | null }, ctx: Ctx): Decision<{ orderId: string }> {
  const d = draftOf(db, cmd.actor, cmd.orderId, 'ORDER_STATUS_INVALID');
  if (!d.ok) return d;
  const t = checkStepToken(d.value, cmd.stepToken);
  if (!t.ok) return t;
  const missing = missingForCompletion(db, d.value);
  if (missing.length > 0) return refuse('ORDER_INCOMPLETE', `缺少 ${missing.join('、')}`);
  return accept({ orderId: cmd.orderId }, [statusChanged(d.value, '100502', ctx.now)]);
}

export interface UploadOrderMaterial {
  actor: CustomerActor;
  orderId: string;
  orderMaterialType: string;
  contentType: string;
  size: number;
}

/** #17: records a material of the caller's draft; the file itself is stored by the shell under `fileKey`. */
export function uploadOrderMaterial(db: Db, cmd: UploadOrderMaterial, ctx: Ctx): Decision<OrderMaterial> {
  if (!CUSTOMER_MATERIAL_TYPES.has(cmd.orderMaterialType)) return refuse('MATERIAL_TYPE_INVALID', `orderMaterialType=${cmd.orderMaterialType.slice(0, 20)}`);
  const d = draftOf(db, cmd.actor, cmd.orderId);
  if (!d.ok) return d;
  const orderMaterialId = ctx.ids.next('material');
  const material: OrderMaterial = {
    orderMaterialId,
    orderId: cmd.orderId,
    customerId: cmd.actor.customer.customerId,
    orderMaterialType: cmd.orderMaterialType,
    fileKey: `materials/${cmd.orderId}/${orderMaterialId}`,
    contentType: cmd.contentType,
    size: cmd.size,
    uploadTime: ctx.now,
    delete: 0,
  };
  return accept(material, [{ slice: 'orders', type: 'orders/materialAdded', material }]);
}

/** #18: deletes a material of the caller's draft (soft: `delete` becomes 1). */
export function deleteOrderMaterial(db: Db, cmd: { actor: CustomerActor; orderMaterialId: string }, ctx: Ctx): Decision<void> {
  const m = db.state.orders.materials[cmd.orderMaterialId];
  if (!m || m.delete !== 0) return refuse('MATERIAL_NOT_FOUND', `orderMaterialId ${cmd.orderMaterialId}`);
  if (m.customerId !== cmd.actor.customer.customerId) return refuse('FORBIDDEN', `orderMaterialId ${cmd.orderMaterialId}`);
  const d = draftOf(db, cmd.actor, m.orderId);
  if (!d.ok) return d;
  return accept(undefined, [{ slice: 'orders', type: 'orders/materialDeleted', orderMaterialId: m.orderMaterialId, at: ctx.now }]);
}

/** #21: soft-deletes an order (-> 100504): its owner, or staff of its company, from a deletable status. */
export function deleteOrder(db: Db, cmd: { actor: Principal; orderId: string }, ctx: Ctx): Decision<void> {
  const o = visibleOrder(db, cmd.actor, cmd.orderId);
  if (!o.ok) return o;
  if (!DELETABLE_STATUSES.includes(o.value.status)) return refuse('ORDER_STATUS_INVALID', `当前状态 ${o.value.status} 的订单不能删除`);
  return accept(undefined, [statusChanged(o.value, '100504', ctx.now)]);
}

/** Legacy approval values: "true"/"0" pass, "false"/"1" reject (2015 strings, 2016 numbers). */
export function parseApproveResult(v: string | null | undefined, dflt: boolean | null): Decision<boolean> {
  if (v === null || v === undefined || v.trim() === '') return dflt === null ? refuse('PARAM_MISSING', 'approveResult') : accept(dflt);
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === '0') return accept(true);
  if (t === 'false' || t === '1') return accept(false);
  return refuse('APPROVE_RESULT_INVALID', `approveResult=${v.slice(0, 10)}`);
}

/** Which staff role acts at each stage, from which status, to which status. */
export const APPROVAL_STAGES: Record<ApproveStage, { role: StaffRole; from: OrderStatus; pass: OrderStatus; reject: OrderStatus }> = {
  seller: { role: 'seller', from: '100502', pass: '100503', reject: '100509' },
  risk: { role: 'risk', from: '100503', pass: '100506', reject: '100509' },
  loan: { role: 'finance', from: '100506', pass: '100507', reject: '100509' },
};

export interface ApproveInput {
  actor: StaffActor;
  orderId: string;
  approveResult: string | null;
  approvePerson?: string | null;
  approveName?: string | null;
  approveRemarks?: string | null;
}

/** The order a staff member of `stage` may decide on: their company's, in the stage's status. */
export function orderForStage(db: Db, stage: ApproveStage, cmd: ApproveInput): Decision<Order> {
  const rule = APPROVAL_STAGES[stage];
  if (cmd.actor.staff.role !== rule.role) return refuse('ROLE_FORBIDDEN', `需要角色 ${rule.role},当前为 ${cmd.actor.staff.role}`);
  const found = visibleOrder(db, cmd.actor, cmd.orderId);
  if (!found.ok) return found;
  const o = found.value;
  if (o.status !== rule.from) return refuse('ORDER_STATUS_INVALID', `需要状态 ${rule.from},当前为 ${o.status}`);
  // a risk decision needs a passed seller approval; a loan a passed risk approval
  const needed = stage === 'risk' ? o.sellerApproveRecordId : stage === 'loan' ? o.riskApproveRecordId : 'none';
  if (needed !== 'none' && (needed === null || db.state.orders.approveRecords[needed]?.approveResult !== true)) {
    return refuse('ORDER_STATUS_INVALID', stage === 'risk' ? '缺少通过的商家审批' : '缺少通过的风控审批');
  }
  return accept(o);
}

/** Builds the approval record of a decision: approvePerson/approveName as sent (defaulting to the token's
 *  user), `usersId` always the token's user. */
export function approveRecordOf(stage: ApproveStage, cmd: ApproveInput, result: boolean, ctx: Ctx): ApproveRecord {
  const remarks = cmd.approveRemarks?.trim() ? cmd.approveRemarks.trim().slice(0, 500) : null;
  return {
    approveRecordId: ctx.ids.next('approve'),
    orderId: cmd.orderId,
    stage,
    approvePerson: cmd.approvePerson?.trim() ? cmd.approvePerson.trim().slice(0, 64) : cmd.actor.staff.usersId,
    approveName: cmd.approveName?.trim() ? cmd.approveName.trim().slice(0, 64) : cmd.actor.staff.usersName,
    approveResult: result,
    approveRemarks: remarks,
    approveTime: ctx.now,
    usersId: cmd.actor.staff.usersId,
  };
}

/** #27 (seller, 100502) and #29 (risk, 100503): pass moves the order on, reject ends it (100509). Once. */
export function approveOrder(db: Db, cmd: ApproveInput & { stage: 'seller' | 'risk' }, ctx: Ctx): Decision<ApproveRecord> {
  const r = parseApproveResult(cmd.approveResult, null);
  if (!r.ok) return r;
  const o = orderForStage(db, cmd.stage, cmd);
  if (!o.ok) return o;
  const record = approveRecordOf(cmd.stage, cmd, r.value, ctx);
  const rule = APPROVAL_STAGES[cmd.stage];
  return accept(record, [
    { slice: 'orders', type: 'orders/approveRecorded', record },
    statusChanged(o.value, r.value ? rule.pass : rule.reject, ctx.now),
  ]);
}
