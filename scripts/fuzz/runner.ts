// Runs fuzz cases against the mock (app.inject or a real listening server) under concurrency and judges
// every answer: no 5xx, only the statuses the case allows, the envelope valid against the operation's
// response schema (FailureEnvelope for transport faults), refused when the spec says the input is invalid,
// a failure always carrying its catalogue code, no sensitive data. Per operation it first resets the mock and
// builds a small world through scenarios, whose real tokens and ids valid requests then use.
import { MAGIC_CARDS } from '../../mock/domain/payments/cards';
import { SensitiveDataScanner } from '../../mock/test/security/scanner';
import { quantile } from '../bench/harness';
import type { Client } from '../conformance/client';
import { createClient } from '../conformance/client';
import { reset, scenario } from '../conformance/world';
import type { FuzzCase, WorldValues } from './cases';
import { casesFor } from './cases';
import type { WireRequest, WireResponse } from './http';
import { header } from './http';
import type { SpecModel } from './spec-model';

export type Send = (req: WireRequest) => Promise<WireResponse>;

export interface Verdict {
  id: string;
  operationId: string;
  kind: string;
  /** The spec's verdict on the request (see FuzzCase.invalid). */
  invalid: boolean | null;
  status: number;
  ms: number;
  success: boolean | null;
  code: string | null;
  problems: string[];
}

export interface FuzzOptions {
  spec: SpecModel;
  send: Send;
  seed: number;
  /** Malformed and valid requests per operation. */
  malformed: number;
  valid: number;
  /** Only these operations (default: every operation of the spec). */
  operations?: string[];
  /** Only this case index (replaying one case). */
  caseIndex?: number;
  concurrency: number;
  /** Include the 10 MiB-file edge for upload operations (default true). */
  bigFiles?: boolean;
  /** Called after each operation (progress). */
  onOperation?: (operationId: string, verdicts: readonly Verdict[]) => void;
  /** Checked after each operation: is the server still alive? (HTTP runs check the child process). */
  alive?: () => Promise<boolean>;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  fiveXX: number;
  /** Verdicts with at least one problem. */
  failures: Verdict[];
  /** Cases the spec calls invalid, and how many of them were refused. */
  invalid: number;
  invalidRefused: number;
  valid: number;
  validSucceeded: number;
  kinds: Record<string, number>;
  perOperation: { operationId: string; requests: number; problems: number; p99: number }[];
  latency: { p50: number; p95: number; p99: number; max: number };
  leaks: string[];
  serverDied: boolean;
  durationMs: number;
}

/** The problems of one answer to one case (empty: the answer is right). */
export function judge(spec: SpecModel, c: FuzzCase, res: WireResponse): { problems: string[]; success: boolean | null; code: string | null } {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`HTTP ${res.status} (5xx)`);
  else if (!c.statuses.includes(res.status)) problems.push(`HTTP ${res.status}, expected ${c.statuses.join('/')}`);
  const ct = header(res, 'content-type');
  problems.push(...spec.checkAnswer(res.status === 200 ? c.answeredBy : null, res.status, ct, res.body));
  let success: boolean | null = null;
  let code: string | null = null;
  if (!ct.startsWith('image/')) {
    try {
      const env = JSON.parse(res.body.toString('utf8')) as { success?: unknown; code?: unknown };
      if (typeof env.success === 'boolean') {
        success = env.success;
        code = typeof env.code === 'string' ? env.code : null;
        if (c.invalid === true && env.success) problems.push('invalid input answered success:true');
        if (!env.success && !code) problems.push('failure without a code');
      }
    } catch {
      // reported by checkAnswer
    }
  } else if (c.invalid === true) problems.push('invalid input answered with an image');
  return { problems, success, code };
}

/** The world of one operation's run: a fresh baseline and a few scenarios; returns the real values by parameter. */
export async function buildWorld(client: Client): Promise<WorldValues> {
  await reset(client);
  const loan = await scenario(client, 'a loan with N of M instalments paid', { n: 1, m: 3 });
  const own = { customerId: loan.customerId };
  const draft = await scenario(client, 'an order in draft', own);
  const submitted = await scenario(client, 'an order awaiting seller approval', own);
  const risk = await scenario(client, 'an order awaiting risk approval', own);
  const waiting = await scenario(client, 'an order waiting for loan', own);
  const other = await scenario(client, 'a logged-in customer');
  const tokens = [draft.login_token, draft.seller_login_token, draft.risk_login_token, draft.finance_login_token, other.login_token];
  return {
    login_token: tokens,
    token: tokens,
    customerId: [loan.customerId, other.customerId],
    customer_id: [loan.customerId, other.customerId],
    orderId: [draft.orderId, submitted.orderId, risk.orderId, waiting.orderId, loan.orderId],
    orderMaterialId: [draft.orderMaterialId, submitted.orderMaterialId],
    repaymentRecordId: loan.repaymentRecordIds,
    bindBankCardId: [loan.bindBankCardId],
    orderid: loan.paymentIds,
    companyId: ['20150901000001', '20150901000002'],
    company: ['20150901000001'],
    packageType: ['201509010001', '201509010002', '201509010003'],
    approvePerson: [draft.seller_usersId, draft.risk_usersId, draft.finance_usersId],
    phone_number: ['13800000001', loan.phoneNumber, other.phoneNumber],
    usersPhone: ['13900000011', '13900000012'],
    phone: [loan.phoneNumber],
    password: ['test1234', 'staff1234'],
    cardno: MAGIC_CARDS.map((c) => c.cardNo),
    parents: ['1001,1002,1003,1004', '1005', '1003,1008,1009,1012,1013,1014,1015,1016'],
  };
}

/** The fast-check seed of one operation's cases in a run seeded `seed`. */
export function caseSeed(seed: number, spec: SpecModel, operationId: string): number {
  return (seed + spec.operations.findIndex((o) => o.operationId === operationId) * 7919) | 0;
}

/** Runs `tasks` with at most `n` in flight. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Fuzzes every operation (or the chosen ones) and reports. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const client = createClient(opts.spec, opts.send);
  const scanner = new SensitiveDataScanner({ anyLuhnRun: false });
  for (const c of MAGIC_CARDS) scanner.addCard(c.cardNo);
  const all: Verdict[] = [];
  const kinds: Record<string, number> = {};
  const perOperation: FuzzReport['perOperation'] = [];
  let serverDied = false;
  const ops = opts.spec.operations.filter((o) => !opts.operations || opts.operations.includes(o.operationId));
  for (const op of ops) {
    const world = await buildWorld(client);
    // the seed of an operation depends on its place in the spec only, so one operation replays alone
    let cases = casesFor(opts.spec, op, world, { seed: caseSeed(opts.seed, opts.spec, op.operationId), malformed: opts.malformed, valid: opts.valid, bigFiles: opts.bigFiles });
    if (opts.caseIndex !== undefined) cases = cases.filter((c) => c.id === `${op.operationId}#${opts.caseIndex}`);
    const verdicts: Verdict[] = [];
    const bodies: { where: string; path: string; body: Buffer }[] = [];
    await pool(cases, opts.concurrency, async (c) => {
      kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
      let res: WireResponse;
      try {
        res = await opts.send(c.request);
      } catch (err) {
        verdicts.push({ id: c.id, operationId: c.operationId, kind: c.kind, invalid: c.invalid, status: 0, ms: 0, success: null, code: null, problems: [`no answer: ${(err as Error).message}`] });
        return;
      }
      const j = judge(opts.spec, c, res);
      verdicts.push({ id: c.id, operationId: c.operationId, kind: c.kind, invalid: c.invalid, status: res.status, ms: res.ms, ...j });
      if (!header(res, 'content-type').startsWith('image/')) bodies.push({ where: `${c.id} (${c.kind})`, path: c.request.path.split('?')[0]!, body: res.body });
    });
    // secrets issued during the batch (SMS outbox, live captchas, hashes, cards), then scan the batch's answers
    const sms = await client.admin<{ messages: { code: string }[] }>('GET', '/__mock/sms');
    for (const m of sms.body.messages ?? []) scanner.addSmsCode(m.code);
    const snap = await client.admin<{ state: unknown }>('GET', '/__mock/state');
    scanner.harvestState(snap.body.state);
    for (const b of bodies) {
      const found = scanner.scan(b.where, b.path, b.body.toString('utf8'));
      if (found.length) {
        const v = verdicts.find((x) => b.where.startsWith(`${x.id} `));
        v?.problems.push(...found.map((f) => `sensitive data: ${f.kind}: ${f.detail}`));
      }
    }
    if (opts.alive && !(await opts.alive())) {
      serverDied = true;
      verdicts.push({ id: `${op.operationId}#alive`, operationId: op.operationId, kind: 'server', invalid: null, status: 0, ms: 0, success: null, code: null, problems: ['the server died during this operation'] });
    }
    all.push(...verdicts);
    perOperation.push({ operationId: op.operationId, requests: verdicts.length, problems: verdicts.filter((v) => v.problems.length).length, p99: quantile(verdicts.map((v) => v.ms), 0.99) });
    opts.onOperation?.(op.operationId, verdicts);
    if (serverDied) break;
  }
  const latencies = all.filter((v) => v.status > 0).map((v) => v.ms);
  const answered = all.filter((v) => v.status > 0);
  const invalid = answered.filter((v) => v.invalid === true);
  const valid = answered.filter((v) => v.invalid === false);
  return {
    seed: opts.seed,
    requests: answered.length,
    fiveXX: all.filter((v) => v.status >= 500).length,
    failures: all.filter((v) => v.problems.length > 0),
    invalid: invalid.length,
    invalidRefused: invalid.filter((v) => v.success === false).length,
    valid: valid.length,
    validSucceeded: valid.filter((v) => v.success === true || (v.success === null && v.status === 200)).length,
    kinds,
    perOperation,
    latency: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99), max: Math.max(0, ...latencies) },
    leaks: scanner.findings.map((f) => `${f.kind} at ${f.where}: ${f.detail}`),
    serverDied,
    durationMs: performance.now() - started,
  };
}
