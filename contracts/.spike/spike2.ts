import { PactV4, MatchersV3 } from '@pact-foundation/pact';
import path from 'node:path';
const { regex } = MatchersV3;
const pact = new PactV4({ consumer: 'spike-c', provider: 'spike-p', dir: path.resolve('pacts'), logLevel: 'warn' });
const fd = (tok: string, oid='201508300051') => { const f = new FormData(); f.set('login_token', tok); f.set('orderId',oid); f.set('orderMaterialType','100701'); f.set('orderMaterialFile', new Blob([Buffer.from('89504e470d0a1a0a0000000d49484452','hex')], {type:'image/png'}), 'a.png'); return f; };
const req = new Request('http://x/', { method: 'POST', body: fd('AAAABBBBCCCCDDDDEEEEFFFF00001111') });
const ct = req.headers.get('content-type')!; const raw = Buffer.from(await req.arrayBuffer());
const variant = process.argv[2];
await pact.addInteraction()
  .uponReceiving('multipart body '+variant)
  .withRequest('POST', '/order/uploadOrderMaterial', (b) => {
    b.headers({ 'Content-Type': regex('multipart/form-data;\\s*boundary=.*', ct) });
    b.body(ct, raw);
    const rules = [{ path: '$.login_token', rules: [regex('^[0-9A-F]{32}$', 'AAAABBBBCCCCDDDDEEEEFFFF00001111')] },
      { path: '$.orderId', rules: [regex('^\\d+$', '201508300051')] },
      { path: '$.orderMaterialType', rules: [regex('^1007\\d\\d$', '100701')] }];
    if (variant === 'ct') rules.push({ path: '$.orderMaterialFile', rules: [{ 'pact:matcher:type': 'contentType', value: 'image/png' } as never] });
    b.matchingRules({ body: rules });
  })
  .willRespondWith(200, (b) => { b.headers({'Content-Type': 'text/html'}); b.body('text/html', Buffer.from(JSON.stringify({success:true}))); })
  .executeTest(async (ms) => {
    const r = await fetch(ms.url + '/order/uploadOrderMaterial', { method: 'POST', body: fd('0000BBBBCCCCDDDDEEEEFFFF00001111', '201508300052') });
    console.log(r.status, (await r.text()).slice(0,300));
  });
console.log('multipart ok');
