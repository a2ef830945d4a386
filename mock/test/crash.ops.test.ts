// kill -9 during load: a real `mock/cli.ts --state-file` process takes concurrent writes (staff sign-ups,
// scenarios, clock moves, in two sessions) and is killed with SIGKILL at a random moment, over and over
// (with a small compaction threshold, so some kills land during compaction). Every restart must load,
// and hold every write that was acknowledged before the kill.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draw32 } from '../store/random';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROUNDS = 6;
const WORKERS = 8;
const SESSIONS = ['default', 'crash'];

let dir: string;
let file: string;
let child: ChildProcess | null = null;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'partywo-crash-'));
  file = path.join(dir, 'state.jsonl');
});
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

// flags decide port and host; environment settings of the developer's shell must not
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['PORT', 'HOST', 'MOCK_STATE_FILE', 'MOCK_LATENCY', 'MOCK_ADMIN_TOKEN'].includes(k)));

/** Starts the real CLI on a free port with the state file; resolves with its port once it listens. */
function start(): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'mock/cli.ts'), '--port', '0', '--state-file', file, '--clock', '2015-09-01T02:00:00.000Z'], {
      cwd: ROOT,
      env: { ...childEnv, MOCK_STATE_COMPACT_BYTES: '32768' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`mock did not start:\n${out}`)), 60_000);
    const onData = (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, port: Number(m[1]) });
      }
      if (out.length > 100_000) out = out.slice(-50_000);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`mock exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

function kill9(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

function post(port: number, url: string, body: string, contentType: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: url, agent, headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function getJson<T>(port: number, url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url }, (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString('utf8')));
        res.on('end', () => resolve(JSON.parse(data) as T));
      })
      .on('error', reject);
  });
}

/** What the clients saw acknowledged, per session. */
interface Acked {
  staffPhones: Set<string>;
  customerIds: Set<string>;
  clock: number;
}

describe('kill -9 during load', () => {
  it(`${ROUNDS} rounds: the state file always loads and holds every acknowledged write`, async () => {
    const acked: Record<string, Acked> = Object.fromEntries(SESSIONS.map((s) => [s, { staffPhones: new Set<string>(), customerIds: new Set<string>(), clock: 0 }]));
    let seq = 0;
    let draws = 0;
    const rnd = (k: number) => draw32(20150901, draws++) % k;
    let totalAcked = 0;
    let interrupted = 0;

    let { proc, port } = await start();
    for (let round = 0; round < ROUNDS; round++) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const s = SESSIONS[rnd(SESSIONS.length)]!;
          const prefix = s === 'default' ? '' : `/s/${s}`;
          const kind = rnd(10);
          try {
            if (kind < 6) {
              const phone = `138${String(10_000_000 + ++seq)}`;
              const r = await post(port, `${prefix}/user/registerUsersController`, `usersPhone=${phone}&password=abc12345&usersName=%E5%91%98%E5%B7%A5&companyId=20150901000001`, 'application/x-www-form-urlencoded', agent);
              if (JSON.parse(r.body).success === true) {
                acked[s]!.staffPhones.add(phone);
                totalAcked++;
              }
            } else if (kind < 8) {
              const r = await post(port, `${prefix}/__mock/scenarios/a%20registered%20customer`, '{}', 'application/json', agent);
              if (r.status === 200) {
                acked[s]!.customerIds.add(String(JSON.parse(r.body).ids.customerId));
                totalAcked++;
              }
            } else {
              const r = await post(port, `${prefix}/__mock/clock`, '{"advanceSeconds":60}', 'application/json', agent);
              if (r.status === 200) {
                const now = Date.parse(JSON.parse(r.body).now);
                if (now > acked[s]!.clock) acked[s]!.clock = now;
                totalAcked++;
              }
            }
          } catch {
            interrupted++; // in flight when the process died: never acknowledged
            if (stop) return;
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      await new Promise((r) => setTimeout(r, 300 + rnd(900)));
      await kill9(proc);
      stop = true;
      await Promise.all(workers);
      agent.destroy();

      ({ proc, port } = await start());
      for (const s of SESSIONS) {
        const prefix = s === 'default' ? '' : `/s/${s}`;
        const dump = await getJson<{ clock: { now: string }; state: { accounts: { staff: Record<string, { usersPhone: string }>; customers: Record<string, unknown> } } }>(port, `${prefix}/__mock/state`);
        const phones = new Set(Object.values(dump.state.accounts.staff).map((x) => x.usersPhone));
        const missingStaff = [...acked[s]!.staffPhones].filter((p) => !phones.has(p));
        const missingCustomers = [...acked[s]!.customerIds].filter((c) => !(c in dump.state.accounts.customers));
        expect(missingStaff, `round ${round + 1}, session ${s}: acknowledged staff lost`).toEqual([]);
        expect(missingCustomers, `round ${round + 1}, session ${s}: acknowledged customers lost`).toEqual([]);
        expect(Date.parse(dump.clock.now), `round ${round + 1}, session ${s}: acknowledged clock lost`).toBeGreaterThanOrEqual(acked[s]!.clock);
      }
    }
    // the load was real: many writes acknowledged, some cut off by the kills
    expect(totalAcked).toBeGreaterThan(ROUNDS * 20);
    expect(acked.crash!.staffPhones.size).toBeGreaterThan(10);
    // a clean stop releases the lock and leaves a file that loads once more
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(readFileSync(file, 'utf8').startsWith('{"t":"snapshot"')).toBe(true);
    ({ proc } = await start());
    await kill9(proc);
    expect(interrupted).toBeGreaterThanOrEqual(0);
  });
});
