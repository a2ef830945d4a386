// Runs Pact's Verifier against a provider (the mock or any backend) and summarises the result.
import fs from 'node:fs';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import type { ConsumerVersionSelector } from '@pact-foundation/pact-core';
import type { BrokerConfig } from '../broker/config';
import { PROVIDER } from '../shared/names';
import { MockDriver } from './mock-driver';
import { StateContext, createRequestFilter } from './request-filter';
import { createStateHandlers, mockStateBackend, remoteStateBackend, type StateBackend } from './states';

/** Where the pacts come from when a broker is used, and what is reported back. */
export interface BrokerVerification {
  broker: BrokerConfig;
  consumerVersionSelectors: ConsumerVersionSelector[];
  enablePending: boolean;
  includeWipPactsSince?: string;
  publishVerificationResult: boolean;
  providerVersion?: string;
  providerVersionBranch?: string;
}

/** Options of {@link verifyPacts}. */
export interface VerifyPactsOptions {
  /** The provider under test (mock or real backend), e.g. `http://127.0.0.1:4010`. */
  providerBaseUrl: string;
  /** A backend's state change URL; without it states are set through the mock's admin API at providerBaseUrl. */
  statesUrl?: string;
  /** Local pact files (ignored when `broker` is given). */
  pactFiles?: string[];
  broker?: BrokerVerification;
  /** Reset the mock before each interaction (default: when no statesUrl, i.e. the provider is the mock). */
  resetBetweenInteractions?: boolean;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** The outcome of one interaction. */
export interface InteractionOutcome {
  description: string;
  ok: boolean;
  pending: boolean;
}

/** The outcome of a verification run. */
export interface VerifySummary {
  ok: boolean;
  interactions: InteractionOutcome[];
  /** One entry per failed interaction: Pact's name for it ("Verifying a pact between ... Given ... - ...") and its mismatches. */
  failures: { interaction: string; mismatches: string[] }[];
  pendingFailures: { interaction: string; mismatches: string[] }[];
  /** Provider states that could not be set up (each failed its interaction with HTTP 500 from the request filter). */
  stateErrors: string[];
  /** Pact's own report lines. */
  output: string[];
}

interface RawResult {
  result?: boolean;
  errors?: { interaction: string; mismatch: { type?: string; message?: string; mismatches?: { mismatch?: string }[] } }[];
  pendingErrors?: RawResult['errors'];
  interactionResults?: { description: string; result: string; pending?: boolean }[];
  output?: string[];
}

function parseResult(text: string): RawResult | null {
  try {
    return JSON.parse(text) as RawResult;
  } catch {
    return null;
  }
}

function failuresOf(errors: RawResult['errors']): VerifySummary['failures'] {
  return (errors ?? []).map((e) => ({
    interaction: e.interaction,
    mismatches: e.mismatch.mismatches?.map((m) => m.mismatch ?? '') ?? [e.mismatch.message ?? e.mismatch.type ?? 'error'],
  }));
}

function summarise(raw: RawResult): VerifySummary {
  const failures = failuresOf(raw.errors);
  return {
    ok: raw.result ?? failures.length === 0,
    interactions: (raw.interactionResults ?? []).map((r) => ({ description: r.description, ok: r.result === 'OK', pending: r.pending === true })),
    failures,
    pendingFailures: failuresOf(raw.pendingErrors),
    stateErrors: [],
    output: raw.output ?? [],
  };
}

/** The provider-state names used by local pact files (so unknown names still get a handler). */
function stateNamesIn(files: string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const pact = JSON.parse(fs.readFileSync(file, 'utf8')) as { interactions?: { providerStates?: { name: string }[] }[] };
    for (const i of pact.interactions ?? []) for (const s of i.providerStates ?? []) names.add(s.name);
  }
  return [...names];
}

/** Verifies the pacts against the provider; never throws for a failed verification (see `ok`). */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerifySummary> {
  process.env.PACT_DO_NOT_TRACK = 'true';
  const context = new StateContext();
  const backend: StateBackend = options.statesUrl ? remoteStateBackend(options.statesUrl) : mockStateBackend(options.providerBaseUrl);
  const files = options.broker ? [] : (options.pactFiles ?? []);
  const reset = options.resetBetweenInteractions ?? !options.statesUrl;
  const mock = new MockDriver(options.providerBaseUrl);

  const config: VerifierOptions = {
    provider: PROVIDER,
    providerBaseUrl: options.providerBaseUrl,
    logLevel: options.logLevel ?? 'warn',
    // pact-js types stateHandlers as HTTP AND message handlers at once; ours are the HTTP kind
    stateHandlers: createStateHandlers(backend, context, stateNamesIn(files)) as unknown as VerifierOptions['stateHandlers'],
    requestFilter: createRequestFilter(context, reset ? { beforeStatelessInteraction: () => mock.reset() } : {}) as unknown as VerifierOptions['requestFilter'],
    ...(reset ? { beforeEach: async () => void (await mock.reset()) } : {}),
  };
  if (options.broker) {
    const b = options.broker;
    Object.assign(config, {
      pactBrokerUrl: b.broker.baseUrl,
      ...(b.broker.token ? { pactBrokerToken: b.broker.token } : {}),
      ...(b.broker.username !== undefined ? { pactBrokerUsername: b.broker.username, pactBrokerPassword: b.broker.password ?? '' } : {}),
      consumerVersionSelectors: b.consumerVersionSelectors,
      enablePending: b.enablePending,
      ...(b.includeWipPactsSince ? { includeWipPactsSince: b.includeWipPactsSince } : {}),
      publishVerificationResult: b.publishVerificationResult,
      ...(b.providerVersion ? { providerVersion: b.providerVersion } : {}),
      ...(b.providerVersionBranch ? { providerVersionBranch: b.providerVersionBranch } : {}),
    } satisfies Partial<VerifierOptions>);
  } else {
    if (files.length === 0) throw new Error('no pact files to verify');
    config.pactUrls = files;
  }

  try {
    const out = await new Verifier(config).verifyProvider();
    const raw = typeof out === 'string' ? parseResult(out) : (out as unknown as RawResult);
    return { ...summarise(raw ?? { result: true }), stateErrors: [...context.log] };
  } catch (err) {
    const raw = err instanceof Error ? parseResult(err.message) : null;
    if (!raw) throw err;
    return { ...summarise(raw), stateErrors: [...context.log] };
  }
}
