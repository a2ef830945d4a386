// Sensitive-data scan over a whole run: the conformance life cycle and every documented failure replayed
// through app.inject (every operation, every outcome), each answer scanned as it is sent (the helper's
// onResponsePayload hook): no password or hash, no full card number, no SMS code or captcha answer outside
// the admin API. The other security suites scan their own answers the same way.
import { expect, it } from 'vitest';
import { failurePaths } from '../../../scripts/conformance/failures';
import { loanLifeCycle } from '../../../scripts/conformance/lifecycle';
import { useTestApp } from '../helper';
import { driverOf } from './parties';
import { SensitiveDataScanner } from './scanner';

const scanner = new SensitiveDataScanner();
const t = useTestApp({ callbackDelayMs: 10 * 60_000, onResponsePayload: scanner.hook });

it('no answer of the whole life cycle and of every documented failure carries a secret', async () => {
  const d = driverOf(t());
  await loanLifeCycle(d);
  await failurePaths(d);
  console.log(`sensitive-data scan: ${scanner.responsesScanned} answers of ${d.reached.size} operations scanned, ${scanner.findings.length} findings`);
  // the run reached every documented outcome, so the scan saw every kind of answer
  expect(d.unreachedOutcomes().unreached).toEqual([]);
  expect(scanner.responsesScanned).toBeGreaterThan(400);
  expect(scanner.report()).toBe('');
}, 120_000);
