// contracts/README.md lists every provider state of the catalogue with the keys it returns, and the root
// README's "Pact" section names the commands and variables the backend team needs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../shared/names';
import { stateCatalogue } from '../shared/states';

const contractsReadme = fs.readFileSync(path.join(REPO_ROOT, 'contracts/README.md'), 'utf8');
const rootReadme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

describe('READMEs stay true', () => {
  it('contracts/README.md has a row per provider state with every returned key', () => {
    for (const [name, info] of Object.entries(stateCatalogue)) {
      const row = contractsReadme.split('\n').find((line) => line.startsWith(`| ${name} |`));
      expect(row, name).toBeDefined();
      for (const key of Object.keys(info.provides)) expect(row, `${name}: ${key}`).toContain(`\`${key}\``);
    }
  });

  it('the root README documents the backend team command, the state change payload and the broker variables', () => {
    const pact = rootReadme.slice(rootReadme.indexOf('## Pact'));
    for (const needle of ['npm run pact:verify', 'PROVIDER_BASE_URL', 'PROVIDER_STATES_URL', '"action": "setup"', 'PACT_BROKER_BASE_URL', 'PACT_BROKER_TOKEN', 'PACT_BROKER_USERNAME', 'PACT_PROVIDER_VERSION', 'login_token']) {
      expect(pact, needle).toContain(needle);
    }
  });
});
