// The numbers behind the account rules (domain.md "Credentials are single-use and short-lived").
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';

export const CAPTCHA_TTL_MS = 2 * MINUTE_MS;
export const CAPTCHA_LENGTH = 4;
/** No 0/o, 1/l/i: easy to read. Compared case-insensitively. */
export const CAPTCHA_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

export const SMS_CODE_TTL_MS = 5 * MINUTE_MS;
export const SMS_MAX_TRIES = 5;
/** Per phone: one a minute, five an hour, ten a day. */
export const SMS_LIMITS: readonly { windowMs: number; max: number; label: string }[] = [
  { windowMs: MINUTE_MS, max: 1, label: '每分钟最多 1 条' },
  { windowMs: HOUR_MS, max: 5, label: '每小时最多 5 条' },
  { windowMs: DAY_MS, max: 10, label: '每天最多 10 条' },
];

export const STEP_TOKEN_TTL_MS = 10 * MINUTE_MS;
/** Login tokens end after this long without use. */
export const LOGIN_TOKEN_IDLE_MS = 7 * DAY_MS;
/** lastUsedAt is refreshed at most this often, so authenticated reads rarely write. */
export const LOGIN_TOKEN_TOUCH_MS = HOUR_MS;
