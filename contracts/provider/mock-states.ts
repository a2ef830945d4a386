// The provider states of the pacts, set up on the mock. Each state loads the mock's named scenario of
// the same name when there is one (conventions.md habit 11: the scenarios ARE the provider states), and
// otherwise composes scenarios with the public API and the admin API's read-back of captcha and SMS
// codes, exactly as a developer would in the browser.
import type { RequestOf } from '../client';
import { APPLICANT_STEP } from '../consumer/support/samples';
import type { StateName } from '../shared/states';
import { MockDriver, MockStateError, expectSuccess } from './mock-driver';

type Params = Record<string, unknown>;
type Values = Record<string, string>;
/** Sets one state up on the mock; resolves with the values the pact's placeholders need. */
export type MockRecipe = (mock: MockDriver, params: Params) => Promise<Values>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Keeps the scalar values of a scenario answer as strings. */
function scalars(ids: Record<string, unknown>): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(ids)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

function need(values: Values, ...keys: string[]): Values {
  const missing = keys.filter((k) => !values[k]);
  if (missing.length > 0) throw new MockStateError(`the scenario did not return ${missing.join(', ')} (got ${Object.keys(values).join(', ') || 'nothing'})`);
  return values;
}

// A phone no baseline account uses (the baseline's ready accounts use 138000000xx/139000000xx,
// scenarios allocate 137/159 numbers from 00000001 upwards).
const UNREGISTERED_PHONE = '13900139000';
const NEW_PHONE = '13911390000';
const COMPLETE_PROFILE = { sex: '100101', identification: '100202', maritalStatus: '100302', interesting: '100401,100404,100405', birthday: '1985-01-01' } as const;

async function loggedInCustomer(mock: MockDriver, params: Params = {}): Promise<Values> {
  return need(scalars(await mock.scenario('a logged-in customer', params)), 'customerId', 'phoneNumber', 'login_token');
}

async function staff(mock: MockDriver, params: Params): Promise<Values> {
  const p: Params = { companyId: params.companyId, role: params.role };
  if (params.password !== undefined) p.password = params.password;
  const v = need(scalars(await mock.scenario('a staff user of company X', p)), 'usersId', 'usersPhone', 'usersName', 'login_token');
  return { usersId: v.usersId!, usersPhone: v.usersPhone!, usersName: v.usersName!, companyId: str(v.companyId), staffLoginToken: v.login_token! };
}

/** Every state of contracts/shared/states.ts, set up on the mock. */
export const mockRecipes: Record<StateName, MockRecipe> = {
  async 'an image captcha was issued'(mock, params) {
    return mock.captcha(str(params.imageKey) || undefined);
  },

  async 'an SMS code was sent to an unregistered phone'(mock) {
    return { phoneNumber: UNREGISTERED_PHONE, smsCode: await mock.sendSms(UNREGISTERED_PHONE) };
  },

  async 'a registered customer'(mock, params) {
    const password = str(params.password) || undefined;
    const v = need(scalars(await mock.scenario('a registered customer', password ? { password } : {})), 'customerId', 'phoneNumber');
    if (params.profile === 'complete') {
      // log the same customer in (the scenario finds it by phone), fill the profile through #6
      const login = await loggedInCustomer(mock, { phoneNumber: v.phoneNumber, password: v.password ?? password });
      expectSuccess('updateCustomerInfo', await mock.api.updateCustomerInfo({ login_token: login.login_token!, customerId: v.customerId!, ...COMPLETE_PROFILE }));
    }
    return { customerId: v.customerId!, phoneNumber: v.phoneNumber! };
  },

  async 'a logged-in customer'(mock) {
    return loggedInCustomer(mock);
  },

  async 'another logged-in customer'(mock) {
    const v = await loggedInCustomer(mock);
    return { otherCustomerId: v.customerId!, otherLoginToken: v.login_token! };
  },

  async 'an SMS code was sent to a registered customer'(mock) {
    const v = need(scalars(await mock.scenario('a registered customer')), 'customerId', 'phoneNumber');
    return { customerId: v.customerId!, phoneNumber: v.phoneNumber!, smsCode: await mock.sendSms(v.phoneNumber!) };
  },

  async 'a password reset was verified'(mock) {
    const v = need(scalars(await mock.scenario('a registered customer')), 'customerId', 'phoneNumber');
    const code = await mock.sendSms(v.phoneNumber!);
    const res = expectSuccess('updatePasswordPre', await mock.api.updatePasswordPre({ phone_number: v.phoneNumber!, validate_code: code }));
    if (!res.token) throw new MockStateError('updatePasswordPre returned no step token');
    return { customerId: v.customerId!, resetToken: res.token };
  },

  async 'an SMS code was sent to a new phone of a logged-in customer'(mock) {
    const v = await loggedInCustomer(mock);
    const oldCode = await mock.sendSms(v.phoneNumber!);
    expectSuccess('updatePhoneNumberPre', await mock.api.updatePhoneNumberPre({ phone_number: v.phoneNumber!, validate_code: oldCode }));
    return { customerId: v.customerId!, login_token: v.login_token!, newPhoneNumber: NEW_PHONE, smsCode: await mock.sendSms(NEW_PHONE) };
  },

  async 'a staff user of company X'(mock, params) {
    const v = await staff(mock, params);
    return { usersId: v.usersId!, usersPhone: v.usersPhone!, usersName: v.usersName!, companyId: v.companyId! };
  },

  async 'a logged-in staff user of company X'(mock, params) {
    const v = await staff(mock, params);
    return { usersId: v.usersId!, usersName: v.usersName!, staffLoginToken: v.staffLoginToken! };
  },

  async 'an order id was reserved'(mock) {
    const v = await loggedInCustomer(mock);
    const res = expectSuccess('getOrderId', await mock.api.getOrderId());
    return { customerId: v.customerId!, login_token: v.login_token!, orderId: str(res.obj) };
  },

  async 'an order in draft'(mock, params) {
    const v = await draftWithApplicant(mock, params);
    if (params.complete === true || params.complete === 'true') return v;
    // the scenario's draft is ready for #16; without its ID-card image it is not
    expectSuccess('deleteOrderMaterial', await mock.api.deleteOrderMaterial({ login_token: v.login_token!, orderMaterialId: v.orderMaterialId! }));
    const { orderMaterialId: _gone, ...rest } = v;
    void _gone;
    return rest;
  },
  async 'an order awaiting seller approval'(mock, params) {
    const v = await draftWithApplicant(mock, params);
    expectSuccess('editOrderComplete', await mock.api.editOrderComplete({ login_token: v.login_token!, orderId: v.orderId! }));
    const { orderMaterialId: _material, ...rest } = v;
    void _material;
    return rest;
  },
  async 'an order awaiting risk approval'(mock, params) {
    return need(await orderScenario(mock, 'an order awaiting risk approval', { companyId: params.companyId }), 'customerId', 'login_token', 'orderId');
  },
  async 'an order waiting for loan'(mock, params) {
    return need(await orderScenario(mock, 'an order waiting for loan', { companyId: params.companyId }), 'customerId', 'login_token', 'orderId');
  },
  async 'a loan with N of M instalments paid'(mock, params) {
    return loanWithPaid(mock, Number(params.n ?? 1), Number(params.m ?? 3));
  },
  async 'a loan with an overdue instalment'(mock) {
    const v = need(await orderScenario(mock, 'a loan with an overdue instalment', { fenQiTimes: 3 }), 'customerId', 'login_token', 'orderId', 'overdueRepaymentRecordId');
    return { ...v, repaymentRecordId: v.overdueRepaymentRecordId! };
  },
  async 'a paid-off loan'(mock) {
    const raw = await mock.scenario('a paid-off loan', { fenQiTimes: 3 });
    const v = need(scalars(raw), 'customerId', 'login_token', 'orderId');
    return { ...v, repaymentRecordId: firstOf(raw.repaymentRecordIds, 'repaymentRecordIds') };
  },
  async 'a customer with a bound card'(mock) {
    return need(await orderScenario(mock, 'a customer with a bound card', {}), 'customerId', 'login_token', 'bindBankCardId');
  },

  async 'a bank-card binding was started'(mock, params) {
    const v = await loggedInCustomer(mock);
    const id = expectSuccess('getBindBankCardId', await mock.api.getBindBankCardId({ login_token: v.login_token! }));
    const { captchaCode } = await mock.captcha(str(params.imageKey) || undefined);
    return { customerId: v.customerId!, login_token: v.login_token!, bindBankCardId: str(id.obj), captchaCode };
  },

  async 'a bank-card binding SMS code was sent'(mock, params) {
    const started = await mockRecipes['a bank-card binding was started'](mock, {});
    const first = await mock.captcha();
    expectSuccess(
      'invokeBindBanCard',
      await mock.api.invokeBindBanCard({
        login_token: started.login_token!,
        img_validate_key: first.imageKey,
        img_validate_code: first.captchaCode,
        customerId: started.customerId!,
        bindBankCardId: started.bindBankCardId!,
        bankCode: str(params.bankCode) as RequestOf<'invokeBindBanCard'>['bankCode'],
        username: str(params.username),
        cardno: str(params.cardno),
        idcardno: str(params.idcardno),
        phone: str(params.phone),
      }),
    );
    const { captchaCode } = await mock.captcha(str(params.imageKey) || undefined);
    return { ...started, captchaCode, smsCode: await mock.lastSmsCode(str(params.phone)) };
  },

  async 'a payment was requested'(mock, params) {
    const loan = await loanWithPaid(mock, 0, 3);
    const res = expectSuccess(
      'sendBindRequest',
      await mock.api.sendBindRequest({ login_token: loan.login_token!, customerId: loan.customerId!, repaymentRecordId: loan.repaymentRecordId!, bindBankCardId: loan.bindBankCardId! }),
    );
    const { captchaCode } = await mock.captcha(str(params.imageKey) || undefined);
    // the platform texts the bank-reserved phone of the card: the owner's phone in the mock's scenarios
    return { customerId: loan.customerId!, phoneNumber: loan.phoneNumber!, login_token: loan.login_token!, repaymentRecordId: loan.repaymentRecordId!, payOrderId: str(res.obj), captchaCode };
  },

  async 'a payment SMS code was sent'(mock, params) {
    const requested = await mockRecipes['a payment was requested'](mock, {});
    const first = await mock.captcha();
    expectSuccess(
      'sendSmsByRepaymentRecordId',
      await mock.api.sendSmsByRepaymentRecordId({ login_token: requested.login_token!, img_validate_key: first.imageKey, img_validate_code: first.captchaCode, orderid: requested.payOrderId! }),
    );
    const { captchaCode } = await mock.captcha(str(params.imageKey) || undefined);
    return { ...requested, captchaCode, smsCode: await mock.lastSmsCode(requested.phoneNumber!) };
  },

  async 'a payment was confirmed'(mock) {
    const inFlight = await confirmPayment(mock);
    await mock.flushPayments();
    return inFlight;
  },

  async 'a payment is in flight for an instalment'(mock) {
    return confirmPayment(mock);
  },
};

async function confirmPayment(mock: MockDriver): Promise<Values> {
  const sent = await mockRecipes['a payment SMS code was sent'](mock, {});
  const cap = await mock.captcha();
  expectSuccess(
    'smsConfirm',
    await mock.api.smsConfirm({ login_token: sent.login_token!, img_validate_key: cap.imageKey, img_validate_code: cap.captchaCode, orderid: sent.payOrderId!, validate_code: sent.smsCode! }),
  );
  return { payOrderId: sent.payOrderId!, repaymentRecordId: sent.repaymentRecordId! };
}

/**
 * The mock's draft with the applicant page exactly as the 2015 client's form submits it: the scenario's
 * draft leaves familyTwoName/familyTwoPhone/familyTwoRelation empty although the form requires them
 * (client-facts.md #15; only the friendTwo and workmateTwo pairs are optional), so #15 fills the page.
 */
async function draftWithApplicant(mock: MockDriver, params: Params): Promise<Values> {
  const v = need(await orderScenario(mock, 'an order in draft', { companyId: params.companyId }), 'customerId', 'login_token', 'orderId', 'orderMaterialId');
  expectSuccess('editOrderCustomerInfo', await mock.api.editOrderCustomerInfo({ login_token: v.login_token!, orderId: v.orderId!, ...APPLICANT_STEP, applicantPhone: v.phoneNumber ?? APPLICANT_STEP.applicantPhone }));
  return v;
}

/** Loads one of the order/loan/card scenarios of the mock (issue 4) and keeps its scalar ids. */
async function orderScenario(mock: MockDriver, name: string, params: Params): Promise<Values> {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  return scalars(await mock.scenario(name, defined));
}

function firstOf(list: unknown, what: string): string {
  const first = Array.isArray(list) ? list[0] : undefined;
  if (typeof first !== 'string') throw new MockStateError(`the scenario returned no ${what}`);
  return first;
}

/** A disbursed loan of `m` instalments, the first `n` paid; the owner has a bound card. */
async function loanWithPaid(mock: MockDriver, n: number, m: number): Promise<Values> {
  const raw = await mock.scenario('a loan with N of M instalments paid', { n, m });
  const v = need(scalars(raw), 'customerId', 'login_token', 'orderId', 'bindBankCardId');
  return {
    ...v,
    ...(v.nextRepaymentRecordId ? { repaymentRecordId: v.nextRepaymentRecordId } : {}),
    ...(n > 0 ? { paidRepaymentRecordId: firstOf(raw.repaymentRecordIds, 'repaymentRecordIds') } : {}),
  };
}
