// Listens: builds the app and serves it on host:port (0 = a free port). The CLI (cli.ts) parses argv.
import type { FastifyInstance } from 'fastify';
import type { BuildOptions } from './app';
import { buildApp } from './app';

export interface ServerOptions extends BuildOptions {
  port?: number;
  host?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Builds the mock and listens; resolves once it answers. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const app = await buildApp(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 4010, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 4010);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}`, port, close: () => app.close() };
}
