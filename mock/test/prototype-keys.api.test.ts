// Captcha keys and ids named like Object.prototype members (`__proto__`, `constructor`, `valueOf`, ...)
// through the legacy API: an envelope like for any unknown key, never a 500 (proof finding F3), and a
// `__proto__` captcha works like any other.
import { describe, expect, it } from 'vitest';
import { READY_CUSTOMERS } from '../fixtures/accounts';
import { useTestApp } from './helper';

const t = useTestApp();
const NAMES = ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty'] as const;

let phoneSeq = 0;
function newPhone(): string {
  phoneSeq += 1;
  return `1352000${String(phoneSeq).padStart(4, '0')}`;
}

// first: none of these keys has been issued yet in this app
describe('GET /__mock/captchas/{imageKey}', () => {
  it.each(NAMES)('GET /__mock/captchas/%s before it is issued: 404, not a 500', async (name) => {
    const { status } = await t().admin('GET', `/__mock/captchas/${encodeURIComponent(name)}`);
    expect(status).toBe(404);
  });
});

describe('#1 sendValidateMessage with a captcha key named like an Object.prototype member', () => {
  it.each(NAMES)('validate_key=%s, never issued: the envelope CAPTCHA_INVALID, not a 500', async (key) => {
    const params = { phone_number: newPhone(), validate_key: key, validate_code: 'abcd' };
    const { body, res } = await t().call('sendValidateMessage', params);
    expect(res.statusCode).toBe(200);
    expect(body).toMatchObject({ success: false, code: 'CAPTCHA_INVALID', obj: null });
    // the fuzz case: the same parameters in the query string and the body
    const q = new URLSearchParams(params).toString();
    const both = await t().app.inject({ method: 'POST', url: `/message/sendValidateMessage?${q}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: q });
    expect(both.statusCode).toBe(200);
    expect(JSON.parse(both.body)).toMatchObject({ success: false, code: 'CAPTCHA_INVALID' });
  });

  it.each(NAMES)('image_key=%s: GET the image, then #1 with that key and its answer sends the code, once', async (key) => {
    const answer = await t().captcha(key);
    const phone = newPhone();
    const { body } = await t().call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: answer });
    expect(body).toMatchObject({ success: true, message: '短信发送成功' });
    expect(await t().smsCode(phone)).toMatch(/^\d{6}$/);
    // single use, like any key
    const again = await t().call('sendValidateMessage', { phone_number: newPhone(), validate_key: key, validate_code: answer });
    expect(again.body).toMatchObject({ success: false, code: 'CAPTCHA_INVALID' });
  });

  it('a `__proto__` captcha does not rewire the captcha map: another key stays unknown', async () => {
    await t().captcha('__proto__');
    for (const key of ['code', 'imageKey', 'expiresAt']) {
      const { body } = await t().call('sendValidateMessage', { phone_number: newPhone(), validate_key: key, validate_code: 'abcd' });
      expect(body).toMatchObject({ success: false, code: 'CAPTCHA_INVALID' });
    }
    const state = (await t().admin<{ state: { accounts: { captchas: Record<string, unknown> } } }>('GET', '/__mock/state')).body.state;
    expect(Object.keys(state.accounts.captchas)).toContain('__proto__');
  });
});

describe('GET /__mock/state -> PUT /__mock/state keeps a `__proto__` captcha', () => {
  it('the restored captcha answers #1; other JSON bodies still refuse `__proto__` keys', async () => {
    const answer = await t().captcha('__proto__');
    const snap = await t().admin('GET', '/__mock/state');
    expect(snap.status).toBe(200);
    expect(await t().admin('POST', '/__mock/reset')).toMatchObject({ status: 200 });
    const put = await t().admin('PUT', '/__mock/state', snap.body);
    expect(put).toMatchObject({ status: 200, body: { ok: true } });
    const { body } = await t().call('sendValidateMessage', { phone_number: newPhone(), validate_key: '__proto__', validate_code: answer });
    expect(body).toMatchObject({ success: true });
    const res = await t().app.inject({ method: 'POST', url: '/user/CustomerLoginController', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"phone_number":"13800000001"}}' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, code: 'BODY_UNPARSEABLE' });
  });
});

describe('other lookups by client keys named like Object.prototype members answer an envelope', () => {
  it.each(NAMES)('%s as login_token, customerId, orderId, repaymentRecordId, payment orderid', async (name) => {
    const customer = READY_CUSTOMERS[0]!;
    const calls: [string, Record<string, string>][] = [
      ['getCustomerByCustomerId', { customerId: name }],
      ['queryOrders', { login_token: name, customerId: customer.customerId, currentPageNum: '1', pageSize: '10' }],
      ['queryOrdersByOrderId', { login_token: name, orderId: name }],
      ['getRepaymentRecordByRepaymentRecordId', { login_token: name, repaymentRecordId: name }],
      ['getPayRecordById', { orderid: name }],
      ['sendSmsByRepaymentRecordId', { login_token: name, img_validate_key: name, img_validate_code: 'ab12', orderid: name }],
    ];
    for (const [operationId, params] of calls) {
      const { body, res } = await t().call(operationId, params);
      expect(res.statusCode, `${operationId} ${JSON.stringify(params)}`).toBe(200);
      expect(body.success, `${operationId} ${JSON.stringify(params)}`).toBe(false);
      expect(body.code).not.toBe('INTERNAL_ERROR');
    }
  });
});
