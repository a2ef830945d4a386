// The dev console's pure modules (mock/ui/labels.js, time.js, model.js): code tables in step with the
// catalogue, CST calendar moves, and how admin answers and forms are read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAGIC_CARDS as UI_MAGIC_CARDS, OPERATIONS, ORDER_STATUS, REPAYMENT_STATUS, numberOf, orderStatusLabel } from '../ui/labels.js';
import { addMonthsCst, formatCst, nextDueTarget, parseLegacyDate, startOfDayCst, statusChanges } from '../ui/time.js';
import { coerceParam, credentialsIn, faultBody, freshSms, normaliseEntry, normaliseScenario, paymentsOf, smsKey, testIdCardNo } from '../ui/model.js';
import { ORDER_STATUS_LABELS, REPAYMENT_STATUS_LABELS } from '../domain/orders/codes';
import { MAGIC_CARDS } from '../domain/payments/cards';

const cst = (text: string) => Date.parse(`${text}+08:00`);

describe('labels', () => {
  it('lists exactly the operations of openapi/operations.yaml, in order', () => {
    const catalogue = parse(readFileSync(new URL('../../openapi/operations.yaml', import.meta.url), 'utf8')) as {
      operations: { number: number | null; path: string; operationId: string }[];
    };
    expect(OPERATIONS).toEqual(catalogue.operations.map((o) => [o.number, o.path, o.operationId]));
  });

  it('shows the mock domain labels for every order and repayment status it uses', () => {
    for (const [code, label] of Object.entries(ORDER_STATUS_LABELS)) expect(ORDER_STATUS[code as keyof typeof ORDER_STATUS]?.[0]).toBe(label);
    for (const [code, label] of Object.entries(REPAYMENT_STATUS_LABELS)) expect(REPAYMENT_STATUS[code as keyof typeof REPAYMENT_STATUS]?.[0]).toBe(label);
    expect(orderStatusLabel('100502100503')).toEqual(['审核中', 'in review']);
    expect(orderStatusLabel('999999')).toBeUndefined();
  });

  it('offers the magic test cards of the simulated payment platform, success first', () => {
    expect(UI_MAGIC_CARDS).toEqual(MAGIC_CARDS.map((c) => [c.cardNo, c.label]));
    expect(MAGIC_CARDS[0]!.outcome).toBe('success');
  });

  it('numbers operations, marking the undocumented ones', () => {
    expect(numberOf('loanByOrderId')).toBe('#34');
    expect(numberOf('getPayRecordById')).toContain('undocumented');
    expect(numberOf('nothing')).toBe('');
  });
});

describe('time (CST)', () => {
  it('adds calendar months, clamping to the month end, keeping the time of day', () => {
    expect(formatCst(addMonthsCst(cst('2015-09-01T10:00:00'), 1))).toBe('2015-10-01 10:00:00');
    expect(formatCst(addMonthsCst(cst('2016-01-31T23:30:00'), 1))).toBe('2016-02-29 23:30:00');
    expect(formatCst(addMonthsCst(cst('2015-12-15T00:00:00'), 1))).toBe('2016-01-15 00:00:00');
  });

  it('reads legacy date texts as CST and ISO texts with their zone', () => {
    expect(parseLegacyDate('2015-10-01')).toBe(cst('2015-10-01T00:00:00'));
    expect(parseLegacyDate('2015-10-01 12:30:05')).toBe(cst('2015-10-01T12:30:05'));
    expect(parseLegacyDate('2015-10-01T00:00:00.000Z')).toBe(Date.UTC(2015, 9, 1));
    expect(parseLegacyDate('soon')).toBeNaN();
  });

  it('moves "to the next due date" to the start of the first due day after today', () => {
    const now = cst('2015-10-01T10:00:00');
    expect(nextDueTarget(now, ['2015-10-01', '2015-12-01', '2015-11-01', 'bad'])).toBe(cst('2015-11-01T00:00:00'));
    expect(nextDueTarget(now, ['2015-09-01'])).toBeNull();
    expect(startOfDayCst(now)).toBe(cst('2015-10-01T00:00:00'));
  });

  it('reports the records whose status changed between two reads', () => {
    const before = [
      { repaymentRecordId: '1', status: '101901' },
      { repaymentRecordId: '2', status: '101901' },
    ];
    const after = [
      { repaymentRecordId: '1', status: '101903' },
      { repaymentRecordId: '2', status: '101901' },
      { repaymentRecordId: '3', status: '101903' },
    ];
    expect(statusChanges(before, after)).toEqual([{ before: before[0], after: after[0] }]);
  });
});

describe('model', () => {
  it('makes ID-card numbers whose GB 11643 check digit is right', () => {
    for (const birth of ['19900307', '19851231', '20000101', '19700615']) {
      const id = testIdCardNo(birth);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...id.slice(0, 17)].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
      expect(id[17]).toBe('10X98765432'[sum % 11]);
    }
  });

  it('picks the payments and callbacks of one order', () => {
    const body = {
      payments: [
        { paymentId: 'p1', repaymentRecordId: 'r1', orderId: 'o1', status: 'confirmed' },
        { paymentId: 'p2', repaymentRecordId: 'r9', orderId: 'o9', status: 'created' },
      ],
      callbacks: [{ paymentId: 'p1', repaymentRecordId: 'r1', dueAt: 'x', outcome: 'success' }],
    };
    const mine = paymentsOf(body, 'o1', ['r1', 'r2']);
    expect(mine.map((p) => [p.paymentId, p._list])).toEqual([
      ['p1', '支付 payment'],
      ['p1', '待回调 callback'],
    ]);
  });

  it('reads scenario parameters given as descriptions or as definitions', () => {
    expect(normaliseScenario({ name: 'a', description: 'd', params: { paid: 'N, instalments paid (default 0)' } }).params).toEqual([
      { name: 'paid', description: 'N, instalments paid (default 0)' },
    ]);
    const def = normaliseScenario({ name: 'b', params: { fenQiTimes: { type: 'integer', description: 'M', default: 12 } } });
    expect(def.params[0]).toEqual({ name: 'fenQiTimes', type: 'integer', description: 'M', default: 12 });
    expect(coerceParam(def.params[0]!, '6')).toBe(6);
    expect(coerceParam({ type: 'boolean' }, 'true')).toBe(true);
    expect(coerceParam({ type: 'string' }, '')).toBeUndefined();
  });

  it('reads a journal entry of mock-admin.yaml, unknown parameters named', () => {
    const e = normaliseEntry({
      seq: 3,
      at: '2026-01-01T00:00:00.000Z',
      mockTime: '2015-09-01T02:00:00.000Z',
      method: 'POST',
      url: '/user/CustomerLoginController',
      operationId: 'customerLogin',
      params: { phone_number: '13800000001', password: '***' },
      unknownParams: { remember: 'true' },
      status: 200,
      response: { success: false, code: 'LOGIN_FAILED', message: '手机号或密码错误' },
      durationMs: 1,
    });
    expect(e).toMatchObject({ seq: 3, at: '2015-09-01T02:00:00.000Z', path: '/user/CustomerLoginController', unknown: ['remember'], success: false, code: 'LOGIN_FAILED' });
  });

  it('builds fault rules as FaultRuleInput, leaving empty fields out', () => {
    expect(faultBody({ operationId: 'queryProduct', latencyMin: '200', latencyMax: '800' })).toEqual({ operationId: 'queryProduct', latencyMs: 200, latencyMaxMs: 800 });
    expect(faultBody({ latencyMax: '300' })).toEqual({ latencyMs: 300 });
    expect(faultBody({ errorRate: '0.1' })).toEqual({ errorRate: 0.1 });
    expect(faultBody({ message: '短信通道故障', failureRate: '0.5', dropRate: '0' })).toEqual({ failure: { message: '短信通道故障' }, failureRate: 0.5, dropRate: 0 });
    expect(faultBody({})).toEqual({});
  });

  it('finds customer credentials anywhere in a scenario answer', () => {
    expect(credentialsIn({ scenario: 'x', ids: { customerId: '1', phoneNumber: '13800000009', password: 'p', orderId: '9' } })).toEqual({
      '1': { phoneNumber: '13800000009', password: 'p' },
    });
    expect(credentialsIn({ ids: { customerId: '1' } })).toEqual({});
  });

  it('finds the first SMS not seen before, of the wanted purpose', () => {
    const old = { phone: '1', code: '111111', purpose: 'bindCard', sentAt: 'a' };
    const pay = { phone: '1', code: '222222', purpose: 'payment', sentAt: 'b' };
    const seen = new Set([smsKey(old)]);
    expect(freshSms([pay, old], seen, 'payment')).toBe(pay);
    expect(freshSms([pay, old], seen, 'bindCard')).toBeUndefined();
    expect(freshSms([old], seen)).toBeUndefined();
  });
});
