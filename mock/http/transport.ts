// Legacy transport: form-urlencoded, JSON, multipart and query string, bound the same way; CORS open;
// the session of each request; one log line and one journal entry per request.
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { BoundParams, ResponseSummary, UploadedFile } from './context';
import { dict } from '../domain/dict';
import { domainError } from '../domain/errors';
import { EnvelopeError } from './envelope';
import { sendFailure } from './errors';
import { resolveSession } from './sessions';

export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Largest text field of a multipart body (as a form or JSON body: 1 MiB). busboy cuts a longer field at
 *  `fieldSize` without an error, so the limit given to it is one byte more and a longer value is refused here. */
export const FIELD_LIMIT_BYTES = 1024 * 1024;

/** Longest parameter value the request journal keeps (the rest is summarised). */
const JOURNAL_VALUE_CHARS = 1024;

/** The admin route that takes a whole state snapshot (see the JSON parser below). */
const SNAPSHOT_ROUTE = '/__mock/state';

/** The session a request belongs to: `/s/{session}/` prefix, `X-Mock-Session` header, else `default` (sessions.ts). */
export { sessionNameOf } from './sessions';

function isUpload(v: unknown): v is UploadedFile {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data) && typeof (v as UploadedFile).filename === 'string';
}

function scalar(name: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 1) return scalar(name, v[0]);
    throw EnvelopeError.of('PARAM_INVALID', `参数 ${name} 只能出现一次 (parameter ${name} given ${v.length} times)`);
  }
  throw EnvelopeError.of('PARAM_INVALID', `参数 ${name} 必须是文本 (parameter ${name} must be a string, not an object)`);
}

/** What a parsed JSON body is when it is not an object (null: it is one). */
function jsonKindOf(body: unknown): string | null {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  if (typeof body === 'number') return 'a number';
  if (typeof body === 'boolean') return 'a boolean';
  return null;
}

function isJsonRequest(request: FastifyRequest): boolean {
  return /^application\/json\b/i.test(String(request.headers['content-type'] ?? '').trim());
}

/** Binds query string and body (form, JSON or multipart) into one flat map of strings; empty -> null.
 *  Body values win over query values of the same name. Throws EnvelopeError for non-scalar values and
 *  for a JSON body that is not an object (array, number, boolean, null, string).
 *  The maps are prototype-free (domain/dict.ts): a parameter named `constructor` or `__proto__` is an ordinary key. */
export function bindRequest(request: FastifyRequest): { params: Record<string, string | null>; files: Record<string, UploadedFile> } {
  const params = dict<string | null>();
  const files = dict<UploadedFile>();
  const query = request.query as Record<string, unknown> | undefined;
  if (query && typeof query === 'object') for (const [k, v] of Object.entries(query)) params[k] = scalar(k, v);
  const body = request.body;
  const kind = body === undefined ? null : jsonKindOf(body) ?? (typeof body === 'string' && isJsonRequest(request) ? 'a string' : null);
  if (kind) throw EnvelopeError.of('BODY_UNPARSEABLE', `请求体必须是 JSON 对象 (the body must be a JSON object, not ${kind})`);
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
    const multipart = request.isMultipart();
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (multipart) checkFieldSize(k, v);
      if (isUpload(v)) files[k] = v;
      else if (Array.isArray(v) && v.some(isUpload)) throw EnvelopeError.of('PARAM_INVALID', `文件 ${k} 只能上传一个 (one file per field ${k})`);
      else params[k] = scalar(k, v);
    }
  } else if (typeof body === 'string' && body.length > 0) {
    throw EnvelopeError.of('UNSUPPORTED_MEDIA_TYPE', String(request.headers['content-type'] ?? ''));
  }
  return { params, files };
}

/** A multipart text field over FIELD_LIMIT_BYTES (busboy truncated it) is refused, never bound cut. */
function checkFieldSize(name: string, v: unknown): void {
  for (const item of Array.isArray(v) ? v : [v]) {
    if (typeof item === 'string' && Buffer.byteLength(item) > FIELD_LIMIT_BYTES) {
      throw EnvelopeError.of('PAYLOAD_TOO_LARGE', `字段 ${name.slice(0, 64)} 超过 1 MiB (multipart field over 1 MiB)`);
    }
  }
}

/** Passwords never reach the journal in clear; long values are cut (the journal keeps 500 entries). */
function masked(params: Record<string, string | null>): Record<string, string | null> {
  const out = dict<string | null>();
  for (const [k, v] of Object.entries(params)) {
    out[k] = k === 'password' && v !== null ? '***' : v !== null && v.length > JOURNAL_VALUE_CHARS ? `${v.slice(0, JOURNAL_VALUE_CHARS)}...(${v.length} chars)` : v;
  }
  return out;
}

/** True when a value must be masked or cut before the journal keeps it. */
function needsMask(params: Record<string, string | null>): boolean {
  for (const k in params) {
    const v = params[k];
    if (v !== null && v !== undefined && (k === 'password' || v.length > JOURNAL_VALUE_CHARS)) return true;
  }
  return false;
}

/** What the journal keeps of a request's parameters until it is read: the bound maps themselves when nothing in
 *  them needs masking or cutting and no file came (the usual case: no copy per request), else masked copies with
 *  files summarised, made now, so that no upload bytes, passwords or long values stay referenced. */
function journalFacts(bound: BoundParams | null): { params: Record<string, string | null>; unknown: Record<string, string | null> } | null {
  if (!bound) return null;
  const hasFiles = Object.keys(bound.files).length > 0;
  if (!hasFiles && !needsMask(bound.params) && !needsMask(bound.unknown)) return { params: bound.params, unknown: bound.unknown };
  const files = Object.fromEntries(Object.entries(bound.files).map(([k, f]) => [k, `<file ${f.filename}, ${f.data.length} bytes>`]));
  return { params: masked({ ...bound.params, ...files }), unknown: masked(bound.unknown) };
}

/** Whether the request logger writes info lines (the per-request line is not even built otherwise; Fastify's
 *  null logger, used when logging is off, has no isLevelEnabled). */
function infoEnabled(log: FastifyBaseLogger): boolean {
  const l = log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  return typeof l.isLevelEnabled === 'function' && l.isLevelEnabled('info');
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request goes into the session's journal: every legacy call and every admin change (reset, clock,
 *  scenarios, state, faults explain what the state did), but not the dev console's own files nor admin reads,
 *  which an open console polls every few seconds and would push the legacy calls out of the 500 entries. */
export function journaled(request: Pick<FastifyRequest, 'method' | 'url'>): boolean {
  const path = request.url.split('?')[0] ?? '';
  if (path !== '/__mock' && !path.startsWith('/__mock/')) return true;
  return !path.startsWith('/__mock/ui/') && path !== '/__mock/ui' && !READS.has(request.method);
}

async function transport(app: FastifyInstance): Promise<void> {
  // OPTIONS without Origin and Access-Control-Request-Method is no CORS preflight: refused like any other
  // method the mock does not serve (405, the envelope; `{error, code}` on the admin API), before @fastify/cors
  // would answer it with a bare `400 text/plain`
  // (hooks on every request are callback-style: an async hook costs a promise and a microtask per request)
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'OPTIONS' || (request.headers.origin && request.headers['access-control-request-method'])) return done();
    reply.header('allow', 'GET, POST, OPTIONS');
    sendFailure(request, reply, domainError('METHOD_NOT_ALLOWED', 'OPTIONS 只用于 CORS 预检 (OPTIONS without Origin and Access-Control-Request-Method is no CORS preflight)'), 405);
  });
  await app.register(cors, { origin: '*', methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'], maxAge: 86400 });
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 5, fields: 200, fieldSize: FIELD_LIMIT_BYTES + 1, parts: 205 },
    async onFile(part) {
      const data = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = { filename: part.filename, mimetype: part.mimetype, data };
    },
  });
  // an empty JSON body is an empty parameter set (jQuery sends nothing for an empty data object)
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  // a snapshot (PUT /__mock/state) is data whose maps may hold any key, `__proto__` included (a captcha
  // image_key): parsed as plain JSON.parse does (an own `__proto__` key), the store makes its maps
  // prototype-free on restore (domain/dict.ts). Every other JSON body refuses `__proto__` keys.
  const snapshotParser = app.getDefaultJsonParser('ignore', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, {});
    const parser = req.method === 'PUT' && req.routeOptions.url === SNAPSHOT_ROUTE ? snapshotParser : jsonParser;
    return parser(req, typeof body === 'string' ? body : body.toString('utf8'), done);
  });

  app.decorateRequest('session', null as never);
  app.decorateRequest('bound', null);
  app.decorateRequest('responseSummary', null);

  app.addHook('onRequest', (request, _reply, done) => {
    try {
      request.session = resolveSession(app, request);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const session = request.session;
    const summary: ResponseSummary = request.responseSummary ?? { success: null, code: null, message: null };
    const operationId = request.routeOptions.config?.operationId ?? null;
    const bound: BoundParams | null = request.bound;
    const durationMs = Math.round(reply.elapsedTime * 100) / 100;
    if (session && journaled(request)) {
      // the facts now, formatted only when the journal is read (journalFacts keeps no upload bytes nor long values)
      const facts = journalFacts(bound);
      const at = Date.now();
      const mockTime = session.clock.now();
      const method = request.method;
      const url = request.url;
      const status = reply.statusCode;
      session.journal.addLazy(() => ({
        at: new Date(at).toISOString(),
        mockTime: new Date(mockTime).toISOString(),
        method,
        url,
        operationId,
        params: facts ? facts.params : {},
        unknownParams: facts ? facts.unknown : {},
        status,
        response: summary,
        durationMs,
      }));
    }
    if (infoEnabled(request.log)) {
      const outcome = summary.success === null ? '' : summary.success ? ' ok' : ` ${summary.code ?? 'fail'}`;
      request.log.info(
        { method: request.method, url: request.url, operationId, status: reply.statusCode, ms: durationMs, code: summary.code },
        `${request.method} ${request.url.split('?')[0]}${operationId ? ` (${operationId})` : ''} -> ${reply.statusCode}${outcome} ${durationMs}ms`,
      );
    }
    done();
  });
}

export default fp(transport, { name: 'mock-transport', fastify: '5.x' });
