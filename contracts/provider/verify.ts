// `npm run pact:verify`: verifies every pact of partywo-api against
//   - PROVIDER_BASE_URL when set (a real backend, or a mock running elsewhere), else
//   - the mock, built in process with buildApp() and listening on a free loopback port.
// Provider states go to PROVIDER_STATES_URL when set (the backend team's state change URL), else through
// `${PROVIDER_BASE_URL}/__mock/scenarios/{name}` of the mock. Pacts come from the broker when
// PACT_BROKER_BASE_URL is set, else from contracts/pacts/ (written first by the consumer suites when
// missing, so a fresh clone works). Exit code 0 only when every (non-pending) interaction passes.
import path from 'node:path';
import type { ConsumerVersionSelector } from '@pact-foundation/pact-core';
import type { FastifyInstance } from 'fastify';
import { appBranch, appVersion, brokerFromEnv } from '../broker/config';
import { pactFiles } from '../broker/publish';
import { PROVIDER, REPO_ROOT } from '../shared/names';
import { ensurePacts } from '../shared/pact-files';
import { verifyPacts, type BrokerVerification, type VerifySummary } from './verifier';

/** The default consumer version selectors (pact-js/pact-workshop recommendation). */
export const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [{ mainBranch: true }, { matchingBranch: true }, { deployedOrReleased: true }];
/** WIP pacts newer than this are verified too (as pending) unless PACT_INCLUDE_WIP_PACTS_SINCE says otherwise. */
export const DEFAULT_WIP_SINCE = '2025-01-01';

/** Broker verification settings from the environment. */
export function brokerVerificationFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerVerification | undefined {
  const broker = brokerFromEnv(env);
  if (!broker) return undefined;
  const publish = (env.PACT_PUBLISH_VERIFICATION_RESULTS ?? (env.CI === 'true' ? 'true' : 'false')) === 'true';
  return {
    broker,
    consumerVersionSelectors: env.PACT_CONSUMER_VERSION_SELECTORS ? (JSON.parse(env.PACT_CONSUMER_VERSION_SELECTORS) as ConsumerVersionSelector[]) : DEFAULT_SELECTORS,
    enablePending: (env.PACT_ENABLE_PENDING ?? 'true') === 'true',
    includeWipPactsSince: env.PACT_INCLUDE_WIP_PACTS_SINCE === '' ? undefined : (env.PACT_INCLUDE_WIP_PACTS_SINCE ?? DEFAULT_WIP_SINCE),
    publishVerificationResult: publish,
    ...(publish ? { providerVersion: appVersion('PACT_PROVIDER_VERSION', env) } : env.PACT_PROVIDER_VERSION ? { providerVersion: env.PACT_PROVIDER_VERSION } : {}),
    providerVersionBranch: appBranch('PACT_PROVIDER_BRANCH', env),
  };
}

/** Prints one line per interaction and the totals. */
export function printSummary(summary: VerifySummary, target: string): void {
  console.log('\n── Pact verification summary ──');
  for (const i of summary.interactions) console.log(`${i.ok ? '✓' : i.pending ? '…' : '✗'} ${i.description}${i.pending ? ' (pending)' : ''}`);
  const failed = summary.interactions.filter((i) => !i.ok && !i.pending).length;
  const pending = summary.interactions.filter((i) => !i.ok && i.pending).length;
  for (const f of summary.failures) console.log(`\n✗ ${f.interaction}\n${f.mismatches.map((m) => `    - ${m}`).join('\n')}`);
  if (summary.stateErrors.length > 0) console.log(`\nProvider states that could not be set up:\n${summary.stateErrors.map((e) => `    - ${e}`).join('\n')}`);
  console.log(
    `\n${summary.interactions.length} interactions verified against ${target}: ${summary.interactions.length - failed - pending} passed, ${failed} failed${pending ? `, ${pending} pending failures (not counted)` : ''}.`,
  );
}

async function startMock(): Promise<{ url: string; app: FastifyInstance }> {
  const { buildApp } = await import('../../mock/app');
  const app = await buildApp({});
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, app };
}

async function main(): Promise<number> {
  const broker = brokerVerificationFromEnv();
  let files: string[] = [];
  if (!broker) {
    ensurePacts();
    files = pactFiles().filter((f) => f.endsWith(`-${PROVIDER}.json`));
  }
  const external = process.env.PROVIDER_BASE_URL?.trim();
  const mock = external ? undefined : await startMock();
  const providerBaseUrl = external || mock!.url;
  const statesUrl = process.env.PROVIDER_STATES_URL?.trim() || undefined;
  console.log(
    `pact:verify: provider ${providerBaseUrl}${mock ? ' (the mock, in process)' : ''}; states via ${statesUrl ?? `${providerBaseUrl}/__mock/scenarios/{name}`}; pacts from ${broker ? broker.broker.baseUrl : files.map((f) => path.relative(REPO_ROOT, f)).join(', ')}`,
  );
  try {
    const summary = await verifyPacts({ providerBaseUrl, statesUrl, pactFiles: files, broker });
    printSummary(summary, providerBaseUrl);
    return summary.ok ? 0 : 1;
  } finally {
    await mock?.app.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'contracts/provider/verify.ts')) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`pact:verify failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
