// BOLA matrix (broken object-level authorisation): every operation whose request schema takes a
// customerId, customer_id, orderId, orderMaterialId, repaymentRecordId, bindBankCardId or orderid (the
// payment id) - derived from the spec, not listed by hand - is called
//   - with another customer's token and every id the victim's,
//   - with another customer's token, its own ids, and ONE id of the victim (each id parameter in turn),
//   - with the token of each staff role of another company and every id the victim's;
// each must be refused (success:false) and the answer must carry none of the victim's values (name, phone,
// ID number, amounts, card number, material URL). A control then proves each request was otherwise
// right: the rightful owner (the customer, or its company's staff) sends it and succeeds.
import { afterAll, describe, expect, it } from 'vitest';
import type { CallOptions, Params } from '../../../scripts/conformance/client';
import type { ClientDriver } from '../../../scripts/conformance/driver';
import { outcomeOf } from '../../../scripts/conformance/driver';
import { advance, captcha, cardNumber, idNumber, scenario, smsCode } from '../../../scripts/conformance/world';
import { loadSpecModel } from '../../../scripts/fuzz/spec-model';
import { useTestApp } from '../helper';
import type { OrderKind, Party, Role } from './parties';
import { LANGRUN, SHENGHUOJIA, driverOf, gif, leaked, party } from './parties';
import { SensitiveDataScanner } from './scanner';

const ID_PARAMS = ['customerId', 'customer_id', 'orderId', 'orderMaterialId', 'repaymentRecordId', 'bindBankCardId', 'orderid'] as const;
type IdParam = (typeof ID_PARAMS)[number];
const TOKEN_PARAMS = ['login_token', 'token'];

const spec = loadSpecModel();
const scanner = new SensitiveDataScanner();
const t = useTestApp({ callbackDelayMs: 10 * 60_000, onResponsePayload: scanner.hook });

let shared: ClientDriver | undefined;
/** One driver for the file: its fresh phone numbers must not repeat across tests. */
function driver(): ClientDriver {
  return (shared ??= driverOf(t()));
}

/** Who sends a cell's request: a customer (a party) or a staff user. */
type Actor = { kind: 'customer'; party: Party } | { kind: 'staff'; login_token: string; usersId: string };

interface Ctx {
  d: ClientDriver;
  actor: Actor;
  /** The value of an id parameter for this cell. */
  id(name: IdParam): string;
  token: string;
  /** The victim (whose ids the cell targets). */
  owner: Party;
}

interface Template {
  /** Which of the owner's orders `orderId` is. */
  order?: OrderKind;
  /** Which repayment record `repaymentRecordId` is: the loan's next one, its first (paid) one, or the one being paid. */
  record?: 'next' | 'first' | 'paying';
  /** Which binding `bindBankCardId` is. */
  binding?: 'bound' | 'fresh' | 'requested';
  /** Staff operations: the role that may do it (the control uses the owner's company staff of that role). */
  role?: Role;
  build(c: Ctx): Promise<{ params: Params; opts?: CallOptions }>;
}

const customerToken = (c: Ctx): Party | null => (c.actor.kind === 'customer' ? c.actor.party : null);

/** The request of each id-taking operation; ids come from `c.id`, the token from `c.token`. */
const TEMPLATES: Record<string, Template> = {
  updatePassword: {
    async build(c) {
      // the token is a #4 step token of the actor (a staff user has none: its login token is sent)
      const who = customerToken(c);
      let token = c.token;
      if (who) {
        await advance(c.d, 61);
        const key = c.d.key();
        await c.d.must('sendValidateMessage', { phone_number: who.phoneNumber, validate_key: key, validate_code: await captcha(c.d, key) });
        token = (await c.d.must('updatePasswordPre', { phone_number: who.phoneNumber, validate_code: await smsCode(c.d, who.phoneNumber, 'account') })).body!.token!;
      }
      return { params: { customer_id: c.id('customer_id'), token, password: 'Hijack2015' } };
    },
  },
  updateCustomerInfo: { build: async (c) => ({ params: { login_token: c.token, customerId: c.id('customerId'), sex: '100102', birthday: '1990-01-01' } }) },
  getCustomerByCustomerId: { build: async (c) => ({ params: { customerId: c.id('customerId'), login_token: c.token } }) },
  updatePhoneNumber: {
    async build(c) {
      // #12 needs a #11 of the actor in the last 10 minutes, and a code sent to the new phone
      const who = customerToken(c);
      await advance(c.d, 61);
      if (who) {
        const key = c.d.key();
        await c.d.must('sendValidateMessage', { phone_number: who.phoneNumber, validate_key: key, validate_code: await captcha(c.d, key) });
        await c.d.must('updatePhoneNumberPre', { phone_number: who.phoneNumber, validate_code: await smsCode(c.d, who.phoneNumber, 'account') });
      }
      const phone = c.d.phones.next();
      const key = c.d.key();
      await c.d.must('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: await captcha(c.d, key) });
      return { params: { customer_id: c.id('customer_id'), token: c.token, phoneNumber: phone, validate_code: await smsCode(c.d, phone, 'account') } };
    },
  },
  editOrderPackage: {
    order: 'draft',
    build: async (c) => ({
      params: { login_token: c.token, customerId: c.id('customerId'), orderId: c.id('orderId'), packageType: '201509010001', companyId: SHENGHUOJIA, packageName: '悦享家', contractMoney: '20000', packageMoney: '10000', fenQiTimes: '3', poundage: '0.00', moneyMonth: '3333.33', repaymentType: '100802' },
    }),
  },
  editOrderCustomerInfo: { order: 'draft', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId'), applicantName: '篡改者' } }) },
  editOrderComplete: { order: 'draft', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId') } }) },
  uploadOrderMaterial: { order: 'draft', build: async (c) => ({ params: { login_token: c.token, customerId: c.id('customerId'), orderId: c.id('orderId'), orderMaterialType: '100702' }, opts: gif('orderMaterialFile') }) },
  deleteOrderMaterial: { order: 'draft', build: async (c) => ({ params: { login_token: c.token, orderMaterialId: c.id('orderMaterialId') } }) },
  queryOrders: { build: async (c) => ({ params: { login_token: c.token, customerId: c.id('customerId'), status: '', currentPageNum: '1', pageSize: '10' } }) },
  queryOrdersByOrderId: { order: 'loan', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId'), customerId: c.id('customerId') } }) },
  deleteOrderByOrderId: { order: 'draft', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId') } }) },
  sellerApproveOrder: { order: 'submitted', role: 'seller', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId'), approvePerson: c.actor.kind === 'staff' ? c.actor.usersId : '201509010201', approveName: '审批', approveResult: 'true', approveRemarks: '' } }) },
  riskManagementApproveOrder: { order: 'risk', role: 'risk', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId'), approvePerson: c.actor.kind === 'staff' ? c.actor.usersId : '201509010202', approveName: '风控', approveResult: 'true', approveRemarks: '' } }) },
  loanByOrderId: { order: 'waiting', role: 'finance', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId'), approvePerson: c.actor.kind === 'staff' ? c.actor.usersId : '201509010203', approveName: '财务', approveResult: 'true', approveRemarks: '' } }) },
  getRepaymentRecordByOrderId: { order: 'loan', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId') } }) },
  getRepaymentRecordByRepaymentRecordId: { record: 'first', build: async (c) => ({ params: { login_token: c.token, repaymentRecordId: c.id('repaymentRecordId') } }) },
  getApproveRecordsByOrderId: { order: 'loan', build: async (c) => ({ params: { login_token: c.token, orderId: c.id('orderId') } }) },
  isExistBindBankCard: { build: async (c) => ({ params: { login_token: c.token, customerId: c.id('customerId') } }) },
  invokeBindBanCard: {
    binding: 'fresh',
    async build(c) {
      await advance(c.d, 61); // the SMS goes to the sender's phone: one a minute
      const key = c.d.key();
      const who = customerToken(c);
      return {
        params: {
          login_token: c.token,
          img_validate_key: key,
          img_validate_code: await captcha(c.d, key),
          bindBankCardId: c.id('bindBankCardId'),
          customerId: c.id('customerId'),
          cardno: cardNumber('621700009999888'),
          idcardno: idNumber('11010519900101777'),
          username: who?.name ?? '某人',
          phone: who?.phoneNumber ?? '13800000009',
          bankCode: 'ICBC',
        },
      };
    },
  },
  confirmBindBankcard: {
    binding: 'requested',
    // the victim's own card details and SMS code: only the ids and the token are the attacker's
    build: async (c) => ({ params: { ...c.owner.binding.requestedCard, login_token: c.token, bindBankCardId: c.id('bindBankCardId'), customerId: c.id('customerId'), validate_code: c.owner.binding.code } }),
  },
  getBindBankCardByCustomerId: { build: async (c) => ({ params: { login_token: c.token, customerId: c.id('customerId') } }) },
  sendBindRequest: { record: 'next', binding: 'bound', build: async (c) => ({ params: { login_token: c.token, customerId: c.id('customerId'), repaymentRecordId: c.id('repaymentRecordId'), bindBankCardId: c.id('bindBankCardId') } }) },
  sendSmsByRepaymentRecordId: {
    record: 'paying',
    async build(c) {
      const key = c.d.key();
      return { params: { login_token: c.token, img_validate_key: key, img_validate_code: await captcha(c.d, key), orderid: c.id('orderid'), repaymentRecordId: c.id('repaymentRecordId') } };
    },
  },
  smsConfirm: {
    record: 'paying',
    async build(c) {
      // the payment's SMS code, sent to the victim's card phone by the victim's own #42
      const o = c.owner;
      const key = c.d.key();
      await advance(c.d, 61);
      await c.d.call('sendSmsByRepaymentRecordId', { login_token: o.login_token, img_validate_key: key, img_validate_code: await captcha(c.d, key), orderid: o.payment.orderid });
      const code = await smsCode(c.d, o.payment.cardPhone, 'payment');
      return { params: { login_token: c.token, orderid: c.id('orderid'), repaymentRecordId: c.id('repaymentRecordId'), validate_code: code } };
    },
  },
  uploadIcon: { build: async (c) => ({ params: { login_token: c.token, customer_id: c.id('customer_id') }, opts: gif('avatar') }) },
  getPayRecordById: { build: async (c) => ({ params: { orderid: c.id('orderid'), login_token: c.token } }) },
};

function idOf(p: Party, tpl: Template, name: IdParam): string {
  switch (name) {
    case 'customerId':
    case 'customer_id':
      return p.customerId;
    case 'orderId':
      return p.orders[tpl.order ?? 'loan'].orderId;
    case 'orderMaterialId':
      return p.orders[tpl.order ?? 'draft'].orderMaterialId!;
    case 'repaymentRecordId':
      return tpl.record === 'first' ? p.loan.repaymentRecordIds[0]! : tpl.record === 'paying' ? p.payment.repaymentRecordId : p.loan.nextRepaymentRecordId;
    case 'bindBankCardId':
      return tpl.binding === 'fresh' ? p.binding.fresh : tpl.binding === 'requested' ? p.binding.requested : p.loan.bindBankCardId;
    case 'orderid':
      return p.payment.orderid;
  }
}

/** Operations taking an id parameter, from the spec's request schemas; and those without any token parameter. */
const idOps = spec.operations
  .map((op) => ({ op, ids: op.params.map((p) => p.name).filter((n): n is IdParam => (ID_PARAMS as readonly string[]).includes(n)) }))
  .filter((x) => x.ids.length > 0);
const tokenless = idOps.filter((x) => !x.op.params.some((p) => TOKEN_PARAMS.includes(p.name)));
const matrix = idOps.filter((x) => !tokenless.includes(x));
let cells = 0;

afterAll(() => {
  console.log(`BOLA matrix: ${matrix.length} id-taking operations, ${cells} cells checked (refused, nothing of the victim in the answer) + ${matrix.length} owner controls; without a token parameter (no caller identity to check): ${tokenless.map((x) => x.op.operationId).join(', ')}`);
});

describe('BOLA matrix', () => {
  it('the id-taking operations are derived from the spec and include the known ones', () => {
    const names = matrix.map((x) => x.op.operationId);
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const known of ['queryOrdersByOrderId', 'deleteOrderMaterial', 'getRepaymentRecordByRepaymentRecordId', 'getBindBankCardByCustomerId', 'sendBindRequest', 'editOrderPackage', 'uploadOrderMaterial', 'getCustomerByCustomerId']) {
      expect(names).toContain(known);
    }
    // only the payment platform's callback (#35) takes ids without saying who calls (its own x-security-finding)
    expect(tokenless.map((x) => x.op.operationId)).toEqual(['repaymentDoneByRepaymentRecordId']);
    // every derived operation has a request template (a new id-taking operation fails here until it gets one)
    expect(names.filter((n) => !TEMPLATES[n])).toEqual([]);
  });

  for (const { op, ids } of matrix) {
    it(`${op.operationId} (${ids.join(', ')}): refused for another customer and another company's staff`, async () => {
      const d = driver();
      const tpl = TEMPLATES[op.operationId]!;
      const victim = await party(d, '受害人', SHENGHUOJIA, '87654.32');
      const attacker = await party(d, '攻击者', LANGRUN, '54321.00');
      const others: Record<Role, { login_token: string; usersId: string }> = {
        seller: (await scenario(d, 'a staff user of company X', { companyId: LANGRUN, role: 'seller' })) as never,
        risk: (await scenario(d, 'a staff user of company X', { companyId: LANGRUN, role: 'risk' })) as never,
        finance: (await scenario(d, 'a staff user of company X', { companyId: LANGRUN, role: 'finance' })) as never,
      };
      const problems: string[] = [];
      const cell = async (label: string, actor: Actor, pick: (name: IdParam) => Party, only?: IdParam) => {
        const token = actor.kind === 'customer' ? actor.party.login_token : actor.login_token;
        const used = new Set<IdParam>();
        const { params, opts } = await tpl.build({ d, actor, token, owner: victim, id: (name) => (used.add(name), idOf(pick(name), tpl, name)) });
        // an id parameter the request does not carry (an optional filter) has no cell of its own
        if (only && !used.has(only) && !(only === 'customerId' && used.has('customer_id'))) return;
        const a = await d.call(op.operationId, params, opts);
        cells++;
        const body = a.raw.toString('utf8');
        if (outcomeOf(a) === 'success') problems.push(`${label}: accepted: ${body.slice(0, 200)}`);
        else if (a.body?.success !== false) problems.push(`${label}: not an envelope refusal: ${a.status} ${body.slice(0, 200)}`);
        const found = leaked(victim, body);
        if (found.length) problems.push(`${label}: the answer carries the victim's ${found.join(', ')}`);
      };
      const asAttacker: Actor = { kind: 'customer', party: attacker };
      await cell('another customer, every id the victim\'s', asAttacker, () => victim);
      if (ids.length > 1) {
        for (const p of ids) await cell(`another customer with its own ids and the victim's ${p}`, asAttacker, (name) => (name === p || (p === 'customerId' && name === 'customer_id') ? victim : attacker), p);
      }
      for (const role of ['seller', 'risk', 'finance'] as const) await cell(`${role} of another company`, { kind: 'staff', ...others[role] }, () => victim);

      // the control: the rightful owner sends the same request and it succeeds
      const rightful: Actor = tpl.role ? { kind: 'staff', ...victim.staff[tpl.role] } : { kind: 'customer', party: victim };
      const { params, opts } = await tpl.build({ d, actor: rightful, token: rightful.kind === 'customer' ? rightful.party.login_token : rightful.login_token, owner: victim, id: (name) => idOf(victim, tpl, name) });
      const control = await d.call(op.operationId, params, opts);
      expect(problems).toEqual([]);
      expect(outcomeOf(control), `control (the owner): ${control.raw.toString('utf8').slice(0, 200)}`).toBe('success');
    });
  }

  it('no answer of this suite carries sensitive data', () => {
    expect(scanner.responsesScanned).toBeGreaterThan(500);
    expect(scanner.report()).toBe('');
  });
});
