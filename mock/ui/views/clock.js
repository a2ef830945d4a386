// The mock clock: now, +1 day, +1 month, to the next due date, or a chosen time; after a move, the repayment
// records that turned overdue (read before and after through #31).
import { admin } from '../api.js';
import { h, replace, card, bi, button, table, show } from '../dom.js';
import { listOrders, loadOrder } from '../flows.js';
import { addMonthsCst, formatCst, nextDueTarget, statusChanges, parseLegacyDate, DAY_MS } from '../time.js';
import { recordChip } from './order.js';
import { statusChip } from './orders.js';

const MAX_LOANS = 20;

/** Every record of the loans the console can see: [{...record, orderId, orderStatus}]. */
async function loanRecords() {
  const { rows: loans } = await listOrders({ status: '100500', limit: MAX_LOANS });
  const out = [];
  for (const row of loans) {
    try {
      const { order, schedule } = await loadOrder(row.orderId, row.companyId);
      for (const r of schedule) out.push({ ...r, orderId: String(row.orderId), orderStatus: String(order.status) });
    } catch {
      /* an order the console cannot read is left out of the overdue report */
    }
  }
  return out;
}

export function mount(ctx) {
  const nowEl = h('div', { class: 'big-clock', id: 'clock-big' }, '…');
  const isoEl = h('div', { class: 'muted mono' });
  const setInput = h('input', { type: 'datetime-local', step: '1', id: 'clock-set' });
  const report = h('div', { id: 'overdue-report' }, h('p', { class: 'muted' }, bi('移动时钟后,这里列出状态改变的还款记录。', 'After a move, the repayment records whose status changed are listed here.')));
  const upcoming = h('div');
  let now = NaN;

  async function readClock() {
    const body = await admin('GET', '/clock');
    now = Date.parse(body.now);
    replace(nowEl, formatCst(now), h('small', null, ' CST'));
    isoEl.textContent = body.now;
  }

  async function showUpcoming(records) {
    const open = records
      .filter((r) => ['101901', '101903'].includes(String(r.status)))
      .sort((a, b) => parseLegacyDate(a.expectRepaymentTime) - parseLegacyDate(b.expectRepaymentTime))
      .slice(0, 12);
    replace(
      upcoming,
      table(
        [
          { zh: '订单', en: 'orderId', class: 'mono', cell: (r) => h('a', { href: `#/orders/${r.orderId}` }, r.orderId) },
          { zh: '期数', en: 'instalment', cell: (r) => show(r.repaymentTypeDesc) },
          { zh: '应还时间', en: 'due', cell: (r) => show(r.expectRepaymentTime) },
          { zh: '金额', en: 'amount', class: 'num', cell: (r) => show(r.repaymentPrincipal) },
          { zh: '状态', en: 'status', cell: (r) => recordChip(r.status) },
        ],
        open,
        { empty: ['没有未还的还款记录', 'no open repayment record'] },
      ),
    );
  }

  async function move(label, body) {
    const before = await loanRecords().catch(() => []);
    const moved = await ctx.act(label, () => admin('POST', '/clock', body));
    if (moved === undefined) return;
    await readClock();
    const after = await loanRecords().catch(() => []);
    const changes = statusChanges(before, after);
    const overdue = changes.filter((c) => String(c.after.status) === '101903');
    replace(
      report,
      h('p', null, bi(`状态改变的记录 ${changes.length} 条,其中转为逾期 ${overdue.length} 条`, `${changes.length} record(s) changed, ${overdue.length} turned overdue`)),
      table(
        [
          { zh: '订单', en: 'orderId', class: 'mono', cell: (c) => h('a', { href: `#/orders/${c.after.orderId}` }, c.after.orderId) },
          { zh: '期数', en: 'instalment', cell: (c) => show(c.after.repaymentTypeDesc) },
          { zh: '应还时间', en: 'due', cell: (c) => show(c.after.expectRepaymentTime) },
          { zh: '之前', en: 'before', cell: (c) => recordChip(c.before.status) },
          { zh: '现在', en: 'now', cell: (c) => recordChip(c.after.status) },
          { zh: '订单状态', en: 'order', cell: (c) => statusChip(c.after.orderStatus) },
        ],
        changes,
        { empty: ['没有记录改变状态', 'no record changed status'] },
      ),
    );
    await showUpcoming(after);
  }

  const plusDay = () => move('时钟 +1 天 clock +1 day', { advanceSeconds: DAY_MS / 1000 });
  const plusMonth = async () => {
    await readClock();
    move('时钟 +1 月 clock +1 month', { set: new Date(addMonthsCst(now, 1)).toISOString() });
  };
  const toNextDue = async () => {
    await readClock();
    const records = await loanRecords();
    const target = nextDueTarget(
      now,
      records.filter((r) => ['101901'].includes(String(r.status))).map((r) => r.expectRepaymentTime),
    );
    if (target === null) return ctx.toast('info', '没有未来的还款日 (no due date ahead)');
    move(`时钟到下一还款日 clock to next due date ${formatCst(target)}`, { set: new Date(target).toISOString() });
  };
  const setTo = () => {
    if (!setInput.value) return;
    // The input is read as CST wall time, like every date the mock shows.
    const t = Date.parse(`${setInput.value.length === 16 ? `${setInput.value}:00` : setInput.value}+08:00`);
    move(`时钟设为 clock set ${formatCst(t)}`, { set: new Date(t).toISOString() });
  };

  ctx.el.append(
    h('h1', null, bi('模拟时钟', 'Mock clock')),
    card(
      '现在',
      'Now',
      null,
      nowEl,
      isoEl,
      h(
        'div',
        { class: 'row buttons' },
        button('+1 天', '+1 day', plusDay, { id: 'clock-day' }),
        button('+1 月', '+1 month', plusMonth, { id: 'clock-month', class: 'primary' }),
        button('到下一还款日', 'To next due date', toNextDue, { id: 'clock-next-due' }),
      ),
      h('div', { class: 'row' }, h('label', null, bi('设为', 'Set to'), ' (CST) ', setInput), button('设定', 'Set', setTo, { id: 'clock-set-button' }), h('small', { class: 'muted' }, bi('时钟只能向前', 'the clock never moves backwards'))),
    ),
    card('状态变化', 'What changed', null, report),
    card('即将到期', 'Open instalments, earliest first', null, upcoming),
  );
  readClock().catch((err) => ctx.toast('error', err.message));
  loanRecords()
    .then(showUpcoming)
    .catch(() => undefined);
  ctx.poll(readClock, 5000);
}
