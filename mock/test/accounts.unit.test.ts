// Domain rules of the accounts slice on the mock clock (no sleeps): captcha, SMS code expiry, tries and
// rate limits, login token idle expiry and end, step tokens, and the store's snapshot/restore.
import { describe, expect, it } from 'vitest';
import { authenticate, logout, requireCustomer, requireStaff } from '../domain/accounts/auth';
import { checkCaptcha, issueCaptcha, sendSmsCode, verifySmsCode } from '../domain/accounts/credentials';
import { customerLogin, registerCustomer, updatePassword, updatePhoneNumber, verifyPhoneStep } from '../domain/accounts/customers';
import { CAPTCHA_TTL_MS, LOGIN_TOKEN_IDLE_MS, SMS_CODE_TTL_MS, STEP_TOKEN_TTL_MS } from '../domain/accounts/rules';
import { registerUsers, usersLogin } from '../domain/accounts/staff';
import { baseCodesOf } from '../domain/accounts/reference';
import { SCHEMA_VERSION } from '../domain/state';
import type { Db } from '../domain/state';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../domain/time';
import type { Ctx, Decision } from '../domain/types';
import { COMPANY_SHENGHUOJIA, CUSTOMER_PASSWORD, READY_CUSTOMERS, READY_STAFF, STAFF_PASSWORD } from '../fixtures/accounts';
import { DEFAULT_SEED, baseline } from '../fixtures/baseline';
import { MockClock } from '../store/clock';
import { SnapshotError, Store } from '../store/store';

const T0 = Date.parse('2015-09-01T10:00:00+08:00');

/** A store on the baseline and a frozen clock; run() executes a decision at the clock's now. */
function world() {
  const store = new Store(() => baseline(DEFAULT_SEED));
  const clock = new MockClock({ start: T0 });
  const run = <V>(decide: (db: Db, ctx: Ctx) => Decision<V>) => store.execute(clock.now(), decide);
  const value = <V>(decide: (db: Db, ctx: Ctx) => Decision<V>): V => {
    const out = run(decide);
    if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
    return out.value;
  };
  const code = (decide: (db: Db, ctx: Ctx) => Decision<unknown>) => {
    const out = run(decide);
    return out.ok ? 'OK' : out.error.code;
  };
  /** Sends an account SMS code to `phone` (no captcha) and returns it. */
  const sms = (phone: string): string => {
    value((db, ctx) => sendSmsCode(db, { phone, purpose: 'account' }, ctx));
    return store.state.accounts.smsCodes[`account:${phone}`]!.code;
  };
  return { store, clock, run, value, code, sms };
}

const CUSTOMER = READY_CUSTOMERS[0]!;
const SELLER = READY_STAFF.find((s) => s.role === 'seller')!;

describe('image captcha', () => {
  it.each([
    ['right answer, any case', (w: ReturnType<typeof world>, c: string) => c.toUpperCase(), 0, 'OK'],
    ['wrong answer', () => 'zzzz', 0, 'CAPTCHA_INVALID'],
    ['just before expiry', (_w: ReturnType<typeof world>, c: string) => c, CAPTCHA_TTL_MS - 1, 'OK'],
    ['at expiry', (_w: ReturnType<typeof world>, c: string) => c, CAPTCHA_TTL_MS, 'CAPTCHA_EXPIRED'],
  ])('given a captcha, when answered (%s), then %s', (_name, answer, after, expected) => {
    const w = world();
    const c = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k1' }, ctx));
    expect(c.code).toMatch(/^[2-9a-z]{4}$/);
    w.clock.advance(after);
    expect(w.code((db, ctx) => checkCaptcha(db, 'k1', answer(w, c.code), ctx.now))).toBe(expected);
  });

  it('is used up by the first check, right or wrong', () => {
    const w = world();
    const c = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k1' }, ctx));
    expect(w.code((db, ctx) => checkCaptcha(db, 'k1', 'zzzz', ctx.now))).toBe('CAPTCHA_INVALID');
    expect(w.code((db, ctx) => checkCaptcha(db, 'k1', c.code, ctx.now))).toBe('CAPTCHA_INVALID');
  });

  it('binds the latest image text to the key', () => {
    const w = world();
    const first = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k1' }, ctx));
    let second = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k1' }, ctx));
    while (second.code === first.code) second = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k1' }, ctx));
    expect(w.code((db, ctx) => checkCaptcha(db, 'k1', first.code, ctx.now))).toBe('CAPTCHA_INVALID');
    const third = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k1' }, ctx));
    expect(w.code((db, ctx) => checkCaptcha(db, 'k1', third.code, ctx.now))).toBe('OK');
  });

  it('drops expired captchas of other keys when a new one is issued (the state does not grow)', () => {
    const w = world();
    w.value((db, ctx) => issueCaptcha(db, { imageKey: 'old' }, ctx));
    w.clock.advance(CAPTCHA_TTL_MS + 1);
    w.value((db, ctx) => issueCaptcha(db, { imageKey: 'new' }, ctx));
    expect(Object.keys(w.store.state.accounts.captchas)).toEqual(['new']);
  });

  it('uses the fixed code when asked (--fixed-codes)', () => {
    const w = world();
    expect(w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k', fixedCode: '8888' }, ctx)).code).toBe('8888');
  });
});

describe('SMS codes', () => {
  it('needs a valid captcha when one is given, and uses it up', () => {
    const w = world();
    const c = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k' }, ctx));
    const send = (answer: string) => w.code((db, ctx) => sendSmsCode(db, { phone: '13811110000', purpose: 'account', captcha: { imageKey: 'k', answer } }, ctx));
    expect(send('nope')).toBe('CAPTCHA_INVALID');
    expect(send(c.code)).toBe('CAPTCHA_INVALID'); // used up by the wrong try
    const c2 = w.value((db, ctx) => issueCaptcha(db, { imageKey: 'k' }, ctx));
    expect(send(c2.code)).toBe('OK');
    expect(w.store.state.accounts.smsCodes['account:13811110000']!.code).toMatch(/^\d{6}$/);
  });

  it.each([
    ['the right code', 0, 0, 'OK'],
    ['a code just before expiry', SMS_CODE_TTL_MS - 1, 0, 'OK'],
    ['an expired code', SMS_CODE_TTL_MS, 0, 'SMS_CODE_EXPIRED'],
    ['the right code after 4 wrong tries', 0, 4, 'OK'],
    ['the right code after 5 wrong tries', 0, 5, 'SMS_CODE_TOO_MANY_TRIES'],
  ])('given a sent code, when verifying %s, then %s', (_name, after, wrongTries, expected) => {
    const w = world();
    const code = w.sms('13811110001');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < wrongTries; i++) {
      const r = w.code((db, ctx) => verifySmsCode(db, '13811110001', 'account', wrong, ctx.now));
      expect(r).toBe(i === 4 ? 'SMS_CODE_TOO_MANY_TRIES' : 'SMS_CODE_INVALID');
    }
    w.clock.advance(after);
    expect(w.code((db, ctx) => verifySmsCode(db, '13811110001', 'account', code, ctx.now))).toBe(expected);
  });

  it('is single use and bound to phone and purpose', () => {
    const w = world();
    const code = w.sms('13811110002');
    expect(w.code((db, ctx) => verifySmsCode(db, '13811110003', 'account', code, ctx.now))).toBe('SMS_CODE_NOT_SENT');
    expect(w.code((db, ctx) => verifySmsCode(db, '13811110002', 'payment', code, ctx.now))).toBe('SMS_CODE_NOT_SENT');
    expect(w.code((db, ctx) => verifySmsCode(db, '13811110002', 'account', code, ctx.now))).toBe('OK');
    expect(w.code((db, ctx) => verifySmsCode(db, '13811110002', 'account', code, ctx.now))).toBe('SMS_CODE_NOT_SENT');
  });

  it('a new code replaces the previous one', () => {
    const w = world();
    const first = w.sms('13811110004');
    w.clock.advance(MINUTE_MS);
    let second = w.sms('13811110004');
    while (second === first) {
      w.clock.advance(MINUTE_MS);
      second = w.sms('13811110004');
    }
    expect(w.code((db, ctx) => verifySmsCode(db, '13811110004', 'account', first, ctx.now))).toBe('SMS_CODE_INVALID');
    expect(w.code((db, ctx) => verifySmsCode(db, '13811110004', 'account', second, ctx.now))).toBe('OK');
  });

  it('is rate limited per phone: 1 a minute, 5 an hour, 10 a day', () => {
    const w = world();
    const send = (phone = '13811110005') => w.code((db, ctx) => sendSmsCode(db, { phone, purpose: 'account' }, ctx));
    expect(send()).toBe('OK');
    w.clock.advance(MINUTE_MS - 1);
    expect(send()).toBe('SMS_RATE_LIMITED');
    expect(send('13811110006')).toBe('OK'); // another phone is not limited
    w.clock.advance(1);
    for (let i = 2; i <= 5; i++) {
      expect(send()).toBe('OK');
      w.clock.advance(MINUTE_MS);
    }
    expect(send()).toBe('SMS_RATE_LIMITED'); // 6th within the hour
    w.clock.set(T0 + HOUR_MS);
    for (let i = 6; i <= 10; i++) {
      expect(send()).toBe('OK');
      w.clock.advance(MINUTE_MS);
    }
    w.clock.set(T0 + 3 * HOUR_MS);
    expect(send()).toBe('SMS_RATE_LIMITED'); // 11th within the day
    w.clock.set(T0 + DAY_MS);
    expect(send()).toBe('OK');
  });

  it('answers the same whether or not the phone is registered', () => {
    const w = world();
    const registered = w.run((db, ctx) => sendSmsCode(db, { phone: CUSTOMER.phoneNumber, purpose: 'account' }, ctx));
    const unknown = w.run((db, ctx) => sendSmsCode(db, { phone: '13811119999', purpose: 'account' }, ctx));
    expect(registered.ok && unknown.ok).toBe(true);
    expect(Object.keys(registered.ok ? registered.value : {})).toEqual(Object.keys(unknown.ok ? unknown.value : {}));
  });

  it('returns the SMS as an effect for the outbox', () => {
    const w = world();
    const out = w.run((db, ctx) => sendSmsCode(db, { phone: '13811110007', purpose: 'account', fixedCode: '123456' }, ctx));
    expect(out.effects).toEqual([{ type: 'sms', phone: '13811110007', purpose: 'account', code: '123456', text: expect.stringContaining('123456') }]);
  });
});

describe('login tokens', () => {
  it('are 32 upper-case hex and resolve to their customer', () => {
    const w = world();
    const { token, customer } = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    expect(token).toMatch(/^[0-9A-F]{32}$/);
    expect(customer.customerId).toBe(CUSTOMER.customerId);
    expect(w.value((db, ctx) => requireCustomer(db, token, CUSTOMER.customerId, ctx.now)).customer.customerId).toBe(CUSTOMER.customerId);
  });

  it('refuse a wrong password and an unknown phone with the same answer', () => {
    const w = world();
    expect(w.code((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: 'wrong-pass' }, ctx))).toBe('LOGIN_FAILED');
    expect(w.code((db, ctx) => customerLogin(db, { phone: '13811119999', password: CUSTOMER_PASSWORD }, ctx))).toBe('LOGIN_FAILED');
  });

  it('end after 7 idle days, but use keeps them alive', () => {
    const w = world();
    const { token } = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    w.clock.advance(LOGIN_TOKEN_IDLE_MS - HOUR_MS);
    expect(w.code((db, ctx) => authenticate(db, token, ctx.now))).toBe('OK'); // touches it
    w.clock.advance(LOGIN_TOKEN_IDLE_MS - 1);
    expect(w.code((db, ctx) => authenticate(db, token, ctx.now))).toBe('OK');
    w.clock.advance(LOGIN_TOKEN_IDLE_MS);
    expect(w.code((db, ctx) => authenticate(db, token, ctx.now))).toBe('TOKEN_INVALID');
    expect(w.store.state.accounts.tokens[token]).toBeUndefined();
  });

  it('do not write on every read (last use refreshed at most hourly)', () => {
    const w = world();
    const { token } = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    w.clock.advance(MINUTE_MS);
    expect(w.run((db, ctx) => authenticate(db, token, ctx.now)).events).toEqual([]);
    w.clock.advance(HOUR_MS);
    expect(w.run((db, ctx) => authenticate(db, token, ctx.now)).events.map((e) => e.type)).toEqual(['accounts/tokenTouched']);
  });

  it('end on logout', () => {
    const w = world();
    const { token } = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    expect(w.code((db, ctx) => logout(db, { token }, ctx))).toBe('OK');
    expect(w.code((db, ctx) => authenticate(db, token, ctx.now))).toBe('TOKEN_INVALID');
    expect(w.code((db, ctx) => logout(db, { token }, ctx))).toBe('TOKEN_INVALID');
  });

  it('of customers and staff are not interchangeable; a customer token reaches only its customer', () => {
    const w = world();
    const { token: ct } = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    const { token: st } = w.value((db, ctx) => usersLogin(db, { usersPhone: SELLER.usersPhone, password: STAFF_PASSWORD }, ctx));
    expect(w.code((db, ctx) => requireCustomer(db, st, null, ctx.now))).toBe('NOT_CUSTOMER_TOKEN');
    expect(w.code((db, ctx) => requireStaff(db, ct, null, ctx.now))).toBe('NOT_STAFF_TOKEN');
    expect(w.code((db, ctx) => requireCustomer(db, ct, READY_CUSTOMERS[1]!.customerId, ctx.now))).toBe('FORBIDDEN');
    expect(w.code((db, ctx) => requireStaff(db, st, ['risk'], ctx.now))).toBe('ROLE_FORBIDDEN');
    expect(w.code((db, ctx) => requireStaff(db, st, ['seller'], ctx.now))).toBe('OK');
    expect(w.code((db, ctx) => requireCustomer(db, null, null, ctx.now))).toBe('TOKEN_MISSING');
  });
});

describe('registration and two-step changes', () => {
  it('registration needs the SMS code, refuses a registered phone, and logs in', () => {
    const w = world();
    expect(w.code((db, ctx) => registerCustomer(db, { phone: '13811112222', password: 'abc123', smsCode: '123456' }, ctx))).toBe('SMS_CODE_NOT_SENT');
    const code = w.sms('13811112222');
    const r = w.value((db, ctx) => registerCustomer(db, { phone: '13811112222', password: 'abc123', smsCode: code }, ctx));
    expect(r.customer.customerId).toMatch(/^20150901\d{4,}$/);
    expect(w.code((db, ctx) => authenticate(db, r.token, ctx.now))).toBe('OK');
    w.clock.advance(MINUTE_MS);
    const again = w.sms('13811112222');
    expect(w.code((db, ctx) => registerCustomer(db, { phone: '13811112222', password: 'abc123', smsCode: again }, ctx))).toBe('PHONE_REGISTERED');
  });

  it('a password change needs the step token of step 1, uses it once, and ends every login token', () => {
    const w = world();
    const { token: login } = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    const code = w.sms(CUSTOMER.phoneNumber);
    const step = w.value((db, ctx) => verifyPhoneStep(db, { phone: CUSTOMER.phoneNumber, smsCode: code, purpose: 'password' }, ctx));
    expect(step.stepToken).toMatch(/^[0-9A-F]{32}$/);
    const change = (token: string, customerId = CUSTOMER.customerId) =>
      w.code((db, ctx) => updatePassword(db, { customerId, stepToken: token, password: 'newpass1' }, ctx));
    expect(change(login)).toBe('STEP_TOKEN_INVALID'); // a login token is not a step token
    expect(change(step.stepToken, READY_CUSTOMERS[1]!.customerId)).toBe('STEP_TOKEN_INVALID'); // bound to its customer
    expect(change(step.stepToken)).toBe('OK');
    expect(change(step.stepToken)).toBe('STEP_TOKEN_INVALID'); // single use
    expect(w.code((db, ctx) => authenticate(db, login, ctx.now))).toBe('TOKEN_INVALID');
    expect(w.code((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: 'newpass1' }, ctx))).toBe('OK');
  });

  it('a step token expires', () => {
    const w = world();
    const code = w.sms(CUSTOMER.phoneNumber);
    const step = w.value((db, ctx) => verifyPhoneStep(db, { phone: CUSTOMER.phoneNumber, smsCode: code, purpose: 'password' }, ctx));
    w.clock.advance(STEP_TOKEN_TTL_MS);
    expect(w.code((db, ctx) => updatePassword(db, { customerId: CUSTOMER.customerId, stepToken: step.stepToken, password: 'newpass1' }, ctx))).toBe('STEP_TOKEN_INVALID');
  });

  it('a phone change needs step 1 on the old phone and a code sent to the new one', () => {
    const w = world();
    const { token } = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    const change = (smsCode: string, newPhone = '13811113333') =>
      w.code((db, ctx) => updatePhoneNumber(db, { customerId: CUSTOMER.customerId, token, newPhone, smsCode }, ctx));
    const newCode = w.sms('13811113333');
    expect(change(newCode)).toBe('STEP_TOKEN_INVALID'); // no step 1 yet
    const oldCode = w.sms(CUSTOMER.phoneNumber);
    w.value((db, ctx) => verifyPhoneStep(db, { phone: CUSTOMER.phoneNumber, smsCode: oldCode, purpose: 'phone' }, ctx));
    expect(change(newCode, READY_CUSTOMERS[1]!.phoneNumber)).toBe('PHONE_REGISTERED');
    expect(change('000000' === newCode ? '111111' : '000000')).toBe('SMS_CODE_INVALID');
    expect(change(newCode)).toBe('OK');
    expect(w.store.state.accounts.customers[CUSTOMER.customerId]!.phoneNumber).toBe('13811113333');
    expect(w.store.db.idx.accounts.customerIdByPhone.get('13811113333')).toBe(CUSTOMER.customerId);
    expect(w.store.db.idx.accounts.customerIdByPhone.has(CUSTOMER.phoneNumber)).toBe(false);
  });

  it('staff registration needs a known company and a free phone; role defaults to seller', () => {
    const w = world();
    const reg = (companyId: string, usersPhone = '13911110000') =>
      w.code((db, ctx) => registerUsers(db, { usersPhone, password: 'abc123', usersName: '王芳', companyId }, ctx));
    expect(reg('99999999999999')).toBe('COMPANY_NOT_FOUND');
    expect(reg(COMPANY_SHENGHUOJIA, SELLER.usersPhone)).toBe('STAFF_PHONE_REGISTERED');
    expect(reg(COMPANY_SHENGHUOJIA)).toBe('OK');
    const s = w.value((db, ctx) => usersLogin(db, { usersPhone: '13911110000', password: 'abc123' }, ctx));
    expect(s.staff.role).toBe('seller');
  });
});

describe('reference data', () => {
  it('base codes: every requested family, an unknown one named', () => {
    const r = baseCodesOf('1001,1002');
    expect(r.ok && Object.keys(r.value)).toEqual(['1001', '1002']);
    const bad = baseCodesOf('1001,9999');
    expect(!bad.ok && bad.error).toEqual({ code: 'BASE_CODE_FAMILY_UNKNOWN', message: '未知的代码类别: 9999' });
  });
});

describe('store and clock', () => {
  it('ids and tokens are deterministic for a seed and never repeat', () => {
    const a = world();
    const b = world();
    const ta = a.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx)).token;
    const tb = b.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx)).token;
    expect(ta).toBe(tb);
    const ta2 = a.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx)).token;
    expect(ta2).not.toBe(ta);
  });

  it('a snapshot restores the same state, and the sequences continue', () => {
    const w = world();
    w.sms('13811114444');
    const snap = w.store.snapshot();
    const next = w.value((db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx)).token;
    const other = new Store(() => baseline(DEFAULT_SEED));
    other.restore(JSON.parse(JSON.stringify(snap)));
    expect(other.snapshot()).toEqual(snap);
    const out = other.execute(w.clock.now(), (db, ctx) => customerLogin(db, { phone: CUSTOMER.phoneNumber, password: CUSTOMER_PASSWORD }, ctx));
    expect(out.ok && out.value.token).toBe(next);
  });

  it('restore refuses another schema version and a malformed state, changing nothing', () => {
    const w = world();
    const before = w.store.snapshot();
    expect(() => w.store.restore({ ...before, schemaVersion: SCHEMA_VERSION + 1 })).toThrow(SnapshotError);
    expect(() => w.store.restore({ ...before, accounts: null })).toThrow(/accounts/);
    expect(() => w.store.restore('nope')).toThrow(SnapshotError);
    expect(w.store.snapshot()).toEqual(before);
  });

  it('reset returns to the baseline; listeners hear applied events and replacements', () => {
    const w = world();
    const heard: string[] = [];
    w.store.onApplied((events) => heard.push(...events.map((e) => e.type)));
    w.store.onReplaced((_db, reason) => heard.push(reason));
    w.sms('13811115555');
    expect(heard).toEqual(['core/countersAdvanced', 'accounts/smsCodeSent']);
    w.store.reset();
    expect(heard.at(-1)).toBe('reset');
    expect(w.store.state).toEqual(baseline(DEFAULT_SEED));
  });

  it('the clock never goes backwards', () => {
    const clock = new MockClock({ start: T0 });
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(T0 - 1)).toThrow(RangeError);
    clock.advance(1000);
    expect(clock.now()).toBe(T0 + 1000);
    clock.reset();
    expect(clock.now()).toBe(T0);
  });

  it('a running clock follows real time plus its offset', () => {
    let real = 1_000_000;
    const clock = new MockClock({ realNow: () => real });
    expect(clock.frozen).toBe(false);
    real += 500;
    expect(clock.now()).toBe(1_000_500);
    clock.advance(DAY_MS);
    expect(clock.now()).toBe(1_000_500 + DAY_MS);
  });
});
