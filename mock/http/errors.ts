// Every failure becomes the legacy envelope: business failures (200), unknown routes (404), wrong
// methods (405), bodies too large (413), unparseable bodies (400), unsupported content types (415),
// and anything unexpected (500). Fastify's default error shape never reaches a client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { DomainError } from '../domain/errors';
import { domainError } from '../domain/errors';
import type { Envelope } from './envelope';
import { EnvelopeError, failure, statusOf } from './envelope';

/** Sends an envelope, as text/html for iframe upload routes (unless the caller asks for JSON). */
export function sendEnvelope(request: FastifyRequest, reply: FastifyReply, env: Envelope, status = 200): FastifyReply {
  request.responseSummary = { success: env.success, code: env.code, message: env.message };
  const html = request.routeOptions.config?.html === true && !String(request.headers.accept ?? '').includes('application/json');
  reply.code(status).header('cache-control', 'no-store');
  if (html) return reply.type('text/html; charset=utf-8').send(JSON.stringify(env));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(env));
}

/** True for the mock's own admin API (plain JSON errors `{error, code}`, never the legacy envelope). */
export function isAdminRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path === '/__mock' || path.startsWith('/__mock/') || /^\/s\/[^/]+\/__mock(\/|$)/.test(path);
}

/** Sends the failure of `error` with its transport status: the legacy envelope, or `{error, code}` on the admin API. */
export function sendFailure(request: FastifyRequest, reply: FastifyReply, error: DomainError, status = statusOf(error.code)): FastifyReply {
  if (isAdminRequest(request)) {
    request.responseSummary = { success: false, code: error.code, message: error.message };
    const adminStatus = status === 200 ? 400 : status;
    return reply.code(adminStatus).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify({ error: error.message, code: error.code }));
  }
  return sendEnvelope(request, reply, failure(error), status);
}

/** Maps any thrown error to the DomainError and status it is answered with. */
export function classify(err: FastifyError | Error, contentType?: string): { error: DomainError; status: number; unexpected: boolean } {
  if (err instanceof EnvelopeError) return { error: err.error, status: err.statusCode, unexpected: false };
  const code = (err as FastifyError).code ?? '';
  const status = (err as FastifyError).statusCode ?? 500;
  const tooLarge = ['FST_ERR_CTP_BODY_TOO_LARGE', 'FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT'];
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    // an upload over the limit is the operation's own business failure (the iframe reads the body)
    return { error: domainError('FILE_TOO_LARGE'), status: 200, unexpected: false };
  }
  if (status === 413 || tooLarge.includes(code)) {
    return { error: domainError('PAYLOAD_TOO_LARGE', `上限 10 MiB 的文件, 1 MiB 的其他请求体 (${code || 'too large'})`), status: 413, unexpected: false };
  }
  if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return {
      error: domainError('UNSUPPORTED_MEDIA_TYPE', `${contentType || '(none)'}; 请使用 application/x-www-form-urlencoded、application/json 或 multipart/form-data`),
      status: 415,
      unexpected: false,
    };
  }
  if (status >= 400 && status < 500) {
    return { error: domainError('BODY_UNPARSEABLE', `${code ? `${code}: ` : ''}${err.message}`), status: 400, unexpected: false };
  }
  return { error: domainError('INTERNAL_ERROR'), status: 500, unexpected: true };
}

async function envelopeErrors(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const contentType = request.headers['content-type'];
    let { error, status, unexpected } = classify(err, contentType);
    // busboy's own errors (no boundary, malformed parts) surface before the handler binds anything
    if (unexpected && request.bound === null && /multipart\//i.test(String(contentType ?? ''))) {
      ({ error, status, unexpected } = { error: domainError('BODY_UNPARSEABLE', `multipart: ${err.message}`), status: 400, unexpected: false });
    }
    if (unexpected) request.log.error({ err }, 'internal error');
    return sendFailure(request, reply, error, status);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return sendFailure(request, reply, domainError('NOT_FOUND', `${request.method} ${path}`), 404);
  });
}

export default fp(envelopeErrors, { name: 'mock-envelope-errors', fastify: '5.x' });
