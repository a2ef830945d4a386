import { Verifier } from '@pact-foundation/pact';
import http from 'node:http';
import path from 'node:path';
const log: unknown[] = [];
const srv = http.createServer((req, res) => { let b=''; req.on('data', c=>b+=c); req.on('end', () => { log.push({url:req.url, method:req.method, headers:req.headers, body:b});
  res.setHeader('content-type','application/json');
  if (req.url!.startsWith('/states')) res.end(JSON.stringify({orderId:'209912310001', login_token:'ABCDEF0123456789ABCDEF0123456789'}));
  else res.end(JSON.stringify({success:true, obj:{orderId:'209912310001', n: 5}, list:null})); }); });
await new Promise<void>(r => srv.listen(0, '127.0.0.1', () => r()));
const port = (srv.address() as {port:number}).port;
const mode = process.argv[2];
const opts: Record<string, unknown> = { provider: 'spike-p', providerBaseUrl: `http://127.0.0.1:${port}`, pactUrls: [path.resolve('pacts/spike-c-spike-p.json')], logLevel: 'warn' };
if (mode === 'url') opts.providerStatesSetupUrl = `http://127.0.0.1:${port}/states`;
else { opts.stateHandlers = { 'an order in draft': async (p: unknown) => { console.log('handler params', p); return { orderId: '209912310001' }; } };
  opts.requestFilter = (req: any, _res: any, next: any) => { console.log('filter', req.path, req.headers['content-type'], typeof req.body, req.body); if (req.body && !Buffer.isBuffer(req.body) && String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) { req.body = Buffer.from(new URLSearchParams(req.body).toString()); req.headers['content-length'] = String(req.body.length); } next(); }; }
try { const r = await new Verifier(opts as never).verifyProvider(); console.log('RESULT', r); } catch (e) { console.log('FAIL', (e as Error).message.slice(0, 2000)); }
console.log(JSON.stringify(log, null, 1));
srv.close();
