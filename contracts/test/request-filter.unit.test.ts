// The verifier's request filter: placeholder tokens and multipart ids are replaced by the values the
// provider state returned; form bodies are handed back to pact-js's proxy as form text; a failed state
// fails the interaction instead of running it.
import { describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN, DEAD_TOKEN, SAMPLE_ORDER_ID, STAFF_TOKEN } from '../shared/placeholders';
import { StateContext, createRequestFilter, rewriteMultipart, substitute } from '../provider/request-filter';

function run(context: StateContext, req: { path: string; headers: Record<string, string>; body?: unknown }) {
  let status = 0;
  let sent: unknown;
  let nextCalled = false;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    json(body: unknown) {
      sent = body;
      return res;
    },
  };
  createRequestFilter(context)(req, res, () => (nextCalled = true));
  return { req, status, sent, nextCalled };
}

describe('request filter', () => {
  it('replaces placeholder tokens (any field, e.g. #12 sends the login token as `token`) and leaves other values', () => {
    const out = substitute({ login_token: CUSTOMER_TOKEN, token: CUSTOMER_TOKEN, staff: STAFF_TOKEN, dead: DEAD_TOKEN, orderId: '1' }, { login_token: 'LIVE', staffLoginToken: 'STAFF' });
    expect(out).toEqual({ login_token: 'LIVE', token: 'LIVE', staff: 'STAFF', dead: DEAD_TOKEN, orderId: '1' });
  });

  it('re-encodes a parsed form body as form text with the state token, and fixes content-length', () => {
    const context = new StateContext();
    context.merge({ login_token: 'LIVE', customerId: '7' });
    const { req, nextCalled } = run(context, {
      path: '/user/updateCustomerInfoController',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '99' },
      body: { login_token: CUSTOMER_TOKEN, customerId: '7', sex: '' },
    });
    expect(nextCalled).toBe(true);
    expect(Buffer.isBuffer(req.body)).toBe(true);
    expect((req.body as Buffer).toString()).toBe('login_token=LIVE&customerId=7&sex=');
    expect(req.headers['content-length']).toBe(String((req.body as Buffer).length));
  });

  it('consumes the state values: the next interaction starts empty', () => {
    const context = new StateContext();
    context.merge({ login_token: 'LIVE' });
    run(context, { path: '/a', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: { login_token: CUSTOMER_TOKEN } });
    const second = run(context, { path: '/b', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: { login_token: CUSTOMER_TOKEN } });
    expect((second.req.body as Buffer).toString()).toBe(`login_token=${CUSTOMER_TOKEN}`);
  });

  it('leaves the state-setup calls alone', () => {
    const context = new StateContext();
    context.merge({ login_token: 'LIVE' });
    const body = { state: 'x', params: {}, action: 'setup' };
    const { req, nextCalled } = run(context, { path: '/_pactSetup', headers: { 'content-type': 'application/json' }, body });
    expect(nextCalled).toBe(true);
    expect(req.body).toBe(body);
    // not consumed by the state call
    const next = run(context, { path: '/c', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: { login_token: CUSTOMER_TOKEN } });
    expect((next.req.body as Buffer).toString()).toBe('login_token=LIVE');
  });

  it('answers 500 naming the state when a state setup failed', () => {
    const context = new StateContext();
    context.fail('"a logged-in customer": HTTP 404');
    const { status, sent, nextCalled } = run(context, { path: '/x', headers: {}, body: {} });
    expect(nextCalled).toBe(false);
    expect(status).toBe(500);
    expect(JSON.stringify(sent)).toContain('a logged-in customer');
  });

  it('resets before an interaction without provider states, not before one with states', async () => {
    const context = new StateContext();
    let resets = 0;
    const filter = createRequestFilter(context, { beforeStatelessInteraction: async () => void resets++ });
    const res = { status: () => res, json: () => res };
    const replay = () => new Promise<void>((resolve) => filter({ path: '/x', headers: {}, body: {} }, res, () => resolve()));
    await replay(); // stateless
    context.merge({ login_token: 'LIVE' });
    await replay(); // with a state: the verifier's beforeEach hook resets instead
    await replay(); // stateless again
    expect(resets).toBe(2);
  });

  it('rewrites placeholder text parts of a multipart body, copying the file part byte for byte', async () => {
    const form = new FormData();
    form.set('login_token', CUSTOMER_TOKEN);
    form.set('orderId', SAMPLE_ORDER_ID);
    form.set('orderMaterialType', '100701');
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
    form.set('orderMaterialFile', new Blob([bytes], { type: 'image/png' }), 'a.png');
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const contentType = encoded.headers.get('content-type')!;
    const raw = Buffer.from(await encoded.arrayBuffer());
    const out = rewriteMultipart(raw, contentType, { login_token: 'LIVE', orderId: '209912310001' }, { [CUSTOMER_TOKEN]: 'login_token', [SAMPLE_ORDER_ID]: 'orderId' });
    const parsed = await new Request('http://x/', { method: 'POST', body: new Uint8Array(out), headers: { 'content-type': contentType } }).formData();
    expect(parsed.get('login_token')).toBe('LIVE');
    expect(parsed.get('orderId')).toBe('209912310001');
    expect(parsed.get('orderMaterialType')).toBe('100701');
    expect(new Uint8Array(await (parsed.get('orderMaterialFile') as File).arrayBuffer())).toEqual(bytes);
  });
});
