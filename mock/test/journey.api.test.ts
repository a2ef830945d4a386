// The account journey of the 2015-09 web client: register -> login -> profile -> logout -> password
// reset -> phone change, with its exact parameter names and form encoding (jQuery $.ajax POST,
// application/x-www-form-urlencoded; charset=UTF-8). SMS codes and captcha answers come only from the
// admin API, as a developer would read them.
import { describe, expect, it } from 'vitest';
import type { Envelope } from './helper';
import { useTestApp } from './helper';

const t = useTestApp();

/** $.ajax({type:'POST', url, data, dataType:'json'}) */
async function ajax(path: string, data: Record<string, string>): Promise<Envelope> {
  const res = await t().form(path, data);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(res.body) as Envelope;
}

/** The page GUID (32 lower-case hex in 8-4-4-4-12 groups). */
function guid(n: number): string {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** <img src=".../getImageValidate?image_key=GUID&t=ms">, then the developer reads the answer from the admin API. */
async function readCaptcha(imageKey: string): Promise<string> {
  const img = await t().app.inject({ method: 'GET', url: `/imageValidate/getImageValidate?image_key=${imageKey}&t=${1441072800000}` });
  expect(img.headers['content-type']).toBe('image/png');
  const { body } = await t().admin<{ code: string }>('GET', `/__mock/captchas/${imageKey}`);
  return body.code;
}

async function requestSms(phone: string, page: number): Promise<string> {
  const key = guid(page);
  const r = await ajax('/message/sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: await readCaptcha(key) });
  expect(r).toMatchObject({ success: true });
  const { body } = await t().admin<{ messages: { code: string }[] }>('GET', `/__mock/sms?phone=${phone}`);
  return body.messages[0]!.code;
}

async function waitAMinute() {
  await t().admin('POST', '/__mock/clock', { advanceSeconds: 61 });
}

describe('account journey of the legacy client', () => {
  it('register -> login -> profile -> logout -> password reset -> phone change', async () => {
    const phone = '15210193304';
    const newPhone = '15210193305';

    // registration page: captcha, SMS, register (= login)
    const regCode = await requestSms(phone, 1);
    const reg = await ajax('/user/registerCustomerController', { phone_number: phone, password: 'abc123456', validate_code: regCode });
    expect(reg).toMatchObject({ success: true, obj: { phoneNumber: phone }, token: expect.stringMatching(/^[0-9A-F]{32}$/) });
    const customerId = reg.obj.customerId as string;

    // login page
    const login = await ajax('/user/CustomerLoginController', { phone_number: phone, password: 'abc123456' });
    expect(login).toMatchObject({ success: true, obj: { customerId, phoneNumber: phone, icon: null } });
    let loginToken = login.token!;

    // profile page: #8 the code tables, #7 (tokenless), #6 with only the non-empty fields
    const codes = await ajax('/baseCodeController/getBaseCodeByParents', { parents: '1001,1002,1003,1004' });
    expect(Object.keys(codes.obj)).toEqual(['1001', '1002', '1003', '1004']);
    const profile = await ajax('/user/getCustomerByCustomerIdController', { customerId });
    expect(profile.obj).toMatchObject({ customerId, phoneNumber: phone, sex: null, birthday: null });
    const update = await ajax('/user/updateCustomerInfoController', {
      login_token: loginToken,
      customerId,
      sex: '100101',
      identification: '100202',
      maritalStatus: '100302',
      interesting: '100401,100404',
      birthday: '1985-01-01',
    });
    expect(update).toMatchObject({ success: true, message: '用户信息更新成功!' });
    const after = await ajax('/user/getCustomerByCustomerIdController', { customerId });
    expect(after.obj).toMatchObject({
      sex: '100101',
      sexDes: '男',
      identification: '100202',
      identificationDes: '在职',
      maritalStatus: '100302',
      maritalStatusDes: '恋爱中',
      interesting: '100401,100404',
      interestingDesc: '美食 休闲娱乐 ',
      birthday: '1985-01-01',
      password: null,
    });
    // every stored code exists in the 1001-1004 tables the page looks up
    for (const [field, family] of [['sex', '1001'], ['identification', '1002'], ['maritalStatus', '1003']] as const) {
      expect(codes.obj[family]).toHaveProperty(after.obj[field]);
    }

    // logout
    expect(await ajax('/user/CustomerLoginOutController', { login_token: loginToken })).toMatchObject({ success: true });
    expect((await ajax('/user/updateCustomerInfoController', { login_token: loginToken, customerId, sex: '100102' })).success).toBe(false);

    // find password: #1 -> #4 (obj.customerId + top-level token) -> #5 (customer_id, token, password)
    await waitAMinute();
    const resetCode = await requestSms(phone, 2);
    const pre = await ajax('/user/updatePasswordPreController', { phone_number: phone, validate_code: resetCode });
    expect(pre).toMatchObject({ success: true, obj: { customerId } });
    expect(await ajax('/user/updatePasswordController', { customer_id: pre.obj.customerId, token: pre.token!, password: 'newpass789' })).toMatchObject({
      success: true,
      message: '密码更新成功!',
    });
    expect((await ajax('/user/CustomerLoginController', { phone_number: phone, password: 'abc123456' })).success).toBe(false);
    loginToken = (await ajax('/user/CustomerLoginController', { phone_number: phone, password: 'newpass789' })).token!;

    // change phone: #1 to the current phone -> #11 -> #1 to the new phone -> #12 (customer_id, login token, phoneNumber) -> #10
    await waitAMinute();
    const oldCode = await requestSms(phone, 3);
    expect(await ajax('/user/updatePhoneNumberPreController', { phone_number: phone, validate_code: oldCode })).toMatchObject({ success: true });
    const newCode = await requestSms(newPhone, 4);
    expect(
      await ajax('/user/updatePhoneNumberController', { customer_id: customerId, token: loginToken, phoneNumber: newPhone, validate_code: newCode }),
    ).toMatchObject({ success: true, message: '手机号更新成功!' });
    await ajax('/user/CustomerLoginOutController', { login_token: loginToken });

    // the customer logs in with the new number
    const again = await ajax('/user/CustomerLoginController', { phone_number: newPhone, password: 'newpass789' });
    expect(again).toMatchObject({ success: true, obj: { customerId, phoneNumber: newPhone, sexDes: '男' } });
    expect((await ajax('/user/CustomerLoginController', { phone_number: phone, password: 'newpass789' })).code).toBe('LOGIN_FAILED');

    // nothing secret ever left through the legacy API: no SMS code in any legacy answer of the journal
    const { body } = await t().admin<{ requests: { url: string; response: { message: string | null } }[] }>('GET', '/__mock/requests?limit=100');
    for (const code of [regCode, resetCode, oldCode, newCode]) {
      for (const r of body.requests) expect(r.response.message ?? '').not.toContain(code);
    }
  });
});
