// Tag "reference": base codes (#8), products (#22), companies (#25), bank codes (#44).
import type { FastifyInstance } from 'fastify';
import { bankCodes, baseCodesOf, companiesOf, productsOf } from '../../domain/accounts/reference';
import { EnvelopeError, success } from '../envelope';
import { defineOperations } from '../operations';

export default async function referenceRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #8
    getBaseCodeByParents(op) {
      const r = baseCodesOf(op.str('parents'));
      if (!r.ok) throw new EnvelopeError(r.error);
      return success({ obj: r.value });
    },
    // #22 (the client filters by companyId; the document says "no parameters")
    queryProduct(op) {
      return success({ list: productsOf(op.session.db, op.opt('companyId')) });
    },
    // #25
    queryCompany(op) {
      return success({ list: companiesOf(op.session.db) });
    },
    // #44
    getBankCode() {
      return success({ obj: bankCodes() });
    },
  });
}
