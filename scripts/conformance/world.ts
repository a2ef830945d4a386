// Setting the mock's world up through its admin API, as any developer would: scenarios, the clock, SMS
// codes and captcha answers. Works over any Client (app.inject or HTTP).
import { luhnCheckDigit } from '../../mock/domain/orders/checks';
import type { Client } from './client';

export type Ids = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Loads a named scenario and returns the ids (and tokens) it created. */
export async function scenario(c: Client, name: string, params: Record<string, unknown> = {}): Promise<Ids> {
  const { status, body } = await c.admin<{ ids: Ids; error?: string }>('POST', `/__mock/scenarios/${encodeURIComponent(name)}`, params);
  if (status !== 200) throw new Error(`scenario "${name}" ${JSON.stringify(params)}: ${status} ${JSON.stringify(body)}`);
  return body.ids;
}

/** Loads the captcha image of `imageKey` through the legacy API (#9, as the page's <img> does) and reads its answer from the admin API. */
export async function captcha(c: Client, imageKey: string): Promise<string> {
  const img = await c.call('getImageValidate', { image_key: imageKey, t: '1441072800000' }, { encoding: 'get' });
  if (img.status !== 200 || !img.contentType.startsWith('image/')) throw new Error(`getImageValidate ${imageKey}: ${img.status} ${img.raw.toString('utf8').slice(0, 200)}`);
  const { status, body } = await c.admin<{ code: string }>('GET', `/__mock/captchas/${encodeURIComponent(imageKey)}`);
  if (status !== 200) throw new Error(`no captcha for ${imageKey}: ${JSON.stringify(body)}`);
  return body.code;
}

/** The newest SMS code sent to `phone` (optionally of one purpose). */
export async function smsCode(c: Client, phone: string, purpose?: string): Promise<string> {
  const { body } = await c.admin<{ messages: { code: string; purpose: string }[] }>('GET', `/__mock/sms?phone=${phone}`);
  const m = body.messages.find((x) => !purpose || x.purpose === purpose);
  if (!m) throw new Error(`no SMS${purpose ? ` (${purpose})` : ''} sent to ${phone}`);
  return m.code;
}

export async function now(c: Client): Promise<number> {
  const { body } = await c.admin<{ now: string }>('GET', '/__mock/clock');
  return Date.parse(body.now);
}

/** Moves the mock clock forward by `seconds` (fractions allowed). */
export async function advance(c: Client, seconds: number): Promise<number> {
  const { status, body } = await c.admin<{ now: string }>('POST', '/__mock/clock', { advanceSeconds: seconds });
  if (status !== 200) throw new Error(`clock advance ${seconds}: ${JSON.stringify(body)}`);
  return Date.parse(body.now);
}

/** Sets the mock clock to `t` (epoch ms; never backwards). */
export async function setClock(c: Client, t: number): Promise<number> {
  const { status, body } = await c.admin<{ now: string }>('POST', '/__mock/clock', { set: new Date(t).toISOString() });
  if (status !== 200) throw new Error(`clock set ${new Date(t).toISOString()}: ${JSON.stringify(body)}`);
  return Date.parse(body.now);
}

/** Delivers every pending payment callback now; returns how many. */
export async function flushPayments(c: Client): Promise<number> {
  const { body } = await c.admin<{ delivered: number }>('POST', '/__mock/payments/flush');
  return body.delivered;
}

export async function reset(c: Client): Promise<void> {
  const { status } = await c.admin('POST', '/__mock/reset');
  if (status !== 200) throw new Error(`reset: ${status}`);
}

/** The page GUID the legacy client makes (32 hex digits, 8-4-4-4-12), from a number. */
export function guid(n: number): string {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Fresh mobile numbers of one prefix (`186` by default; the scenarios use 137 and 159). */
export class Phones {
  #n = 0;
  constructor(readonly prefix = '186') {}
  next(): string {
    this.#n++;
    return `${this.prefix}${String(this.#n).padStart(8, '0')}`;
  }
}

/** A valid PRC resident ID number (checksum computed) from 17 digits. */
export { sampleIdNumber as idNumber } from '../../mock/fixtures/samples';

/** A Luhn-valid card number from its first digits. */
export function cardNumber(body: string): string {
  return body + luhnCheckDigit(body);
}
