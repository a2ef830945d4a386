// Function-level authorisation matrix: every back-office operation (#26-#30, #33, #34) called by every kind
// of caller that must not use it - the order's own customer, another customer, no token, an empty, a
// malformed, an unknown and an ended token, and each staff role other than the one the operation is for -
// is refused (success:false) and changes nothing; the role it is for then succeeds (the control).
// #33 (approval records) is open to every staff role of the company and, per the contract, to the order's
// own customer: there only strangers and missing tokens are refused.
import { afterAll, describe, expect, it } from 'vitest';
import type { Params } from '../../../scripts/conformance/client';
import type { ClientDriver } from '../../../scripts/conformance/driver';
import { outcomeOf } from '../../../scripts/conformance/driver';
import { scenario } from '../../../scripts/conformance/world';
import { useTestApp } from '../helper';
import { SHENGHUOJIA, driverOf } from './parties';
import { SensitiveDataScanner } from './scanner';

const scanner = new SensitiveDataScanner();
const t = useTestApp({ callbackDelayMs: 10 * 60_000, onResponsePayload: scanner.hook });
let shared: ClientDriver | undefined;
const driver = () => (shared ??= driverOf(t()));

type Role = 'seller' | 'risk' | 'finance';

interface BackOffice {
  number: number;
  /** Roles that may call it ('customer' = the order's own customer). */
  allowed: readonly (Role | 'customer')[];
  /** The order status it acts on (decisions) or lists. */
  scenario: string;
  params(ids: Record<string, string>, token: string | null, usersId: string): Params;
  /** A read can be repeated; a decision changes the order, so its control runs last and once. */
  decision: boolean;
}

const list = (ids: Record<string, string>, token: string | null): Params => ({ ...(token === null ? {} : { login_token: token }), status: '', currentPageNum: '1', companyId: ids.companyId! });
const decide = (ids: Record<string, string>, token: string | null, usersId: string): Params => ({
  ...(token === null ? {} : { login_token: token }),
  orderId: ids.orderId!,
  approvePerson: usersId,
  approveName: '测试',
  approveResult: 'true',
  approveRemarks: '',
});

const OPERATIONS: Record<string, BackOffice> = {
  querySellerApproveOrders: { number: 26, allowed: ['seller'], scenario: 'an order awaiting seller approval', params: list, decision: false },
  sellerApproveOrder: { number: 27, allowed: ['seller'], scenario: 'an order awaiting seller approval', params: decide, decision: true },
  queryRiskManagementApproveOrders: { number: 28, allowed: ['risk'], scenario: 'an order awaiting risk approval', params: list, decision: false },
  riskManagementApproveOrder: { number: 29, allowed: ['risk'], scenario: 'an order awaiting risk approval', params: decide, decision: true },
  queryWaitingForPayOrders: { number: 30, allowed: ['finance'], scenario: 'an order waiting for loan', params: list, decision: false },
  getApproveRecordsByOrderId: { number: 33, allowed: ['seller', 'risk', 'finance', 'customer'], scenario: 'an order waiting for loan', params: (ids, token) => ({ ...(token === null ? {} : { login_token: token }), orderId: ids.orderId! }), decision: false },
  loanByOrderId: { number: 34, allowed: ['finance'], scenario: 'an order waiting for loan', params: decide, decision: true },
};

let cells = 0;
afterAll(() => console.log(`function-level matrix: ${Object.keys(OPERATIONS).length} back-office operations, ${cells} refused cells + ${Object.keys(OPERATIONS).length} controls`));

describe('function-level authorisation of the back office', () => {
  it('covers #26-#30, #33 and #34 of the spec', () => {
    const spec = driver().spec;
    for (const [id, b] of Object.entries(OPERATIONS)) expect(spec.byId.get(id)?.number, id).toBe(b.number);
  });

  for (const [operationId, b] of Object.entries(OPERATIONS)) {
    it(`#${b.number} ${operationId}: only ${b.allowed.join(', ')}`, async () => {
      const d = driver();
      const ids = (await scenario(d, b.scenario)) as Record<string, string>;
      const stranger = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
      const ended = await scenario(d, 'a staff user of company X', { companyId: SHENGHUOJIA, role: b.allowed[0] === 'customer' ? 'seller' : (b.allowed[0] as Role) });
      await d.must('customerLoginOut', { login_token: ended.login_token });
      const staff = (role: Role) => ({ token: ids[`${role}_login_token`]!, usersId: ids[`${role}_usersId`]! });
      const callers: { label: string; token: string | null; usersId: string; role: Role | 'customer' | 'stranger' | 'none' }[] = [
        { label: "the order's own customer", token: ids.login_token!, usersId: ids.customerId!, role: 'customer' },
        { label: 'another customer', token: stranger.login_token as string, usersId: stranger.customerId as string, role: 'stranger' },
        { label: 'no login_token', token: null, usersId: '201509010201', role: 'none' },
        { label: 'an empty login_token', token: '', usersId: '201509010201', role: 'none' },
        { label: 'an unknown login_token', token: '0123456789ABCDEF0123456789ABCDEF', usersId: '201509010201', role: 'none' },
        { label: 'an ended (logged out) staff token', token: ended.login_token as string, usersId: ended.usersId as string, role: 'none' },
        ...(['seller', 'risk', 'finance'] as const).map((role) => ({ label: `a ${role} of the company`, ...staff(role), role })),
      ];
      const problems: string[] = [];
      const statusBefore = (await d.must('queryOrdersByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).body!.obj.status;
      for (const caller of callers.filter((c) => !b.allowed.includes(c.role as Role))) {
        const a = await d.call(operationId, b.params(ids, caller.token, caller.usersId), caller.token === null ? { invalid: true } : {});
        cells++;
        if (a.body?.success !== false) problems.push(`${caller.label}: not refused: ${a.status} ${a.raw.toString('utf8').slice(0, 160)}`);
      }
      // nothing changed
      const statusAfter = (await d.must('queryOrdersByOrderId', { login_token: ids.login_token!, orderId: ids.orderId! })).body!.obj.status;
      expect(problems).toEqual([]);
      expect(statusAfter).toBe(statusBefore);
      // the control: each allowed caller (a decision: the first, once)
      for (const caller of callers.filter((c) => b.allowed.includes(c.role as Role)).slice(0, b.decision ? 1 : undefined)) {
        const a = await d.call(operationId, b.params(ids, caller.token, caller.usersId));
        expect(outcomeOf(a), `${caller.label}: ${a.raw.toString('utf8').slice(0, 160)}`).toBe('success');
      }
    });
  }

  it('no answer of this suite carries sensitive data', () => {
    expect(scanner.responsesScanned).toBeGreaterThan(80);
    expect(scanner.report()).toBe('');
  });
});
