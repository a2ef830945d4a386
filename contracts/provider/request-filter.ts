// The verifier's request filter. Two jobs:
//  1. Put the session values the provider state created (login tokens; ids in multipart bodies) in
//     place of the placeholders the pact carries (contracts/shared/placeholders.ts).
//  2. Re-encode form bodies: pact-js's verification proxy parses `application/x-www-form-urlencoded`
//     bodies into an object and would forward them as JSON text under the form content type
//     (proxy/parseBody.js), so the filter always hands the proxy the form text again as a Buffer.
// A provider state that failed to set up makes the filter answer the request itself with HTTP 500
// naming the state, so the interaction fails visibly instead of running against a half-built state.
import type { IncomingHttpHeaders } from 'node:http';
import { MULTIPART_ID_PLACEHOLDERS, TOKEN_PLACEHOLDERS } from '../shared/placeholders';

/** What the state handlers of the current interaction produced; consumed by its request. */
export class StateContext {
  private values: Record<string, string> = {};
  private failures: string[] = [];
  private setUp = false;
  /** Every state failure of the run, for the summary (never cleared). */
  readonly log: string[] = [];

  /** Adds the values a state returned (later states win on equal keys, as in the Pact verifier). */
  merge(values: Readonly<Record<string, unknown>> | undefined): void {
    this.setUp = true;
    for (const [key, value] of Object.entries(values ?? {})) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') this.values[key] = String(value);
    }
  }

  fail(message: string): void {
    this.setUp = true;
    this.failures.push(message);
    this.log.push(message);
  }

  /** Hands over everything collected so far and starts afresh for the next interaction. */
  take(): { values: Record<string, string>; failures: string[]; hadStates: boolean } {
    const taken = { values: this.values, failures: this.failures, hadStates: this.setUp };
    this.values = {};
    this.failures = [];
    this.setUp = false;
    return taken;
  }
}

/** Replaces placeholder values of a flat parameter map by provider-state values. */
export function substitute(
  params: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, string>>,
  placeholders: Readonly<Record<string, string>> = TOKEN_PLACEHOLDERS,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const stateKey = typeof value === 'string' ? placeholders[value] : undefined;
    out[key] = stateKey !== undefined && values[stateKey] !== undefined ? values[stateKey] : value;
  }
  return out;
}

/** Encodes a parsed form object back to form text (arrays as repeated keys). */
export function encodeFormObject(params: Readonly<Record<string, unknown>>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) body.append(key, String(item ?? ''));
    else body.append(key, value === null || value === undefined ? '' : String(value));
  }
  return body.toString();
}

function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2]?.trim();
}

/**
 * Rewrites the text fields of a multipart body whose value is a placeholder; file parts are copied
 * byte for byte. Returns the body unchanged when it cannot be parsed.
 */
export function rewriteMultipart(
  body: Buffer,
  contentType: string,
  values: Readonly<Record<string, string>>,
  placeholders: Readonly<Record<string, string>>,
): Buffer {
  const boundary = boundaryOf(contentType);
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary}`);
  const pieces: Buffer[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) return body;
  pieces.push(body.subarray(0, start));
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) {
      pieces.push(body.subarray(start)); // closing delimiter and epilogue
      break;
    }
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = headerEnd >= 0 ? part.subarray(0, headerEnd).toString('latin1') : '';
    const isFile = /filename=/i.test(headers);
    if (headerEnd >= 0 && !isFile && part.subarray(part.length - 2).toString('latin1') === '\r\n') {
      const text = part.subarray(headerEnd + 4, part.length - 2).toString('utf8');
      const stateKey = placeholders[text];
      const replacement = stateKey !== undefined ? values[stateKey] : undefined;
      if (replacement !== undefined) {
        pieces.push(delimiter, part.subarray(0, headerEnd + 4), Buffer.from(replacement, 'utf8'), Buffer.from('\r\n'));
        start = next;
        continue;
      }
    }
    pieces.push(delimiter, part);
    start = next;
  }
  return Buffer.concat(pieces);
}

/** The parts of an express request the filter touches. */
export interface FilterRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
}
interface FilterResponse {
  status(code: number): FilterResponse;
  json(body: unknown): unknown;
}

/** Options of {@link createRequestFilter}. */
export interface RequestFilterOptions {
  /** Path of pact-js's own state-setup endpoint (left untouched). */
  statePath?: string;
  /**
   * Called before an interaction without provider states is replayed (the verifier's `beforeEach` hook
   * only runs for interactions with states): resetting the mock here starts every interaction from
   * the baseline.
   */
  beforeStatelessInteraction?: () => Promise<void>;
}

/** Creates the express middleware given to the Verifier as `requestFilter`. */
export function createRequestFilter(context: StateContext, options: RequestFilterOptions = {}) {
  const statePath = options.statePath ?? '/_pactSetup';
  return (req: FilterRequest, res: FilterResponse, next: (err?: unknown) => void): void => {
    if (req.path === statePath || req.path === '/_messages') return next();
    const { values, failures, hadStates } = context.take();
    if (!hadStates && options.beforeStatelessInteraction) {
      options.beforeStatelessInteraction().then(
        () => rewrite(req, res, next, values, failures),
        (err: unknown) => {
          res.status(500).json({ success: false, message: `reset before the interaction failed: ${err instanceof Error ? err.message : String(err)}` });
        },
      );
      return;
    }
    rewrite(req, res, next, values, failures);
  };
}

/** Answers for a failed state, or hands the proxy the body with placeholders replaced. */
function rewrite(req: FilterRequest, res: FilterResponse, next: (err?: unknown) => void, values: Record<string, string>, failures: string[]): void {
  if (failures.length > 0) {
    res.status(500).json({ success: false, message: `provider state setup failed: ${failures.join('; ')}` });
    return;
  }
  const contentType = String(req.headers['content-type'] ?? '');
  if (/^application\/x-www-form-urlencoded/i.test(contentType) && req.body && !Buffer.isBuffer(req.body) && typeof req.body === 'object') {
    const text = encodeFormObject(substitute(req.body as Record<string, unknown>, values));
    req.body = Buffer.from(text, 'utf8');
    req.headers['content-length'] = String((req.body as Buffer).length);
  } else if (/^multipart\/form-data/i.test(contentType) && Buffer.isBuffer(req.body)) {
    req.body = rewriteMultipart(req.body, contentType, values, { ...TOKEN_PLACEHOLDERS, ...MULTIPART_ID_PLACEHOLDERS });
    req.headers['content-length'] = String((req.body as Buffer).length);
  }
  next();
}
