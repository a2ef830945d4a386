// GET /__mock/orders: every order of the session, newest first, filtered by status (1005 codes and the legacy
// pseudo filters), customer and company, paged by limit/offset; rows equal the legacy lists' rows; bad query
// values are admin errors; a page reads the sorted index, never every order. (The helper validates every
// answer against mock-admin.json.)
import { beforeAll, describe, expect, it } from 'vitest';
import { compareIds } from '../domain/orders/sortedIds';
import { useTestApp } from './helper';
import { ok } from './orders-client';

const t = useTestApp({ callbackDelayMs: 10 * 60_000 });

type Row = { orderId: string; customerId: string; companyId: string | null; status: string } & Record<string, unknown>;
type List = { total: number; orders: Row[] };

const OTHER_COMPANY = '20150901000002';

async function list(query = ''): Promise<List> {
  const res = await t().admin<List>('GET', `/__mock/orders${query}`);
  expect(res.status, query).toBe(200);
  return res.body;
}
const idsOf = (l: List) => l.orders.map((o) => o.orderId);
const newestFirst = (ids: string[]) => [...ids].sort(compareIds).reverse();

/** Every order the world below creates, by name. */
type Name = 'draftA' | 'sellerA' | 'riskB' | 'waitingA2' | 'loanD' | 'paidE' | 'deletedB';
const o = {} as Record<Name, Record<string, string>>;

beforeAll(async () => {
  o.draftA = await t().scenario('an order in draft');
  const A = o.draftA.customerId!;
  o.sellerA = await t().scenario('an order awaiting seller approval', { customerId: A });
  o.riskB = await t().scenario('an order awaiting risk approval', { companyId: OTHER_COMPANY });
  const B = o.riskB.customerId!;
  o.waitingA2 = await t().scenario('an order waiting for loan', { customerId: A, companyId: OTHER_COMPANY });
  o.loanD = await t().scenario('a loan with N of M instalments paid', { n: 1, m: 3 });
  o.paidE = await t().scenario('a paid-off loan', { fenQiTimes: 3 });
  o.deletedB = await t().scenario('an order in draft', { customerId: B });
  await ok(t(), 'deleteOrderByOrderId', { login_token: o.deletedB.login_token!, orderId: o.deletedB.orderId! });
});

const id = (name: string) => o[name as Name].orderId!;

describe('GET /__mock/orders', () => {
  it('lists every order but deleted ones, newest first; deleted ones only when asked for', async () => {
    const all = await list();
    const expected = ['draftA', 'sellerA', 'riskB', 'waitingA2', 'loanD', 'paidE'].map(id);
    expect(all.total).toBe(6);
    expect(idsOf(all)).toEqual(newestFirst(expected));
    expect(all.orders.map((r) => r.status).sort()).toEqual(['100501', '100502', '100503', '100506', '100507', '100508']);
    expect(all.orders.find((r) => r.orderId === id('loanD'))).toMatchObject({
      customerId: o.loanD.customerId,
      companyId: '20150901000001',
      status: '100507',
      statusDes: '还款中',
      fenQiTimes: 3,
      noRepaymentTimes: 2,
      applicantName: expect.any(String),
      createTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
    expect(await list('?status=100504')).toEqual({ total: 1, orders: [expect.objectContaining({ orderId: id('deletedB'), status: '100504', statusDes: '已删除' })] });
  });

  it.each([
    ['100501', ['draftA']],
    ['100502', ['sellerA']],
    ['100503', ['riskB']],
    ['100506', ['waitingA2']],
    ['100507', ['loanD']],
    ['100508', ['paidE']],
    ['100502100503', ['sellerA', 'riskB']],
    ['100500', ['loanD', 'paidE']],
    ['100505', []],
    ['', ['draftA', 'sellerA', 'riskB', 'waitingA2', 'loanD', 'paidE']],
  ])('status=%s lists the orders of that filter, as the legacy lists do', async (status, names) => {
    const l = await list(`?status=${status}`);
    expect(l.total).toBe(names.length);
    expect(idsOf(l)).toEqual(newestFirst(names.map(id)));
  });

  it('customerId lists one customer\'s orders, drafts included: the very rows of #19', async () => {
    const A = o.draftA.customerId!;
    const admin = await list(`?customerId=${A}`);
    expect(idsOf(admin)).toEqual(newestFirst([id('draftA'), id('sellerA'), id('waitingA2')]));
    const legacy = await ok(t(), 'queryOrders', { login_token: o.waitingA2.login_token!, customerId: A, status: '', pageSize: '50' });
    expect(admin.orders).toEqual(legacy.list);
    expect(admin.total).toBe((legacy.obj as { totalRowNum: number }).totalRowNum);
    // with a status filter, pseudo ones included
    const review = await list(`?customerId=${A}&status=100502100503`);
    const legacyReview = await ok(t(), 'queryOrders', { login_token: o.waitingA2.login_token!, customerId: A, status: '100502100503' });
    expect(review.orders).toEqual(legacyReview.list);
    expect(idsOf(review)).toEqual([id('sellerA')]);
    // an unknown customer has no orders (not an error)
    expect(await list('?customerId=209901010001')).toEqual({ total: 0, orders: [] });
  });

  it('companyId lists the company\'s orders with its drafts (#26 shows the rest, the same rows)', async () => {
    const company = await list('?companyId=20150901000001');
    expect(idsOf(company)).toEqual(newestFirst(['draftA', 'sellerA', 'loanD', 'paidE'].map(id)));
    const seller = await ok(t(), 'querySellerApproveOrders', { login_token: o.draftA.seller_login_token!, companyId: '20150901000001', pageSize: '50' });
    expect(company.orders.filter((r) => r.status !== '100501')).toEqual(seller.list);
    expect(idsOf(await list(`?companyId=${OTHER_COMPANY}`))).toEqual(newestFirst([id('riskB'), id('waitingA2')]));
    expect(idsOf(await list(`?companyId=${OTHER_COMPANY}&status=100506`))).toEqual([id('waitingA2')]);
  });

  it('customerId and companyId together: both must match', async () => {
    const A = o.draftA.customerId!;
    const B = o.riskB.customerId!;
    expect(idsOf(await list(`?customerId=${A}&companyId=${OTHER_COMPANY}`))).toEqual([id('waitingA2')]);
    expect(await list(`?customerId=${A}&companyId=20150901000001&limit=1`)).toMatchObject({ total: 2, orders: [{ orderId: id('sellerA') }] });
    expect(await list(`?customerId=${A}&companyId=20150901000001&limit=1&offset=1`)).toMatchObject({ total: 2, orders: [{ orderId: id('draftA') }] });
    expect(await list(`?customerId=${B}&companyId=20150901000001`)).toEqual({ total: 0, orders: [] });
    expect(idsOf(await list(`?customerId=${B}&companyId=20150901000001&status=100504`))).toEqual([id('deletedB')]);
  });

  it('pages with limit and offset; total counts every match; past the end is empty', async () => {
    const all = idsOf(await list());
    const pages: string[] = [];
    for (let offset = 0; offset < 6; offset += 4) {
      const page = await list(`?limit=4&offset=${offset}`);
      expect(page.total).toBe(6);
      pages.push(...idsOf(page));
    }
    expect(pages).toEqual(all);
    expect(await list('?limit=4&offset=6')).toEqual({ total: 6, orders: [] });
    expect(await list('?offset=600')).toEqual({ total: 6, orders: [] });
    expect(idsOf(await list('?status=100500&limit=1&offset=1'))).toEqual([newestFirst([id('loanD'), id('paidE')])[1]]);
  });

  it.each([
    ['status=100599', 'status'],
    ['status=1005', 'status'],
    ['status=open', 'status'],
    ['status=100501&status=100502', 'status'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=-1', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=x', 'offset'],
    ['customerId=abc', 'customerId'],
    ['customerId=123', 'customerId'],
    ['companyId=20150901000001%27', 'companyId'],
  ])('?%s is refused with 400 naming %s', async (query, name) => {
    const res = await t().admin<{ error: string; code: string }>('GET', `/__mock/orders?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('PARAM_INVALID');
    expect(res.body.error).toContain(name);
  });

  it('acts on the request\'s session only', async () => {
    const alice = await t().app.inject({ method: 'GET', url: '/s/admin-orders-alice/__mock/orders' });
    expect(JSON.parse(alice.body)).toEqual({ total: 0, orders: [] });
  });
});

describe('GET /__mock/orders at scale', () => {
  it('defaults to 50 rows, allows 500, and a page reads only its own orders from the state', async () => {
    const bulk = await t().scenario('many orders', { count: 3000, customers: 1, companyId: OTHER_COMPANY });
    const first = await list();
    expect(first.orders).toHaveLength(50);
    // 3000 bulk orders, 1 in 6 of them deleted, plus the 6 above
    expect(first.total).toBe(2500 + 6);
    expect(idsOf(first)).toEqual(newestFirst(idsOf(first)));
    expect((await list('?limit=500&offset=2500')).orders).toHaveLength(6);
    expect((await list(`?customerId=${bulk.customerId}&status=100502`)).total).toBe(500);

    // count what the request reads from the orders map: a page of 10 must not walk 3000 orders
    const session = t().app.sessions.get('default');
    const state = session.db.state.orders;
    const real = state.orders;
    const touched = new Set<PropertyKey>();
    let enumerated = 0;
    state.orders = new Proxy(real, {
      get(target, key, receiver) {
        touched.add(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
      ownKeys(target) {
        enumerated += 1;
        return Reflect.ownKeys(target);
      },
    });
    try {
      for (const query of ['?limit=10&offset=1000', `?companyId=${OTHER_COMPANY}&status=100503&limit=10`, `?customerId=${bulk.customerId}&limit=10`]) {
        touched.clear();
        expect((await list(query)).orders).toHaveLength(10);
        expect(touched.size, query).toBe(10); // the page's own 10 orders, nothing else
      }
      expect(enumerated).toBe(0);
    } finally {
      state.orders = real;
    }
  });
});
