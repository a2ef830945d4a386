// Tag "payment-platform": the payment platform's callback (#35). Called by 易宝, never by the app; the
// mock's simulated platform delivers it to itself (mock/http/payments-platform.ts).
import type { FastifyInstance } from 'fastify';
import { repaymentDone } from '../../domain/payments/payment';
import { success } from '../envelope';
import { defineOperations } from '../operations';

export default async function paymentPlatformRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #35: credits a payment in flight exactly once; repeats are acknowledged and change nothing
    repaymentDoneByRepaymentRecordId(op) {
      const r = op.run((db, ctx) => repaymentDone(db, { repaymentRecordId: op.str('repaymentRecordId'), paymentId: op.opt('orderid') }, ctx));
      return success({ message: r.credited ? '还款成功' : '还款已处理' });
    },
  });
}
