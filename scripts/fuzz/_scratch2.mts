import { buildApp } from '../../mock/app';
import { createClient, injectSender } from '../conformance/client';
import { casesFor } from './cases';
import { buildWorld, caseSeed } from './runner';
import { loadSpecModel } from './spec-model';
const app = await buildApp({ clockStart: '2015-09-01T02:00:00Z', callbackDelayMs: 600000 });
await app.ready();
const spec = loadSpecModel();
const send = injectSender(app);
const [opId, ...idx] = process.argv.slice(2);
const ops = spec.operations;
const i = ops.findIndex(o => o.operationId === opId);
const world = await buildWorld(createClient(spec, send));
const cases = casesFor(spec, ops[i]!, world, { seed: caseSeed(42, spec, opId!), malformed: 200, valid: 50 });
for (const n of idx) {
  const c = cases.find(x => x.id === `${opId}#${n}`)!;
  const res = await send(c.request);
  console.log(c.id, c.kind, c.invalid, c.statuses, c.request.method, c.request.path.slice(0, 200), JSON.stringify(c.request.headers), String(c.request.body ?? '').slice(0, 300));
  console.log('  ->', res.status, res.body.toString().slice(0, 300));
}
await app.close();
