// Codes and captchas at their edges, on the mock clock (no sleeps): image captcha expiry (2 minutes) and
// single use, SMS code expiry (5 minutes), single use, binding to phone and purpose, the fifth wrong try,
// the per-phone sending limits (1 a minute, 5 an hour, 10 a day) one millisecond before and at each edge,
// the same answer for registered and unknown phones, and the single-use, customer-bound, 10-minute step
// tokens of the password reset.
import { describe, expect, it } from 'vitest';
import type { ClientDriver } from '../../../scripts/conformance/driver';
import { captcha, idNumber, now, scenario, setClock, smsCode } from '../../../scripts/conformance/world';
import { useTestApp } from '../helper';
import { driverOf } from './parties';
import { SensitiveDataScanner } from './scanner';

const scanner = new SensitiveDataScanner();
const t = useTestApp({ callbackDelayMs: 10 * 60_000, onResponsePayload: scanner.hook });
let shared: ClientDriver | undefined;
const driver = () => (shared ??= driverOf(t()));

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** #1 for `phone` with a fresh, rightly answered captcha; returns the outcome. */
async function send(d: ClientDriver, phone: string): Promise<{ success: boolean; code: string | null; message: string | null }> {
  const key = d.key();
  const a = await d.call('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: await captcha(d, key) });
  return { success: a.body!.success, code: a.body!.code, message: a.body!.message };
}

async function register(d: ClientDriver, phone: string, code: string) {
  return (await d.call('registerCustomer', { phone_number: phone, password: 'Edge2015ok', validate_code: code })).body!;
}

const wrong = (code: string) => [...code].map((c) => String((Number(c) + 1) % 10)).join('');

describe('image captcha', () => {
  it('is valid 1 ms before its 2 minutes are up and expired 1 ms after', async () => {
    const d = driver();
    for (const [offset, want] of [
      [2 * MINUTE - 1, 'success'],
      [2 * MINUTE + 1, 'CAPTCHA_EXPIRED'],
    ] as const) {
      const key = d.key();
      const answer = await captcha(d, key);
      const issued = await now(d);
      await setClock(d, issued + offset);
      const a = await d.call('sendValidateMessage', { phone_number: d.phones.next(), validate_key: key, validate_code: answer });
      expect(a.body!.success ? 'success' : a.body!.code, `at +${offset} ms`).toBe(want);
    }
  });

  it('is used up by the first check, right or wrong', async () => {
    const d = driver();
    const key = d.key();
    const answer = await captcha(d, key);
    expect((await d.call('sendValidateMessage', { phone_number: d.phones.next(), validate_key: key, validate_code: answer })).body!.success).toBe(true);
    expect((await d.call('sendValidateMessage', { phone_number: d.phones.next(), validate_key: key, validate_code: answer })).body!.code).toBe('CAPTCHA_INVALID');
    const key2 = d.key();
    const answer2 = await captcha(d, key2);
    expect((await d.call('sendValidateMessage', { phone_number: d.phones.next(), validate_key: key2, validate_code: answer2 === 'zzzz' ? 'yyyy' : 'zzzz' })).body!.code).toBe('CAPTCHA_INVALID');
    expect((await d.call('sendValidateMessage', { phone_number: d.phones.next(), validate_key: key2, validate_code: answer2 })).body!.code).toBe('CAPTCHA_INVALID');
    expect((await d.admin('GET', `/__mock/captchas/${key2}`)).status).toBe(404);
  });

  it('reloading the image of a key replaces its answer', async () => {
    const d = driver();
    const key = d.key();
    const first = await captcha(d, key);
    let second = await captcha(d, key);
    for (let i = 0; i < 5 && second === first; i++) second = await captcha(d, key);
    expect(second).not.toBe(first);
    expect((await d.call('sendValidateMessage', { phone_number: d.phones.next(), validate_key: key, validate_code: first })).body!.code).toBe('CAPTCHA_INVALID');
  });
});

describe('SMS code', () => {
  it('is valid 1 ms before its 5 minutes are up and expired 1 ms after', async () => {
    const d = driver();
    for (const [offset, want] of [
      [5 * MINUTE - 1, 'success'],
      [5 * MINUTE + 1, 'SMS_CODE_EXPIRED'],
    ] as const) {
      const phone = d.phones.next();
      expect((await send(d, phone)).success).toBe(true);
      const sent = await now(d);
      const code = await smsCode(d, phone, 'account');
      await setClock(d, sent + offset);
      const r = await register(d, phone, code);
      expect(r.success ? 'success' : r.code, `at +${offset} ms`).toBe(want);
    }
  });

  it('is single use', async () => {
    const d = driver();
    const phone = d.phones.next();
    await send(d, phone);
    const code = await smsCode(d, phone, 'account');
    expect((await register(d, phone, code)).success).toBe(true);
    const again = await d.call('updatePasswordPre', { phone_number: phone, validate_code: code });
    expect(again.body!.success).toBe(false);
    expect(['SMS_CODE_NOT_SENT', 'SMS_CODE_INVALID']).toContain(again.body!.code);
  });

  it('dies at the fifth wrong try, even for the right code afterwards; four wrong tries leave it usable', async () => {
    const d = driver();
    const phone = d.phones.next();
    await send(d, phone);
    const code = await smsCode(d, phone, 'account');
    for (let i = 1; i <= 4; i++) {
      const r = await register(d, phone, wrong(code));
      expect(r.code, `try ${i}`).toBe('SMS_CODE_INVALID');
      expect(r.message).toContain(String(5 - i));
    }
    expect((await register(d, phone, wrong(code))).code).toBe('SMS_CODE_TOO_MANY_TRIES');
    expect((await register(d, phone, code)).code).toBe('SMS_CODE_TOO_MANY_TRIES');

    const phone2 = d.phones.next();
    await send(d, phone2);
    const code2 = await smsCode(d, phone2, 'account');
    for (let i = 0; i < 4; i++) await register(d, phone2, wrong(code2));
    expect((await register(d, phone2, code2)).success).toBe(true);
  });

  it('is bound to its phone and to its purpose', async () => {
    const d = driver();
    const phone = d.phones.next();
    const other = d.phones.next();
    await send(d, phone);
    const code = await smsCode(d, phone, 'account');
    expect((await register(d, other, code)).success).toBe(false);
    // an account code does not confirm a card binding of the same phone
    const c = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
    const bindBankCardId = (await d.must('getBindBankCardId', { login_token: c.login_token })).body!.obj as string;
    const card = { bindBankCardId, customerId: c.customerId, cardno: '6222020000000007', idcardno: idNumber(), username: '张三', phone: c.phoneNumber, bankCode: 'ICBC' };
    const key = d.key();
    await d.must('invokeBindBanCard', { login_token: c.login_token, img_validate_key: key, img_validate_code: await captcha(d, key), ...card });
    const bindCode = await smsCode(d, c.phoneNumber, 'bindCard');
    await setClock(d, (await now(d)) + MINUTE);
    expect((await send(d, c.phoneNumber)).success).toBe(true);
    const accountCode = await smsCode(d, c.phoneNumber, 'account');
    if (accountCode !== bindCode) {
      const r = await d.call('confirmBindBankcard', { login_token: c.login_token, ...card, validate_code: accountCode });
      expect(r.body!.success).toBe(false);
    }
    expect((await d.call('confirmBindBankcard', { login_token: c.login_token, ...card, validate_code: bindCode })).body!.success).toBe(true);
  });
});

describe('SMS sending limits per phone', () => {
  it('one a minute: refused 1 ms before the minute, accepted at it', async () => {
    const d = driver();
    const phone = d.phones.next();
    expect((await send(d, phone)).success).toBe(true);
    const t0 = await now(d);
    await setClock(d, t0 + MINUTE - 1);
    expect(await send(d, phone)).toMatchObject({ success: false, code: 'SMS_RATE_LIMITED' });
    await setClock(d, t0 + MINUTE);
    expect((await send(d, phone)).success).toBe(true);
  });

  it('five an hour, ten a day: refused at the sixth and the eleventh, accepted again when the oldest leaves the window', async () => {
    const d = driver();
    const phone = d.phones.next();
    const t0 = await now(d);
    const at = async (ms: number) => {
      await setClock(d, t0 + ms);
      return send(d, phone);
    };
    for (let i = 0; i < 5; i++) expect((await at(i * MINUTE)).success, `send ${i + 1}`).toBe(true);
    const sixth = await at(5 * MINUTE);
    expect(sixth).toMatchObject({ success: false, code: 'SMS_RATE_LIMITED' });
    expect(sixth.message).toContain('小时');
    expect((await at(60 * MINUTE - 1)).code).toBe('SMS_RATE_LIMITED');
    // the first send leaves the hour window
    for (let i = 0; i < 5; i++) expect((await at(60 * MINUTE + i * MINUTE)).success, `send ${6 + i}`).toBe(true);
    const eleventh = await at(120 * MINUTE);
    expect(eleventh).toMatchObject({ success: false, code: 'SMS_RATE_LIMITED' });
    expect(eleventh.message).toContain('天');
    expect((await at(24 * 60 * MINUTE - 1)).code).toBe('SMS_RATE_LIMITED');
    expect((await at(24 * 60 * MINUTE)).success).toBe(true);
  });

  it('answers a registered and an unknown phone alike (no account enumeration)', async () => {
    const d = driver();
    const known = await scenario(d, 'a registered customer', { phoneNumber: d.phones.next() });
    const a = await send(d, known.phoneNumber as string);
    const b = await send(d, d.phones.next());
    expect(a).toEqual(b);
  });

  it('the card-binding SMS (#38) is limited to one a minute per phone too', async () => {
    const d = driver();
    const c = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
    const bind = async (cardno: string) => {
      const bindBankCardId = (await d.must('getBindBankCardId', { login_token: c.login_token })).body!.obj as string;
      const key = d.key();
      return (
        await d.call('invokeBindBanCard', { login_token: c.login_token, img_validate_key: key, img_validate_code: await captcha(d, key), bindBankCardId, customerId: c.customerId, cardno, idcardno: idNumber(), username: '李四', phone: c.phoneNumber, bankCode: 'ICBC' })
      ).body!;
    };
    expect((await bind('6222020000000007')).success).toBe(true);
    const t0 = await now(d);
    await setClock(d, t0 + MINUTE - 1);
    expect((await bind('6222020000000023')).code).toBe('SMS_RATE_LIMITED');
    await setClock(d, t0 + MINUTE);
    expect((await bind('6222020000000023')).success).toBe(true);
  });
});

describe('step tokens of the password reset', () => {
  async function stepToken(d: ClientDriver, phone: string): Promise<{ customerId: string; token: string }> {
    await setClock(d, (await now(d)) + MINUTE);
    await send(d, phone);
    const pre = await d.must('updatePasswordPre', { phone_number: phone, validate_code: await smsCode(d, phone, 'account') });
    return { customerId: pre.body!.obj.customerId, token: pre.body!.token! };
  }

  it('is single use and bound to its customer', async () => {
    const d = driver();
    const a = await scenario(d, 'a registered customer', { phoneNumber: d.phones.next() });
    const b = await scenario(d, 'a registered customer', { phoneNumber: d.phones.next() });
    const s = await stepToken(d, a.phoneNumber as string);
    expect((await d.call('updatePassword', { customer_id: b.customerId, token: s.token, password: 'Stolen2015' })).body!.success).toBe(false);
    expect((await d.call('updatePassword', { customer_id: s.customerId, token: s.token, password: 'Reset2015a' })).body!.success).toBe(true);
    expect((await d.call('updatePassword', { customer_id: s.customerId, token: s.token, password: 'Reset2015b' })).body!.code).toBe('STEP_TOKEN_INVALID');
    expect((await d.call('customerLogin', { phone_number: a.phoneNumber, password: 'Reset2015a' })).body!.success).toBe(true);
  });

  it('lives 10 minutes: valid 1 ms before, refused 1 ms after', async () => {
    const d = driver();
    for (const [offset, want] of [
      [10 * MINUTE - 1, 'success'],
      [10 * MINUTE + 1, 'STEP_TOKEN_INVALID'],
    ] as const) {
      const c = await scenario(d, 'a registered customer', { phoneNumber: d.phones.next() });
      const s = await stepToken(d, c.phoneNumber as string);
      await setClock(d, (await now(d)) + offset);
      const r = await d.call('updatePassword', { customer_id: s.customerId, token: s.token, password: 'Later2015x' });
      expect(r.body!.success ? 'success' : r.body!.code, `at +${offset} ms`).toBe(want);
    }
  });

  it('a password change ends the login tokens issued before it', async () => {
    const d = driver();
    const c = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next() });
    const s = await stepToken(d, c.phoneNumber as string);
    await d.must('updatePassword', { customer_id: s.customerId, token: s.token, password: 'Fresh2015x' });
    expect((await d.call('queryOrders', { login_token: c.login_token, customerId: c.customerId })).body!.code).toBe('TOKEN_INVALID');
  });

  it('no answer of this suite carries sensitive data', () => {
    expect(scanner.responsesScanned).toBeGreaterThan(50);
    expect(scanner.report()).toBe('');
  });
});
