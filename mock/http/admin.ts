// The mock's own admin API under /__mock (JSON; described in openapi/mock-admin.yaml). Loopback only,
// unless an admin token is set: then `Authorization: Bearer <token>` is required from anywhere.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { domainError } from '../domain/errors';
import type { ErrorCode } from '../domain/errors';
import { READY_CUSTOMERS, READY_STAFF } from '../fixtures/accounts';
import { ScenarioError, getScenario, listScenarios } from '../fixtures/scenarios';
import { SnapshotError } from '../store/store';
import { sendFailure } from './errors';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return !!address && (LOOPBACK.has(address) || address.startsWith('127.'));
}

function adminFail(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail: string | null, status: number) {
  return sendFailure(request, reply, domainError(code, detail), status);
}

function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown, status = 200) {
  request.responseSummary = { success: true, code: null, message: null };
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** The admin access rule, as an `onRequest` hook for every plugin that serves routes under /__mock: loopback
 *  only; when an admin token is set, `Authorization: Bearer <token>` from anywhere instead (401 without it,
 *  403 with a wrong one). */
export async function adminGuard(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const token = request.server.mockOptions.adminToken;
  if (token) {
    const auth = request.headers.authorization;
    if (!auth || !/^Bearer\s+/i.test(auth)) {
      reply.header('www-authenticate', 'Bearer realm="partywo mock admin"');
      return adminFail(request, reply, 'ADMIN_FORBIDDEN', '需要 Authorization: Bearer <admin token> (admin token required)', 401);
    }
    if (auth.replace(/^Bearer\s+/i, '') !== token) {
      return adminFail(request, reply, 'ADMIN_FORBIDDEN', '管理令牌错误 (wrong admin token)', 403);
    }
  } else if (!isLoopback(request.socket.remoteAddress)) {
    return adminFail(request, reply, 'ADMIN_FORBIDDEN', `来自 ${request.socket.remoteAddress ?? '?'} 的请求被拒绝; 启动时加 --admin-token 以远程访问`, 403);
  }
  return undefined;
}

/** Admin routes; register with `{ prefix: '/__mock' }`. Other plugins add their own routes under the same
 *  prefix, each behind `adminGuard`. */
export default async function adminApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', adminGuard);

  app.get('/health', async (request, reply) => sendJson(request, reply, { ok: true }));

  app.post('/reset', async (request, reply) => {
    request.session.reset();
    return sendJson(request, reply, { ok: true });
  });

  app.get('/sms', async (request, reply) => {
    const phone = (request.query as Record<string, string | undefined>).phone ?? null;
    return sendJson(request, reply, { messages: request.session.sms(phone) });
  });

  app.get('/captchas/:imageKey', async (request, reply) => {
    const { imageKey } = request.params as { imageKey: string };
    const c = request.session.db.state.accounts.captchas[imageKey];
    if (!c) return adminFail(request, reply, 'CAPTCHA_NOT_FOUND', imageKey, 404);
    return sendJson(request, reply, { imageKey: c.imageKey, code: c.code, expiresAt: iso(c.expiresAt) });
  });

  app.get('/clock', async (request, reply) => {
    const clock = request.session.clock;
    return sendJson(request, reply, { now: iso(clock.now()), frozen: clock.frozen });
  });

  app.post('/clock', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const clock = request.session.clock;
    const hasAdvance = body.advanceSeconds !== undefined && body.advanceSeconds !== null;
    const hasSet = body.set !== undefined && body.set !== null;
    if (hasAdvance === hasSet) {
      return adminFail(request, reply, 'PARAM_INVALID', '请给出 advanceSeconds 或 set 之一 (give exactly one of advanceSeconds, set)', 400);
    }
    if (hasAdvance) {
      const s = Number(body.advanceSeconds);
      if (!Number.isFinite(s)) return adminFail(request, reply, 'PARAM_INVALID', 'advanceSeconds 必须是数字 (must be a number)', 400);
      if (s < 0) return adminFail(request, reply, 'CLOCK_BACKWARDS', `advanceSeconds ${s}`, 400);
      clock.advance(Math.round(s * 1000));
    } else {
      const t = typeof body.set === 'string' ? Date.parse(body.set) : NaN;
      if (Number.isNaN(t)) return adminFail(request, reply, 'PARAM_INVALID', 'set 必须是 ISO-8601 时间 (set must be an ISO-8601 time)', 400);
      if (t < clock.now()) return adminFail(request, reply, 'CLOCK_BACKWARDS', `${String(body.set)} 早于当前 ${iso(clock.now())}`, 400);
      clock.set(t);
    }
    return sendJson(request, reply, { now: iso(clock.now()), frozen: clock.frozen });
  });

  app.get('/requests', async (request, reply) => {
    const raw = (request.query as Record<string, string | undefined>).limit;
    const limit = raw === undefined || raw === '' ? 100 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      return adminFail(request, reply, 'PARAM_INVALID', 'limit 必须是 1-500 的整数 (limit must be an integer between 1 and 500)', 400);
    }
    return sendJson(request, reply, { requests: request.session.journal.latest(limit) });
  });

  app.get('/state', async (request, reply) => sendJson(request, reply, request.session.snapshot()));

  app.put('/state', { bodyLimit: 256 * 1024 * 1024 }, async (request, reply) => {
    try {
      request.session.restore(request.body);
    } catch (err) {
      if (err instanceof SnapshotError) return adminFail(request, reply, err.error.code, err.error.message.replace(/^[^:]*: /, ''), 400);
      throw err;
    }
    return sendJson(request, reply, { ok: true });
  });

  app.get('/scenarios', async (request, reply) =>
    sendJson(request, reply, {
      scenarios: listScenarios().map((s) => ({
        name: s.name,
        description: s.description,
        params: Object.fromEntries(
          Object.entries(s.params).map(([k, d]) => [k, `${d.description}${d.enum ? ` One of ${d.enum.join('|')}.` : ''}${d.default !== undefined ? ` Default ${String(d.default)}.` : ''}`]),
        ),
      })),
    }),
  );

  app.post('/scenarios/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const scenario = getScenario(name);
    if (!scenario) return adminFail(request, reply, 'SCENARIO_UNKNOWN', name, 404);
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) return adminFail(request, reply, 'SCENARIO_PARAM_INVALID', '参数必须是 JSON 对象 (params must be a JSON object)', 400);
    if ((request.query as Record<string, string | undefined>).reset === 'true') request.session.reset();
    try {
      const ids = scenario.run(request.session, body as Record<string, unknown>);
      return sendJson(request, reply, { scenario: name, ids });
    } catch (err) {
      if (err instanceof ScenarioError) return adminFail(request, reply, 'SCENARIO_PARAM_INVALID', err.message, 400);
      throw err;
    }
  });

  app.get('/accounts', async (request, reply) => {
    const { customers, staff } = request.session.db.state.accounts;
    return sendJson(request, reply, {
      customers: READY_CUSTOMERS.filter((c) => customers[c.customerId]).map((c) => ({
        customerId: c.customerId,
        phoneNumber: customers[c.customerId]!.phoneNumber,
        password: c.password,
      })),
      staff: READY_STAFF.filter((s) => staff[s.usersId]).map((s) => ({
        usersId: s.usersId,
        usersPhone: s.usersPhone,
        usersName: staff[s.usersId]!.usersName,
        password: s.password,
        companyId: s.companyId,
        role: s.role,
      })),
    });
  });
}
