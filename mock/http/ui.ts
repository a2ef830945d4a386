// The dev console (issue 8): serves the plain ES modules under mock/ui at /__mock/ui/, behind the admin guard.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLoopback } from './admin';

/** Options of the console plugin (both optional: buildApp's resolved options are read by default). */
export interface UiPluginOptions {
  /** Overrides `app.mockOptions.adminToken`; when set, every console request must carry it (Bearer header, `?token=` or the console cookie). */
  adminToken?: string | null | undefined;
  /** Folder to serve; defaults to mock/ui. */
  uiDir?: string;
}

/** Path the console is served under. */
export const UI_PREFIX = '/__mock/ui';
/** Cookie that carries the admin token for the files a browser loads by itself (module imports, CSS, images). */
export const UI_COOKIE = 'partywo_mock_console';

const DEFAULT_DIR = fileURLToPath(new URL('../ui/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

// The console only talks to its own origin; thumbnails may come from wherever the mock says its files live.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** Reads every servable file of the console once (a few dozen kB); README and dot files stay private. */
function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      if (name.startsWith('.')) continue;
      const full = join(folder, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const type = CONTENT_TYPES[extname(name).toLowerCase()];
      if (!type) continue;
      const body = readFileSync(full);
      const key = relative(dir, full).split(sep).join('/');
      assets.set(key, { body, type, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"` });
    }
  };
  walk(dir);
  return assets;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function queryToken(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** A refusal readable both as the admin API's AdminError (`error`, `code`) and as the legacy envelope. */
function refusal(error: string, code: string): Record<string, unknown> {
  return { error, code, success: false, obj: null, list: null, message: error, token: null };
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// A browser that opens the console without its token gets a form to type it (kept in localStorage by the page).
function tokenForm(message: string, withForm: boolean): string {
  const form = withForm
    ? `<form method="get" action="./"><label>管理令牌 Admin token <input name="token" type="password" autocomplete="off" autofocus required></label> <button>打开 Open</button></form>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>partywo mock console</title></head><body><h1>partywo 模拟服务控制台 <small>Mock dev console</small></h1><p>${escapeHtml(message)}</p>${form}</body></html>`;
}

/**
 * Registers the console routes; encapsulated on purpose so its guard hook touches only /__mock/ui. The guard is
 * the admin API's rule (loopback only, or the admin token from anywhere); the token may also come as `?token=`
 * (then kept in an HttpOnly cookie scoped to the console) because a browser cannot add headers to the page's
 * own loads.
 */
export default async function uiPlugin(app: FastifyInstance, options: UiPluginOptions = {}): Promise<void> {
  const assets = loadAssets(options.uiDir ?? DEFAULT_DIR);
  // The same token as the admin API (buildApp's resolved options), unless the caller passes one.
  const configured = options.adminToken !== undefined ? options.adminToken : (app.mockOptions?.adminToken ?? null);
  const adminToken = configured ? String(configured) : undefined;

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!adminToken) {
      if (isLoopback(request.socket.remoteAddress)) return;
      const message = '管理接口仅限本机访问或需要管理令牌 (the console is loopback only unless the mock runs with --admin-token)';
      reply.code(403);
      if (wantsHtml(request)) return reply.type('text/html; charset=utf-8').send(tokenForm(message, false));
      return reply.send(refusal(message, 'ADMIN_FORBIDDEN'));
    }
    const viaQuery = queryToken(request);
    const given = bearer(request) ?? viaQuery ?? cookie(request, UI_COOKIE);
    if (given !== undefined && sameSecret(given, adminToken)) {
      if (viaQuery !== undefined) {
        // The page's own module and CSS loads cannot carry a header: a cookie scoped to the console carries it.
        const url = (request.originalUrl ?? request.url).split('?')[0] ?? UI_PREFIX;
        const at = url.indexOf(UI_PREFIX);
        const path = `${at >= 0 ? url.slice(0, at) : ''}${UI_PREFIX}/`;
        reply.header('set-cookie', `${UI_COOKIE}=${encodeURIComponent(viaQuery)}; Path=${path}; HttpOnly; SameSite=Strict`);
      }
      return;
    }
    const message = given === undefined ? '需要管理令牌 (admin token required: Authorization: Bearer <token> or ?token=)' : '管理令牌不正确 (wrong admin token)';
    // As the admin API: 401 without a token, 403 with a wrong one.
    reply.code(given === undefined ? 401 : 403).header('www-authenticate', 'Bearer realm="partywo-mock"');
    if (wantsHtml(request)) return reply.type('text/html; charset=utf-8').send(tokenForm(message, true));
    return reply.send(refusal(message, 'ADMIN_FORBIDDEN'));
  });

  const send = (request: FastifyRequest, reply: FastifyReply, key: string) => {
    const asset = assets.get(key);
    if (!asset) {
      return reply.code(404).type('application/json; charset=utf-8').send(refusal(`接口不存在: 控制台没有这个文件 (no console file ${key})`, 'NOT_FOUND'));
    }
    reply
      .header('cache-control', 'no-cache')
      .header('etag', asset.etag)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', CSP);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  };

  app.get(UI_PREFIX, async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`${request.url.split('?')[0]}/${query}`);
  });
  app.get(`${UI_PREFIX}/`, async (request, reply) => send(request, reply, 'index.html'));
  app.get(`${UI_PREFIX}/*`, async (request, reply) => {
    const key = (request.params as { '*': string })['*'];
    return send(request, reply, key);
  });
}
