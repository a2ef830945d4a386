// Consumer contract of the customer's orders (partywo-web -> partywo-api): the three-step application
// wizard (#13-#16), materials (#17, #18), the order list and detail (#19, #20) and deletion (#21).
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN, OTHER_CUSTOMER_TOKEN, SAMPLE_CUSTOMER_ID, SAMPLE_ORDER_ID, STAFF_TOKEN } from '../shared/placeholders';
import { clientFor, failed, multipartRequest, ok, params, request, state, webPact } from './support/pact';
import { code, digitsId, iframeJsonBody, phone } from './support/matchers';
import { APPLICANT_STEP, COMPANY_ID, PACKAGE_STEP } from './support/samples';
import { PNG_1X1 } from './support/files';
import { orderRow } from './support/rows';

const { fromProviderState, like, eachLike, integer, number, regex } = MatchersV3;

const pact = webPact();
const orderId = () => fromProviderState('${orderId}', SAMPLE_ORDER_ID);
const customerId = () => fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID);

/** The order object of #20 as the application form (edit mode) and the admin detail pages read it. */
const orderObject = {
  companyId: digitsId(COMPANY_ID),
  contractNo: like(PACKAGE_STEP.contractNo),
  packageType: digitsId(PACKAGE_STEP.packageType),
  contractMoney: number(100000),
  packageMoney: number(80000),
  fenQiTimes: integer(12),
  poundage: number(5600),
  moneyMonth: number(6666.67),
  applicantName: like(APPLICANT_STEP.applicantName),
  applicantAge: like(APPLICANT_STEP.applicantAge),
  applicantSex: code('1001', APPLICANT_STEP.applicantSex),
  applicantIdentity: regex('^\\d{17}[\\dX]$', APPLICANT_STEP.applicantIdentity),
  applicantMarital: code('1003', APPLICANT_STEP.applicantMarital),
  applicantAddress: like(APPLICANT_STEP.applicantAddress),
  applicantStudyStatus: code('1009', APPLICANT_STEP.applicantStudyStatus),
  applicantSchool: like(APPLICANT_STEP.applicantSchool),
  applicantMajor: like(APPLICANT_STEP.applicantMajor),
  applicantAsset: code('1010', APPLICANT_STEP.applicantAsset),
  applicantJobNature: code('1011', APPLICANT_STEP.applicantJobNature),
  applicantCompany: like(APPLICANT_STEP.applicantCompany),
  applicantCompanyNature: code('1012', APPLICANT_STEP.applicantCompanyNature),
  applicantCompanyIndustry: code('1013', APPLICANT_STEP.applicantCompanyIndustry),
  applicantDuties: code('1014', APPLICANT_STEP.applicantDuties),
  applicantWorkYears: code('1015', APPLICANT_STEP.applicantWorkYears),
  applicantCompanyAddress: like(APPLICANT_STEP.applicantCompanyAddress),
  applicantCompanyPhone: like(APPLICANT_STEP.applicantCompanyPhone),
  applicantWages: like(APPLICANT_STEP.applicantWages),
  familyName: like(APPLICANT_STEP.familyName),
  familyPhone: phone(APPLICANT_STEP.familyPhone),
  familyRelation: code('1016', APPLICANT_STEP.familyRelation),
  familyTwoName: like(APPLICANT_STEP.familyTwoName),
  familyTwoPhone: phone(APPLICANT_STEP.familyTwoPhone),
  familyTwoRelation: code('1016', APPLICANT_STEP.familyTwoRelation),
  friendName: like(APPLICANT_STEP.friendName),
  friendPhone: phone(APPLICANT_STEP.friendPhone),
  workmateName: like(APPLICANT_STEP.workmateName),
  workmatePhone: phone(APPLICANT_STEP.workmatePhone),
};

/** A material row of #20 (`delete === 0` is how the admin pages pick live materials). */
const materialRow = {
  orderMaterialId: digitsId('201508300102'),
  orderMaterialType: code('1007', '100701'),
  orderMaterialUrl: like('http://127.0.0.1:4010/files/materials/201508300051/100701-1.png'),
  delete: integer(0),
};

describe('orders', () => {
  it('#13 getOrderId: a new order id without a token', async () => {
    const req = params('getOrderId', {});
    await pact
      .addInteraction()
      .uponReceiving('a request for a new order id')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: digitsId(SAMPLE_ORDER_ID) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getOrderId();
        expect(res.obj).toBe(SAMPLE_ORDER_ID);
      });
  });

  it('#14 editOrderPackage: the package step of a new order', async () => {
    const req = params('editOrderPackage', { login_token: CUSTOMER_TOKEN, customerId: customerId(), orderId: orderId(), ...PACKAGE_STEP });
    await pact
      .addInteraction()
      .given(state('an order id was reserved'))
      .uponReceiving('the package step of a new order')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderPackage(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#14 editOrderPackage: editing the package of a draft', async () => {
    const req = params('editOrderPackage', { login_token: CUSTOMER_TOKEN, customerId: customerId(), orderId: orderId(), ...PACKAGE_STEP, fenQiTimes: '24', poundage: '10400.00', moneyMonth: '3333.33' });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: false })
      .uponReceiving('the package step of a draft order, edited')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderPackage(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#14 editOrderPackage: an order already submitted cannot be edited', async () => {
    const req = params('editOrderPackage', { login_token: CUSTOMER_TOKEN, customerId: customerId(), orderId: orderId(), ...PACKAGE_STEP });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .uponReceiving('the package step of an order awaiting seller approval')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单已提交,不能再修改')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderPackage(req.values);
        expect(res.success).toBe(false);
      });
  });

  it("#14 editOrderPackage: another customer's order", async () => {
    const req = params('editOrderPackage', {
      login_token: OTHER_CUSTOMER_TOKEN,
      customerId: fromProviderState('${otherCustomerId}', '201508160008'),
      orderId: orderId(),
      ...PACKAGE_STEP,
    });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: false })
      .given(state('another logged-in customer'))
      .uponReceiving("the package step of another customer's draft")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('无权访问该数据')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderPackage(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#15 editOrderCustomerInfo: the applicant step (no step token, as the 2015 client)', async () => {
    const req = params('editOrderCustomerInfo', { login_token: CUSTOMER_TOKEN, orderId: orderId(), ...APPLICANT_STEP });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: false })
      .uponReceiving('the applicant step of a draft order')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderCustomerInfo(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#15 editOrderCustomerInfo: an order already submitted', async () => {
    const req = params('editOrderCustomerInfo', { login_token: CUSTOMER_TOKEN, orderId: orderId(), ...APPLICANT_STEP });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .uponReceiving('the applicant step of an order awaiting seller approval')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单已提交,不能再修改')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderCustomerInfo(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#16 editOrderComplete: a complete draft is submitted', async () => {
    const req = params('editOrderComplete', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: true })
      .uponReceiving('the submission of a complete draft')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderComplete(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#16 editOrderComplete: an incomplete draft is refused and the message says what is missing', async () => {
    const req = params('editOrderComplete', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: false })
      .uponReceiving('the submission of an incomplete draft')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单信息不完整: 缺少身份证照片')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderComplete(req.values);
        expect(res.success).toBe(false);
        expect(res.message).toContain('订单信息不完整');
      });
  });

  it('#16 editOrderComplete: an order already submitted', async () => {
    const req = params('editOrderComplete', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .uponReceiving('the submission of an order awaiting seller approval')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单当前状态不允许该操作')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).editOrderComplete(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#17 uploadOrderMaterial: the iframe upload answers the material id and the image URL', async () => {
    const req = params('uploadOrderMaterial', {
      login_token: CUSTOMER_TOKEN,
      customerId: SAMPLE_CUSTOMER_ID,
      orderId: SAMPLE_ORDER_ID,
      orderMaterialType: '100701',
      orderMaterialFile: { bytes: PNG_1X1, fileName: 'id-front.png', contentType: 'image/png' },
    });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: false })
      .uponReceiving('an upload of an ID-card image to a draft order')
      .withRequest(...(await multipartRequest(req)))
      .willRespondWith(200, (b) =>
        iframeJsonBody(
          b,
          { success: true, obj: 'http://127.0.0.1:4010/files/materials/201508300051/100701-1.png', list: null, message: '201508300102', code: null, token: null },
          { message: '"\\d+"', obj: '"https?://[^"]+"' },
        ),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).uploadOrderMaterial(req.values);
        expect(res.message).toMatch(/^\d+$/);
        expect(res.obj).toMatch(/^https?:\/\//);
      });
  });

  it('#18 deleteOrderMaterial: a material of the own draft', async () => {
    const req = params('deleteOrderMaterial', { login_token: CUSTOMER_TOKEN, orderMaterialId: fromProviderState('${orderMaterialId}', '201508300102') });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: true })
      .uponReceiving('the deletion of a material of a draft order')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).deleteOrderMaterial(req.values);
        expect(res.success).toBe(true);
      });
  });

  it("#18 deleteOrderMaterial: another customer's material", async () => {
    const req = params('deleteOrderMaterial', { login_token: OTHER_CUSTOMER_TOKEN, orderMaterialId: fromProviderState('${orderMaterialId}', '201508300102') });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: true })
      .given(state('another logged-in customer'))
      .uponReceiving("the deletion of a material of another customer's order")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('无权访问该数据')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).deleteOrderMaterial(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#19 queryOrders: the customer list with the page object', async () => {
    const req = params('queryOrders', { login_token: CUSTOMER_TOKEN, customerId: customerId(), status: '', currentPageNum: '1', pageSize: '10' });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 1, m: 3 })
      .uponReceiving("the customer's order list, first page, every status")
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ obj: { totalRowNum: integer(1), pageSize: integer(10), currentPageNum: integer(1) }, list: eachLike({ ...orderRow('100507'), noRepaymentTimes: integer(2) }) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryOrders(req.values);
        expect(res.obj?.totalRowNum).toBe(1);
        const row = res.list?.[0];
        expect(row?.packageMoney).toBe(80000);
        expect(row?.noRepaymentTimes).toBe(2);
      });
  });

  it('#19 queryOrders: a customer without orders gets an empty list', async () => {
    const req = params('queryOrders', { login_token: CUSTOMER_TOKEN, customerId: customerId(), status: '', currentPageNum: '1', pageSize: '10' });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('the order list of a customer without orders')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: { totalRowNum: 0 }, list: [] })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryOrders(req.values);
        expect(res.list).toEqual([]);
      });
  });

  it('#19 queryOrders: filtered by a status (the 1005 drop-down)', async () => {
    const req = params('queryOrders', { login_token: CUSTOMER_TOKEN, customerId: customerId(), status: '100501', currentPageNum: '1', pageSize: '10' });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: true })
      .uponReceiving("the customer's order list filtered by status 100501")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: { totalRowNum: integer(1) }, list: eachLike({ orderId: digitsId(SAMPLE_ORDER_ID), status: '100501', statusDes: like('未完成') }) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryOrders(req.values);
        expect(res.list?.every((row) => row.status === '100501')).toBe(true);
      });
  });

  it('#20 queryOrdersByOrderId: the owner reads the order and its materials (edit mode)', async () => {
    const req = params('queryOrdersByOrderId', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: true })
      .uponReceiving('a request for a complete draft by its owner')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: orderObject, list: eachLike(materialRow) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryOrdersByOrderId(req.values);
        expect(res.obj?.applicantSex).toBe('100101');
        expect(res.list?.filter((m) => m.delete === 0).length).toBeGreaterThan(0);
      });
  });

  it("#20 queryOrdersByOrderId: staff of the order's company read it (admin detail page)", async () => {
    const req = params('queryOrdersByOrderId', { login_token: STAFF_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order awaiting seller approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'seller' })
      .uponReceiving("a request for an order by a seller of the order's company")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: orderObject, list: eachLike(materialRow) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryOrdersByOrderId(req.values);
        expect(res.obj?.packageType).toBe(PACKAGE_STEP.packageType);
      });
  });

  it("#20 queryOrdersByOrderId: another customer's order", async () => {
    const req = params('queryOrdersByOrderId', { login_token: OTHER_CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: true })
      .given(state('another logged-in customer'))
      .uponReceiving("a request for another customer's order")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('无权访问该数据')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryOrdersByOrderId(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#20 queryOrdersByOrderId: an order that does not exist', async () => {
    const req = params('queryOrdersByOrderId', { login_token: CUSTOMER_TOKEN, orderId: '209901010001' });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('a request for an order id nobody has')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单不存在')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryOrdersByOrderId(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#21 deleteOrderByOrderId: the owner deletes a draft', async () => {
    const req = params('deleteOrderByOrderId', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: false })
      .uponReceiving('the deletion of a draft by its owner')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).deleteOrderByOrderId(req.values);
        expect(res.success).toBe(true);
      });
  });

  it("#21 deleteOrderByOrderId: another customer's order", async () => {
    const req = params('deleteOrderByOrderId', { login_token: OTHER_CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('an order in draft'), { companyId: COMPANY_ID, complete: false })
      .given(state('another logged-in customer'))
      .uponReceiving("the deletion of another customer's draft")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('无权访问该数据')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).deleteOrderByOrderId(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#21 deleteOrderByOrderId: a loan being repaid cannot be deleted', async () => {
    const req = params('deleteOrderByOrderId', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 1, m: 3 })
      .uponReceiving('the deletion of an order being repaid')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单当前状态不允许该操作')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).deleteOrderByOrderId(req.values);
        expect(res.success).toBe(false);
      });
  });
});


