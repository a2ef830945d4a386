// One order: fields, materials, approval records, repayment schedule, payments in flight, and the buttons that
// move it (seller/risk approval, disbursement, paying an instalment, flushing callbacks).
import { h, replace, card, table, bi, show, chip, button, autoTable, json } from '../dom.js';
import { ORDER_FIELDS, MATERIAL_TYPE, REPAYMENT_STATUS, MAGIC_CARDS } from '../labels.js';
import { loadOrder, approve, disburse, payInstalment, flush, payments, companyName, DEFAULT_TEST_CARD } from '../flows.js';
import { statusChip } from './orders.js';
import { paymentsOf } from '../model.js';
import { parseLegacyDate, formatDateCst } from '../time.js';

/** A repayment-record status chip with the 1019 label. */
export function recordChip(code) {
  const label = REPAYMENT_STATUS[code];
  return chip(String(code ?? ''), label ? `${label[0]} ${label[1]}` : show(code), 'record');
}


const APPROVAL_COLUMNS = [
  { zh: '环节', en: 'stage', cell: (r) => `${show(r.approveTypeDes ?? r.approveStage)} ${show(r.approveType)}` },
  { zh: '结果', en: 'result', cell: (r) => resultChip(r.approveResult) },
  { zh: '审批人', en: 'by', cell: (r) => `${show(r.approveName)} (${show(r.approvePerson)})` },
  { zh: '意见', en: 'remarks', cell: (r) => show(r.approveRemarks) },
  { zh: '时间', en: 'time', class: 'nowrap', cell: (r) => show(r.approveTime ?? r.createTime) },
  { zh: '记录编号', en: 'approveRecordId', class: 'mono', cell: (r) => show(r.approveRecordId) },
];

function resultChip(result) {
  const pass = result === true || result === 'true' || result === 0 || result === '0';
  return h('span', { class: ['chip', pass ? 'chip-good' : 'chip-bad'] }, pass ? '通过 passed' : '拒绝 rejected', h('small', null, ` ${show(result)}`));
}

const PAYMENT_FIELDS = [
  ['_list', '类别'],
  ['paymentId', '支付编号'],
  ['repaymentRecordId', '还款记录'],
  ['amount', '金额'],
  ['status', '状态'],
  ['outcome', '回调结果'],
  ['dueAt', '回调时间'],
  ['createdAt', '创建时间'],
];

export function mount(ctx, { orderId }) {
  const head = h('div', { class: 'order-head' });
  const actions = h('div', { class: 'actions' });
  const fields = h('div');
  const materials = h('div');
  const approvals = h('div');
  const schedule = h('div');
  const inflight = h('div');
  const log = h('ol', { class: 'flow-log', id: 'pay-log' });
  const remarks = h('input', { id: 'remarks', placeholder: '审批意见 remarks', value: '控制台审批 approved in the console' });
  const cardInput = h('input', { id: 'test-card', value: DEFAULT_TEST_CARD, class: 'mono', spellcheck: 'false', list: 'magic-cards', title: '测试卡号 magic test card (README "Magic test cards")' });
  const cardList = h('datalist', { id: 'magic-cards' }, MAGIC_CARDS.map(([no, label]) => h('option', { value: no }, label)));
  let data = null;
  let busy = false;
  let lastPaymentsKey = '';

  ctx.el.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/orders' }, '← ', bi('订单', 'Orders'))),
    head,
    card('操作', 'Actions', null, actions),
    card('还款计划', 'Repayment schedule #31', null, schedule),
    card('在途支付', 'Payments in flight', null, inflight, log),
    card('审批记录', 'Approval records #33', null, approvals),
    card('材料', 'Materials', null, materials),
    card('订单信息', 'Order fields #20', null, fields),
  );

  const step = (text) => log.append(h('li', null, text));
  /** The order as the actions need it: its id and the company whose staff act on it. */
  const target = () => ({ ...data.order, orderId, companyId: data.companyId });

  async function run(label, fn) {
    if (busy) return;
    busy = true;
    render();
    await ctx.act(label, fn);
    busy = false;
    await load();
  }

  function render() {
    if (!data) return;
    const { order } = data;
    const status = String(order.status ?? '');
    const can = (needs) => !busy && status === needs;
    replace(
      actions,
      h(
        'div',
        { class: 'row' },
        h('label', { class: 'grow' }, bi('意见', 'remarks'), ' ', remarks),
      ),
      h(
        'div',
        { class: 'row buttons' },
        button('商家通过', 'Approve as seller', () => run('商家审批通过 seller approve #27', () => approve(target(), 'seller', true, remarks.value)), { disabled: !can('100502'), id: 'btn-seller-approve', class: 'primary' }),
        button('商家拒绝', 'Reject as seller', () => run('商家审批拒绝 seller reject #27', () => approve(target(), 'seller', false, remarks.value)), { disabled: !can('100502'), id: 'btn-seller-reject', class: 'danger' }),
        button('风控通过', 'Approve as risk', () => run('风控审批通过 risk approve #29', () => approve(target(), 'risk', true, remarks.value)), { disabled: !can('100503'), id: 'btn-risk-approve', class: 'primary' }),
        button('风控拒绝', 'Reject as risk', () => run('风控审批拒绝 risk reject #29', () => approve(target(), 'risk', false, remarks.value)), { disabled: !can('100503'), id: 'btn-risk-reject', class: 'danger' }),
        button('放款', 'Disburse', () => run('放款 disburse #34', () => disburse(target(), remarks.value)), { disabled: !can('100506'), id: 'btn-disburse', class: 'primary' }),
        button('立即回调', 'Flush callbacks', () => run('回调已送达 callbacks flushed', () => flush()), { disabled: busy, id: 'btn-flush' }),
      ),
      h('div', { class: 'row' }, h('label', null, bi('测试卡号', 'test card'), ' ', cardInput, cardList), h('small', { class: 'muted' }, MAGIC_CARDS.find(([no]) => no === cardInput.value)?.[1] ?? ''), h('small', { class: 'muted' }, ' · 操作人取自 /__mock/accounts 的现成员工 (acting staff: the ready-made accounts)')),
    );
    renderSchedule();
  }

  function renderSchedule() {
    const rows = data.schedule;
    const firstOpen = rows.find((r) => ['101901', '101903'].includes(String(r.status)));
    replace(
      schedule,
      data.scheduleError && !rows.length
        ? h('p', { class: 'muted' }, bi('还没有还款计划', 'no schedule yet'), ` (${data.scheduleError})`)
        : table(
            [
              { zh: '期数', en: 'instalment', cell: (r, i) => show(r.repaymentTypeDesc ?? `第${i + 1}期`) },
              { zh: '应还时间', en: 'due', class: 'nowrap', cell: (r) => show(r.expectRepaymentTime) },
              { zh: '应还本金', en: 'principal', class: 'num', cell: (r) => show(r.repaymentPrincipal) },
              { zh: '逾期天数', en: 'days late', class: 'num', cell: (r) => show(r.overdueTime) },
              { zh: '逾期利息', en: 'penalty', class: 'num', cell: (r) => show(r.overdueInterest) },
              { zh: '实还时间', en: 'paid on', class: 'nowrap', cell: (r) => (r.realRepaymentTime ? show(r.realRepaymentTime) : '无') },
              { zh: '状态', en: 'status', cell: (r) => recordChip(r.status) },
              {
                zh: '操作',
                en: 'action',
                // as the legacy client: only the earliest open instalment can be paid (the mock refuses the others)
                cell: (r) => (r === firstOpen ? button('还款', 'Pay', () => pay(r), { disabled: busy, class: 'primary small', id: 'btn-pay', dataset: { recordId: r.repaymentRecordId } }) : ''),
              },
            ],
            rows,
            { empty: ['还没有还款计划', 'no schedule yet'], rowAttrs: (r) => ({ dataset: { recordId: r.repaymentRecordId, status: r.status } }) },
          ),
    );
  }

  function pay(record) {
    log.replaceChildren();
    step(`还款 pay ${record.repaymentRecordId} (${record.expectRepaymentTime ?? ''})`);
    return run('还款已提交,等待支付平台回调 payment submitted, callback pending', async () => {
      const out = await payInstalment({ order: target(), record, cardNo: cardInput.value.trim(), step });
      step(`在途 in flight: ${out.paymentId} — 点“立即回调”或等待 (flush or wait)`);
      return out;
    });
  }

  async function loadPayments() {
    if (!data) return;
    const body = await payments();
    const mine = paymentsOf(body, orderId, data.schedule.map((r) => r.repaymentRecordId));
    const key = JSON.stringify(mine);
    if (key === lastPaymentsKey) return false;
    const changed = lastPaymentsKey !== '';
    lastPaymentsKey = key;
    replace(inflight, autoTable(mine, PAYMENT_FIELDS, { empty: ['没有在途支付', 'no payment in flight'] }));
    return changed;
  }

  async function load() {
    try {
      data = await loadOrder(orderId);
    } catch (err) {
      replace(head, h('h1', null, bi('订单', 'Order'), ` ${orderId}`), h('p', { class: 'error' }, err.message));
      return;
    }
    const { order } = data;
    const company = await companyName(data.companyId);
    replace(
      head,
      h('h1', null, bi('订单', 'Order'), ' ', h('span', { class: 'mono' }, orderId), ' ', h('span', { id: 'order-status' }, statusChip(order.status, order.statusDes))),
      h(
        'p',
        { class: 'muted' },
        `${company} ${data.companyId} · 用户 customer `,
        h('a', { href: `#/orders?customerId=${encodeURIComponent(order.customerId ?? '')}` }, show(order.customerId)),
        ` · ${show(order.applicantName)} · ${show(order.packageName)} ${show(order.packageMoney)} 元 × ${show(order.fenQiTimes)} 期`,
        order.nextRepaymentTime ? ` · 下次还款 next due ${formatDateCst(parseLegacyDate(order.nextRepaymentTime))}` : '',
      ),
    );
    const known = new Set(ORDER_FIELDS.map(([k]) => k));
    replace(
      fields,
      h(
        'dl',
        { class: 'fields' },
        ORDER_FIELDS.filter(([k]) => order[k] !== undefined).map(([k, zh]) => [h('dt', null, zh, h('small', null, ` ${k}`)), h('dd', { dataset: { field: k } }, show(order[k]))]),
      ),
      h('details', null, h('summary', null, bi('全部字段', 'all fields'), ` (${Object.keys(order).filter((k) => !known.has(k)).length} more)`), json(order)),
    );
    const shown = data.materials.filter((m) => m.delete === undefined || Number(m.delete) === 0);
    replace(
      materials,
      shown.length
        ? h(
            'div',
            { class: 'thumbs' },
            shown.map((m) =>
              h(
                'figure',
                { class: 'thumb' },
                h('a', { href: m.orderMaterialUrl, target: '_blank', rel: 'noopener' }, h('img', { src: m.thumbnailUrl ?? m.orderMaterialUrl, alt: MATERIAL_TYPE[m.orderMaterialType] ?? m.orderMaterialType, loading: 'lazy' })),
                h('figcaption', null, MATERIAL_TYPE[m.orderMaterialType] ?? show(m.orderMaterialType), h('small', null, ` ${m.orderMaterialType} · #${m.orderMaterialId}`)),
              ),
            ),
          )
        : h('p', { class: 'muted' }, bi('没有材料', 'no materials')),
    );
    replace(
      approvals,
      data.approvalsError && !data.approvals.length
        ? h('p', { class: 'muted' }, data.approvalsError)
        : table(APPROVAL_COLUMNS, data.approvals, { empty: ['还没有审批记录', 'no approval yet'] }),
    );
    render();
    lastPaymentsKey = '';
    await loadPayments().catch((err) => replace(inflight, h('p', { class: 'muted' }, err.message)));
  }

  load();
  // Payments settle on their own after the platform's delay: watch them, re-read the order when they move.
  ctx.poll(async () => {
    if (busy || !data) return;
    if (await loadPayments()) await load();
  }, 2000);
}
