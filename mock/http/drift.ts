// TEST-ONLY: deliberate contract drifts, injected with `buildApp({ drift: [...] })`, so the Pact tests can
// prove that provider verification fails when the provider stops honouring a pact
// (contracts/test/drift.pact.test.ts). Never enabled by the CLI or the server.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** One deliberate drift of the provider. */
export type Drift =
  /** A response field is renamed (in `obj`, in each `list` row, or at the top level of the envelope). */
  | { kind: 'renameResponseField'; operationId: string; from: string; to: string }
  /** The HTTP status of the operation's answers changes (e.g. 200 -> 500). */
  | { kind: 'responseStatus'; operationId: string; status: number }
  /** The envelope's `success` is flipped. */
  | { kind: 'flipSuccess'; operationId: string }
  /** The provider no longer reads a parameter (as if it had been renamed or dropped on its side). */
  | { kind: 'ignoreParam'; operationId: string; param: string }
  /** A named scenario (= provider state) no longer exists. */
  | { kind: 'dropScenario'; scenario: string };

export interface DriftOptions {
  drifts: readonly Drift[];
}

function operationIdOf(request: FastifyRequest): string | undefined {
  return (request.routeOptions.config as { operationId?: string } | undefined)?.operationId;
}

function renameKey(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKey(v, from, to));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k === from ? to : k] = v;
    return out;
  }
  return value;
}

async function driftPlugin(app: FastifyInstance, options: DriftOptions): Promise<void> {
  const drifts = options.drifts ?? [];
  const droppedScenarios = new Set(drifts.flatMap((d) => (d.kind === 'dropScenario' ? [d.scenario] : [])));
  const forOperation = (request: FastifyRequest) => {
    const id = operationIdOf(request);
    return id ? drifts.filter((d) => 'operationId' in d && d.operationId === id) : [];
  };

  if (droppedScenarios.size > 0) {
    app.addHook('onRequest', async (request, reply) => {
      const match = /\/__mock\/scenarios\/([^/?]+)/.exec(request.url);
      const name = match ? decodeURIComponent(match[1]!) : undefined;
      if (request.method === 'POST' && name !== undefined && droppedScenarios.has(name)) {
        return reply.code(404).send({ success: false, obj: null, list: null, message: `未知的场景: ${name}`, code: 'SCENARIO_UNKNOWN', token: null });
      }
    });
  }

  app.addHook('preHandler', async (request) => {
    for (const d of forOperation(request)) {
      if (d.kind !== 'ignoreParam') continue;
      for (const bag of [request.body, request.query]) {
        if (bag && typeof bag === 'object') delete (bag as Record<string, unknown>)[d.param];
      }
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const active = forOperation(request).filter((d) => d.kind !== 'ignoreParam');
    if (active.length === 0 || typeof payload !== 'string') return payload;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      return payload;
    }
    for (const d of active) {
      if (d.kind === 'responseStatus') reply.code(d.status);
      else if (d.kind === 'flipSuccess') body.success = !body.success;
      else if (d.kind === 'renameResponseField') {
        body = renameKey(body, d.from, d.to) as Record<string, unknown>;
        body.obj = renameKey(body.obj, d.from, d.to);
        body.list = renameKey(body.list, d.from, d.to);
      }
    }
    return JSON.stringify(body);
  });
}

/** The drift injector; `buildApp({ drift })` registers it before the routes. */
export default fp(driftPlugin, { name: 'mock-drift', fastify: '5.x' });
