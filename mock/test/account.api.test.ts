// Every issue-3 endpoint through app.inject with the legacy form encoding: the happy path, each
// documented failure (the spec's failure examples: a final test checks each was produced), bad input.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_PASSWORD, READY_CUSTOMERS, READY_STAFF, STAFF_PASSWORD } from '../fixtures/accounts';
import type { Envelope } from './helper';
import { useTestApp } from './helper';

const t = useTestApp();
const [C1, C2, C3] = READY_CUSTOMERS as [(typeof READY_CUSTOMERS)[number], (typeof READY_CUSTOMERS)[number], (typeof READY_CUSTOMERS)[number]];
const SELLER = READY_STAFF[0]!;

const ACCOUNT_OPERATIONS = [
  'sendValidateMessage',
  'registerCustomer',
  'customerLogin',
  'updatePasswordPre',
  'updatePassword',
  'updateCustomerInfo',
  'getCustomerByCustomerId',
  'getBaseCodeByParents',
  'getImageValidate',
  'customerLoginOut',
  'updatePhoneNumberPre',
  'updatePhoneNumber',
  'queryProduct',
  'registerUsers',
  'usersLogin',
  'queryCompany',
  'getBankCode',
  'uploadIcon',
];

let phoneSeq = 0;
/** A fresh unregistered phone for each use. */
function newPhone(): string {
  phoneSeq += 1;
  return `1351000${String(phoneSeq).padStart(4, '0')}`;
}
let keySeq = 0;
function newKey(): string {
  keySeq += 1;
  return `3f2a9c1e-0b4d-4e8a-9f10-${String(keySeq).padStart(12, '0')}`;
}

async function call(operationId: string, params: Record<string, string | null | undefined> = {}): Promise<Envelope> {
  return (await t().call(operationId, params)).body;
}

async function advance(seconds: number) {
  const r = await t().admin('POST', '/__mock/clock', { advanceSeconds: seconds });
  expect(r.status).toBe(200);
}

/** Captcha -> #1 -> the code from the admin API, as a page does it. */
async function sendCode(phone: string): Promise<string> {
  const key = newKey();
  const answer = await t().captcha(key);
  const r = await call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: answer });
  expect(r).toMatchObject({ success: true, message: '短信发送成功' });
  return t().smsCode(phone);
}

async function login(phone: string, password = CUSTOMER_PASSWORD): Promise<string> {
  const r = await call('customerLogin', { phone_number: phone, password });
  expect(r.success).toBe(true);
  return r.token!;
}

async function staffLogin(): Promise<string> {
  return (await call('usersLogin', { usersPhone: SELLER.usersPhone, password: STAFF_PASSWORD })).token!;
}

function wrong(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

/** Runs `attempt` with a code that is wrong/expired/... for each SMS-code failure. */
async function smsFailures(phone: string, attempt: (code: string) => Promise<Envelope>) {
  // never sent
  expect(await attempt('123456')).toMatchObject({ success: false, code: 'SMS_CODE_NOT_SENT' });
  // wrong
  let code = await sendCode(phone);
  expect(await attempt(wrong(code))).toMatchObject({ success: false, code: 'SMS_CODE_INVALID', message: '短信验证码错误: 还可尝试 4 次' });
  // too many tries: the right code no longer works
  for (let i = 0; i < 4; i++) await attempt(wrong(code));
  expect(await attempt(code)).toMatchObject({ success: false, code: 'SMS_CODE_TOO_MANY_TRIES' });
  // expired
  await advance(61);
  code = await sendCode(phone);
  await advance(5 * 60);
  expect(await attempt(code)).toMatchObject({ success: false, code: 'SMS_CODE_EXPIRED' });
  await advance(61);
}

describe('#9 getImageValidate', () => {
  it('returns a real PNG that decodes, bound to image_key, never cached', async () => {
    const key = newKey();
    const res = await t().app.inject({ method: 'GET', url: `/imageValidate/getImageValidate?image_key=${key}&t=1441072800000` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('no-store');
    const png = PNG.sync.read(res.rawPayload);
    expect([png.width, png.height]).toEqual([120, 40]);
    // glyphs are drawn in dark greys (#111..#444): a good share of pixels stand out from the
    // #f2f4f7 background, spread over the width (four characters, not one blot)
    const inked = new Set<number>();
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i]! < 0x60) {
        ink++;
        inked.add(Math.floor(((i / 4) % png.width) / (png.width / 4)));
      }
    }
    expect(ink).toBeGreaterThan(80); // 400 random codes: min 105, 1st percentile 129, median 213
    expect(inked.size).toBe(4);
    const { body } = await t().admin<{ code: string; imageKey: string }>('GET', `/__mock/captchas/${key}`);
    expect(body).toMatchObject({ imageKey: key, code: expect.stringMatching(/^[2-9a-z]{4}$/) });
  });

  it('POST works too (every operation answers GET and POST)', async () => {
    const res = await t().form('/imageValidate/getImageValidate', { image_key: newKey() });
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('refuses a missing or malformed image_key with the JSON envelope', async () => {
    const missing = await t().app.inject({ method: 'GET', url: '/imageValidate/getImageValidate?t=1' });
    expect(JSON.parse(missing.body)).toMatchObject({ success: false, code: 'PARAM_MISSING', message: '缺少参数: image_key' });
    const bad = await t().app.inject({ method: 'GET', url: '/imageValidate/getImageValidate?image_key=%3Cscript%3E' });
    expect(JSON.parse(bad.body)).toMatchObject({ success: false, code: 'PARAM_INVALID' });
    expect(JSON.parse(bad.body).message).toContain('image_key');
  });
});

describe('#1 sendValidateMessage', () => {
  it('sends a 6-digit code readable only through the admin API', async () => {
    const phone = newPhone();
    const key = newKey();
    const answer = await t().captcha(key);
    const r = await call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: answer.toUpperCase() });
    expect(r).toEqual({ success: true, obj: null, list: null, message: '短信发送成功', code: null, token: null });
    const { body } = await t().admin<{ messages: { phone: string; code: string; purpose: string; text: string; sentAt: string }[] }>('GET', `/__mock/sms?phone=${phone}`);
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]).toMatchObject({ phone, purpose: 'account', code: expect.stringMatching(/^\d{6}$/) });
    expect(body.messages[0]!.text).toContain(body.messages[0]!.code);
    expect(JSON.stringify(r)).not.toContain(body.messages[0]!.code);
  });

  it('refuses a wrong, used or expired captcha', async () => {
    const phone = newPhone();
    const key = newKey();
    const answer = await t().captcha(key);
    expect(await call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: answer === 'abcd' ? 'abce' : 'abcd' })).toMatchObject({ success: false, code: 'CAPTCHA_INVALID' });
    expect(await call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: answer })).toMatchObject({ success: false, code: 'CAPTCHA_INVALID' });
    const key2 = newKey();
    const answer2 = await t().captcha(key2);
    await advance(121);
    expect(await call('sendValidateMessage', { phone_number: phone, validate_key: key2, validate_code: answer2 })).toMatchObject({ success: false, code: 'CAPTCHA_EXPIRED' });
  });

  it('is rate limited per phone', async () => {
    const phone = newPhone();
    await sendCode(phone);
    const key = newKey();
    const answer = await t().captcha(key);
    const r = await call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: answer });
    expect(r).toMatchObject({ success: false, code: 'SMS_RATE_LIMITED' });
    expect(r.message).toMatch(/秒后再试/);
    await advance(60);
    await sendCode(phone);
  });

  it.each([
    [{ validate_key: 'k', validate_code: 'abcd' }, 'PARAM_MISSING', 'phone_number'],
    [{ phone_number: '13510009999', validate_key: 'k', validate_code: '' }, 'PARAM_MISSING', 'validate_code'],
    [{ phone_number: '23510009999', validate_key: 'k', validate_code: 'abcd' }, 'PARAM_INVALID', 'phone_number'],
    [{ phone_number: '135100099999', validate_key: 'k', validate_code: 'abcd' }, 'PARAM_INVALID', 'phone_number'],
    [{ phone_number: '13510009999', validate_key: 'k', validate_code: 'ab cd!' }, 'PARAM_INVALID', 'validate_code'],
    [{ phone_number: '13510009999', validate_key: 'k'.repeat(65), validate_code: 'abcd' }, 'PARAM_INVALID', 'validate_key'],
  ])('bad input %j -> %s naming %s', async (params, code, name) => {
    const r = await call('sendValidateMessage', params);
    expect(r).toMatchObject({ success: false, code, obj: null });
    expect(r.message).toContain(name);
  });
});

describe('#2 registerCustomer', () => {
  it('registers, logs in, and returns the customer (never a password)', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    const r = await call('registerCustomer', { phone_number: phone, password: 'abc123456', validate_code: code });
    expect(r).toMatchObject({ success: true, message: '用户注册成功!', token: expect.stringMatching(/^[0-9A-F]{32}$/) });
    expect(r.obj).toMatchObject({ customerId: expect.stringMatching(/^\d{12,}$/), phoneNumber: phone, password: null, passwordMd5: null, icon: null });
    const me = await call('getCustomerByCustomerId', { customerId: r.obj.customerId, login_token: r.token });
    expect(me).toMatchObject({ success: true, obj: { phoneNumber: phone } });
  });

  it('refuses every SMS-code failure', async () => {
    const phone = newPhone();
    await smsFailures(phone, (code) => call('registerCustomer', { phone_number: phone, password: 'abc123456', validate_code: code }));
  });

  it('refuses a phone already registered (after the code is proven)', async () => {
    const code = await sendCode(C3.phoneNumber);
    expect(await call('registerCustomer', { phone_number: C3.phoneNumber, password: 'abc123456', validate_code: code })).toMatchObject({ success: false, code: 'PHONE_REGISTERED' });
    await advance(61);
  });

  it.each([
    [{ phone_number: '13510008888', validate_code: '123456' }, 'PARAM_MISSING', 'password'],
    [{ phone_number: '13510008888', password: 'abc', validate_code: '123456' }, 'PARAM_INVALID', 'password'],
    [{ phone_number: '13510008888', password: 'x'.repeat(17), validate_code: '123456' }, 'PARAM_INVALID', 'password'],
    [{ phone_number: '13510008888', password: 'abc123', validate_code: '12345' }, 'PARAM_INVALID', 'validate_code'],
  ])('bad input %j -> %s naming %s', async (params, code, name) => {
    const r = await call('registerCustomer', params);
    expect(r).toMatchObject({ success: false, code });
    expect(r.message).toContain(name);
  });
});

describe('#3 customerLogin and #10 customerLoginOut', () => {
  it('logs in with the seeded credentials and logs out; the token then ends', async () => {
    const r = await call('customerLogin', { phone_number: C1.phoneNumber, password: CUSTOMER_PASSWORD });
    expect(r).toMatchObject({ success: true, message: '登录成功!', obj: { customerId: C1.customerId, phoneNumber: C1.phoneNumber, password: null } });
    for (const k of ['sexDes', 'identificationDes', 'maritalStatusDes', 'interestingDesc', 'birthday', 'icon']) expect(r.obj).toHaveProperty(k);
    expect(await call('customerLoginOut', { login_token: r.token })).toEqual({ success: true, obj: null, list: null, message: '注销登录成功!', code: null, token: null });
    expect(await call('customerLoginOut', { login_token: r.token })).toMatchObject({ success: false, code: 'TOKEN_INVALID' });
    expect(await call('updateCustomerInfo', { login_token: r.token, customerId: C1.customerId, sex: '100101' })).toMatchObject({ success: false, code: 'TOKEN_INVALID' });
  });

  it('logs staff out too', async () => {
    const token = await staffLogin();
    expect(await call('customerLoginOut', { login_token: token })).toMatchObject({ success: true });
  });

  it('refuses a wrong password or unknown phone with one answer', async () => {
    const a = await call('customerLogin', { phone_number: C1.phoneNumber, password: 'wrongpass' });
    const b = await call('customerLogin', { phone_number: '13510007777', password: CUSTOMER_PASSWORD });
    expect(a).toMatchObject({ success: false, code: 'LOGIN_FAILED' });
    expect(b).toEqual(a);
  });

  it('refuses missing parameters', async () => {
    expect(await call('customerLogin', { phone_number: C1.phoneNumber })).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: password' });
    expect(await call('customerLoginOut', {})).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: login_token' });
    expect(await call('customerLoginOut', { login_token: 'abc' })).toMatchObject({ code: 'PARAM_INVALID' });
  });
});

describe('#4/#5 password reset', () => {
  it('resets with the step token and ends old login tokens', async () => {
    const old = await login(C2.phoneNumber);
    const code = await sendCode(C2.phoneNumber);
    const pre = await call('updatePasswordPre', { phone_number: C2.phoneNumber, validate_code: code });
    expect(pre).toMatchObject({ success: true, obj: { customerId: C2.customerId, password: null }, token: expect.stringMatching(/^[0-9A-F]{32}$/) });
    expect(await call('updatePassword', { customer_id: C2.customerId, token: old, password: 'newpass99' })).toMatchObject({ success: false, code: 'STEP_TOKEN_INVALID' });
    expect(await call('updatePassword', { customer_id: C2.customerId, token: pre.token, password: 'newpass99' })).toMatchObject({ success: true, message: '密码更新成功!' });
    expect(await call('updatePassword', { customer_id: C2.customerId, token: pre.token, password: 'again999' })).toMatchObject({ success: false, code: 'STEP_TOKEN_INVALID' });
    expect(await call('customerLoginOut', { login_token: old })).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await call('customerLogin', { phone_number: C2.phoneNumber, password: CUSTOMER_PASSWORD })).toMatchObject({ code: 'LOGIN_FAILED' });
    await login(C2.phoneNumber, 'newpass99');
    await advance(61);
  });

  it('step 1 refuses every SMS-code failure and an unregistered phone', async () => {
    await smsFailures(C3.phoneNumber, (code) => call('updatePasswordPre', { phone_number: C3.phoneNumber, validate_code: code }));
    const phone = newPhone();
    const code = await sendCode(phone);
    expect(await call('updatePasswordPre', { phone_number: phone, validate_code: code })).toMatchObject({ success: false, code: 'PHONE_NOT_REGISTERED' });
  });

  it('bad input', async () => {
    expect(await call('updatePasswordPre', { phone_number: C3.phoneNumber })).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: validate_code' });
    expect(await call('updatePassword', { customer_id: C3.customerId, token: 'A'.repeat(32) })).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: password' });
    expect(await call('updatePassword', { customer_id: C3.customerId, token: 'not-a-token', password: 'abc123' })).toMatchObject({ code: 'PARAM_INVALID' });
  });
});

describe('#6 updateCustomerInfo and #7 getCustomerByCustomerId', () => {
  it('updates only the fields sent; #7 returns every code with its label', async () => {
    const token = await login(C1.phoneNumber);
    const before = (await call('getCustomerByCustomerId', { customerId: C1.customerId })).obj;
    const r = await call('updateCustomerInfo', { login_token: token, customerId: C1.customerId, sex: '100102', interesting: '100401,100404,100405', birthday: '1985-01-01' });
    expect(r).toEqual({ success: true, obj: null, list: null, message: '用户信息更新成功!', code: null, token: null });
    const after = (await call('getCustomerByCustomerId', { customerId: C1.customerId })).obj;
    expect(after).toMatchObject({
      sex: '100102',
      sexDes: '女',
      interesting: '100401,100404,100405',
      interestingDesc: '美食 休闲娱乐 丽人 ',
      birthday: '1985-01-01',
      identification: before.identification,
      maritalStatus: before.maritalStatus,
      password: null,
      passwordMd5: null,
    });
  });

  it('refuses another customer, a staff token, an unknown token, an unknown code', async () => {
    const token = await login(C1.phoneNumber);
    expect(await call('updateCustomerInfo', { login_token: token, customerId: C2.customerId, sex: '100101' })).toMatchObject({ success: false, code: 'FORBIDDEN' });
    expect(await call('updateCustomerInfo', { login_token: await staffLogin(), customerId: C1.customerId, sex: '100101' })).toMatchObject({ success: false, code: 'NOT_CUSTOMER_TOKEN' });
    expect(await call('updateCustomerInfo', { login_token: 'A'.repeat(32), customerId: C1.customerId })).toMatchObject({ success: false, code: 'TOKEN_INVALID' });
    expect(await call('updateCustomerInfo', { login_token: token, customerId: C1.customerId, interesting: '100401,100499' })).toMatchObject({ success: false, code: 'BASE_CODE_INVALID' });
    expect(await call('updateCustomerInfo', { login_token: token, customerId: C1.customerId, sex: '100109' })).toMatchObject({ success: false, code: 'PARAM_INVALID' });
    expect(await call('updateCustomerInfo', { login_token: token, customerId: C1.customerId, birthday: '1985-02-30' })).toMatchObject({ success: false, code: 'PARAM_INVALID' });
    expect(await call('updateCustomerInfo', { login_token: token, sex: '100101' })).toMatchObject({ success: false, code: 'PARAM_MISSING', message: '缺少参数: customerId' });
  });

  it('#7: tokenless as in the legacy backend; a token, when sent, must be that customer own', async () => {
    expect(await call('getCustomerByCustomerId', { customerId: C2.customerId })).toMatchObject({ success: true, obj: { customerId: C2.customerId } });
    const token = await login(C1.phoneNumber);
    const other = await call('getCustomerByCustomerId', { customerId: C2.customerId, login_token: token });
    expect(other).toMatchObject({ success: false, code: 'FORBIDDEN', obj: null });
    expect(await call('getCustomerByCustomerId', { customerId: C2.customerId, login_token: 'B'.repeat(32) })).toMatchObject({ success: false, code: 'TOKEN_INVALID' });
    expect(await call('getCustomerByCustomerId', { customerId: '209901019999' })).toMatchObject({ success: false, code: 'CUSTOMER_NOT_FOUND' });
    expect(await call('getCustomerByCustomerId', {})).toMatchObject({ success: false, code: 'PARAM_MISSING' });
    expect(await call('getCustomerByCustomerId', { customerId: 'abc' })).toMatchObject({ success: false, code: 'PARAM_INVALID' });
  });
});

describe('#11/#12 phone change', () => {
  it('changes the phone with step 1 on the old number and a code on the new one', async () => {
    const phone = newPhone();
    const regCode = await sendCode(phone);
    const me = await call('registerCustomer', { phone_number: phone, password: 'abc123456', validate_code: regCode });
    const token = me.token!;
    const customerId = me.obj.customerId as string;
    await advance(61);
    const oldCode = await sendCode(phone);
    const pre = await call('updatePhoneNumberPre', { phone_number: phone, validate_code: oldCode });
    expect(pre).toMatchObject({ success: true, obj: { customerId }, token: expect.stringMatching(/^[0-9A-F]{32}$/) });
    const target = newPhone();
    expect(await call('updatePhoneNumber', { customer_id: customerId, token, phoneNumber: phone, validate_code: '123456' })).toMatchObject({ code: 'PHONE_UNCHANGED' });
    expect(await call('updatePhoneNumber', { customer_id: customerId, token, phoneNumber: C1.phoneNumber, validate_code: '123456' })).toMatchObject({ code: 'PHONE_REGISTERED' });
    expect(await call('updatePhoneNumber', { customer_id: C1.customerId, token, phoneNumber: target, validate_code: '123456' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('updatePhoneNumber', { customer_id: customerId, token: 'C'.repeat(32), phoneNumber: target, validate_code: '123456' })).toMatchObject({ code: 'TOKEN_INVALID' });
    const newCode = await sendCode(target);
    expect(await call('updatePhoneNumber', { customer_id: customerId, token, phoneNumber: target, validate_code: newCode })).toEqual({
      success: true,
      obj: null,
      list: null,
      message: '手机号更新成功!',
      code: null,
      token: null,
    });
    expect((await call('getCustomerByCustomerId', { customerId })).obj.phoneNumber).toBe(target);
    await login(target, 'abc123456');
    expect(await call('customerLogin', { phone_number: phone, password: 'abc123456' })).toMatchObject({ code: 'LOGIN_FAILED' });
  });

  it('the step token of #11 works as token too, once', async () => {
    const oldCode = await sendCode(C1.phoneNumber);
    const pre = await call('updatePhoneNumberPre', { phone_number: C1.phoneNumber, validate_code: oldCode });
    const target = newPhone();
    const code = await sendCode(target);
    expect(await call('updatePhoneNumber', { customer_id: C1.customerId, token: pre.token, phoneNumber: target, validate_code: code })).toMatchObject({ success: true });
    await advance(61);
    const back = await sendCode(C1.phoneNumber);
    expect(await call('updatePhoneNumber', { customer_id: C1.customerId, token: pre.token, phoneNumber: C1.phoneNumber, validate_code: back })).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses every SMS-code failure on step 1 and on step 2, and an unregistered phone', async () => {
    await smsFailures(C2.phoneNumber, (code) => call('updatePhoneNumberPre', { phone_number: C2.phoneNumber, validate_code: code }));
    const phone = newPhone();
    const code = await sendCode(phone);
    expect(await call('updatePhoneNumberPre', { phone_number: phone, validate_code: code })).toMatchObject({ code: 'PHONE_NOT_REGISTERED' });
    // step 2: a fresh customer with step 1 done
    const token = await login(C2.phoneNumber, 'newpass99');
    await advance(61);
    const oldCode = await sendCode(C2.phoneNumber);
    expect(await call('updatePhoneNumberPre', { phone_number: C2.phoneNumber, validate_code: oldCode })).toMatchObject({ success: true });
    const target = newPhone();
    await smsFailures(target, (c) => call('updatePhoneNumber', { customer_id: C2.customerId, token, phoneNumber: target, validate_code: c }));
  });

  it('without step 1 the change is refused', async () => {
    const phone = newPhone();
    const regCode = await sendCode(phone);
    const me = await call('registerCustomer', { phone_number: phone, password: 'abc123456', validate_code: regCode });
    const target = newPhone();
    const code = await sendCode(target);
    expect(await call('updatePhoneNumber', { customer_id: me.obj.customerId, token: me.token, phoneNumber: target, validate_code: code })).toMatchObject({ code: 'STEP_TOKEN_INVALID' });
  });

  it('bad input', async () => {
    expect(await call('updatePhoneNumber', { customer_id: C1.customerId, token: 'A'.repeat(32), phoneNumber: '1234', validate_code: '123456' })).toMatchObject({ code: 'PARAM_INVALID' });
    expect(await call('updatePhoneNumber', { customer_id: C1.customerId, token: 'A'.repeat(32), validate_code: '123456' })).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: phoneNumber' });
    expect(await call('updatePhoneNumberPre', { validate_code: '123456' })).toMatchObject({ code: 'PARAM_MISSING' });
  });
});

describe('uploadIcon (undocumented avatar upload)', () => {
  const boundary = '----partywoIframeForm';
  function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }): Buffer {
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    if (file) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
      parts.push(file.data, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return Buffer.concat(parts);
  }
  function pngBytes(): Buffer {
    const png = new PNG({ width: 4, height: 4 });
    png.data.fill(200);
    return PNG.sync.write(png);
  }
  async function upload(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }, accept?: string) {
    const res = await t().app.inject({
      method: 'POST',
      url: '/user/uploadIcon',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(accept ? { accept } : {}) },
      payload: multipart(fields, file),
    });
    return res;
  }

  it('stores the avatar, answers bare JSON as text/html, serves it back, and #7 shows it', async () => {
    const token = await login(C3.phoneNumber);
    const data = pngBytes();
    const res = await upload({ login_token: token, customer_id: C3.customerId }, { name: 'avatar', filename: 'me.png', type: 'image/png', data });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const body = JSON.parse(res.body) as Envelope;
    expect(body).toMatchObject({ success: true, message: '头像上传成功', obj: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/files\/avatars\/.+\.png$/) });
    const img = await t().app.inject({ method: 'GET', url: new URL(body.obj as string).pathname });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(data)).toBe(true);
    expect((await call('getCustomerByCustomerId', { customerId: C3.customerId })).obj.icon).toBe(body.obj);
  });

  it('checks the type by content, not by name; answers JSON when asked', async () => {
    const token = await login(C3.phoneNumber);
    const res = await upload({ login_token: token, customer_id: C3.customerId }, { name: 'avatar', filename: 'evil.png', type: 'image/png', data: Buffer.from('<?php echo 1; ?>') }, 'application/json');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, code: 'FILE_TYPE_INVALID' });
    const jpegNamedTxt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    const ok = await upload({ login_token: token, customer_id: C3.customerId }, { name: 'avatar', filename: 'photo.txt', type: 'text/plain', data: jpegNamedTxt });
    expect(JSON.parse(ok.body)).toMatchObject({ success: true, obj: expect.stringMatching(/\.jpg$/) });
  });

  it('refuses a missing file, another customer, a bad token, missing fields, an oversized file', async () => {
    const token = await login(C3.phoneNumber);
    const file = { name: 'avatar', filename: 'a.png', type: 'image/png', data: pngBytes() };
    const parse = (res: { body: string }) => JSON.parse(res.body) as Envelope;
    expect(parse(await upload({ login_token: token, customer_id: C3.customerId }))).toMatchObject({ code: 'FILE_MISSING', message: '缺少上传文件: avatar' });
    expect(parse(await upload({ login_token: token, customer_id: C3.customerId }, { ...file, data: Buffer.alloc(0) }))).toMatchObject({ code: 'FILE_MISSING', message: '缺少上传文件: avatar' });
    expect(parse(await upload({ login_token: token, customer_id: C1.customerId }, file))).toMatchObject({ code: 'FORBIDDEN' });
    expect(parse(await upload({ login_token: 'D'.repeat(32), customer_id: C3.customerId }, file))).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(parse(await upload({ customer_id: C3.customerId }, file))).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: login_token' });
    const big = await upload({ login_token: token, customer_id: C3.customerId }, { ...file, data: Buffer.alloc(10 * 1024 * 1024 + 1, 1) });
    expect(big.headers['content-type']).toMatch(/^text\/html/);
    expect(parse(big)).toMatchObject({ success: false, code: 'FILE_TOO_LARGE' });
    // form-urlencoded instead of multipart: the file is missing
    expect((await call('uploadIcon', { login_token: token, customer_id: C3.customerId, avatar: 'abc' })).code).toBe('FILE_MISSING');
  });
});

describe('reference data', () => {
  it('#8 returns every requested family, refuses an unknown one', async () => {
    const r = await call('getBaseCodeByParents', { parents: '1001,1002,1003,1004' });
    expect(Object.keys(r.obj)).toEqual(['1001', '1002', '1003', '1004']);
    expect(r.obj['1001']).toEqual({ '100101': '男', '100102': '女' });
    const form = await call('getBaseCodeByParents', { parents: '1003,1008,1009,1012,1013,1014,1015,1016' });
    expect(Object.keys(form.obj)).toHaveLength(8);
    expect(Object.keys(form.obj['1008']).at(-1)).toBe('100802'); // the client sends the last key as repaymentType
    expect(await call('getBaseCodeByParents', { parents: '1001,9999' })).toMatchObject({ success: false, code: 'BASE_CODE_FAMILY_UNKNOWN', message: '未知的代码类别: 9999' });
    expect(await call('getBaseCodeByParents', {})).toMatchObject({ code: 'PARAM_MISSING' });
    expect(await call('getBaseCodeByParents', { parents: '1001;1002' })).toMatchObject({ code: 'PARAM_INVALID' });
  });

  it('#22 lists the products, filtered by the brand tile companyId', async () => {
    const all = await call('queryProduct', {});
    expect(all.list!.map((p) => p.productName)).toEqual(expect.arrayContaining(['悦享家', '尊享家']));
    const one = await call('queryProduct', { companyId: '20150901000001' });
    expect(one.list!.map((p) => p.productId)).toEqual(['201509010001', '201509010002']);
    expect(one.list!.every((p) => p.companyId === '20150901000001' && p.deleted === 0)).toBe(true);
    expect((await call('queryProduct', { companyId: '20150901000099' })).list).toEqual([]);
    expect(await call('queryProduct', { companyId: 'x' })).toMatchObject({ code: 'PARAM_INVALID' });
  });

  it('#25 lists the companies', async () => {
    const r = await call('queryCompany', {});
    expect(r.list).toEqual([
      { companyId: '20150901000001', companyName: '生活家', createTime: '2015-09-01', deleted: 0 },
      { companyId: '20150901000002', companyName: '朗润', createTime: '2015-09-01', deleted: 0 },
    ]);
    expect(await call('queryCompany', { pageSize: 'ten' })).toMatchObject({ code: 'PARAM_INVALID' });
  });

  it('#44 maps bank codes to names', async () => {
    const r = await call('getBankCode', {});
    expect(r.obj).toMatchObject({ ICBC: '中国工商银行', CMBCHINA: '招商银行' });
  });
});

describe('#23 registerUsers and #24 usersLogin', () => {
  it('registers a staff user (role default seller, or the optional role) who can log in', async () => {
    expect(await call('registerUsers', { usersPhone: '13910001111', password: 'abc123', usersName: '王芳', companyId: '20150901000002', sex: '100102' })).toEqual({
      success: true,
      obj: null,
      list: null,
      message: '用户注册成功!',
      code: null,
      token: null,
    });
    const r = await call('usersLogin', { usersPhone: '13910001111', password: 'abc123' });
    expect(r).toMatchObject({ success: true, obj: { usersName: '王芳', companyId: '20150901000002', role: 'seller', password: null }, token: expect.stringMatching(/^[0-9A-F]{32}$/) });
    await call('registerUsers', { usersPhone: '13910001112', password: 'abc123', usersName: '李强', companyId: '20150901000002', role: 'risk' });
    expect((await call('usersLogin', { usersPhone: '13910001112', password: 'abc123' })).obj.role).toBe('risk');
  });

  it('refuses a taken phone, an unknown company, bad input', async () => {
    expect(await call('registerUsers', { usersPhone: SELLER.usersPhone, password: 'abc123', usersName: 'x', companyId: '20150901000001' })).toMatchObject({ code: 'STAFF_PHONE_REGISTERED' });
    expect(await call('registerUsers', { usersPhone: '13910002222', password: 'abc123', usersName: 'x', companyId: '20150901000099' })).toMatchObject({ code: 'COMPANY_NOT_FOUND' });
    expect(await call('registerUsers', { usersPhone: '13910002222', password: 'abc123', companyId: '20150901000001' })).toMatchObject({ code: 'PARAM_MISSING', message: '缺少参数: usersName' });
    expect(await call('registerUsers', { usersPhone: '13910002222', password: 'abc123', usersName: 'x', companyId: '20150901000001', role: 'boss' })).toMatchObject({ code: 'PARAM_INVALID' });
    expect(await call('usersLogin', { usersPhone: SELLER.usersPhone, password: 'wrongpass' })).toMatchObject({ code: 'LOGIN_FAILED' });
    expect(await call('usersLogin', { usersPhone: C1.phoneNumber, password: CUSTOMER_PASSWORD })).toMatchObject({ code: 'LOGIN_FAILED' }); // a customer is not staff
    expect(await call('usersLogin', { usersPhone: SELLER.usersPhone })).toMatchObject({ code: 'PARAM_MISSING' });
  });
});

describe('coverage of the spec', () => {
  it('every documented outcome of the account operations was produced above', () => {
    // FAULT_INJECTED is the fault-injection rule's answer (issue 7), tested with the faults
    expect(t().unexercised(ACCOUNT_OPERATIONS, ['FAULT_INJECTED'])).toEqual([]);
  });
});
