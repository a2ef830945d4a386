// The mock as the benchmark runs it: buildApp with its defaults, request logging off (a load test
// would otherwise measure the terminal), on loopback (port BENCH_PORT, default a free one). Prints {"port", "readyMs"}:
// readyMs = ms since the process started (module loading, spec compilation, listen). scripts/bench.ts bundles it
// into mock/dist/bench-server.mjs with npm start's build options (scripts/build-mock.mjs) and runs it with plain
// node (the `mock` row), and runs it through tsx for the `mock-tsx` row.
import { buildApp } from '../../mock/app';

const app = await buildApp({});
await app.listen({ host: '127.0.0.1', port: Number(process.env.BENCH_PORT ?? 0) });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, readyMs: Math.round(performance.now()) }));
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
