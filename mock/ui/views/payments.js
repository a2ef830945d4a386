// Payments in flight and pending callbacks (GET /__mock/payments), flush (POST /__mock/payments/flush),
// and the fund-flow ledger (GET /__mock/ledger).
import { admin } from '../api.js';
import { h, replace, card, bi, button, autoTable } from '../dom.js';

const LEDGER_FIELDS = [
  ['entryId', '编号'],
  ['at', '时间'],
  ['kind', '类型'],
  ['direction', '方向'],
  ['amount', '金额'],
  ['companyId', '公司'],
  ['customerId', '用户'],
  ['orderId', '订单编号'],
  ['repaymentRecordId', '还款记录'],
  ['paymentId', '支付编号'],
];

const PAYMENT_FIELDS = [
  ['paymentId', '支付编号'],
  ['repaymentRecordId', '还款记录'],
  ['orderId', '订单编号'],
  ['customerId', '用户'],
  ['amount', '金额'],
  ['status', '状态'],
  ['outcome', '回调结果'],
  ['dueAt', '回调时间'],
  ['createdAt', '创建时间'],
];

const LISTS = { payments: ['在途支付', 'payments'], callbacks: ['待回调', 'pending callbacks (#35)'] };


export function mount(ctx) {
  const payEl = h('div');
  const ledgerEl = h('div');
  ctx.el.append(
    h('h1', null, bi('支付与流水', 'Payments & ledger')),
    card('在途支付与待回调', 'Payments in flight, callbacks pending', [button('立即回调', 'Flush callbacks', () => ctx.act('回调已送达 callbacks flushed', () => admin('POST', '/payments/flush')), { id: 'btn-flush-all', class: 'primary' })], payEl),
    card('资金收付流水', 'Fund-flow ledger, newest first', null, ledgerEl),
  );
  async function load() {
    const body = await admin('GET', '/payments');
    replace(
      payEl,
      Object.entries(LISTS).map(([key, [zh, en]]) => {
        const rows = body?.[key] ?? [];
        return h('div', null, h('h3', null, bi(zh, en), h('small', { class: 'muted' }, ` (${rows.length})`)), autoTable(rows, PAYMENT_FIELDS, { empty: ['无', 'none'] }));
      }),
    );
    const ledger = await admin('GET', '/ledger');
    replace(ledgerEl, autoTable([...(ledger?.entries ?? [])].reverse(), LEDGER_FIELDS, { empty: ['还没有流水', 'no entries yet'] }));
  }
  const run = () => load().catch((err) => replace(payEl, h('p', { class: 'error' }, err.message)));
  ctx.poll(run, 2500);
  ctx.onChanged(run);
}
