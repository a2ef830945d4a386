// One client of the legacy API and the admin API for the proof suites, over app.inject (api tests) or
// real HTTP (conformance run, long fuzz run). Requests are encoded exactly as the legacy jQuery client
// does (POST form-urlencoded), or as JSON, query string, GET or multipart when asked.
import type { FastifyInstance } from 'fastify';
import type { SpecModel } from '../fuzz/spec-model';
import type { MultipartFile, WireRequest, WireResponse } from '../fuzz/http';
import { FORM_CONTENT_TYPE, formEncode, header, multipartBody, sendRaw } from '../fuzz/http';

export type Params = Record<string, string | null | undefined>;

export interface Envelope {
  success: boolean;
  obj: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  list: any[] | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  message: string | null;
  code: string | null;
  token: string | null;
}

export type Encoding = 'form' | 'json' | 'multipart' | 'query' | 'get';

export interface CallOptions {
  /** Default: multipart when files are given, GET for GET-only operations, else form. */
  encoding?: Encoding;
  files?: Record<string, MultipartFile>;
  headers?: Record<string, string>;
  /** Conformance: the request deliberately breaks the spec (Prism must not refuse it, only check the answer). */
  invalid?: boolean;
  /** Conformance: sent to the mock directly, not through Prism; the reason is reported. */
  direct?: string;
}

export interface Answer {
  operationId: string;
  request: WireRequest;
  status: number;
  contentType: string;
  headers: WireResponse['headers'];
  raw: Buffer;
  /** The parsed JSON body (envelope), or null when the body is not JSON (an image). */
  body: Envelope | null;
  ms: number;
}

/** A legacy call: the spec operation, its parameters and how they are sent. */
export interface Client {
  spec: SpecModel;
  call(operationId: string, params?: Params, opts?: CallOptions): Promise<Answer>;
  /** Admin API (JSON); `path` starts with /__mock. */
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** The wire request for a legacy call, encoded as asked. */
export function encodeCall(spec: SpecModel, operationId: string, params: Params = {}, opts: CallOptions = {}): WireRequest {
  const op = spec.byId.get(operationId);
  if (!op) throw new Error(`operation ${operationId} is not in the spec`);
  const encoding: Encoding = opts.encoding ?? (opts.files ? 'multipart' : op.methods.includes('POST') ? 'form' : 'get');
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const query = formEncode(params);
  switch (encoding) {
    case 'get':
      return { method: 'GET', path: `${op.path}${query ? `?${query}` : ''}`, headers };
    case 'query':
      return { method: 'POST', path: `${op.path}${query ? `?${query}` : ''}`, headers };
    case 'json': {
      const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
      return { method: 'POST', path: op.path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(clean) };
    }
    case 'multipart': {
      const parts = [
        ...Object.entries(params).map(([name, v]) => ({ name, value: v ?? '' })),
        ...Object.entries(opts.files ?? {}).map(([name, file]) => ({ name, file })),
      ];
      const mp = multipartBody(parts);
      return { method: 'POST', path: op.path, headers: { 'content-type': mp.contentType, ...headers }, body: mp.body };
    }
    case 'form':
      return { method: 'POST', path: op.path, headers: { 'content-type': FORM_CONTENT_TYPE, ...headers }, body: query };
  }
}

/** Parses a wire answer into an Answer. */
export function toAnswer(operationId: string, request: WireRequest, res: WireResponse): Answer {
  const contentType = header(res, 'content-type');
  let body: Envelope | null = null;
  if (!contentType.startsWith('image/')) {
    try {
      body = JSON.parse(res.body.toString('utf8')) as Envelope;
    } catch {
      body = null;
    }
  }
  return { operationId, request, status: res.status, contentType, headers: res.headers, raw: res.body, body, ms: res.ms };
}

/** app.inject as a wire transport. */
export function injectSender(app: FastifyInstance): (req: WireRequest) => Promise<WireResponse> {
  return async (req) => {
    const started = performance.now();
    const res = await app.inject({ method: req.method as 'POST', url: req.path, headers: req.headers, ...(req.body === undefined ? {} : { payload: req.body }) });
    return { status: res.statusCode, headers: res.headers as WireResponse['headers'], body: res.rawPayload, ms: performance.now() - started };
  };
}

/** An HTTP server as a wire transport. */
export function httpSender(baseUrl: string): (req: WireRequest) => Promise<WireResponse> {
  return (req) => sendRaw(baseUrl, req);
}

/** A Client over one wire transport (legacy and admin API alike). */
export function createClient(spec: SpecModel, send: (req: WireRequest) => Promise<WireResponse>, adminHeaders: Record<string, string> = {}): Client {
  return {
    spec,
    async call(operationId, params = {}, opts = {}) {
      const req = encodeCall(spec, operationId, params, opts);
      return toAnswer(operationId, req, await send(req));
    },
    async admin(method, path, body) {
      const req: WireRequest =
        body === undefined
          ? { method, path, headers: { ...adminHeaders } }
          : { method, path, headers: { 'content-type': 'application/json', ...adminHeaders }, body: JSON.stringify(body) };
      const res = await send(req);
      const text = res.body.toString('utf8');
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        throw new Error(`admin ${method} ${path}: not JSON (${res.status}): ${text.slice(0, 200)}`);
      }
      return { status: res.status, body: parsed as never };
    },
  };
}
