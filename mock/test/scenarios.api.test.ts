// The named scenarios are the Pact provider states: every one listed by GET /__mock/scenarios loads with its
// default parameters on a fresh app and returns ids, and the states the pacts need hand out values the API
// then accepts (captcha and SMS codes, step tokens, binding and payment ids), exactly as a client would use them.
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp, type TestApp } from './helper';
import { fails, ok } from './orders-client';

interface Listed {
  name: string;
  description: string;
  params: Record<string, string>;
}

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });
const scenario = (name: string, params: Record<string, unknown> = {}) => t().scenario(name, params);

describe('every listed scenario', () => {
  let fresh: TestApp | undefined;
  afterEach(async () => {
    await fresh?.app.close();
    fresh = undefined;
  });

  it('lists the scenarios with their parameters', async () => {
    const { body } = await t().admin<{ scenarios: Listed[] }>('GET', '/__mock/scenarios');
    expect(body.scenarios.length).toBeGreaterThanOrEqual(26);
    expect(new Set(body.scenarios.map((s) => s.name)).size).toBe(body.scenarios.length);
    const draft = body.scenarios.find((s) => s.name === 'an order in draft');
    expect(draft?.params).toMatchObject({ companyId: expect.any(String), complete: expect.stringContaining('Default true') });
  });

  it('loads with its default parameters on a fresh app and returns ids', async () => {
    const names = (await t().admin<{ scenarios: Listed[] }>('GET', '/__mock/scenarios')).body.scenarios.map((s) => s.name);
    for (const name of names) {
      fresh = await buildTestApp({ callbackDelayMs: 10 * 60_000 });
      const { status, body } = await fresh.admin<{ scenario: string; ids: Record<string, unknown> }>('POST', `/__mock/scenarios/${encodeURIComponent(name)}`, {});
      expect(status, `${name}: ${JSON.stringify(body)}`).toBe(200);
      expect(body.scenario).toBe(name);
      expect(Object.keys(body.ids).length, name).toBeGreaterThan(0);
      for (const [key, value] of Object.entries(body.ids)) expect(value, `${name}: ${key}`).not.toBe('');
      expect(fresh.violations, name).toEqual([]);
      await fresh.app.close();
      fresh = undefined;
    }
  });
});

describe('account states', () => {
  it('"an image captcha was issued" binds the captcha to the key the page uses', async () => {
    const ids = await scenario('an image captcha was issued', { imageKey: '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b' });
    expect(ids).toEqual({ imageKey: '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b', captchaCode: expect.stringMatching(/^\w{4}$/) });
    expect((await t().admin('GET', `/__mock/captchas/${ids.imageKey}`)).body).toMatchObject({ code: ids.captchaCode });
    const fresh = await scenario('an image captcha was issued');
    expect(fresh.imageKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('"an SMS code was sent to an unregistered phone": the code registers the phone (#2)', async () => {
    const ids = await scenario('an SMS code was sent to an unregistered phone', { purpose: 'register' });
    const reg = await ok(t(), 'registerCustomer', { phone_number: ids.phoneNumber!, password: 'partywo88', validate_code: ids.smsCode! });
    expect(reg.obj.phoneNumber).toBe(ids.phoneNumber);
    const again = await t().admin('POST', `/__mock/scenarios/${encodeURIComponent('an SMS code was sent to an unregistered phone')}`, { phoneNumber: ids.phoneNumber });
    expect(again).toMatchObject({ status: 400, body: { code: 'SCENARIO_PARAM_INVALID' } });
  });

  it('"a registered customer" with profile=complete has the profile #6 fills', async () => {
    const ids = await scenario('a registered customer', { password: 'partywo88', profile: 'complete' });
    const login = await ok(t(), 'customerLogin', { phone_number: ids.phoneNumber!, password: 'partywo88' });
    expect(login.obj).toMatchObject({ customerId: ids.customerId, sex: '100101', identification: '100202', maritalStatus: '100302', birthday: '1985-01-01' });
    const plain = await scenario('a registered customer', { password: 'partywo88' });
    expect((await ok(t(), 'customerLogin', { phone_number: plain.phoneNumber!, password: 'partywo88' })).obj.sex).toBeNull();
  });

  it('"another logged-in customer" cannot reach the first customer\'s profile', async () => {
    const first = await scenario('a logged-in customer');
    const other = await scenario('another logged-in customer');
    expect(Object.keys(other).sort()).toEqual(['otherCustomerId', 'otherLoginToken', 'otherPassword', 'otherPhoneNumber']);
    await fails(t(), 'updateCustomerInfo', 'FORBIDDEN', { login_token: other.otherLoginToken!, customerId: first.customerId!, sex: '100102' });
  });

  it('"an SMS code was sent to a registered customer" and "a password reset was verified" drive #4 and #5', async () => {
    const sent = await scenario('an SMS code was sent to a registered customer', { purpose: 'findPassword' });
    const step = await ok(t(), 'updatePasswordPre', { phone_number: sent.phoneNumber!, validate_code: sent.smsCode! });
    expect(step.token).toMatch(/^[0-9A-F]{32}$/);
    const verified = await scenario('a password reset was verified');
    await ok(t(), 'updatePassword', { customer_id: verified.customerId!, token: verified.resetToken!, password: 'newpass88' });
    await ok(t(), 'customerLogin', { phone_number: verified.phoneNumber!, password: 'newpass88' });
  });

  it('"an SMS code was sent to a new phone of a logged-in customer" is ready for #12', async () => {
    const ids = await scenario('an SMS code was sent to a new phone of a logged-in customer');
    await ok(t(), 'updatePhoneNumber', { customer_id: ids.customerId!, token: ids.login_token!, phoneNumber: ids.newPhoneNumber!, validate_code: ids.smsCode! });
    expect((await ok(t(), 'getCustomerByCustomerId', { login_token: ids.login_token!, customerId: ids.customerId! })).obj.phoneNumber).toBe(ids.newPhoneNumber);
  });

  it('"a logged-in staff user of company X" returns staffLoginToken (never login_token) that the back office accepts', async () => {
    const ids = await scenario('a logged-in staff user of company X', { companyId: '20150901000001', role: 'risk' });
    expect(ids).not.toHaveProperty('login_token');
    expect(ids).toMatchObject({ companyId: '20150901000001', role: 'risk', staffLoginToken: expect.stringMatching(/^[0-9A-F]{32}$/) });
    await ok(t(), 'queryRiskManagementApproveOrders', { login_token: ids.staffLoginToken!, status: '', currentPageNum: '1', companyId: '20150901000001' });
  });
});

describe('order, binding and payment states', () => {
  it('"an order id was reserved": #14 creates the order under that id', async () => {
    const ids = await scenario('an order id was reserved');
    await ok(t(), 'editOrderPackage', {
      login_token: ids.login_token!, customerId: ids.customerId!, orderId: ids.orderId!, contractNo: 'HT-1', packageName: '悦享家', packageType: '201509010001', companyId: '20150901000001',
      contractMoney: '100000', packageMoney: '80000', fenQiTimes: '12', repaymentType: '100802',
    });
    expect((await ok(t(), 'queryOrdersByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).obj.status).toBe('100501');
  });

  it('"an order in draft" has the whole applicant page (second family contact too); complete=false has no material', async () => {
    const done = await scenario('an order in draft', { complete: true });
    const order = await ok(t(), 'queryOrdersByOrderId', { login_token: done.login_token!, orderId: done.orderId! });
    expect(order.obj).toMatchObject({ familyTwoName: expect.any(String), familyTwoPhone: expect.stringMatching(/^1[3578]\d{9}$/), familyTwoRelation: expect.stringMatching(/^1016\d\d$/) });
    expect(order.list).toHaveLength(1);
    const bare = await scenario('an order in draft', { complete: false });
    expect(bare).not.toHaveProperty('orderMaterialId');
    expect((await ok(t(), 'queryOrdersByOrderId', { login_token: bare.login_token!, orderId: bare.orderId! })).list).toEqual([]);
    await fails(t(), 'editOrderComplete', 'ORDER_INCOMPLETE', { login_token: bare.login_token!, orderId: bare.orderId! });
    await ok(t(), 'editOrderComplete', { login_token: done.login_token!, orderId: done.orderId! });
  });

  it('"a loan with N of M instalments paid" names the first unpaid and the first paid instalment', async () => {
    const ids = await scenario('a loan with N of M instalments paid', { n: 1, m: 3 });
    const rows = (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).list!;
    expect(ids.paidRepaymentRecordId).toBe(rows[0]!.repaymentRecordId);
    expect(ids.repaymentRecordId).toBe(rows[1]!.repaymentRecordId);
    expect(rows.slice(0, 2).map((r) => r.status)).toEqual(['101902', '101901']);
  });

  it('"a bank-card binding was started" and "... SMS code was sent" are ready for #38 and #39', async () => {
    const started = await scenario('a bank-card binding was started', { imageKey: 'bind-page' });
    const card = { bankCode: 'ICBC', username: '张三', cardno: '6222021234567890128', idcardno: '11010519491231002X', phone: '13800138000' };
    await ok(t(), 'invokeBindBanCard', { login_token: started.login_token!, customerId: started.customerId!, bindBankCardId: started.bindBankCardId!, img_validate_key: 'bind-page', img_validate_code: started.captchaCode!, ...card });
    // the platform texts one code a minute per phone: the second binding uses another bank-reserved phone
    const other = { ...card, phone: '13800138001' };
    const sent = await scenario('a bank-card binding SMS code was sent', { imageKey: 'bind-page-2', ...other });
    await ok(t(), 'confirmBindBankcard', { login_token: sent.login_token!, customerId: sent.customerId!, bindBankCardId: sent.bindBankCardId!, img_validate_key: 'bind-page-2', img_validate_code: sent.captchaCode!, validate_code: sent.smsCode!, ...other });
    await ok(t(), 'isExistBindBankCard', { login_token: sent.login_token!, customerId: sent.customerId! });
  });

  it('the payment states walk #42, #43 and the callback #35', async () => {
    const requested = await scenario('a payment was requested', { imageKey: 'pay-page' });
    await ok(t(), 'sendSmsByRepaymentRecordId', { login_token: requested.login_token!, img_validate_key: 'pay-page', img_validate_code: requested.captchaCode!, orderid: requested.payOrderId! });

    const sent = await scenario('a payment SMS code was sent', { imageKey: 'pay-page-2' });
    await ok(t(), 'smsConfirm', { login_token: sent.login_token!, img_validate_key: 'pay-page-2', img_validate_code: sent.captchaCode!, orderid: sent.payOrderId!, validate_code: sent.smsCode! });

    const confirmed = await scenario('a payment was confirmed');
    const paid = await ok(t(), 'getRepaymentRecordByRepaymentRecordId', { login_token: confirmed.login_token!, repaymentRecordId: confirmed.repaymentRecordId! });
    expect(paid.obj.status).toBe('101902');

    const inFlight = await scenario('a payment is in flight for an instalment');
    expect((await ok(t(), 'getPayRecordById', { orderid: inFlight.payOrderId! })).obj.status).toBe(3);
    await ok(t(), 'repaymentDoneByRepaymentRecordId', { repaymentRecordId: inFlight.repaymentRecordId!, orderid: inFlight.payOrderId! });
    expect((await ok(t(), 'getPayRecordById', { orderid: inFlight.payOrderId! })).obj.status).toBe(1);
  });
});
