// Bad input on every order-side endpoint gets the legacy envelope (success:false, a code, a message naming
// the problem), never a 5xx, never a half-applied change. Parameter-level cases are derived from the
// spec's request schemas; business-level ones are listed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from './helper';
import { useTestApp } from './helper';
import { BMP, PNG, fails, freshCaptcha, idNumber, ok, packagePage, upload } from './orders-client';

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });

const OPERATIONS = [
  'getOrderId',
  'editOrderPackage',
  'editOrderCustomerInfo',
  'editOrderComplete',
  'deleteOrderMaterial',
  'queryOrders',
  'queryOrdersByOrderId',
  'deleteOrderByOrderId',
  'querySellerApproveOrders',
  'sellerApproveOrder',
  'queryRiskManagementApproveOrders',
  'riskManagementApproveOrder',
  'queryWaitingForPayOrders',
  'getRepaymentRecordByOrderId',
  'getRepaymentRecordByRepaymentRecordId',
  'getApproveRecordsByOrderId',
  'loanByOrderId',
  'repaymentDoneByRepaymentRecordId',
  'isExistBindBankCard',
  'getBindBankCardId',
  'invokeBindBanCard',
  'confirmBindBankcard',
  'getBindBankCardByCustomerId',
  'sendBindRequest',
  'sendSmsByRepaymentRecordId',
  'smsConfirm',
  'getPayRecordById',
] as const;

type Schema = { $ref?: string; type?: string | string[]; pattern?: string; enum?: unknown[]; maxLength?: number; properties?: Record<string, Schema>; required?: string[]; anyOf?: Schema[] };

let ids: Record<string, string>;

beforeAll(async () => {
  ids = await t().scenario('a loan with N of M instalments paid', { n: 1, m: 3 });
});

function resolve(s: Schema | undefined): Schema {
  let cur = s ?? {};
  const doc = t().app.spec.doc as { components: { schemas: Record<string, Schema> } };
  for (let i = 0; i < 10 && cur.$ref; i++) cur = { ...doc.components.schemas[cur.$ref.split('/').pop()!], ...Object.fromEntries(Object.entries(cur).filter(([k]) => k !== '$ref')) };
  return cur;
}

function requestSchema(operationId: string): Schema {
  const op = t().app.spec.operations.get(operationId)!;
  if (!op.requestPointer) return {};
  const parts = op.requestPointer.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = t().app.spec.doc;
  for (const p of parts) node = (node as Record<string, unknown>)[p];
  return resolve(node as Schema);
}

/** A value that breaks the property's schema (pattern, enum or length), or null when it takes any text. */
function badValue(s: Schema): string | null {
  const r = resolve(s);
  if (r.enum) return 'zz-not-allowed';
  if (r.pattern) return '!<script>';
  if (r.maxLength !== undefined) return 'x'.repeat(r.maxLength + 1);
  if (r.anyOf) {
    for (const a of r.anyOf) {
      const v = badValue(a);
      if (v) return v;
    }
  }
  return null;
}

/** Well-formed values for every parameter (the ids need not exist: only the shape is checked first). */
function wellFormed(name: string): string {
  const table: Record<string, string> = {
    login_token: ids.login_token!,
    customerId: ids.customerId!,
    orderId: ids.orderId!,
    orderMaterialId: '201509011234',
    repaymentRecordId: '201509011234',
    bindBankCardId: '201509011234',
    orderid: '201509011234',
    companyId: '20150901000001',
    approvePerson: '201509010201',
    approveResult: 'true',
    img_validate_key: '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b',
    img_validate_code: 'ab12',
    validate_code: '123456',
    cardno: '6222020000000007',
    idcardno: idNumber(),
    username: '张伟',
    phone: '13800000001',
    bankCode: 'ICBC',
  };
  return table[name] ?? '';
}

function expectEnvelopeFailure(body: Envelope, code: string) {
  expect(body).toMatchObject({ success: false, obj: null, list: null, code });
  expect(body.message).toEqual(expect.any(String));
  expect(body.message!.length).toBeGreaterThan(2);
}

describe('parameters checked against the spec, for every operation', () => {
  const cases = OPERATIONS.map((operationId) => ({ operationId }));

  it.each(cases)('$operationId: nothing sent -> PARAM_MISSING naming the first required parameter (or success when none is required)', async ({ operationId }) => {
    const required = requestSchema(operationId).required ?? [];
    const { body, res } = await t().call(operationId, {});
    expect(res.statusCode).toBe(200);
    if (required.length === 0) {
      expect(body.success, body.message ?? '').toBe(true);
      return;
    }
    expectEnvelopeFailure(body, 'PARAM_MISSING');
    expect(required.some((r) => body.message!.includes(r))).toBe(true);
  });

  it.each(cases)('$operationId: each constrained parameter with a malformed value -> PARAM_INVALID naming it', async ({ operationId }) => {
    const schema = requestSchema(operationId);
    const props = schema.properties ?? {};
    const base: Record<string, string> = {};
    for (const r of schema.required ?? []) base[r] = wellFormed(r);
    let checked = 0;
    for (const [name, prop] of Object.entries(props)) {
      const bad = badValue(prop);
      if (bad === null || name === 'orderMaterialFile') continue;
      const { body, res } = await t().call(operationId, { ...base, [name]: bad });
      expect(res.statusCode).toBe(200);
      expectEnvelopeFailure(body, 'PARAM_INVALID');
      expect(body.message).toContain(name);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a repeated parameter, an object where text is expected, a JSON array body: the envelope, no 5xx', async () => {
    const path = t().app.servedOperations.get('queryOrdersByOrderId')!;
    const twice = await t().app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `orderId=1&orderId=2&login_token=${ids.login_token}` });
    expectEnvelopeFailure(JSON.parse(twice.body), 'PARAM_INVALID');
    const obj = await t().app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ orderId: { a: 1 }, login_token: ids.login_token }) });
    expectEnvelopeFailure(JSON.parse(obj.body), 'PARAM_INVALID');
    const arr = await t().app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: '[1,2]' });
    expect(arr.statusCode).toBe(400);
    expect(JSON.parse(arr.body)).toMatchObject({ success: false, code: 'BODY_UNPARSEABLE' });
    const broken = await t().app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: '{"orderId":' });
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ success: false });
  });

  it('the same call works from a query string, a GET and a JSON body (legacy binding)', async () => {
    const path = t().app.servedOperations.get('queryOrdersByOrderId')!;
    const get = await t().app.inject({ method: 'GET', url: `${path}?orderId=${ids.orderId}&login_token=${ids.login_token}` });
    expect(JSON.parse(get.body)).toMatchObject({ success: true, obj: { orderId: ids.orderId } });
    const json = await t().app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ orderId: ids.orderId, login_token: ids.login_token }) });
    expect(JSON.parse(json.body)).toMatchObject({ success: true, obj: { orderId: ids.orderId } });
  });
});

describe('business-level bad input', () => {
  it('the wizard refuses what the rules refuse and changes nothing', async () => {
    const c = await t().scenario('a logged-in customer');
    const orderId = (await ok(t(), 'getOrderId')).obj as string;
    const page = packagePage(c.login_token!, c.customerId!, orderId);
    await fails(t(), 'editOrderPackage', 'FEN_QI_TIMES_INVALID', { ...page, fenQiTimes: '0' });
    await fails(t(), 'editOrderPackage', 'PACKAGE_MONEY_EXCEEDS_CONTRACT', { ...page, packageMoney: '200000' });
    await fails(t(), 'editOrderPackage', 'PRODUCT_NOT_FOUND', { ...page, packageType: '201509010003' });
    await fails(t(), 'editOrderPackage', 'MONEY_INVALID', { ...page, contractMoney: '999999999.99', packageMoney: '999999999' });
    await fails(t(), 'editOrderPackage', 'ORDER_ID_NOT_RESERVED', { ...page, orderId: '209912310001' });
    await fails(t(), 'editOrderPackage', 'FORBIDDEN', { ...page, customerId: '201509010101' });
    await fails(t(), 'queryOrdersByOrderId', 'ORDER_NOT_FOUND', { login_token: c.login_token!, orderId });
    await ok(t(), 'editOrderPackage', page);
    await fails(t(), 'editOrderCustomerInfo', 'ID_NUMBER_INVALID', { login_token: c.login_token!, orderId, applicantIdentity: '110105198501011235' });
    await fails(t(), 'editOrderCustomerInfo', 'PARAM_INVALID', { login_token: c.login_token!, orderId, applicantSex: '100199' }); // the spec's 1001 enum
    await fails(t(), 'editOrderCustomerInfo', 'STEP_TOKEN_INVALID', { login_token: c.login_token!, orderId, token: '0123456789ABCDEF0123456789ABCDEF' });
    const incomplete = await fails(t(), 'editOrderComplete', 'ORDER_INCOMPLETE', { login_token: c.login_token!, orderId });
    expect(incomplete.message).toContain('applicantName');
    expect(incomplete.message).toContain('100701');
    const order = (await ok(t(), 'queryOrdersByOrderId', { login_token: c.login_token!, orderId })).obj;
    expect(order).toMatchObject({ status: '100501', applicantIdentity: null, applicantSex: null, packageMoney: 80000 });
  });

  it('uploads: content decides the type, empty and oversized files, wrong material type, a finished order', async () => {
    const d = await t().scenario('an order in draft');
    const form = { login_token: d.login_token!, customerId: d.customerId!, orderId: d.orderId!, orderMaterialType: '100702' };
    const send = async (file: Parameters<typeof upload>[2], fields = form) => JSON.parse((await upload(t(), fields, file)).body) as Envelope;
    // a text file named .jpg is refused; a BMP named .txt is taken
    expectEnvelopeFailure(await send({ filename: 'fake.jpg', data: Buffer.from('not an image at all') }), 'FILE_TYPE_INVALID');
    expect(await send({ filename: 'scan.txt', data: BMP, type: 'text/plain' })).toMatchObject({ success: true });
    expectEnvelopeFailure(await send({ filename: 'empty.png', data: Buffer.alloc(0) }), 'FILE_MISSING');
    // no file part at all and an empty file part: both FILE_MISSING naming the part (spec example FILE_MISSING)
    for (const body of [await send(null), await send({ filename: 'empty.jpg', data: Buffer.alloc(0) })]) {
      expectEnvelopeFailure(body, 'FILE_MISSING');
      expect(body.message).toBe('缺少上传文件: orderMaterialFile');
    }
    // a text field where the file part belongs is no file
    const textField = await t().call('uploadOrderMaterial', { ...form, orderMaterialFile: 'abc' });
    expectEnvelopeFailure(textField.body, 'FILE_MISSING');
    // a missing text parameter is still named first
    expect(await send(null, { ...form, login_token: '' })).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: login_token' });
    expectEnvelopeFailure(await send({ filename: 'x.png', data: PNG }, { ...form, orderMaterialType: '100799' }), 'PARAM_INVALID');
    // a back-office material type is a 1007 code but not one a customer may upload
    expectEnvelopeFailure(await send({ filename: 'x.png', data: PNG }, { ...form, orderMaterialType: '100712' }), 'MATERIAL_TYPE_INVALID');
    const big = await upload(t(), form, { filename: 'big.png', data: Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1)]) });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-type']).toMatch(/^text\/html/);
    expectEnvelopeFailure(JSON.parse(big.body), 'FILE_TOO_LARGE');
    // a caller asking for JSON gets JSON
    const json = await upload(t(), form, { filename: 'x.png', data: PNG }, { accept: 'application/json' });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    // after submission the draft's materials are frozen
    await ok(t(), 'editOrderComplete', { login_token: d.login_token!, orderId: d.orderId! });
    expectEnvelopeFailure(await send({ filename: 'late.png', data: PNG }), 'ORDER_NOT_EDITABLE');
    await fails(t(), 'deleteOrderMaterial', 'ORDER_NOT_EDITABLE', { login_token: d.login_token!, orderMaterialId: d.orderMaterialId! });
    const materials = (await ok(t(), 'queryOrdersByOrderId', { login_token: d.login_token!, orderId: d.orderId! })).list!;
    expect(materials).toHaveLength(3); // the scenario's ID card, the BMP, the JSON-answered PNG
  });

  it('approvals and disbursement: wrong status, 退回, unknown order', async () => {
    const o = await t().scenario('an order awaiting seller approval');
    const form = { login_token: o.seller_login_token!, orderId: o.orderId!, approvePerson: o.seller_usersId! };
    await fails(t(), 'sellerApproveOrder', 'APPROVE_RESULT_INVALID', { ...form, approveResult: '2' });
    await fails(t(), 'sellerApproveOrder', 'ORDER_NOT_FOUND', { ...form, orderId: '209912310001', approveResult: 'true' });
    await fails(t(), 'riskManagementApproveOrder', 'ORDER_STATUS_INVALID', { ...form, login_token: o.risk_login_token!, approveResult: 'true' });
    await fails(t(), 'loanByOrderId', 'ORDER_STATUS_INVALID', { login_token: o.finance_login_token!, orderId: o.orderId! });
    await fails(t(), 'querySellerApproveOrders', 'FORBIDDEN', { login_token: o.seller_login_token!, companyId: '20150901000002' });
    // a finance "false" declines the loan
    const w = await t().scenario('an order waiting for loan');
    expect((await ok(t(), 'loanByOrderId', { login_token: w.finance_login_token!, orderId: w.orderId!, approveResult: 'false' })).message).toBe('已拒绝放款');
    expect((await ok(t(), 'queryOrdersByOrderId', { login_token: w.login_token!, orderId: w.orderId! })).obj.status).toBe('100509');
    expect((await ok(t(), 'getRepaymentRecordByOrderId', { login_token: w.login_token!, orderId: w.orderId! })).list).toEqual([]);
  });

  it('cards and payments: Luhn, ID checksum, bank code, refused card, unknown ids, paying out of order', async () => {
    const c = await t().scenario('a logged-in customer');
    const id = (await ok(t(), 'getBindBankCardId')).obj as string;
    const card = { login_token: c.login_token!, customerId: c.customerId!, bindBankCardId: id, bankCode: 'ICBC', username: '李四', cardno: '6222020000000007', idcardno: idNumber(), phone: c.phoneNumber! };
    const withCaptcha = async (extra: Record<string, string>) => {
      const cap = await freshCaptcha(t());
      return { ...card, img_validate_key: cap.key, img_validate_code: cap.code, ...extra };
    };
    await fails(t(), 'invokeBindBanCard', 'CARD_NO_INVALID', await withCaptcha({ cardno: '6222020000000008' }));
    await fails(t(), 'invokeBindBanCard', 'ID_NUMBER_INVALID', await withCaptcha({ idcardno: '110105198501011235' }));
    await fails(t(), 'invokeBindBanCard', 'BANK_CODE_INVALID', await withCaptcha({ bankCode: 'NOPE' })); // well-formed but unknown: the business check answers
    await fails(t(), 'invokeBindBanCard', 'PARAM_INVALID', await withCaptcha({ bankCode: 'IC-BC' })); // malformed: the spec's pattern answers
    await fails(t(), 'invokeBindBanCard', 'CARD_REFUSED_BY_BANK', await withCaptcha({ cardno: '6222020000000056' }));
    await fails(t(), 'invokeBindBanCard', 'BIND_ID_INVALID', await withCaptcha({ bindBankCardId: '209912310001' }));
    await fails(t(), 'invokeBindBanCard', 'CAPTCHA_INVALID', { ...card, img_validate_key: '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b', img_validate_code: 'zzzz' });
    await fails(t(), 'confirmBindBankcard', 'BIND_NOT_REQUESTED', { ...card, validate_code: '123456' });
    await fails(t(), 'isExistBindBankCard', 'NO_BOUND_CARD', { login_token: c.login_token!, customerId: c.customerId! });
    // paying: unknown record, out of order, already paid, unknown payment, poll of an unknown payment
    const loan = await t().scenario('a loan with N of M instalments paid', { n: 1, m: 3 });
    const recs = loan.repaymentRecordIds as unknown as string[];
    const pay = { login_token: loan.login_token!, customerId: loan.customerId!, bindBankCardId: loan.bindBankCardId! };
    await fails(t(), 'sendBindRequest', 'REPAYMENT_RECORD_NOT_FOUND', { ...pay, repaymentRecordId: '209912310001' });
    await fails(t(), 'sendBindRequest', 'REPAYMENT_OUT_OF_ORDER', { ...pay, repaymentRecordId: recs[2]! });
    await fails(t(), 'sendBindRequest', 'REPAYMENT_ALREADY_PAID', { ...pay, repaymentRecordId: recs[0]! });
    await fails(t(), 'sendBindRequest', 'BANK_CARD_NOT_FOUND', { ...pay, repaymentRecordId: recs[1]!, bindBankCardId: '209912310001' });
    await fails(t(), 'smsConfirm', 'PAYMENT_NOT_FOUND', { login_token: loan.login_token!, validate_code: '123456', orderid: '209912310001' });
    await fails(t(), 'sendSmsByRepaymentRecordId', 'PARAM_MISSING', { login_token: loan.login_token!, img_validate_key: '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b', img_validate_code: 'ab12' });
    await fails(t(), 'getPayRecordById', 'PAYMENT_NOT_FOUND', { orderid: '209912310001' });
    await fails(t(), 'repaymentDoneByRepaymentRecordId', 'PAYMENT_NOT_IN_FLIGHT', { repaymentRecordId: recs[1]! });
    await fails(t(), 'repaymentDoneByRepaymentRecordId', 'PAYMENT_NOT_FOUND', { repaymentRecordId: recs[1]!, orderid: '209912310001' });
    await fails(t(), 'repaymentDoneByRepaymentRecordId', 'REPAYMENT_RECORD_NOT_FOUND', { repaymentRecordId: '209912310001' });
    await fails(t(), 'getRepaymentRecordByRepaymentRecordId', 'REPAYMENT_RECORD_NOT_FOUND', { login_token: loan.login_token!, repaymentRecordId: '209912310001' });
    // none of it touched the loan
    const rows = (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: loan.login_token!, orderId: loan.orderId! })).list!;
    expect(rows.map((r) => r.status)).toEqual(['101902', '101901', '101901']);
  });
});
