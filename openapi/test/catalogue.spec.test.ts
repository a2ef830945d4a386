// The spec covers the legacy API: every numbered endpoint of the document at its legacy path, the two
// undocumented endpoints the 2015-09 client calls, every parameter the document names and every parameter
// the 2015-09 client sends (client-facts.md sections 3 and 4).
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseClientSends, parseLegacyEndpoints, clientFactsFile, legacyApiFile, type ClientSends, type LegacyEndpoint } from '../../scripts/lib/legacy';
import { openapiDir } from '../../scripts/lib/paths';
import { bundleDocument, type OpenApiDocument } from '../../scripts/lib/spec-build';
import { listOperations, requestParameterNames, type OperationEntry } from '../../scripts/lib/spec-walk';

interface CatalogueEntry {
  number: number | null;
  tag: string;
  path: string;
  operationId: string;
}

const endpoints: LegacyEndpoint[] = parseLegacyEndpoints(await fs.readFile(legacyApiFile, 'utf8'));
const clientSends: ClientSends[] = parseClientSends(await fs.readFile(clientFactsFile, 'utf8'));
const catalogue = (parse(await fs.readFile(path.join(openapiDir, 'operations.yaml'), 'utf8')) as { operations: CatalogueEntry[] }).operations;
const undocumented = catalogue.filter((c) => c.number === null);

let doc: OpenApiDocument;
let operations: OperationEntry[];

/** The operation at a legacy path (the POST, or the GET of #9). */
function operationAt(route: string): OperationEntry | undefined {
  const candidates = operations.filter((o) => o.path === route);
  return candidates.find((o) => o.method === 'post') ?? candidates[0];
}

function operationFor(key: number | string): OperationEntry | undefined {
  const route = typeof key === 'number' ? endpoints.find((e) => e.number === key)?.path : key;
  return route ? operationAt(route) : undefined;
}

beforeAll(async () => {
  // --force: a path file still being written must fail its own test below, not the whole file.
  doc = await bundleDocument(path.join(openapiDir, 'openapi.yaml'), { force: true });
  operations = listOperations(doc);
});

describe('the legacy sources (parser sanity)', () => {
  it('the document lists endpoints #1..#44, each with a title and a path', () => {
    expect(endpoints.map((e) => e.number)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
    for (const e of endpoints) {
      expect(e.title, `#${e.number}`).not.toBe('');
      expect(e.path, `#${e.number}`).toMatch(/^\/[A-Za-z]+\/[A-Za-z]+$/);
    }
  });

  it('client-facts.md gives the 2015-09 client parameters of every endpoint it calls, and the two undocumented ones', () => {
    expect(clientSends.filter((s) => typeof s.key === 'number').map((s) => s.key)).toEqual(endpoints.map((e) => e.number));
    expect(clientSends.filter((s) => typeof s.key === 'string').map((s) => s.key)).toEqual(undocumented.map((c) => c.path));
    // Spot checks of the facts' trickier phrasing: a negated name, an "as #26", sub-bullets.
    const of = (key: number | string) => clientSends.find((s) => s.key === key)!;
    expect(of(7)).toMatchObject({ names: ['customerId'], excluded: ['login_token'] });
    expect(of(28).names).toEqual(expect.arrayContaining(['login_token', 'status', 'currentPageNum', 'companyId']));
    expect(of(42).excluded).toContain('repaymentRecordId');
    expect(of(15).names).toHaveLength(40);
    expect(of(15).excluded).toContain('token');
  });
});

describe('openapi/operations.yaml', () => {
  it('numbers and paths match the legacy document; the undocumented ones are exactly uploadIcon and getPayRecordById', () => {
    const documented = catalogue.filter((c) => c.number !== null).map((c) => ({ number: c.number, path: c.path }));
    expect(documented).toEqual(endpoints.map((e) => ({ number: e.number, path: e.path })));
    expect(undocumented.map((c) => c.operationId)).toEqual(['uploadIcon', 'getPayRecordById']);
  });
});

describe('the spec', () => {
  it('has exactly the 44 documented paths and the 2 undocumented ones', () => {
    const expected = [...endpoints.map((e) => e.path), ...undocumented.map((c) => c.path)].sort();
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(expected);
    expect(operations.map((o) => o.path).sort(), 'one operation per path').toEqual(expected);
  });

  it.each(endpoints.map((e) => [`#${e.number} ${e.path}`, e] as const))('%s: operation with x-legacy-number, operationId, tag and the document title', (_, e) => {
    const entry = operationAt(e.path);
    expect(entry, `no operation at ${e.path}`).toBeDefined();
    const op = entry!.operation;
    const listed = catalogue.find((c) => c.number === e.number)!;
    expect(entry!.method).toBe(e.number === 9 ? 'get' : 'post');
    expect(op['x-legacy-number']).toBe(e.number);
    expect(op.operationId).toBe(listed.operationId);
    expect(op.tags).toEqual([listed.tag]);
    // The Chinese summary is the document's title; where the title is a slip, the description quotes it.
    const summary = String(op.summary ?? '');
    expect(summary === e.title || String(op.description ?? '').includes(e.title), `summary "${summary}" vs document title "${e.title}"`).toBe(true);
  });

  it.each(undocumented.map((c) => [c.path, c] as const))('%s: undocumented operation, marked as such', (_, c) => {
    const entry = operationAt(c.path);
    expect(entry, `no operation at ${c.path}`).toBeDefined();
    const op = entry!.operation;
    expect(entry!.method).toBe('post');
    expect(op.operationId).toBe(c.operationId);
    expect(op.tags).toEqual([c.tag]);
    expect(op['x-undocumented']).toBe(true);
    expect(op['x-legacy-number'] ?? null).toBeNull();
  });

  it.each(endpoints.filter((e) => e.params.length > 0).map((e) => [`#${e.number} ${e.path}`, e] as const))(
    '%s: accepts every parameter the document names',
    (_, e) => {
      const entry = operationAt(e.path);
      expect(entry, `no operation at ${e.path}`).toBeDefined();
      const accepted = requestParameterNames(doc, entry!);
      expect(e.params.filter((name) => !accepted.has(name))).toEqual([]);
    },
  );

  it.each(clientSends.filter((s) => s.names.length > 0).map((s) => [typeof s.key === 'number' ? `#${s.key}` : s.key, s] as const))(
    '%s: accepts every parameter the 2015-09 client sends',
    (_, s) => {
      const entry = operationFor(s.key);
      expect(entry, `no operation for ${String(s.key)}`).toBeDefined();
      const accepted = requestParameterNames(doc, entry!);
      expect(s.names.filter((name) => !accepted.has(name))).toEqual([]);
    },
  );
});
