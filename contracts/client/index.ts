// partywo typed client: one method per operationId, speaking the legacy transport exactly as the
// 2015 web client does (POST form bodies with `login_token` in the body, multipart iframe uploads,
// GET for the image captcha). It is the consumer under test of the Pact suites and a library the
// frontend can import: `createPartywoClient({ baseUrl })`.
import { operationTable, operationNames, type OperationName } from './operations';
import { encodeForm, encodeMultipart, joinUrl } from './transport';
import type { ImageResult, OperationCall, RequestOf, ResultOf } from './types';

export { operationTable, operationNames } from './operations';
export type { OperationName, OperationInfo, Encoding } from './operations';
export type { RequestOf, ResultOf, ImageResult, OperationCall, SpecOperationId } from './types';
export { encodeForm, encodeMultipart, wireText, joinUrl } from './transport';
export type { UploadFile, WireScalar } from './transport';

/** Options of {@link createPartywoClient}. */
export interface PartywoClientOptions {
  /** Absolute base URL of the API, e.g. `http://127.0.0.1:4010` (the legacy client's base is a bare host). */
  baseUrl: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

/** The answer was not the legacy envelope (e.g. an HTML error page of a proxy). */
export class PartywoTransportError extends Error {
  constructor(
    readonly operationId: OperationName,
    readonly status: number,
    readonly bodyText: string,
  ) {
    super(`${operationId}: HTTP ${status}, the answer is not the legacy JSON envelope: ${bodyText.slice(0, 200)}`);
    this.name = 'PartywoTransportError';
  }
}

/** A client with one method per operationId; each resolves with the operation's typed envelope. */
export type PartywoClient = { readonly [K in OperationName]: OperationCall<K> } & {
  /** The base URL the client calls. */
  readonly baseUrl: string;
  /** Calls an operation by its operationId (what every named method does). */
  call<K extends OperationName>(operationId: K, params?: RequestOf<K>): Promise<ResultOf<K>>;
  /** The `<img src>` the legacy page sets for the captcha of `imageKey` (#9), `t` being the cache-buster. */
  imageValidateUrl(imageKey: string, t?: number): string;
};

async function parseEnvelope(operationId: OperationName, response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PartywoTransportError(operationId, response.status, text);
  }
}

/** Creates a client for the API at `options.baseUrl`; nothing is sent before a method is called. */
export function createPartywoClient(options: PartywoClientOptions): PartywoClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const baseUrl = options.baseUrl;

  async function call<K extends OperationName>(operationId: K, params?: RequestOf<K>): Promise<ResultOf<K>> {
    const op = operationTable[operationId];
    const values = (params ?? {}) as Record<string, unknown>;
    let url = joinUrl(baseUrl, op.path);
    let init: RequestInit;
    switch (op.encoding) {
      case 'query': {
        const query = encodeForm(values).toString();
        if (query) url += `?${query}`;
        init = { method: op.method };
        break;
      }
      case 'multipart':
        init = { method: op.method, body: encodeMultipart(values, op.filePart) };
        break;
      case 'form':
        // URLSearchParams as body: fetch sends `application/x-www-form-urlencoded;charset=UTF-8`,
        // as jQuery does; an empty body stays empty (#13, #25, #37, #44 send nothing).
        init = { method: op.method, body: encodeForm(values) };
        break;
    }
    const response = await doFetch(url, init);
    if (op.response === 'image') {
      const result: ImageResult = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        bytes: new Uint8Array(await response.arrayBuffer()),
      };
      return result as ResultOf<K>;
    }
    // Transport failures (404, 413, 400, 500) also carry the envelope: hand it back like any answer.
    return (await parseEnvelope(operationId, response)) as ResultOf<K>;
  }

  const client: Record<string, unknown> = {
    baseUrl,
    call,
    imageValidateUrl(imageKey: string, t: number = Date.now()) {
      return `${joinUrl(baseUrl, operationTable.getImageValidate.path)}?${encodeForm({ image_key: imageKey, t }).toString()}`;
    },
  };
  for (const name of operationNames) client[name] = (params?: RequestOf<typeof name>) => call(name, params);
  return client as PartywoClient;
}
