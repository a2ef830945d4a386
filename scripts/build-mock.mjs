// Bundles the mock's own TypeScript (mock/cli.ts and what it imports) into mock/dist/cli.mjs with esbuild,
// so `npm start` runs plain Node: no TypeScript compiler at start-up (ready in well under a second) and no
// tsx loader on the request path. Dependencies stay external (node_modules). mock/dist/ sits at the same
// depth as mock/http/, so the bundle's import.meta.url-relative paths (spec, console files) still resolve.
import { build } from 'esbuild';

await build({
  entryPoints: ['mock/cli.ts'],
  outfile: 'mock/dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
