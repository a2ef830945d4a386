// Drives the mock's admin API (named scenarios, captcha and SMS read-back, reset, payment flush) and
// its public API (through the typed client) for the provider states of the pacts.
import { createPartywoClient, joinUrl, type PartywoClient } from '../client';

/** Raised when the mock refuses a scenario or a setup call. */
export class MockStateError extends Error {}

/** A thin client of the mock's admin API, relative to the provider base URL (session prefixes included). */
export class MockDriver {
  readonly api: PartywoClient;
  private keySerial = 0;

  constructor(
    readonly baseUrl: string,
    private readonly doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {
    this.api = createPartywoClient({ baseUrl, fetch: doFetch });
  }

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
      const message = (json as { message?: unknown }).message;
      throw new MockStateError(`${method} /__mock/${path}: HTTP ${res.status} ${typeof message === 'string' ? message : text.slice(0, 200)}`);
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

  /** The names of the scenarios the mock offers. */
  async scenarioNames(): Promise<string[]> {
    const out = await this.admin<{ scenarios: { name: string }[] }>('GET', 'scenarios');
    return out.scenarios.map((s) => s.name);
  }

  /** Issues a captcha for `imageKey` the way the page does (#9) and reads its text back. */
  async captcha(imageKey = this.freshKey()): Promise<{ imageKey: string; captchaCode: string }> {
    const image = await this.api.getImageValidate({ image_key: imageKey, t: String(Date.now()) });
    if (!image.contentType.startsWith('image/')) throw new MockStateError(`getImageValidate answered ${image.contentType}`);
    const out = await this.admin<{ code: string }>('GET', `captchas/${encodeURIComponent(imageKey)}`);
    return { imageKey, captchaCode: out.code };
  }

  /** The newest SMS code sent to `phone`. */
  async lastSmsCode(phone: string): Promise<string> {
    const out = await this.admin<{ messages: { code: string }[] }>('GET', `sms?phone=${encodeURIComponent(phone)}`);
    const code = out.messages[0]?.code;
    if (!code) throw new MockStateError(`no SMS was sent to ${phone}`);
    return code;
  }

  /** Sends an SMS code to `phone` through #1 (with a fresh captcha) and returns it. */
  async sendSms(phone: string): Promise<string> {
    const { imageKey, captchaCode } = await this.captcha();
    const res = await this.api.sendValidateMessage({ phone_number: phone, validate_key: imageKey, validate_code: captchaCode });
    if (!res.success) throw new MockStateError(`sendValidateMessage(${phone}): ${res.message ?? ''}`);
    return this.lastSmsCode(phone);
  }

  /** Delivers every pending payment callback now. */
  async flushPayments(): Promise<void> {
    await this.admin('POST', 'payments/flush');
  }

  /** A captcha key of our own (distinct keys, so one state's captcha never consumes another's). */
  freshKey(): string {
    this.keySerial += 1;
    return `pact-state-${process.pid}-${this.keySerial}`;
  }
}

/** Throws unless the envelope says success (a setup step that must not fail). */
export function expectSuccess<T extends { success: boolean; message?: string | null }>(what: string, res: T): T {
  if (!res.success) throw new MockStateError(`${what} failed: ${res.message ?? '(no message)'}`);
  return res;
}
