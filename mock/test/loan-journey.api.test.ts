// One order from getOrderId to paid off, exactly as the 2015-09 web client and back office call the API
// (form posts with the legacy parameter names, the iframe's multipart upload), paying every instalment
// through bind card -> pay -> platform callback, the clock moved between instalments. A second journey
// lets an instalment go overdue and catches up.
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helper';
import {
  BMP,
  GIF,
  JPEG,
  PNG,
  advance,
  ajax,
  applicantPage,
  bindCardLikeTheClient,
  fails,
  ok,
  packagePage,
  payLikeTheClient,
  poll,
  setClock,
  staffLogin,
  upload,
} from './orders-client';

// callbacks only arrive through flush or clock moves in these tests (no real-time race)
const t = useTestApp({ callbackDelayMs: 10 * 60_000 });

describe('an instalment loan from getOrderId to paid off (legacy client)', () => {
  it('drafts, uploads, submits, is approved twice, disbursed, and paid off instalment by instalment', async () => {
    // --- customer: login (#3), new application (#13 with an EMPTY body, no token)
    const login = await ok(t(), 'customerLogin', { phone_number: '13800000002', password: 'test1234' });
    const c = { token: login.token!, customerId: login.obj.customerId as string, phone: login.obj.phoneNumber as string };
    const empty = await t().app.inject({ method: 'POST', url: '/order/getOrderIdController', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, payload: '' });
    const orderId = JSON.parse(empty.body).obj as string;
    expect(orderId).toMatch(/^20150901\d{4,}$/);

    // product list of the brand tile (#22), package page (#14), applicant page (#15)
    const products = await ok(t(), 'queryProduct', { companyId: '20150901000001' });
    expect(products.list!.map((p) => p.productId)).toContain('201509010001');
    const pkg = await ok(t(), 'editOrderPackage', packagePage(c.token, c.customerId, orderId, 6));
    expect(pkg.obj).toBe(orderId);
    expect(pkg.token).toMatch(/^[0-9A-F]{32}$/);
    await ok(t(), 'editOrderCustomerInfo', applicantPage(c.token, orderId, c.phone));

    // uploads through the hidden iframe: 100701 x3 (front, back, hand-held), 100702-100705; JPEG/PNG/GIF/BMP by content
    const files = [
      ['100701', PNG, 'front.png'],
      ['100701', JPEG, 'back.jpg'],
      ['100701', GIF, 'hand.gif'],
      ['100702', BMP, 'house.bmp'],
      ['100703', PNG, 'address.png'],
      ['100704', PNG, 'work.png'],
      ['100705', PNG, 'income.png'],
    ] as const;
    const materialIds: string[] = [];
    for (const [type, data, filename] of files) {
      const res = await upload(t(), { login_token: c.token, customerId: c.customerId, orderId, orderMaterialType: type }, { filename, data });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const body = JSON.parse(res.body); // what the page does with the iframe's text
      expect(body.message).toMatch(/^\d{8,20}$/);
      expect(body.obj).toMatch(/^http:\/\/localhost(:\d+)?\/files\//);
      // the URL serves the very bytes (the client appends ?t=<ms>)
      const img = await t().app.inject({ method: 'GET', url: `${new URL(body.obj).pathname}?t=1441072800000` });
      expect(img.statusCode).toBe(200);
      expect(Buffer.from(img.rawPayload).equals(data)).toBe(true);
      materialIds.push(body.message);
    }
    // replace the hand-held photo: delete (#18) and upload again
    await ok(t(), 'deleteOrderMaterial', { login_token: c.token, orderMaterialId: materialIds[2]! });
    const again = JSON.parse((await upload(t(), { login_token: c.token, customerId: c.customerId, orderId, orderMaterialType: '100701' }, { filename: 'hand2.jpg', data: JPEG })).body);
    expect(again.success).toBe(true);

    // edit mode reads the order back (#20 with ?orderid=)
    const edit = await ok(t(), 'queryOrdersByOrderId', { login_token: c.token, orderId });
    expect(edit.obj).toMatchObject({ orderId, status: '100501', companyId: '20150901000001', packageType: '201509010001', fenQiTimes: 6, poundage: 800, moneyMonth: 13333.33 });
    expect(edit.list!.map((m) => m.orderMaterialType).sort()).toEqual(['100701', '100701', '100701', '100702', '100703', '100704', '100705']);
    expect(edit.list!.every((m) => m.delete === 0)).toBe(true);

    // submit (#16, no step token as in 2015) and the customer's list (#19)
    await ok(t(), 'editOrderComplete', { login_token: c.token, orderId });
    const mine = await ok(t(), 'queryOrders', { login_token: c.token, customerId: c.customerId, status: '', currentPageNum: '1', pageSize: '10' });
    expect(mine.obj).toMatchObject({ totalRowNum: 1, pageSize: 10, currentPageNum: 1 });
    expect(mine.list![0]).toMatchObject({ orderId, status: '100502', statusDes: '商家审核中', poundage: 800, moneyMonth: 13333.33 });

    // --- back office: seller (#24, #25, #26, #20, #27)
    const seller = await staffLogin(t(), '13900000011');
    const companies = await ok(t(), 'queryCompany');
    const companyId = companies.list!.find((x) => x.deleted === 0)!.companyId as string;
    const sellerList = await ok(t(), 'querySellerApproveOrders', { login_token: seller.token, status: '', currentPageNum: '1', companyId });
    expect(sellerList.obj.pageSize).toBe(10);
    expect(sellerList.list!.find((r) => r.orderId === orderId)).toMatchObject({ status: '100502' });
    await ok(t(), 'queryOrdersByOrderId', { login_token: seller.token, orderId });
    const approveForm = (s: { token: string; usersId: string; usersName: string }) => ({
      orderId,
      login_token: s.token,
      approvePerson: s.usersId,
      approveName: s.usersName,
      approveResult: 'true',
      approveRemarks: '',
    });
    await ok(t(), 'sellerApproveOrder', approveForm(seller));

    // risk (#28, #29) and finance (#30, #34 with the approval form)
    const risk = await staffLogin(t(), '13900000012');
    const riskList = await ok(t(), 'queryRiskManagementApproveOrders', { login_token: risk.token, status: '', currentPageNum: '1', companyId });
    expect(riskList.list!.find((r) => r.orderId === orderId)).toMatchObject({ status: '100503' });
    await ok(t(), 'riskManagementApproveOrder', { ...approveForm(risk), approveRemarks: '同意' });
    const finance = await staffLogin(t(), '13900000013');
    const loanList = await ok(t(), 'queryWaitingForPayOrders', { login_token: finance.token, status: '', currentPageNum: '1', companyId });
    expect(loanList.list!.find((r) => r.orderId === orderId)).toMatchObject({ status: '100506' });
    expect((await ok(t(), 'loanByOrderId', approveForm(finance))).message).toBe('放款成功');

    const records = await ok(t(), 'getApproveRecordsByOrderId', { login_token: finance.token, orderId });
    expect(records.list!.map((r) => [r.approveType, r.approveResult, r.approvePerson])).toEqual([
      ['101701', true, seller.usersId],
      ['101702', true, risk.usersId],
      ['102402', true, finance.usersId],
    ]);

    // --- the schedule (#31): 6 monthly records from the loan day, exact to the fen
    let schedule = (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: c.token, orderId })).list!;
    expect(schedule.map((r) => r.expectRepaymentTime)).toEqual(['2015-10-01', '2015-11-01', '2015-12-01', '2016-01-01', '2016-02-01', '2016-03-01']);
    expect(schedule.every((r) => r.status === '101901')).toBe(true);
    const cents = (n: number) => Math.round(n * 100);
    expect(schedule.reduce((s, r) => s + cents(r.principal), 0)).toBe(8_000_000);
    expect(schedule.reduce((s, r) => s + cents(r.poundage), 0)).toBe(80_000);
    expect(schedule.reduce((s, r) => s + cents(r.repaymentPrincipal), 0)).toBe(8_080_000);

    // --- pay every instalment: #36 -> (bind card once) -> #40/#41/#42/#43 -> poll -> callback -> poll
    let first = true;
    for (let k = 0; k < 6; k++) {
      const due = schedule[k]!.expectRepaymentTime as string;
      await setClock(t(), `${due}T09:00:00+08:00`);
      // a month later the login has idled out (7 days): the customer logs in again
      c.token = (await ok(t(), 'customerLogin', { phone_number: c.phone, password: 'test1234' })).token!;
      schedule = (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: c.token, orderId })).list!;
      const row = schedule.find((r) => r.status === '101901')!; // the client's 还款 link: the first 101901 row
      expect(row.repaymentRecordId).toBe(schedule[k]!.repaymentRecordId);
      const exists = await ajax(t(), 'isExistBindBankCard', { customerId: c.customerId, login_token: c.token });
      expect(exists.success).toBe(!first);
      if (first) {
        expect(exists.code).toBe('NO_BOUND_CARD');
        await bindCardLikeTheClient(t(), c);
        first = false;
      }
      const paymentId = await payLikeTheClient(t(), c, row.repaymentRecordId);
      expect(await poll(t(), paymentId)).toMatchObject({ status: 3 });
      const pending = await t().admin<{ payments: unknown[]; callbacks: { paymentId: string }[] }>('GET', '/__mock/payments');
      expect(pending.body.callbacks.map((x) => x.paymentId)).toEqual([paymentId]);
      if (k % 2 === 0) {
        const flushed = await t().admin<{ delivered: number }>('POST', '/__mock/payments/flush');
        expect(flushed.body.delivered).toBe(1);
      } else {
        await advance(t(), 601); // the callback is due callbackDelayMs (10 min here) after #43 on the mock clock
      }
      expect(await poll(t(), paymentId)).toMatchObject({ status: 1, errorcode: null });
      const after = (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: c.token, orderId })).list!;
      expect(after[k]).toMatchObject({ status: '101902', overdueTime: 0, overdueInterest: 0, realRepaymentTime: k % 2 === 0 ? `${due} 09:00:00` : `${due} 09:10:00` });
      const order = (await ok(t(), 'queryOrdersByOrderId', { login_token: c.token, orderId })).obj;
      expect(order.noRepaymentTimes).toBe(5 - k);
      expect(order.nextRepaymentTime).toBe(k < 5 ? schedule[k + 1]!.expectRepaymentTime : null);
      expect(order.status).toBe(k < 5 ? '100507' : '100508');
    }

    // paid off: list, ledger (one entry per instalment + the disbursement), nothing pending
    const done = await ok(t(), 'queryOrders', { login_token: c.token, customerId: c.customerId, status: '100508', currentPageNum: '1', pageSize: '10' });
    expect(done.list!.map((r) => r.orderId)).toEqual([orderId]);
    const ledger = await t().admin<{ entries: { kind: string; amount: string; orderId: string }[] }>('GET', '/__mock/ledger');
    const mineLedger = ledger.body.entries.filter((e) => e.orderId === orderId);
    expect(mineLedger.filter((e) => e.kind === 'repayment')).toHaveLength(6);
    expect(mineLedger.filter((e) => e.kind === 'repayment').reduce((s, e) => s + cents(Number(e.amount)), 0)).toBe(8_080_000);
    expect(mineLedger.filter((e) => e.kind === 'disbursement').map((e) => e.amount)).toEqual(['80000.00']);
    expect((await t().admin<{ callbacks: unknown[] }>('GET', '/__mock/payments')).body.callbacks).toEqual([]);
    // a paid-off order may be deleted by its customer (#21)
    await ok(t(), 'deleteOrderByOrderId', { orderId, login_token: c.token });
    await fails(t(), 'deleteOrderByOrderId', 'ORDER_STATUS_INVALID', { orderId, login_token: c.token });
  });

  it('an instalment goes overdue when the clock passes its due day, accrues penalty interest, and paying catches up', async () => {
    const ids = await t().scenario('a loan with N of M instalments paid', { n: 0, m: 3 });
    const c = { token: ids.login_token!, customerId: ids.customerId!, phone: ids.phoneNumber! };
    const orderId = ids.orderId!;
    // every read logs in anew: the clock jumps further than a login idles (7 days)
    const relogin = async () => (c.token = (await ok(t(), 'customerLogin', { phone_number: c.phone, password: ids.password! })).token!);
    const rows = async () => {
      await relogin();
      return (await ok(t(), 'getRepaymentRecordByOrderId', { login_token: c.token, orderId })).list!;
    };
    const first = (await rows())[0]!;
    // the due day itself is not overdue; the day after is
    await setClock(t(), `${first.expectRepaymentTime}T23:59:00+08:00`);
    expect((await rows())[0]).toMatchObject({ status: '101901', overdueTime: 0 });
    await setClock(t(), `${first.expectRepaymentTime}T23:59:59+08:00`);
    await advance(t(), 4 * 86_400); // 4 days later
    const late = (await rows())[0]!;
    expect(late).toMatchObject({ status: '101903', statusDes: '已逾期', overdueTime: 4 });
    const cents = Math.round(late.repaymentPrincipal * 100);
    expect(Math.round(late.overdueInterest * 100)).toBe(Math.round((cents * 5 * 4) / 10_000));
    expect((await ok(t(), 'queryOrdersByOrderId', { login_token: c.token, orderId })).obj.status).toBe('100510');
    // the customer's list shows it under 100510 and under 我的额度
    for (const status of ['100510', '100500']) {
      const l = await ok(t(), 'queryOrders', { login_token: c.token, customerId: c.customerId, status, currentPageNum: '1', pageSize: '10' });
      expect(l.list!.map((r) => r.orderId)).toContain(orderId);
    }

    // pays the overdue instalment (amount = principal + fee + penalty), the order is back to 100507
    const paymentId = await payLikeTheClient(t(), c, late.repaymentRecordId);
    const payments = await t().admin<{ payments: { paymentId: string; amount: string }[] }>('GET', '/__mock/payments');
    expect(payments.body.payments.find((p) => p.paymentId === paymentId)!.amount).toBe(((cents + Math.round((cents * 5 * 4) / 10_000)) / 100).toFixed(2));
    await t().admin('POST', '/__mock/payments/flush');
    expect(await poll(t(), paymentId)).toMatchObject({ status: 1 });
    const paid = (await rows())[0]!;
    expect(paid).toMatchObject({ status: '101902', overdueTime: 4 });
    expect(paid.overdueInterest).toBe(late.overdueInterest);
    expect((await ok(t(), 'queryOrdersByOrderId', { login_token: c.token, orderId })).obj).toMatchObject({ status: '100507', noRepaymentTimes: 2 });
    // the penalty stays frozen however far the clock moves; the next instalment goes overdue in turn
    await advance(t(), 40 * 86_400);
    const later = await rows();
    expect(later[0]).toMatchObject({ status: '101902', overdueInterest: paid.overdueInterest });
    expect(later[1]!.status).toBe('101903');
    expect((await ok(t(), 'queryOrdersByOrderId', { login_token: c.token, orderId })).obj.status).toBe('100510');
  });
});
