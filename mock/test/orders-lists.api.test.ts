// The order lists (#19, #26, #28, #30): paging, the page object the client reads, status filters with
// the client's pseudo values, what each back-office list contains; and the scenarios that feed them.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from './helper';
import { fails, ok } from './orders-client';

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });

let bulk: Record<string, string>;

beforeAll(async () => {
  bulk = await t().scenario('many orders', { count: 60, customers: 1, companyId: '20150901000002' });
});

describe('customer list (#19)', () => {
  it('pages newest first with the page object; a page past the end is empty', async () => {
    const base = { login_token: bulk.login_token!, customerId: bulk.customerId!, status: '' };
    // 60 orders of this customer, 10 of them deleted (100504): 50 listed under ""
    const p1 = await ok(t(), 'queryOrders', { ...base, currentPageNum: '1', pageSize: '20' });
    expect(p1.obj).toEqual({ currentPageNum: 1, pageSize: 20, totalRowNum: 50, startRow: 0, totalPage: 3 });
    const p3 = await ok(t(), 'queryOrders', { ...base, currentPageNum: '3', pageSize: '20' });
    expect(p3.list).toHaveLength(10);
    expect(p3.obj.startRow).toBe(40);
    const all = [...p1.list!, ...(await ok(t(), 'queryOrders', { ...base, currentPageNum: '2', pageSize: '20' })).list!, ...p3.list!].map((r) => r.orderId as string);
    expect(new Set(all).size).toBe(50);
    expect([...all].sort().reverse()).toEqual(all);
    const past = await ok(t(), 'queryOrders', { ...base, currentPageNum: '9', pageSize: '20' });
    expect(past.list).toEqual([]);
    // no pageSize: 10; no currentPageNum: 1
    expect((await ok(t(), 'queryOrders', { login_token: bulk.login_token! })).obj).toMatchObject({ currentPageNum: 1, pageSize: 10, totalRowNum: 50, totalPage: 5 });
  });

  it.each([
    ['100504', 10],
    ['100502', 10],
    ['100502100503', 20],
    ['100500', 0],
    ['100505', 0],
  ])('status %s lists %d orders', async (status, n) => {
    const r = await ok(t(), 'queryOrders', { login_token: bulk.login_token!, customerId: bulk.customerId!, status, currentPageNum: '1', pageSize: '100' });
    expect(r.obj.totalRowNum).toBe(n);
    expect(r.list!.every((row) => (status.length === 6 && status !== '100500' ? row.status === status : true))).toBe(true);
  });

  it('rows carry what the client reads (poundage, moneyMonth, statusDes, noRepaymentTimes)', async () => {
    const r = await ok(t(), 'queryOrders', { login_token: bulk.login_token!, status: '100502', pageSize: '1' });
    expect(r.list![0]).toMatchObject({ status: '100502', statusDes: '商家审核中', poundage: 5600, moneyMonth: 6666.67, packageMoney: 80000, noRepaymentTimes: null });
  });
});

describe('back-office lists (#26, #28, #30)', () => {
  it('#26 lists the company\'s submitted orders (no drafts, no deleted); pageSize comes back though none was sent', async () => {
    const r = await ok(t(), 'querySellerApproveOrders', { login_token: bulk.seller_login_token!, status: '', currentPageNum: '1', companyId: '20150901000002' });
    // 60 orders: 10 each of 100501/100502/100503/100506/100509/100504 -> 40 submitted and not deleted
    expect(r.obj).toMatchObject({ totalRowNum: 40, pageSize: 10, totalPage: 4 });
    const statuses = new Set((await ok(t(), 'querySellerApproveOrders', { login_token: bulk.seller_login_token!, companyId: '20150901000002', pageSize: '100' })).list!.map((x) => x.status));
    expect([...statuses].sort()).toEqual(['100502', '100503', '100506', '100509']);
    const only = await ok(t(), 'querySellerApproveOrders', { login_token: bulk.seller_login_token!, companyId: '20150901000002', status: '100502' });
    expect(only.obj.totalRowNum).toBe(10);
  });

  it('#28 lists orders that passed seller approval (not those the seller rejected)', async () => {
    const r = await ok(t(), 'queryRiskManagementApproveOrders', { login_token: bulk.risk_login_token!, status: '', currentPageNum: '1', companyId: '20150901000002', pageSize: '100' });
    expect(new Set(r.list!.map((x) => x.status))).toEqual(new Set(['100503', '100506']));
    expect(r.obj.totalRowNum).toBe(20);
    const rejected = await ok(t(), 'queryRiskManagementApproveOrders', { login_token: bulk.risk_login_token!, status: '100509', companyId: '20150901000002' });
    expect(rejected.obj.totalRowNum).toBe(0);
  });

  it('#28 shows an order risk management rejected; #30 shows loans and orders waiting for one', async () => {
    const a = await t().scenario('an order awaiting risk approval', { companyId: '20150901000002' });
    await ok(t(), 'riskManagementApproveOrder', { login_token: a.risk_login_token!, orderId: a.orderId!, approvePerson: a.risk_usersId!, approveResult: 'false' });
    const rejected = await ok(t(), 'queryRiskManagementApproveOrders', { login_token: a.risk_login_token!, status: '100509', companyId: '20150901000002' });
    expect(rejected.list!.map((x) => x.orderId)).toEqual([a.orderId]);
    const loan = await t().scenario('a loan with N of M instalments paid', { n: 1, m: 3, companyId: '20150901000002' });
    const waiting = await ok(t(), 'queryWaitingForPayOrders', { login_token: loan.finance_login_token!, status: '', currentPageNum: '1', companyId: '20150901000002', pageSize: '100' });
    expect(new Set(waiting.list!.map((x) => x.status))).toEqual(new Set(['100506', '100507']));
    expect(waiting.list!.find((x) => x.orderId === loan.orderId)).toMatchObject({ status: '100507', noRepaymentTimes: 2, statusDes: '还款中' });
    // the company parameter may be left out (the staff user's own company)
    expect((await ok(t(), 'queryWaitingForPayOrders', { login_token: loan.finance_login_token!, companyId: '20150901000002' })).obj.totalRowNum).toBe(waiting.obj.totalRowNum);
  });

  it('an approved order leaves the seller queue filter and enters the risk list at once', async () => {
    const o = await t().scenario('an order awaiting seller approval');
    const q = () => ok(t(), 'querySellerApproveOrders', { login_token: o.seller_login_token!, companyId: '20150901000001', status: '100502', pageSize: '100' });
    expect((await q()).list!.map((x) => x.orderId)).toContain(o.orderId);
    await ok(t(), 'sellerApproveOrder', { login_token: o.seller_login_token!, orderId: o.orderId!, approvePerson: o.seller_usersId!, approveResult: '0' });
    expect((await q()).list!.map((x) => x.orderId)).not.toContain(o.orderId);
    const risk = await ok(t(), 'queryRiskManagementApproveOrders', { login_token: o.risk_login_token!, companyId: '20150901000001', status: '100503', pageSize: '100' });
    expect(risk.list!.map((x) => x.orderId)).toContain(o.orderId);
  });
});

describe('scenarios (Pact provider states)', () => {
  const NAMES = [
    'an order in draft',
    'an order awaiting seller approval',
    'an order awaiting risk approval',
    'an order waiting for loan',
    'a loan with N of M instalments paid',
    'a loan with an overdue instalment',
    'a customer with a bound card',
    'a paid-off loan',
  ];

  it('are listed by GET /__mock/scenarios under their exact names', async () => {
    const { body } = await t().admin<{ scenarios: { name: string }[] }>('GET', '/__mock/scenarios');
    const names = body.scenarios.map((s) => s.name);
    for (const n of NAMES) expect(names).toContain(n);
  });

  it.each([
    ['an order in draft', {}, '100501'],
    ['an order awaiting seller approval', {}, '100502'],
    ['an order awaiting risk approval', {}, '100503'],
    ['an order waiting for loan', { fenQiTimes: 3 }, '100506'],
    ['a loan with N of M instalments paid', { n: 2, m: 6 }, '100507'],
    ['a loan with an overdue instalment', { overdueDays: 5 }, '100510'],
    ['a paid-off loan', { fenQiTimes: 3 }, '100508'],
  ] as const)('"%s" puts an order at its status and returns its ids', async (name, params, status) => {
    const ids = await t().scenario(name, params);
    expect(ids).toMatchObject({ customerId: expect.any(String), login_token: expect.stringMatching(/^[0-9A-F]{32}$/), orderId: expect.any(String), seller_login_token: expect.any(String) });
    const order = (await ok(t(), 'queryOrdersByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).obj;
    expect(order.status).toBe(status);
    if (name === 'a loan with N of M instalments paid') {
      const rows = (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).list!;
      expect(rows.map((r) => r.status)).toEqual(['101902', '101902', '101901', '101901', '101901', '101901']);
      expect(ids.nextRepaymentRecordId).toBe(rows[2]!.repaymentRecordId);
      expect(order.nextRepaymentTime > '2015-09-01').toBe(true);
    }
    if (name === 'a loan with an overdue instalment') {
      const rows = (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).list!;
      expect(rows[0]).toMatchObject({ repaymentRecordId: ids.overdueRepaymentRecordId, status: '101903', overdueTime: 5 });
    }
  });

  it('"a customer with a bound card" binds a card that #36/#40 see (masked)', async () => {
    const ids = await t().scenario('a customer with a bound card');
    await ok(t(), 'isExistBindBankCard', { login_token: ids.login_token!, customerId: ids.customerId! });
    const cards = await ok(t(), 'getBindBankCardByCustomerId', { login_token: ids.login_token!, customerId: ids.customerId! });
    expect(cards.list).toEqual([{ bbcId: ids.bindBankCardId, bankType: 'icbc', bankTypeDesc: '中国工商银行', bankCard: '622202******0007', bankCardTop: '622202', bankCardLast: '0007' }]);
    expect(JSON.stringify(cards)).not.toContain('6222020000000007');
  });

  it('an existing customer can own the scenario order; bad parameters are refused', async () => {
    const c = await t().scenario('a logged-in customer');
    const ids = await t().scenario('an order awaiting seller approval', { customerId: c.customerId });
    expect(ids.customerId).toBe(c.customerId);
    const bad = await t().admin('POST', `/__mock/scenarios/${encodeURIComponent('an order in draft')}`, { fenQiTimes: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'SCENARIO_PARAM_INVALID' });
    const unknown = await t().admin('POST', `/__mock/scenarios/${encodeURIComponent('a loan with N of M instalments paid')}`, { n: 7, m: 6 });
    expect(unknown.status).toBe(400);
    await fails(t(), 'queryOrdersByOrderId', 'ORDER_NOT_FOUND', { login_token: c.login_token!, orderId: '209912310001' });
  });
});
