// `npm run conformance`: the mock behind `prism proxy --errors`, a full loan life cycle and every documented
// failure replayed through it (scripts/conformance/). Exit 1 on any spec violation, any documented outcome
// not reached, any answer other than expected, or any sensitive data in an answer.
//   --verbose   one line per exchange
import { parseArgs } from 'node:util';
import { runConformance, type ConformanceReport } from './conformance/run';

/** The summary lines printed at the end (also used by the spec test's log). */
export function summary(r: ConformanceReport): string[] {
  const ops = new Set(r.exchanges.map((e) => e.operationId));
  const lines = [
    `conformance: ${r.exchanges.length} requests to ${ops.size} operations in ${(r.durationMs / 1000).toFixed(1)} s ` +
      `(${r.byRoute.prism} through prism proxy, ${r.byRoute['prism-lenient']} through prism proxy --validate-request false (deliberately invalid requests), ${r.byRoute.direct} direct)`,
    `documented outcomes reached: ${r.outcomesReached}/${r.outcomesDocumented}`,
    `spec violations: ${r.violations.length}; unexpected answers: ${r.unexpected.length}; unreached outcomes: ${r.unreached.length}; sensitive-data findings: ${r.leaks.length} (${r.responsesScanned} answers scanned)`,
  ];
  const direct = [...new Set(r.exchanges.filter((e) => e.route === 'direct').map((e) => `${e.operationId}: ${e.reason}`))];
  if (direct.length) lines.push('sent directly to the mock (checked by our validator only):', ...direct.map((d) => `  - ${d}`));
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push(`${title}:`, ...items.slice(0, 50).map((i) => `  - ${i}`), ...(items.length > 50 ? [`  ... ${items.length - 50} more`] : []));
  };
  section('VIOLATIONS', r.violations);
  section('UNEXPECTED', r.unexpected);
  section('UNREACHED', r.unreached);
  section('SENSITIVE DATA', r.leaks);
  return lines;
}

export function passed(r: ConformanceReport): boolean {
  return r.violations.length === 0 && r.unexpected.length === 0 && r.unreached.length === 0 && r.leaks.length === 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('npm run conformance -- [--verbose]');
    return;
  }
  const report = await runConformance({ verbose: values.verbose ?? false });
  for (const l of summary(report)) console.log(l);
  console.log(passed(report) ? 'conformance: PASS' : 'conformance: FAIL');
  process.exitCode = passed(report) ? 0 : 1;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}
