// Tiny DOM helpers: build elements without innerHTML, so nothing the mock returns is ever parsed as markup.
/* global Node */
import { formatCst } from './time.js';

/**
 * h('div', {class: 'x', onclick: fn}, 'text', child, [more]) -> HTMLElement.
 * Attributes starting with "on" become listeners; `dataset` and `value`/`checked` are set as properties.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected') el[key] = value;
      else if (key === 'class' && Array.isArray(value)) el.className = value.filter(Boolean).join(' ');
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A bilingual label: Chinese first, English beside it. */
export function bi(zh, en) {
  return h('span', { class: 'bi' }, h('span', { class: 'zh' }, zh), ' ', h('span', { class: 'en' }, en));
}

/** A section card with a bilingual title and optional tools on the right. */
export function card(zh, en, tools, ...body) {
  return h(
    'section',
    { class: 'card' },
    h('header', { class: 'card-head' }, h('h2', null, bi(zh, en)), tools ? h('div', { class: 'tools' }, tools) : null),
    h('div', { class: 'card-body' }, body),
  );
}

/** A button with a bilingual label. */
export function button(zh, en, onclick, extra = {}) {
  return h('button', { type: 'button', ...extra, onclick }, bi(zh, en));
}

/**
 * A table: columns = [{zh, en, cell: row => node|string, class?}]. Empty rows show `empty`.
 */
export function table(columns, rows, { empty = ['暂无数据', 'nothing yet'], rowAttrs } = {}) {
  const head = h('tr', null, columns.map((c) => h('th', { class: c.class }, c.en ? bi(c.zh, c.en) : c.zh)));
  const body = rows.length
    ? rows.map((row, i) => h('tr', rowAttrs ? rowAttrs(row, i) : null, columns.map((c) => h('td', { class: c.class }, c.cell(row, i)))))
    : [h('tr', { class: 'empty' }, h('td', { colspan: String(columns.length) }, bi(empty[0], empty[1])))];
  return h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, head), h('tbody', null, body)));
}

/** Pretty JSON in a <pre>. */
export function json(value) {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Formats any display value: null/empty as a dash, the admin API's ISO-8601 UTC times as CST like the legacy API. */
export function show(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string' && ISO_UTC.test(value)) return formatCst(Date.parse(value));
  return String(value);
}

/** A coloured status chip: code plus its label. */
export function chip(code, label, kind) {
  return h('span', { class: ['chip', kind ? `chip-${kind}` : '', code ? `s-${code}` : ''], dataset: { code: code ?? '' } }, label ?? show(code), code ? h('small', null, ` ${code}`) : null);
}

/** A table of arbitrary objects: `preferred` keys first (with captions), then any other key seen. */
export function autoTable(rows, preferred = [], opts = {}) {
  const keys = [...preferred.map(([k]) => k)];
  for (const row of rows) for (const k of Object.keys(row ?? {})) if (!keys.includes(k) && !k.startsWith('_')) keys.push(k);
  const caption = Object.fromEntries(preferred);
  const present = keys.filter((k) => rows.some((r) => r && r[k] !== undefined));
  const columns = (present.length ? present : keys).map((k) => ({ zh: caption[k] ?? k, en: caption[k] ? k : '', cell: (r) => show(r?.[k]) }));
  return table(columns, rows, opts);
}
