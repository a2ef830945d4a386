// openapi/generated/ is what `npm run spec:types` writes from the sources (never stale, never hand-edited),
// and the bundled documents are usable at run time: every $ref internal, every operation's schemas compile.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSpecValidator, pointerToken, resolvePointer } from '../../mock/http/spec-ajv';
import { generatedDir } from '../../scripts/lib/paths';
import { buildGeneratedFiles, staleFiles, writeGeneratedFiles, type GeneratedFile } from '../../scripts/lib/spec-build';
import { listOperations } from '../../scripts/lib/spec-walk';

let fresh: GeneratedFile[];

beforeAll(async () => {
  fresh = await buildGeneratedFiles();
});

function refsOf(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) refsOf(child, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsOf(value, found);
    }
  }
  return found;
}

describe('openapi/generated/', () => {
  it('holds the bundled documents and their types', () => {
    expect(fresh.map((f) => f.name).sort()).toEqual(['mock-admin.d.ts', 'mock-admin.json', 'openapi.d.ts', 'openapi.json']);
  });

  it('is up to date with openapi/ (else run `npm run spec:types` and commit)', async () => {
    expect(await staleFiles(generatedDir, fresh)).toEqual([]);
  });

  it('the staleness check notices a changed file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'partywo-generated-'));
    try {
      await writeGeneratedFiles(dir, fresh);
      expect(await staleFiles(dir, fresh)).toEqual([]);
      await fs.appendFile(path.join(dir, 'openapi.d.ts'), '// edited by hand\n');
      expect(await staleFiles(dir, fresh)).toEqual(['openapi.d.ts']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it.each(['openapi.json', 'mock-admin.json'])('%s: every $ref points inside the document and resolves', (name) => {
    const doc = JSON.parse(fresh.find((f) => f.name === name)!.text) as unknown;
    const refs = refsOf(doc);
    expect(refs.filter((ref) => !ref.startsWith('#/'))).toEqual([]);
    expect(refs.filter((ref) => resolvePointer(doc, ref) === undefined)).toEqual([]);
  });

  it('openapi.json: Ajv compiles the request body and the 200 response of every operation', () => {
    const doc = JSON.parse(fresh.find((f) => f.name === 'openapi.json')!.text) as Record<string, unknown>;
    const validator = createSpecValidator(doc);
    let compiled = 0;
    for (const { path: route, method, operation } of listOperations(doc)) {
      const base = `#/paths/${pointerToken(route)}/${method}`;
      for (const [part, holder] of [
        ['requestBody', operation.requestBody],
        ['responses/200', (operation.responses as Record<string, unknown> | undefined)?.['200']],
      ] as const) {
        const content = (holder as { content?: Record<string, { schema?: unknown }> } | undefined)?.content ?? {};
        for (const [mediaType, media] of Object.entries(content)) {
          if (media.schema === undefined) continue;
          expect(() => validator.at(`${base}/${part}/content/${pointerToken(mediaType)}/schema`), `${method} ${route} ${part} ${mediaType}`).not.toThrow();
          compiled++;
        }
      }
    }
    expect(compiled).toBeGreaterThan(0);
  });

  it('openapi.json carries the partner introduction with its generated tables', () => {
    const doc = JSON.parse(fresh.find((f) => f.name === 'openapi.json')!.text) as { info: { description: string } };
    expect(doc.info.description).toContain('## The envelope');
    expect(doc.info.description).not.toContain('<!-- partywo:');
  });
});
