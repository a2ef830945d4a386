// The benchmark's pieces work (no speed is asserted: speed belongs to `npm run bench`): free ports, the
// bare server answering the captured bytes, an autocannon run counting answers, the mock's bench entry
// announcing its port, and the quantile helper.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Child } from '../bench/harness';
import { freePort, load, postForm, quantile, request, startChild } from '../bench/harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const children: Child[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'partywo-bench-test-'));

afterAll(async () => {
  for (const c of children) await c.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('bench harness', () => {
  it('quantile takes the nearest rank', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.99)).toBe(5);
    expect(quantile([7], 0.5)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('freePort gives distinct usable ports', async () => {
    const [a, b] = [await freePort(), await freePort()];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it('the bare server answers the captured bytes and autocannon counts its answers', async () => {
    const body = JSON.stringify({ success: true, obj: null, list: [{ productId: '201509010001', productName: '悦享家' }], message: null, code: null, token: null });
    const routes = path.join(dir, 'routes.json');
    writeFileSync(routes, JSON.stringify([{ path: '/order/queryProductController', contentType: 'application/json; charset=utf-8', body }]));
    const bare = startChild('bare', process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/bare-server.ts'), routes]);
    children.push(bare);
    const port = (await bare.announced).port as number;
    const r = await request(port, 'POST', '/order/queryProductController', 'companyId=20150901000001');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.body.toString('utf8')).toBe(body);
    const res = await load({ port, path: '/order/queryProductController', body: 'companyId=20150901000001', durationS: 1, connections: 2 });
    expect(res.requests).toBeGreaterThan(0);
    expect(res.non2xx).toBe(0);
    expect(res.errors).toBe(0);
  });

  it('the mock bench entry announces its port and serves the legacy API', async () => {
    const mock = startChild('mock', process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/mock-server.ts')]);
    children.push(mock);
    const a = await mock.announced;
    expect(a.readyMs).toEqual(expect.any(Number));
    const env = await postForm<{ success: boolean; list: { productName: string }[] }>(a.port as number, '/order/queryProductController', { companyId: '20150901000001' });
    expect(env.success).toBe(true);
    expect(env.list.map((p) => p.productName)).toContain('悦享家');
  });
});
