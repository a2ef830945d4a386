// `npm run pact:check-spec`: every interaction of the pacts must be allowed by the OpenAPI spec (request
// and response), checked by @pactflow/swagger-mock-validator against the bundled spec
// (openapi/generated/openapi.json). A consumer that asks for something the spec does not promise
// fails here, before any backend is involved. Response fields outside the spec are errors
// (additionalPropertiesInResponse=false).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SwaggerMockValidatorFactory } from '@pactflow/swagger-mock-validator';
import { BUNDLED_SPEC, REPO_ROOT } from '../shared/names';
import { ensurePacts, readPact, type PactFile } from '../shared/pact-files';

/** One finding of the validator. */
export interface SpecFinding {
  code: string;
  message: string;
  interaction?: string;
  location?: string;
}

/** The result for one pact file. */
export interface SpecCheckResult {
  file: string;
  ok: boolean;
  errors: SpecFinding[];
  warnings: SpecFinding[];
}

interface ValidatorFinding {
  code: string;
  message: string;
  mockDetails?: { interactionDescription?: string; location?: string };
}
interface ValidatorOutcome {
  success: boolean;
  errors: ValidatorFinding[];
  warnings: ValidatorFinding[];
  failureReason?: string;
}

/**
 * The iframe uploads (#17, uploadIcon) answer the envelope as JSON *text* served as text/html
 * (client-facts.md §1.6), and the spec declares that text/html content with the envelope schema. The
 * pact stores such a body as a string; give the validator the parsed JSON so the schema is checked.
 */
export function normaliseForValidation(pact: PactFile): PactFile {
  const copy = structuredClone(pact);
  for (const i of copy.interactions) {
    const body = i.response.body;
    if (body && typeof body.content === 'string' && /^text\/html/i.test(body.contentType ?? '')) {
      try {
        body.content = JSON.parse(body.content);
      } catch {
        // not JSON text: leave it to the validator
      }
    }
  }
  return copy;
}

const finding = (f: ValidatorFinding): SpecFinding => ({
  code: f.code,
  message: f.message,
  interaction: f.mockDetails?.interactionDescription,
  location: f.mockDetails?.location,
});

/** Checks each pact file against the spec. */
export async function checkPactsAgainstSpec(files: string[], specPath = BUNDLED_SPEC): Promise<SpecCheckResult[]> {
  if (!fs.existsSync(specPath)) throw new Error(`${path.relative(REPO_ROOT, specPath)} is missing: run \`npm run spec:types\` first`);
  const validator = SwaggerMockValidatorFactory.create();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'partywo-spec-check-'));
  const results: SpecCheckResult[] = [];
  try {
    for (const file of files) {
      const copy = path.join(tmp, path.basename(file));
      fs.writeFileSync(copy, JSON.stringify(normaliseForValidation(readPact(file))));
      const outcome = (await validator.validate({ specPathOrUrl: specPath, mockPathOrUrl: copy })) as ValidatorOutcome;
      results.push({ file, ok: outcome.success, errors: outcome.errors.map(finding), warnings: outcome.warnings.map(finding) });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}

async function main(): Promise<number> {
  const files = ensurePacts();
  const results = await checkPactsAgainstSpec(files);
  let errors = 0;
  for (const r of results) {
    const pact = readPact(r.file);
    const name = path.relative(REPO_ROOT, r.file);
    if (r.ok) console.log(`✓ ${name}: ${pact.interactions.length} interactions allowed by the spec${r.warnings.length ? ` (${r.warnings.length} warnings)` : ''}`);
    else console.log(`✗ ${name}: ${r.errors.length} errors`);
    for (const e of r.errors) console.log(`  ✗ [${e.code}] ${e.interaction ?? ''}: ${e.message} (${e.location ?? ''})`);
    for (const w of r.warnings) console.log(`  ! [${w.code}] ${w.interaction ?? ''}: ${w.message} (${w.location ?? ''})`);
    errors += r.errors.length;
  }
  return errors === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'contracts/spec-check/check-spec.ts')) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`pact:check-spec failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
