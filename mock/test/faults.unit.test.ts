// Fault rules of a session: input checks, the order rules apply in, and seeded (exactly repeatable)
// random choices of latency, errors, forced failures and dropped connections.
import { describe, expect, it } from 'vitest';
import type { FaultPlan, FaultRuleInput } from '../store/faults';
import { DEFAULT_FAULT_CODE, FaultRules, MAX_RULES, parseFaultRule, parseLatencyFlag } from '../store/faults';

const OPS = new Set(['queryProduct', 'sendValidateMessage', 'customerLogin']);
const isOp = (id: string) => OPS.has(id);

function parse(input: unknown) {
  return parseFaultRule(input, isOp);
}

function plans(rules: FaultRules, operationId: string, n: number): FaultPlan[] {
  return Array.from({ length: n }, () => rules.plan(operationId));
}

describe('parseFaultRule', () => {
  it.each([
    [{ latencyMs: 200 }, { latencyMs: 200 }],
    [{ operationId: 'queryProduct', latencyMs: 200, latencyMaxMs: 800 }, { operationId: 'queryProduct', latencyMs: 200, latencyMaxMs: 800 }],
    [{ errorRate: 0.1 }, { errorRate: 0.1 }],
    [{ failure: { message: '短信通道故障' } }, { failure: { message: '短信通道故障', code: DEFAULT_FAULT_CODE } }],
    [{ failure: { message: 'x', code: 'SMS_DOWN' }, failureRate: 0.5 }, { failure: { message: 'x', code: 'SMS_DOWN' }, failureRate: 0.5 }],
    [{ dropRate: 1 }, { dropRate: 1 }],
    [{ dropRate: 0, latencyMs: 0 }, { dropRate: 0, latencyMs: 0 }],
  ])('accepts %j', (input, rule) => {
    expect(parse(input)).toEqual({ ok: true, rule });
  });

  it.each([
    [null, 'JSON'],
    [[], 'JSON'],
    [{}, 'at least one'],
    [{ operationId: 'queryProduct' }, 'at least one'],
    [{ operationId: 'nope', latencyMs: 1 }, 'not an operation'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ latencyMs: 1.5 }, 'latencyMs'],
    [{ latencyMs: '100' }, 'latencyMs'],
    [{ latencyMs: 60001 }, 'latencyMs'],
    [{ latencyMaxMs: 10 }, 'needs latencyMs'],
    [{ latencyMs: 10, latencyMaxMs: 5 }, '>= latencyMs'],
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ errorRate: -0.1 }, 'errorRate'],
    [{ dropRate: 'all' }, 'dropRate'],
    [{ failure: 'x' }, 'failure must be an object'],
    [{ failure: {} }, 'failure.message'],
    [{ failure: { message: '' } }, 'failure.message'],
    [{ failure: { message: 'x', code: 'lower' } }, 'failure.code'],
    [{ failure: { message: 'x', extra: 1 } }, 'failure.extra'],
    [{ failureRate: 0.5 }, 'needs failure'],
    [{ latencyMs: 1, latency: 2 }, 'unknown field latency'],
  ])('refuses %j naming the problem', (input, text) => {
    const r = parse(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(text);
  });
});

describe('parseLatencyFlag', () => {
  it.each([
    ['200', { latencyMs: 200 }],
    ['0', { latencyMs: 0 }],
    ['100-500', { latencyMs: 100, latencyMaxMs: 500 }],
    ['300-300', { latencyMs: 300 }],
    [' 5 - 9 ', { latencyMs: 5, latencyMaxMs: 9 }],
  ])('%s', (flag, rule) => expect(parseLatencyFlag(flag)).toEqual(rule));

  it.each(['', 'fast', '-5', '500-100', '1.5', '70000', '1-70000'])('refuses %j', (flag) => expect(parseLatencyFlag(flag)).toBeNull());
});

describe('FaultRules', () => {
  it('gives ids f1, f2, ... and lists operation-specific rules before global ones', () => {
    const r = new FaultRules(1);
    expect(r.add({ latencyMs: 5 }).id).toBe('f1');
    expect(r.add({ operationId: 'queryProduct', errorRate: 1 }).id).toBe('f2');
    expect(r.add({ dropRate: 0 }, 'cli-latency').id).toBe('cli-latency');
    expect(r.list().map((x) => x.id)).toEqual(['f2', 'f1', 'cli-latency']);
    expect(() => r.add({ latencyMs: 1 }, 'f1')).toThrow(/exists/);
  });

  it('removes one rule by id or all of them', () => {
    const r = new FaultRules(1);
    r.add({ latencyMs: 5 });
    r.add({ errorRate: 0.5 });
    r.add({ dropRate: 0.5 });
    expect(r.remove('f9')).toBe(0);
    expect(r.remove('f2')).toBe(1);
    expect(r.list().map((x) => x.id)).toEqual(['f1', 'f3']);
    expect(r.remove()).toBe(2);
    expect(r.size).toBe(0);
    expect(r.plan('queryProduct')).toEqual({ delayMs: 0, action: 'none' });
  });

  it('caps the number of rules', () => {
    const r = new FaultRules(1);
    for (let i = 0; i < MAX_RULES; i++) r.add({ latencyMs: 1 });
    expect(() => r.add({ latencyMs: 1 })).toThrow(RangeError);
  });

  it('applies a rule only to its operation; a global rule to every operation', () => {
    const r = new FaultRules(1);
    r.add({ operationId: 'sendValidateMessage', failure: { message: '短信通道故障', code: 'FAULT_INJECTED' } });
    expect(r.plan('queryProduct')).toEqual({ delayMs: 0, action: 'none' });
    expect(r.plan('sendValidateMessage')).toEqual({ delayMs: 0, action: 'failure', ruleId: 'f1', failure: { message: '短信通道故障', code: 'FAULT_INJECTED' } });
    r.add({ latencyMs: 250 });
    expect(r.plan('queryProduct')).toEqual({ delayMs: 250, action: 'none' });
    expect(r.plan('sendValidateMessage')).toMatchObject({ delayMs: 250, action: 'failure' });
  });

  it('per kind, the first matching rule wins: a specific latency beats the global one', () => {
    const r = new FaultRules(1);
    r.add({ latencyMs: 1000 }, 'cli-latency');
    r.add({ operationId: 'queryProduct', latencyMs: 10 });
    expect(r.plan('queryProduct').delayMs).toBe(10);
    expect(r.plan('customerLogin').delayMs).toBe(1000);
  });

  it('a dropped connection wins over an error, an error over a forced failure', () => {
    const r = new FaultRules(1);
    r.add({ failure: { message: 'f', code: 'X' } });
    expect(r.plan('queryProduct').action).toBe('failure');
    r.add({ errorRate: 1 });
    expect(r.plan('queryProduct').action).toBe('error');
    r.add({ dropRate: 1 });
    expect(r.plan('queryProduct').action).toBe('drop');
  });

  it('rates 0 and 1 are never and always', () => {
    const never = new FaultRules(7);
    never.add({ errorRate: 0, dropRate: 0, failure: { message: 'm', code: 'C' }, failureRate: 0 });
    expect(plans(never, 'queryProduct', 200).every((p) => p.action === 'none')).toBe(true);
    const always = new FaultRules(7);
    always.add({ errorRate: 1 });
    expect(plans(always, 'queryProduct', 200).every((p) => p.action === 'error')).toBe(true);
  });

  it('random choices follow the seed exactly and come close to the rate', () => {
    const rule: FaultRuleInput = { latencyMs: 100, latencyMaxMs: 200, errorRate: 0.3 };
    const a = new FaultRules(42);
    a.add(rule);
    const b = new FaultRules(42);
    b.add(rule);
    const pa = plans(a, 'queryProduct', 1000);
    expect(plans(b, 'queryProduct', 1000)).toEqual(pa);
    const errors = pa.filter((p) => p.action === 'error').length;
    expect(errors).toBeGreaterThan(230);
    expect(errors).toBeLessThan(370);
    const delays = pa.map((p) => p.delayMs);
    expect(Math.min(...delays)).toBe(100);
    expect(Math.max(...delays)).toBe(200);
    expect(new Set(delays).size).toBeGreaterThan(50);
    const c = new FaultRules(43);
    c.add(rule);
    expect(plans(c, 'queryProduct', 1000)).not.toEqual(pa);
  });

  it('lists copies: changing a listed rule changes nothing', () => {
    const r = new FaultRules(1);
    r.add({ failure: { message: 'm', code: 'C' } });
    const [listed] = r.list();
    listed!.failure!.message = 'changed';
    expect(r.plan('queryProduct')).toMatchObject({ failure: { message: 'm' } });
  });
});
