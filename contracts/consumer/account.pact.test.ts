// Consumer contract of the account flow (partywo-web -> partywo-api): captcha, SMS code, registration,
// login, password reset, profile, phone change, logout and avatar upload, each through the typed client.
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN, DEAD_TOKEN, SAMPLE_CUSTOMER_ID } from '../shared/placeholders';
import { clientFor, failed, multipartRequest, ok, params, request, state, webPact } from './support/pact';
import { code, codeList, dateText, digitsId, iframeJsonBody, phone, token32 } from './support/matchers';
import { PNG_1X1 } from './support/files';

const { regex, fromProviderState } = MatchersV3;

const pact = webPact();
const IMAGE_KEY = '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b';
const PASSWORD = 'partywo88';

describe('account flow', () => {
  it('#9 getImageValidate: an image for the page key', async () => {
    const req = params('getImageValidate', { image_key: regex('^[0-9A-Za-z_-]{1,64}$', IMAGE_KEY), t: regex('^\\d{1,16}$', '1441072800000') });
    await pact
      .addInteraction()
      .uponReceiving('a request for the captcha image of a page key')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': regex('^image/(png|jpeg)$', 'image/png') }))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getImageValidate(req.values);
        expect(res.status).toBe(200);
        expect(res.contentType).toMatch(/^image\//);
      });
  });

  it('#1 sendValidateMessage: the captcha text is right', async () => {
    const req = params('sendValidateMessage', {
      phone_number: phone('13800138000'),
      validate_key: IMAGE_KEY,
      validate_code: fromProviderState('${captchaCode}', 'ab12'),
    });
    await pact
      .addInteraction()
      .given(state('an image captcha was issued'), { imageKey: IMAGE_KEY })
      .uponReceiving('a request for an SMS code with the right captcha text')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sendValidateMessage(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#1 sendValidateMessage: the captcha text is wrong', async () => {
    const req = params('sendValidateMessage', { phone_number: phone('13800138000'), validate_key: IMAGE_KEY, validate_code: '0000' });
    await pact
      .addInteraction()
      .given(state('an image captcha was issued'), { imageKey: IMAGE_KEY })
      .uponReceiving('a request for an SMS code with a wrong captcha text')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('图形验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sendValidateMessage(req.values);
        expect(res.success).toBe(false);
        expect(res.message).toBeTruthy();
      });
  });

  it('#2 registerCustomer: registration is also a login', async () => {
    const req = params('registerCustomer', {
      phone_number: fromProviderState('${phoneNumber}', '13900139000'),
      password: PASSWORD,
      validate_code: fromProviderState('${smsCode}', '123456'),
    });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to an unregistered phone'), { purpose: 'register' })
      .uponReceiving('a registration with the SMS code sent to the phone')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ obj: { customerId: digitsId(SAMPLE_CUSTOMER_ID), phoneNumber: phone('13900139000') }, token: token32(CUSTOMER_TOKEN) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).registerCustomer(req.values);
        expect(res.success).toBe(true);
        expect(res.obj?.customerId).toBe(SAMPLE_CUSTOMER_ID);
        expect(res.token).toBe(CUSTOMER_TOKEN);
      });
  });

  it('#2 registerCustomer: the SMS code is wrong', async () => {
    const req = params('registerCustomer', { phone_number: fromProviderState('${phoneNumber}', '13900139000'), password: PASSWORD, validate_code: '000000' });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to an unregistered phone'), { purpose: 'register' })
      .uponReceiving('a registration with a wrong SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('短信验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).registerCustomer(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#3 customerLogin: the right password', async () => {
    const req = params('customerLogin', { phone_number: fromProviderState('${phoneNumber}', '15210193304'), password: PASSWORD });
    await pact
      .addInteraction()
      .given(state('a registered customer'), { password: PASSWORD })
      .uponReceiving('a customer login with the right password')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ obj: { customerId: digitsId(SAMPLE_CUSTOMER_ID), phoneNumber: phone('15210193304') }, token: token32(CUSTOMER_TOKEN) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).customerLogin(req.values);
        expect(res.success).toBe(true);
        expect(res.obj?.phoneNumber).toBe('15210193304');
        expect(res.token).toMatch(/^[0-9A-F]{32}$/);
      });
  });

  it('#3 customerLogin: a wrong password', async () => {
    const req = params('customerLogin', { phone_number: fromProviderState('${phoneNumber}', '15210193304'), password: 'wrong-password' });
    await pact
      .addInteraction()
      .given(state('a registered customer'), { password: PASSWORD })
      .uponReceiving('a customer login with a wrong password')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('手机号或密码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).customerLogin(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#4 updatePasswordPre: the SMS code is right', async () => {
    const req = params('updatePasswordPre', {
      phone_number: fromProviderState('${phoneNumber}', '15210193304'),
      validate_code: fromProviderState('${smsCode}', '123456'),
    });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to a registered customer'), { purpose: 'findPassword' })
      .uponReceiving('step 1 of a password reset with the right SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: { customerId: digitsId(SAMPLE_CUSTOMER_ID) }, token: token32('3E9A0C4B7D21F65A08B3C9D4E1F20A7B') })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePasswordPre(req.values);
        expect(res.success).toBe(true);
        expect(res.obj?.customerId).toBe(SAMPLE_CUSTOMER_ID);
        expect(res.token).toHaveLength(32);
      });
  });

  it('#4 updatePasswordPre: the SMS code is wrong', async () => {
    const req = params('updatePasswordPre', { phone_number: fromProviderState('${phoneNumber}', '15210193304'), validate_code: '000000' });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to a registered customer'), { purpose: 'findPassword' })
      .uponReceiving('step 1 of a password reset with a wrong SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('短信验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePasswordPre(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#5 updatePassword: with the step token of #4', async () => {
    const req = params('updatePassword', {
      customer_id: fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID),
      token: fromProviderState('${resetToken}', '3E9A0C4B7D21F65A08B3C9D4E1F20A7B'),
      password: 'newpass888',
    });
    await pact
      .addInteraction()
      .given(state('a password reset was verified'))
      .uponReceiving('step 2 of a password reset with the step token')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePassword(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#5 updatePassword: an invalid step token', async () => {
    const req = params('updatePassword', { customer_id: fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID), token: DEAD_TOKEN, password: 'newpass888' });
    await pact
      .addInteraction()
      .given(state('a registered customer'), { password: PASSWORD })
      .uponReceiving('step 2 of a password reset with an invalid step token')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('操作凭证无效或已过期,请重新验证')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePassword(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#6 updateCustomerInfo: a partial profile update', async () => {
    const req = params('updateCustomerInfo', {
      login_token: CUSTOMER_TOKEN,
      customerId: fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID),
      sex: '100102',
      interesting: '100401,100404',
      birthday: '1985-01-01',
    });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('a profile update by the logged-in customer')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updateCustomerInfo(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#6 updateCustomerInfo: an expired or invalid login token', async () => {
    const req = params('updateCustomerInfo', { login_token: DEAD_TOKEN, customerId: fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID), sex: '100102' });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('a profile update with an invalid login token')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('登录已失效,请重新登录')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updateCustomerInfo(req.values);
        expect(res.success).toBe(false);
      });
  });

  it("#6 updateCustomerInfo: another customer's profile", async () => {
    const req = params('updateCustomerInfo', { login_token: CUSTOMER_TOKEN, customerId: fromProviderState('${otherCustomerId}', '201508160008'), sex: '100102' });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .given(state('another logged-in customer'))
      .uponReceiving("a profile update of another customer's profile")
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('无权访问该数据')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updateCustomerInfo(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#7 getCustomerByCustomerId: the profile page reads every profile field', async () => {
    const req = params('getCustomerByCustomerId', { customerId: fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID) });
    await pact
      .addInteraction()
      .given(state('a registered customer'), { password: PASSWORD, profile: 'complete' })
      .uponReceiving('a request for a customer with a complete profile')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          ok({
            obj: {
              customerId: digitsId(SAMPLE_CUSTOMER_ID),
              phoneNumber: phone('15210193304'),
              sex: code('1001', '100101'),
              identification: code('1002', '100202'),
              maritalStatus: code('1003', '100302'),
              interesting: codeList('1004', '100401,100404,100405'),
              birthday: dateText('1985-01-01'),
            },
          }),
        ),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getCustomerByCustomerId(req.values);
        expect(res.success).toBe(true);
        expect(res.obj?.interesting?.split(',')).toContain('100404');
      });
  });

  it('#7 getCustomerByCustomerId: an unknown customer', async () => {
    const req = params('getCustomerByCustomerId', { customerId: '999999990001' });
    await pact
      .addInteraction()
      .uponReceiving('a request for a customer id nobody has')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('用户不存在')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getCustomerByCustomerId(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#10 customerLoginOut: ends the login token', async () => {
    const req = params('customerLoginOut', { login_token: CUSTOMER_TOKEN });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('a logout of the logged-in customer')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).customerLoginOut(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#11 updatePhoneNumberPre: the SMS code sent to the current phone is right', async () => {
    const req = params('updatePhoneNumberPre', {
      phone_number: fromProviderState('${phoneNumber}', '15210193304'),
      validate_code: fromProviderState('${smsCode}', '123456'),
    });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to a registered customer'), { purpose: 'changePhone' })
      .uponReceiving('step 1 of a phone change with the right SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePhoneNumberPre(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#11 updatePhoneNumberPre: the SMS code is wrong', async () => {
    const req = params('updatePhoneNumberPre', { phone_number: fromProviderState('${phoneNumber}', '15210193304'), validate_code: '000000' });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to a registered customer'), { purpose: 'changePhone' })
      .uponReceiving('step 1 of a phone change with a wrong SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('短信验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePhoneNumberPre(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#12 updatePhoneNumber: the new phone with its SMS code (token = the LOGIN token)', async () => {
    const req = params('updatePhoneNumber', {
      customer_id: fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID),
      token: CUSTOMER_TOKEN,
      phoneNumber: fromProviderState('${newPhoneNumber}', '13700137000'),
      validate_code: fromProviderState('${smsCode}', '123456'),
    });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to a new phone of a logged-in customer'))
      .uponReceiving('step 2 of a phone change with the SMS code sent to the new phone')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePhoneNumber(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#12 updatePhoneNumber: the SMS code is wrong', async () => {
    const req = params('updatePhoneNumber', {
      customer_id: fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID),
      token: CUSTOMER_TOKEN,
      phoneNumber: fromProviderState('${newPhoneNumber}', '13700137000'),
      validate_code: '000000',
    });
    await pact
      .addInteraction()
      .given(state('an SMS code was sent to a new phone of a logged-in customer'))
      .uponReceiving('step 2 of a phone change with a wrong SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('短信验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).updatePhoneNumber(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('uploadIcon (undocumented): the avatar upload answers JSON text for the iframe', async () => {
    const req = params('uploadIcon', {
      login_token: CUSTOMER_TOKEN,
      customer_id: SAMPLE_CUSTOMER_ID,
      avatar: { bytes: PNG_1X1, fileName: 'avatar.png', contentType: 'image/png' },
    });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('an avatar upload by the logged-in customer')
      .withRequest(...(await multipartRequest(req)))
      .willRespondWith(200, (b) =>
        iframeJsonBody(
          b,
          { success: true, obj: 'http://127.0.0.1:4010/files/avatars/201508160007-1.png', list: null, message: '头像上传成功', code: null, token: null },
          { obj: '"https?://[^"]+"' },
        ),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).uploadIcon(req.values);
        expect(res.obj).toMatch(/^https?:\/\//);
      });
  });
});
