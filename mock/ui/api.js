// The console's only ways out: the documented admin API under /__mock and the public legacy API. Nothing private.
/* global localStorage, location, history, crypto, URLSearchParams, CustomEvent, EventTarget */

const TOKEN_KEY = 'partywo-mock:admin-token';
const SESSION_KEY = 'partywo-mock:session';

/** Path before /__mock/ui (e.g. "/s/alice" when the console is opened through a session prefix). */
export const base = (() => {
  const at = location.pathname.indexOf('/__mock/ui');
  return at > 0 ? location.pathname.slice(0, at) : '';
})();

/** Console-wide events: 'changed' (state moved: refresh), 'auth' (admin API refused the token), 'session'. */
export const bus = new EventTarget();
export function emit(type, detail) {
  bus.dispatchEvent(new CustomEvent(type, { detail }));
}

/** The session named by a /s/{session} prefix the console was opened under (it then wins over the header). */
export const prefixSession = /^\/s\/([A-Za-z0-9_-]{1,64})$/.exec(base)?.[1] ?? null;

/** The admin token typed once (or passed as ?token=), kept in localStorage. */
export function adminToken() {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}
export function setAdminToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** The developer session every call is sent to (issue 7); "default" sends no session header. */
export function session() {
  return prefixSession ?? (localStorage.getItem(SESSION_KEY) || 'default');
}
export function setSession(name) {
  if (prefixSession) {
    // opened under /s/{session}/: switching means opening the console under the other prefix
    const root = base.slice(0, -`/s/${prefixSession}`.length);
    location.href = `${root}${!name || name === 'default' ? '' : `/s/${encodeURIComponent(name)}`}/__mock/ui/${location.hash}`;
    return;
  }
  if (!name || name === 'default') localStorage.removeItem(SESSION_KEY);
  else localStorage.setItem(SESSION_KEY, name);
  emit('session', session());
}

// A ?token= in the page URL is stored once and removed from the address bar (it would leak into history).
(() => {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  const sessionName = params.get('session');
  if (token) setAdminToken(token);
  if (sessionName) setSession(sessionName);
  if (token || sessionName) {
    params.delete('token');
    params.delete('session');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
  }
})();

/** Error carrying what the server said; `status` is the HTTP status (200 for a legacy success:false). */
export class ApiError extends Error {
  constructor(message, { status, body, where }) {
    super(message);
    this.status = status;
    this.body = body;
    this.where = where;
  }
}

function headers() {
  const out = {};
  const token = adminToken();
  if (token) out.Authorization = `Bearer ${token}`;
  const name = session();
  if (name !== 'default' && !prefixSession) out['X-Mock-Session'] = name;
  return out;
}

async function readBody(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function messageOf(body) {
  if (!body || typeof body !== 'object') return typeof body === 'string' ? body.slice(0, 200) : '';
  return body.message ?? body.error ?? body.detail ?? '';
}

/** Calls the admin API: admin('GET', '/sms?phone=..'); JSON in, JSON out; throws ApiError on a refusal. */
export async function admin(method, path, body) {
  const init = { method, headers: headers() };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const where = `${method} /__mock${path}`;
  const res = await fetch(`${base}/__mock${path}`, init);
  const data = await readBody(res);
  if (res.status === 401 || res.status === 403) emit('auth', { status: res.status, message: messageOf(data) });
  if (!res.ok || (data && typeof data === 'object' && data.success === false)) {
    throw new ApiError(messageOf(data) || `HTTP ${res.status}`, { status: res.status, body: data, where });
  }
  return data;
}

/**
 * Calls a legacy operation the way the 2015 client does (POST, form-urlencoded, every value text) and returns
 * the envelope whatever `success` says.
 */
export async function legacyRaw(path, params = {}) {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    form.append(key, value === null ? '' : String(value));
  }
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...headers(), 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    body: form.toString(),
  });
  const data = await readBody(res);
  if (!data || typeof data !== 'object') {
    throw new ApiError(`${path}: HTTP ${res.status}, no envelope`, { status: res.status, body: data, where: path });
  }
  return data;
}

/** As legacyRaw, but a success:false envelope throws (its Chinese message becomes the error). */
export async function legacy(path, params = {}) {
  const envelope = await legacyRaw(path, params);
  if (envelope.success !== true) {
    throw new ApiError(envelope.message || `${path} 失败 failed`, { status: 200, body: envelope, where: path });
  }
  return envelope;
}

/** Loads the image captcha for `imageKey` as the legacy page's <img> would (so the mock issues its code). */
export async function touchCaptcha(imageKey) {
  const res = await fetch(`${base}/imageValidate/getImageValidate?image_key=${encodeURIComponent(imageKey)}&t=${Date.now()}`, {
    headers: headers(),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new ApiError(`#9 captcha HTTP ${res.status}`, { status: res.status, body: null, where: '#9' });
}

/** A client-style captcha GUID (8-4-4-4-12 lower-case hex). */
export function guid() {
  const hex = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
