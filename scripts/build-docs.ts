// `npm run docs:build`: the partner docs, one self-contained HTML file (docs/index.html) that works with no
// network at all: Redoc's scripts are inlined (Redocly CLI `build-docs --inlineBundle`), the fonts are the
// system's, and the one image Redoc would fetch from its CDN (the "API docs by Redocly" logo) is inlined.
//   tsx scripts/build-docs.ts [--out docs/index.html]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isObject, type JsonObject } from '../mock/http/spec-ajv';
import { docsDir, repoRoot, specDocuments } from './lib/paths';
import { runRedocly } from './lib/redocly';
import { bundleMainDocument, jsonText } from './lib/spec-build';

export const DOCS_TITLE = 'partywo API 接口文档 (legacy, 2015)';

/** A small inline stand-in for the Redocly logo Redoc loads from cdn.redoc.ly (keeps the attribution, needs no network). */
const REDOCLY_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#0044d4">Redocly</text></svg>',
)}`;
const CDN_IMAGES = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

/** Resources a browser would load from the network when opening the page: `src`/`href` of scripts, styles, images, fonts. */
export function networkResources(html: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc\s*=\s*["']?(https?:)?\/\/[^"'\s>]+/gi,
    /<link\b[^>]*\bhref\s*=\s*["']?(https?:)?\/\/[^"'\s>]+/gi,
    /@import\s+(?:url\()?["']?(https?:)?\/\/[^"')\s]+/gi,
    /url\(\s*["']?https?:\/\/[^"')\s]+/gi,
  ];
  for (const pattern of patterns) for (const match of html.matchAll(pattern)) found.add(match[0]);
  for (const url of CDN_IMAGES) if (html.includes(url)) found.add(url);
  return [...found];
}

function findingText(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter(isObject).map(
    (f) => `> **Security finding 安全发现 (${String(f.severity)}):** ${String(f.finding ?? f.title ?? f.description ?? '')}<br/>**Fix 修复建议:** ${String(f.fix ?? '')}`,
  );
}

/** The legacy annotations of a node (`x-legacy-*`, `x-undocumented`, `x-security-finding`) as markdown for partners. */
function legacyNotes(node: JsonObject, isOperation: boolean): string[] {
  const notes: string[] = [];
  if (isOperation) {
    if (typeof node['x-legacy-number'] === 'number') notes.push(`**Legacy document 接口文档:** #${node['x-legacy-number']}`);
    if (node['x-undocumented'] === true) notes.push('**Undocumented 文档未列出:** called by the 2015-09 client, absent from the legacy document.');
  } else if (typeof node['x-legacy-source'] === 'string') {
    notes.push(`_Source 来源: ${node['x-legacy-source']}_`);
  }
  if (typeof node['x-legacy-divergence'] === 'string') notes.push(`> **Divergence 文档与客户端不一致:** ${node['x-legacy-divergence']}`);
  notes.push(...findingText(node['x-security-finding']));
  return notes;
}

/**
 * A copy of the bundled document whose operations and schemas show their legacy annotations in their
 * descriptions: Redoc's own rendering of extensions prints objects as raw JSON.
 */
export function withLegacyNotes(doc: JsonObject): JsonObject {
  const copy = structuredClone(doc);
  const skip = new Set(['example', 'examples', 'x-enumDescriptions']);
  const visit = (node: unknown, parentKey: string | undefined): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, undefined);
      return;
    }
    if (!isObject(node)) return;
    const isOperation = typeof node.operationId === 'string' && isObject(node.responses);
    const notes = parentKey === 'info' ? [] : legacyNotes(node, isOperation);
    if (notes.length > 0) node.description = [typeof node.description === 'string' ? node.description : '', ...notes].filter(Boolean).join('\n\n');
    for (const [key, child] of Object.entries(node)) if (!skip.has(key) && !key.startsWith('x-')) visit(child, key);
  };
  visit(copy, undefined);
  return copy;
}

/** Builds the docs into `out`; resolves with the output path and the document rendered. */
export async function buildDocs(out = path.join(docsDir, 'index.html')): Promise<{ out: string; doc: JsonObject }> {
  const root = specDocuments.find((d) => d.name === 'openapi')!.root;
  const doc = withLegacyNotes(await bundleMainDocument(root));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'partywo-docs-'));
  try {
    const bundled = path.join(dir, 'openapi.json');
    await fs.writeFile(bundled, jsonText(doc), 'utf8');
    await fs.mkdir(path.dirname(out), { recursive: true });
    const result = await runRedocly([
      'build-docs',
      bundled,
      '--output',
      out,
      '--inlineBundle',
      '--title',
      DOCS_TITLE,
    ]);
    if (result.code !== 0) throw new Error(`redocly build-docs failed:\n${result.stdout}${result.stderr}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  let html = await fs.readFile(out, 'utf8');
  for (const url of CDN_IMAGES) html = html.split(url).join(REDOCLY_LOGO);
  await fs.writeFile(out, html, 'utf8');
  const remote = networkResources(html);
  if (remote.length > 0) throw new Error(`${path.relative(repoRoot, out)} would load from the network:\n  ${remote.join('\n  ')}`);
  return { out, doc };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const { out } = await buildDocs(values.out ? path.resolve(values.out) : undefined);
  const size = (await fs.stat(out)).size;
  console.log(`✓ ${path.relative(process.cwd(), out)} (${Math.round(size / 1024)} KiB, no network needed)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
