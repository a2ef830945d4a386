// Per-developer sessions on one shared mock: the base-URL prefix `/s/{session}/...` (the legacy client
// can change its base URL but not add headers) or the header `X-Mock-Session` picks the session; without
// either, `default`. Sessions are created on first use, listed by GET /__mock/sessions and dropped by
// DELETE /__mock/sessions/{name}.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { domainError } from '../domain/errors';
import type { Session } from '../store/session';
import { DEFAULT_SESSION } from '../store/session';
import { adminGuard } from './admin';
import { EnvelopeError } from './envelope';
import { sendFailure } from './errors';

export const SESSION_HEADER = 'x-mock-session';
export const SESSION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Live sessions per server: each holds a whole mock world in memory. */
export const MAX_SESSIONS = 100;

const PREFIX = /^\/s\/([^/?#]*)/;
const kSession = Symbol('mock.sessionPrefix');

type Tagged = IncomingMessage & { [kSession]?: string };

/** Fastify `rewriteUrl`: strips a leading `/s/{session}` and remembers the name on the raw request. */
export function rewriteSessionUrl(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (!url.startsWith('/s/')) return url;
  const m = PREFIX.exec(url);
  if (!m) return url;
  let name = m[1]!;
  try {
    name = decodeURIComponent(name);
  } catch {
    // left as is: refused below as an invalid name
  }
  (req as Tagged)[kSession] = name;
  const rest = url.slice(m[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** The session name a request asks for: the URL prefix wins over the header; none: `default`. */
export function sessionNameOf(request: FastifyRequest): string {
  const fromPrefix = (request.raw as Tagged)[kSession];
  if (fromPrefix !== undefined) return fromPrefix;
  const header = request.headers[SESSION_HEADER];
  if (header === undefined) return DEFAULT_SESSION;
  return Array.isArray(header) ? (header[0] ?? '') : header;
}

/** The Session of a request, created on first use. Throws the failure envelope for a bad name or a full server. */
export function resolveSession(app: FastifyInstance, request: FastifyRequest): Session {
  const name = sessionNameOf(request);
  if (name === DEFAULT_SESSION) return app.sessions.get(DEFAULT_SESSION);
  if (!SESSION_NAME.test(name)) {
    throw new EnvelopeError(domainError('PARAM_INVALID', `会话名 ${JSON.stringify(name)} 只能包含字母、数字、_ 和 -, 1..64 个字符 (session name must match ^[A-Za-z0-9_-]{1,64}$)`), 400);
  }
  if (!app.sessions.has(name) && app.sessions.list().length >= MAX_SESSIONS) {
    throw new EnvelopeError(domainError('SESSION_LIMIT_REACHED', `${MAX_SESSIONS}; 请删除不用的会话 DELETE /__mock/sessions/{name}`), 429);
  }
  return app.sessions.get(name);
}

/** What GET /__mock/sessions shows of one session. */
export function sessionInfo(s: Session): { name: string; now: string; requests: number } {
  return { name: s.name, now: new Date(s.clock.now()).toISOString(), requests: s.journal.latest(1)[0]?.seq ?? 0 };
}

function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  request.responseSummary = { success: true, code: null, message: null };
  return reply.code(200).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** GET /__mock/sessions and DELETE /__mock/sessions/{name} (register with `{ prefix: '/__mock' }`); global,
 *  whatever session the request itself is in. */
export async function sessionsAdmin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', adminGuard);

  app.get('/sessions', async (request, reply) => sendJson(request, reply, { sessions: app.sessions.list().map(sessionInfo) }));

  app.delete('/sessions/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    if (!SESSION_NAME.test(name)) {
      return sendFailure(request, reply, domainError('PARAM_INVALID', `会话名 ${JSON.stringify(name)} (session name must match ^[A-Za-z0-9_-]{1,64}$)`), 400);
    }
    if (!app.sessions.drop(name)) return sendFailure(request, reply, domainError('SESSION_NOT_FOUND', name), 404);
    return sendJson(request, reply, { ok: true });
  });
}
