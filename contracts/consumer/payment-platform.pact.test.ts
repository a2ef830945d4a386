// Consumer contract of the payment platform (易宝 Yeepay) -> partywo-api: the asynchronous payment
// result callback #35. Not the app's call, hence a consumer of its own (partywo-payment-platform).
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { clientFor, failed, ok, params, paymentPlatformPact, request, state } from './support/pact';

const { fromProviderState } = MatchersV3;

const pact = paymentPlatformPact();

describe('payment platform callback', () => {
  it('#35 repaymentDoneByRepaymentRecordId: the result of a payment in flight', async () => {
    const req = params('repaymentDoneByRepaymentRecordId', {
      repaymentRecordId: fromProviderState('${repaymentRecordId}', '201509100102'),
      orderid: fromProviderState('${payOrderId}', '201509150031'),
    });
    await pact
      .addInteraction()
      .given(state('a payment is in flight for an instalment'))
      .uponReceiving('a payment-success callback for an instalment with a payment in flight')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok()))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).repaymentDoneByRepaymentRecordId(req.values);
        expect(res.success).toBe(true);
      });
  });

  it('#35 repaymentDoneByRepaymentRecordId: no payment in flight for the instalment', async () => {
    const req = params('repaymentDoneByRepaymentRecordId', { repaymentRecordId: fromProviderState('${repaymentRecordId}', '201509100102') });
    await pact
      .addInteraction()
      .given(state('a loan with N of M instalments paid'), { n: 0, m: 3 })
      .uponReceiving('a payment callback for an instalment with no payment in flight')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('该还款记录没有处理中的支付')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).repaymentDoneByRepaymentRecordId(req.values);
        expect(res.success).toBe(false);
      });
  });
});
