// The ruleset of redocly.yaml (with the partywo plugin) and scripts/check-examples.ts really catch what they
// are meant to: a document breaking each rule fails, a document following them passes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../scripts/lib/examples';
import { repoRoot } from '../../scripts/lib/paths';
import { runRedocly } from '../../scripts/lib/redocly';
import { findSwallowedText } from '../../scripts/lib/yaml-comments';
import { bundleDocument } from '../../scripts/lib/spec-build';

const fixtures = path.join(repoRoot, 'openapi', 'test', 'fixtures');

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
}

async function lint(file: string): Promise<{ code: number; problems: LintProblem[] }> {
  const result = await runRedocly(['lint', path.join(fixtures, file), '--format', 'json']);
  const report = JSON.parse(result.stdout) as { problems: LintProblem[] };
  return { code: result.code, problems: report.problems };
}

describe('redocly.yaml ruleset', () => {
  it('passes a document that follows every rule', async () => {
    const { code, problems } = await lint('lint-good.yaml');
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  });

  it('fails a document that breaks them, naming each rule', async () => {
    const { code, problems } = await lint('lint-bad.yaml');
    expect(code).not.toBe(0);
    const errors = problems.filter((p) => p.severity === 'error');
    const rules = new Set(errors.map((p) => p.ruleId));
    for (const rule of [
      'operation-operationId',
      'operation-summary',
      'rule/operation-tag-required',
      'rule/operation-summary-chinese',
      'partywo/operation-envelope',
      'partywo/operation-examples',
      'partywo/security-finding-shape',
      'partywo/legacy-source-values',
      'no-invalid-media-type-examples',
    ]) {
      expect(rules, rule).toContain(rule);
    }
    const examples = errors.filter((p) => p.ruleId === 'partywo/operation-examples').map((p) => p.message);
    expect(examples).toEqual(
      expect.arrayContaining([
        expect.stringContaining('request body needs an example'),
        expect.stringContaining('named success example'),
        expect.stringContaining('failure example'),
        expect.stringContaining('named `examples`'),
      ]),
    );
  });
});

describe('scripts/check-examples.ts', () => {
  it('accepts valid examples and lists each invalid one with the reason', async () => {
    const good = checkExamples(await bundleDocument(path.join(fixtures, 'lint-good.yaml')));
    expect(good.problems).toEqual([]);
    expect(good.checked).toBeGreaterThanOrEqual(3);

    const bad = checkExamples(await bundleDocument(path.join(fixtures, 'lint-bad.yaml')));
    expect(bad.problems).toEqual([
      {
        label: 'POST /user/CustomerLoginOutController · request application/x-www-form-urlencoded · example "wrongPhone"',
        errors: ['/phone_number: must match pattern "^1[3578]\\d{9}$"'],
      },
    ]);
  });
});

describe('scripts/check-yaml-comments.ts', () => {
  it('finds text that an unquoted " #" turned into a comment, and nothing else', () => {
    const yaml = [
      'finding: The only proof is the token from #4, whose lifetime is unknown',
      "quoted: 'the token from #4 survives'",
      'block: |',
      '  the token from #4 survives in a block',
      '# a comment on its own line',
      'plain: no hash here',
    ].join('\n');
    expect(findSwallowedText(yaml, 'x.yaml')).toEqual([
      { file: 'x.yaml', line: 1, value: 'The only proof is the token from', comment: '4, whose lifetime is unknown' },
    ]);
  });
});
