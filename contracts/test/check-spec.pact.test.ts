// The pact ⇄ spec check rejects a consumer that asks for something the spec does not promise (a doctored
// copy of the pact, in a temp folder) and still accepts every untouched interaction.
// (`npm run pact:check-spec` checks the real pacts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPactsAgainstSpec } from '../spec-check/check-spec';
import { ensurePacts, readPact } from '../shared/pact-files';

let files: string[];

describe('pact:check-spec', () => {
  beforeAll(() => {
    files = ensurePacts();
  });

  it('fails when a consumer expects what the spec does not promise', async () => {
    const pact = readPact(files[0]!);
    const edit = (description: string, change: (i: (typeof pact.interactions)[number]) => void) => {
      const i = pact.interactions.find((x) => x.description === description);
      if (!i) throw new Error(`no interaction "${description}"`);
      change(i);
    };
    // a response field the spec does not have
    edit('a customer login with the right password', (i) => {
      ((i.response.body!.content as { obj: Record<string, unknown> }).obj).nickName = '小张';
    });
    // a field of the wrong type (deleted is an integer)
    edit('a request for the companies', (i) => {
      ((i.response.body!.content as { list: Record<string, unknown>[] }).list[0]!).deleted = 'no';
    });
    // a required parameter left out of the request
    edit('a customer login with a wrong password', (i) => {
      i.request.body!.content = String(i.request.body!.content).replace(/(^|&)password=[^&]*/, '');
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partywo-doctored-'));
    const doctored = path.join(dir, path.basename(files[0]!));
    fs.writeFileSync(doctored, JSON.stringify(pact));
    const [result] = await checkPactsAgainstSpec([doctored]);
    expect(result!.ok).toBe(false);
    const named = (d: string) => result!.errors.filter((e) => e.interaction === d).map((e) => `${e.code} ${e.message}`).join('\n');
    expect(named('a customer login with the right password')).toMatch(/response\.body\.incompatible.*nickName/);
    expect(named('a request for the companies')).toMatch(/must be integer/);
    expect(named('a customer login with a wrong password')).toMatch(/request\.body\.incompatible.*password/);
    // every other interaction of the pact is still allowed
    const doctoredOnes = new Set(['a customer login with the right password', 'a request for the companies', 'a customer login with a wrong password']);
    expect(result!.errors.filter((e) => !doctoredOnes.has(e.interaction ?? ''))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
