// Image captchas, SMS codes and password hashing: single use, short-lived, rate limited.
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../events';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import type { AccountsEffect } from './events';
import {
  CAPTCHA_ALPHABET,
  CAPTCHA_LENGTH,
  CAPTCHA_TTL_MS,
  SMS_CODE_TTL_MS,
  SMS_LIMITS,
  SMS_MAX_TRIES,
} from './rules';
import type { Captcha, SmsPurpose } from './state';
import { smsKey } from './state';

/** sha-256 hex of salt and password (the mock never stores a password in clear). */
export function hashPassword(salt: string, password: string): string {
  return createHash('sha256').update(`${salt}:${password}`).digest('hex');
}

/** A fresh salt and the hash of `password` under it. */
export function newPasswordHash(password: string, ctx: Ctx): { passwordSalt: string; passwordHash: string } {
  const passwordSalt = ctx.ids.token().slice(0, 16).toLowerCase();
  return { passwordSalt, passwordHash: hashPassword(passwordSalt, password) };
}

export function passwordMatches(rec: { passwordSalt: string; passwordHash: string }, password: string): boolean {
  return hashPassword(rec.passwordSalt, password) === rec.passwordHash;
}

export interface IssueCaptcha {
  imageKey: string;
  /** Set with --fixed-codes (8888). */
  fixedCode?: string | null;
}

/** #9: binds a new captcha text to `imageKey` (replacing the previous one for that key). */
export function issueCaptcha(_db: Db, cmd: IssueCaptcha, ctx: Ctx): Decision<Captcha> {
  let code = cmd.fixedCode ?? '';
  if (!code) {
    for (let i = 0; i < CAPTCHA_LENGTH; i++) code += CAPTCHA_ALPHABET[Math.floor(ctx.random() * CAPTCHA_ALPHABET.length)];
  }
  const captcha: Captcha = { imageKey: cmd.imageKey, code, issuedAt: ctx.now, expiresAt: ctx.now + CAPTCHA_TTL_MS };
  const effect: AccountsEffect = { type: 'captcha', imageKey: captcha.imageKey, code, expiresAt: captcha.expiresAt };
  return accept(captcha, [{ slice: 'accounts', type: 'accounts/captchaIssued', captcha }], [effect]);
}

/** Checks the captcha answer for `imageKey` and uses the captcha up (right or wrong: single use). */
export function checkCaptcha(db: Db, imageKey: string, answer: string, now: number): Decision<void> {
  const c = db.state.accounts.captchas[imageKey];
  if (!c) return refuse('CAPTCHA_INVALID', '请刷新图形验证码后重试');
  const used: DomainEvent[] = [{ slice: 'accounts', type: 'accounts/captchaUsed', imageKey }];
  if (c.expiresAt <= now) return refuse('CAPTCHA_EXPIRED', null, used);
  if (c.code.toLowerCase() !== answer.trim().toLowerCase()) return refuse('CAPTCHA_INVALID', null, used);
  return accept(undefined, used);
}

export interface SendSmsCode {
  phone: string;
  purpose: SmsPurpose;
  /** The image captcha to check first (#1); omit for codes the payment platform sends. */
  captcha?: { imageKey: string; answer: string } | null;
  /** Set with --fixed-codes (123456). */
  fixedCode?: string | null;
  /** SMS text; `{code}` is replaced. */
  text?: string;
}

const DEFAULT_TEXT: Record<SmsPurpose, string> = {
  account: '【partywo】您的验证码是{code},5分钟内有效,请勿泄露给他人。',
  bindCard: '【易宝支付】您正在绑定银行卡,验证码{code},5分钟内有效。',
  payment: '【易宝支付】您正在进行还款支付,验证码{code},5分钟内有效。',
};

/** Sends a 6-digit code to `phone` for `purpose`: captcha first (when given), then the per-phone rate
 *  limits. The answer is the same whether or not the phone is registered. */
export function sendSmsCode(db: Db, cmd: SendSmsCode, ctx: Ctx): Decision<{ expiresAt: number }> {
  const events: DomainEvent[] = [];
  if (cmd.captcha) {
    const c = checkCaptcha(db, cmd.captcha.imageKey, cmd.captcha.answer, ctx.now);
    events.push(...c.events);
    if (!c.ok) return { ...c, events };
  }
  const log = db.state.accounts.smsSendLog[cmd.phone] ?? [];
  for (const limit of SMS_LIMITS) {
    const inWindow = log.filter((t) => t > ctx.now - limit.windowMs);
    if (inWindow.length >= limit.max) {
      const waitS = Math.ceil((Math.min(...inWindow) + limit.windowMs - ctx.now) / 1000);
      return refuse('SMS_RATE_LIMITED', `${limit.label},请 ${waitS} 秒后再试`, events);
    }
  }
  let code = cmd.fixedCode ?? '';
  if (!code) for (let i = 0; i < 6; i++) code += String(Math.floor(ctx.random() * 10));
  const expiresAt = ctx.now + SMS_CODE_TTL_MS;
  events.push({
    slice: 'accounts',
    type: 'accounts/smsCodeSent',
    sms: { phone: cmd.phone, purpose: cmd.purpose, code, sentAt: ctx.now, expiresAt, tries: 0 },
  });
  const text = (cmd.text ?? DEFAULT_TEXT[cmd.purpose]).replace('{code}', code);
  return accept({ expiresAt }, events, [{ type: 'sms', phone: cmd.phone, purpose: cmd.purpose, code, text }]);
}

/** Checks an SMS code: bound to phone and purpose, unexpired, fewer than 5 wrong tries; used up on success.
 *  A wrong code counts a try (the failure carries that event). */
export function verifySmsCode(db: Db, phone: string, purpose: SmsPurpose, code: string, now: number): Decision<void> {
  const key = smsKey(purpose, phone);
  const s = db.state.accounts.smsCodes[key];
  if (!s) return refuse('SMS_CODE_NOT_SENT');
  if (s.expiresAt <= now) return refuse('SMS_CODE_EXPIRED');
  if (s.tries >= SMS_MAX_TRIES) return refuse('SMS_CODE_TOO_MANY_TRIES');
  if (s.code !== code.trim()) {
    const left = SMS_MAX_TRIES - s.tries - 1;
    const failed: DomainEvent[] = [{ slice: 'accounts', type: 'accounts/smsCodeFailed', key }];
    return left > 0 ? refuse('SMS_CODE_INVALID', `还可尝试 ${left} 次`, failed) : refuse('SMS_CODE_TOO_MANY_TRIES', null, failed);
  }
  return accept(undefined, [{ slice: 'accounts', type: 'accounts/smsCodeUsed', key }]);
}
