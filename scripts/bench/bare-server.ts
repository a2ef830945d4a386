// The ceiling of the benchmark: bare Fastify answering fixed bytes (captured from the mock) at the same
// paths, with nothing else (no parsing, validation, state or journal). Prints {"port":N} when listening.
// Usage: tsx scripts/bench/bare-server.ts <routes.json>, routes.json = [{path, contentType, body}].
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

interface BareRoute {
  path: string;
  contentType: string;
  body: string;
}

const routes = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BareRoute[];
const app = Fastify({ logger: false });
// the same request bodies reach it: accept form bodies without parsing them
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
for (const r of routes) {
  const payload = Buffer.from(r.body, 'utf8');
  app.route({ method: ['GET', 'POST'], url: r.path, handler: async (_req, reply) => reply.type(r.contentType).send(payload) });
}
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
