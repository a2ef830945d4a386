// Drives the mock's admin API for the provider verification: reset between interactions and the named
// scenarios that are the provider states. HTTP only, so the mock may run in any process.
import { joinUrl } from '../client';

/** Raised when the mock refuses a scenario or a reset. */
export class MockStateError extends Error {}

/** A thin client of the mock's admin API, relative to the provider base URL (session prefixes included). */
export class MockDriver {
  constructor(
    readonly baseUrl: string,
    private readonly doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {}

  private async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.doFetch(joinUrl(this.baseUrl, `/__mock/${path.replace(/^\//, '')}`), {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MockStateError(`${method} /__mock/${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
    if (!res.ok) {
      // the admin API answers {error, code}
      const { error, code } = json as { error?: unknown; code?: unknown };
      throw new MockStateError(`${method} /__mock/${path}: HTTP ${res.status} ${typeof code === 'string' ? `${code} ` : ''}${typeof error === 'string' ? error : text.slice(0, 200)}`);
    }
    return json as T;
  }

  /** Back to the seeded baseline (and the clock to its start). */
  async reset(): Promise<void> {
    await this.admin('POST', 'reset');
  }

  /** Loads a named scenario and returns the ids it created. */
  async scenario(name: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const out = await this.admin<{ ids?: Record<string, unknown> }>('POST', `scenarios/${encodeURIComponent(name)}`, params);
    return out.ids ?? {};
  }

  /** The scenarios the mock offers, with their parameters (name -> meaning). */
  async scenarios(): Promise<{ name: string; params: Record<string, string> }[]> {
    const out = await this.admin<{ scenarios: { name: string; params: Record<string, string> }[] }>('GET', 'scenarios');
    return out.scenarios;
  }
}
