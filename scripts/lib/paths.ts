// Fixed locations of the repository, shared by the spec scripts and their tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (the folder holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared` beside the repository: the legacy document, the client facts and the design notes. */
export const sharedDir = path.resolve(repoRoot, '..', 'shared');

export const openapiDir = path.join(repoRoot, 'openapi');
export const generatedDir = path.join(openapiDir, 'generated');
export const docsDir = path.join(repoRoot, 'docs');

/** The two hand-written OpenAPI documents and the names their generated files carry. */
export const specDocuments = [
  { name: 'openapi', root: path.join(openapiDir, 'openapi.yaml') },
  { name: 'mock-admin', root: path.join(openapiDir, 'mock-admin.yaml') },
] as const;

export type SpecName = (typeof specDocuments)[number]['name'];

/** An executable of node_modules/.bin. */
export function bin(name: string): string {
  return path.join(repoRoot, 'node_modules', '.bin', name);
}
