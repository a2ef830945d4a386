// Mass assignment: the two order edits (#14 package step, #15 applicant step) carrying server-owned fields -
// status and its label, the loan fields, amounts approved, someone else's customerId, another company,
// approval fields - change none of them (read back through #20, #33 and the lists); the edit itself still
// applies its own fields. Sent as the legacy form, as JSON and as multipart.
import { describe, expect, it } from 'vitest';
import type { Encoding, Params } from '../../../scripts/conformance/client';
import type { ClientDriver } from '../../../scripts/conformance/driver';
import { scenario } from '../../../scripts/conformance/world';
import { useTestApp } from '../helper';
import { LANGRUN, SHENGHUOJIA, driverOf } from './parties';
import { SensitiveDataScanner } from './scanner';

const scanner = new SensitiveDataScanner();
const t = useTestApp({ callbackDelayMs: 10 * 60_000, onResponsePayload: scanner.hook });
let shared: ClientDriver | undefined;
const driver = () => (shared ??= driverOf(t()));

/** Fields of the order only the life cycle may set (Order.yaml: "never changed by an edit"). */
const PROTECTED = ['orderId', 'customerId', 'status', 'statusDes', 'createTime', 'loanTime', 'noRepaymentTimes', 'nextRepaymentTime', 'nextRepaymentMoney'] as const;

/** What an attacker adds to an edit: server-owned fields, loan and approval fields, amounts "approved". */
function smuggled(other: { customerId: string }): Params {
  return {
    status: '100506',
    statusDes: '待放款',
    createTime: '2014-01-01 00:00:00',
    loanTime: '2015-09-01 10:00:00',
    noRepaymentTimes: '0',
    nextRepaymentTime: '2099-01-01',
    nextRepaymentMoney: '0.01',
    loanStatus: '102402',
    approvePerson: '201509010201',
    approveName: '自己批准',
    approveResult: 'true',
    approveRemarks: '同意',
    approveRecords: '[{"approveResult":"true"}]',
    sellerApproveResult: 'true',
    riskApproveResult: 'true',
    applyPackageMoneyApproved: '999999',
    approvedMoney: '999999',
    loanMoney: '999999',
    deleted: '1',
    'order.status': '100508',
    'status[]': '100508',
    customerIdOwner: other.customerId,
  };
}

async function readBack(d: ClientDriver, token: string, orderId: string) {
  const order = (await d.must('queryOrdersByOrderId', { login_token: token, orderId })).body!.obj as Record<string, unknown>;
  const records = (await d.must('getApproveRecordsByOrderId', { login_token: token, orderId })).body!.list!;
  return { order, records };
}

const pick = (o: Record<string, unknown>) => Object.fromEntries(PROTECTED.map((k) => [k, o[k] ?? null]));

describe('mass assignment on the order edits', () => {
  for (const encoding of ['form', 'json', 'multipart'] as Encoding[]) {
    it(`#14 editOrderPackage (${encoding}) changes no server-owned field, and the package fields it owns`, async () => {
      const d = driver();
      const draft = await scenario(d, 'an order in draft');
      const other = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
      const before = await readBack(d, draft.login_token, draft.orderId);
      const edit = await d.call(
        'editOrderPackage',
        {
          login_token: draft.login_token,
          customerId: draft.customerId,
          orderId: draft.orderId,
          packageType: '201509010002',
          companyId: SHENGHUOJIA,
          packageName: '尊享家',
          contractMoney: '120000',
          packageMoney: '96000',
          fenQiTimes: '24',
          poundage: '12480.00',
          moneyMonth: '4000.00',
          repaymentType: '100802',
          ...smuggled(other as { customerId: string }),
        },
        { encoding },
      );
      expect(edit.body).toMatchObject({ success: true });
      const after = await readBack(d, draft.login_token, draft.orderId);
      expect(pick(after.order)).toEqual(pick(before.order));
      expect(after.records).toEqual(before.records);
      // the edit did apply what it owns
      expect(after.order).toMatchObject({ packageType: '201509010002', fenQiTimes: expect.anything() });
      expect(String(after.order.packageMoney)).toMatch(/^96000(\.00?)?$/);
      // still a draft in every list: not at the seller, not paid
      const mine = (await d.must('queryOrders', { login_token: draft.login_token, customerId: draft.customerId, status: '', currentPageNum: '1', pageSize: '100' })).body!.list!;
      expect(mine.find((r) => r.orderId === draft.orderId)).toMatchObject({ status: '100501' });
      const atSeller = (await d.must('querySellerApproveOrders', { login_token: draft.seller_login_token, status: '', currentPageNum: '1', companyId: SHENGHUOJIA, pageSize: '100' })).body!.list!;
      expect(atSeller.map((r) => r.orderId)).not.toContain(draft.orderId);
    });
  }

  it("#14 with someone else's customerId is refused and the owner stays", async () => {
    const d = driver();
    const draft = await scenario(d, 'an order in draft');
    const other = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
    const before = await readBack(d, draft.login_token, draft.orderId);
    const a = await d.call('editOrderPackage', { login_token: draft.login_token, customerId: other.customerId, orderId: draft.orderId, packageMoney: '1000' });
    expect(a.body).toMatchObject({ success: false, code: 'FORBIDDEN' });
    const b = await d.call('editOrderPackage', { login_token: other.login_token, customerId: other.customerId, orderId: draft.orderId, packageMoney: '1000' });
    expect(b.body?.success).toBe(false);
    expect((await readBack(d, draft.login_token, draft.orderId)).order).toEqual(before.order);
  });

  it("#14 moving the order to a company whose product it is not is refused; the company stays", async () => {
    const d = driver();
    const draft = await scenario(d, 'an order in draft');
    const before = await readBack(d, draft.login_token, draft.orderId);
    const a = await d.call('editOrderPackage', { login_token: draft.login_token, customerId: draft.customerId, orderId: draft.orderId, companyId: LANGRUN, packageType: '201509010001' });
    expect(a.body?.success).toBe(false);
    expect((await readBack(d, draft.login_token, draft.orderId)).order.companyId).toBe(before.order.companyId);
  });

  for (const encoding of ['form', 'json', 'multipart'] as Encoding[]) {
    it(`#15 editOrderCustomerInfo (${encoding}) changes no server-owned field, no package field and no company`, async () => {
      const d = driver();
      const draft = await scenario(d, 'an order in draft');
      const other = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
      const before = await readBack(d, draft.login_token, draft.orderId);
      const edit = await d.call(
        'editOrderCustomerInfo',
        {
          login_token: draft.login_token,
          orderId: draft.orderId,
          applicantName: '新名字',
          applicantAge: '41',
          ...smuggled(other as { customerId: string }),
          customerId: other.customerId,
          companyId: LANGRUN,
          packageType: '201509010003',
          contractMoney: '1',
          packageMoney: '1',
          fenQiTimes: '3',
          poundage: '0',
          moneyMonth: '0.33',
        },
        { encoding },
      );
      // refused (someone else's customerId) or accepted with the smuggled fields ignored: never applied
      const after = await readBack(d, draft.login_token, draft.orderId);
      expect(pick(after.order)).toEqual(pick(before.order));
      for (const k of ['companyId', 'packageType', 'contractMoney', 'packageMoney', 'fenQiTimes', 'poundage', 'moneyMonth']) expect(after.order[k], k).toEqual(before.order[k]);
      expect(after.records).toEqual(before.records);
      if (edit.body?.success) expect(after.order.applicantName).toBe('新名字');
      else expect(after.order.applicantName).toBe(before.order.applicantName);
    });
  }

  it('#15 without a foreign customerId applies the applicant fields and nothing else', async () => {
    const d = driver();
    const draft = await scenario(d, 'an order in draft');
    const other = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
    const before = await readBack(d, draft.login_token, draft.orderId);
    const edit = await d.call('editOrderCustomerInfo', { login_token: draft.login_token, orderId: draft.orderId, applicantName: '王小二', ...smuggled(other as { customerId: string }), companyId: LANGRUN, packageMoney: '1' });
    expect(edit.body).toMatchObject({ success: true });
    const after = await readBack(d, draft.login_token, draft.orderId);
    expect(after.order.applicantName).toBe('王小二');
    expect(pick(after.order)).toEqual(pick(before.order));
    expect(after.order.companyId).toBe(before.order.companyId);
    expect(after.order.packageMoney).toEqual(before.order.packageMoney);
  });

  it('after smuggled fields the order still walks the whole life cycle from draft', async () => {
    const d = driver();
    const draft = await scenario(d, 'an order in draft');
    await d.must('editOrderCustomerInfo', { login_token: draft.login_token, orderId: draft.orderId, status: '100507', loanTime: '2015-09-01 10:00:00' });
    await d.must('editOrderComplete', { login_token: draft.login_token, orderId: draft.orderId, status: '100508', approveResult: 'true' });
    const { order, records } = await readBack(d, draft.login_token, draft.orderId);
    expect(order.status).toBe('100502');
    expect(records).toEqual([]);
    expect((await d.call('loanByOrderId', { login_token: draft.finance_login_token, orderId: draft.orderId, approveResult: 'true' })).body).toMatchObject({ success: false, code: 'ORDER_STATUS_INVALID' });
  });

  it('no answer of this suite carries sensitive data', () => {
    expect(scanner.responsesScanned).toBeGreaterThan(30);
    expect(scanner.report()).toBe('');
  });
});
