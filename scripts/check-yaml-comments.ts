// `npm run spec:check` (part): fails when text in openapi/**/*.yaml was cut off by YAML, because " #" in an
// unquoted value starts a comment (`finding: token from #4, ...` keeps only "token from").
import path from 'node:path';
import { openapiDir, repoRoot } from './lib/paths';
import { checkYamlSources } from './lib/yaml-comments';

const found = await checkYamlSources(openapiDir);
if (found.length === 0) {
  console.log('✓ openapi/: no text lost to YAML comments');
} else {
  console.log(`✗ openapi/: ${found.length} unquoted values lose their end to a " #" comment (quote them):`);
  for (const f of found) console.log(`  - ${path.relative(repoRoot, f.file)}:${f.line}: "${f.value.slice(-40)}" #${f.comment.slice(0, 60)}`);
  process.exitCode = 1;
}
