// Reference data queries: base codes (#8), products (#22), companies (#25), bank codes (#44).
import { BANK_CODES, BASE_CODES } from '../codes';
import type { CodeTable } from '../codes';
import { domainError } from '../errors';
import type { Db } from '../state';
import type { Result } from '../types';
import type { Company, Product } from './state';

/** #8: the tables of the comma-separated `parents`; an unknown family is named in the error. */
export function baseCodesOf(parents: string): Result<Record<string, CodeTable>> {
  const out: Record<string, CodeTable> = {};
  for (const raw of parents.split(',')) {
    const family = raw.trim();
    if (!family) continue;
    const table = BASE_CODES[family];
    if (!table) return { ok: false, error: domainError('BASE_CODE_FAMILY_UNKNOWN', family) };
    out[family] = table;
  }
  if (Object.keys(out).length === 0) return { ok: false, error: domainError('PARAM_INVALID', 'parents 为空') };
  return { ok: true, value: out };
}

/** #22: products, of one company when `companyId` is given, ordered by productId. */
export function productsOf(db: Db, companyId: string | null): Product[] {
  return Object.values(db.state.reference.products)
    .filter((p) => !companyId || p.companyId === companyId)
    .sort((a, b) => a.productId.localeCompare(b.productId));
}

/** #25: all companies, ordered by companyId. */
export function companiesOf(db: Db): Company[] {
  return Object.values(db.state.reference.companies).sort((a, b) => a.companyId.localeCompare(b.companyId));
}

/** #44: bank code -> bank name. */
export function bankCodes(): CodeTable {
  return BANK_CODES;
}
