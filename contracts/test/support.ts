// Helpers of the contract tests: the mock in process on a free port.
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../mock/app';

/** Builds the mock with `options` and listens on a free loopback port. */
export async function startMock(options: BuildOptions = {}): Promise<{ url: string; app: FastifyInstance; close: () => Promise<void> }> {
  const app = await buildApp(options);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app, close: () => app.close() };
}
