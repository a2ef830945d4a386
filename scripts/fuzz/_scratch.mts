import { buildApp } from '../../mock/app';
import { injectSender } from '../conformance/client';
import { runFuzz } from './runner';
import { loadSpecModel } from './spec-model';
const app = await buildApp({ clockStart: '2015-09-01T02:00:00Z', callbackDelayMs: 600000 });
await app.ready();
const spec = loadSpecModel();
const t0 = performance.now();
const r = await runFuzz({ spec, send: injectSender(app), seed: 42, malformed: 200, valid: 50, concurrency: 8, operations: process.argv.slice(2).length ? process.argv.slice(2) : undefined,
  onOperation: (op, v) => console.log(op, v.length, v.filter(x=>x.problems.length).length) });
console.log('requests', r.requests, '5xx', r.fiveXX, 'failures', r.failures.length, 'ms', Math.round(performance.now()-t0), r.latency, r.invalid, r.invalidRefused, r.valid, r.validSucceeded);
const byProblem = new Map<string, string[]>();
for (const f of r.failures) for (const p of f.problems) { const k = f.kind + ' | ' + p.replace(/\d{6,}/g,'N').slice(0, 140); byProblem.set(k, [...(byProblem.get(k) ?? []), f.id]); }
for (const [k, ids] of byProblem) console.log(ids.length, k, ids.slice(0,3).join(' '));
console.log(r.kinds);
await app.close();
