import { Verifier } from '@pact-foundation/pact';
import http from 'node:http';
process.env.PACT_DO_NOT_TRACK='true';
process.env.PACT_DESCRIPTION = process.argv[2];
const body = process.argv[3];
const srv = http.createServer((req, res) => { res.setHeader('content-type', 'application/json; charset=utf-8'); res.end(body); });
await new Promise<void>(r => srv.listen(0, '127.0.0.1', () => r()));
try { await new Verifier({ provider: 'partywo-api', providerBaseUrl: `http://127.0.0.1:${(srv.address() as any).port}`, pactUrls: ['/tmp/pact-try/partywo-web-partywo-api.json'], logLevel: 'error' }).verifyProvider(); console.log('PASS'); }
catch (e) { const j = JSON.parse((e as Error).message); console.log('FAIL', JSON.stringify(j.errors.map((x: any) => [x.interaction, x.mismatch.mismatches.map((m: any) => m.mismatch)]))); }
srv.close();
