// Tag "loans": the repayment schedule of an order, one record, the disbursement (#31, #32, #34).
import type { FastifyInstance } from 'fastify';
import { authenticate } from '../../domain/accounts/auth';
import { loanByOrderId } from '../../domain/orders/loans';
import { repaymentRecordView, repaymentRecordsOf } from '../../domain/orders/views';
import { visibleRecord } from '../../domain/payments/payment';
import { accept } from '../../domain/types';
import { success } from '../envelope';
import { defineOperations } from '../operations';

export default async function loansRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #31: the order's customer or staff of its company; an order without a loan has an empty schedule
    getRepaymentRecordByOrderId(op) {
      const token = op.str('login_token');
      const rows = op.run((db, ctx) => {
        const who = authenticate(db, token, ctx.now);
        if (!who.ok) return who;
        const r = repaymentRecordsOf(db, who.value, op.str('orderId'));
        if (!r.ok) return { ...r, events: [...who.events, ...r.events] };
        return accept(r.value.records.map((x) => repaymentRecordView(x, ctx.now)), who.events);
      });
      return success({ list: rows, message: '' });
    },

    // #32
    getRepaymentRecordByRepaymentRecordId(op) {
      const token = op.str('login_token');
      const row = op.run((db, ctx) => {
        const who = authenticate(db, token, ctx.now);
        if (!who.ok) return who;
        const r = visibleRecord(db, who.value, op.str('repaymentRecordId'));
        if (!r.ok) return { ...r, events: [...who.events, ...r.events] };
        return accept(repaymentRecordView(r.value, ctx.now), who.events);
      });
      return success({ obj: row, message: '' });
    },

    // #34: finance of the order's company; approval fields as the back office sends them
    loanByOrderId(op) {
      const actor = op.staff();
      const r = op.run((db, ctx) =>
        loanByOrderId(
          db,
          {
            actor,
            orderId: op.str('orderId'),
            approveResult: op.opt('approveResult'),
            approvePerson: op.opt('approvePerson'),
            approveName: op.opt('approveName'),
            approveRemarks: op.opt('approveRemarks'),
          },
          ctx,
        ),
      );
      return success({ message: r.record.approveResult ? '放款成功' : '已拒绝放款' });
    },
  });
}
