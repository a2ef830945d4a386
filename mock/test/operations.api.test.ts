// Every operationId of the spec is served by exactly one route (at its spec path), and every handler a
// route plugin declares exists in the spec.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helper';

const t = useTestApp();

describe('operations', () => {
  it('every operationId in the spec has exactly one route, and no handler is left unserved', () => {
    const { app } = t();
    const inSpec = [...app.spec.operations.keys()].sort();
    expect([...app.servedOperations.keys()].sort()).toEqual(inSpec);
    expect(app.unservedOperations).toEqual([]);
    for (const [id, path] of app.servedOperations) expect(path).toBe(app.spec.operations.get(id)!.path);
  });

  it('the spec holds the whole operation catalogue (44 documented + 2 undocumented)', () => {
    const catalogue = parse(readFileSync(fileURLToPath(new URL('../../openapi/operations.yaml', import.meta.url)), 'utf8')) as {
      operations: { operationId: string; path: string }[];
    };
    const spec = t().app.spec.operations;
    const missing = catalogue.operations.filter((o) => spec.get(o.operationId)?.path !== o.path).map((o) => `${o.operationId} ${o.path}`);
    expect(missing).toEqual([]);
  });

  it('each route answers GET and POST at its legacy path (never 404)', async () => {
    for (const path of t().app.servedOperations.values()) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await t().app.inject({ method, url: path });
        expect(res.statusCode, `${method} ${path}`).not.toBe(404);
        expect(res.statusCode, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });
});
