// SMS outbox and captchas: latest code per phone (newest first, live), the whole outbox, captcha lookup by key.
import { admin } from '../api.js';
import { h, replace, card, table, button, bi, show } from '../dom.js';
import { formatCst } from '../time.js';

// SmsMessage.purpose of openapi/mock-admin.yaml.
const PURPOSES = {
  account: '账号 #1',
  bindCard: '绑卡 #38',
  payment: '支付 #42',
};

/** Copies text (clipboard API, or a selected textarea where the API is unavailable). */
export async function copy(text, toast) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', { class: 'offscreen' }, text);
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast?.('ok', `已复制 Copied ${text}`);
}

function when(value) {
  const t = Date.parse(value);
  return Number.isNaN(t) ? show(value) : formatCst(t);
}

function purpose(p) {
  const zh = PURPOSES[p];
  return zh ? `${zh} ${p}` : show(p);
}

export function mount(ctx) {
  const latestEl = h('div', { class: 'code-grid', id: 'sms-latest' });
  const outboxEl = h('div', { id: 'sms-outbox' });
  const phoneFilter = h('input', { type: 'search', placeholder: '手机号 phone', inputmode: 'numeric', id: 'sms-phone' });
  const liveBox = h('input', { type: 'checkbox', checked: true, id: 'sms-live' });
  const stamp = h('span', { class: 'muted' });
  let seen = null;

  const copyButton = (code) => h('button', { type: 'button', class: 'copy', title: '复制 copy', dataset: { copy: code }, onclick: () => copy(code, ctx.toast) }, bi('复制', 'copy'));

  async function load() {
    const phone = phoneFilter.value.trim();
    const body = await admin('GET', `/sms${phone ? `?phone=${encodeURIComponent(phone)}` : ''}`);
    const messages = body?.messages ?? [];
    const ids = new Set(messages.map((m) => `${m.sentAt}|${m.phone}|${m.code}`));
    const isNew = (m) => seen && !seen.has(`${m.sentAt}|${m.phone}|${m.code}`);
    const latest = new Map();
    for (const m of messages) if (!latest.has(m.phone)) latest.set(m.phone, m);
    replace(
      latestEl,
      latest.size
        ? [...latest.values()].map((m) =>
            h(
              'div',
              { class: ['code-card', isNew(m) ? 'flash' : ''], dataset: { phone: m.phone } },
              h('div', { class: 'phone' }, m.phone),
              h('div', { class: 'code', dataset: { code: m.code } }, m.code),
              h('div', { class: 'meta' }, purpose(m.purpose), ' · ', when(m.sentAt)),
              copyButton(m.code),
            ),
          )
        : h('p', { class: 'muted span-all' }, bi('还没有短信。注册、找回密码、绑卡或支付时发送的验证码会出现在这里。', 'No SMS yet: codes sent by #1, #38 and #42 appear here.')),
    );
    replace(
      outboxEl,
      table(
        [
          { zh: '时间', en: 'sent', cell: (m) => when(m.sentAt) },
          { zh: '手机号', en: 'phone', cell: (m) => m.phone },
          { zh: '用途', en: 'purpose', cell: (m) => purpose(m.purpose) },
          { zh: '验证码', en: 'code', class: 'mono', cell: (m) => h('span', null, h('b', { class: 'code-inline' }, m.code), ' ', copyButton(m.code)) },
          { zh: '短信内容', en: 'text', cell: (m) => show(m.text) },
        ],
        messages,
        { rowAttrs: (m) => ({ class: isNew(m) ? 'flash' : '' }) },
      ),
    );
    seen = ids;
    stamp.textContent = `更新于 updated ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
  }

  // Captcha lookup: the mock keys captchas by the page's image_key, and has no list of them.
  const keyInput = h('input', { type: 'text', placeholder: 'image_key (GUID)', spellcheck: 'false', id: 'captcha-key', class: 'wide' });
  const captchaOut = h('div', { class: 'captcha-out' });
  async function lookup() {
    const key = keyInput.value.trim();
    if (!key) return;
    try {
      const c = await admin('GET', `/captchas/${encodeURIComponent(key)}`);
      replace(captchaOut, h('span', { class: 'code' }, c.code), ' ', copyButton(c.code), h('span', { class: 'muted' }, ` 过期 expires ${when(c.expiresAt)}`));
    } catch (err) {
      replace(captchaOut, h('span', { class: 'error' }, err.message));
    }
  }

  ctx.el.append(
    h('h1', null, bi('短信与验证码', 'SMS outbox & captchas')),
    card('每个手机号的最新验证码', 'Latest code per phone, newest first', [h('label', { class: 'inline' }, liveBox, bi('实时', 'live')), stamp], latestEl),
    card(
      '图形验证码',
      'Image captcha by image_key',
      null,
      h('form', { class: 'row', onsubmit: (e) => (e.preventDefault(), lookup()) }, keyInput, button('查询', 'Look up', lookup)),
      captchaOut,
    ),
    card('短信发件箱', 'SMS outbox', [phoneFilter, button('刷新', 'Refresh', () => load().catch((e) => ctx.toast('error', e.message)))], outboxEl),
  );
  phoneFilter.addEventListener('input', () => {
    seen = null;
    load().catch(() => undefined);
  });
  ctx.poll(async () => {
    if (liveBox.checked) await load();
  }, 1500);
}
