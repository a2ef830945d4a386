// `npm run conformance` as a test: the mock behind `prism proxy --errors` replays the loan life cycle and
// every documented failure; no request or answer may break the spec, every documented outcome must be
// reached, no answer may carry sensitive data. A second part proves the detector itself: a drifted mock
// and a spec-breaking request must be flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance, startStack, summary, type ConformanceReport } from '../conformance/run';

describe('conformance through prism proxy --errors', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    report = await runConformance({ log: () => {} });
    console.log(summary(report).join('\n'));
  }, 240_000);

  it('replays the life cycle and the failure paths of every operation through the proxy', () => {
    const ops = new Set(report.exchanges.map((e) => e.operationId));
    expect(ops.size).toBe(46);
    expect(report.byRoute.prism).toBeGreaterThan(400);
    expect(report.byRoute['prism-lenient']).toBeGreaterThan(20);
    expect(report.responsesScanned).toBe(report.exchanges.length);
  });

  it('no request or answer violates the spec (Prism and our validator)', () => {
    expect(report.violations).toEqual([]);
  });

  it('every documented outcome (success and each failure example code) is reached', () => {
    expect(report.outcomesDocumented).toBeGreaterThan(200);
    expect(report.unreached).toEqual([]);
  });

  it('every request is answered as its recipe expects', () => {
    expect(report.unexpected).toEqual([]);
  });

  it('no answer carries a password, hash, card number, SMS code or captcha answer', () => {
    expect(report.leaks).toEqual([]);
  });
});

describe('the conformance checks can fail', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack({ log: () => {}, mock: { drift: [{ kind: 'renameResponseField', operationId: 'queryProduct', from: 'productId', to: 'productID' }] } });
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('an answer that drifted from the spec is flagged by Prism (VIOLATIONS) and by our validator', async () => {
    await stack.run.call('queryProduct', { companyId: '20150901000001' });
    const ex = stack.run.exchanges.at(-1)!;
    expect(ex.violations.some((v) => v.startsWith('prism: VIOLATIONS'))).toBe(true);
  });

  it('a request that breaks the spec is refused by the strict proxy (422) and flagged', async () => {
    await stack.run.call('customerLogin', { phone_number: '13800000001' });
    const ex = stack.run.exchanges.at(-1)!;
    expect(ex.status).toBe(422);
    expect(ex.violations.join('\n')).toMatch(/UNPROCESSABLE_ENTITY.*password/);
  });

  it('the same request through the lenient proxy reaches the mock, whose answer is checked', async () => {
    const a = await stack.run.call('customerLogin', { phone_number: '13800000001' }, { invalid: true });
    expect(a.body).toMatchObject({ success: false, code: 'PARAM_MISSING' });
    expect(stack.run.exchanges.at(-1)!.violations).toEqual([]);
  });
});
