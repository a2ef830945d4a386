// `npm run spec:types` / `npm run spec:bundle`: writes openapi/generated/ from the hand-written documents.
//   tsx scripts/generate-spec.ts                 bundles (openapi.json, mock-admin.json) and generates types (*.d.ts)
//   tsx scripts/generate-spec.ts --bundle-only   only the bundled JSON documents
//   tsx scripts/generate-spec.ts --check         writes nothing; exits 1 when a committed file is stale
//   tsx scripts/generate-spec.ts --out DIR       writes into DIR instead of openapi/generated/
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatedDir, repoRoot } from './lib/paths';
import { buildGeneratedFiles, staleFiles, writeGeneratedFiles } from './lib/spec-build';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'bundle-only': { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const dir = path.resolve(values.out ?? generatedDir);
  const files = await buildGeneratedFiles({ types: !values['bundle-only'] });
  if (values.check) {
    const stale = await staleFiles(dir, files);
    if (stale.length > 0) {
      console.error(`✗ stale generated files in ${path.relative(repoRoot, dir)}: ${stale.join(', ')}. Run \`npm run spec:types\` and commit them.`);
      return 1;
    }
    console.log(`✓ ${files.length} generated files are up to date`);
    return 0;
  }
  await writeGeneratedFiles(dir, files);
  for (const file of files) console.log(`✓ ${path.relative(repoRoot, path.join(dir, file.name))}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
