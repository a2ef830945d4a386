// Reading, filtering and (re)creating the pact files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACT_DIR, PAYMENT_PLATFORM_CONSUMER, PROVIDER, REPO_ROOT, WEB_CONSUMER, pactFileName } from './names';

/** The parts of a V4 pact file the kit reads. */
export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata?: Record<string, unknown>;
}
export interface PactInteraction {
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: { method: string; path: string; query?: Record<string, string[]>; headers?: Record<string, string[]>; body?: { content?: unknown; contentType?: string; encoded?: unknown } };
  response: { status: number; headers?: Record<string, string[]>; body?: { content?: unknown; contentType?: string; encoded?: unknown } };
  [key: string]: unknown;
}

/** The pact files both consumers write for partywo-api. */
export const expectedPactFiles = (dir = PACT_DIR): string[] => [WEB_CONSUMER, PAYMENT_PLATFORM_CONSUMER].map((c) => path.join(dir, pactFileName(c, PROVIDER)));

export function readPact(file: string): PactFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PactFile;
}

/** Runs the consumer suites (they write contracts/pacts/); throws when they fail. */
export function runConsumerSuites(dir = PACT_DIR): void {
  const vitest = path.join(REPO_ROOT, 'node_modules/.bin/vitest');
  const r = spawnSync(vitest, ['run', '--project', 'pact', 'contracts/consumer'], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, PACT_DIR: dir } });
  if (r.status !== 0) throw new Error('the consumer suites failed (vitest run --project pact contracts/consumer); no pacts');
}

/** The pact files, running the consumer suites first when any is missing (a fresh clone). */
export function ensurePacts(dir = PACT_DIR): string[] {
  const files = expectedPactFiles(dir);
  if (files.some((f) => !fs.existsSync(f))) {
    console.log(`pact files missing in ${path.relative(REPO_ROOT, dir) || dir}: running the consumer suites first`);
    runConsumerSuites(dir);
  }
  return files;
}

/**
 * Writes a copy of `file` keeping only the interactions whose description is listed, into a fresh
 * temp folder; throws when a description is not in the pact (stale pacts: rerun the consumer suites).
 */
export function pactSubset(file: string, descriptions: readonly string[]): string {
  const pact = readPact(file);
  const wanted = new Set(descriptions);
  const kept = pact.interactions.filter((i) => wanted.has(i.description));
  const missing = descriptions.filter((d) => !kept.some((i) => i.description === d));
  if (missing.length > 0) throw new Error(`not in ${path.basename(file)}: ${missing.join('; ')} (run npm run pact:consumer)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partywo-pact-'));
  const out = path.join(dir, path.basename(file));
  fs.writeFileSync(out, JSON.stringify({ ...pact, interactions: kept }, null, 2));
  return out;
}
