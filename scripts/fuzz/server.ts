// The mock as the long fuzz run starts it: a child process on a free loopback port (printed as {"port"}),
// clock fixed, errors logged as JSON lines; an unhandled rejection ends it with exit code 70 and says so.
import { buildApp } from '../../mock/app';

process.on('unhandledRejection', (reason) => {
  console.error(JSON.stringify({ unhandledRejection: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }));
  process.exit(70);
});

const app = await buildApp({ clockStart: process.env.FUZZ_CLOCK ?? '2015-09-01T02:00:00.000Z', callbackDelayMs: 10 * 60_000, logger: { level: 'error' } });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
