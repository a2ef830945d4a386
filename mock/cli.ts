// `npm start` (the esbuild bundle of this file, mock/dist/cli.mjs; `npm run start:dev` runs it through tsx): the mock on 127.0.0.1:4010.
//   --port N / PORT, --host H / HOST, --seed N / MOCK_SEED, --fixed-codes / MOCK_FIXED_CODES=1,
//   --admin-token T / MOCK_ADMIN_TOKEN, --clock ISO (start the mock clock there, frozen), --callback-delay MS,
//   --state-file PATH / MOCK_STATE_FILE (durable state), --latency MS|MIN-MAX / MOCK_LATENCY (every operation)
import { parseArgs } from 'node:util';
import { startServer } from './server';
import { parseLatencyFlag } from './store/faults';

function fail(message: string): never {
  console.error(`mock: ${message}`);
  process.exit(2);
}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) fail(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'fixed-codes': { type: 'boolean' },
      'admin-token': { type: 'string' },
      clock: { type: 'string' },
      'callback-delay': { type: 'string' },
      'state-file': { type: 'string' },
      latency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`npm start -- [--port 4010] [--host 127.0.0.1] [--seed N] [--fixed-codes] [--admin-token T] [--clock ISO] [--callback-delay MS]
                 [--state-file PATH] [--latency MS|MIN-MAX]
  env: PORT, HOST, MOCK_SEED, MOCK_FIXED_CODES=1, MOCK_ADMIN_TOKEN, MOCK_STATE_FILE, MOCK_LATENCY`);
    return;
  }
  const env = process.env;
  const port = int('--port', values.port ?? env.PORT, 4010);
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const seed = values.seed ?? env.MOCK_SEED;
  const fixedCodes = values['fixed-codes'] ?? (env.MOCK_FIXED_CODES === '1' || env.MOCK_FIXED_CODES === 'true');
  const adminToken = values['admin-token'] ?? env.MOCK_ADMIN_TOKEN ?? null;
  if (values.clock !== undefined && Number.isNaN(Date.parse(values.clock))) fail(`--clock must be an ISO-8601 time, got "${values.clock}"`);
  const stateFile = values['state-file'] ?? env.MOCK_STATE_FILE ?? null;
  const latencyFlag = values.latency ?? env.MOCK_LATENCY;
  if (latencyFlag !== undefined && latencyFlag !== '' && !parseLatencyFlag(latencyFlag)) fail(`--latency must be MS or MIN-MAX (0..60000), got "${latencyFlag}"`);
  const pretty = process.stdout.isTTY === true;
  const server = await startServer({
    port,
    host,
    ...(seed !== undefined ? { seed: int('--seed', seed, 0) } : {}),
    fixedCodes,
    adminToken,
    ...(values.clock !== undefined ? { clockStart: values.clock } : {}),
    ...(values['callback-delay'] !== undefined ? { callbackDelayMs: int('--callback-delay', values['callback-delay'], 3000) } : {}),
    ...(stateFile ? { stateFile } : {}),
    // tuning (and the crash test): compact the state file once its log passes this many bytes
    ...(env.MOCK_STATE_COMPACT_BYTES ? { stateFileCompactBytes: int('MOCK_STATE_COMPACT_BYTES', env.MOCK_STATE_COMPACT_BYTES, 16 * 1024 * 1024) } : {}),
    ...(latencyFlag ? { latency: latencyFlag } : {}),
    logger: pretty
      ? { level: 'info', transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname', hideObject: true } } }
      : { level: 'info' },
  });
  const lines = [
    `partywo mock listening on ${server.url}`,
    `  admin API ${server.url}/__mock (${adminToken ? 'Bearer token required' : 'loopback only'}), accounts: ${server.url}/__mock/accounts`,
    `  dev console ${server.url}/__mock/ui/${adminToken ? ' (open it once with ?token=<admin token>)' : ''}`,
    fixedCodes ? '  --fixed-codes: every captcha is 8888, every SMS code 123456' : '  SMS codes and captcha answers are printed below as they are issued',
    ...(stateFile ? [`  state file ${stateFile}: every change is saved before it is answered`] : []),
    ...(latencyFlag ? [`  --latency ${latencyFlag} ms on every operation (rule cli-latency; DELETE /__mock/faults clears it)`] : []),
  ];
  for (const l of lines) console.log(l);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
