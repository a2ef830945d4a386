// Tag "backoffice" (order side): the seller, risk and disbursement lists, the two approvals and the
// approval records (#26-#30, #33). Thin adapters.
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../domain/accounts/state';
import type { ApproveInput } from '../../domain/orders/orders';
import { approveOrder, visibleOrder } from '../../domain/orders/orders';
import type { ListView } from '../../domain/orders/slice';
import { approveRecordView, companyOf, orderRow, pageOfList } from '../../domain/orders/views';
import { accept } from '../../domain/types';
import { success } from '../envelope';
import type { OpContext } from '../operations';
import { defineOperations } from '../operations';
import { pageRequest } from './orders';

function list(op: OpContext, role: StaffRole, view: ListView) {
  const actor = op.staff([role]);
  const companyId = op.run(() => ({ ...companyOf(actor, op.opt('companyId')), events: [], effects: [] }));
  const page = op.run((db) => accept(pageOfList(db, view, companyId, op.opt('status') ?? '', pageRequest(op))));
  return success({ obj: page.page, list: page.rows.map(orderRow), message: '' });
}

/** A decision as the back office sends it (#27, #29, #34): the staff user of `login_token`, the order and
 *  the approval fields. */
export function approvalInput(op: OpContext): ApproveInput {
  return {
    actor: op.staff(),
    orderId: op.str('orderId'),
    approveResult: op.opt('approveResult'),
    approvePerson: op.opt('approvePerson'),
    approveName: op.opt('approveName'),
    approveRemarks: op.opt('approveRemarks'),
  };
}

function approve(op: OpContext, stage: 'seller' | 'risk') {
  const input = approvalInput(op);
  op.run((db, ctx) => approveOrder(db, { ...input, stage }, ctx));
  return success({ message: '审批完成' });
}

export default async function backofficeOrdersRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #26
    querySellerApproveOrders: (op) => list(op, 'seller', 'seller'),
    // #27
    sellerApproveOrder: (op) => approve(op, 'seller'),
    // #28
    queryRiskManagementApproveOrders: (op) => list(op, 'risk', 'risk'),
    // #29
    riskManagementApproveOrder: (op) => approve(op, 'risk'),
    // #30
    queryWaitingForPayOrders: (op) => list(op, 'finance', 'loan'),

    // #33: staff of the order's company (any role) or the order's customer
    getApproveRecordsByOrderId(op) {
      const records = op.runAsUser((who, db) => {
        const o = visibleOrder(db, who, op.str('orderId'));
        if (!o.ok) return o;
        const rs = o.value.approveRecordIds.map((id) => db.state.orders.approveRecords[id]).filter((r) => r !== undefined);
        return accept(rs.map(approveRecordView), o.events);
      });
      return success({ list: records, message: '' });
    },
  });
}
