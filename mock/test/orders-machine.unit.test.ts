// The order machine (1005) as given/when/then tables: every command from every status, allowed or refused.
import { describe, expect, it } from 'vitest';
import { loanByOrderId } from '../domain/orders/loans';
import {
  approveOrder,
  deleteOrder,
  deleteOrderMaterial,
  editOrderComplete,
  editOrderCustomerInfo,
  editOrderPackage,
  missingForCompletion,
  reserveOrderId,
  uploadOrderMaterial,
} from '../domain/orders/orders';
import type { OrderStatus } from '../domain/orders/state';
import type { Db } from '../domain/state';
import type { Ctx, Decision } from '../domain/types';
import { APPLICANT, LANGRUN, PACKAGE, World } from './orders-world';

type When = (w: World, orderId: string) => (db: Db, ctx: Ctx) => Decision<unknown>;

const COMMANDS: Record<string, When> = {
  'edit package (#14)': (w, orderId) => (db, ctx) => editOrderPackage(db, { actor: w.customer(), orderId, fields: { contractNo: 'HT-2' } }, ctx),
  'edit applicant (#15)': (w, orderId) => (db, ctx) => editOrderCustomerInfo(db, { actor: w.customer(), orderId, fields: { applicantName: '李四' } }, ctx),
  'upload material (#17)': (w, orderId) => (db, ctx) =>
    uploadOrderMaterial(db, { actor: w.customer(), orderId, orderMaterialType: '100702', contentType: 'image/png', size: 1 }, ctx),
  'delete material (#18)': (w, orderId) => (db, ctx) =>
    deleteOrderMaterial(db, { actor: w.customer(), orderMaterialId: db.state.orders.orders[orderId]!.materialIds[0]! }, ctx),
  'complete (#16)': (w, orderId) => (db, ctx) => editOrderComplete(db, { actor: w.customer(), orderId }, ctx),
  'seller pass (#27)': (w, orderId) => (db, ctx) => approveOrder(db, { actor: w.staff('seller'), orderId, approveResult: 'true', stage: 'seller' }, ctx),
  'seller reject (#27)': (w, orderId) => (db, ctx) => approveOrder(db, { actor: w.staff('seller'), orderId, approveResult: 'false', stage: 'seller' }, ctx),
  'risk pass (#29)': (w, orderId) => (db, ctx) => approveOrder(db, { actor: w.staff('risk'), orderId, approveResult: 'true', stage: 'risk' }, ctx),
  'risk reject (#29)': (w, orderId) => (db, ctx) => approveOrder(db, { actor: w.staff('risk'), orderId, approveResult: 'false', stage: 'risk' }, ctx),
  'disburse (#34)': (w, orderId) => (db, ctx) => loanByOrderId(db, { actor: w.staff('finance'), orderId, approveResult: 'true' }, ctx),
  'refuse disbursement (#34 false)': (w, orderId) => (db, ctx) => loanByOrderId(db, { actor: w.staff('finance'), orderId, approveResult: 'false' }, ctx),
  'delete order (#21)': (w, orderId) => (db, ctx) => deleteOrder(db, { actor: w.customer(), orderId }, ctx),
};

const STATUSES: OrderStatus[] = ['100501', '100502', '100503', '100504', '100506', '100507', '100508', '100509', '100510'];

const EDIT = 'ORDER_NOT_EDITABLE';
const BAD = 'ORDER_STATUS_INVALID';
/** then: the status after the command, or the error refusing it. `=` = stays (allowed, no status change). */
const THEN: Record<string, Partial<Record<OrderStatus, string>> & { default: string }> = {
  'edit package (#14)': { '100501': '=', default: EDIT },
  'edit applicant (#15)': { '100501': '=', default: EDIT },
  'upload material (#17)': { '100501': '=', default: EDIT },
  'delete material (#18)': { '100501': '=', default: EDIT },
  'complete (#16)': { '100501': '100502', default: BAD },
  'seller pass (#27)': { '100502': '100503', default: BAD },
  'seller reject (#27)': { '100502': '100509', default: BAD },
  'risk pass (#29)': { '100503': '100506', default: BAD },
  'risk reject (#29)': { '100503': '100509', default: BAD },
  'disburse (#34)': { '100506': '100507', default: BAD },
  'refuse disbursement (#34 false)': { '100506': '100509', default: BAD },
  'delete order (#21)': { '100501': '100504', '100502': '100504', '100503': '100504', '100508': '100504', '100509': '100504', default: BAD },
};

const rows = STATUSES.flatMap((given) =>
  Object.keys(COMMANDS).map((when) => {
    const t = THEN[when]!;
    return { given, when, then: t[given] ?? t.default };
  }),
);

describe('order machine: given an order in <status>, when <command>, then <status or error>', () => {
  it.each(rows)('given $given, when $when, then $then', ({ given, when, then }) => {
    const w = new World();
    const orderId = w.orderIn(given);
    const before = JSON.stringify(w.db.state.orders.orders[orderId]);
    const out = w.run(COMMANDS[when]!(w, orderId));
    if (/^1005/.test(then) || then === '=') {
      expect(out.ok ? 'ok' : out.error.code).toBe('ok');
      expect(w.status(orderId)).toBe(then === '=' ? given : then);
    } else {
      expect(out.ok ? 'ok' : out.error.code).toBe(then);
      // a refused command changes nothing about the order
      expect(JSON.stringify(w.db.state.orders.orders[orderId])).toBe(before);
    }
  });
});

describe('who may do what', () => {
  it.each([
    ['another customer edits the package', (w: World, id: string) => (db: Db, ctx: Ctx) => editOrderPackage(db, { actor: w.customer('201509010102'), orderId: id, fields: {} }, ctx), 'FORBIDDEN', '100501'],
    ['another customer submits', (w: World, id: string) => (db: Db, ctx: Ctx) => editOrderComplete(db, { actor: w.customer('201509010102'), orderId: id }, ctx), 'FORBIDDEN', '100501'],
    ['another customer uploads', (w: World, id: string) => (db: Db, ctx: Ctx) => uploadOrderMaterial(db, { actor: w.customer('201509010102'), orderId: id, orderMaterialType: '100701', contentType: 'image/png', size: 1 }, ctx), 'FORBIDDEN', '100501'],
    ['another customer deletes a material', (w: World, id: string) => (db: Db, ctx: Ctx) => deleteOrderMaterial(db, { actor: w.customer('201509010102'), orderMaterialId: db.state.orders.orders[id]!.materialIds[0]! }, ctx), 'FORBIDDEN', '100501'],
    ['another customer deletes the order', (w: World, id: string) => (db: Db, ctx: Ctx) => deleteOrder(db, { actor: w.customer('201509010102'), orderId: id }, ctx), 'FORBIDDEN', '100501'],
    ['a risk user approves as seller', (w: World, id: string) => (db: Db, ctx: Ctx) => approveOrder(db, { actor: w.staff('risk'), orderId: id, approveResult: 'true', stage: 'seller' }, ctx), 'ROLE_FORBIDDEN', '100502'],
    ['a seller approves as risk', (w: World, id: string) => (db: Db, ctx: Ctx) => approveOrder(db, { actor: w.staff('seller'), orderId: id, approveResult: 'true', stage: 'risk' }, ctx), 'ROLE_FORBIDDEN', '100503'],
    ['a seller disburses', (w: World, id: string) => (db: Db, ctx: Ctx) => loanByOrderId(db, { actor: w.staff('seller'), orderId: id, approveResult: 'true' }, ctx), 'ROLE_FORBIDDEN', '100506'],
    ["another company's seller approves", (w: World, id: string) => (db: Db, ctx: Ctx) => approveOrder(db, { actor: w.staff('seller', LANGRUN), orderId: id, approveResult: 'true', stage: 'seller' }, ctx), 'FORBIDDEN', '100502'],
    ["another company's risk user approves", (w: World, id: string) => (db: Db, ctx: Ctx) => approveOrder(db, { actor: w.staff('risk', LANGRUN), orderId: id, approveResult: 'true', stage: 'risk' }, ctx), 'FORBIDDEN', '100503'],
    ["another company's finance disburses", (w: World, id: string) => (db: Db, ctx: Ctx) => loanByOrderId(db, { actor: w.staff('finance', LANGRUN), orderId: id, approveResult: 'true' }, ctx), 'FORBIDDEN', '100506'],
    ["another company's staff deletes", (w: World, id: string) => (db: Db, ctx: Ctx) => deleteOrder(db, { actor: w.staff('seller', LANGRUN), orderId: id }, ctx), 'FORBIDDEN', '100502'],
    ['approveResult 2 (退回)', (w: World, id: string) => (db: Db, ctx: Ctx) => approveOrder(db, { actor: w.staff('seller'), orderId: id, approveResult: '2', stage: 'seller' }, ctx), 'APPROVE_RESULT_INVALID', '100502'],
    ['approveResult missing', (w: World, id: string) => (db: Db, ctx: Ctx) => approveOrder(db, { actor: w.staff('seller'), orderId: id, approveResult: null, stage: 'seller' }, ctx), 'PARAM_MISSING', '100502'],
  ] as const)('given an order, when %s, then %s and nothing changes', (_name, when, code, status) => {
    const w = new World();
    const orderId = w.orderIn(status as OrderStatus);
    const before = JSON.stringify(w.db.state.orders);
    w.fails(code, when(w, orderId));
    expect(JSON.stringify(w.db.state.orders)).toBe(before);
  });

  it('staff of the company may delete an order (from a deletable status)', () => {
    const w = new World();
    const orderId = w.orderIn('100502');
    w.ok((db, ctx) => deleteOrder(db, { actor: w.staff('seller'), orderId }, ctx));
    expect(w.status(orderId)).toBe('100504');
  });

  it('2016 approval values: "0" passes, "1" rejects', () => {
    const w = new World();
    const a = w.orderIn('100502');
    const b = w.orderIn('100502');
    w.ok((db, ctx) => approveOrder(db, { actor: w.staff('seller'), orderId: a, approveResult: '0', stage: 'seller' }, ctx));
    w.ok((db, ctx) => approveOrder(db, { actor: w.staff('seller'), orderId: b, approveResult: '1', stage: 'seller' }, ctx));
    expect([w.status(a), w.status(b)]).toEqual(['100503', '100509']);
  });

  it('each decision happens at most once: a second approval of the same stage is refused, one record kept', () => {
    const w = new World();
    const orderId = w.orderIn('100502');
    w.ok((db, ctx) => approveOrder(db, { actor: w.staff('seller'), orderId, approveResult: 'true', stage: 'seller' }, ctx));
    w.fails('ORDER_STATUS_INVALID', (db, ctx) => approveOrder(db, { actor: w.staff('seller'), orderId, approveResult: 'true', stage: 'seller' }, ctx));
    expect(w.db.state.orders.orders[orderId]!.approveRecordIds).toHaveLength(1);
  });

  it('the approval record keeps what the client sent and who really decided', () => {
    const w = new World();
    const orderId = w.orderIn('100502');
    const seller = w.staff('seller');
    const rec = w.ok((db, ctx) =>
      approveOrder(db, { actor: seller, orderId, approveResult: 'true', approvePerson: 'someone', approveName: '王芳', approveRemarks: ' 同意 ', stage: 'seller' }, ctx),
    );
    expect(rec).toMatchObject({ approvePerson: 'someone', approveName: '王芳', approveRemarks: '同意', usersId: seller.staff.usersId, approveResult: true, stage: 'seller' });
  });
});

describe('drafting', () => {
  it('#14 needs an id reserved by #13; the first #14 makes the caller the owner', () => {
    const w = new World();
    w.fails('ORDER_ID_NOT_RESERVED', (db, ctx) => editOrderPackage(db, { actor: w.customer(), orderId: '201509100999', fields: PACKAGE }, ctx));
    const orderId = w.ok((db, ctx) => reserveOrderId(db, {}, ctx));
    expect(orderId).toMatch(/^20150910\d{4,}$/);
    const r = w.ok((db, ctx) => editOrderPackage(db, { actor: w.customer(), orderId, fields: PACKAGE }, ctx));
    expect(r.created).toBe(true);
    expect(r.token).toMatch(/^[0-9A-F]{32}$/);
    const o = w.db.state.orders.orders[orderId]!;
    expect(o).toMatchObject({ customerId: '201509010101', companyId: '20150901000001', status: '100501' });
    expect(o.package).toMatchObject({ packageMoneyFen: 8_000_000, contractMoneyFen: 10_000_000, poundageFen: 560_000, moneyMonthFen: 666_667, fenQiTimes: 12 });
    expect(w.db.state.orders.reservedOrderIds[orderId]).toBeUndefined();
  });

  it.each([
    [{ fenQiTimes: '5' }, 'FEN_QI_TIMES_INVALID'],
    [{ fenQiTimes: '0' }, 'FEN_QI_TIMES_INVALID'],
    [{ packageMoney: '12.345' }, 'MONEY_INVALID'],
    [{ packageMoney: '-5' }, 'MONEY_INVALID'],
    [{ packageMoney: '0' }, 'MONEY_INVALID'],
    [{ packageMoney: '200000' }, 'PACKAGE_MONEY_EXCEEDS_CONTRACT'],
    [{ packageType: '201509019999' }, 'PRODUCT_NOT_FOUND'],
    [{ packageType: '201509010003' }, 'PRODUCT_NOT_FOUND'],
    [{ companyId: '20150901000099' }, 'COMPANY_NOT_FOUND'],
    [{ poundage: '90000' }, 'MONEY_INVALID'],
  ])('#14 with %j is refused with %s', (fields, code) => {
    const w = new World();
    const orderId = w.ok((db, ctx) => reserveOrderId(db, {}, ctx));
    w.fails(code, (db, ctx) => editOrderPackage(db, { actor: w.customer(), orderId, fields: { ...PACKAGE, ...fields } }, ctx));
    expect(w.db.state.orders.orders[orderId]).toBeUndefined();
  });

  it.each([
    [{ applicantIdentity: '110105198501011235' }, 'ID_NUMBER_INVALID'],
    [{ applicantIdentity: '11010519850230123X' }, 'ID_NUMBER_INVALID'],
    [{ applicantSex: '100109' }, 'BASE_CODE_INVALID'],
    [{ familyRelation: '100101' }, 'BASE_CODE_INVALID'],
    [{ familyPhone: '12345' }, 'PARAM_INVALID'],
    [{ applicantAge: 'abc' }, 'PARAM_INVALID'],
    [{ applicantAge: '12' }, 'PARAM_INVALID'],
    [{ applicantWages: '1,000' }, 'MONEY_INVALID'],
    [{ applicantName: 'x'.repeat(65) }, 'PARAM_INVALID'],
  ])('#15 with %j is refused with %s', (fields, code) => {
    const w = new World();
    const orderId = w.draft();
    const before = JSON.stringify(w.db.state.orders.orders[orderId]);
    w.fails(code, (db, ctx) => editOrderCustomerInfo(db, { actor: w.customer(), orderId, fields: { ...APPLICANT, ...fields } }, ctx));
    expect(JSON.stringify(w.db.state.orders.orders[orderId])).toBe(before);
  });

  it('an empty value clears a field, a missing one leaves it; the completeness check names what is missing', () => {
    const w = new World();
    const orderId = w.draft(w.customer(), { materials: false });
    w.ok((db, ctx) => editOrderCustomerInfo(db, { actor: w.customer(), orderId, fields: { applicantName: '', familyPhone: null } }, ctx));
    const o = w.db.state.orders.orders[orderId]!;
    expect(o.applicant.applicantName).toBeNull();
    expect(o.applicant.applicantAddress).toBe(APPLICANT.applicantAddress);
    expect(missingForCompletion(w.db, o)).toEqual(['applicantName', 'familyPhone', '身份证照片(orderMaterialType 100701)']);
    const msg = w.fails('ORDER_INCOMPLETE', (db, ctx) => editOrderComplete(db, { actor: w.customer(), orderId }, ctx));
    expect(msg).toContain('applicantName');
    expect(msg).toContain('100701');
  });

  it('a deleted ID-card image no longer counts', () => {
    const w = new World();
    const orderId = w.draft();
    const materialId = w.db.state.orders.orders[orderId]!.materialIds[0]!;
    w.ok((db, ctx) => deleteOrderMaterial(db, { actor: w.customer(), orderMaterialId: materialId }, ctx));
    w.fails('MATERIAL_NOT_FOUND', (db, ctx) => deleteOrderMaterial(db, { actor: w.customer(), orderMaterialId: materialId }, ctx));
    w.fails('ORDER_INCOMPLETE', (db, ctx) => editOrderComplete(db, { actor: w.customer(), orderId }, ctx));
  });

  it('material types outside 1007 are refused', () => {
    const w = new World();
    const orderId = w.draft();
    w.fails('MATERIAL_TYPE_INVALID', (db, ctx) => uploadOrderMaterial(db, { actor: w.customer(), orderId, orderMaterialType: '100799', contentType: 'image/png', size: 1 }, ctx));
  });

  it('without poundage/moneyMonth the 2015 fee table fills them in', () => {
    const w = new World();
    const orderId = w.ok((db, ctx) => reserveOrderId(db, {}, ctx));
    w.ok((db, ctx) => editOrderPackage(db, { actor: w.customer(), orderId, fields: { ...PACKAGE, poundage: undefined, moneyMonth: undefined, fenQiTimes: '36' } }, ctx));
    expect(w.db.state.orders.orders[orderId]!.package).toMatchObject({ poundageFen: 1_280_000, moneyMonthFen: 222_222 });
  });
});
