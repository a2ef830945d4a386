// Shared helpers of the consumer suites: the PactV4 instances, request templates typed by the spec
// (so every interaction's request is checked against the generated types and is exactly what the typed
// client sends), and the legacy envelope's matchers.
import http from 'node:http';
import { MatchersV3, PactV4, type V3MockServer as V4MockServer } from '@pact-foundation/pact';
import type { V4RequestBuilder } from '@pact-foundation/pact/src/v4/http/types';
import { createPartywoClient, encodeMultipart, operationTable, type OperationName, type PartywoClient, type RequestOf } from '../../client';
import { PACT_DIR, PAYMENT_PLATFORM_CONSUMER, PROVIDER, WEB_CONSUMER } from '../../shared/names';
import type { StateName } from '../../shared/states';

const { regex, like, reify, isMatcher } = MatchersV3;
type Matcher<T> = MatchersV3.Matcher<T>;

// Pact's usage statistics call home; the kit never reaches the network.
process.env.PACT_DO_NOT_TRACK = 'true';

/** The pact of the web app (every app-facing operation). */
export function webPact(): PactV4 {
  return new PactV4({ consumer: WEB_CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });
}

/** The pact of the payment platform (#35 only). */
export function paymentPlatformPact(): PactV4 {
  return new PactV4({ consumer: PAYMENT_PLATFORM_CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });
}

/**
 * fetch without connection reuse. Each test gets a fresh Pact mock server on a random port; with the
 * global fetch's keep-alive pool a request could ride a pooled connection to an earlier, stopped mock
 * server that happened to have the same port, and never reach the new one.
 */
const freshConnectionFetch: typeof fetch = async (input, init) => {
  const request = new Request(input as string | URL, init);
  const body = Buffer.from(await request.arrayBuffer());
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => (headers[key] = value));
  return new Promise<Response>((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method, agent: false, headers: { ...headers, 'content-length': String(body.length), connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response(new Uint8Array(Buffer.concat(chunks)), { status: res.statusCode ?? 500, headers: responseHeaders }));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
};

/** The typed client pointed at Pact's mock server: the consumer under test. */
export function clientFor(mockServer: V4MockServer): PartywoClient {
  return createPartywoClient({ baseUrl: mockServer.url, fetch: freshConnectionFetch });
}

/** A provider-state name, checked against the catalogue at compile time. */
export const state = (name: StateName): StateName => name;

/** A parameter value or a Pact matcher producing one. */
export type Templated<T> = { [P in keyof T]: T[P] | Matcher<NonNullable<T[P]>> };

/** A request of one operation: the template the pact records and the values the client sends. */
export interface RequestTemplate<K extends OperationName> {
  readonly operationId: K;
  readonly template: Readonly<Record<string, unknown>>;
  /** The example values (matchers reified): what the consumer test passes to the typed client. */
  readonly values: RequestOf<K>;
}

/** A request template of `operationId`, its parameters typed by the spec. */
export function params<K extends OperationName>(operationId: K, template: Templated<RequestOf<K>>): RequestTemplate<K> {
  const t = template as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(t)) values[key] = isMatcher(value) ? reify(value) : value;
  return { operationId, template: t, values: values as RequestOf<K> };
}

type InteractionInternals = { interaction: { withRequestBody(body: string, contentType: string): boolean } };

/**
 * Sets a form-urlencoded request body with matchers and provider-state generators. pact-js's V4 builder
 * only offers JSON/XML bodies with matchers (pact-js issue #767), while Pact's core engine (pact_ffi
 * `mock_server/form_urlencoded.rs`) reads the same matcher JSON for `application/x-www-form-urlencoded`;
 * this reaches the core through the builder's interaction handle.
 */
function formBody(builder: V4RequestBuilder, template: Readonly<Record<string, unknown>>): void {
  builder.headers({ 'Content-Type': regex('^application/x-www-form-urlencoded(;.*)?$', 'application/x-www-form-urlencoded') });
  const ok = (builder as unknown as InteractionInternals).interaction.withRequestBody(JSON.stringify(template), 'application/x-www-form-urlencoded');
  if (!ok) throw new Error('Pact refused the form body');
}

/** A multipart body (the iframe upload) ready to record: bytes as the typed client encodes them, plus matching rules. */
interface PreparedMultipart {
  contentType: string;
  raw: Buffer;
  rules: { path: string; rules: Matcher<unknown>[] }[];
}

async function prepareMultipart(operationId: OperationName, template: Readonly<Record<string, unknown>>, values: Readonly<Record<string, unknown>>): Promise<PreparedMultipart> {
  const filePart = (operationTable[operationId] as { filePart?: string }).filePart;
  if (!filePart) throw new Error(`${operationId} is not a multipart operation`);
  const encoded = new Request('http://pact.invalid/', { method: 'POST', body: encodeMultipart(values, filePart) });
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  const raw = Buffer.from(await encoded.arrayBuffer());
  const rules: PreparedMultipart['rules'] = [];
  for (const [key, value] of Object.entries(template)) {
    if (key === filePart) {
      const file = values[filePart] as { contentType?: string; type?: string };
      // the part must carry an image of that type; its bytes may differ
      rules.push({ path: `$.${key}`, rules: [MatchersV3.contentType(file.contentType ?? file.type ?? 'application/octet-stream')] });
    } else if (isMatcher(value)) {
      if ('pact:generator:type' in (value as object)) {
        throw new Error(`${operationId}.${key}: Pact cannot inject provider-state values into multipart parts; use a placeholder (contracts/shared/placeholders.ts)`);
      }
      rules.push({ path: `$.${key}`, rules: [value as Matcher<unknown>] });
    } else {
      // without a rule of its own a text part inherits the body's content-type rule and fails
      rules.push({ path: `$.${key}`, rules: [MatchersV3.equal(value)] });
    }
  }
  return { contentType, raw, rules };
}

/**
 * The `withRequest` arguments of an operation: method, legacy path and a builder that records the
 * request the legacy transport produces (form body, multipart body or GET query).
 */
export function request<K extends OperationName>(req: RequestTemplate<K>): [string, string, (builder: V4RequestBuilder) => void] {
  const op = operationTable[req.operationId];
  return [
    op.method,
    op.path,
    (builder) => {
      switch (op.encoding) {
        case 'form':
          // jQuery sends the form content type even with no parameters (an empty body)
          if (Object.keys(req.template).length > 0) formBody(builder, req.template);
          else builder.headers({ 'Content-Type': regex('^application/x-www-form-urlencoded(;.*)?$', 'application/x-www-form-urlencoded') });
          break;
        case 'query':
          builder.query(req.template as Record<string, string | Matcher<string>>);
          break;
        case 'multipart':
          throw new Error('use multipartRequest() for multipart operations: the body is encoded asynchronously');
      }
    },
  ];
}

/** Like {@link request} for the multipart uploads (#17, uploadIcon): async because the body is encoded first. */
export async function multipartRequest<K extends OperationName>(req: RequestTemplate<K>): Promise<[string, string, (builder: V4RequestBuilder) => void]> {
  const op = operationTable[req.operationId];
  const prepared = await prepareMultipart(req.operationId, req.template, req.values as Record<string, unknown>);
  return [
    op.method,
    op.path,
    (builder) => {
      builder.headers({ 'Content-Type': regex('^multipart/form-data;\\s*boundary=.+$', prepared.contentType) });
      builder.body(prepared.contentType, prepared.raw);
      if (prepared.rules.length > 0) builder.matchingRules({ body: prepared.rules });
    },
  ];
}

// ---- the legacy envelope -------------------------------------------------------------------------

/** A successful envelope with the fields the client reads (`success` is a JSON boolean). */
export function ok(fields: { obj?: unknown; list?: unknown; token?: unknown; message?: unknown } = {}): Record<string, unknown> {
  return { success: true, ...fields };
}

/** A failed envelope: `success` false and a message naming the problem (the client alerts it). */
export function failed(exampleMessage: string): Record<string, unknown> {
  return { success: false, message: like(exampleMessage) };
}
