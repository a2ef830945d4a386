// The dev console's plugin (mock/http/ui.ts): what it serves at /__mock/ui/ and who it serves it to. The guard is
// the admin API's: loopback only without --admin-token; with it, the token from anywhere (Bearer, ?token= or
// the console cookie the ?token= visit sets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { UI_COOKIE } from '../http/ui';

const REMOTE = '10.0.0.5';
const TOKEN = 'console-test-token';

function json(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}

describe('console without --admin-token', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp();
  });
  afterAll(async () => app.close());

  it('serves the page, its modules and styles to loopback clients', async () => {
    const page = await app.inject({ url: '/__mock/ui/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('partywo 模拟服务控制台');
    expect(page.body).toContain('Mock dev console');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");

    const script = await app.inject({ url: '/__mock/ui/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("from './api.js'");

    const view = await app.inject({ url: '/__mock/ui/views/order.js' });
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('text/javascript; charset=utf-8');

    const css = await app.inject({ url: '/__mock/ui/styles.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).not.toMatch(/@import|url\(\s*['"]?https?:/); // no web fonts, no CDN
  });

  it('links nothing outside its own origin', async () => {
    for (const file of ['index.html', 'app.js', 'api.js', 'flows.js', 'views/sms.js']) {
      const res = await app.inject({ url: `/__mock/ui/${file}` });
      expect(res.body, file).not.toMatch(/(src|href)=["']https?:\/\//);
      expect(res.body, file).not.toMatch(/import .* from ['"]https?:/);
    }
  });

  it('redirects /__mock/ui to /__mock/ui/ keeping the query', async () => {
    const res = await app.inject({ url: '/__mock/ui?token=x' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/__mock/ui/?token=x');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.inject({ url: '/__mock/ui/dom.js' });
    const again = await app.inject({ url: '/__mock/ui/dom.js', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('keeps its README, type declarations and anything outside mock/ui private', async () => {
    for (const url of ['/__mock/ui/README.md', '/__mock/ui/model.d.ts', '/__mock/ui/../app.ts', '/__mock/ui/%2e%2e/app.ts', '/__mock/ui/nothing.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/json');
      expect(json(res.body).code, url).toBe('NOT_FOUND');
    }
  });

  it('refuses a non-loopback client with 403 and the admin error body', async () => {
    const res = await app.inject({ url: '/__mock/ui/', remoteAddress: REMOTE });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/json');
    const body = json(res.body);
    expect(body).toMatchObject({ code: 'ADMIN_FORBIDDEN', success: false });
    expect(String(body.error)).toContain('仅限本机');
    expect(res.body).not.toContain('<script');
    // a token is no key when the server has none configured
    const withToken = await app.inject({ url: '/__mock/ui/app.js', remoteAddress: REMOTE, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.statusCode).toBe(403);
  });
});

describe('console with --admin-token', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ adminToken: TOKEN });
  });
  afterAll(async () => app.close());

  it('refuses a request without the token, from anywhere, with 401', async () => {
    for (const remoteAddress of [REMOTE, '127.0.0.1']) {
      const res = await app.inject({ url: '/__mock/ui/', remoteAddress });
      expect(res.statusCode, remoteAddress).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      expect(json(res.body)).toMatchObject({ code: 'ADMIN_FORBIDDEN', success: false });
      expect(res.body).not.toContain('app.js');
    }
  });

  it('refuses a wrong token with 403', async () => {
    const res = await app.inject({ url: '/__mock/ui/', remoteAddress: REMOTE, headers: { authorization: 'Bearer nope' } });
    expect(res.statusCode).toBe(403);
    expect(json(res.body).code).toBe('ADMIN_FORBIDDEN');
    const viaQuery = await app.inject({ url: '/__mock/ui/?token=nope', remoteAddress: REMOTE });
    expect(viaQuery.statusCode).toBe(403);
  });

  it('serves the page to a remote client with the Bearer token', async () => {
    const res = await app.inject({ url: '/__mock/ui/', remoteAddress: REMOTE, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('partywo 模拟服务控制台');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('serves ?token= and sets an HttpOnly cookie scoped to the console for the page own loads', async () => {
    const res = await app.inject({ url: `/__mock/ui/?token=${TOKEN}`, remoteAddress: REMOTE });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`${UI_COOKIE}=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/__mock/ui/');
    const script = await app.inject({ url: '/__mock/ui/api.js', remoteAddress: REMOTE, headers: { cookie: `other=1; ${UI_COOKIE}=${TOKEN}` } });
    expect(script.statusCode).toBe(200);
    const stale = await app.inject({ url: '/__mock/ui/api.js', remoteAddress: REMOTE, headers: { cookie: `${UI_COOKIE}=old` } });
    expect(stale.statusCode).toBe(403);
  });

  it('gives a browser without the token a form to type it (still 401, no console code)', async () => {
    const res = await app.inject({ url: '/__mock/ui/', remoteAddress: REMOTE, headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('name="token"');
    expect(res.body).not.toContain('app.js');
  });

  it('keeps the cookie to the console: the admin API still wants the Bearer header', async () => {
    const res = await app.inject({ url: '/__mock/health', remoteAddress: REMOTE, headers: { cookie: `${UI_COOKIE}=${TOKEN}` } });
    expect(res.statusCode).toBe(401);
    const ok = await app.inject({ url: '/__mock/health', remoteAddress: REMOTE, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
  });
});
