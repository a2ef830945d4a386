// The sensitive-data scanner finds each kind of secret, and does not cry wolf over the values an answer
// legitimately carries (ids, tokens, masked cards, ID numbers, base codes, English words).
import { describe, expect, it } from 'vitest';
import { SensitiveDataScanner } from './scanner';

const env = (obj: unknown, message: string | null = null) => ({ success: true, obj, list: null, message, code: null, token: null });

function scan(s: SensitiveDataScanner, body: unknown, path = '/user/getCustomerByCustomerIdController') {
  return s.scan('test', path, JSON.stringify(body)).map((f) => f.kind);
}

describe('SensitiveDataScanner', () => {
  it('flags any value in a password field, the MD5 of the legacy samples included', () => {
    const s = new SensitiveDataScanner();
    expect(scan(s, env({ customerId: '201508160007', password: '0D52774B1A780ABFA327B72F9CD4317F' }))).toContain('password-field');
    expect(scan(s, env({ passwordMd5: 'x' }))).toEqual(['password-field']);
    expect(scan(s, env({ password: null, passwordMd5: null }))).toEqual([]);
  });

  it('flags known plain passwords and stored hashes anywhere, not 32-hex tokens', () => {
    const s = new SensitiveDataScanner();
    s.addPassword('Secret2015x');
    s.addHash('a'.repeat(64));
    expect(scan(s, env(null, '密码是 Secret2015x'))).toEqual(['password']);
    expect(scan(s, env(null, 'test1234'))).toEqual(['password']);
    expect(scan(s, env({ note: `x${'a'.repeat(64)}` }))).toEqual(['password-hash']);
    expect(scan(s, { ...env(null), token: '8C01D2FEFD69916D9137CC813FCB5400' })).toEqual([]);
    // short or purely numeric "passwords" are not searched (they would match ids and codes)
    s.addPassword('123456');
    expect(scan(s, env({ id: '123456' }))).toEqual([]);
  });

  it('flags full card numbers (known or any Luhn-valid 16-19 digit run), not masked cards, ID numbers or ids', () => {
    const s = new SensitiveDataScanner();
    expect(scan(s, env({ bankCard: '6222020000000007' }))).toEqual(['card-number']);
    expect(scan(s, env({ bankCard: '622202******0007', bankCardTop: '622202', bankCardLast: '0007' }))).toEqual([]);
    expect(scan(s, env({ applicantIdentity: '11010519850101123X', orderId: '201508300051', repaymentRecordId: '201509010051001' }))).toEqual([]);
    expect(scan(s, env({ other: '6222020000000008' }))).toEqual([]); // not Luhn-valid
    s.addCard('6217000012345678');
    expect(scan(s, env(null, '卡号 6217000012345678'))).toEqual(['card-number']);
    const lenient = new SensitiveDataScanner({ anyLuhnRun: false });
    expect(scan(lenient, env({ bankCard: '6222020000000007' }))).toEqual([]);
  });

  it('flags issued SMS codes and captcha answers, not the same digits inside ids or base codes', () => {
    const s = new SensitiveDataScanner();
    s.addSmsCode('482913');
    s.addSmsCode('100101'); // equals a base code: cannot be told apart, not searched
    s.addCaptcha('Ab12');
    s.addCaptcha('must');
    expect(scan(s, env(null, '验证码 482913'))).toEqual(['sms-code']);
    expect(scan(s, env({ orderId: '20150948291300' }))).toEqual([]);
    expect(scan(s, env({ sex: '100101' }))).toEqual([]);
    expect(scan(s, env('ab12'))).toEqual(['captcha']);
    expect(scan(s, env(null, 'the code is AB12.'))).toEqual(['captcha']);
    // a letters-only answer is only found as a whole value (inside text it may be an English word)
    expect(scan(s, env(null, 'phone must match'))).toEqual([]);
    expect(scan(s, env({ x: 'must' }))).toEqual(['captcha']);
  });

  it('never scans the admin API or served files, and counts what it scans', () => {
    const s = new SensitiveDataScanner();
    s.addSmsCode('482913');
    expect(scan(s, { messages: [{ code: '482913' }] }, '/__mock/sms')).toEqual([]);
    expect(scan(s, { code: '482913' }, '/s/alice/__mock/sms')).toEqual([]);
    expect(s.responsesScanned).toBe(0);
    scan(s, env(null));
    expect(s.responsesScanned).toBe(1);
  });
});
