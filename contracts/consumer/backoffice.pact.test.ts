// Consumer contract of the back office (partywo-web's admin pages -> partywo-api): staff accounts,
// seller and risk approval, orders waiting for loan and approval records. Staff tokens travel as
// `login_token` like customer tokens (client-facts.md §1.2).
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN, SAMPLE_ORDER_ID, STAFF_TOKEN } from '../shared/placeholders';
import { clientFor, failed, ok, params, request, state, webPact } from './support/pact';
import { dateTimeText, digitsId, phone, token32 } from './support/matchers';
import { COMPANY_ID } from './support/samples';
import { orderRow } from './support/rows';

const { fromProviderState, like, eachLike, integer, boolean } = MatchersV3;

const pact = webPact();
const PASSWORD = 'staff8888';
const orderId = () => fromProviderState('${orderId}', SAMPLE_ORDER_ID);
const approver = () => ({ approvePerson: fromProviderState('${usersId}', '201509010003'), approveName: fromProviderState('${usersName}', '王审核') });
const pageObject = { totalRowNum: integer(1), pageSize: integer(10) };

describe('back office', () => {
  it('#23 registerUsers: a staff user of a company', async () => {
    // as the 2015 client sends it: no `role` (client-facts.md #23; optional in the spec, default seller)
    const req = params('registerUsers', { usersPhone: '13600000023', password: PASSWORD, usersName: '王审核', companyId: COMPANY_ID, sex: '100101' });
    await pact
      .addInteraction()
      .uponReceiving('a staff registration for company 20150901000001')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).registerUsers(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#23 registerUsers: the phone already has a staff account', async () => {
    const req = params('registerUsers', { usersPhone: fromProviderState('${usersPhone}', '13600000024'), password: PASSWORD, usersName: '王审核', companyId: COMPANY_ID, sex: '100101' });
    await pact
      .addInteraction()
      .given(state('a staff user of company X'), { companyId: COMPANY_ID, role: 'seller', password: PASSWORD })
      .uponReceiving('a staff registration with a phone that already has a staff account')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('该手机号已注册后台用户')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).registerUsers(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#24 usersLogin: the right password', async () => {
    const req = params('usersLogin', { usersPhone: fromProviderState('${usersPhone}', '13600000024'), password: PASSWORD });
    await pact
      .addInteraction()
      .given(state('a staff user of company X'), { companyId: COMPANY_ID, role: 'seller', password: PASSWORD })
      .uponReceiving('a staff login with the right password')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ obj: { usersId: digitsId('201509010003'), usersName: like('王审核'), usersPhone: phone('13600000024') }, token: token32(STAFF_TOKEN) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).usersLogin(req.values);
        expect(res.obj?.usersName).toBe('王审核');
        expect(res.token).toBe(STAFF_TOKEN);
      });
  });

  it('#24 usersLogin: a wrong password', async () => {
    const req = params('usersLogin', { usersPhone: fromProviderState('${usersPhone}', '13600000024'), password: 'wrong-pass' });
    await pact
      .addInteraction()
      .given(state('a staff user of company X'), { companyId: COMPANY_ID, role: 'seller', password: PASSWORD })
      .uponReceiving('a staff login with a wrong password')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('手机号或密码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).usersLogin(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#26 querySellerApproveOrders: the orders awaiting seller approval (status "" and no pageSize, as the client)', async () => {
    const req = params('querySellerApproveOrders', { login_token: STAFF_TOKEN, status: '', currentPageNum: '1', companyId: COMPANY_ID });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'seller' })
      .uponReceiving('the seller approval list of a company')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: pageObject, list: eachLike(orderRow('100502')) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).querySellerApproveOrders(req.values);
        expect(Math.ceil((res.obj?.totalRowNum ?? 0) / (res.obj?.pageSize ?? 1))).toBe(1);
        expect(res.list?.[0]?.status).toBe('100502');
      });
  });

  it('#26 querySellerApproveOrders: a customer token is not a staff token', async () => {
    const req = params('querySellerApproveOrders', { login_token: CUSTOMER_TOKEN, status: '', currentPageNum: '1', companyId: COMPANY_ID });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('the seller approval list asked with a customer token')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('该操作需要后台用户登录')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).querySellerApproveOrders(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#27 sellerApproveOrder: passed', async () => {
    const req = params('sellerApproveOrder', { login_token: STAFF_TOKEN, orderId: orderId(), ...approver(), approveResult: 'true', approveRemarks: '资料齐全' });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'seller' })
      .uponReceiving('a seller approval that passes the order')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sellerApproveOrder(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#27 sellerApproveOrder: rejected', async () => {
    const req = params('sellerApproveOrder', { login_token: STAFF_TOKEN, orderId: orderId(), ...approver(), approveResult: 'false', approveRemarks: '合同金额不符' });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'seller' })
      .uponReceiving('a seller approval that rejects the order')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sellerApproveOrder(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#27 sellerApproveOrder: an order not awaiting seller approval', async () => {
    const req = params('sellerApproveOrder', { login_token: STAFF_TOKEN, orderId: orderId(), ...approver(), approveResult: 'true', approveRemarks: '' });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: true })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'seller' })
      .uponReceiving('a seller approval of an order still in draft')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单当前状态不允许该操作')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sellerApproveOrder(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#28 queryRiskManagementApproveOrders: the orders awaiting risk approval', async () => {
    const req = params('queryRiskManagementApproveOrders', { login_token: STAFF_TOKEN, status: '', currentPageNum: '1', companyId: COMPANY_ID });
    await pact
      .addInteraction()
      .given(state('an order awaiting risk approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'risk' })
      .uponReceiving('the risk approval list of a company')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: pageObject, list: eachLike(orderRow('100503')) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryRiskManagementApproveOrders(req.values);
        expect(res.list?.[0]?.status).toBe('100503');
      });
  });

  it('#29 riskManagementApproveOrder: passed', async () => {
    const req = params('riskManagementApproveOrder', { login_token: STAFF_TOKEN, orderId: orderId(), ...approver(), approveResult: 'true', approveRemarks: '征信良好' });
    await pact
      .addInteraction()
      .given(state('an order awaiting risk approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'risk' })
      .uponReceiving('a risk approval that passes the order')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).riskManagementApproveOrder(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#29 riskManagementApproveOrder: an order the seller has not passed yet', async () => {
    const req = params('riskManagementApproveOrder', { login_token: STAFF_TOKEN, orderId: orderId(), ...approver(), approveResult: 'true', approveRemarks: '' });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'risk' })
      .uponReceiving('a risk approval of an order still awaiting seller approval')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单当前状态不允许该操作')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).riskManagementApproveOrder(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#30 queryWaitingForPayOrders: the orders waiting for loan', async () => {
    const req = params('queryWaitingForPayOrders', { login_token: STAFF_TOKEN, status: '', currentPageNum: '1', companyId: COMPANY_ID });
    await pact
      .addInteraction()
      .given(state('an order waiting for loan'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'finance' })
      .uponReceiving('the list of orders waiting for loan of a company')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: pageObject, list: eachLike(orderRow('100506')) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryWaitingForPayOrders(req.values);
        expect(res.list?.[0]?.status).toBe('100506');
      });
  });

  it('#33 getApproveRecordsByOrderId: the approval records of an order', async () => {
    const req = params('getApproveRecordsByOrderId', { login_token: STAFF_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order awaiting risk approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'risk' })
      .uponReceiving('a request for the approval records of a seller-approved order')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ list: eachLike({ orderId: digitsId(SAMPLE_ORDER_ID), approvePerson: like('201509010003'), approveResult: boolean(true), approveTime: dateTimeText('2015-09-02 10:00:00') }) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getApproveRecordsByOrderId(req.values);
        expect(res.list?.[0]?.approveResult).toBe(true);
      });
  });
});
