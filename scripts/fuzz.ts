// `npm run fuzz`: our own fuzzer (scripts/fuzz/). For every operation of the spec, fast-check generates
// malformed requests from its request schema (and schema-valid ones), sends them over real HTTP to the mock
// running as a child process (or to --url, or in process with --in-process), under concurrency, and judges
// every answer. Seeded and reproducible: the seed is printed; `--seed S --op X --case N` replays one case.
//   --seed N         fast-check seed (default: a random one, printed)
//   --runs N         malformed requests per operation (default 400)
//   --valid N        schema-valid requests per operation (default runs / 4)
//   --op a,b         only these operations
//   --case N         only case N of the operation(s) (replay)
//   --concurrency N  requests in flight (default 16)
//   --url URL        fuzz a running mock (its session `fuzz`, via X-Mock-Session) instead of starting one
//   --in-process     app.inject instead of HTTP (what the npm test run does)
//   --no-big-files   skip the 10 MiB upload edge
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../mock/app';
import { startChild } from './bench/harness';
import { injectSender } from './conformance/client';
import { sendRaw } from './fuzz/http';
import type { Send } from './fuzz/runner';
import { fuzzSummary } from './fuzz/summary';
import { runFuzz } from './fuzz/runner';
import { loadSpecModel } from './fuzz/spec-model';
import { repoRoot } from './lib/paths';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      runs: { type: 'string' },
      valid: { type: 'string' },
      op: { type: 'string' },
      case: { type: 'string' },
      concurrency: { type: 'string' },
      url: { type: 'string' },
      'in-process': { type: 'boolean' },
      'no-big-files': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('npm run fuzz -- [--seed N] [--runs 400] [--valid N] [--op a,b] [--case N] [--concurrency 16] [--url URL | --in-process] [--no-big-files]');
    return;
  }
  const int = (v: string | undefined, d: number) => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`not an integer: ${v}`);
    return n;
  };
  const seed = int(values.seed, (Math.random() * 2 ** 31) | 0);
  const malformed = int(values.runs, 400);
  const spec = loadSpecModel();
  let send: Send;
  let alive: (() => Promise<boolean>) | undefined;
  let stop = async () => {};
  let errorLines = 0;
  if (values['in-process']) {
    const app = await buildApp({ clockStart: '2015-09-01T02:00:00.000Z', callbackDelayMs: 10 * 60_000 });
    await app.ready();
    send = injectSender(app);
    stop = () => app.close();
  } else if (values.url) {
    const url = values.url;
    send = (req) => sendRaw(url, { ...req, headers: { 'x-mock-session': 'fuzz', ...req.headers } });
  } else {
    const child = startChild('mock', process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/fuzz/server.ts')]);
    child.proc.stdout!.on('data', (c: Buffer) => {
      errorLines += (c.toString('utf8').match(/"level":50/g) ?? []).length;
    });
    const { port } = (await child.announced) as { port: number };
    const url = `http://127.0.0.1:${port}`;
    send = (req) => sendRaw(url, req);
    alive = async () => child.proc.exitCode === null && child.proc.signalCode === null && (await sendRaw(url, { method: 'GET', path: '/__mock/health', headers: {} }).then((r) => r.status === 200, () => false));
    stop = async () => {
      const died = child.proc.exitCode !== null || child.proc.signalCode !== null;
      if (died) console.log(`the mock exited (${child.proc.exitCode ?? child.proc.signalCode}):\n${child.output().slice(-3000)}`);
      await child.stop();
    };
    console.log(`fuzzing the mock at ${url} (child process ${child.proc.pid})`);
  }
  const unhandled: unknown[] = [];
  process.on('unhandledRejection', (e) => unhandled.push(e));
  try {
    const report = await runFuzz({
      spec,
      send,
      seed,
      malformed,
      valid: int(values.valid, Math.ceil(malformed / 4)),
      operations: values.op?.split(',').map((s) => s.trim()),
      caseIndex: values.case === undefined ? undefined : int(values.case, 0),
      concurrency: int(values.concurrency, 16),
      bigFiles: !values['no-big-files'],
      alive,
      onOperation: (op, v) => console.log(`  ${op.padEnd(38)} ${String(v.length).padStart(5)} requests, ${v.filter((x) => x.problems.length).length} failing`),
    });
    for (const l of fuzzSummary(report)) console.log(l);
    console.log(`  server error log lines: ${errorLines}; unhandled rejections in the fuzzer: ${unhandled.length}`);
    const ok = report.failures.length === 0 && report.fiveXX === 0 && !report.serverDied && errorLines === 0 && unhandled.length === 0;
    console.log(ok ? 'fuzz: PASS' : `fuzz: FAIL (replay one case: npm run fuzz -- --seed ${seed} --op <operationId> --case <n>)`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
