// BOLA: a customer token never reaches another customer's order, material, repayment record, card or
// payment, and a staff token never reaches another company's orders, on every id-taking endpoint of the
// order side. Refused with FORBIDDEN, nothing of the target in the answer, nothing of it changed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from './helper';
import { useTestApp } from './helper';
import { PNG, applicantPage, freshCaptcha, idNumber, ok, packagePage, upload } from './orders-client';

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });

/** The victim: a loan with one instalment paid, a bound card, a payment created, and a draft with a material. */
let victim: Record<string, string>;
let victimRecords: string[];
let victimDraft: Record<string, string>;
let victimPaymentId: string;
/** The attacker: another customer with their own card. */
let attacker: Record<string, string>;
let langrunStaff: Record<string, string>;

beforeAll(async () => {
  const loan = await t().scenario('a loan with N of M instalments paid', { n: 1, m: 3 });
  victim = loan;
  victimRecords = loan.repaymentRecordIds as unknown as string[];
  victimDraft = await t().scenario('an order in draft', { customerId: loan.customerId });
  victimPaymentId = (await ok(t(), 'sendBindRequest', { login_token: victimDraft.login_token!, customerId: loan.customerId!, repaymentRecordId: victimRecords[1]!, bindBankCardId: loan.bindBankCardId! })).obj;
  attacker = await t().scenario('a customer with a bound card', { cardno: '6217000000000006' });
  langrunStaff = await t().scenario('an order awaiting seller approval', { companyId: '20150901000002' });
});

async function snapshotOfVictim(): Promise<string> {
  const s = (await t().admin<{ state: { orders: Record<string, Record<string, { customerId?: string }> | unknown[]> } }>('GET', '/__mock/state')).body.state.orders;
  const mine = (m: unknown) =>
    Object.values(m as Record<string, { customerId?: string; orderId?: string }>).filter((x) => x.customerId === victim.customerId || x.orderId === victim.orderId || x.orderId === victimDraft.orderId);
  return JSON.stringify([mine(s.orders), mine(s.materials), mine(s.repaymentRecords), mine(s.bankCards), mine(s.payments), mine(s.approveRecords)]);
}

function expectNothingOfVictim(body: Envelope) {
  expect(body.obj).toBeNull();
  expect(body.list).toBeNull();
  const text = JSON.stringify(body);
  expect(text).not.toContain(victim.phoneNumber);
  expect(text).not.toContain('张伟');
  expect(text).not.toContain('622202');
}

type Attack = [string, string, () => Record<string, string>];

const customerAttacks: Attack[] = [
  ['editOrderPackage', 'the victim draft (own customerId)', () => packagePage(attacker.login_token!, attacker.customerId!, victimDraft.orderId!)],
  ['editOrderPackage', "the victim's customerId", () => packagePage(attacker.login_token!, victim.customerId!, victimDraft.orderId!)],
  ['editOrderCustomerInfo', 'the victim draft', () => applicantPage(attacker.login_token!, victimDraft.orderId!, attacker.phoneNumber!)],
  ['editOrderComplete', 'the victim draft', () => ({ login_token: attacker.login_token!, orderId: victimDraft.orderId! })],
  ['deleteOrderMaterial', "the victim's material", () => ({ login_token: attacker.login_token!, orderMaterialId: victimDraft.orderMaterialId! })],
  ['queryOrders', "the victim's customerId", () => ({ login_token: attacker.login_token!, customerId: victim.customerId!, status: '', currentPageNum: '1', pageSize: '10' })],
  ['queryOrdersByOrderId', 'the victim loan', () => ({ login_token: attacker.login_token!, orderId: victim.orderId! })],
  ['queryOrdersByOrderId', 'the victim draft', () => ({ login_token: attacker.login_token!, orderId: victimDraft.orderId! })],
  ['deleteOrderByOrderId', 'the victim draft', () => ({ login_token: attacker.login_token!, orderId: victimDraft.orderId! })],
  ['getRepaymentRecordByOrderId', 'the victim loan', () => ({ login_token: attacker.login_token!, orderId: victim.orderId! })],
  ['getRepaymentRecordByRepaymentRecordId', "the victim's record", () => ({ login_token: attacker.login_token!, repaymentRecordId: victimRecords[0]! })],
  ['getApproveRecordsByOrderId', 'the victim loan', () => ({ login_token: attacker.login_token!, orderId: victim.orderId! })],
  ['isExistBindBankCard', "the victim's customerId", () => ({ login_token: attacker.login_token!, customerId: victim.customerId! })],
  ['getBindBankCardByCustomerId', "the victim's customerId", () => ({ login_token: attacker.login_token!, customerId: victim.customerId! })],
  [
    'sendBindRequest',
    "the victim's record with the attacker's card",
    () => ({ login_token: attacker.login_token!, customerId: attacker.customerId!, repaymentRecordId: victimRecords[1]!, bindBankCardId: attacker.bindBankCardId! }),
  ],
  [
    'sendBindRequest',
    "the victim's card",
    () => ({ login_token: attacker.login_token!, customerId: attacker.customerId!, repaymentRecordId: victimRecords[1]!, bindBankCardId: victim.bindBankCardId! }),
  ],
  ['sendSmsByRepaymentRecordId', "the victim's payment (orderid)", () => ({ login_token: attacker.login_token!, img_validate_key: '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b', img_validate_code: 'ab12', orderid: victimPaymentId })],
  ['sendSmsByRepaymentRecordId', "the victim's record", () => ({ login_token: attacker.login_token!, img_validate_key: '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b', img_validate_code: 'ab12', repaymentRecordId: victimRecords[1]! })],
  ['smsConfirm', "the victim's payment (orderid)", () => ({ login_token: attacker.login_token!, validate_code: '123456', orderid: victimPaymentId })],
  ['smsConfirm', "the victim's record", () => ({ login_token: attacker.login_token!, validate_code: '123456', repaymentRecordId: victimRecords[1]! })],
  ['getPayRecordById', "the victim's payment with the attacker's token", () => ({ orderid: victimPaymentId, login_token: attacker.login_token! })],
];

describe('a customer token never reaches another customer', () => {
  it.each(customerAttacks)('%s on %s -> FORBIDDEN, nothing returned, nothing changed', async (operationId, _what, params) => {
    const before = await snapshotOfVictim();
    const { body } = await t().call(operationId, params());
    expect({ success: body.success, code: body.code }).toEqual({ success: false, code: 'FORBIDDEN' });
    expectNothingOfVictim(body);
    expect(await snapshotOfVictim()).toBe(before);
  });

  it("uploadOrderMaterial into the victim's draft -> FORBIDDEN, no file stored", async () => {
    const before = await snapshotOfVictim();
    const res = await upload(t(), { login_token: attacker.login_token!, customerId: attacker.customerId!, orderId: victimDraft.orderId!, orderMaterialType: '100701' }, { filename: 'x.png', data: PNG });
    const body = JSON.parse(res.body) as Envelope;
    expect({ success: body.success, code: body.code }).toEqual({ success: false, code: 'FORBIDDEN' });
    expectNothingOfVictim(body);
    expect(await snapshotOfVictim()).toBe(before);
  });

  it("binding with the victim's reserved binding id -> FORBIDDEN", async () => {
    // the victim reserves an id and starts binding; the attacker tries to finish or restart it
    const id = (await ok(t(), 'getBindBankCardId', { login_token: victim.login_token! })).obj as string;
    const cap = await freshCaptcha(t());
    const mine = { customerId: attacker.customerId!, bindBankCardId: id, bankCode: 'CCB', username: '李四', cardno: '6217000000000006', idcardno: idNumber(), phone: attacker.phoneNumber! };
    const a = await t().call('invokeBindBanCard', { login_token: attacker.login_token!, img_validate_key: cap.key, img_validate_code: cap.code, ...mine });
    expect(a.body.code).toBe('FORBIDDEN');
    const b = await t().call('confirmBindBankcard', { login_token: attacker.login_token!, validate_code: '123456', ...mine });
    expect(b.body.code).toBe('FORBIDDEN');
  });

  it('the tokenless status poll shows a payment status only, never card or customer data', async () => {
    const { body } = await t().call('getPayRecordById', { orderid: victimPaymentId });
    expect(Object.keys(body.obj).sort()).toEqual(['amount', 'errorcode', 'errormsg', 'orderid', 'repaymentRecordId', 'status']);
    expect(JSON.stringify(body)).not.toContain(victim.customerId);
  });
});

describe("#20 queryOrdersByOrderId: a `customerId`, when sent, must be the order's customer", () => {
  it("the attacker's own order with the victim's customerId -> FORBIDDEN; with their own or none -> the order", async () => {
    const own = await t().scenario('an order in draft', { customerId: attacker.customerId });
    const ask = (customerId?: string) => t().call('queryOrdersByOrderId', { login_token: own.login_token!, orderId: own.orderId!, customerId });
    const refused = (await ask(victim.customerId)).body;
    expect({ success: refused.success, code: refused.code }).toEqual({ success: false, code: 'FORBIDDEN' });
    expectNothingOfVictim(refused);
    expect(JSON.stringify(refused)).not.toContain(own.orderId);
    for (const customerId of [attacker.customerId, undefined]) {
      const { body } = await ask(customerId);
      expect(body).toMatchObject({ success: true, obj: { orderId: own.orderId, customerId: attacker.customerId } });
    }
  });

  it("staff of the order's company: a customerId that is not the order's customer -> FORBIDDEN", async () => {
    const ask = (customerId: string) => t().call('queryOrdersByOrderId', { login_token: victim.seller_login_token!, orderId: victim.orderId!, customerId });
    expect((await ask(attacker.customerId!)).body).toMatchObject({ success: false, code: 'FORBIDDEN', obj: null, list: null });
    expect((await ask(victim.customerId!)).body).toMatchObject({ success: true, obj: { orderId: victim.orderId, customerId: victim.customerId } });
  });
});

const staffAttacks: Attack[] = [
  ['querySellerApproveOrders', "another company's list", () => ({ login_token: langrunStaff.seller_login_token!, status: '', currentPageNum: '1', companyId: '20150901000001' })],
  ['queryRiskManagementApproveOrders', "another company's list", () => ({ login_token: langrunStaff.risk_login_token!, status: '', currentPageNum: '1', companyId: '20150901000001' })],
  ['queryWaitingForPayOrders', "another company's list", () => ({ login_token: langrunStaff.finance_login_token!, status: '', currentPageNum: '1', companyId: '20150901000001' })],
  ['queryOrdersByOrderId', "another company's order", () => ({ login_token: langrunStaff.seller_login_token!, orderId: victim.orderId! })],
  ['sellerApproveOrder', "another company's order", () => ({ login_token: langrunStaff.seller_login_token!, orderId: victim.orderId!, approvePerson: langrunStaff.seller_usersId!, approveResult: 'true' })],
  ['riskManagementApproveOrder', "another company's order", () => ({ login_token: langrunStaff.risk_login_token!, orderId: victim.orderId!, approvePerson: langrunStaff.risk_usersId!, approveResult: 'true' })],
  ['loanByOrderId', "another company's order", () => ({ login_token: langrunStaff.finance_login_token!, orderId: victim.orderId! })],
  ['deleteOrderByOrderId', "another company's order", () => ({ login_token: langrunStaff.seller_login_token!, orderId: victimDraft.orderId! })],
  ['getApproveRecordsByOrderId', "another company's order", () => ({ login_token: langrunStaff.risk_login_token!, orderId: victim.orderId! })],
  ['getRepaymentRecordByOrderId', "another company's order", () => ({ login_token: langrunStaff.finance_login_token!, orderId: victim.orderId! })],
  ['getRepaymentRecordByRepaymentRecordId', "another company's record", () => ({ login_token: langrunStaff.finance_login_token!, repaymentRecordId: victimRecords[0]! })],
];

describe('a staff token never reaches another company', () => {
  it.each(staffAttacks)('%s on %s -> FORBIDDEN, nothing returned, nothing changed', async (operationId, _what, params) => {
    const before = await snapshotOfVictim();
    const { body } = await t().call(operationId, params());
    expect({ success: body.success, code: body.code }).toEqual({ success: false, code: 'FORBIDDEN' });
    expectNothingOfVictim(body);
    expect(await snapshotOfVictim()).toBe(before);
  });
});

describe('function level: the wrong kind of token', () => {
  it.each([
    ['querySellerApproveOrders', 'NOT_STAFF_TOKEN', () => ({ login_token: victim.login_token!, companyId: '20150901000001' })],
    ['sellerApproveOrder', 'NOT_STAFF_TOKEN', () => ({ login_token: victim.login_token!, orderId: victim.orderId!, approvePerson: '201509010201', approveResult: 'true' })],
    ['loanByOrderId', 'NOT_STAFF_TOKEN', () => ({ login_token: victim.login_token!, orderId: victim.orderId! })],
    ['queryRiskManagementApproveOrders', 'ROLE_FORBIDDEN', () => ({ login_token: victim.seller_login_token!, companyId: '20150901000001' })],
    ['riskManagementApproveOrder', 'ROLE_FORBIDDEN', () => ({ login_token: victim.seller_login_token!, orderId: victim.orderId!, approvePerson: '201509010201', approveResult: 'true' })],
    ['queryWaitingForPayOrders', 'ROLE_FORBIDDEN', () => ({ login_token: victim.risk_login_token!, companyId: '20150901000001' })],
    ['loanByOrderId', 'ROLE_FORBIDDEN', () => ({ login_token: victim.seller_login_token!, orderId: victim.orderId! })],
    ['queryOrders', 'NOT_CUSTOMER_TOKEN', () => ({ login_token: victim.seller_login_token! })],
    ['editOrderPackage', 'NOT_CUSTOMER_TOKEN', () => ({ login_token: victim.seller_login_token!, customerId: victim.customerId!, orderId: victimDraft.orderId! })],
    ['sendBindRequest', 'NOT_CUSTOMER_TOKEN', () => ({ login_token: victim.seller_login_token!, customerId: victim.customerId!, repaymentRecordId: victimRecords[1]!, bindBankCardId: victim.bindBankCardId! })],
    ['getOrderId', 'NOT_CUSTOMER_TOKEN', () => ({ login_token: victim.seller_login_token! })],
    ['getBindBankCardId', 'NOT_CUSTOMER_TOKEN', () => ({ login_token: victim.seller_login_token! })],
    ['queryOrdersByOrderId', 'TOKEN_INVALID', () => ({ login_token: '0123456789ABCDEF0123456789ABCDEF', orderId: victim.orderId! })],
  ] as const)('%s -> %s', async (operationId, code, params) => {
    const { body } = await t().call(operationId, params());
    expect({ success: body.success, code: body.code }).toEqual({ success: false, code });
    expect(body.obj).toBeNull();
  });
});
