// Consumer contract of the reference data (partywo-web -> partywo-api): base codes, products, companies
// and bank codes. These answers depend on no provider state: the reference tables of the backend.
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { clientFor, failed, ok, params, request, webPact } from './support/pact';
import { digitsId } from './support/matchers';

const { like, eachLike, integer, eachValueMatches, atLeastOneLike } = MatchersV3;

const pact = webPact();

/** One family of the base-code map (code -> label): every value a label; which codes is the backend's. */
const family = (fam: string) => eachValueMatches({ [`${fam}01`]: '标签' }, like('标签'));

describe('reference data', () => {
  it('#8 getBaseCodeByParents: the profile page families with the codes the client hard-codes', async () => {
    const req = params('getBaseCodeByParents', { parents: '1001,1002,1003,1004' });
    await pact
      .addInteraction()
      .uponReceiving('a request for the profile families 1001-1004')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          ok({
            obj: {
              '1001': { '100101': like('男'), '100102': like('女') },
              '1002': { '100201': like('学生'), '100202': like('在职'), '100203': like('自由职业'), '100204': like('其他') },
              '1003': { '100302': like('恋爱中') },
              '1004': { '100401': like('美食'), '100404': like('休闲娱乐'), '100405': like('丽人') },
            },
          }),
        ),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getBaseCodeByParents(req.values);
        expect(res.success).toBe(true);
        expect(Object.keys(res.obj ?? {})).toEqual(expect.arrayContaining(['1001', '1002', '1003', '1004']));
      });
  });

  it('#8 getBaseCodeByParents: every family the application form and admin pages index into', async () => {
    const families = ['1003', '1008', '1009', '1012', '1013', '1014', '1015', '1016'];
    const req = params('getBaseCodeByParents', { parents: families.join(',') });
    await pact
      .addInteraction()
      .uponReceiving('a request for the application-form families')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: Object.fromEntries(families.map((f) => [f, family(f)])) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getBaseCodeByParents(req.values);
        expect(Object.keys(res.obj ?? {}).sort()).toEqual(families);
      });
  });

  it('#8 getBaseCodeByParents: the order status filter (1005)', async () => {
    const req = params('getBaseCodeByParents', { parents: '1005' });
    await pact
      .addInteraction()
      .uponReceiving('a request for the order status family 1005')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ obj: { '1005': { '100501': like('未完成'), '100502': like('商家审核中'), '100503': like('风控审核中'), '100506': like('待放款'), '100507': like('还款中'), '100508': like('已还清'), '100509': like('拒绝') } } })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getBaseCodeByParents(req.values);
        expect(res.obj?.['1005']?.['100501']).toBe('未完成');
      });
  });

  it('#8 getBaseCodeByParents: an unknown family', async () => {
    const req = params('getBaseCodeByParents', { parents: '9999' });
    await pact
      .addInteraction()
      .uponReceiving('a request for a base-code family that does not exist')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(failed('未知的代码类别')))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getBaseCodeByParents(req.values);
        expect(res.success).toBe(false);
      });
  });

  it('#22 queryProduct: the products of a brand tile (application form)', async () => {
    const req = params('queryProduct', { companyId: '20150901000001' });
    await pact
      .addInteraction()
      .uponReceiving('a request for the products of company 20150901000001')
      .withRequest(...request(req))
      .willRespondWith(200, (b) =>
        b.jsonBody(ok({ list: eachLike({ productId: digitsId('201509010001'), productName: like('悦享家'), companyId: '20150901000001' }) })),
      )
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryProduct(req.values);
        expect(res.list?.[0]?.companyId).toBe('20150901000001');
      });
  });

  it('#22 queryProduct: every product (admin detail pages send nothing)', async () => {
    const req = params('queryProduct', {});
    await pact
      .addInteraction()
      .uponReceiving('a request for every product')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ list: atLeastOneLike({ productId: digitsId('201509010001'), productName: like('悦享家'), companyId: digitsId('20150901000001') }, 2) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryProduct();
        expect(res.list?.length).toBeGreaterThanOrEqual(1);
      });
  });

  it('#25 queryCompany: the companies with their deleted flag', async () => {
    const req = params('queryCompany', {});
    await pact
      .addInteraction()
      .uponReceiving('a request for the companies')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ list: eachLike({ companyId: digitsId('20150901000001'), companyName: like('生活家'), deleted: integer(0) }) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).queryCompany();
        expect(res.list?.[0]?.deleted).toBe(0);
      });
  });

  it('#44 getBankCode: bank code -> bank name', async () => {
    const req = params('getBankCode', {});
    await pact
      .addInteraction()
      .uponReceiving('a request for the bank codes')
      .withRequest(...request(req))
      .willRespondWith(200, (b) => b.jsonBody(ok({ obj: eachValueMatches({ ICBC: '中国工商银行' }, like('中国工商银行')) })))
      .executeTest(async (ms) => {
        const res = await clientFor(ms).getBankCode();
        expect(res.obj?.ICBC).toBe('中国工商银行');
      });
  });
});
