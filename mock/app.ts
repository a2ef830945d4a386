// buildApp(options): the whole mock as a Fastify instance that never listens (tests, Pact, bench use it;
// mock/server.ts listens).
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, FastifyReply, FastifyServerOptions } from 'fastify';
import { DEFAULT_SEED, baseline } from './fixtures/baseline';
import './fixtures/account-scenarios';
import type { EffectHandler } from './store/session';
import { Session, SessionRegistry, silentLogger } from './store/session';
import adminApi from './http/admin';
import adminOrders from './http/admin-orders';
import uiPlugin from './http/ui';
import type { ResolvedOptions } from './http/context';
import envelopeErrors from './http/errors';
import filesRoutes from './http/files';
import { DEFAULT_SPEC_PATH, loadSpec } from './http/spec';
import transport from './http/transport';
import accountRoutes from './http/routes/account';
import referenceRoutes from './http/routes/reference';
import backofficeUsersRoutes from './http/routes/backoffice-users';
import './fixtures/orders-scenarios';
import paymentsPlatform from './http/payments-platform';
import ordersRoutes from './http/routes/orders';
import backofficeOrdersRoutes from './http/routes/backoffice-orders';
import loansRoutes from './http/routes/loans';
import paymentRoutes from './http/routes/payment';
import paymentPlatformRoutes from './http/routes/payment-platform';
import driftPlugin, { type Drift } from './http/drift';
import faultInjection from './http/faults';
import statePersistence from './http/persistence';
import { rewriteSessionUrl, sessionsAdmin } from './http/sessions';
import type { FaultRuleInput } from './store/faults';
import { parseLatencyFlag } from './store/faults';

export interface BuildOptions {
  /** Seed of the baseline (faker names/profiles); default 20150901. */
  seed?: number;
  /** Every captcha 8888, every SMS code 123456. */
  fixedCodes?: boolean;
  /** Admin API token: when set, `Authorization: Bearer <token>` is required from anywhere. */
  adminToken?: string | null;
  /** Mock clock start (epoch ms, ISO-8601 or Date); default: the real time. A given start freezes the clock unless clockFrozen is false. */
  clockStart?: number | string | Date;
  clockFrozen?: boolean;
  /** Real-time delay of simulated payment callbacks (ms). */
  callbackDelayMs?: number;
  /** Fastify logger option (false by default; the CLI passes pino options). */
  logger?: FastifyServerOptions['logger'];
  /** Bundled spec to serve and validate against (default openapi/generated/openapi.json). */
  specPath?: string;
  /** Test-only: extra plugins registered before the routes (e.g. the Pact drift injector). */
  plugins?: FastifyPluginAsync[];
  /** Test-only: called with every response before it is sent (the api-test helper checks it against the spec). */
  onResponsePayload?: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => void;
  /** Test-only: injected drifts for the Pact "checks can fail" tests (mock/http/drift.ts reads them). */
  drift?: unknown;
  /** Durable state (`--state-file`): every session is loaded from and written through to this file. */
  stateFile?: string | null;
  /** Compaction threshold of the state file in bytes (default 16 MiB; tests use a small one). */
  stateFileCompactBytes?: number;
  /** Global latency every session starts with (`--latency`): `"200"`, `"100-500"` (ms) or a rule. */
  latency?: string | FaultRuleInput | null;
}

function parseTime(t: number | string | Date | undefined): number | undefined {
  if (t === undefined) return undefined;
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`invalid clockStart: ${String(t)}`);
  return ms;
}

/** Builds the mock (never listens). Call `await app.ready()` or inject directly. */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // one line per request comes from the transport plugin's onResponse hook
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    routerOptions: { caseSensitive: true },
    // `/s/{session}/...` selects a session (issue 7): the router sees the legacy path
    rewriteUrl: rewriteSessionUrl,
  });
  const resolved: ResolvedOptions = {
    seed: options.seed ?? DEFAULT_SEED,
    fixedCodes: options.fixedCodes ?? false,
    adminToken: options.adminToken || null,
    clockStart: parseTime(options.clockStart),
    clockFrozen: options.clockFrozen,
    callbackDelayMs: options.callbackDelayMs ?? 3000,
  };
  const effectHandlers = new Map<string, EffectHandler>();
  const log = options.logger ? app.log : silentLogger;
  const sessions = new SessionRegistry(
    (name) =>
      new Session({
        name,
        seed: resolved.seed,
        fixedCodes: resolved.fixedCodes,
        clock: { start: resolved.clockStart, frozen: resolved.clockFrozen },
        baseline,
        effectHandlers,
        log,
      }),
  );
  app.decorate('mockOptions', resolved);
  app.decorate('spec', loadSpec(options.specPath ?? DEFAULT_SPEC_PATH));
  app.decorate('sessions', sessions);
  app.decorate('effectHandlers', effectHandlers);
  app.decorate('servedOperations', new Map<string, string>());
  app.decorate('unservedOperations', [] as string[]);
  app.addHook('onClose', async () => sessions.close());

  await app.register(envelopeErrors);
  await app.register(transport);
  // operations (issue 7): fault injection, durable state, sessions admin; before the routes so their hooks apply
  const latency = typeof options.latency === 'string' ? parseLatencyFlag(options.latency) : (options.latency ?? null);
  if (typeof options.latency === 'string' && !latency) throw new Error(`invalid latency: ${options.latency} (MS or MIN-MAX)`);
  await app.register(faultInjection, { latency });
  if (options.stateFile) await app.register(statePersistence, { path: options.stateFile, compactBytes: options.stateFileCompactBytes });
  await app.register(sessionsAdmin, { prefix: '/__mock' });
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  if (options.drift) await app.register(driftPlugin, { drifts: options.drift as Drift[] }); // test-only (Pact drift tests)
  if (options.onResponsePayload) {
    // registered after the test plugins, so it sees what they changed (root onSend hooks run in order)
    const check = options.onResponsePayload;
    app.addHook('onSend', async (request, reply, payload) => {
      check(request, reply, payload);
      return payload;
    });
  }

  await app.register(adminApi, { prefix: '/__mock' });
  await app.register(adminOrders, { prefix: '/__mock' }); // GET /__mock/orders (the dev console's order table)
  await app.register(uiPlugin); // dev console at /__mock/ui/ (issue 8)
  await app.register(filesRoutes);
  // one plugin per tag; the orders helper adds orders/backoffice-orders/loans/payment/payment-platform here
  await app.register(accountRoutes);
  await app.register(referenceRoutes);
  await app.register(backofficeUsersRoutes);
  // orders, back office, loans, payment and the simulated payment platform (issue 4)
  await app.register(paymentsPlatform);
  await app.register(ordersRoutes);
  await app.register(backofficeOrdersRoutes);
  await app.register(loansRoutes);
  await app.register(paymentRoutes);
  await app.register(paymentPlatformRoutes);
  return app;
}
