import { PactV4, MatchersV3, Verifier } from '@pact-foundation/pact';
import http from 'node:http';
import path from 'node:path';
process.env.PACT_DO_NOT_TRACK='true';
const { regex } = MatchersV3;
const pact = new PactV4({ consumer: 'spike-c', provider: 'spike-p', dir: path.resolve('pacts'), logLevel: 'warn' });
const body = JSON.stringify({ success: true, obj: 'http://127.0.0.1:4010/files/a.png', list: null, message: '1', code: null, token: null });
for (const mode of ['binary', 'text']) {
  await pact.addInteraction()
    .uponReceiving('iframe ' + mode)
    .withRequest('POST', '/user/uploadIcon/' + mode)
    .willRespondWith(200, (b) => {
      b.headers({ 'Content-Type': regex('^text/html(;.*)?$', 'text/html;charset=utf-8') });
      if (mode === 'binary') b.body('text/html;charset=utf-8', Buffer.from(body));
      else (b as any).interaction.withResponseBody(body, 'text/html;charset=utf-8');
      b.matchingRules({ body: [{ path: '$', rules: [regex('^[\\s\\S]*"success":\\s*true[\\s\\S]*$', body), regex('^[\\s\\S]*"obj":\\s*"https?://[^"]+"[\\s\\S]*$', body)] }] });
    })
    .executeTest(async (ms) => { await fetch(ms.url + '/user/uploadIcon/' + mode, { method: 'POST' }); });
}
for (const actual of [JSON.stringify({ message: '77', code: null, success: true, obj: 'http://x/y.png' }), JSON.stringify({ success: false, obj: null })]) {
  const srv = http.createServer((req, res) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(actual); });
  await new Promise<void>(r => srv.listen(0, '127.0.0.1', () => r()));
  try { const r = await new Verifier({ provider: 'spike-p', providerBaseUrl: `http://127.0.0.1:${(srv.address() as any).port}`, pactUrls: [path.resolve('pacts/spike-c-spike-p.json')], logLevel: 'error' }).verifyProvider(); console.log('PASS', actual); }
  catch (e) { const j = JSON.parse((e as Error).message); console.log('FAIL', actual, JSON.stringify(j.errors.map((x: any) => [x.interaction, x.mismatch.mismatches.map((m: any) => m.mismatch)]))); }
  srv.close();
}
