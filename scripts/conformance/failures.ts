// Every documented failure, one request each: for each operation of the spec and each failure example of
// its 200 answer (its `code`), a recipe that puts the mock in the situation (scenarios, the clock, earlier
// calls) and sends the request that must be answered with that code. Recipes common to many operations
// (a missing or malformed parameter, an unknown token, someone else's token, an unknown id) are derived
// from a valid base request of the operation; the rest are written per operation. A documented failure
// without a recipe, or answered with another code, is reported as not reached.
import { ASCII_GIF } from '../fuzz/http';
import type { CallOptions, Params } from './client';
import type { Driver } from './driver';
import type { Ids } from './world';
import { advance, captcha, cardNumber, idNumber, scenario, smsCode } from './world';

const COMPANY = '20150901000001';
const OTHER_COMPANY = '20150901000002';
const FAKE_TOKEN = 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF';
/** Well-formed ids that nothing in the mock carries (its ids are yyyyMMdd + sequence from the mock clock). */
const NO_ID = { order: '209912310001', record: '209912310002', payment: '209912310003', material: '209912310004', customer: '209912310005', bind: '209912310006', company: '209912310007' };

interface World {
  /** Customer A: a draft order, the company's staff tokens. */
  A: Ids;
  /** A's order awaiting seller approval (100502), risk approval (100503), loan (100506). */
  submitted: Ids;
  riskOrder: Ids;
  loanOrder: Ids;
  /** A's loan of 3 instalments, the first paid (bound card, payment ids). */
  loan: Ids;
  /** Another logged-in customer. */
  B: Ids;
  /** Staff of the other company, by role. */
  other: Record<'seller' | 'risk' | 'finance', Ids>;
}

interface Base {
  params: Params;
  opts?: CallOptions;
}

type Recipe = (r: Driver, w: World) => Promise<unknown>;

const gif = (name: string): CallOptions => ({ files: { [name]: { filename: 'a.gif', contentType: 'image/gif', data: ASCII_GIF } }, headers: { accept: 'application/json' } });

function wrongSms(code: string): string {
  return [...code].map((d) => String((Number(d) + 1) % 10)).join('');
}

function wrongCaptcha(code: string): string {
  return code.toLowerCase() === 'zzzz' ? 'yyyy' : 'zzzz';
}

/** A valid request of each operation in the failure world (not necessarily one that succeeds). */
function base(op: string, r: Driver, w: World): Base {
  const A = w.A;
  const tok = A.login_token as string;
  const seller = { login_token: A.seller_login_token, approvePerson: A.seller_usersId };
  const risk = { login_token: A.risk_login_token, approvePerson: A.risk_usersId };
  const finance = { login_token: A.finance_login_token, approvePerson: A.finance_usersId };
  const pkg = { packageType: '201509010001', companyId: COMPANY, packageName: '悦享家', contractMoney: '100000', packageMoney: '80000', fenQiTimes: '12', poundage: '5600.00', repaymentType: '100802', moneyMonth: '6666.67' };
  const bases: Record<string, Base> = {
    sendValidateMessage: { params: { phone_number: r.phones.next(), validate_key: r.key(), validate_code: 'ab12' } },
    registerCustomer: { params: { phone_number: r.phones.next(), password: 'Passw0rd15', validate_code: '123456' } },
    customerLogin: { params: { phone_number: A.phoneNumber, password: 'wrongpass1' } },
    updatePasswordPre: { params: { phone_number: A.phoneNumber, validate_code: '123456' } },
    updatePassword: { params: { customer_id: A.customerId, token: 'ABCDEF0123456789ABCDEF0123456789', password: 'NewPass2015' } },
    updateCustomerInfo: { params: { login_token: tok, customerId: A.customerId, sex: '100101' } },
    getCustomerByCustomerId: { params: { customerId: A.customerId } },
    getBaseCodeByParents: { params: { parents: '1001' } },
    getImageValidate: { params: { image_key: r.key(), t: '1441072800000' }, opts: { encoding: 'get' } },
    customerLoginOut: { params: { login_token: tok } },
    updatePhoneNumberPre: { params: { phone_number: A.phoneNumber, validate_code: '123456' } },
    updatePhoneNumber: { params: { customer_id: A.customerId, token: tok, phoneNumber: r.phones.next(), validate_code: '123456' } },
    getOrderId: { params: { login_token: tok } },
    editOrderPackage: { params: { login_token: tok, customerId: A.customerId, orderId: A.orderId, ...pkg } },
    editOrderCustomerInfo: { params: { login_token: tok, orderId: A.orderId, applicantName: '张伟' } },
    editOrderComplete: { params: { login_token: tok, orderId: A.orderId } },
    uploadOrderMaterial: { params: { login_token: tok, customerId: A.customerId, orderId: A.orderId, orderMaterialType: '100702' }, opts: gif('orderMaterialFile') },
    deleteOrderMaterial: { params: { login_token: tok, orderMaterialId: A.orderMaterialId } },
    queryOrders: { params: { login_token: tok, customerId: A.customerId, status: '', currentPageNum: '1', pageSize: '10' } },
    queryOrdersByOrderId: { params: { login_token: tok, orderId: A.orderId } },
    deleteOrderByOrderId: { params: { login_token: tok, orderId: A.orderId } },
    queryProduct: { params: { companyId: COMPANY } },
    registerUsers: { params: { usersPhone: r.phones.next(), password: 'Staff2015x', usersName: '测试用户', companyId: COMPANY, sex: '100101' } },
    usersLogin: { params: { usersPhone: '13900000011', password: 'wrongpass1' } },
    queryCompany: { params: { pageSize: '10' } },
    querySellerApproveOrders: { params: { login_token: A.seller_login_token, status: '', currentPageNum: '1', companyId: COMPANY } },
    sellerApproveOrder: { params: { ...seller, orderId: w.submitted.orderId, approveName: '审批员', approveResult: 'true', approveRemarks: '' } },
    queryRiskManagementApproveOrders: { params: { login_token: A.risk_login_token, status: '', currentPageNum: '1', companyId: COMPANY } },
    riskManagementApproveOrder: { params: { ...risk, orderId: w.riskOrder.orderId, approveName: '风控员', approveResult: 'true', approveRemarks: '' } },
    queryWaitingForPayOrders: { params: { login_token: A.finance_login_token, status: '', currentPageNum: '1', companyId: COMPANY } },
    getRepaymentRecordByOrderId: { params: { login_token: tok, orderId: w.loan.orderId } },
    getRepaymentRecordByRepaymentRecordId: { params: { login_token: tok, repaymentRecordId: w.loan.repaymentRecordIds[0] } },
    getApproveRecordsByOrderId: { params: { login_token: tok, orderId: w.loan.orderId } },
    loanByOrderId: { params: { ...finance, orderId: w.loanOrder.orderId, approveName: '财务', approveResult: 'true', approveRemarks: '' } },
    repaymentDoneByRepaymentRecordId: { params: { repaymentRecordId: w.loan.nextRepaymentRecordId } },
    isExistBindBankCard: { params: { login_token: tok, customerId: A.customerId } },
    getBindBankCardId: { params: { login_token: tok } },
    invokeBindBanCard: {
      params: { login_token: tok, img_validate_key: r.key(), img_validate_code: 'ab12', bindBankCardId: NO_ID.bind, customerId: A.customerId, cardno: cardNumber('622202000000123'), idcardno: idNumber(), username: '张伟', phone: A.phoneNumber, bankCode: 'ICBC' },
    },
    confirmBindBankcard: {
      params: { login_token: tok, validate_code: '123456', bindBankCardId: NO_ID.bind, customerId: A.customerId, cardno: cardNumber('622202000000123'), bankCode: 'ICBC', idcardno: idNumber(), username: '张伟', phone: A.phoneNumber },
    },
    getBindBankCardByCustomerId: { params: { login_token: tok, customerId: A.customerId } },
    sendBindRequest: { params: { login_token: tok, customerId: A.customerId, repaymentRecordId: w.loan.nextRepaymentRecordId, bindBankCardId: w.loan.bindBankCardId } },
    sendSmsByRepaymentRecordId: { params: { login_token: tok, img_validate_key: r.key(), img_validate_code: 'ab12', orderid: w.loan.paymentIds[0] } },
    smsConfirm: { params: { login_token: tok, validate_code: '123456', orderid: w.loan.paymentIds[0] } },
    getBankCode: { params: {} },
    uploadIcon: { params: { login_token: tok, customer_id: A.customerId }, opts: gif('avatar') },
    getPayRecordById: { params: { orderid: w.loan.paymentIds[0] } },
  };
  const b = bases[op];
  if (!b) throw new Error(`no base request for ${op}`);
  return b;
}

const STAFF_ROLE: Record<string, 'seller' | 'risk' | 'finance'> = {
  querySellerApproveOrders: 'seller',
  sellerApproveOrder: 'seller',
  queryRiskManagementApproveOrders: 'risk',
  riskManagementApproveOrder: 'risk',
  queryWaitingForPayOrders: 'finance',
  loanByOrderId: 'finance',
};

/** The recipe shared by many operations for `code`, derived from the base request; null when none fits. */
function generic(op: string, code: string, r: Driver): Recipe | null {
  const model = r.spec.byId.get(op)!;
  const names = new Set(model.params.map((p) => p.name));
  const tokenParam = op === 'updatePhoneNumber' ? 'token' : 'login_token';
  const send = (w: World, change: (p: Params) => Params, extra: CallOptions = {}) => {
    const b = base(op, r, w);
    return r.expect(code, op, change({ ...b.params }), { ...b.opts, ...extra });
  };
  switch (code) {
    case 'PARAM_MISSING': {
      const req = model.params.find((p) => p.required && !p.file);
      if (!req) return null;
      return (_r, w) => send(w, (p) => { delete p[req.name]; return p; }, { invalid: true }); // prettier-ignore
    }
    case 'PARAM_INVALID': {
      const target = model.params.find((p) => p.required && !p.file && (p.schema.pattern || p.schema.enum)) ?? model.params.find((p) => !p.file && (p.schema.pattern || p.schema.enum));
      if (!target) return null;
      return (_r, w) => send(w, (p) => ({ ...p, [target.name]: 'x!' }), { invalid: true });
    }
    case 'TOKEN_INVALID':
      if (!names.has(tokenParam)) return null;
      return (_r, w) => send(w, (p) => ({ ...p, [tokenParam]: FAKE_TOKEN }));
    case 'NOT_CUSTOMER_TOKEN':
      return (_r, w) => send(w, (p) => ({ ...p, login_token: w.A.seller_login_token }));
    case 'NOT_STAFF_TOKEN':
      return (_r, w) => send(w, (p) => ({ ...p, login_token: w.A.login_token }));
    case 'ROLE_FORBIDDEN': {
      const role = STAFF_ROLE[op];
      if (!role) return null;
      const wrong = role === 'seller' ? 'risk' : 'seller';
      return (_r, w) => send(w, (p) => ({ ...p, login_token: w.A[`${wrong}_login_token`], ...(p.approvePerson ? { approvePerson: w.A[`${wrong}_usersId`] } : {}) }));
    }
    case 'FORBIDDEN': {
      const role = STAFF_ROLE[op];
      if (role) {
        // staff of the other company: on lists with this company's id, on decisions on this company's order
        return (_r, w) => send(w, (p) => ({ ...p, login_token: w.other[role].login_token, ...(p.approvePerson ? { approvePerson: w.other[role].usersId } : {}) }));
      }
      if (!names.has(tokenParam) && !names.has('login_token')) return null;
      return (_r, w) => send(w, (p) => ({ ...p, [names.has(tokenParam) ? tokenParam : 'login_token']: w.B.login_token }));
    }
    case 'ORDER_NOT_FOUND':
      if (!names.has('orderId')) return null;
      return (_r, w) => send(w, (p) => ({ ...p, orderId: NO_ID.order }));
    case 'REPAYMENT_RECORD_NOT_FOUND':
      if (!names.has('repaymentRecordId')) return null;
      return (_r, w) => send(w, (p) => ({ ...p, repaymentRecordId: NO_ID.record }));
    case 'PAYMENT_NOT_FOUND':
      if (!names.has('orderid')) return null;
      return (_r, w) => send(w, (p) => ({ ...p, orderid: NO_ID.payment }));
    case 'MATERIAL_NOT_FOUND':
      if (!names.has('orderMaterialId')) return null;
      return (_r, w) => send(w, (p) => ({ ...p, orderMaterialId: NO_ID.material }));
    case 'CUSTOMER_NOT_FOUND':
      if (!names.has('customerId')) return null;
      return (_r, w) => send(w, (p) => ({ ...p, customerId: NO_ID.customer }));
    default:
      return null;
  }
}

/** A fresh customer with a live token (fresh phone: SMS rate limits are per phone). */
async function customer(r: Driver): Promise<Ids> {
  return scenario(r, 'a logged-in customer', { phoneNumber: r.phones.next(), password: 'Fresh2015x' });
}

async function sendSms(r: Driver, phone: string): Promise<string> {
  const key = r.key();
  await r.expect('success', 'sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: await captcha(r, key) });
  return smsCode(r, phone, 'account');
}

/** The three SMS-code failures of an operation that checks an account code for `phone` (the code is sent first). */
function smsCodeRecipes(op: string, phoneOf: (r: Driver) => Promise<string>, params: (phone: string, code: string) => Params): Record<string, Recipe> {
  return {
    SMS_CODE_INVALID: async (r) => {
      const phone = await phoneOf(r);
      const code = await sendSms(r, phone);
      return r.expect('SMS_CODE_INVALID', op, params(phone, wrongSms(code)));
    },
    SMS_CODE_EXPIRED: async (r) => {
      const phone = await phoneOf(r);
      const code = await sendSms(r, phone);
      await advance(r, 301);
      return r.expect('SMS_CODE_EXPIRED', op, params(phone, code));
    },
    SMS_CODE_TOO_MANY_TRIES: async (r) => {
      const phone = await phoneOf(r);
      const code = await sendSms(r, phone);
      for (let i = 0; i < 4; i++) await r.expect('SMS_CODE_INVALID', op, params(phone, wrongSms(code)));
      return r.expect('SMS_CODE_TOO_MANY_TRIES', op, params(phone, wrongSms(code)));
    },
    SMS_CODE_NOT_SENT: async (r) => {
      const phone = await phoneOf(r);
      return r.expect('SMS_CODE_NOT_SENT', op, params(phone, '123456'));
    },
  };
}

const registered = async (r: Driver) => (await customer(r)).phoneNumber as string;

/** A customer ready for #12: logged in, #11 passed just now; returns it and a fresh new phone. */
async function phoneChange(r: Driver): Promise<{ c: Ids; newPhone: string }> {
  const c = await customer(r);
  await r.expect('success', 'updatePhoneNumberPre', { phone_number: c.phoneNumber, validate_code: await sendSms(r, c.phoneNumber) });
  return { c, newPhone: r.phones.next() };
}

interface Binding {
  c: Ids;
  params: Params;
}

/** A fresh customer with a bank-card id from #37 and the #38 parameters (captcha answered). */
async function binding(r: Driver, cardno = cardNumber('622202000000456')): Promise<Binding> {
  const c = await customer(r);
  const bindBankCardId = (await r.expect('success', 'getBindBankCardId', { login_token: c.login_token })).body!.obj as string;
  const key = r.key();
  return {
    c,
    params: { login_token: c.login_token, img_validate_key: key, img_validate_code: await captcha(r, key), bindBankCardId, customerId: c.customerId, cardno, idcardno: idNumber('11010519900101123'), username: '王五', phone: c.phoneNumber, bankCode: 'ICBC' },
  };
}

/** #38 passed: the SMS code for #39 is out. */
async function bindingRequested(r: Driver): Promise<Binding & { code: string }> {
  const b = await binding(r);
  await r.expect('success', 'invokeBindBanCard', b.params);
  const { img_validate_key: _k, img_validate_code: _c, ...rest } = b.params;
  return { ...b, params: rest, code: await smsCode(r, b.c.phoneNumber as string, 'bindCard') };
}

/** A fresh loan (3 instalments, none paid, card bound) and a payment created by #41 for its first instalment. */
async function payment(r: Driver): Promise<{ l: Ids; paymentId: string; phone: string }> {
  const l = await scenario(r, 'a loan with N of M instalments paid', { n: 0, m: 3 });
  const p = await r.expect('success', 'sendBindRequest', { login_token: l.login_token, customerId: l.customerId, repaymentRecordId: l.nextRepaymentRecordId, bindBankCardId: l.bindBankCardId });
  return { l, paymentId: p.body!.obj as string, phone: l.phoneNumber as string };
}

async function paymentSms(r: Driver, pay: { l: Ids; paymentId: string; phone: string }): Promise<string> {
  const key = r.key();
  await r.expect('success', 'sendSmsByRepaymentRecordId', { login_token: pay.l.login_token, img_validate_key: key, img_validate_code: await captcha(r, key), orderid: pay.paymentId });
  return smsCode(r, pay.phone, 'payment');
}

const big = (): Buffer => Buffer.alloc(10 * 1024 * 1024 + 1024, 0x47);
const TOO_BIG = 'over 10 MiB (Prism refuses request bodies over 10 MB before forwarding)';

/** Recipes written per operation (the code decides what the situation must be). */
const specific: Record<string, Record<string, Recipe>> = {
  customerLogin: {
    LOGIN_FAILED: (r, w) => r.expect('LOGIN_FAILED', 'customerLogin', { phone_number: w.A.phoneNumber, password: 'wrongpass1' }),
  },
  usersLogin: {
    LOGIN_FAILED: (r) => r.expect('LOGIN_FAILED', 'usersLogin', { usersPhone: '13900000011', password: 'wrongpass1' }),
  },
  sendValidateMessage: {
    CAPTCHA_INVALID: async (r) => {
      const key = r.key();
      return r.expect('CAPTCHA_INVALID', 'sendValidateMessage', { phone_number: r.phones.next(), validate_key: key, validate_code: wrongCaptcha(await captcha(r, key)) });
    },
    CAPTCHA_EXPIRED: async (r) => {
      const key = r.key();
      const answer = await captcha(r, key);
      await advance(r, 121);
      return r.expect('CAPTCHA_EXPIRED', 'sendValidateMessage', { phone_number: r.phones.next(), validate_key: key, validate_code: answer });
    },
    SMS_RATE_LIMITED: async (r) => {
      const phone = r.phones.next();
      await sendSms(r, phone);
      const key = r.key();
      return r.expect('SMS_RATE_LIMITED', 'sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: await captcha(r, key) });
    },
  },
  registerCustomer: {
    ...smsCodeRecipes('registerCustomer', async (r) => r.phones.next(), (phone, code) => ({ phone_number: phone, password: 'Passw0rd15', validate_code: code })),
    PHONE_REGISTERED: async (r) => {
      const phone = await registered(r);
      return r.expect('PHONE_REGISTERED', 'registerCustomer', { phone_number: phone, password: 'Passw0rd15', validate_code: await sendSms(r, phone) });
    },
  },
  updatePasswordPre: {
    ...smsCodeRecipes('updatePasswordPre', registered, (phone, code) => ({ phone_number: phone, validate_code: code })),
    PHONE_NOT_REGISTERED: async (r) => {
      const phone = r.phones.next();
      return r.expect('PHONE_NOT_REGISTERED', 'updatePasswordPre', { phone_number: phone, validate_code: await sendSms(r, phone) });
    },
  },
  updatePhoneNumberPre: {
    ...smsCodeRecipes('updatePhoneNumberPre', registered, (phone, code) => ({ phone_number: phone, validate_code: code })),
    PHONE_NOT_REGISTERED: async (r) => {
      const phone = r.phones.next();
      return r.expect('PHONE_NOT_REGISTERED', 'updatePhoneNumberPre', { phone_number: phone, validate_code: await sendSms(r, phone) });
    },
  },
  updatePassword: {
    STEP_TOKEN_INVALID: (r, w) => r.expect('STEP_TOKEN_INVALID', 'updatePassword', { customer_id: w.A.customerId, token: 'ABCDEF0123456789ABCDEF0123456789', password: 'NewPass2015' }),
  },
  updateCustomerInfo: {
    BASE_CODE_INVALID: (r, w) => r.expect('BASE_CODE_INVALID', 'updateCustomerInfo', { login_token: w.A.login_token, customerId: w.A.customerId, interesting: '100401,100499' }),
  },
  getCustomerByCustomerId: {
    FORBIDDEN: (r, w) => r.expect('FORBIDDEN', 'getCustomerByCustomerId', { customerId: w.A.customerId, login_token: w.B.login_token }),
    TOKEN_INVALID: (r, w) => r.expect('TOKEN_INVALID', 'getCustomerByCustomerId', { customerId: w.A.customerId, login_token: FAKE_TOKEN }),
  },
  getBaseCodeByParents: {
    BASE_CODE_FAMILY_UNKNOWN: (r) => r.expect('BASE_CODE_FAMILY_UNKNOWN', 'getBaseCodeByParents', { parents: '1001,9999' }),
  },
  getImageValidate: {
    PARAM_MISSING: (r) => r.expect('PARAM_MISSING', 'getImageValidate', { t: '1441072800000' }, { encoding: 'get', invalid: true }),
    PARAM_INVALID: (r) => r.expect('PARAM_INVALID', 'getImageValidate', { image_key: 'not a key!' }, { encoding: 'get', invalid: true }),
  },
  updatePhoneNumber: {
    SMS_CODE_INVALID: async (r) => {
      const { c, newPhone } = await phoneChange(r);
      const code = await sendSms(r, newPhone);
      return r.expect('SMS_CODE_INVALID', 'updatePhoneNumber', { customer_id: c.customerId, token: c.login_token, phoneNumber: newPhone, validate_code: wrongSms(code) });
    },
    SMS_CODE_EXPIRED: async (r) => {
      const { c, newPhone } = await phoneChange(r);
      const code = await sendSms(r, newPhone);
      await advance(r, 301);
      return r.expect('SMS_CODE_EXPIRED', 'updatePhoneNumber', { customer_id: c.customerId, token: c.login_token, phoneNumber: newPhone, validate_code: code });
    },
    SMS_CODE_TOO_MANY_TRIES: async (r) => {
      const { c, newPhone } = await phoneChange(r);
      const code = await sendSms(r, newPhone);
      const p = { customer_id: c.customerId, token: c.login_token, phoneNumber: newPhone, validate_code: wrongSms(code) };
      for (let i = 0; i < 4; i++) await r.expect('SMS_CODE_INVALID', 'updatePhoneNumber', p);
      return r.expect('SMS_CODE_TOO_MANY_TRIES', 'updatePhoneNumber', p);
    },
    SMS_CODE_NOT_SENT: async (r) => {
      const { c, newPhone } = await phoneChange(r);
      return r.expect('SMS_CODE_NOT_SENT', 'updatePhoneNumber', { customer_id: c.customerId, token: c.login_token, phoneNumber: newPhone, validate_code: '123456' });
    },
    FORBIDDEN: async (r, w) => {
      const { c, newPhone } = await phoneChange(r);
      return r.expect('FORBIDDEN', 'updatePhoneNumber', { customer_id: w.A.customerId, token: c.login_token, phoneNumber: newPhone, validate_code: await sendSms(r, newPhone) });
    },
    STEP_TOKEN_INVALID: async (r) => {
      // the old phone was never proven (#11) in the last 10 minutes
      const c = await customer(r);
      const newPhone = r.phones.next();
      return r.expect('STEP_TOKEN_INVALID', 'updatePhoneNumber', { customer_id: c.customerId, token: c.login_token, phoneNumber: newPhone, validate_code: await sendSms(r, newPhone) });
    },
    PHONE_UNCHANGED: async (r) => {
      const { c } = await phoneChange(r);
      await advance(r, 61);
      return r.expect('PHONE_UNCHANGED', 'updatePhoneNumber', { customer_id: c.customerId, token: c.login_token, phoneNumber: c.phoneNumber, validate_code: await sendSms(r, c.phoneNumber) });
    },
    PHONE_REGISTERED: async (r) => {
      const { c } = await phoneChange(r);
      const taken = await registered(r);
      return r.expect('PHONE_REGISTERED', 'updatePhoneNumber', { customer_id: c.customerId, token: c.login_token, phoneNumber: taken, validate_code: await sendSms(r, taken) });
    },
  },
  editOrderPackage: {
    ORDER_ID_NOT_RESERVED: async (r, w) => r.expect('ORDER_ID_NOT_RESERVED', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, orderId: NO_ID.order }),
    ORDER_NOT_EDITABLE: async (r, w) => r.expect('ORDER_NOT_EDITABLE', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, orderId: w.submitted.orderId }),
    FORBIDDEN: async (r, w) => r.expect('FORBIDDEN', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, login_token: w.B.login_token, customerId: w.B.customerId }),
    PACKAGE_MONEY_EXCEEDS_CONTRACT: async (r, w) => r.expect('PACKAGE_MONEY_EXCEEDS_CONTRACT', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, packageMoney: '200000' }),
    FEN_QI_TIMES_INVALID: async (r, w) => r.expect('FEN_QI_TIMES_INVALID', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, fenQiTimes: '0' }),
    PRODUCT_NOT_FOUND: async (r, w) => r.expect('PRODUCT_NOT_FOUND', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, packageType: '201509019999' }),
    MONEY_INVALID: async (r, w) => r.expect('MONEY_INVALID', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, contractMoney: '999999999', packageMoney: '999999999' }),
  },
  editOrderCustomerInfo: {
    ID_NUMBER_INVALID: async (r, w) => {
      const good = idNumber('11010519850101123');
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      return r.expect('ID_NUMBER_INVALID', 'editOrderCustomerInfo', { login_token: w.A.login_token, orderId: w.A.orderId, applicantIdentity: bad });
    },
    ORDER_NOT_EDITABLE: (r, w) => r.expect('ORDER_NOT_EDITABLE', 'editOrderCustomerInfo', { login_token: w.A.login_token, orderId: w.submitted.orderId, applicantName: '张伟' }),
    STEP_TOKEN_INVALID: (r, w) => r.expect('STEP_TOKEN_INVALID', 'editOrderCustomerInfo', { login_token: w.A.login_token, token: 'ABCDEF0123456789ABCDEF0123456789', orderId: w.A.orderId, applicantName: '张伟' }),
  },
  editOrderComplete: {
    ORDER_INCOMPLETE: async (r, w) => {
      const orderId = (await r.expect('success', 'getOrderId', {})).body!.obj as string;
      await r.expect('success', 'editOrderPackage', { ...base('editOrderPackage', r, w).params, orderId });
      return r.expect('ORDER_INCOMPLETE', 'editOrderComplete', { login_token: w.A.login_token, orderId });
    },
    ORDER_STATUS_INVALID: (r, w) => r.expect('ORDER_STATUS_INVALID', 'editOrderComplete', { login_token: w.A.login_token, orderId: w.submitted.orderId }),
    STEP_TOKEN_INVALID: async (r, w) => {
      const d = await scenario(r, 'an order in draft', { customerId: w.A.customerId });
      return r.expect('STEP_TOKEN_INVALID', 'editOrderComplete', { login_token: d.login_token, token: 'ABCDEF0123456789ABCDEF0123456789', orderId: d.orderId });
    },
  },
  uploadOrderMaterial: {
    FILE_TOO_LARGE: (r, w) =>
      r.expect('FILE_TOO_LARGE', 'uploadOrderMaterial', base('uploadOrderMaterial', r, w).params, {
        files: { orderMaterialFile: { filename: 'big.gif', contentType: 'image/gif', data: big() } },
        headers: { accept: 'application/json' },
        direct: TOO_BIG,
      }),
    FILE_TYPE_INVALID: (r, w) =>
      r.expect('FILE_TYPE_INVALID', 'uploadOrderMaterial', base('uploadOrderMaterial', r, w).params, {
        files: { orderMaterialFile: { filename: 'photo.jpg', contentType: 'image/jpeg', data: Buffer.from('this is not an image, whatever the name says') } },
        headers: { accept: 'application/json' },
      }),
    FILE_MISSING: (r, w) =>
      r.expect('FILE_MISSING', 'uploadOrderMaterial', base('uploadOrderMaterial', r, w).params, {
        files: { orderMaterialFile: { filename: 'empty.gif', contentType: 'image/gif', data: Buffer.alloc(0) } },
        headers: { accept: 'application/json' },
      }),
    MATERIAL_TYPE_INVALID: (r, w) => r.expect('MATERIAL_TYPE_INVALID', 'uploadOrderMaterial', { ...base('uploadOrderMaterial', r, w).params, orderMaterialType: '100712' }, gif('orderMaterialFile')),
    ORDER_NOT_EDITABLE: (r, w) => r.expect('ORDER_NOT_EDITABLE', 'uploadOrderMaterial', { ...base('uploadOrderMaterial', r, w).params, orderId: w.submitted.orderId }, gif('orderMaterialFile')),
  },
  deleteOrderMaterial: {
    ORDER_NOT_EDITABLE: (r, w) => r.expect('ORDER_NOT_EDITABLE', 'deleteOrderMaterial', { login_token: w.A.login_token, orderMaterialId: w.submitted.orderMaterialId }),
  },
  deleteOrderByOrderId: {
    ORDER_STATUS_INVALID: (r, w) => r.expect('ORDER_STATUS_INVALID', 'deleteOrderByOrderId', { login_token: w.A.login_token, orderId: w.loan.orderId }),
  },
  registerUsers: {
    STAFF_PHONE_REGISTERED: (r, w) => r.expect('STAFF_PHONE_REGISTERED', 'registerUsers', { ...base('registerUsers', r, w).params, usersPhone: '13900000011' }),
    COMPANY_NOT_FOUND: (r, w) => r.expect('COMPANY_NOT_FOUND', 'registerUsers', { ...base('registerUsers', r, w).params, companyId: NO_ID.company }),
  },
  querySellerApproveOrders: {
    FORBIDDEN: (r, w) => r.expect('FORBIDDEN', 'querySellerApproveOrders', { ...base('querySellerApproveOrders', r, w).params, companyId: OTHER_COMPANY }),
  },
  queryRiskManagementApproveOrders: {
    FORBIDDEN: (r, w) => r.expect('FORBIDDEN', 'queryRiskManagementApproveOrders', { ...base('queryRiskManagementApproveOrders', r, w).params, companyId: OTHER_COMPANY }),
  },
  queryWaitingForPayOrders: {
    FORBIDDEN: (r, w) => r.expect('FORBIDDEN', 'queryWaitingForPayOrders', { ...base('queryWaitingForPayOrders', r, w).params, companyId: OTHER_COMPANY }),
  },
  sellerApproveOrder: {
    ORDER_STATUS_INVALID: (r, w) => r.expect('ORDER_STATUS_INVALID', 'sellerApproveOrder', { ...base('sellerApproveOrder', r, w).params, orderId: w.riskOrder.orderId }),
    APPROVE_RESULT_INVALID: (r, w) => r.expect('APPROVE_RESULT_INVALID', 'sellerApproveOrder', { ...base('sellerApproveOrder', r, w).params, approveResult: '2' }),
  },
  riskManagementApproveOrder: {
    ORDER_STATUS_INVALID: (r, w) => r.expect('ORDER_STATUS_INVALID', 'riskManagementApproveOrder', { ...base('riskManagementApproveOrder', r, w).params, orderId: w.submitted.orderId }),
    APPROVE_RESULT_INVALID: (r, w) => r.expect('APPROVE_RESULT_INVALID', 'riskManagementApproveOrder', { ...base('riskManagementApproveOrder', r, w).params, approveResult: '2' }),
  },
  loanByOrderId: {
    ORDER_STATUS_INVALID: (r, w) => r.expect('ORDER_STATUS_INVALID', 'loanByOrderId', { ...base('loanByOrderId', r, w).params, orderId: w.riskOrder.orderId }),
  },
  repaymentDoneByRepaymentRecordId: {
    PAYMENT_NOT_IN_FLIGHT: (r, w) => r.expect('PAYMENT_NOT_IN_FLIGHT', 'repaymentDoneByRepaymentRecordId', { repaymentRecordId: w.loan.nextRepaymentRecordId }),
    PAYMENT_NOT_FOUND: (r, w) => r.expect('PAYMENT_NOT_FOUND', 'repaymentDoneByRepaymentRecordId', { repaymentRecordId: w.loan.nextRepaymentRecordId, orderid: NO_ID.payment }),
  },
  isExistBindBankCard: {
    NO_BOUND_CARD: (r, w) => r.expect('NO_BOUND_CARD', 'isExistBindBankCard', { login_token: w.B.login_token, customerId: w.B.customerId }),
  },
  invokeBindBanCard: {
    CAPTCHA_INVALID: async (r) => {
      const b = await binding(r);
      return r.expect('CAPTCHA_INVALID', 'invokeBindBanCard', { ...b.params, img_validate_code: wrongCaptcha(b.params.img_validate_code!) });
    },
    CAPTCHA_EXPIRED: async (r) => {
      const b = await binding(r);
      await advance(r, 121);
      return r.expect('CAPTCHA_EXPIRED', 'invokeBindBanCard', b.params);
    },
    CARD_NO_INVALID: async (r) => {
      const b = await binding(r);
      const good = b.params.cardno!;
      return r.expect('CARD_NO_INVALID', 'invokeBindBanCard', { ...b.params, cardno: good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10) });
    },
    ID_NUMBER_INVALID: async (r) => {
      const b = await binding(r);
      const good = b.params.idcardno!;
      return r.expect('ID_NUMBER_INVALID', 'invokeBindBanCard', { ...b.params, idcardno: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') });
    },
    BANK_CODE_INVALID: async (r) => {
      const b = await binding(r);
      return r.expect('BANK_CODE_INVALID', 'invokeBindBanCard', { ...b.params, bankCode: 'XYZB' }, { invalid: true });
    },
    BIND_ID_INVALID: async (r) => {
      const b = await binding(r);
      return r.expect('BIND_ID_INVALID', 'invokeBindBanCard', { ...b.params, bindBankCardId: NO_ID.bind });
    },
    CARD_ALREADY_BOUND: async (r, w) => {
      const bindBankCardId = (await r.expect('success', 'getBindBankCardId', { login_token: w.A.login_token })).body!.obj as string;
      const key = r.key();
      return r.expect('CARD_ALREADY_BOUND', 'invokeBindBanCard', {
        ...base('invokeBindBanCard', r, w).params,
        img_validate_key: key,
        img_validate_code: await captcha(r, key),
        bindBankCardId,
        cardno: w.loan.cardno ?? '6222020000000007',
      });
    },
    CARD_REFUSED_BY_BANK: async (r) => {
      const b = await binding(r, '6222020000000056');
      return r.expect('CARD_REFUSED_BY_BANK', 'invokeBindBanCard', b.params);
    },
    SMS_RATE_LIMITED: async (r) => {
      const b = await binding(r);
      await r.expect('success', 'invokeBindBanCard', b.params);
      const bindBankCardId = (await r.expect('success', 'getBindBankCardId', { login_token: b.c.login_token })).body!.obj as string;
      const key = r.key();
      return r.expect('SMS_RATE_LIMITED', 'invokeBindBanCard', { ...b.params, bindBankCardId, img_validate_key: key, img_validate_code: await captcha(r, key), cardno: cardNumber('622202000000789') });
    },
    FORBIDDEN: async (r, w) => {
      const b = await binding(r);
      return r.expect('FORBIDDEN', 'invokeBindBanCard', { ...b.params, customerId: w.A.customerId });
    },
    TOKEN_INVALID: async (r) => {
      const b = await binding(r);
      return r.expect('TOKEN_INVALID', 'invokeBindBanCard', { ...b.params, login_token: FAKE_TOKEN });
    },
  },
  confirmBindBankcard: {
    SMS_CODE_INVALID: async (r) => {
      const b = await bindingRequested(r);
      return r.expect('SMS_CODE_INVALID', 'confirmBindBankcard', { ...b.params, validate_code: wrongSms(b.code) });
    },
    SMS_CODE_EXPIRED: async (r) => {
      const b = await bindingRequested(r);
      await advance(r, 301);
      return r.expect('SMS_CODE_EXPIRED', 'confirmBindBankcard', { ...b.params, validate_code: b.code });
    },
    SMS_CODE_TOO_MANY_TRIES: async (r) => {
      const b = await bindingRequested(r);
      for (let i = 0; i < 4; i++) await r.expect('SMS_CODE_INVALID', 'confirmBindBankcard', { ...b.params, validate_code: wrongSms(b.code) });
      return r.expect('SMS_CODE_TOO_MANY_TRIES', 'confirmBindBankcard', { ...b.params, validate_code: wrongSms(b.code) });
    },
    BIND_NOT_REQUESTED: async (r) => {
      const b = await binding(r);
      const { img_validate_key: _k, img_validate_code: _c, ...rest } = b.params;
      return r.expect('BIND_NOT_REQUESTED', 'confirmBindBankcard', { ...rest, validate_code: '123456' });
    },
    BIND_DETAILS_CHANGED: async (r) => {
      const b = await bindingRequested(r);
      return r.expect('BIND_DETAILS_CHANGED', 'confirmBindBankcard', { ...b.params, cardno: cardNumber('622202000000999'), validate_code: b.code });
    },
    BIND_ID_INVALID: async (r) => {
      const b = await bindingRequested(r);
      return r.expect('BIND_ID_INVALID', 'confirmBindBankcard', { ...b.params, bindBankCardId: NO_ID.bind, validate_code: b.code });
    },
    FORBIDDEN: async (r, w) => {
      const b = await bindingRequested(r);
      return r.expect('FORBIDDEN', 'confirmBindBankcard', { ...b.params, customerId: w.A.customerId, validate_code: b.code });
    },
    TOKEN_INVALID: async (r) => {
      const b = await bindingRequested(r);
      return r.expect('TOKEN_INVALID', 'confirmBindBankcard', { ...b.params, login_token: FAKE_TOKEN, validate_code: b.code });
    },
  },
  sendBindRequest: {
    REPAYMENT_ALREADY_PAID: (r, w) => r.expect('REPAYMENT_ALREADY_PAID', 'sendBindRequest', { ...base('sendBindRequest', r, w).params, repaymentRecordId: w.loan.repaymentRecordIds[0] }),
    REPAYMENT_OUT_OF_ORDER: (r, w) => r.expect('REPAYMENT_OUT_OF_ORDER', 'sendBindRequest', { ...base('sendBindRequest', r, w).params, repaymentRecordId: w.loan.repaymentRecordIds[2] }),
    PAYMENT_IN_PROGRESS: async (r) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      await r.expect('success', 'smsConfirm', { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: code });
      return r.expect('PAYMENT_IN_PROGRESS', 'sendBindRequest', { login_token: pay.l.login_token, customerId: pay.l.customerId, repaymentRecordId: pay.l.nextRepaymentRecordId, bindBankCardId: pay.l.bindBankCardId });
    },
    BANK_CARD_NOT_FOUND: (r, w) => r.expect('BANK_CARD_NOT_FOUND', 'sendBindRequest', { ...base('sendBindRequest', r, w).params, bindBankCardId: NO_ID.bind }),
  },
  sendSmsByRepaymentRecordId: {
    CAPTCHA_INVALID: async (r) => {
      const pay = await payment(r);
      const key = r.key();
      return r.expect('CAPTCHA_INVALID', 'sendSmsByRepaymentRecordId', { login_token: pay.l.login_token, img_validate_key: key, img_validate_code: wrongCaptcha(await captcha(r, key)), orderid: pay.paymentId });
    },
    PAYMENT_NOT_FOUND: async (r, w) => {
      const key = r.key();
      return r.expect('PAYMENT_NOT_FOUND', 'sendSmsByRepaymentRecordId', { login_token: w.A.login_token, img_validate_key: key, img_validate_code: await captcha(r, key), orderid: NO_ID.payment });
    },
    PAYMENT_STATUS_INVALID: async (r) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      await r.expect('success', 'smsConfirm', { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: code });
      await advance(r, 61);
      const key = r.key();
      return r.expect('PAYMENT_STATUS_INVALID', 'sendSmsByRepaymentRecordId', { login_token: pay.l.login_token, img_validate_key: key, img_validate_code: await captcha(r, key), orderid: pay.paymentId });
    },
    SMS_RATE_LIMITED: async (r) => {
      const pay = await payment(r);
      await paymentSms(r, pay);
      const key = r.key();
      return r.expect('SMS_RATE_LIMITED', 'sendSmsByRepaymentRecordId', { login_token: pay.l.login_token, img_validate_key: key, img_validate_code: await captcha(r, key), orderid: pay.paymentId });
    },
    PARAM_MISSING: async (r, w) => {
      const key = r.key();
      return r.expect('PARAM_MISSING', 'sendSmsByRepaymentRecordId', { login_token: w.A.login_token, img_validate_key: key, img_validate_code: await captcha(r, key) });
    },
    FORBIDDEN: async (r, w) => {
      const pay = await payment(r);
      const key = r.key();
      return r.expect('FORBIDDEN', 'sendSmsByRepaymentRecordId', { login_token: w.B.login_token, img_validate_key: key, img_validate_code: await captcha(r, key), orderid: pay.paymentId });
    },
    TOKEN_INVALID: async (r) => {
      const pay = await payment(r);
      const key = r.key();
      return r.expect('TOKEN_INVALID', 'sendSmsByRepaymentRecordId', { login_token: FAKE_TOKEN, img_validate_key: key, img_validate_code: await captcha(r, key), orderid: pay.paymentId });
    },
  },
  smsConfirm: {
    SMS_CODE_INVALID: async (r) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      return r.expect('SMS_CODE_INVALID', 'smsConfirm', { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: wrongSms(code) });
    },
    SMS_CODE_EXPIRED: async (r) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      await advance(r, 301);
      return r.expect('SMS_CODE_EXPIRED', 'smsConfirm', { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: code });
    },
    SMS_CODE_TOO_MANY_TRIES: async (r) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      const p = { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: wrongSms(code) };
      for (let i = 0; i < 4; i++) await r.expect('SMS_CODE_INVALID', 'smsConfirm', p);
      return r.expect('SMS_CODE_TOO_MANY_TRIES', 'smsConfirm', p);
    },
    SMS_CODE_NOT_SENT: async (r) => {
      const pay = await payment(r);
      return r.expect('SMS_CODE_NOT_SENT', 'smsConfirm', { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: '123456' });
    },
    PAYMENT_STATUS_INVALID: async (r) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      await r.expect('success', 'smsConfirm', { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: code });
      return r.expect('PAYMENT_STATUS_INVALID', 'smsConfirm', { login_token: pay.l.login_token, orderid: pay.paymentId, validate_code: code });
    },
    FORBIDDEN: async (r, w) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      return r.expect('FORBIDDEN', 'smsConfirm', { login_token: w.B.login_token, orderid: pay.paymentId, validate_code: code });
    },
    TOKEN_INVALID: async (r) => {
      const pay = await payment(r);
      const code = await paymentSms(r, pay);
      return r.expect('TOKEN_INVALID', 'smsConfirm', { login_token: FAKE_TOKEN, orderid: pay.paymentId, validate_code: code });
    },
  },
  getBankCode: {
    FAULT_INJECTED: async (r) => {
      const added = await r.admin<{ id: string }>('POST', '/__mock/faults', { operationId: 'getBankCode', failure: { message: '银行编码服务暂不可用', code: 'FAULT_INJECTED' } });
      if (added.status !== 201) throw new Error(`POST /__mock/faults: ${added.status} ${JSON.stringify(added.body)}`);
      try {
        return await r.expect('FAULT_INJECTED', 'getBankCode', {});
      } finally {
        await r.admin('DELETE', `/__mock/faults?id=${encodeURIComponent(added.body.id)}`);
      }
    },
  },
  uploadIcon: {
    FILE_MISSING: (r, w) =>
      r.expect('FILE_MISSING', 'uploadIcon', base('uploadIcon', r, w).params, { files: { avatar: { filename: 'empty.gif', contentType: 'image/gif', data: Buffer.alloc(0) } }, headers: { accept: 'application/json' } }),
    FILE_TYPE_INVALID: (r, w) =>
      r.expect('FILE_TYPE_INVALID', 'uploadIcon', base('uploadIcon', r, w).params, { files: { avatar: { filename: 'me.png', contentType: 'image/png', data: Buffer.from('plain text, not a picture') } }, headers: { accept: 'application/json' } }),
    FILE_TOO_LARGE: (r, w) =>
      r.expect('FILE_TOO_LARGE', 'uploadIcon', base('uploadIcon', r, w).params, { files: { avatar: { filename: 'big.gif', contentType: 'image/gif', data: big() } }, headers: { accept: 'application/json' }, direct: TOO_BIG }),
    FORBIDDEN: (r, w) => r.expect('FORBIDDEN', 'uploadIcon', { login_token: w.B.login_token, customer_id: w.A.customerId }, gif('avatar')),
  },
  getPayRecordById: {
    FORBIDDEN: (r, w) => r.expect('FORBIDDEN', 'getPayRecordById', { orderid: w.loan.paymentIds[0], login_token: w.B.login_token }),
  },
};

async function buildWorld(r: Driver): Promise<World> {
  const A = await scenario(r, 'an order in draft');
  const own = { customerId: A.customerId };
  const submitted = await scenario(r, 'an order awaiting seller approval', own);
  const riskOrder = await scenario(r, 'an order awaiting risk approval', own);
  const loanOrder = await scenario(r, 'an order waiting for loan', own);
  const loan = await scenario(r, 'a loan with N of M instalments paid', { ...own, n: 1, m: 3 });
  const B = await scenario(r, 'a logged-in customer', { phoneNumber: r.phones.next() });
  const other = {} as World['other'];
  for (const role of ['seller', 'risk', 'finance'] as const) other[role] = await scenario(r, 'a staff user of company X', { companyId: OTHER_COMPANY, role });
  // every scenario logged A in anew: use the newest token everywhere
  A.login_token = loan.login_token;
  return { A, submitted, riskOrder, loanOrder, loan: { ...loan, cardno: '6222020000000007' }, B, other };
}

/** Replays one request per documented failure code of every operation. */
export async function failurePaths(r: Driver): Promise<void> {
  const w = await buildWorld(r);
  for (const op of r.spec.operations) {
    for (const outcome of op.outcomes) {
      if (outcome.code === null) continue;
      const recipe = specific[op.operationId]?.[outcome.code] ?? generic(op.operationId, outcome.code, r);
      if (!recipe) {
        r.unexpected.push(`${op.operationId}: no recipe for the documented failure ${outcome.code}`);
        continue;
      }
      try {
        await recipe(r, w);
      } catch (err) {
        r.unexpected.push(`${op.operationId}: ${outcome.code}: the recipe failed: ${(err as Error).message.slice(0, 300)}`);
      }
    }
  }
}
