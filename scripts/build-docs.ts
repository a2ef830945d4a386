// `npm run docs:build`: the partner docs, one self-contained HTML file (docs/index.html) that works with no
// network at all: Redoc's scripts are inlined (Redocly CLI `build-docs --inlineBundle`), the fonts are the
// system's, and the one image Redoc would fetch from its CDN (the "API docs by Redocly" logo) is inlined.
//   tsx scripts/build-docs.ts [--out docs/index.html]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
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

/** Builds the docs into `out`; resolves with the output path. */
export async function buildDocs(out = path.join(docsDir, 'index.html')): Promise<string> {
  const root = specDocuments.find((d) => d.name === 'openapi')!.root;
  const doc = await bundleMainDocument(root);
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
      '--openapi.showExtensions=true',
      '--openapi.sortRequiredPropsFirst=true',
      '--openapi.jsonSamplesExpandLevel=3',
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
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = await buildDocs(values.out ? path.resolve(values.out) : undefined);
  const size = (await fs.stat(out)).size;
  console.log(`✓ ${path.relative(process.cwd(), out)} (${Math.round(size / 1024)} KiB, no network needed)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
