// The fuzz report as the lines `npm run fuzz` and the npm test run print (the counts the lead quotes).
import type { FuzzReport } from './runner';

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The report as the lines the lead quotes. */
export function fuzzSummary(r: FuzzReport): string[] {
  const lines = [
    `fuzz: seed ${r.seed}: ${r.requests} requests to ${r.perOperation.length} operations in ${(r.durationMs / 1000).toFixed(1)} s; 5xx seen: ${r.fiveXX}; failing cases: ${r.failures.length}${r.serverDied ? '; THE SERVER DIED' : ''}`,
    `  invalid input (per the spec): ${r.invalid}, refused (success:false): ${r.invalidRefused}; schema-valid: ${r.valid}, succeeded: ${r.validSucceeded}`,
    `  latency under load: p50 ${ms(r.latency.p50)}, p95 ${ms(r.latency.p95)}, p99 ${ms(r.latency.p99)}, max ${ms(r.latency.max)}; slowest p99: ${[...r.perOperation]
      .sort((a, b) => b.p99 - a.p99)
      .slice(0, 3)
      .map((o) => `${o.operationId} ${ms(o.p99)}`)
      .join(', ')}`,
    `  kinds: ${Object.entries(r.kinds)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  ];
  if (r.failures.length) {
    const groups = new Map<string, string[]>();
    for (const f of r.failures) {
      for (const p of f.problems) {
        const key = `${f.kind}: ${p.replace(/\d{8,}/g, '<id>').slice(0, 160)}`;
        groups.set(key, [...(groups.get(key) ?? []), f.id]);
      }
    }
    lines.push('  failures (kind: problem -> cases; replay with --seed, --op and --case):');
    for (const [k, ids] of [...groups].sort((a, b) => b[1].length - a[1].length).slice(0, 40)) lines.push(`    ${ids.length} x ${k} -> ${ids.slice(0, 4).join(' ')}`);
  }
  return lines;
}
