// A Driver runs the life cycle and the failure recipes over any transport: it calls the legacy API,
// checks each outcome against what the recipe expects and records which documented outcomes were reached.
// ConformanceRun routes through Prism; ClientDriver goes straight to a Client (app.inject in api tests).
import type { Answer, CallOptions, Client, Params } from './client';
import type { SpecModel } from '../fuzz/spec-model';
import { Phones, guid } from './world';

/** 'success', the failure code, or what came instead of an envelope. An image answer (#9) is a success. */
export function outcomeOf(a: Answer): string {
  if (a.status === 200 && a.contentType.startsWith('image/')) return 'success';
  if (a.body && typeof a.body.success === 'boolean' && !a.contentType.startsWith('application/problem+json')) return a.body.success ? 'success' : (a.body.code ?? '?');
  return `HTTP ${a.status} ${a.contentType}`;
}

export abstract class Driver implements Client {
  abstract readonly spec: SpecModel;
  /** Answers other than the recipe expected, and recipes that could not run. */
  readonly unexpected: string[] = [];
  /** operationId -> outcomes answered ('success' or a failure code). */
  readonly reached = new Map<string, Set<string>>();
  readonly phones = new Phones('186');
  #keys = 0;

  abstract call(operationId: string, params?: Params, opts?: CallOptions): Promise<Answer>;
  abstract admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;

  /** A fresh captcha key (the page GUID: 32 hex digits, 8-4-4-4-12). */
  key(): string {
    return guid(0xc0f0000 + ++this.#keys);
  }

  protected record(a: Answer): void {
    const got = outcomeOf(a);
    if (got.startsWith('HTTP ')) return;
    let set = this.reached.get(a.operationId);
    if (!set) this.reached.set(a.operationId, (set = new Set()));
    set.add(got);
  }

  /** Calls and checks the outcome: 'success' or a failure code. Returns the answer either way. */
  async expect(want: string, operationId: string, params: Params = {}, opts: CallOptions = {}): Promise<Answer> {
    const a = await this.call(operationId, params, opts);
    const got = outcomeOf(a);
    if (got !== want) this.unexpected.push(`${operationId}: expected ${want}, got ${got}${a.body?.message ? ` (${a.body.message})` : ''}`);
    return a;
  }

  /** Like expect('success'), but throws when it fails: the run cannot go on without it. */
  async must(operationId: string, params: Params = {}, opts: CallOptions = {}): Promise<Answer> {
    const a = await this.expect('success', operationId, params, opts);
    if (outcomeOf(a) !== 'success') throw new Error(`${operationId} failed: ${a.status} ${a.raw.toString('utf8').slice(0, 300)}`);
    return a;
  }

  /** The documented outcomes (operation: success or code) not reached so far, and how many there are. */
  unreachedOutcomes(): { documented: number; unreached: string[] } {
    const unreached: string[] = [];
    let documented = 0;
    for (const op of this.spec.operations) {
      for (const o of op.outcomes) {
        documented++;
        if (!this.reached.get(op.operationId)?.has(o.code ?? 'success')) unreached.push(`${op.operationId}: ${o.code ?? 'success'}`);
      }
    }
    return { documented, unreached };
  }
}

/** A Driver straight over a Client (no proxy). */
export class ClientDriver extends Driver {
  readonly spec: SpecModel;
  constructor(private readonly client: Client) {
    super();
    this.spec = client.spec;
  }

  async call(operationId: string, params: Params = {}, opts: CallOptions = {}): Promise<Answer> {
    const a = await this.client.call(operationId, params, opts);
    this.record(a);
    return a;
  }

  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return this.client.admin<T>(method, path, body);
  }
}
