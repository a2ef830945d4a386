// Keys named like Object.prototype members (`__proto__`, `constructor`, `valueOf`, `toString`,
// `hasOwnProperty`) are ordinary keys of every state map (proof finding F3): never an inherited value,
// never a prototype swap, kept by snapshot -> JSON -> restore.
import { describe, expect, it } from 'vitest';
import { authenticate, requireCustomer } from '../domain/accounts/auth';
import { checkCaptcha, sendSmsCode, verifySmsCode } from '../domain/accounts/credentials';
import { customerLogin, getCustomer, updatePassword } from '../domain/accounts/customers';
import { baseCodesOf } from '../domain/accounts/reference';
import { BANK_CODES, BASE_CODES, codeLabel, isCodeOf } from '../domain/codes';
import { asDict, dict, isDict, normaliseMaps } from '../domain/dict';
import { deleteOrder, deleteOrderMaterial, editOrderPackage, visibleOrder } from '../domain/orders/orders';
import { confirmBindBankCard } from '../domain/payments/binding';
import { declinePayment, findPayment, settleCallback, visibleRecord } from '../domain/payments/payment';
import type { State } from '../domain/state';
import { dbOf, emptyState } from '../domain/state';
import { DEFAULT_SEED, baseline } from '../fixtures/baseline';
import { Store } from '../store/store';
import { CARD, PACKAGE, World } from './orders-world';

const NAMES = ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty'] as const;

/** Every map of the state (slice maps and counters), by path. */
function mapsOf(state: State): [string, unknown][] {
  const out: [string, unknown][] = [['counters', state.counters]];
  for (const slice of ['reference', 'accounts', 'orders'] as const) {
    for (const [k, v] of Object.entries(state[slice])) if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push([`${slice}.${k}`, v]);
  }
  return out;
}

function expectAllDicts(state: State): void {
  const plain = mapsOf(state)
    .filter(([, v]) => !isDict(v))
    .map(([k]) => k);
  expect(plain).toEqual([]);
}

describe('dict', () => {
  it('keeps `__proto__` as an own key and inherits nothing', () => {
    const d = dict<number>();
    d['__proto__'] = 1;
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.keys(d)).toEqual(['__proto__']);
    expect(d['valueOf']).toBeUndefined();
    expect(JSON.stringify(d)).toBe('{"__proto__":1}');
  });

  it('asDict copies a parsed object with an own `__proto__` key into a prototype-free map', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1},"a":2}') as Record<string, unknown>;
    const d = asDict(parsed);
    expect(isDict(d)).toBe(true);
    expect(Object.keys(d)).toEqual(['__proto__', 'a']);
    expect(d['__proto__']).toEqual({ x: 1 });
    expect(asDict(d)).toBe(d);
  });

  it('normaliseMaps touches the map fields of the empty shape only (arrays stay arrays)', () => {
    const slice = { m: { a: 1 }, list: [1], n: 3 } as { m: Record<string, number>; list: number[]; n: number };
    normaliseMaps(slice, { m: {}, list: [], n: 0 });
    expect(isDict(slice.m)).toBe(true);
    expect(Array.isArray(slice.list)).toBe(true);
    expect(slice.n).toBe(3);
  });
});

describe('every state map is prototype-free', () => {
  it('in an empty state, the baseline store, after reset and after restoring a JSON snapshot', () => {
    expectAllDicts(emptyState(1));
    const store = new Store(() => baseline(DEFAULT_SEED));
    expectAllDicts(store.state);
    store.reset();
    expectAllDicts(store.state);
    store.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expectAllDicts(store.state);
    // dbOf is the one way a State becomes live: a state built from plain objects is normalised there
    const plain = JSON.parse(JSON.stringify(emptyState(2))) as State;
    expect(isDict(plain.accounts.captchas)).toBe(false);
    expectAllDicts(dbOf(plain).state);
  });
});

describe('captcha keys named like Object.prototype members', () => {
  it.each(NAMES)('%s: unknown before it is issued, then works like any key, single use', (key) => {
    const w = new World();
    // nothing issued: a refusal, not a TypeError
    expect(w.run((db) => checkCaptcha(db, key, 'abcd', w.now))).toMatchObject({ ok: false, error: { code: 'CAPTCHA_INVALID' } });
    const { answer } = w.captcha(key);
    const captchas = w.db.state.accounts.captchas;
    expect(Object.getPrototypeOf(captchas)).toBeNull();
    expect(Object.keys(captchas)).toContain(key);
    // the map did not gain inherited keys (a `__proto__` swap would make `code`/`imageKey` resolve)
    expect(captchas['code']).toBeUndefined();
    expect(captchas['imageKey']).toBeUndefined();
    expect(w.run((db) => checkCaptcha(db, key, answer, w.now)).ok).toBe(true);
    expect(w.run((db) => checkCaptcha(db, key, answer, w.now))).toMatchObject({ ok: false, error: { code: 'CAPTCHA_INVALID' } });
    expect(Object.keys(w.db.state.accounts.captchas)).not.toContain(key);
  });

  it('a `__proto__`-keyed captcha survives snapshot -> JSON -> restore, and answers there', () => {
    const w = new World();
    const { answer } = w.captcha('__proto__');
    const other = new Store(() => baseline(DEFAULT_SEED));
    other.restore(JSON.parse(JSON.stringify(w.store.snapshot())));
    const captchas = other.state.accounts.captchas;
    expect(Object.getPrototypeOf(captchas)).toBeNull();
    expect(Object.hasOwn(captchas, '__proto__')).toBe(true);
    expect(captchas['__proto__']).toMatchObject({ imageKey: '__proto__', code: answer });
    expect(other.execute(w.now, (db) => checkCaptcha(db, '__proto__', answer, w.now)).ok).toBe(true);
    // and straight from structuredClone (what snapshot() returns) too
    const again = new Store(() => baseline(DEFAULT_SEED));
    again.restore(w.store.snapshot());
    expect(Object.hasOwn(again.state.accounts.captchas, '__proto__')).toBe(true);
  });
});

describe('ids, phones and tokens named like Object.prototype members are refused like unknown ones', () => {
  it.each(NAMES)('%s', (name) => {
    const w = new World();
    const actor = w.customer();
    const codeOf = (o: { ok: boolean; error?: { code: string } }) => (o.ok ? 'OK' : o.error!.code);
    const run = (decide: Parameters<World['run']>[0]) => codeOf(w.run(decide));
    // accounts: tokens, customers, phones (index + SMS maps), step tokens
    expect(run((db) => authenticate(db, name, w.now))).toBe('TOKEN_INVALID');
    expect(run((db) => requireCustomer(db, name, null, w.now))).toBe('TOKEN_INVALID');
    expect(run((db) => getCustomer(db, { customerId: name }, w.now))).toBe('CUSTOMER_NOT_FOUND');
    expect(run((db, ctx) => customerLogin(db, { phone: name, password: 'x' }, ctx))).toBe('LOGIN_FAILED');
    expect(run((db) => verifySmsCode(db, name, 'account', '123456', w.now))).not.toBe('OK');
    expect(run((db, ctx) => updatePassword(db, { customerId: name, stepToken: name, password: 'abc12345' }, ctx))).not.toBe('OK');
    // the send log is keyed by phone: a first code for such a "phone" is no crash, and it is logged under its own key
    expect(run((db, ctx) => sendSmsCode(db, { phone: name, purpose: 'account' }, ctx))).toBe('OK');
    expect(Object.hasOwn(w.db.state.accounts.smsSendLog, name)).toBe(true);
    expect(Object.getPrototypeOf(w.db.state.accounts.smsSendLog)).toBeNull();
    // orders: reserved ids, orders, materials, records, bind requests, payments, callbacks
    expect(run((db, ctx) => editOrderPackage(db, { actor, orderId: name, fields: PACKAGE }, ctx))).toBe('ORDER_ID_NOT_RESERVED');
    expect(Object.keys(w.db.state.orders.orders)).not.toContain(name);
    expect(run((db) => visibleOrder(db, actor, name))).toBe('ORDER_NOT_FOUND');
    expect(run((db, ctx) => deleteOrder(db, { actor, orderId: name }, ctx))).toBe('ORDER_NOT_FOUND');
    expect(run((db, ctx) => deleteOrderMaterial(db, { actor, orderMaterialId: name }, ctx))).not.toBe('OK');
    expect(run((db) => visibleRecord(db, actor, name))).toBe('REPAYMENT_RECORD_NOT_FOUND');
    expect(run((db) => findPayment(db, actor, { orderid: name, repaymentRecordId: null }))).toBe('PAYMENT_NOT_FOUND');
    expect(run((db, ctx) => confirmBindBankCard(db, { ...CARD, actor, bindBankCardId: name, validateCode: '123456' }, ctx))).toBe('BIND_ID_INVALID');
    expect(w.run((db, ctx) => declinePayment(db, { paymentId: name }, ctx))).toMatchObject({ ok: true, value: false });
    expect(w.run((db, ctx) => settleCallback(db, { callbackId: name }, ctx))).toMatchObject({ ok: true, value: false });
    // code tables
    expect(isCodeOf('1001', name)).toBe(false);
    expect(codeLabel(`1001${name}`)).toBeNull();
    expect(BANK_CODES[name]).toBeUndefined();
    expect(BASE_CODES[name]).toBeUndefined();
    expect(baseCodesOf(name)).toMatchObject({ ok: false, error: { code: 'BASE_CODE_FAMILY_UNKNOWN' } });
  });
});
