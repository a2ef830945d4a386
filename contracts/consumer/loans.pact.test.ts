// Consumer contract of loans and repayments (partywo-web -> partywo-api): disbursement (#34) and the
// repayment schedule (#31, #32).
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN, OTHER_CUSTOMER_TOKEN, SAMPLE_ORDER_ID, STAFF_TOKEN } from '../shared/placeholders';
import { clientFor, failed, ok, params, request, state, webPact } from './support/pact';
import { code, dateText, dateTimeText, digitsId } from './support/matchers';
import { COMPANY_ID } from './support/samples';

const { fromProviderState, like, eachLike, integer, number, arrayContaining, nullValue } = MatchersV3;

const pact = webPact();
const orderId = () => fromProviderState('${orderId}', SAMPLE_ORDER_ID);
const recordId = () => fromProviderState('${repaymentRecordId}', '201509100102');

/** A repayment record as the order-detail page reads it; amounts are JSON numbers (added with `+`). */
const record = (status: string, realRepaymentTime: unknown) => ({
  repaymentRecordId: digitsId('201509100101'),
  orderId: digitsId(SAMPLE_ORDER_ID),
  repaymentTypeDesc: like('第1期'),
  repaymentPrincipal: number(7133.33),
  expectRepaymentTime: dateText('2015-10-10'),
  overdueTime: integer(0),
  overdueInterest: number(0),
  realRepaymentTime,
  status: code('1019', status),
});

describe('loans and repayments', () => {
  it('#34 loanByOrderId: finance disburses a risk-approved order (approval fields reused)', async () => {
    const req = params('loanByOrderId', {
      login_token: STAFF_TOKEN,
      orderId: orderId(),
      approvePerson: fromProviderState('${usersId}', '201509010005'),
      approveName: fromProviderState('${usersName}', '赵放款'),
      approveResult: 'true',
      approveRemarks: '',
    });
    await pact
      .addInteraction()
      .given(state('an order waiting for loan'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'finance' })
      .uponReceiving('a disbursement of an order waiting for loan')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).loanByOrderId(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#34 loanByOrderId: an order risk management has not passed', async () => {
    const req = params('loanByOrderId', {
      login_token: STAFF_TOKEN,
      orderId: orderId(),
      approvePerson: fromProviderState('${usersId}', '201509010005'),
      approveName: fromProviderState('${usersName}', '赵放款'),
      approveResult: 'true',
      approveRemarks: '',
    });
    await pact
      .addInteraction()
      .given(state('an order awaiting risk approval'), { companyId: COMPANY_ID })
      .given(state('a logged-in staff user of company X'), { companyId: COMPANY_ID, role: 'finance' })
      .uponReceiving('a disbursement of an order still awaiting risk approval')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('订单当前状态不允许该操作')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).loanByOrderId(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#31 getRepaymentRecordByOrderId: paid and due instalments of a loan', async () => {
    const req = params('getRepaymentRecordByOrderId', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 1, m: 3 })
      .uponReceiving('a request for the schedule of a loan with 1 of 3 instalments paid')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ list: arrayContaining(record('101902', dateTimeText('2015-10-09 14:30:00')), record('101901', nullValue())) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getRepaymentRecordByOrderId(req.values);
        const due = res.list?.find((r) => r.status === '101901');
        expect(typeof due?.repaymentPrincipal).toBe('number');
        expect((due?.repaymentPrincipal ?? 0) + (due?.overdueInterest ?? 0)).toBeGreaterThan(0);
      });
  });

  it('#31 getRepaymentRecordByOrderId: an overdue instalment', async () => {
    const req = params('getRepaymentRecordByOrderId', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('a loan with an overdue instalment'))
      .uponReceiving('a request for the schedule of a loan with an overdue instalment')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ list: arrayContaining({ ...record('101903', nullValue()), overdueTime: integer(3) }) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getRepaymentRecordByOrderId(req.values);
        expect(res.list?.some((r) => r.status === '101903')).toBe(true);
      });
  });

  it('#31 getRepaymentRecordByOrderId: a paid-off loan', async () => {
    const req = params('getRepaymentRecordByOrderId', { login_token: CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('a paid-off loan'))
      .uponReceiving('a request for the schedule of a paid-off loan')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ list: eachLike(record('101902', dateTimeText('2015-10-09 14:30:00'))) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getRepaymentRecordByOrderId(req.values);
        expect(res.list?.every((r) => r.status === '101902')).toBe(true);
      });
  });

  it("#31 getRepaymentRecordByOrderId: another customer's loan", async () => {
    const req = params('getRepaymentRecordByOrderId', { login_token: OTHER_CUSTOMER_TOKEN, orderId: orderId() });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 1, m: 3 })
      .given(state('another logged-in customer'))
      .uponReceiving("a request for the schedule of another customer's loan")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('无权访问该数据')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getRepaymentRecordByOrderId(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#32 getRepaymentRecordByRepaymentRecordId: one instalment', async () => {
    const req = params('getRepaymentRecordByRepaymentRecordId', { login_token: CUSTOMER_TOKEN, repaymentRecordId: recordId() });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 1, m: 3 })
      .uponReceiving('a request for the first unpaid instalment of a loan')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: record('101901', nullValue()) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getRepaymentRecordByRepaymentRecordId(req.values);
        expect(res.obj?.status).toBe('101901');
      });
  });

  it("#32 getRepaymentRecordByRepaymentRecordId: another customer's instalment", async () => {
    const req = params('getRepaymentRecordByRepaymentRecordId', { login_token: OTHER_CUSTOMER_TOKEN, repaymentRecordId: recordId() });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 1, m: 3 })
      .given(state('another logged-in customer'))
      .uponReceiving("a request for an instalment of another customer's loan")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('无权访问该数据')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getRepaymentRecordByRepaymentRecordId(req.values);
        expect(res.success).toBe(false);
      });
  });
});
