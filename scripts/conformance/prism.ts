// Prism (@stoplight/prism-cli 5.14) as a validating proxy in front of the mock: `prism proxy <spec>
// <upstream> --errors`. With --errors a response that breaks the spec is replaced by a problem+json 500
// (VIOLATIONS); a request that breaks it is refused with 422 before it reaches the mock (unless the proxy
// runs with --validate-request false); warnings travel in the `sl-violations` header.
import { bin } from '../lib/paths';
import { freePort, startChild, waitFor, type Child } from '../bench/harness';
import { header, type WireResponse } from '../fuzz/http';

export interface PrismProxy {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

/** Starts `prism proxy` on a free loopback port and resolves once it answers. */
export async function startPrismProxy(specFile: string, upstream: string, opts: { validateRequest: boolean; timeoutMs?: number }): Promise<PrismProxy> {
  const port = await freePort();
  const args = ['proxy', specFile, upstream, '--errors', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn'];
  if (!opts.validateRequest) args.push('--validate-request', 'false');
  const child = startChild(`prism proxy${opts.validateRequest ? '' : ' (--validate-request false)'}`, bin('prism'), args);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.proc.exitCode !== null) throw new Error(`prism exited: ${child.output()}`);
      // any HTTP answer means it listens (Prism answers an unknown path with its own 404)
      const res = await fetch(`${url}/__prism_ready`).catch(() => null);
      return res !== null;
    }, opts.timeoutMs ?? 60_000, 100);
  } catch (err) {
    await child.stop();
    throw new Error(`Prism did not start: ${(err as Error).message}\n${child.output()}`);
  }
  return { url, child, stop: () => child.stop() };
}

/** The request or response violations Prism reported about one proxied exchange (problem+json or sl-violations). */
export function prismVerdict(res: WireResponse): string[] {
  const violations: string[] = [];
  const slv = header(res, 'sl-violations');
  if (slv) {
    try {
      for (const v of JSON.parse(slv) as { location?: string[]; severity?: string; message?: string }[]) {
        violations.push(`${v.severity ?? '?'} ${(v.location ?? []).join('.')}: ${v.message ?? ''}`);
      }
    } catch {
      violations.push(`sl-violations: ${slv.slice(0, 300)}`);
    }
  }
  const ct = header(res, 'content-type');
  if (ct.startsWith('application/problem+json')) {
    let problem: { type?: string; title?: string; detail?: string; validation?: { location?: string[]; message?: string }[] } = {};
    try {
      problem = JSON.parse(res.body.toString('utf8'));
    } catch {
      // keep the raw text below
    }
    const kind = (problem.type ?? '').split('#')[1] ?? 'PROBLEM';
    const details = (problem.validation ?? []).map((v) => `${(v.location ?? []).join('.')}: ${v.message ?? ''}`);
    const text = `${kind} ${res.status}: ${problem.title ?? res.body.toString('utf8').slice(0, 200)}${details.length ? ` [${details.join('; ')}]` : ''}`;
    return [text, ...violations];
  }
  return violations;
}
