// Shared helper of the api tests: a fresh app per test file whose EVERY response is checked against the
// spec (one check here, not per test: legacy answers against openapi.json, every /__mock JSON answer against
// mock-admin.json), and small clients that talk exactly like the legacy jQuery client.
import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { BuildOptions } from '../app';
import { buildApp } from '../app';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Spec } from '../http/spec';
import { DEFAULT_ADMIN_SPEC_PATH, createSpec, loadSpec } from '../http/spec';
import { SensitiveDataScanner } from './security/scanner';
import type { Envelope } from '../../scripts/conformance/client';

/** A fixed start for test clocks: 2015-09-01 10:00 China time (frozen: only the admin API moves it). */
export const TEST_CLOCK_START = '2015-09-01T02:00:00.000Z';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

let adminSpec: Spec | null | undefined;
/** The admin API's spec (openapi/generated/mock-admin.json), compiled once; null before `npm run spec:types`. */
export function loadAdminSpec(): Spec | null {
  if (adminSpec === undefined) {
    adminSpec = existsSync(DEFAULT_ADMIN_SPEC_PATH) ? createSpec(JSON.parse(readFileSync(DEFAULT_ADMIN_SPEC_PATH, 'utf8')) as Record<string, unknown>) : null;
  }
  return adminSpec;
}

/** The validator of the JSON answer mock-admin.yaml documents for `method` on `template` (e.g.
 *  `/__mock/captchas/{imageKey}`) with `status`; a text saying what is undocumented otherwise. */
export function adminResponseValidator(admin: Spec, method: string, template: string, status: number): ValidateFunction | string {
  const item = (admin.doc.paths as Record<string, Record<string, Record<string, unknown>>>)[template];
  const op = item?.[method.toLowerCase()];
  if (!op) return `admin route ${method} ${template} is not in mock-admin.yaml`;
  const documented = (op.responses as Record<string, Record<string, unknown>>)[String(status)];
  if (!documented) return `status ${status} not documented for ${template}`;
  const pointer = documented.$ref
    ? `${documented.$ref as string}/content/application~1json/schema`
    : `#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  return admin.validator(pointer);
}

function fmt(errors: readonly { instancePath: string; message?: string; params?: unknown }[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('; ');
}

function payloadText(payload: unknown): string | null {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return null;
}

/** Checks one response against the spec; returns a violation text or null. */
export function checkResponse(spec: Spec, request: FastifyRequest, reply: FastifyReply, payload: unknown): string | null {
  const status = reply.statusCode;
  const where = `${request.method} ${request.url} -> ${status}`;
  const contentType = String(reply.getHeader('content-type') ?? '').split(';')[0]!.trim();
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/files/')) return null;
  if (path.startsWith('/__mock/ui')) return null;
  const text = payloadText(payload);
  let body: unknown;
  const parse = (): string | null => {
    try {
      body = JSON.parse(text ?? '');
      return null;
    } catch {
      return `${where}: body is not JSON (${contentType})`;
    }
  };

  if (path.startsWith('/__mock')) {
    const admin = loadAdminSpec();
    if (!admin || status === 204) return null;
    if (contentType !== 'application/json') return `${where}: admin answer is ${contentType}, not application/json`;
    const err = parse();
    if (err) return err;
    if (!request.routeOptions.url) {
      // no admin route matched (unknown path or method): the not-found answer is an AdminError
      const v = admin.validator('#/components/schemas/AdminError');
      return v(body) ? null : `${where}: not an AdminError: ${fmt(v.errors)}`;
    }
    const template = request.routeOptions.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const v = adminResponseValidator(admin, request.method, template, status);
    if (typeof v === 'string') return `${where}: ${v}`;
    return v(body) ? null : `${where}: ${fmt(v.errors)}`;
  }

  const operationId = request.routeOptions.config?.operationId;
  if (status !== 200 || !operationId) {
    if (status === 200 && !operationId && request.method === 'OPTIONS') return null; // CORS preflight
    if (request.method === 'OPTIONS' || status === 204) return null;
    const err = parse();
    if (err) return err;
    const v = spec.validator('#/components/schemas/FailureEnvelope');
    return v(body) ? null : `${where}: not a FailureEnvelope: ${fmt(v.errors)}`;
  }
  const op = spec.operations.get(operationId);
  if (!op) return `${where}: operation ${operationId} not in spec`;
  const pointer = op.responses[contentType];
  if (!pointer) return `${where}: content type ${contentType} not documented for ${operationId} (${Object.keys(op.responses).join(', ')})`;
  if (contentType.startsWith('image/')) {
    const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(text ?? '');
    return buf.subarray(1, 4).toString('latin1') === 'PNG' || buf[0] === 0xff ? null : `${where}: not an image`;
  }
  const err = parse();
  if (err) return err;
  const v = spec.validator(pointer);
  return v(body) ? null : `${where}: ${fmt(v.errors)}`;
}

export interface TestApp {
  app: FastifyInstance;
  /** operationId -> outcomes answered so far ('success' or the failure code). */
  seen: Map<string, Set<string>>;
  /** The documented outcomes (success + each failure example's code) of `operationIds` not answered yet. */
  unexercised(operationIds: readonly string[], ignore?: readonly string[]): string[];
  /** Spec violations seen so far (reset after each test by `useTestApp`). */
  violations: string[];
  /** Scans every legacy answer for secrets (passwords, hashes, full card numbers, SMS codes, captcha answers); `useTestApp` fails a test on any finding. */
  scanner: SensitiveDataScanner;
  /** POST a legacy call form-urlencoded, exactly as jQuery does. */
  form(path: string, params?: Record<string, string | number | boolean | null | undefined>): Promise<LightMyRequestResponse>;
  /** POST form to the spec path of `operationId`; returns the parsed envelope and the response. */
  call(operationId: string, params?: Record<string, string | number | boolean | null | undefined>): Promise<{ body: Envelope; res: LightMyRequestResponse }>;
  /** Admin API GET/POST/PUT returning parsed JSON. */
  admin<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Latest SMS code sent to `phone` (via the admin API). */
  smsCode(phone: string): Promise<string>;
  /** Loads a captcha image for `imageKey` and returns its text (via the admin API). */
  captcha(imageKey: string): Promise<string>;
  /** Loads a scenario; returns its ids. */
  scenario(name: string, params?: Record<string, unknown>): Promise<Record<string, string>>;
}

/** The envelope as the tests read it (obj/list loosely typed): the proof suites' client type. */
export type { Envelope };

/** 'success' (when a success example exists) and the `code` of every example of the operation's 200 answer. */
export function documentedOutcomes(spec: Spec, operationId: string): string[] {
  const op = spec.operations.get(operationId);
  if (!op) return [];
  const item = (spec.doc.paths as Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>)[op.path] ?? {};
  const out = new Set<string>();
  for (const m of Object.values(item)) {
    if (m?.operationId !== operationId) continue;
    const content = (m.responses?.['200'] as { content?: Record<string, { examples?: Record<string, { value?: { success?: boolean; code?: string | null } }> }> })?.content ?? {};
    for (const media of Object.values(content)) {
      for (const ex of Object.values(media.examples ?? {})) {
        if (ex.value?.success === true) out.add('success');
        else if (ex.value?.code) out.add(ex.value.code);
      }
    }
  }
  return [...out];
}

/** Encodes params like jQuery's $.param: null/undefined -> empty value. */
export function formBody(params: Record<string, string | number | boolean | null | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) usp.append(k, v === null || v === undefined ? '' : String(v));
  return usp.toString();
}

/** A fresh app (frozen clock at TEST_CLOCK_START unless overridden) that checks every response against the spec. */
export async function buildTestApp(options: BuildOptions = {}): Promise<TestApp> {
  const spec = loadSpec(options.specPath);
  const violations: string[] = [];
  const seen = new Map<string, Set<string>>();
  // known secrets only (issued codes, passwords, hashes, stored card numbers): requests of the fuzz suite are random
  // digit runs that error messages name back, which are the caller's own input, not a leak
  const scanner = new SensitiveDataScanner({ anyLuhnRun: false });
  const app = await buildApp({
    clockStart: TEST_CLOCK_START,
    ...options,
    onResponsePayload(request, reply, payload) {
      const v = checkResponse(spec, request, reply, payload);
      if (v) violations.push(v);
      scanner.hook(request, reply, payload);
      const operationId = request.routeOptions.config?.operationId;
      if (operationId && request.responseSummary) {
        let set = seen.get(operationId);
        if (!set) seen.set(operationId, (set = new Set()));
        set.add(request.responseSummary.success ? 'success' : (request.responseSummary.code ?? '?'));
      }
      options.onResponsePayload?.(request, reply, payload);
    },
  });
  await app.ready();
  const t: TestApp = {
    app,
    violations,
    scanner,
    seen,
    unexercised(operationIds, ignore = []) {
      const missing: string[] = [];
      for (const id of operationIds) {
        for (const code of documentedOutcomes(spec, id)) {
          if (!ignore.includes(code) && !seen.get(id)?.has(code)) missing.push(`${id}: ${code}`);
        }
      }
      return missing;
    },
    form: (path, params = {}) => app.inject({ method: 'POST', url: path, headers: { 'content-type': FORM }, payload: formBody(params) }),
    async call(operationId, params = {}) {
      const path = app.servedOperations.get(operationId);
      if (!path) throw new Error(`operation ${operationId} is not served`);
      const res = await t.form(path, params);
      return { body: JSON.parse(res.body) as Envelope, res };
    },
    async admin(method, url, body) {
      const res = await app.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
        ...(options.adminToken ? { headers: { authorization: `Bearer ${options.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } } : {}),
      });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    },
    async smsCode(phone) {
      const { body } = await t.admin<{ messages: { code: string }[] }>('GET', `/__mock/sms?phone=${phone}`);
      const code = body.messages[0]?.code;
      if (!code) throw new Error(`no SMS sent to ${phone}`);
      return code;
    },
    async captcha(imageKey) {
      const img = await app.inject({ method: 'GET', url: `/imageValidate/getImageValidate?image_key=${encodeURIComponent(imageKey)}&t=${Date.now()}` });
      if (img.statusCode !== 200 || !String(img.headers['content-type']).startsWith('image/png')) throw new Error(`captcha failed: ${img.body}`);
      const { body } = await t.admin<{ code: string }>('GET', `/__mock/captchas/${encodeURIComponent(imageKey)}`);
      return body.code;
    },
    async scenario(name, params = {}) {
      const { status, body } = await t.admin<{ ids: Record<string, string> }>('POST', `/__mock/scenarios/${encodeURIComponent(name)}`, params);
      if (status !== 200) throw new Error(`scenario ${name}: ${JSON.stringify(body)}`);
      return body.ids;
    },
  };
  return t;
}

/** Vitest wiring: one app for the file (built in beforeAll, closed in afterAll); after every test, no spec violation. */
export function useTestApp(options: BuildOptions = {}): () => TestApp {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await buildTestApp(options);
  });
  afterEach(() => {
    if (!t) return;
    const seen = t.violations.splice(0);
    expect(seen, 'responses must validate against the spec').toEqual([]);
    const leaks = t.scanner.findings.splice(0).map((f) => `${f.kind} at ${f.where}: ${f.detail}`);
    expect(leaks, 'no secret may leave through the legacy API').toEqual([]);
  });
  afterAll(async () => {
    await t?.app.close();
  });
  return () => {
    if (!t) throw new Error('useTestApp: app not built yet');
    return t;
  };
}
