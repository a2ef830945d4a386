// Orders (GET /__mock/orders): a table with 1005 status labels, filtered by status, customer and company; each row
// opens the order page.
/* global location, URLSearchParams */
import { h, replace, card, table, bi, show, chip, button } from '../dom.js';
import { ORDER_STATUS, ORDER_STATUS_FILTERS } from '../labels.js';
import { accounts, companies, listOrders } from '../flows.js';

/** A status chip with the 1005 label (Chinese and English). */
export function statusChip(code, desc) {
  const label = ORDER_STATUS[code];
  return chip(String(code ?? ''), label ? `${label[0]} ${label[1]}` : (desc ?? show(code)), 'order');
}

export function mount(ctx, { query }) {
  const statusSel = h(
    'select',
    { id: 'filter-status' },
    h('option', { value: '' }, '全部 all'),
    Object.entries(ORDER_STATUS).map(([code, [zh, en]]) => h('option', { value: code }, `${code} ${zh} ${en}`)),
    Object.entries(ORDER_STATUS_FILTERS).map(([code, [zh, en]]) => h('option', { value: code }, `${zh} ${en} (${code})`)),
  );
  const customerInput = h('input', { id: 'filter-customer', list: 'customer-list', placeholder: 'customerId', spellcheck: 'false' });
  const customerList = h('datalist', { id: 'customer-list' });
  const companySel = h('select', { id: 'filter-company' }, h('option', { value: '' }, '全部 all'));
  statusSel.value = query.get('status') ?? '';
  customerInput.value = query.get('customerId') ?? '';
  const openInput = h('input', { id: 'open-order', placeholder: 'orderId', inputmode: 'numeric' });
  const result = h('div', null, h('p', { class: 'muted' }, '加载中 loading…'));
  const source = h('span', { class: 'muted' });

  const apply = () => {
    const q = new URLSearchParams();
    if (statusSel.value) q.set('status', statusSel.value);
    if (customerInput.value.trim()) q.set('customerId', customerInput.value.trim());
    if (companySel.value) q.set('companyId', companySel.value);
    const hash = `#/orders${q.toString() ? `?${q}` : ''}`;
    if (location.hash !== hash) ctx.go(hash);
    else load();
  };
  statusSel.addEventListener('change', apply);
  customerInput.addEventListener('change', apply);
  companySel.addEventListener('change', apply);
  const open = () => openInput.value.trim() && ctx.go(`#/orders/${encodeURIComponent(openInput.value.trim())}`);

  ctx.el.append(
    h('h1', null, bi('订单', 'Orders')),
    card(
      '筛选',
      'Filter',
      null,
      h(
        'div',
        { class: 'row' },
        h('label', null, bi('状态', 'status'), ' ', statusSel),
        h('label', null, bi('用户', 'customer'), ' ', customerInput, customerList),
        h('label', null, bi('公司', 'company'), ' ', companySel),
        button('刷新', 'Refresh', () => load()),
        h('span', { class: 'spacer' }),
        h('form', { class: 'row', onsubmit: (e) => (e.preventDefault(), open()) }, openInput, button('打开订单', 'Open order', open)),
      ),
    ),
    card('订单列表', 'Order list', [source], result),
  );

  async function load() {
    replace(result, h('p', { class: 'muted' }, '加载中 loading…'));
    const list = await companies().catch(() => []);
    const names = Object.fromEntries(list.map((c) => [String(c.companyId), c.companyName]));
    if (companySel.options.length === 1) {
      const wanted = query.get('companyId') ?? '';
      companySel.append(...list.map((c) => h('option', { value: String(c.companyId) }, `${c.companyName} ${c.companyId}`)));
      if (wanted && !names[wanted]) companySel.append(h('option', { value: wanted }, wanted));
      companySel.value = wanted;
    }
    const { rows, total } = await listOrders({ status: statusSel.value, customerId: customerInput.value.trim(), companyId: companySel.value });
    replace(source, `GET /__mock/orders · 显示 ${rows.length} / 共 ${total} (shown / total, newest first)`);
    replace(
      result,
      table(
        [
          { zh: '订单编号', en: 'orderId', class: 'mono', cell: (o) => h('a', { href: `#/orders/${encodeURIComponent(o.orderId)}` }, o.orderId) },
          { zh: '用户', en: 'customerId', class: 'mono', cell: (o) => (o.customerId ? h('a', { href: `#/orders?customerId=${encodeURIComponent(o.customerId)}` }, o.customerId) : '—') },
          { zh: '申请人', en: 'applicant', cell: (o) => show(o.applicantName) },
          { zh: '公司', en: 'company', cell: (o) => show(names[String(o.companyId)] ?? o.companyId) },
          { zh: '套餐', en: 'package', cell: (o) => show(o.packageName) },
          { zh: '分期金额', en: 'amount', class: 'num', cell: (o) => show(o.packageMoney) },
          { zh: '期数', en: 'months', class: 'num', cell: (o) => show(o.fenQiTimes) },
          { zh: '待还期数', en: 'left', class: 'num', cell: (o) => show(o.noRepaymentTimes) },
          { zh: '状态', en: 'status', cell: (o) => statusChip(o.status, o.statusDes) },
          { zh: '创建时间', en: 'created', class: 'nowrap', cell: (o) => show(o.createTime) },
        ],
        rows,
        { empty: ['没有订单数据', 'no orders'], rowAttrs: (o) => ({ dataset: { orderId: o.orderId, status: o.status } }) },
      ),
    );
  }

  accounts()
    .then((a) => replace(customerList, (a.customers ?? []).map((c) => h('option', { value: c.customerId }, c.phoneNumber))))
    .catch(() => undefined);
  const run = () => load().catch((err) => replace(result, h('p', { class: 'error' }, err.message)));
  run();
  ctx.onChanged(run);
}
