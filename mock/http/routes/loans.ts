// Tag "loans": the repayment schedule of an order, one record, the disbursement (#31, #32, #34).
import type { FastifyInstance } from 'fastify';
import { loanByOrderId } from '../../domain/orders/loans';
import { repaymentRecordView, repaymentRecordsOf } from '../../domain/orders/views';
import { visibleRecord } from '../../domain/payments/payment';
import { accept } from '../../domain/types';
import { success } from '../envelope';
import { defineOperations } from '../operations';
import { approvalInput } from './backoffice-orders';

export default async function loansRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #31: the order's customer or staff of its company; an order without a loan has an empty schedule
    getRepaymentRecordByOrderId(op) {
      const rows = op.runAsUser((who, db, ctx) => {
        const r = repaymentRecordsOf(db, who, op.str('orderId'));
        if (!r.ok) return r;
        return accept(r.value.records.map((x) => repaymentRecordView(x, ctx.now)), r.events);
      });
      return success({ list: rows, message: '' });
    },

    // #32
    getRepaymentRecordByRepaymentRecordId(op) {
      const row = op.runAsUser((who, db, ctx) => {
        const r = visibleRecord(db, who, op.str('repaymentRecordId'));
        if (!r.ok) return r;
        return accept(repaymentRecordView(r.value, ctx.now), r.events);
      });
      return success({ obj: row, message: '' });
    },

    // #34: finance of the order's company; approval fields as the back office sends them
    loanByOrderId(op) {
      const input = approvalInput(op);
      const r = op.run((db, ctx) => loanByOrderId(db, input, ctx));
      return success({ message: r.record.approveResult ? '放款成功' : '已拒绝放款' });
    },
  });
}
