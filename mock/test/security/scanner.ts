// Sensitive-data scanner: fed every response of a test run (api tests through the helper's
// onResponsePayload hook, the conformance run, the fuzz runs), it reports any password or password hash,
// full card number, SMS code or captcha answer that leaves the legacy API. The admin API (/__mock/*) is
// where codes and seeded passwords are meant to be read, so it is never scanned.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BASE_CODES } from '../../domain/codes';
import { luhnValid, prcIdCheckChar } from '../../domain/orders/checks';
import { CUSTOMER_PASSWORD, STAFF_PASSWORD } from '../../fixtures/accounts';
import type { Session } from '../../store/session';

export type FindingKind = 'password-field' | 'password' | 'password-hash' | 'card-number' | 'sms-code' | 'captcha';

export interface Finding {
  kind: FindingKind;
  /** Where: `METHOD path -> status` and the JSON path of the value. */
  where: string;
  detail: string;
}

export interface ScannerOptions {
  /** Flag any 16-19 digit Luhn-valid run (not only known card numbers). Default true; the fuzzer turns it off
   *  because it echoes its own random digit strings back through free-text fields. */
  anyLuhnRun?: boolean;
}

/** Field names that must never carry a value in a legacy answer (the document's #4/#7/#11 samples show an MD5). */
const PASSWORD_FIELD = /^(password|passwordMd5|passwordHash|passwordSalt|pwd|passwd)$/i;
/** Passwords worth looking for as text: long enough and mixed, so they cannot be an id, a code or a word. */
const DISTINCT_PASSWORD = /^(?=.*[A-Za-z])(?=.*\d).{8,}$/;
const BASE_CODE_VALUES = new Set(Object.values(BASE_CODES).flatMap((t) => Object.keys(t)));

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A valid PRC resident ID number (the 18th character is its checksum): shown on orders by design. */
function isPrcId(digits: string): boolean {
  return /^\d{17}[\dXx]$/.test(digits) && prcIdCheckChar(digits.slice(0, 17)) === digits[17]!.toUpperCase();
}

/** Collects secrets as they are issued and scans answers for them. */
export class SensitiveDataScanner {
  readonly findings: Finding[] = [];
  responsesScanned = 0;
  readonly #passwords = new Set<string>([CUSTOMER_PASSWORD, STAFF_PASSWORD]);
  readonly #hashes = new Set<string>();
  readonly #sms = new Set<string>();
  readonly #captchas = new Set<string>();
  readonly #cards = new Set<string>();
  readonly #anyLuhn: boolean;
  /** Outbox entries already harvested, per session. */
  readonly #outboxSeen = new WeakMap<Session, number>();
  #passwordRe: RegExp | null = null;

  constructor(options: ScannerOptions = {}) {
    this.#anyLuhn = options.anyLuhnRun ?? true;
  }

  addPassword(p: string | null | undefined): void {
    if (p && DISTINCT_PASSWORD.test(p) && !this.#passwords.has(p)) {
      this.#passwords.add(p);
      this.#passwordRe = null;
    }
  }

  addHash(h: string | null | undefined): void {
    if (h && h.length >= 16) this.#hashes.add(h.toLowerCase());
  }

  addSmsCode(code: string): void {
    // a code equal to a base code (100101 ...) cannot be told apart from that code: not searchable
    if (/^\d{6}$/.test(code) && !BASE_CODE_VALUES.has(code)) this.#sms.add(code);
  }

  addCaptcha(code: string): void {
    if (code) this.#captchas.add(code.toLowerCase());
  }

  addCard(cardno: string | null | undefined): void {
    if (cardno && /^\d{12,19}$/.test(cardno)) this.#cards.add(cardno);
  }

  /** Harvests what a Session issued so far: SMS outbox, live captchas, password hashes, bound card numbers. */
  harvest(session: Session): void {
    let seen = this.#outboxSeen.get(session) ?? 0;
    if (session.outbox.length < seen) seen = 0; // reset since
    for (let i = seen; i < session.outbox.length; i++) this.addSmsCode(session.outbox[i]!.code);
    this.#outboxSeen.set(session, session.outbox.length);
    this.harvestState(session.db.state);
  }

  /** Harvests a state (a Session's, or `state` of a GET /__mock/state snapshot): captchas, hashes, card numbers. */
  harvestState(state: unknown): void {
    const s = state as {
      accounts?: { captchas?: Record<string, { code: string }>; customers?: Record<string, { passwordHash?: string }>; staff?: Record<string, { passwordHash?: string }> };
      orders?: { bankCards?: Record<string, { cardNo?: string }> };
    };
    for (const c of Object.values(s.accounts?.captchas ?? {})) this.addCaptcha(c.code);
    for (const c of Object.values(s.accounts?.customers ?? {})) this.addHash(c.passwordHash);
    for (const x of Object.values(s.accounts?.staff ?? {})) this.addHash(x.passwordHash);
    for (const card of Object.values(s.orders?.bankCards ?? {})) this.addCard(card.cardNo);
  }

  /** Scans one answer; `where` names it. Admin API paths are skipped. Returns the new findings. */
  scan(where: string, path: string, body: unknown): Finding[] {
    if (path.startsWith('/__mock') || /^\/s\/[^/]+\/__mock/.test(path) || path.startsWith('/files/')) return [];
    this.responsesScanned++;
    let value = body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      const text = body.toString();
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
    }
    const found: Finding[] = [];
    this.#walk(value, '$', where, found);
    this.findings.push(...found);
    return found;
  }

  /** The helper hook: `buildTestApp({ onResponsePayload: scanner.hook })` scans every legacy answer of an app. */
  readonly hook = (request: FastifyRequest, reply: FastifyReply, payload: unknown): void => {
    const bound = (request as unknown as { bound?: { params?: Record<string, string | null> } | null }).bound;
    this.addPassword(bound?.params?.password);
    if (request.session) this.harvest(request.session);
    const ct = String(reply.getHeader('content-type') ?? '');
    if (ct.startsWith('image/')) return;
    const path = request.url.split('?')[0] ?? '';
    this.scan(`${request.method} ${path} -> ${reply.statusCode}`, path, typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : '');
  };

  /** A readable report of the findings (empty string when none). */
  report(limit = 20): string {
    return this.findings
      .slice(0, limit)
      .map((f) => `${f.kind} at ${f.where}: ${f.detail}`)
      .join('\n');
  }

  #walk(v: unknown, at: string, where: string, out: Finding[]): void {
    if (Array.isArray(v)) {
      v.forEach((x, i) => this.#walk(x, `${at}[${i}]`, where, out));
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (PASSWORD_FIELD.test(k) && x !== null && x !== '' && x !== undefined) {
          out.push({ kind: 'password-field', where: `${where} ${at}.${k}`, detail: `${k} carries ${JSON.stringify(x).slice(0, 80)} (must be null)` });
        }
        this.#walk(x, `${at}.${k}`, where, out);
      }
      return;
    }
    if (typeof v === 'number') v = String(v);
    if (typeof v !== 'string' || v === '') return;
    this.#text(v, `${where} ${at}`, /\.([^.[\]]+)$/.exec(at)?.[1] ?? '', out);
  }

  #text(s: string, where: string, key: string, out: Finding[]): void {
    const lower = s.toLowerCase();
    for (const h of this.#hashes) if (lower.includes(h)) out.push({ kind: 'password-hash', where, detail: `a stored password hash ${h.slice(0, 8)}...` });
    if (/^[0-9a-fA-F]{32}$/.test(s) && /pass|pwd|md5/i.test(key)) out.push({ kind: 'password-hash', where, detail: 'a 32-hex (MD5) value in a password field' });
    if (this.#passwords.size) {
      this.#passwordRe ??= new RegExp(`(?<![A-Za-z0-9])(${[...this.#passwords].map(escapeRe).join('|')})(?![A-Za-z0-9])`);
      const m = this.#passwordRe.exec(s);
      if (m) out.push({ kind: 'password', where, detail: `the plain-text password ${m[1]}` });
    }
    for (const m of s.matchAll(/(?<!\d)\d{12,19}(?!\d)/g)) {
      const run = m[0];
      if (this.#cards.has(run)) out.push({ kind: 'card-number', where, detail: `the bound card number ${run.slice(0, 6)}...${run.slice(-4)}` });
      else if (this.#anyLuhn && run.length >= 16 && luhnValid(run) && !isPrcId(run)) {
        out.push({ kind: 'card-number', where, detail: `a ${run.length}-digit Luhn-valid number ${run.slice(0, 6)}...${run.slice(-4)}` });
      }
    }
    if (this.#sms.size) {
      for (const m of s.matchAll(/(?<!\d)\d{6}(?!\d)/g)) {
        if (this.#sms.has(m[0])) out.push({ kind: 'sms-code', where, detail: `the SMS code ${m[0]}` });
      }
    }
    if (this.#captchas.size) {
      if (this.#captchas.has(lower.trim())) out.push({ kind: 'captcha', where, detail: `the captcha answer ${s}` });
      else {
        // inside text only a code mixing letters and digits is searched (a 4-letter code may be an English word)
        for (const m of lower.matchAll(/(?<![a-z0-9])[a-z0-9]{4}(?![a-z0-9])/g)) {
          if (/\d/.test(m[0]) && /[a-z]/.test(m[0]) && this.#captchas.has(m[0])) out.push({ kind: 'captcha', where, detail: `the captcha answer ${m[0]}` });
        }
      }
    }
  }
}
