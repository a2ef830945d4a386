// The conformance run: the mock (buildApp, listening on a free loopback port) behind two Prism proxies,
// a strict one (request and response validated) and one with --validate-request false for the requests
// that break the spec on purpose (missing or malformed parameters: only the mock's answer is checked).
// Every legacy call of the life cycle and of the failure paths goes through a proxy, except the few that
// Prism cannot carry (reported with the reason); every answer is also checked by our own validator and the
// sensitive-data scanner. Admin API calls go to the mock directly (they are not part of the spec).
import type { FastifyInstance } from 'fastify';
import type { BuildOptions } from '../../mock/app';
import { buildApp } from '../../mock/app';
import { SensitiveDataScanner } from '../../mock/test/security/scanner';
import type { Answer, CallOptions, Client, Params } from './client';
import { Driver } from './driver';
import { createClient, encodeCall, httpSender, toAnswer } from './client';
import { sendRaw } from '../fuzz/http';
import { BUNDLED_SPEC, loadSpecModel, type SpecModel } from '../fuzz/spec-model';
import { failurePaths } from './failures';
import { loanLifeCycle } from './lifecycle';
import { prismVerdict, startPrismProxy, type PrismProxy } from './prism';

export type Route = 'prism' | 'prism-lenient' | 'direct';

export interface Exchange {
  operationId: string;
  route: Route;
  /** Why it did not go through the strict proxy. */
  reason: string | null;
  method: string;
  path: string;
  status: number;
  success: boolean | null;
  code: string | null;
  violations: string[];
  ms: number;
}

export interface ConformanceOptions {
  /** Print one line per exchange. */
  verbose?: boolean;
  log?: (line: string) => void;
}

export interface ConformanceReport {
  exchanges: Exchange[];
  /** Spec violations (Prism's and our validator's), one line each. */
  violations: string[];
  /** Documented outcomes (operation: code) that the run did not reach, and answers other than expected. */
  unreached: string[];
  unexpected: string[];
  /** Sensitive data found in answers, and how many answers were scanned. */
  leaks: string[];
  responsesScanned: number;
  outcomesDocumented: number;
  outcomesReached: number;
  byRoute: Record<Route, number>;
  durationMs: number;
}

/** The legacy client of the run: routes each call, checks the answer, records it. Admin calls go direct. */
export class ConformanceRun extends Driver {
  readonly spec: SpecModel;
  readonly exchanges: Exchange[] = [];
  readonly scanner = new SensitiveDataScanner();
  readonly #admin: Client;
  /** The two proxies (for diagnostics when one dies). */
  proxies?: { strict: PrismProxy; lenient: PrismProxy };

  constructor(
    spec: SpecModel,
    private readonly urls: { mock: string; strict: string; lenient: string },
    private readonly app: FastifyInstance,
    private readonly options: ConformanceOptions = {},
  ) {
    super();
    this.spec = spec;
    this.#admin = createClient(spec, httpSender(urls.mock));
  }

  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return this.#admin.admin<T>(method, path, body);
  }

  async call(operationId: string, params: Params = {}, opts: CallOptions = {}): Promise<Answer> {
    const req = encodeCall(this.spec, operationId, params, opts);
    const route: Route = opts.direct ? 'direct' : opts.invalid ? 'prism-lenient' : 'prism';
    const base = route === 'direct' ? this.urls.mock : route === 'prism' ? this.urls.strict : this.urls.lenient;
    let res: Awaited<ReturnType<typeof sendRaw>>;
    try {
      res = await sendRaw(base, req);
    } catch (err) {
      const proxy = route === 'prism' ? this.proxies?.strict : route === 'prism-lenient' ? this.proxies?.lenient : undefined;
      const dead = proxy && (proxy.child.proc.exitCode !== null || proxy.child.proc.signalCode !== null);
      throw new Error(`${operationId} via ${route}: ${(err as Error).message}${dead ? `; the proxy exited (${proxy.child.proc.exitCode ?? proxy.child.proc.signalCode}): ${proxy.child.output().slice(-1500)}` : ''}`);
    }
    const answer = toAnswer(operationId, req, res);
    const violations: string[] = [];
    if (route !== 'direct') {
      violations.push(...prismVerdict(res).map((v) => `prism: ${v}`));
    }
    if (route !== 'direct' && answer.contentType.startsWith('image/')) {
      // Prism reads every non-JSON answer as UTF-8 text, so the image bytes do not survive the proxy: its
      // content-type check stands; the bytes are checked on the direct captcha call of the life cycle
      if (!this.spec.byId.get(operationId)?.responses[answer.contentType.split(';')[0]!]) violations.push(`validator: ${answer.contentType} not documented`);
    } else if (!answer.contentType.startsWith('application/problem+json')) {
      violations.push(...this.spec.checkAnswer(operationId, res.status, answer.contentType, res.body).map((v) => `validator: ${v}`));
    }
    this.scanner.harvest(this.app.sessions.get('default'));
    const leaks = this.scanner.scan(`${operationId} (${req.method} ${req.path.split('?')[0]})`, req.path.split('?')[0]!, res.body.toString('utf8'));
    violations.push(...leaks.map((l) => `sensitive data: ${l.kind}: ${l.detail}`));
    const ex: Exchange = {
      operationId,
      route,
      reason: opts.direct ?? (opts.invalid ? 'breaks the spec on purpose' : null),
      method: req.method,
      path: req.path.split('?')[0]!,
      status: res.status,
      success: answer.body && typeof answer.body.success === 'boolean' ? answer.body.success : null,
      code: answer.body?.code ?? null,
      violations,
      ms: res.ms,
    };
    this.exchanges.push(ex);
    this.record(answer);
    if (this.options.verbose) {
      this.options.log?.(
        `${route.padEnd(13)} ${operationId.padEnd(36)} ${res.status} ${ex.success === null ? '' : ex.success ? 'ok' : ex.code}${violations.length ? `  VIOLATION ${violations.join(' | ')}` : ''}`,
      );
    }
    return answer;
  }

}

/** The mock (in process, free port) behind both proxies, and the run's client; `stop()` ends all three. */
export async function startStack(options: ConformanceOptions & { mock?: BuildOptions } = {}): Promise<{ run: ConformanceRun; stop(): Promise<void> }> {
  const log = options.log ?? ((l: string) => console.log(l));
  const spec = loadSpecModel();
  const app = await buildApp({ clockStart: '2015-09-01T02:00:00.000Z', callbackDelayMs: 10 * 60_000, ...options.mock });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const mockUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const proxies = await Promise.allSettled([
    startPrismProxy(BUNDLED_SPEC, mockUrl, { validateRequest: true }),
    startPrismProxy(BUNDLED_SPEC, mockUrl, { validateRequest: false }),
  ]);
  const stop = async () => {
    await Promise.all(proxies.map((p) => (p.status === 'fulfilled' ? p.value.stop() : undefined)));
    await app.close();
  };
  if (proxies[0].status === 'rejected' || proxies[1].status === 'rejected') {
    await stop();
    throw (proxies[0].status === 'rejected' ? proxies[0].reason : (proxies[1] as PromiseRejectedResult).reason) as Error;
  }
  const [strict, lenient] = [proxies[0].value, proxies[1].value];
  log(`mock ${mockUrl}, prism proxy ${strict.url} (strict), ${lenient.url} (--validate-request false)`);
  const run = new ConformanceRun(spec, { mock: mockUrl, strict: strict.url, lenient: lenient.url }, app, { ...options, log });
  run.proxies = { strict, lenient };
  return { run, stop };
}

/** Runs the whole conformance suite: life cycle, then every documented failure. */
export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const started = performance.now();
  const { run, stop } = await startStack(options);
  try {
    try {
      await loanLifeCycle(run);
    } catch (err) {
      run.unexpected.push(`life cycle stopped: ${(err as Error).message.slice(0, 400)}`);
    }
    await failurePaths(run);

    const { documented, unreached } = run.unreachedOutcomes();
    const violations = run.exchanges.flatMap((e) => e.violations.filter((v) => !v.startsWith('sensitive data')).map((v) => `${e.operationId} ${e.method} ${e.path} -> ${e.status}: ${v}`));
    const byRoute: Record<Route, number> = { prism: 0, 'prism-lenient': 0, direct: 0 };
    for (const e of run.exchanges) byRoute[e.route]++;
    return {
      exchanges: run.exchanges,
      violations,
      unreached,
      unexpected: run.unexpected,
      leaks: run.scanner.findings.map((f) => `${f.kind} at ${f.where}: ${f.detail}`),
      responsesScanned: run.scanner.responsesScanned,
      outcomesDocumented: documented,
      outcomesReached: documented - unreached.length,
      byRoute,
      durationMs: performance.now() - started,
    };
  } finally {
    await stop();
  }
}

/** The summary lines printed at the end (also used by the spec test's log). */
export function summary(r: ConformanceReport): string[] {
  const ops = new Set(r.exchanges.map((e) => e.operationId));
  const lines = [
    `conformance: ${r.exchanges.length} requests to ${ops.size} operations in ${(r.durationMs / 1000).toFixed(1)} s ` +
      `(${r.byRoute.prism} through prism proxy, ${r.byRoute['prism-lenient']} through prism proxy --validate-request false (deliberately invalid requests), ${r.byRoute.direct} direct)`,
    `documented outcomes reached: ${r.outcomesReached}/${r.outcomesDocumented}`,
    `spec violations: ${r.violations.length}; unexpected answers: ${r.unexpected.length}; unreached outcomes: ${r.unreached.length}; sensitive-data findings: ${r.leaks.length} (${r.responsesScanned} answers scanned)`,
  ];
  const direct = [...new Set(r.exchanges.filter((e) => e.route === 'direct').map((e) => `${e.operationId}: ${e.reason}`))];
  if (direct.length) lines.push('sent directly to the mock (checked by our validator only):', ...direct.map((d) => `  - ${d}`));
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push(`${title}:`, ...items.slice(0, 50).map((i) => `  - ${i}`), ...(items.length > 50 ? [`  ... ${items.length - 50} more`] : []));
  };
  section('VIOLATIONS', r.violations);
  section('UNEXPECTED', r.unexpected);
  section('UNREACHED', r.unreached);
  section('SENSITIVE DATA', r.leaks);
  return lines;
}

export function passed(r: ConformanceReport): boolean {
  return r.violations.length === 0 && r.unexpected.length === 0 && r.unreached.length === 0 && r.leaks.length === 0;
}
