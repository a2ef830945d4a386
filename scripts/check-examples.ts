// `npm run spec:check` (second half): validates every example of both OpenAPI documents against its schema
// with Ajv (JSON Schema 2020-12) and exits 1 with a readable list when one does not match.
//   tsx scripts/check-examples.ts                 bundle openapi/openapi.yaml and openapi/mock-admin.yaml afresh
//   tsx scripts/check-examples.ts FILE.json ...   check already bundled documents instead
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkExamples } from './lib/examples';
import { specDocuments, repoRoot } from './lib/paths';
import { bundleDocument } from './lib/spec-build';

async function main(): Promise<number> {
  const files = process.argv.slice(2);
  const documents = files.length
    ? await Promise.all(files.map(async (file) => ({ name: file, doc: JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown> })))
    : await Promise.all(specDocuments.map(async ({ root }) => ({ name: path.relative(repoRoot, root), doc: await bundleDocument(root) })));
  let failed = 0;
  for (const { name, doc } of documents) {
    const { checked, problems } = checkExamples(doc);
    if (problems.length === 0) {
      console.log(`✓ ${name}: all ${checked} examples match their schemas`);
      continue;
    }
    failed += problems.length;
    console.log(`✗ ${name}: ${problems.length} of ${checked} examples do not match their schemas:`);
    for (const problem of problems) {
      console.log(`  - ${problem.label}`);
      for (const error of problem.errors) console.log(`      ${error}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
