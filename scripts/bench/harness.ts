// Pieces of the benchmark (scripts/bench.ts): child servers on free loopback ports, HTTP helpers,
// autocannon runs and percentiles. Nothing here asserts speed; scripts/test/bench-harness.unit... only
// checks that the pieces work.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import autocannon from 'autocannon';

export const HOST = '127.0.0.1';

/** A free TCP port on loopback (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One HTTP request on loopback (keep-alive); `body` is sent as is with `contentType`. */
export function request(
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  contentType = 'application/x-www-form-urlencoded',
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (body !== undefined) {
      h['content-type'] = contentType;
      h['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: HOST, port, method, path, headers: h, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** POST a form (legacy transport) and parse the JSON answer. */
export async function postForm<T = Record<string, unknown>>(port: number, path: string, params: Record<string, string> = {}): Promise<T> {
  const res = await request(port, 'POST', path, new URLSearchParams(params).toString());
  return JSON.parse(res.body.toString('utf8')) as T;
}

/** POST/PUT JSON (admin API) and parse the JSON answer. */
export async function sendJson<T = Record<string, unknown>>(port: number, method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(port, method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
  if (res.status >= 400) throw new Error(`${method} ${path} -> ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(res.body.toString('utf8')) as T;
}

/** Polls `probe` until it resolves true (bounded by `timeoutMs`); returns the elapsed ms. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 5): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      if (await probe()) return performance.now() - start;
    } catch {
      // not up yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface Child {
  name: string;
  proc: ChildProcess;
  /** stdout + stderr so far (bounded). */
  output(): string;
  /** First JSON line the child printed on stdout that has a `port` (our bench entries print one). */
  announced: Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Spawns a server process; its output is kept for error messages. */
export function startChild(name: string, cmd: string, args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (c: Buffer) => {
    out += c.toString('utf8');
    if (out.length > 20_000) out = out.slice(-20_000);
  };
  let lineBuf = '';
  const announced = new Promise<Record<string, unknown>>((resolve, reject) => {
    proc.stdout!.on('data', (c: Buffer) => {
      keep(c);
      lineBuf += c.toString('utf8');
      let nl: number;
      while ((nl = lineBuf.indexOf('\n')) >= 0) {
        const line = lineBuf.slice(0, nl).trim();
        lineBuf = lineBuf.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        try {
          const v = JSON.parse(line) as Record<string, unknown>;
          if (typeof v.port === 'number') resolve(v);
        } catch {
          // a log line
        }
      }
    });
    proc.on('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before announcing its port:\n${out}`)));
    proc.on('error', reject);
  });
  announced.catch(() => {});
  proc.stderr!.on('data', keep);
  return {
    name,
    proc,
    output: () => out,
    announced,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

export interface LoadSpec {
  port: number;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  contentType?: string;
  durationS: number;
  connections?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run on loopback. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const r = await autocannon({
    url: `http://${HOST}:${spec.port}${spec.path}`,
    method: spec.method ?? 'POST',
    headers: spec.body !== undefined ? { 'content-type': spec.contentType ?? 'application/x-www-form-urlencoded' } : {},
    body: spec.body,
    connections: spec.connections ?? 10,
    pipelining: 1,
    duration: spec.durationS,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** The q-quantile (0..1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Rounds for the table. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
