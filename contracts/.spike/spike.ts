import { PactV4, MatchersV3 } from '@pact-foundation/pact';
import path from 'node:path';
const { like, regex, fromProviderState, integer } = MatchersV3;
const pact = new PactV4({ consumer: 'spike-c', provider: 'spike-p', dir: path.resolve('pacts'), logLevel: 'warn' });
type Ix = { interaction: { withRequestBody(b: string, ct: string): boolean } };
await pact.addInteraction()
  .given('an order in draft', { customerId: '201508160007' })
  .uponReceiving('form body')
  .withRequest('POST', '/order/queryOrdersByOrderIdController', (b) => {
    b.headers({ 'Content-Type': regex('application/x-www-form-urlencoded.*', 'application/x-www-form-urlencoded') });
    (b as unknown as Ix).interaction.withRequestBody(JSON.stringify({
      login_token: regex('^[0-9A-F]{32}$', '8C01D2FEFD69916D9137CC813FCB5400'),
      orderId: fromProviderState('${orderId}', '201508300051'),
      currentPageNum: regex('^\\d+$', '1'),
    }), 'application/x-www-form-urlencoded');
  })
  .willRespondWith(200, (b) => { b.jsonBody({ success: true, obj: { orderId: fromProviderState('${orderId}', '201508300051'), n: integer(3) }, list: null }); })
  .executeTest(async (ms) => {
    const r = await fetch(ms.url + '/order/queryOrdersByOrderIdController', { method: 'POST', body: new URLSearchParams({ currentPageNum: '2', orderId: '201508300051', login_token: 'AAAABBBBCCCCDDDDEEEEFFFF00001111' }) });
    console.log(r.status, await r.text());
  });
console.log('form ok');
// multipart
const fd = () => { const f = new FormData(); f.set('login_token', 'AAAABBBBCCCCDDDDEEEEFFFF00001111'); f.set('orderId','201508300051'); f.set('orderMaterialFile', new Blob([Buffer.from('89504e470d0a1a0a','hex')], {type:'image/png'}), 'a.png'); return f; };
const req = new Request('http://x/', { method: 'POST', body: fd() });
const ct = req.headers.get('content-type')!; const raw = Buffer.from(await req.arrayBuffer());
await pact.addInteraction()
  .uponReceiving('multipart body')
  .withRequest('POST', '/order/uploadOrderMaterial', (b) => {
    b.headers({ 'Content-Type': regex('multipart/form-data;\\s*boundary=.*', ct) });
    b.body(ct, raw);
    b.matchingRules({ body: [{ path: '$.login_token', rules: [regex('^[0-9A-F]{32}$', 'AAAABBBBCCCCDDDDEEEEFFFF00001111')] }] });
  })
  .willRespondWith(200, (b) => { b.headers({'Content-Type': 'text/html'}); b.body('text/html', Buffer.from(JSON.stringify({success:true}))); })
  .executeTest(async (ms) => {
    const f = fd(); f.set('login_token', '0000BBBBCCCCDDDDEEEEFFFF00001111');
    const r = await fetch(ms.url + '/order/uploadOrderMaterial', { method: 'POST', body: f });
    console.log(r.status, await r.text());
  });
console.log('multipart ok');
