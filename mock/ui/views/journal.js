// Request journal (GET /__mock/requests?limit=N): operation, parameters (unknown ones highlighted), envelope answered.
import { admin } from '../api.js';
import { h, replace, card, bi, button, show, json } from '../dom.js';
import { numberOf } from '../labels.js';
import { formatCst } from '../time.js';
import { normaliseEntry } from '../model.js';


function when(at) {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return Number.isNaN(t) ? show(at) : formatCst(t).slice(5);
}

export function mount(ctx) {
  const limitSel = h('select', { id: 'journal-limit' }, [20, 50, 100, 200].map((n) => h('option', { value: String(n), selected: n === 50 }, String(n))));
  const opFilter = h('input', { type: 'search', placeholder: 'operationId / path', id: 'journal-filter' });
  const liveBox = h('input', { type: 'checkbox', checked: true });
  const list = h('div', { class: 'journal', id: 'journal' });
  const open = new Set();

  function paramsView(entry) {
    const keys = [...new Set([...Object.keys(entry.params), ...entry.unknown])];
    if (!keys.length) return h('span', { class: 'muted' }, '—');
    return h(
      'span',
      { class: 'params-inline' },
      keys.map((k) => {
        const unknown = entry.unknown.includes(k);
        const value = unknown ? entry.unknownParams[k] : entry.params[k];
        return h('span', { class: ['param', unknown ? 'unknown' : ''], title: unknown ? '未知参数,已忽略并记录 unknown parameter: ignored, recorded' : '' }, h('b', null, k), '=', show(value).slice(0, 40));
      }),
    );
  }

  async function load() {
    // The journal holds legacy calls and admin changes (reset, clock, scenarios...), not admin reads nor this
    // page's polling; with a text filter the whole journal (500) is searched here.
    const filter = opFilter.value.trim().toLowerCase();
    const body = await admin('GET', `/requests?limit=${filter ? 500 : Number(limitSel.value)}`);
    const raw = body?.requests ?? [];
    const entries = raw
      .map(normaliseEntry)
      .filter((e) => !filter || `${e.operationId} ${e.path}`.toLowerCase().includes(filter))
      .slice(0, Number(limitSel.value));
    replace(
      list,
      entries.length
        ? h(
            'table',
            null,
            h(
              'thead',
              null,
              h('tr', null, [['时间', 'time'], ['操作', 'operation'], ['参数', 'parameters'], ['应答', 'answer']].map(([zh, en]) => h('th', null, bi(zh, en)))),
            ),
            h(
              'tbody',
              null,
              entries.map((e) => {
                const key = String(e.raw.seq ?? `${e.at}|${e.path}|${e.operationId}`);
                const row = h(
                  'tr',
                  { class: ['entry', e.unknown.length ? 'has-unknown' : '', e.success === false ? 'failed' : ''], onclick: () => (open.has(key) ? open.delete(key) : open.add(key), load()) },
                  h('td', { class: 'mono nowrap' }, when(e.at)),
                  h('td', null, h('b', null, show(e.operationId ?? e.path)), ' ', h('small', { class: 'muted' }, numberOf(e.operationId)), h('div', { class: 'muted small' }, e.method, ' ', e.path)),
                  h('td', null, paramsView(e), e.unknown.length ? h('div', { class: 'unknown-note' }, bi('未知参数', 'unknown'), `: ${e.unknown.join(', ')}`) : null),
                  h(
                    'td',
                    null,
                    h('span', { class: ['chip', e.success === false ? 'chip-bad' : 'chip-good'] }, e.success === false ? 'success:false' : e.success === true ? 'success:true' : show(e.status)),
                    e.code ? h('code', null, ` ${e.code}`) : null,
                    e.message ? h('div', { class: 'small' }, e.message) : null,
                  ),
                );
                return open.has(key) ? [row, h('tr', { class: 'detail' }, h('td', { colspan: '4' }, json(e.raw)))] : row;
              }),
            ),
          )
        : h('p', { class: 'muted' }, bi('还没有请求', 'no request yet')),
    );
  }

  ctx.el.append(
    h('h1', null, bi('请求日志', 'Request journal')),
    card(
      '最近的请求',
      'Latest requests, newest first',
      [opFilter, h('label', null, bi('条数', 'limit'), ' ', limitSel), h('label', { class: 'inline' }, liveBox, bi('实时', 'live')), button('刷新', 'Refresh', () => load())],
      h('p', { class: 'muted small' }, bi('黄色标出的是未知参数:旧后台会忽略它们,模拟服务也忽略但记录下来。点击一行看完整记录。管理接口只记录修改(重置、时钟、场景…),不记录读取。', 'Unknown parameters are highlighted: ignored like the legacy backend did, but recorded. Click a row for the full entry. Of the admin API only changes (reset, clock, scenarios…) are journaled, never reads.')),
      list,
    ),
  );
  limitSel.addEventListener('change', () => load());
  opFilter.addEventListener('input', () => load());
  ctx.poll(async () => {
    if (liveBox.checked) await load();
  }, 2000);
}
