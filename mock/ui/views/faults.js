// Fault rules (GET/POST/DELETE /__mock/faults) and developer sessions (GET /__mock/sessions, switch, drop).
/* global confirm */
import { admin, session, setSession, ApiError } from '../api.js';
import { h, replace, card, bi, button, autoTable, show } from '../dom.js';
import { OPERATIONS } from '../labels.js';
import { faultBody } from '../model.js';

const FAULT_FIELDS = [
  ['id', '编号'],
  ['operationId', '操作'],
  ['latencyMs', '延迟 ms'],
  ['latencyMaxMs', '最大延迟 ms'],
  ['errorRate', 'HTTP 500 比例'],
  ['failure', '强制业务失败'],
  ['failureRate', '失败比例'],
  ['dropRate', '断开比例'],
];

function missing(err) {
  return err instanceof ApiError && (err.status === 404 || err.status === 405);
}


export function mount(ctx) {
  const faultsEl = h('div', { id: 'faults' });
  const sessionsEl = h('div', { id: 'sessions' });
  const op = h('select', { id: 'fault-op' }, h('option', { value: '' }, '全部操作 every operation'), OPERATIONS.map(([n, , id]) => h('option', { value: id }, `${n ? `#${n} ` : ''}${id}`)));
  const latencyMin = h('input', { type: 'number', min: '0', placeholder: 'ms', id: 'fault-latency-min', class: 'narrow' });
  const latencyMax = h('input', { type: 'number', min: '0', placeholder: 'ms', id: 'fault-latency-max', class: 'narrow' });
  const errorRate = h('input', { type: 'number', min: '0', max: '1', step: '0.05', placeholder: '0–1', id: 'fault-error-rate', class: 'narrow' });
  const message = h('input', { placeholder: '系统繁忙,请稍后再试', id: 'fault-message' });
  const failureRate = h('input', { type: 'number', min: '0', max: '1', step: '0.05', placeholder: '1', id: 'fault-failure-rate', class: 'narrow' });
  const dropRate = h('input', { type: 'number', min: '0', max: '1', step: '0.05', placeholder: '0–1', id: 'fault-drop-rate', class: 'narrow' });
  const newSession = h('input', { placeholder: 'alice', id: 'new-session', spellcheck: 'false' });

  async function loadFaults() {
    try {
      const body = await admin('GET', '/faults');
      const rows = Array.isArray(body) ? body : (body?.faults ?? body?.rules ?? []);
      replace(
        faultsEl,
        autoTable(rows, FAULT_FIELDS, { empty: ['没有故障规则', 'no fault rule'] }),
        rows.length
          ? h('div', { class: 'row' }, rows.map((r) => button('删除', `Remove ${r.id}`, () => ctx.act(`已删除规则 rule removed ${r.id}`, () => admin('DELETE', `/faults?id=${encodeURIComponent(r.id)}`)).then(loadFaults), { class: 'small' })))
          : null,
      );
    } catch (err) {
      replace(faultsEl, h('p', { class: 'muted' }, missing(err) ? bi('此服务还没有故障注入 (/__mock/faults 不存在)', 'Fault injection is not on this server yet (issue 7).') : err.message));
    }
  }

  async function loadSessions() {
    try {
      const body = await admin('GET', '/sessions');
      const rows = (Array.isArray(body) ? body : (body?.sessions ?? [])).map((s) => (typeof s === 'string' ? { name: s } : s));
      const current = session();
      replace(
        sessionsEl,
        h('p', null, bi('当前会话', 'Current session'), ': ', h('b', { id: 'current-session' }, current)),
        h(
          'ul',
          { class: 'sessions' },
          rows.map((s) =>
            h(
              'li',
              { class: s.name === current ? 'current' : '' },
              h('b', null, s.name),
              ' ',
              h('small', { class: 'muted' }, Object.entries(s).filter(([k]) => k !== 'name').map(([k, v]) => `${k}: ${show(v)}`).join(' · ')),
              ' ',
              s.name === current ? null : button('切换', 'Switch', () => switchTo(s.name), { class: 'small' }),
              s.name === 'default' ? null : button('删除', 'Drop', () => drop_(s.name), { class: 'small danger' }),
            ),
          ),
        ),
      );
    } catch (err) {
      replace(sessionsEl, h('p', { class: 'muted' }, missing(err) ? bi('此服务还没有会话隔离 (/__mock/sessions 不存在)', 'Sessions are not on this server yet (issue 7).') : err.message));
    }
  }

  function switchTo(name) {
    setSession(name);
    ctx.toast('info', `会话 session: ${name}`);
  }

  function drop_(name) {
    if (!confirm(`删除会话 ${name} 及其全部状态? Drop session ${name} and all its state?`)) return;
    ctx.act(`会话已删除 session dropped: ${name}`, () => admin('DELETE', `/sessions/${encodeURIComponent(name)}`)).then(() => {
      if (session() === name) setSession('default');
      loadSessions();
    });
  }

  const add = () =>
    ctx
      .act('已添加故障规则 fault rule added', () =>
        admin('POST', '/faults', faultBody({ operationId: op.value, latencyMin: latencyMin.value, latencyMax: latencyMax.value, errorRate: errorRate.value, message: message.value.trim(), failureRate: failureRate.value, dropRate: dropRate.value })),
      )
      .then(loadFaults);
  const clear = () => ctx.act('故障规则已清除 fault rules cleared', () => admin('DELETE', '/faults')).then(loadFaults);

  ctx.el.append(
    h('h1', null, bi('故障与会话', 'Faults & sessions')),
    card(
      '故障规则',
      'Fault rules',
      [button('全部清除', 'Clear all', clear, { id: 'btn-clear-faults', class: 'danger small' })],
      faultsEl,
      h(
        'form',
        { class: 'fault-form', onsubmit: (e) => (e.preventDefault(), add()) },
        h('label', null, bi('操作', 'operation'), op),
        h('label', null, bi('延迟', 'latency'), h('span', { class: 'row' }, latencyMin, '–', latencyMax, 'ms')),
        h('label', null, bi('HTTP 500 比例', 'error rate'), errorRate),
        h('label', null, bi('强制业务失败', 'forced failure message'), message),
        h('label', null, bi('失败比例', 'failure rate'), failureRate),
        h('label', null, bi('断开连接比例', 'drop rate'), dropRate),
        h('button', { type: 'submit', class: 'primary', id: 'btn-add-fault' }, bi('添加', 'Add rule')),
      ),
    ),
    card(
      '开发者会话',
      'Developer sessions',
      null,
      h('p', { class: 'muted small' }, bi('每个会话有自己的状态、时钟、短信和日志;控制台用 X-Mock-Session 请求头切换,旧客户端可用 /s/{会话}/ 前缀。', 'Each session has its own state, clock, outbox and journal; the console switches with the X-Mock-Session header, a legacy client with the /s/{session}/ prefix.')),
      sessionsEl,
      h('form', { class: 'row', onsubmit: (e) => (e.preventDefault(), newSession.value.trim() && switchTo(newSession.value.trim())) }, newSession, h('button', { type: 'submit' }, bi('新建并切换', 'Create & switch'))),
    ),
  );
  loadFaults();
  loadSessions();
  ctx.onChanged(() => (loadFaults(), loadSessions()));
}
