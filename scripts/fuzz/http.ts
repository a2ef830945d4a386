// Wire-level pieces shared by the fuzzer and the conformance run: a raw HTTP request (any method, any
// headers, any body bytes, no client-side "fixing"), a multipart/form-data builder that can also build
// broken bodies, and the legacy jQuery form encoding.
import http from 'node:http';

/** One request exactly as it goes on the wire (path includes the query string). */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** The answer, with the client-side latency. */
export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Sends `req` to `baseUrl` (http only) as is; content-length is computed from the body. A request that lost
 *  the race against the server closing a kept-alive socket is sent once more (Node's advice: `reusedSocket`);
 *  bodies over 64 KB go on a fresh connection. */
export function sendRaw(baseUrl: string, req: WireRequest, timeoutMs = 30_000): Promise<WireResponse> {
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  return sendOnce(baseUrl, req, body, timeoutMs, (body?.length ?? 0) <= 64 * 1024).catch((err: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
    if (err.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) return sendOnce(baseUrl, req, body, timeoutMs, false);
    throw err;
  });
}

function sendOnce(baseUrl: string, req: WireRequest, body: Buffer | undefined, timeoutMs: number, keepAlive: boolean): Promise<WireResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string | number> = { ...req.headers };
  if (body !== undefined) headers['content-length'] = body.length;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: keepAlive ? agent : false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      res.on('error', reject);
    });
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`timeout after ${timeoutMs} ms: ${req.method} ${req.path}`)));
    r.on('error', (err: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
      err.reusedSocket = r.reusedSocket;
      reject(err);
    });
    if (body !== undefined) r.write(body);
    r.end();
  });
}

/** jQuery's `$.param` for a flat object: null/undefined become an empty value. */
export function formEncode(params: Record<string, string | null | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) usp.append(k, v ?? '');
  return usp.toString();
}

/** What the legacy jQuery client sends as content type. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=UTF-8';

export interface MultipartFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; file: MultipartFile }
  /** A part written verbatim (its headers and body), for broken bodies. */
  | { raw: Buffer | string };

/** Builds a multipart/form-data body; `close: false` leaves out the closing boundary (a truncated upload). */
export function multipartBody(parts: readonly MultipartPart[], boundary = '----partywoFuzzBoundary7MA4YWxkTrZu0gW', close = true): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('raw' in p) {
      chunks.push(Buffer.isBuffer(p.raw) ? p.raw : Buffer.from(p.raw, 'utf8'));
    } else if ('file' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.file.filename}"\r\nContent-Type: ${p.file.contentType}\r\n\r\n`));
      chunks.push(p.file.data);
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n`));
      chunks.push(Buffer.from(p.value, 'utf8'));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * A 1x1 GIF whose every byte is 7-bit ASCII. Prism's proxy reads every non-JSON request body as UTF-8 text
 * before forwarding it, which destroys PNG/JPEG magic bytes; this image survives that round trip and is
 * still a real GIF (the mock sniffs image types by content).
 */
export const ASCII_GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1');

/** A 1x1 PNG (binary: only for direct calls, never through Prism). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

/** Header value as one string (first of a list). */
export function header(res: { headers: Record<string, string | string[] | undefined> }, name: string): string {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
