// Scenarios (GET /__mock/scenarios, POST /__mock/scenarios/{name}), reset (POST /__mock/reset) and the state
// snapshot (GET / PUT /__mock/state) as a file download and upload.
/* global Blob, confirm */
import { admin, session } from '../api.js';
import { h, replace, card, bi, button, json, show } from '../dom.js';
import { rememberCredentials } from '../flows.js';
import { scenarioList, coerceParam } from '../model.js';



/** Links for the ids a scenario returned (orders open their page, customers filter the order list). */
function idLinks(value) {
  const links = [];
  const visit = (v, key) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, key));
    if (typeof v === 'object') return Object.entries(v).forEach(([k, x]) => visit(x, k));
    const id = String(v);
    if (/^orderIds?$/.test(key)) links.push(h('a', { href: `#/orders/${encodeURIComponent(id)}`, class: 'id-link', dataset: { orderId: id } }, `订单 order ${id}`));
    else if (/^customerIds?$/.test(key)) links.push(h('a', { href: `#/orders?customerId=${encodeURIComponent(id)}`, class: 'id-link' }, `用户 customer ${id}`));
  };
  visit(value, '');
  return links;
}

export function mount(ctx) {
  const listEl = h('div', { class: 'scenarios' }, h('p', { class: 'muted' }, '…'));
  const resultEl = h('div', { id: 'scenario-result' }, h('p', { class: 'muted' }, bi('加载一个场景后,这里显示它创建的编号(可点击)。', 'After loading a scenario, the ids it created show here (click to open).')));
  const fileInput = h('input', { type: 'file', accept: 'application/json,.json', id: 'state-file' });

  async function load(scenario, inputs) {
    const params = {};
    for (const p of scenario.params) {
      const value = coerceParam(p, inputs[p.name].value.trim());
      if (value !== undefined) params[p.name] = value;
    }
    const out = await ctx.act(`场景已加载 scenario loaded: ${scenario.name}`, () => admin('POST', `/scenarios/${encodeURIComponent(scenario.name)}`, params));
    if (out === undefined) return;
    rememberCredentials(out);
    replace(resultEl, h('h3', null, scenario.name), h('div', { class: 'row' }, idLinks(out)), json(out));
    resultEl.scrollIntoView({ block: 'nearest' });
  }

  function scenarioCard(s) {
    const inputs = {};
    const fields = s.params.map((p) => {
      const id = `p-${s.name}-${p.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
      const input = p.enum
        ? h('select', { id, name: p.name }, h('option', { value: '' }, '—'), p.enum.map((v) => h('option', { value: String(v), selected: String(v) === String(p.default ?? '') }, String(v))))
        : h('input', { id, name: p.name, placeholder: show(p.default ?? p.example ?? '默认 default'), value: '' });
      inputs[p.name] = input;
      return h('label', { class: 'param', title: p.description ?? '' }, h('span', null, p.name, p.required ? ' *' : ''), input, p.description ? h('small', { class: 'muted' }, p.description) : null);
    });
    return h(
      'form',
      { class: 'scenario', dataset: { scenario: s.name }, onsubmit: (e) => (e.preventDefault(), load(s, inputs)) },
      h('div', { class: 'scenario-head' }, h('b', null, s.name), h('button', { type: 'submit', class: 'primary small' }, bi('加载', 'Load'))),
      s.description ? h('p', { class: 'muted' }, s.description) : null,
      fields.length ? h('div', { class: 'params' }, fields) : null,
    );
  }

  async function refresh() {
    const body = await admin('GET', '/scenarios');
    const list = scenarioList(body);
    replace(listEl, list.length ? list.map(scenarioCard) : h('p', { class: 'muted' }, bi('没有场景', 'no scenario')));
  }

  async function download() {
    const state = await admin('GET', '/state');
    const blob = new Blob([JSON.stringify(state, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const a = h('a', { href: url, download: `partywo-mock-state-${session()}-${stamp}.json` });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function upload() {
    const file = fileInput.files?.[0];
    if (!file) return ctx.toast('error', '请选择快照文件 (choose a snapshot file)');
    await ctx.act(
      `快照已恢复 snapshot restored: ${file.name}`,
      async () => {
        let snapshot;
        try {
          snapshot = JSON.parse(await file.text());
        } catch {
          throw new Error('文件不是 JSON (the file is not JSON)');
        }
        return admin('PUT', '/state', snapshot);
      },
      { reset: true },
    );
  }

  const reset = () => {
    if (!confirm('重置到基线数据? 所有订单、短信和时钟都会回到起点。\nReset to the baseline? Orders, SMS and clock go back to the start.')) return;
    ctx.act('已重置 reset to baseline', () => admin('POST', '/reset'), { reset: true });
  };

  ctx.el.append(
    h('h1', null, bi('场景与快照', 'Scenarios & state')),
    card(
      '状态',
      'State',
      null,
      h(
        'div',
        { class: 'row buttons' },
        button('重置', 'Reset to baseline', reset, { id: 'btn-reset', class: 'danger' }),
        button('下载快照', 'Download snapshot', () => download().catch((e) => ctx.toast('error', e.message)), { id: 'btn-download' }),
        h('span', { class: 'spacer' }),
        fileInput,
        button('上传快照', 'Upload snapshot', upload, { id: 'btn-upload' }),
      ),
    ),
    card('加载结果', 'Last result', null, resultEl),
    card('命名场景', 'Named scenarios (= Pact provider states)', null, listEl),
  );
  refresh().catch((err) => replace(listEl, h('p', { class: 'error' }, err.message)));
}
