// Bundles the mock's own TypeScript (mock/cli.ts and what it imports) into mock/dist/cli.mjs with esbuild,
// so `npm start` runs plain Node: no TypeScript compiler at start-up (ready in well under a second) and no
// tsx loader on the request path. Dependencies stay external (node_modules). mock/dist/ sits at the same
// depth as mock/http/, so the bundle's import.meta.url-relative paths (spec, console files) still resolve.
// The one build definition: `npm start` runs this file; the benchmark (scripts/bench.ts) imports
// `buildMock` to bundle its own server entry with the same options.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The esbuild options of the mock bundle (entry and output aside). */
export const mockBuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

/** Node flags `npm start` runs the bundle with (package.json "start"). */
export const mockNodeArgs = ['--enable-source-maps'];

/** Bundles `entry` (relative to the repository root) into `outfile` (keep it in mock/dist/). */
export async function buildMock(entry = 'mock/cli.ts', outfile = 'mock/dist/cli.mjs') {
  await build({ ...mockBuildOptions, absWorkingDir: ROOT, entryPoints: [entry], outfile });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await buildMock();
