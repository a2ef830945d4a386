import { PactV4 } from '@pact-foundation/pact';
import { iframeJsonBody } from '../consumer/support/matchers';
const pact = new PactV4({ consumer: 'c', provider: 'p', dir: '/tmp/pact-spike5', logLevel: 'warn' });
await pact.addInteraction().uponReceiving('x').withRequest('POST', '/u')
  .willRespondWith(200, (b) => iframeJsonBody(b, { success: true, obj: 'http://a/b.png' }, { obj: '"https?://[^"]+"' }))
  .executeTest(async (ms) => { const r = await fetch(ms.url + '/u', { method: 'POST' }); console.log(r.status, r.headers.get('content-type'), JSON.stringify(await r.text())); });
