// The mock's static code tables equal the spec's code families (the labels #8 and #44 serve are the
// spec's `x-enumDescriptions`).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BANK_CODES, BASE_CODES, codeLabel } from '../domain/codes';

const dir = fileURLToPath(new URL('../../openapi/components/schemas/codes/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const schemas = files.map((f) => parse(readFileSync(dir + f, 'utf8')) as { 'x-code-family'?: string; enum: string[]; 'x-enumDescriptions': Record<string, string>; title: string });
const families = schemas.filter((s) => s['x-code-family']);


describe('code tables', () => {
  it.each(families.map((s) => [s['x-code-family']!, s] as const))('family %s equals the spec', (family, schema) => {
    expect(BASE_CODES[family]).toEqual(schema['x-enumDescriptions']);
    expect(Object.keys(BASE_CODES[family]!).sort()).toEqual([...schema.enum].sort());
  });

  it('the mock serves exactly the families the spec documents', () => {
    expect(Object.keys(BASE_CODES).sort()).toEqual(families.map((s) => s['x-code-family']!).sort());
  });

  it('keys are in ascending order (the client takes the last 1008 key as repaymentType)', () => {
    for (const table of Object.values(BASE_CODES)) {
      const keys = Object.keys(table);
      expect(keys).toEqual([...keys].sort((a, b) => Number(a) - Number(b)));
    }
    expect(codeLabel('100802')).toBe('按月等额本金');
    expect(codeLabel('999999')).toBeNull();
  });

  it('bank codes equal the spec', () => {
    const bank = schemas.find((s) => s.title === 'BankCode')!;
    expect(BANK_CODES).toEqual(bank['x-enumDescriptions']);
  });
});
