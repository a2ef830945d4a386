// Tag "orders": order id, the three-step wizard, materials, the customer's list, one order, deletion
// (#13-#21). Thin adapters: parameters -> one domain call -> envelope.
import type { FastifyInstance } from 'fastify';
import type { ApplicantField, PackageField, WireFields } from '../../domain/orders/orders';
import {
  APPLICANT_FIELDS,
  PACKAGE_FIELDS,
  deleteOrder,
  deleteOrderMaterial,
  editOrderComplete,
  editOrderCustomerInfo,
  editOrderPackage,
  reserveOrderId,
  uploadOrderMaterial,
  visibleOrder,
} from '../../domain/orders/orders';
import { materialView, materialsOf, orderObject, orderRow, pageOfList } from '../../domain/orders/views';
import { accept, refuse } from '../../domain/types';
import { sniffImageType } from '../../store/blobs';
import { success } from '../envelope';
import type { OpContext } from '../operations';
import { defineOperations } from '../operations';

/** The page asked for: `currentPageNum` (default 1) and `pageSize` (default 10), as the spec bounds them. */
export function pageRequest(op: OpContext): { currentPageNum: number; pageSize: number } {
  const n = Number(op.opt('currentPageNum') ?? 1);
  const size = Number(op.opt('pageSize') ?? 10);
  return {
    currentPageNum: Number.isInteger(n) && n >= 1 ? n : 1,
    pageSize: Number.isInteger(size) && size >= 1 && size <= 100 ? size : 10,
  };
}

/** The wire fields of `names` that the request carries (absent = unchanged; empty = cleared). */
function fieldsOf<K extends string>(op: OpContext, names: readonly K[]): WireFields<K> {
  const out: WireFields<K> = {};
  for (const k of names) if (k in op.params) out[k] = op.params[k] ?? null;
  return out;
}

export default async function ordersRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #13: tokenless; a token, when sent, must be a live customer token
    getOrderId(op) {
      if (op.opt('login_token')) op.customer();
      return success({ obj: op.run((db, ctx) => reserveOrderId(db, {}, ctx)), message: '' });
    },

    // #14
    editOrderPackage(op) {
      const actor = op.customer(op.str('customerId'));
      const fields = fieldsOf<PackageField>(op, PACKAGE_FIELDS);
      // 2016 names, used when the 2015 ones are absent
      if (fields.packageMoney === undefined && op.opt('applyPackageMoney')) fields.packageMoney = op.opt('applyPackageMoney');
      if (fields.fenQiTimes === undefined && op.opt('applyFenQiTimes')) fields.fenQiTimes = op.opt('applyFenQiTimes');
      // an empty value counts as not sent (the wizard posts every field, filled or not)
      for (const k of PACKAGE_FIELDS) if (fields[k] === null) delete fields[k];
      const r = op.run((db, ctx) => editOrderPackage(db, { actor, orderId: op.str('orderId'), fields }, ctx));
      return success({ obj: r.orderId, token: r.token, message: '' });
    },

    // #15
    editOrderCustomerInfo(op) {
      const actor = op.customer(op.opt('customerId'));
      const fields = fieldsOf<ApplicantField>(op, APPLICANT_FIELDS);
      const r = op.run((db, ctx) => editOrderCustomerInfo(db, { actor, orderId: op.str('orderId'), fields, stepToken: op.opt('token') }, ctx));
      return success({ obj: r.orderId, token: r.token, message: '' });
    },

    // #16
    editOrderComplete(op) {
      const actor = op.customer(op.opt('customerId'));
      op.run((db, ctx) => editOrderComplete(db, { actor, orderId: op.str('orderId'), stepToken: op.opt('token') }, ctx));
      return success({ obj: '', token: '', message: '' });
    },

    // #17: multipart from a hidden iframe; the answer is bare JSON served as text/html
    uploadOrderMaterial: {
      html: true,
      handler(op) {
        const actor = op.customer(op.str('customerId'));
        const file = op.file('orderMaterialFile');
        const type = sniffImageType(file.data);
        if (!type) return op.fail('FILE_TYPE_INVALID', file.filename ? `文件 ${file.filename.slice(0, 60)}` : null);
        const m = op.run((db, ctx) =>
          uploadOrderMaterial(db, { actor, orderId: op.str('orderId'), orderMaterialType: op.str('orderMaterialType'), contentType: type.contentType, size: file.data.length }, ctx),
        );
        // synchronous after the decision: no request can see the material without its file
        op.session.blobs.put(m.fileKey, type.contentType, file.data, m.uploadTime);
        return success({ obj: op.fileUrl(m.fileKey), message: m.orderMaterialId });
      },
    },

    // #18
    deleteOrderMaterial(op) {
      const actor = op.customer(op.opt('customerId'));
      op.run((db, ctx) => deleteOrderMaterial(db, { actor, orderMaterialId: op.str('orderMaterialId') }, ctx));
      return success({ obj: '', token: '', message: '' });
    },

    // #19: the customer's own orders
    queryOrders(op) {
      const actor = op.customer(op.opt('customerId'));
      const page = op.run((db) => accept(pageOfList(db, 'customer', actor.customer.customerId, op.opt('status') ?? '', pageRequest(op))));
      return success({ obj: page.page, list: page.rows.map(orderRow), message: '' });
    },

    // #20: the order's customer, or staff of its company; `customerId`, when sent, must be the order's customer
    queryOrdersByOrderId(op) {
      const customerId = op.opt('customerId');
      const r = op.runAsUser((who, db) => {
        const o = visibleOrder(db, who, op.str('orderId'));
        if (!o.ok) return o;
        if (customerId && customerId !== o.value.customerId) return refuse('FORBIDDEN', `customerId ${customerId}`, o.events);
        return accept({ order: orderObject(o.value), materials: materialsOf(db, o.value) }, o.events);
      });
      return success({ obj: r.order, list: r.materials.map((m) => materialView(m, op.fileUrl)), message: '' });
    },

    // #21: the order's customer, or staff of its company
    deleteOrderByOrderId(op) {
      op.runAsUser((who, db, ctx) => deleteOrder(db, { actor: who, orderId: op.str('orderId') }, ctx));
      return success({ message: '' });
    },
  });
}
