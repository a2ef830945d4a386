// npm run bench: the mock against bare Fastify (the ceiling), WireMock standalone and `prism mock`, in
// the same run on the same machine, with autocannon on loopback; plus startup time to first answer and
// list latency with 100,000 orders. Writes bench-results.json (git-ignored). Not part of npm test.
//
// Systems: `mock` = the mock as `npm start` runs it: bundled by esbuild with the build options of
// scripts/build-mock.mjs (one build definition, imported) and run by plain node with npm start's node flags; its
// bench entry (scripts/bench/mock-server.ts) only turns request logging off. `mock-tsx` = the same entry through
// tsx (`npm run start:dev`), for reference. `bare`, `wiremock`, `prism`. Targets and ratios are the `mock` row's.
// Startup = spawn of npm start's own command (`node --enable-source-maps mock/dist/cli.mjs`, bundle already built)
// to the first answer; the build (`node scripts/build-mock.mjs`, npm start's first step) is timed on its own.
// Options: --duration S (per measurement, default 5), --rounds N (default 2), --orders N (default 100000),
//          --only mock,mock-tsx,bare,wiremock,prism, --skip-list, --skip-startup, --profile (CPU profile of the
//          mock into .artifacts/prof/), --out FILE.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Child, LoadResult } from './bench/harness';
import { HOST, freePort, load, postForm, quantile, request, round, sendJson, startChild, waitFor } from './bench/harness';
import { buildMock, mockNodeArgs } from './build-mock.mjs';
import { COMPANY_ID, PACKAGE_STEP } from '../mock/fixtures/samples';
import type { Envelope } from '../mock/http/envelope';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
function opt(name: string, def: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : def;
}
const DURATION_S = Number(opt('duration', '5'));
const ROUNDS = Number(opt('rounds', '2'));
const LIST_ORDERS = Number(opt('orders', '100000'));
const ONLY = new Set(opt('only', 'mock,mock-tsx,bare,wiremock,prism').split(','));
const SKIP_LIST = argv.includes('--skip-list');
const SKIP_STARTUP = argv.includes('--skip-startup');
const PROFILE = argv.includes('--profile');
const OUT = path.resolve(ROOT, opt('out', 'bench-results.json'));
const WIREMOCK_JAR = path.join(ROOT, 'node_modules/wiremock/build/wiremock-standalone-3.13.2.jar');
const PRISM = path.join(ROOT, 'node_modules/.bin/prism');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** npm start's bundle and the bench entry's bundle (beside it: import.meta.url-relative paths resolve the same). */
const CLI_BUNDLE = path.join(ROOT, 'mock/dist/cli.mjs');
const BENCH_BUNDLE = path.join(ROOT, 'mock/dist/bench-server.mjs');

type MockKind = 'mock' | 'mock-tsx';
type SystemName = MockKind | 'bare' | 'wiremock' | 'prism';
const SYSTEMS: SystemName[] = (['mock', 'mock-tsx', 'bare', 'wiremock', 'prism'] as const).filter((s) => ONLY.has(s));

interface Endpoint {
  key: string;
  label: string;
  path: string;
  body: string;
}

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

function tsxArgs(script: string, extra: string[] = []): string[] {
  return [...extra, '--import', 'tsx', path.join(ROOT, script)];
}

/** The bench entry of the mock: its bundle under plain node with npm start's node flags, or through tsx. */
function mockCommand(kind: MockKind, extraNodeArgs: string[] = []): string[] {
  return kind === 'mock' ? [...mockNodeArgs, ...extraNodeArgs, BENCH_BUNDLE] : tsxArgs('scripts/bench/mock-server.ts', extraNodeArgs);
}

async function startMock(kind: MockKind, extraNodeArgs: string[] = []): Promise<{ child: Child; port: number; readyMs: number }> {
  const child = startChild(kind, process.execPath, mockCommand(kind, extraNodeArgs));
  const a = await child.announced;
  return { child, port: a.port as number, readyMs: a.readyMs as number };
}

/** npm start's build step (`node scripts/build-mock.mjs`, timed: it runs before every npm start), then the bench
 *  entry bundled with the same options (imported from that file). Returns the build's wall time in ms. */
async function buildBundles(): Promise<number> {
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-mock.mjs')], { cwd: ROOT, encoding: 'utf8' });
  const ms = Math.round(performance.now() - t);
  if (r.status !== 0 || !existsSync(CLI_BUNDLE)) throw new Error(`node scripts/build-mock.mjs failed: ${r.stderr}`);
  await buildMock('scripts/bench/mock-server.ts', path.relative(ROOT, BENCH_BUNDLE));
  return ms;
}

function must(env: Envelope, what: string): Envelope {
  if (!env.success) throw new Error(`${what} failed: ${env.code} ${env.message}`);
  return env;
}

/** Logs a ready customer in and creates one draft order; returns the three endpoints to measure. */
async function prepareMock(port: number): Promise<{ endpoints: Endpoint[]; token: string; customerId: string; orderId: string; editBody: Record<string, string> }> {
  const accounts = await sendJson<{ customers: { customerId: string; phoneNumber: string; password: string }[] }>(port, 'GET', '/__mock/accounts');
  const c = accounts.customers[0]!;
  const login = must(await postForm<Envelope>(port, '/user/CustomerLoginController', { phone_number: c.phoneNumber, password: c.password }), 'customerLogin');
  const token = login.token ?? ((login.obj as Record<string, unknown> | null)?.login_token as string);
  const reserved = must(await postForm<Envelope>(port, '/order/getOrderIdController', { login_token: token }), 'getOrderId');
  const orderId = typeof reserved.obj === 'string' ? reserved.obj : String((reserved.obj as Record<string, unknown>).orderId);
  const editBody: Record<string, string> = {
    login_token: token,
    customerId: c.customerId,
    orderId,
    ...PACKAGE_STEP,
  };
  must(await postForm<Envelope>(port, '/order/editOrderPackageController', editBody), 'editOrderPackage');
  const form = (p: Record<string, string>) => new URLSearchParams(p).toString();
  return {
    token,
    customerId: c.customerId,
    orderId,
    editBody,
    endpoints: [
      { key: '22', label: '#22 queryProduct (read)', path: '/order/queryProductController', body: form({ companyId: COMPANY_ID }) },
      { key: '20', label: '#20 queryOrdersByOrderId (authenticated read)', path: '/order/queryOrdersByOrderIdController', body: form({ login_token: token, orderId }) },
      { key: '14', label: '#14 editOrderPackage (write)', path: '/order/editOrderPackageController', body: form(editBody) },
    ],
  };
}

function wiremockMappings(dir: string, captured: { path: string; contentType: string; body: string }[]): void {
  mkdirSync(path.join(dir, 'mappings'), { recursive: true });
  mkdirSync(path.join(dir, '__files'), { recursive: true });
  captured.forEach((c, i) => {
    const mapping = {
      request: { method: 'POST', urlPath: c.path },
      response: { status: 200, headers: { 'Content-Type': c.contentType }, body: c.body },
    };
    writeFileSync(path.join(dir, 'mappings', `m${i}.json`), JSON.stringify(mapping));
  });
}

async function startPeers(captured: { path: string; contentType: string; body: string }[], tmp: string): Promise<Partial<Record<SystemName, { child: Child; port: number }>>> {
  const out: Partial<Record<SystemName, { child: Child; port: number }>> = {};
  if (ONLY.has('bare')) {
    const routesFile = path.join(tmp, 'bare-routes.json');
    writeFileSync(routesFile, JSON.stringify(captured));
    const child = startChild('bare', process.execPath, [...tsxArgs('scripts/bench/bare-server.ts'), routesFile]);
    out.bare = { child, port: (await child.announced).port as number };
  }
  if (ONLY.has('wiremock')) {
    const dir = path.join(tmp, 'wiremock');
    wiremockMappings(dir, captured);
    const port = await freePort();
    const child = startChild('wiremock', 'java', [
      '-jar',
      WIREMOCK_JAR,
      '--port',
      String(port),
      '--bind-address',
      HOST,
      '--root-dir',
      dir,
      '--disable-banner',
      '--no-request-journal',
      '--disable-request-logging',
    ]);
    await waitFor(async () => (await request(port, 'POST', captured[0]!.path, '')).status === 200, 60_000, 50);
    out.wiremock = { child, port };
  }
  if (ONLY.has('prism')) {
    const port = await freePort();
    const child = startChild('prism', PRISM, ['mock', path.join(ROOT, 'openapi/openapi.yaml'), '--host', HOST, '--port', String(port), '-v', 'error']);
    await waitFor(async () => (await request(port, 'POST', captured[0]!.path, 'companyId=20150901000001')).status === 200, 120_000, 100);
    out.prism = { child, port };
  }
  return out;
}

interface StartupResult {
  /** The command spawned (npm start's, or start:dev's). */
  command: string;
  /** Spawn -> first 200 answer of #22, three runs. */
  firstAnswerMs: number[];
}

/** npm start's own command (`mock`: the bundle under node, already built) or start:dev's (`mock-tsx`: tsx mock/cli.ts). */
function startCommand(kind: MockKind, port: number): { cmd: string; args: string[]; shown: string } {
  const flags = ['--port', String(port)];
  return kind === 'mock'
    ? { cmd: process.execPath, args: [...mockNodeArgs, CLI_BUNDLE, ...flags], shown: `node ${mockNodeArgs.join(' ')} mock/dist/cli.mjs` }
    : { cmd: TSX, args: [path.join(ROOT, 'mock/cli.ts'), ...flags], shown: 'tsx mock/cli.ts' };
}

/** Spawn of the start command -> first 200 of #22, three times (the median counts). */
async function measureStartup(kind: MockKind): Promise<StartupResult> {
  const firstAnswerMs: number[] = [];
  let shown = '';
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const c = startCommand(kind, port);
    shown = c.shown;
    const t0 = performance.now();
    const child = startChild(`${kind}-startup`, c.cmd, c.args);
    try {
      await waitFor(async () => (await request(port, 'POST', '/order/queryProductController', '', 'application/x-www-form-urlencoded', {}, 1000)).status === 200, 30_000, 2);
      firstAnswerMs.push(Math.round(performance.now() - t0));
    } finally {
      await child.stop();
    }
  }
  return { command: shown, firstAnswerMs };
}

interface ListTiming {
  samples: number;
  /** Client side (HTTP round trip on loopback). */
  p50: number;
  p99: number;
  /** Server side: the journal's durationMs (request received -> answer sent). */
  serverP50: number;
  serverP99: number;
  lastPageMs: number;
}

interface ListResult {
  orders: number;
  loadMs: number;
  /** #19 queryOrders: one customer owning every order. */
  customer: ListTiming;
  /** #26 querySellerApproveOrders: the company's orders awaiting seller approval (a sixth of them). */
  seller: ListTiming;
}

/** Times `samples` sequential page requests spread over every page, after a warm-up; plus the last page. */
async function timePages(port: number, path: string, params: Record<string, string>, pages: number, samples = 300): Promise<ListTiming> {
  const body = (page: number) => new URLSearchParams({ ...params, currentPageNum: String(page), pageSize: '10' }).toString();
  const first = JSON.parse((await request(port, 'POST', path, body(1))).body.toString('utf8')) as Envelope;
  must(first, path);
  if (!Array.isArray(first.list) || first.list.length !== 10) throw new Error(`${path} page 1 has ${first.list?.length ?? 'no'} rows`);
  for (let i = 0; i < 100; i++) await request(port, 'POST', path, body(1 + ((i * 7919) % pages)));
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const page = 1 + ((i * 104729) % pages);
    const t = performance.now();
    const r = await request(port, 'POST', path, body(page));
    times.push(performance.now() - t);
    if (r.status !== 200) throw new Error(`${path} page ${page} -> ${r.status}`);
  }
  const journal = await sendJson<{ requests: { url: string; durationMs: number }[] }>(port, 'GET', `/__mock/requests?limit=${samples}`);
  const server = journal.requests.filter((r) => r.url.startsWith(path)).map((r) => r.durationMs);
  const tl = performance.now();
  await request(port, 'POST', path, body(pages));
  const lastPageMs = performance.now() - tl;
  return {
    samples,
    p50: round(quantile(times, 0.5)),
    p99: round(quantile(times, 0.99)),
    serverP50: round(quantile(server, 0.5)),
    serverP99: round(quantile(server, 0.99)),
    lastPageMs: round(lastPageMs),
  };
}

/** Loads `n` orders of one new customer (the "many orders" scenario: the store's bulk path), then times pages of #19 and #26. */
async function measureList(port: number, n: number): Promise<ListResult> {
  await sendJson(port, 'POST', '/__mock/reset');
  const t0 = performance.now();
  const { ids } = await sendJson<{ ids: Record<string, unknown> }>(port, 'POST', '/__mock/scenarios/many%20orders', { count: n, customers: 1 });
  const loadMs = performance.now() - t0;
  const token = String(ids.login_token);
  const customerId = String(ids.customerId);
  const companyId = String(ids.companyId);
  // every status but 100504 (deleted) shows in the customer's list; a sixth of the orders await seller approval
  const customer = await timePages(port, '/order/queryOrdersController', { login_token: token, customerId }, Math.floor((n * 5) / 6 / 10));
  const seller = await timePages(port, '/order/querySellerApproveOrdersController', { login_token: String(ids.seller_login_token), companyId, status: '' }, Math.floor(n / 6 / 10));
  return { orders: n, loadMs: round(loadMs, 0), customer, seller };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'openapi/generated/openapi.json'))) throw new Error('openapi/generated/openapi.json is missing: run npm run spec:types first');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'partywo-bench-'));
  const children: Child[] = [];
  const t0 = performance.now();
  const loadBefore = os.loadavg();
  try {
    log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
    if (loadBefore[0]! > os.cpus().length * 0.5) log('warning: the machine is busy; numbers (p99 above all) carry the noise of other processes');
    const buildMs = await buildBundles();
    log(`npm start's build (node scripts/build-mock.mjs): ${buildMs} ms`);
    const profDir = path.join(ROOT, '.artifacts/prof');
    if (PROFILE) mkdirSync(profDir, { recursive: true });
    const mock = await startMock('mock', PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
    children.push(mock.child);
    const prep = await prepareMock(mock.port);
    const captured = [];
    for (const e of prep.endpoints) {
      const r = await request(mock.port, 'POST', e.path, e.body);
      captured.push({ path: e.path, contentType: String(r.headers['content-type'] ?? 'application/json; charset=utf-8'), body: r.body.toString('utf8') });
    }
    const ports: Partial<Record<SystemName, number>> = { mock: mock.port };
    const endpointsOf: Partial<Record<SystemName, Endpoint[]>> = { mock: prep.endpoints };
    if (SYSTEMS.includes('mock-tsx')) {
      const b = await startMock('mock-tsx');
      children.push(b.child);
      ports['mock-tsx'] = b.port;
      endpointsOf['mock-tsx'] = (await prepareMock(b.port)).endpoints; // its own customer token and draft order
    }
    const peers = await startPeers(captured, tmp);
    for (const [k, v] of Object.entries(peers)) {
      children.push(v.child);
      ports[k as SystemName] = v.port;
    }
    log(`servers up in ${Math.round(performance.now() - t0)} ms: ${SYSTEMS.map((s) => `${s}:${ports[s]}`).join(' ')}`);
    const endpoint = (s: SystemName, i: number) => (endpointsOf[s] ?? prep.endpoints)[i]!;

    // warm-up (JIT, connection pools): not measured
    for (const s of SYSTEMS) for (let i = 0; i < prep.endpoints.length; i++) await load({ port: ports[s]!, path: endpoint(s, i).path, body: endpoint(s, i).body, durationS: 1 });

    const best: Record<string, Partial<Record<SystemName, LoadResult & { round: number }>>> = {};
    for (let r = 0; r < ROUNDS; r++) {
      // alternate: each round starts with another system and runs the other way round, so no one always
      // runs right after the same neighbour (whose GC or JIT would be charged to it)
      const order = SYSTEMS.map((_, i) => SYSTEMS[(i + r) % SYSTEMS.length]!);
      if (r % 2 === 1) order.reverse();
      prep.endpoints.forEach((e) => (best[e.key] ??= {}));
      for (let i = 0; i < prep.endpoints.length; i++) {
        const e = prep.endpoints[i]!;
        for (const s of order) {
          const res = await load({ port: ports[s]!, path: endpoint(s, i).path, body: endpoint(s, i).body, durationS: DURATION_S });
          log(`round ${r + 1} ${pad(s, 8)} ${pad(e.label, 48)} ${Math.round(res.rps)} req/s p99 ${res.p99} ms${res.non2xx || res.errors ? ` (non-2xx ${res.non2xx}, errors ${res.errors})` : ''}`);
          const cur = best[e.key]!;
          if (!cur[s] || res.rps > cur[s]!.rps) cur[s] = { ...res, round: r + 1 };
        }
      }
    }
    // the write endpoint must still answer success after the load
    const check = JSON.parse((await request(mock.port, 'POST', prep.endpoints[2]!.path, prep.endpoints[2]!.body)).body.toString('utf8')) as Envelope;
    must(check, 'editOrderPackage after load');
    for (const c of children.splice(0)) if (c !== mock.child) await c.stop();
    children.push(mock.child);

    let list: ListResult | null = null;
    if (!SKIP_LIST && ONLY.has('mock')) {
      log(`list latency: loading ${LIST_ORDERS} orders...`);
      list = await measureList(mock.port, LIST_ORDERS);
      log(`list latency at ${list.orders} orders: #19 p50 ${list.customer.p50} ms p99 ${list.customer.p99} ms; #26 p50 ${list.seller.p50} ms p99 ${list.seller.p99} ms (loaded in ${list.loadMs} ms)`);
    }
    for (const c of children.splice(0)) await c.stop();

    const startup: Partial<Record<MockKind, StartupResult>> = {};
    if (!SKIP_STARTUP) {
      for (const kind of ['mock', 'mock-tsx'] as const) if (SYSTEMS.includes(kind) || kind === 'mock') startup[kind] = await measureStartup(kind);
    }

    // ---- report ----
    const ratio = (a?: number, b?: number) => (a && b ? round(a / b, 2) : null);
    const rows: string[] = [];
    const throughput: Record<string, unknown> = {};
    for (const e of prep.endpoints) {
      const b = best[e.key] ?? {};
      throughput[e.key] = {
        label: e.label,
        ...Object.fromEntries(SYSTEMS.map((s) => [s, b[s] ? { rps: Math.round(b[s]!.rps), p50: b[s]!.p50, p99: b[s]!.p99, non2xx: b[s]!.non2xx, errors: b[s]!.errors, round: b[s]!.round } : null])),
        ratios: {
          mockVsBare: ratio(b.mock?.rps, b.bare?.rps),
          mockVsWiremock: ratio(b.mock?.rps, b.wiremock?.rps),
          mockVsPrism: ratio(b.mock?.rps, b.prism?.rps),
          mockTsxVsBare: ratio(b['mock-tsx']?.rps, b.bare?.rps),
        },
      };
      rows.push(`${pad(e.label, 48)} ${SYSTEMS.map((s) => pad(b[s] ? `${Math.round(b[s]!.rps)} (p99 ${b[s]!.p99})` : '-', 17)).join(' ')}`);
      rows.push(
        `${pad('', 48)} mock/bare ${ratio(b.mock?.rps, b.bare?.rps) ?? '-'}, mock/WireMock ${ratio(b.mock?.rps, b.wiremock?.rps) ?? '-'}, mock/Prism ${ratio(b.mock?.rps, b.prism?.rps) ?? '-'}` +
          (b['mock-tsx'] ? `; mock-tsx/bare ${ratio(b['mock-tsx'].rps, b.bare?.rps) ?? '-'}` : ''),
      );
    }
    const b22 = best['22'] ?? {};
    const b20 = best['20'] ?? {};
    const median = (r?: StartupResult) => (r ? quantile(r.firstAnswerMs, 0.5) : null);
    const targets = [
      { name: '#22 mock/bare >= 0.60', value: ratio(b22.mock?.rps, b22.bare?.rps), target: 0.6 },
      { name: '#20 mock/bare >= 0.40', value: ratio(b20.mock?.rps, b20.bare?.rps), target: 0.4 },
      { name: '#22 mock/WireMock >= 1.5', value: ratio(b22.mock?.rps, b22.wiremock?.rps), target: 1.5 },
      { name: '#22 mock/Prism >= 10', value: ratio(b22.mock?.rps, b22.prism?.rps), target: 10 },
      { name: 'ready: spawn -> first answer < 1000 ms (npm start)', value: median(startup.mock), target: 1000, below: true },
      { name: `#19 list page p99 < 5 ms at ${list?.orders ?? LIST_ORDERS} orders`, value: list?.customer.p99 ?? null, target: 5, below: true },
      { name: `#26 list page p99 < 5 ms at ${list?.orders ?? LIST_ORDERS} orders`, value: list?.seller.p99 ?? null, target: 5, below: true },
    ].map((t) => ({ ...t, met: t.value === null ? null : t.below ? t.value < t.target : t.value >= t.target }));

    const startupLine = (kind: MockKind, label: string) => {
      const r = startup[kind];
      return r ? `  ${pad(label, 26)} ${pad(r.command, 44)} spawn -> first #22 answer ${r.firstAnswerMs.join(' / ')} ms (median ${median(r)})` : null;
    };
    const loadAfter = os.loadavg();
    const lines = [
      '',
      `partywo mock benchmark - ${new Date().toISOString()} - ${os.cpus().length} cpus, node ${process.version}, load average ${loadBefore[0]!.toFixed(1)} -> ${loadAfter[0]!.toFixed(1)}`,
      `autocannon, 10 connections, ${DURATION_S} s per measurement, ${ROUNDS} alternating rounds, best round kept`,
      '',
      `${pad('req/s (p99 ms)', 48)} ${SYSTEMS.map((s) => pad(s, 17)).join(' ')}`,
      ...rows,
      '',
      `startup (the full spec compiled); npm start's build step (node scripts/build-mock.mjs) took ${buildMs} ms before it:`,
      ...[startupLine('mock', 'npm start (bundle built)'), startupLine('mock-tsx', 'npm run start:dev (tsx)')].filter((x): x is string => x !== null),
      `  bench entry listening ${mock.readyMs} ms after its process started`,
      list
        ? `list pages (pageSize 10, ${list.customer.samples} requests each, client / server side) at ${list.orders} orders (bulk load ${list.loadMs} ms):\n` +
          `  #19 queryOrders (one customer):          p50 ${list.customer.p50} / ${list.customer.serverP50} ms, p99 ${list.customer.p99} / ${list.customer.serverP99} ms, last page ${list.customer.lastPageMs} ms\n` +
          `  #26 querySellerApproveOrders (company):  p50 ${list.seller.p50} / ${list.seller.serverP50} ms, p99 ${list.seller.p99} / ${list.seller.serverP99} ms, last page ${list.seller.lastPageMs} ms`
        : 'list: skipped',
      '',
      'targets:',
      ...targets.map((t) => `  ${t.met === null ? '?   ' : t.met ? 'ok  ' : 'MISS'} ${pad(t.name, 58)} ${t.value ?? '-'}`),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    const results = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, node: process.version, loadavgBefore: loadBefore, loadavgAfter: loadAfter },
      settings: { durationS: DURATION_S, rounds: ROUNDS, connections: 10, systems: SYSTEMS },
      throughput,
      build: { command: 'node scripts/build-mock.mjs', ms: buildMs },
      startup,
      list,
      targets,
      totalSeconds: Math.round((performance.now() - t0) / 1000),
    };
    writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
    log(`wrote ${path.relative(ROOT, OUT)} in ${results.totalSeconds} s total`);
  } finally {
    for (const c of children) await c.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
