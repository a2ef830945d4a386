// The typed client speaks the legacy transport exactly as the 2015 web client (client-facts.md §1):
// POST form bodies with every value as text, `login_token` in the body and no custom headers,
// multipart iframe uploads with the legacy part names, GET for the captcha image.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createPartywoClient, encodeForm, operationNames, operationTable, PartywoTransportError } from '../client';
import { BUNDLED_SPEC, REPO_ROOT } from '../shared/names';

interface Captured {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  form?: FormData;
}

/** A client whose fetch records the request and answers `answer`. */
function recordingClient(answer: () => Response = () => Response.json({ success: true, obj: null, list: null, message: null, code: null, token: null })) {
  const seen: Captured[] = [];
  const client = createPartywoClient({
    baseUrl: 'http://api.example/',
    fetch: async (input, init) => {
      const request = new Request(input as string, init);
      const isMultipart = (request.headers.get('content-type') ?? '').startsWith('multipart/');
      const form = isMultipart ? await request.clone().formData() : undefined;
      seen.push({ url: request.url, method: request.method, headers: request.headers, body: isMultipart ? '' : await request.text(), form });
      return answer();
    },
  });
  return { client, seen };
}

describe('legacy wire format', () => {
  it('encodes like jQuery $.param: null -> empty value, undefined -> left out, booleans and numbers as text', () => {
    expect(encodeForm({ a: null, b: undefined, c: true, d: 12.5, e: '', f: '中文 a+b' }).toString()).toBe('a=&c=true&d=12.5&e=&f=%E4%B8%AD%E6%96%87+a%2Bb');
  });

  it('POSTs a form body to base URL + legacy path, login_token in the body, no custom headers', async () => {
    const { client, seen } = recordingClient();
    await client.queryOrders({ login_token: 'ABC', customerId: '201508160007', status: '', currentPageNum: '1', pageSize: '10' });
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('http://api.example/order/queryOrdersController');
    expect(req?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(req?.body))).toEqual({ login_token: 'ABC', customerId: '201508160007', status: '', currentPageNum: '1', pageSize: '10' });
    const names: string[] = [];
    req?.headers.forEach((_v, k) => names.push(k));
    expect(names.filter((h) => h !== 'content-type')).toEqual([]);
  });

  it('sends an empty form body for the parameterless calls (#13, #25, #37, #44)', async () => {
    const { client, seen } = recordingClient();
    await client.getOrderId();
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.body).toBe('');
  });

  it('uploads #17 as multipart with the text fields and the file part orderMaterialFile', async () => {
    const { client, seen } = recordingClient(() => new Response('{"success":true,"obj":"http://x/1.png","list":null,"message":"77","code":null,"token":null}', { headers: { 'content-type': 'text/html' } }));
    const res = await client.uploadOrderMaterial({
      login_token: 'ABC',
      customerId: '1',
      orderId: '2',
      orderMaterialType: '100701',
      orderMaterialFile: { bytes: new Uint8Array([1, 2, 3]), fileName: 'front.png', contentType: 'image/png' },
    });
    const form = seen[0]?.form;
    expect(seen[0]?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(form?.get('login_token')).toBe('ABC');
    expect(form?.get('orderMaterialType')).toBe('100701');
    const file = form?.get('orderMaterialFile') as File;
    expect(file.name).toBe('front.png');
    expect(file.type).toBe('image/png');
    expect(res.message).toBe('77');
  });

  it('uploads the avatar as multipart with the file part avatar and customer_id (snake case)', async () => {
    const { client, seen } = recordingClient();
    await client.uploadIcon({ login_token: 'ABC', customer_id: '1', avatar: new File([new Uint8Array([1])], 'me.jpg', { type: 'image/jpeg' }) });
    expect((seen[0]?.form?.get('avatar') as File).name).toBe('me.jpg');
    expect(seen[0]?.form?.get('customer_id')).toBe('1');
  });

  it('GETs the captcha image with image_key and t in the query and returns the bytes', async () => {
    const { client, seen } = recordingClient(() => new Response(new Uint8Array([0x89, 0x50]), { headers: { 'content-type': 'image/png' } }));
    const res = await client.getImageValidate({ image_key: 'k-1', t: '42' });
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url).toBe('http://api.example/imageValidate/getImageValidate?image_key=k-1&t=42');
    expect(res.contentType).toBe('image/png');
    expect([...res.bytes]).toEqual([0x89, 0x50]);
    expect(client.imageValidateUrl('k-1', 7)).toBe('http://api.example/imageValidate/getImageValidate?image_key=k-1&t=7');
  });

  it('hands back the envelope of a transport failure and throws on a non-envelope answer', async () => {
    const notFound = recordingClient(() => Response.json({ success: false, obj: null, list: null, message: '接口不存在', code: 'NOT_FOUND', token: null }, { status: 404 }));
    expect((await notFound.client.getBankCode()).success).toBe(false);
    const html = recordingClient(() => new Response('<html>502</html>', { status: 502 }));
    await expect(html.client.getBankCode()).rejects.toBeInstanceOf(PartywoTransportError);
  });
});

describe('operation table', () => {
  const catalogue = (parse(fs.readFileSync(path.join(REPO_ROOT, 'openapi/operations.yaml'), 'utf8')) as { operations: { number: number | null; tag: string; path: string; operationId: string }[] }).operations;

  it('matches openapi/operations.yaml (number, tag, path) for all 46 operations', () => {
    expect([...operationNames].sort()).toEqual(catalogue.map((o) => o.operationId).sort());
    for (const o of catalogue) {
      const row = operationTable[o.operationId as keyof typeof operationTable];
      expect({ number: row.number, tag: row.tag, path: row.path }).toEqual({ number: o.number, tag: o.tag, path: o.path });
    }
  });

  it('uses the method and content type the bundled spec declares', () => {
    const spec = JSON.parse(fs.readFileSync(BUNDLED_SPEC, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; requestBody?: { content: Record<string, unknown> } }>> };
    for (const name of operationNames) {
      const row = operationTable[name];
      const op = spec.paths[row.path]?.[row.method.toLowerCase()];
      expect(op?.operationId, `${name} ${row.method} ${row.path}`).toBe(name);
      const contentTypes = Object.keys(op?.requestBody?.content ?? {});
      if (row.encoding === 'multipart') expect(contentTypes).toContain('multipart/form-data');
      if (row.encoding === 'form' && contentTypes.length > 0) expect(contentTypes).toContain('application/x-www-form-urlencoded');
    }
  });
});
