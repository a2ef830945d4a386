import { PactV4, MatchersV3 } from '@pact-foundation/pact';
import path from 'node:path';
const { regex } = MatchersV3;
const pact = new PactV4({ consumer: 'spike-c', provider: 'spike-p', dir: path.resolve('pacts'), logLevel: 'warn' });
const body = JSON.stringify({ success: true, obj: 'http://127.0.0.1:4010/files/a.png', list: null, message: '1', code: null, token: null });
for (const actual of [JSON.stringify({ message: '77', code: null, success: true, obj: 'http://x/y.png' }), JSON.stringify({ success: false, obj: null })]) {
  try {
  await pact.addInteraction()
    .uponReceiving('iframe ' + actual)
    .withRequest('POST', '/user/uploadIcon')
    .willRespondWith(200, (b) => {
      b.headers({ 'Content-Type': regex('^text/html(;.*)?$', 'text/html;charset=utf-8') });
      b.body('text/html;charset=utf-8', Buffer.from(body));
      b.matchingRules({ body: [{ path: '$', rules: [regex('"success":\\s*true', body), regex('"obj":\\s*"https?://[^"]+"', body)] }] });
    })
    .executeTest(async (ms) => {
      const r = await fetch(ms.url + '/user/uploadIcon', { method: 'POST' });
      console.log(r.status, r.headers.get('content-type'), await r.text());
    });
  } catch (e) { console.log('ERR', (e as Error).message.slice(0, 300)); }
}
