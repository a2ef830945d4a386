// Consumer contract of bank cards and payment (partywo-web -> partywo-api), following the document's
// 支付流程: #36 card bound? -> #37/#38/#39 bind -> #40 cards -> #41 pay request -> #42 SMS -> #43 confirm
// -> the undocumented status poll getPayRecordById.
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN, SAMPLE_CUSTOMER_ID } from '../shared/placeholders';
import { clientFor, failed, ok, params, request, state, webPact } from './support/pact';
import { digitsId } from './support/matchers';
import { CARD, PAGE_KEY } from './support/samples';

const { fromProviderState, eachLike, regex } = MatchersV3;

const pact = webPact();
const customerId = () => fromProviderState('${customerId}', SAMPLE_CUSTOMER_ID);
const bindBankCardId = () => fromProviderState('${bindBankCardId}', '201509120007');
const captcha = () => ({ img_validate_key: PAGE_KEY, img_validate_code: fromProviderState('${captchaCode}', 'ab12') });
const payOrderId = () => fromProviderState('${payOrderId}', '201509150031');

describe('bank cards and payment', () => {
  it('#36 isExistBindBankCard: a bound card -> success true (payment page)', async () => {
    const req = params('isExistBindBankCard', { login_token: CUSTOMER_TOKEN, customerId: customerId() });
    await pact
      .addInteraction()
      .given(state('a customer with a bound card'))
      .uponReceiving('the bound-card check of a customer with a card')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).isExistBindBankCard(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#36 isExistBindBankCard: no card bound -> success false, the normal answer (bind-card page)', async () => {
    const req = params('isExistBindBankCard', { login_token: CUSTOMER_TOKEN, customerId: customerId() });
    await pact
      .addInteraction()
      .given(state('a logged-in customer'))
      .uponReceiving('the bound-card check of a customer without a card')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody({ success: false }))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).isExistBindBankCard(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#37 getBindBankCardId: a binding id (the client sends nothing)', async () => {
    const req = params('getBindBankCardId', {});
    await pact
      .addInteraction()
      .uponReceiving('a request for a new bank-card binding id')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: digitsId('201509120007') })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getBindBankCardId();
        expect(res.obj).toBe('201509120007');
      });
  });

  it('#38 invokeBindBanCard: the bank sends an SMS code', async () => {
    const req = params('invokeBindBanCard', { login_token: CUSTOMER_TOKEN, ...captcha(), customerId: customerId(), bindBankCardId: bindBankCardId(), ...CARD });
    await pact
      .addInteraction()
      .given(state('a bank-card binding was started'), { imageKey: PAGE_KEY })
      .uponReceiving('a bank-card binding request with valid card details')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).invokeBindBanCard(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#38 invokeBindBanCard: a wrong captcha text', async () => {
    const req = params('invokeBindBanCard', { login_token: CUSTOMER_TOKEN, img_validate_key: PAGE_KEY, img_validate_code: '0000', customerId: customerId(), bindBankCardId: bindBankCardId(), ...CARD });
    await pact
      .addInteraction()
      .given(state('a bank-card binding was started'), { imageKey: PAGE_KEY })
      .uponReceiving('a bank-card binding request with a wrong captcha text')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('图形验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).invokeBindBanCard(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#38 invokeBindBanCard: a card number that fails the Luhn check', async () => {
    const req = params('invokeBindBanCard', { login_token: CUSTOMER_TOKEN, ...captcha(), customerId: customerId(), bindBankCardId: bindBankCardId(), ...CARD, cardno: '6222021234567890123' });
    await pact
      .addInteraction()
      .given(state('a bank-card binding was started'), { imageKey: PAGE_KEY })
      .uponReceiving('a bank-card binding request with an invalid card number')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('银行卡号不正确')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).invokeBindBanCard(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#39 confirmBindBankcard: the whole #38 set again plus the SMS code', async () => {
    const req = params('confirmBindBankcard', {
      login_token: CUSTOMER_TOKEN,
      ...captcha(),
      customerId: customerId(),
      bindBankCardId: bindBankCardId(),
      ...CARD,
      validate_code: fromProviderState('${smsCode}', '123456'),
    });
    await pact
      .addInteraction()
      .given(state('a bank-card binding SMS code was sent'), { imageKey: PAGE_KEY, ...CARD })
      .uponReceiving('a bank-card binding confirmation with the right SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).confirmBindBankcard(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#39 confirmBindBankcard: a wrong SMS code', async () => {
    const req = params('confirmBindBankcard', { login_token: CUSTOMER_TOKEN, ...captcha(), customerId: customerId(), bindBankCardId: bindBankCardId(), ...CARD, validate_code: '000000' });
    await pact
      .addInteraction()
      .given(state('a bank-card binding SMS code was sent'), { imageKey: PAGE_KEY, ...CARD })
      .uponReceiving('a bank-card binding confirmation with a wrong SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('短信验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).confirmBindBankcard(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#40 getBindBankCardByCustomerId: masked cards with the bank logo name', async () => {
    const req = params('getBindBankCardByCustomerId', { login_token: CUSTOMER_TOKEN, customerId: customerId() });
    await pact
      .addInteraction()
      .given(state('a customer with a bound card'))
      .uponReceiving("a request for the customer's bound cards")
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ list: eachLike({ bbcId: digitsId('201509120007'), bankType: regex('^[a-z]+$', 'icbc'), bankCard: regex('^\\d{0,6}\\*+\\d{4}$', '622202*********0128') }) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getBindBankCardByCustomerId(req.values);
        expect(res.list?.[0]?.bankCard.slice(-4)).toBe('0128');
      });
  });

  it('#41 sendBindRequest: a payment id for the first unpaid instalment', async () => {
    const req = params('sendBindRequest', {
      login_token: CUSTOMER_TOKEN,
      customerId: customerId(),
      repaymentRecordId: fromProviderState('${repaymentRecordId}', '201509100102'),
      bindBankCardId: bindBankCardId(),
    });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 0, m: 3 })
      .uponReceiving('a payment request for the first unpaid instalment with the bound card')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: digitsId('201509150031') })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sendBindRequest(req.values);
        expect(res.obj).toBe('201509150031');
      });
  });

  it('#41 sendBindRequest: an instalment already paid', async () => {
    const req = params('sendBindRequest', {
      login_token: CUSTOMER_TOKEN,
      customerId: customerId(),
      repaymentRecordId: fromProviderState('${paidRepaymentRecordId}', '201509100101'),
      bindBankCardId: bindBankCardId(),
    });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 1, m: 3 })
      .uponReceiving('a payment request for an instalment already paid')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('该期已还款')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sendBindRequest(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#42 sendSmsByRepaymentRecordId: identified by the payment id as `orderid` (client-facts §5.1)', async () => {
    const req = params('sendSmsByRepaymentRecordId', { login_token: CUSTOMER_TOKEN, ...captcha(), orderid: payOrderId() });
    await pact
      .addInteraction()
      .given(state('a payment was requested'), { imageKey: PAGE_KEY })
      .uponReceiving('a payment SMS request with the right captcha text')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sendSmsByRepaymentRecordId(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#42 sendSmsByRepaymentRecordId: a wrong captcha text', async () => {
    const req = params('sendSmsByRepaymentRecordId', { login_token: CUSTOMER_TOKEN, img_validate_key: PAGE_KEY, img_validate_code: '0000', orderid: payOrderId() });
    await pact
      .addInteraction()
      .given(state('a payment was requested'), { imageKey: PAGE_KEY })
      .uponReceiving('a payment SMS request with a wrong captcha text')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('图形验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).sendSmsByRepaymentRecordId(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#43 smsConfirm: the payment SMS code confirms the payment', async () => {
    const req = params('smsConfirm', { login_token: CUSTOMER_TOKEN, ...captcha(), orderid: payOrderId(), validate_code: fromProviderState('${smsCode}', '123456') });
    await pact
      .addInteraction()
      .given(state('a payment SMS code was sent'), { imageKey: PAGE_KEY })
      .uponReceiving('a payment confirmation with the right SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).smsConfirm(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#43 smsConfirm: a wrong SMS code', async () => {
    const req = params('smsConfirm', { login_token: CUSTOMER_TOKEN, ...captcha(), orderid: payOrderId(), validate_code: '000000' });
    await pact
      .addInteraction()
      .given(state('a payment SMS code was sent'), { imageKey: PAGE_KEY })
      .uponReceiving('a payment confirmation with a wrong SMS code')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('短信验证码错误')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).smsConfirm(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('getPayRecordById (undocumented): the status poll ends with status 1 (成功)', async () => {
    const req = params('getPayRecordById', { orderid: payOrderId() });
    await pact
      .addInteraction()
      .given(state('a payment was confirmed'))
      .uponReceiving('a status poll of a successful payment')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: { status: 1 } })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getPayRecordById(req.values);
        expect(res.obj?.status).toBe(1);
      });
  });
});


