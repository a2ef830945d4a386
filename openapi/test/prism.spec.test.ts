// `npm run mock:prism` works: Prism 5 serves openapi/openapi.yaml statelessly and answers the legacy
// client's form POSTs with bodies valid against the spec, for every tag (and the GET image of #9).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, openapiDir, repoRoot } from '../../scripts/lib/paths';
import { createSpecValidator, formatErrors, pointerToken, type JsonObject, type SpecValidator } from '../../mock/http/spec-ajv';
import { bundleDocument, type OpenApiDocument } from '../../scripts/lib/spec-build';
import { deref, listOperations, type OperationEntry } from '../../scripts/lib/spec-walk';

let prism: ChildProcess | undefined;
let output = '';
let baseUrl = '';
let doc: OpenApiDocument;
let validator: SpecValidator;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPrism(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (prism?.exitCode !== null) throw new Error(`prism exited early:\n${output}`);
    if (/Prism is listening/.test(output)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`prism did not start in time:\n${output}`);
}

beforeAll(async () => {
  doc = await bundleDocument(path.join(openapiDir, 'openapi.yaml'));
  validator = createSpecValidator(doc);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  prism = spawn(bin('prism'), ['mock', path.join(openapiDir, 'openapi.yaml'), '--host', '127.0.0.1', '--port', String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prism.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  prism.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await waitForPrism(Date.now() + 90_000);
});

afterAll(async () => {
  if (prism && prism.exitCode === null) {
    const exited = new Promise((resolve) => prism!.once('exit', resolve));
    prism.kill('SIGTERM');
    await exited;
  }
});

interface Probe {
  entry: OperationEntry;
  body: URLSearchParams;
  successExample: string;
}

/** The operations Prism can be asked like the legacy client does: a form (or no) body and a named success example. */
function probes(): Probe[] {
  const result: Probe[] = [];
  for (const entry of listOperations(doc)) {
    if (entry.method !== 'post') continue;
    const requestBody = deref(doc, entry.operation.requestBody) as JsonObject | undefined;
    const content = requestBody?.content as Record<string, JsonObject> | undefined;
    if (content && !content['application/x-www-form-urlencoded']) continue;
    const form = content?.['application/x-www-form-urlencoded'];
    const formExample = form?.examples ? (deref(doc, Object.values(form.examples as JsonObject)[0]) as JsonObject | undefined)?.value : form?.example;
    if (content && formExample === undefined) continue;
    const response = deref(doc, (entry.operation.responses as JsonObject)['200']) as JsonObject | undefined;
    const json = (response?.content as Record<string, JsonObject> | undefined)?.['application/json'];
    const success = Object.entries((json?.examples as JsonObject | undefined) ?? {}).find(
      ([, example]) => ((deref(doc, example) as JsonObject | undefined)?.value as JsonObject | undefined)?.success === true,
    );
    if (!success) continue;
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries((formExample as JsonObject | undefined) ?? {})) body.append(key, value === null ? '' : String(value));
    result.push({ entry, body, successExample: success[0] });
  }
  return result;
}

describe('npm run mock:prism (Prism 5, OpenAPI 3.1)', () => {
  it('answers a legacy form POST of every tag with its success envelope, valid against the spec', async () => {
    const answered = new Set<string>();
    const failures: string[] = [];
    for (const { entry, body, successExample } of probes()) {
      const response = await fetch(`${baseUrl}${entry.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', prefer: `example=${successExample}` },
        body,
      });
      const text = await response.text();
      const label = `${String(entry.operation.operationId)} (${entry.path})`;
      if (response.status !== 200) {
        failures.push(`${label}: HTTP ${response.status} ${text.slice(0, 300)}`);
        continue;
      }
      const validate = validator.at(`#/paths/${pointerToken(entry.path)}/post/responses/200/content/application~1json/schema`);
      const json = JSON.parse(text) as JsonObject;
      if (!validate(json)) failures.push(`${label}: ${formatErrors(validate.errors).join('; ')}`);
      else if (json.success !== true) failures.push(`${label}: success is ${String(json.success)}`);
      else for (const tag of (entry.operation.tags as string[] | undefined) ?? []) answered.add(tag);
    }
    expect(failures).toEqual([]);
    const tags = ((doc.tags as { name: string }[] | undefined) ?? []).map((t) => t.name);
    expect(tags.length).toBeGreaterThan(0);
    expect([...answered].sort()).toEqual([...tags].sort());
  });

  it('serves the image captcha (#9) as a GET returning image/png', async () => {
    const response = await fetch(`${baseUrl}/imageValidate/getImageValidate?image_key=3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b&t=1441000000000`, {
      headers: { accept: 'image/png' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/png/);
  });

  it('refuses a request the spec does not allow (a malformed phone number)', async () => {
    const response = await fetch(`${baseUrl}/user/CustomerLoginController`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ phone_number: '12345', password: 'abc123456' }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('phone_number');
  });
});
