// `npm run conformance`: the mock behind `prism proxy --errors`, a full loan life cycle and every documented
// failure replayed through it (scripts/conformance/). Exit 1 on any spec violation, any documented outcome
// not reached, any answer other than expected, or any sensitive data in an answer.
//   --verbose   one line per exchange
import { parseArgs } from 'node:util';
import { passed, runConformance, summary } from './conformance/run';

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

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
