// The route helper: a route plugin declares handlers by operationId; the path comes from the spec, so
// each operation is served exactly once, at its legacy path, by GET and POST. Parameters are bound
// (transport.ts), checked against the operation's request schema (PARAM_MISSING / PARAM_INVALID naming
// the parameter; FILE_MISSING for a required file part that is absent or empty) and handed to the handler
// as strings.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { StaffRole } from '../domain/accounts/state';
import type { Principal } from '../domain/accounts/auth';
import { authenticate, requireCustomer, requireStaff } from '../domain/accounts/auth';
import { dict } from '../domain/dict';
import type { DomainError, ErrorCode } from '../domain/errors';
import { domainError } from '../domain/errors';
import type { Db } from '../domain/state';
import { dateTimeCst } from '../domain/time';
import type { Ctx, Decision } from '../domain/types';
import type { Session } from '../store/session';
import type { BoundParams, HandlerResult, UploadedFile } from './context';
import { EnvelopeError, failure } from './envelope';
import { sendEnvelope } from './errors';
import { bindRequest } from './transport';

export type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;
export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

/** What a handler gets: the bound parameters, the session, and helpers that throw failure envelopes. */
export interface OpContext {
  operationId: string;
  /** Known parameters (declared by the spec): strings; null when absent or empty. */
  params: Record<string, string | null>;
  files: Record<string, UploadedFile>;
  session: Session;
  request: FastifyRequest;
  reply: FastifyReply;
  /** A parameter the spec requires (validation guarantees it is present). */
  str(name: string): string;
  /** An optional parameter, null when absent or empty. */
  opt(name: string): string | null;
  /** A file part the spec requires (validation guarantees it is present and not empty). */
  file(name: string): UploadedFile;
  /** Runs a decision on the session; returns its value or throws its failure envelope. */
  run<V>(decide: (db: Db, ctx: Ctx) => Decision<V>): V;
  /** The customer of `login_token` (and, when given, the customer `customerId` must be theirs). */
  customer(customerId?: string | null, tokenParam?: string): CustomerPrincipal;
  /** The staff user of `login_token`, of one of `roles` when given. */
  staff(roles?: readonly StaffRole[] | null, tokenParam?: string): StaffPrincipal;
  /** Runs a decision as whoever `login_token` belongs to (customer or staff: the decision checks what they
   *  may see); the token's bookkeeping events are kept whatever the outcome. */
  runAsUser<V>(decide: (who: Principal, db: Db, ctx: Ctx) => Decision<V>, tokenParam?: string): V;
  /** Throws a failure envelope. */
  fail(code: ErrorCode, detail?: string | null): never;
  /** Absolute URL of a path of this server (as the client reached it). */
  url(path: string): string;
  /** Absolute URL of a stored file (blob key). */
  fileUrl(key: string): string;
  /** `yyyy-MM-dd HH:mm:ss` (China time) of a mock-clock time. */
  time(t: number): string;
}

export type Handler = (op: OpContext) => HandlerResult | Promise<HandlerResult>;
export type OperationDef = Handler | { handler: Handler; /** answer as text/html (iframe uploads) */ html?: boolean };

const OTHER_METHODS = ['PUT', 'DELETE', 'PATCH'] as const;

/** Absolute base URL of this server as the request reached it. */
export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The public path of a stored file. */
export function filePath(key: string): string {
  return `/files/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The failure for the first (most useful) schema error: a missing parameter first (FILE_MISSING when it is
 *  one of the operation's `fileParams`), else the invalid one. */
export function paramError(errors: readonly ErrorObject[], fileParams: ReadonlySet<string> = new Set()): DomainError {
  const missing = errors.find((e) => e.keyword === 'required');
  if (missing) {
    const name = String((missing.params as { missingProperty: string }).missingProperty);
    return domainError(fileParams.has(name) ? 'FILE_MISSING' : 'PARAM_MISSING', name);
  }
  const named = errors.filter((e) => e.instancePath).sort((a, b) => b.instancePath.length - a.instancePath.length);
  const e = named.find((x) => !['anyOf', 'oneOf', 'allOf', 'if'].includes(x.keyword)) ?? named[0] ?? errors[0];
  if (!e) return domainError('PARAM_INVALID');
  const name = e.instancePath.slice(1).split('/')[0]?.replace(/~1/g, '/').replace(/~0/g, '~') ?? '';
  const p = e.params as Record<string, unknown>;
  let hint: string;
  switch (e.keyword) {
    case 'pattern':
      hint = `格式不正确, must match ${String(p.pattern)}`;
      break;
    case 'enum':
      hint = `取值必须是 ${(p.allowedValues as unknown[]).map(String).join('|')}`;
      break;
    case 'maxLength':
      hint = `过长, at most ${String(p.limit)} characters`;
      break;
    case 'minLength':
      hint = `过短, at least ${String(p.limit)} characters`;
      break;
    case 'type':
      hint = `类型不正确, must be ${String(p.type)}`;
      break;
    case 'const':
      hint = `取值必须是 ${String(p.allowedValue)}`;
      break;
    default:
      hint = e.message ?? e.keyword;
  }
  return domainError('PARAM_INVALID', name ? `${name} ${hint}` : hint);
}

/** The per-request OpContext: plain fields and methods on the prototype (no closures per request, it is built
 *  for every call); `url`, `fileUrl` and `time` also work detached (`customerView(c, op.fileUrl, op.time)`). */
class RequestContext implements OpContext {
  readonly params: Record<string, string | null>;
  readonly files: Record<string, UploadedFile>;
  readonly session: Session;
  #url: ((path: string) => string) | undefined;
  #fileUrl: ((key: string) => string) | undefined;

  constructor(
    readonly operationId: string,
    readonly request: FastifyRequest,
    readonly reply: FastifyReply,
    bound: BoundParams,
  ) {
    this.params = bound.params;
    this.files = bound.files;
    this.session = request.session;
  }

  str(name: string): string {
    const v = this.params[name];
    if (v === null || v === undefined) throw EnvelopeError.of('PARAM_MISSING', name);
    return v;
  }

  opt(name: string): string | null {
    return this.params[name] ?? null;
  }

  file(name: string): UploadedFile {
    const f = this.files[name];
    if (!f || f.data.length === 0) throw EnvelopeError.of('FILE_MISSING', name);
    return f;
  }

  run<V>(decide: (db: Db, ctx: Ctx) => Decision<V>): V {
    const out = this.session.run(decide);
    if (!out.ok) throw new EnvelopeError(out.error);
    return out.value;
  }

  customer(customerId?: string | null, tokenParam = 'login_token'): CustomerPrincipal {
    const token = this.params[tokenParam];
    return this.run((db, ctx) => requireCustomer(db, token, customerId, ctx.now));
  }

  staff(roles?: readonly StaffRole[] | null, tokenParam = 'login_token'): StaffPrincipal {
    const token = this.params[tokenParam];
    return this.run((db, ctx) => requireStaff(db, token, roles ?? null, ctx.now));
  }

  runAsUser<V>(decide: (who: Principal, db: Db, ctx: Ctx) => Decision<V>, tokenParam = 'login_token'): V {
    const token = this.str(tokenParam);
    return this.run((db, ctx) => {
      const who = authenticate(db, token, ctx.now);
      if (!who.ok) return who;
      const d = decide(who.value, db, ctx);
      return { ...d, events: [...who.events, ...d.events] };
    });
  }

  fail(code: ErrorCode, detail?: string | null): never {
    throw EnvelopeError.of(code, detail);
  }

  get url(): (path: string) => string {
    const request = this.request;
    return (this.#url ??= (path) => `${baseUrl(request)}${path}`);
  }

  get fileUrl(): (key: string) => string {
    const request = this.request;
    return (this.#fileUrl ??= (key) => `${baseUrl(request)}${filePath(key)}`);
  }

  time(t: number): string {
    return dateTimeCst(t);
  }
}

function contextFor(operationId: string, request: FastifyRequest, reply: FastifyReply, bound: BoundParams): OpContext {
  return new RequestContext(operationId, request, reply, bound);
}

/** Registers handlers by operationId at their spec paths (GET and POST; 405 for other methods). A handler
 *  for an operationId the spec lacks is not served and is listed in `app.unservedOperations`. */
export function defineOperations(app: FastifyInstance, defs: Record<string, OperationDef>): void {
  for (const [operationId, def] of Object.entries(defs)) {
    const handler = typeof def === 'function' ? def : def.handler;
    const html = typeof def === 'function' ? false : def.html === true;
    const specOp = app.spec.operations.get(operationId);
    if (!specOp) {
      app.unservedOperations.push(operationId);
      app.log.warn(`operation ${operationId} is not in the spec: not served`);
      continue;
    }
    if (app.servedOperations.has(operationId)) throw new Error(`operation ${operationId} is served twice`);
    app.servedOperations.set(operationId, specOp.path);
    const known = new Set(specOp.paramNames);
    const fileParams = new Set(specOp.fileParams);

    app.route({
      method: ['GET', 'POST'],
      url: specOp.path,
      config: { operationId, html },
      handler: async (request, reply) => {
        const { params: all, files: allFiles } = bindRequest(request);
        const params = dict<string | null>();
        const unknown = dict<string | null>();
        for (const [k, v] of Object.entries(all)) (known.has(k) ? params : unknown)[k] = v;
        const files = dict<UploadedFile>();
        for (const [k, f] of Object.entries(allFiles)) {
          if (fileParams.has(k)) files[k] = f;
          else unknown[k] = `<file ${f.filename}, ${f.data.length} bytes>`;
        }
        const bound: BoundParams = { params, files, unknown };
        request.bound = bound;
        // absent and empty are the same to the schema: both are "not given" (an empty file part too; a text
        // field named like a file part is no file)
        const toCheck = dict<unknown>();
        for (const [k, v] of Object.entries(params)) if (v !== null && !fileParams.has(k)) toCheck[k] = v;
        for (const [k, f] of Object.entries(files)) if (f.data.length > 0) toCheck[k] = `<file>`;
        const errors = app.spec.validateRequest(operationId, toCheck);
        if (errors) return sendEnvelope(request, reply, failure(paramError(errors, fileParams)));
        const result = await handler(contextFor(operationId, request, reply, bound));
        if ('raw' in result) {
          request.responseSummary = { success: true, code: null, message: null };
          reply.code(200).type(result.contentType);
          for (const [k, v] of Object.entries(result.headers ?? {})) reply.header(k, v);
          return reply.send(result.raw);
        }
        return sendEnvelope(request, reply, result);
      },
    });
    app.route({
      method: [...OTHER_METHODS],
      url: specOp.path,
      config: { operationId, html },
      handler: async (request, reply) => {
        reply.header('allow', 'GET, POST, OPTIONS');
        return sendEnvelope(request, reply, failure(domainError('METHOD_NOT_ALLOWED', `${request.method} ${specOp.path}; 请使用 POST 或 GET`)), 405);
      },
    });
  }
}
