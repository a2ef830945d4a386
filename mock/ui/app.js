// The console shell: navigation (hash routes), header (health, clock, session, token), toasts and polling.
/* global location, URLSearchParams */
import { admin, adminToken, setAdminToken, session, setSession, bus, emit } from './api.js';
import { h, replace, bi } from './dom.js';
import { formatCst } from './time.js';
import * as sms from './views/sms.js';
import * as accounts from './views/accounts.js';
import * as orders from './views/orders.js';
import * as order from './views/order.js';
import * as payments from './views/payments.js';
import * as clock from './views/clock.js';
import * as scenarios from './views/scenarios.js';
import * as journal from './views/journal.js';
import * as faults from './views/faults.js';

const ROUTES = [
  { path: 'sms', zh: '短信与验证码', en: 'SMS & captchas', view: sms },
  { path: 'accounts', zh: '账号', en: 'Accounts', view: accounts },
  { path: 'orders', zh: '订单', en: 'Orders', view: orders },
  { path: 'payments', zh: '支付与流水', en: 'Payments & ledger', view: payments },
  { path: 'clock', zh: '时钟', en: 'Clock', view: clock },
  { path: 'scenarios', zh: '场景与快照', en: 'Scenarios & state', view: scenarios },
  { path: 'journal', zh: '请求日志', en: 'Request journal', view: journal },
  { path: 'faults', zh: '故障与会话', en: 'Faults & sessions', view: faults },
];

const viewEl = document.getElementById('view');
const toastsEl = document.getElementById('toasts');

/** Shows a short notice; kind = ok | error | info. Errors stay until clicked. */
export function toast(kind, text) {
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', onclick: () => el.remove() }, text);
  toastsEl.appendChild(el);
  while (toastsEl.children.length > 3) toastsEl.firstElementChild.remove();
  setTimeout(() => el.remove(), kind === 'error' ? 15000 : 3000);
}

let current = null; // { route, unmount, timers, listeners }

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart, query = ''] = raw.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, query: new URLSearchParams(query) };
}

function unmountCurrent() {
  if (!current) return;
  current.timers.forEach((t) => clearTimeout(t.id));
  current.listeners.forEach(([type, fn]) => bus.removeEventListener(type, fn));
  current.timers = [];
  try {
    current.unmount?.();
  } catch {
    /* a view failing to clean up must not block navigation */
  }
  current = null;
}

function render() {
  unmountCurrent();
  const { parts, query } = parseHash();
  let route = ROUTES.find((r) => r.path === parts[0]) ?? ROUTES[0];
  let params = { query };
  if (parts[0] === 'orders' && parts[1]) {
    route = { path: 'orders', view: order };
    params = { orderId: parts[1], query };
  }
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.path === route.path);
  const state = { route, timers: [], listeners: [], unmount: null };
  current = state;
  const ctx = {
    el: replace(viewEl),
    toast,
    go: (hash) => (location.hash = hash),
    /** Runs fn now and every ms while the view is shown (paused while the tab is hidden). */
    poll(fn, ms) {
      const timer = { id: 0 };
      const tick = async () => {
        if (current !== state) return;
        if (!document.hidden) {
          try {
            await fn();
          } catch (err) {
            if (current === state) console.warn(err);
          }
        }
        if (current === state) timer.id = setTimeout(tick, ms);
      };
      state.timers.push(timer);
      tick();
      return timer;
    },
    /** Re-runs fn whenever the mock's state was changed by the console (or the session changed). */
    onChanged(fn) {
      const listener = () => current === state && fn();
      for (const type of ['changed', 'session']) {
        bus.addEventListener(type, listener);
        state.listeners.push([type, listener]);
      }
    },
    /** Runs an action, toasts its outcome, and tells every view the state changed. */
    async act(label, fn, { reset = false } = {}) {
      try {
        const result = await fn();
        toast('ok', `${label} ✓`);
        emit('changed', { reset });
        return result;
      } catch (err) {
        toast('error', `${label}: ${err.message ?? err}`);
        emit('changed', { reset });
        return undefined;
      }
    },
  };
  try {
    state.unmount = route.view.mount(ctx, params) ?? null;
  } catch (err) {
    ctx.el.append(h('p', { class: 'error' }, String(err)));
  }
}

function buildNav() {
  const nav = document.getElementById('nav');
  replace(
    nav,
    ROUTES.map((r) => h('a', { href: `#/${r.path}`, dataset: { path: r.path } }, h('span', { class: 'zh' }, r.zh), h('span', { class: 'en' }, r.en))),
    h('p', { class: 'nav-foot' }, '所有操作都走 /__mock 管理接口或公开的旧版接口', h('br'), 'Every action uses the documented admin API or the public legacy API.'),
  );
}

// --- header: health, clock, session, token ---

async function refreshHeader() {
  const health = document.getElementById('health');
  try {
    const body = await admin('GET', '/health');
    health.className = `health ${body?.ok ? 'ok' : 'bad'}`;
    replace(health, body?.ok ? bi('在线', 'up') : bi('异常', 'down'));
  } catch (err) {
    health.className = 'health bad';
    replace(health, err.status === 401 || err.status === 403 ? bi('需要令牌', 'token needed') : bi('离线', 'down'));
  }
  try {
    const { now } = await admin('GET', '/clock');
    replace(document.getElementById('clock-now'), h('small', null, '模拟时钟 '), formatCst(Date.parse(now)), h('small', null, ' CST'));
  } catch {
    replace(document.getElementById('clock-now'), '—');
  }
}

async function refreshSessions() {
  const list = document.getElementById('session-list');
  try {
    const body = await admin('GET', '/sessions');
    const names = (body.sessions ?? body ?? []).map((s) => (typeof s === 'string' ? s : s.name)).filter(Boolean);
    replace(list, [...new Set(['default', ...names])].map((n) => h('option', { value: n })));
  } catch {
    replace(list, h('option', { value: 'default' }));
  }
}

function setupSession() {
  const input = document.getElementById('session');
  input.value = session();
  input.addEventListener('change', () => {
    const name = input.value.trim() || 'default';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
      toast('error', '会话名只能含字母、数字、_ 和 - (session names: letters, digits, _ and -)');
      input.value = session();
      return;
    }
    setSession(name);
    toast('info', `会话 session: ${name}`);
  });
  bus.addEventListener('session', () => (input.value = session()));
}

function setupToken() {
  const buttonEl = document.getElementById('token-button');
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  const label = () => replace(buttonEl, adminToken() ? bi('令牌已设', 'token set') : bi('管理令牌', 'admin token'));
  label();
  buttonEl.addEventListener('click', () => {
    input.value = adminToken();
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'save') setAdminToken(input.value.trim());
    if (dialog.returnValue === 'clear') setAdminToken('');
    if (dialog.returnValue === 'save' || dialog.returnValue === 'clear') {
      label();
      refreshHeader();
      emit('changed', { reset: true });
    }
  });
  let asked = false;
  bus.addEventListener('auth', (e) => {
    if (asked || dialog.open) return;
    asked = true;
    toast('error', `管理接口拒绝了请求 (admin API refused: HTTP ${e.detail.status}) ${e.detail.message ?? ''}`);
    input.value = adminToken();
    dialog.showModal();
  });
}

buildNav();
setupSession();
setupToken();
window.addEventListener('hashchange', render);
bus.addEventListener('changed', refreshHeader);
// whoever switched (header field, faults page, ?session=): the header shows the new session's clock and list
bus.addEventListener('session', () => (render(), refreshHeader(), refreshSessions()));
render();
refreshHeader();
refreshSessions();
setInterval(() => !document.hidden && refreshHeader(), 5000);
