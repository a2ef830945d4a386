// Publishes the pact files to a Pact Broker through its "publish contracts" HTTP endpoint
// (`pb:publish-contracts` of the broker index, POST /contracts/publish): pact-js 16 ships no publisher
// (the pact-broker CLI is a separate, binary-bundling package), so the kit speaks the HAL API with fetch.
//   npm run pact:publish            (also run by `npm run pact:consumer`; a no-op without PACT_BROKER_BASE_URL)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACT_DIR } from '../shared/names';
import { appBranch, appVersion, authHeader, brokerFromEnv, type BrokerConfig } from './config';

/** What to publish the pacts as. */
export interface PublishOptions {
  broker: BrokerConfig;
  /** Pact files (default: every *.json of contracts/pacts). */
  files: string[];
  consumerVersion: string;
  branch?: string;
  tags?: string[];
  buildUrl?: string;
  fetch?: typeof fetch;
}

/** One publish call and the broker's answer. */
export interface PublishResult {
  file: string;
  consumer: string;
  provider: string;
  status: number;
  notices: string[];
}

async function brokerJson(doFetch: typeof fetch, url: string, config: BrokerConfig, init: RequestInit = {}): Promise<{ status: number; json: unknown }> {
  const res = await doFetch(url, {
    ...init,
    headers: { accept: 'application/hal+json, application/json', ...authHeader(config), ...(init.headers as Record<string, string> | undefined) },
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${typeof json === 'string' ? json.slice(0, 300) : JSON.stringify(json).slice(0, 300)}`);
  return { status: res.status, json };
}

/** Finds the publish endpoint from the broker index (falls back to the documented path). */
async function publishHref(doFetch: typeof fetch, config: BrokerConfig): Promise<string> {
  const { json } = await brokerJson(doFetch, config.baseUrl, config);
  const href = (json as { _links?: Record<string, { href?: string }> })?._links?.['pb:publish-contracts']?.href;
  return href ?? `${config.baseUrl}/contracts/publish`;
}

/** Publishes every file; resolves with one result per pact or throws on the first refusal. */
export async function publishPacts(options: PublishOptions): Promise<PublishResult[]> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const href = await publishHref(doFetch, options.broker);
  const results: PublishResult[] = [];
  for (const file of options.files) {
    const content = fs.readFileSync(file, 'utf8');
    const pact = JSON.parse(content) as { consumer: { name: string }; provider: { name: string } };
    const body = {
      pacticipantName: pact.consumer.name,
      pacticipantVersionNumber: options.consumerVersion,
      ...(options.branch ? { branch: options.branch } : {}),
      ...(options.tags && options.tags.length > 0 ? { tags: options.tags } : {}),
      ...(options.buildUrl ? { buildUrl: options.buildUrl } : {}),
      contracts: [
        {
          consumerName: pact.consumer.name,
          providerName: pact.provider.name,
          specification: 'pact',
          contentType: 'application/json',
          content: Buffer.from(content, 'utf8').toString('base64'),
        },
      ],
    };
    const { status, json } = await brokerJson(doFetch, href, options.broker, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const notices = ((json as { notices?: { text?: string }[] })?.notices ?? []).map((n) => n.text ?? '').filter(Boolean);
    results.push({ file, consumer: pact.consumer.name, provider: pact.provider.name, status, notices });
  }
  return results;
}

/** The pact files of a folder. */
export function pactFiles(dir = PACT_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

async function main(): Promise<number> {
  const broker = brokerFromEnv();
  if (!broker) {
    console.log('pact:publish: PACT_BROKER_BASE_URL is not set - pacts stay in contracts/pacts/ (nothing published).');
    return 0;
  }
  const files = pactFiles();
  if (files.length === 0) {
    console.error('pact:publish: no pact files in contracts/pacts/ - run `npm run pact:consumer` first.');
    return 1;
  }
  const tags = (process.env.PACT_CONSUMER_TAGS ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const results = await publishPacts({
    broker,
    files,
    consumerVersion: appVersion('PACT_CONSUMER_VERSION'),
    branch: appBranch('PACT_CONSUMER_BRANCH'),
    tags,
    buildUrl: process.env.PACT_BUILD_URL ?? process.env.BUILD_URL,
  });
  for (const r of results) {
    console.log(`✓ published ${path.basename(r.file)} (${r.consumer} -> ${r.provider}) to ${broker.baseUrl}`);
    for (const n of r.notices) console.log(`  ${n}`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`pact:publish failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
