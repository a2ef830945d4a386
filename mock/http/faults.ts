// Fault injection for legacy operations (never the admin API): latency, HTTP 500 with the envelope,
// forced business failures (HTTP 200, success:false, the chosen message and code) and dropped
// connections, per session, from the rules of POST /__mock/faults and the CLI's --latency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { domainError } from '../domain/errors';
import type { FaultRuleInput } from '../store/faults';
import { parseFaultRule } from '../store/faults';
import { adminGuard } from './admin';
import { sendEnvelope, sendFailure } from './errors';

/** Id of the rule `--latency` adds to every session. */
export const CLI_LATENCY_RULE_ID = 'cli-latency';

export interface FaultInjectionOptions {
  /** A global latency rule every session starts with (the CLI's `--latency`). */
  latency?: FaultRuleInput | null;
}

/** Closes the socket without an answer; the journal shows it with status 0 (no answer was sent). */
function dropConnection(request: FastifyRequest, reply: FastifyReply, operationId: string, ruleId: string): void {
  const session = request.session;
  session.journal.add({
    at: new Date().toISOString(),
    mockTime: new Date(session.clock.now()).toISOString(),
    method: request.method,
    url: request.url,
    operationId,
    params: {},
    unknownParams: {},
    status: 0,
    response: { success: null, code: 'FAULT_INJECTED', message: `连接已断开 (connection dropped by fault ${ruleId})` },
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
  });
  reply.hijack();
  request.raw.socket?.destroy();
}

async function faultInjection(app: FastifyInstance, opts: FaultInjectionOptions): Promise<void> {
  const latency = opts.latency ?? null;
  if (latency) {
    for (const s of app.sessions.list()) s.faults.add(latency, CLI_LATENCY_RULE_ID);
    app.sessions.onCreated((s) => s.faults.add(latency, CLI_LATENCY_RULE_ID));
  }

  await app.register(faultsAdmin, { prefix: '/__mock' });

  // callback style: a request of a session without rules costs one property read, no promise
  app.addHook('onRequest', (request, reply, done) => {
    const operationId = request.routeOptions.config?.operationId;
    const rules = request.session?.faults;
    if (!operationId || !rules || rules.size === 0) return done();
    const plan = rules.plan(operationId);
    const act = () => {
      switch (plan.action) {
        case 'none':
          return done();
        case 'drop':
          request.log.info({ fault: plan.ruleId, operationId }, `fault ${plan.ruleId}: connection dropped`);
          return dropConnection(request, reply, operationId, plan.ruleId);
        case 'error':
          sendFailure(request, reply, domainError('INTERNAL_ERROR', `故障注入 (fault ${plan.ruleId})`), 500);
          return;
        case 'failure':
          sendEnvelope(request, reply, { success: false, obj: null, list: null, message: plan.failure.message, code: plan.failure.code, token: null });
          return;
      }
    };
    if (plan.delayMs > 0) setTimeout(act, plan.delayMs);
    else act();
  });
}

/** Applies each session's fault rules to legacy operations; register after the transport plugin. */
export default fp(faultInjection, { name: 'mock-fault-injection', fastify: '5.x', dependencies: ['mock-transport'] });

function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown, status = 200) {
  request.responseSummary = { success: true, code: null, message: null };
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** GET/POST/DELETE /__mock/faults (register with `{ prefix: '/__mock' }`): the request's session's rules. */
export async function faultsAdmin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', adminGuard);

  app.get('/faults', async (request, reply) => sendJson(request, reply, { faults: request.session.faults.list() }));

  app.post('/faults', async (request, reply) => {
    const parsed = parseFaultRule(request.body ?? null, (id) => app.servedOperations.has(id));
    if (!parsed.ok) return sendFailure(request, reply, domainError('PARAM_INVALID', parsed.error), 400);
    try {
      return sendJson(request, reply, request.session.faults.add(parsed.rule), 201);
    } catch (err) {
      if (err instanceof RangeError) return sendFailure(request, reply, domainError('PARAM_INVALID', err.message), 400);
      throw err;
    }
  });

  app.delete('/faults', async (request, reply) => {
    const id = (request.query as Record<string, string | undefined>).id;
    if (id === undefined) return sendJson(request, reply, { removed: request.session.faults.remove() });
    const removed = request.session.faults.remove(id);
    if (removed === 0) return sendFailure(request, reply, domainError('FAULT_NOT_FOUND', id), 404);
    return sendJson(request, reply, { removed });
  });
}
