// Builds openapi/generated/: the bundled documents (one JSON each, every $ref internal) and their types.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { composeIntroduction } from './introduction';
import { runRedocly } from './redocly';
import { specDocuments, type SpecName } from './paths';

/** An OpenAPI document as parsed JSON. */
export type OpenApiDocument = Record<string, unknown> & {
  info?: Record<string, unknown>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
};

/** One generated file: its name inside openapi/generated/ and its exact text. */
export interface GeneratedFile {
  name: string;
  text: string;
}

/**
 * Bundles a multi-file OpenAPI document into one JSON object whose `$ref`s all point inside it
 * (`#/components/...`), with Redocly CLI and the repository's redocly.yaml. Throws with Redocly's output
 * when a reference does not resolve or two components would get the same name.
 */
export async function bundleDocument(root: string, options: { force?: boolean } = {}): Promise<OpenApiDocument> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'partywo-bundle-'));
  const out = path.join(dir, 'bundle.json');
  try {
    const args = ['bundle', root, '--ext', 'json', '-o', out, '--component-renaming-conflicts-severity', 'error'];
    if (options.force) args.push('--force');
    const result = await runRedocly(args);
    if (result.code !== 0) {
      throw new Error(`redocly bundle ${path.relative(process.cwd(), root)} failed:\n${result.stdout}${result.stderr}`);
    }
    return JSON.parse(await fs.readFile(out, 'utf8')) as OpenApiDocument;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The bundled main document as it is committed: the introduction (with its generated tables) is injected. */
export async function bundleMainDocument(root: string, options: { force?: boolean } = {}): Promise<OpenApiDocument> {
  const doc = await bundleDocument(root, options);
  doc.info = { ...(doc.info ?? {}), description: await composeIntroduction(doc) };
  return doc;
}

/**
 * TypeScript declarations for a bundled document, as the openapi-typescript CLI writes them with
 * `--default-non-nullable false`: a parameter or property with a `default` stays optional unless the spec
 * lists it as required (the tool's default would make every defaulted one required, e.g. #23's `role`).
 */
export async function generateTypes(doc: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(structuredClone(doc) as unknown as OpenAPI3, { silent: true, defaultNonNullable: false });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every file of openapi/generated/, computed from the sources (nothing is written). */
export async function buildGeneratedFiles(options: { types?: boolean } = {}): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const { name, root } of specDocuments) {
    const doc = name === 'openapi' ? await bundleMainDocument(root) : await bundleDocument(root);
    files.push({ name: `${name}.json`, text: jsonText(doc) });
    if (options.types ?? true) files.push({ name: `${name}.d.ts`, text: await generateTypes(doc) });
  }
  return files;
}

/** Writes the files into `dir` (created when missing). */
export async function writeGeneratedFiles(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const file of files) await fs.writeFile(path.join(dir, file.name), file.text, 'utf8');
}

/** Names of the files in `dir` whose content differs from `files` (or that are missing). */
export async function staleFiles(dir: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    const current = await fs.readFile(path.join(dir, file.name), 'utf8').catch(() => undefined);
    if (current !== file.text) stale.push(file.name);
  }
  return stale;
}

export type { SpecName };
