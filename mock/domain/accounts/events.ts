// Events and effects of the accounts slice, and how they change the state.
import type { Db } from '../state';
import { assertNever } from '../types';
import type { Captcha, Company, Customer, LoginToken, Product, SmsCode, SmsPurpose, Staff, StepToken } from './state';
import { addToken, smsKey } from './state';

/** Fields of a customer an event may change (never its id). */
export type CustomerChanges = Partial<Omit<Customer, 'customerId' | 'createTime'>>;

export type AccountsEvent =
  | { slice: 'accounts'; type: 'accounts/customerRegistered'; customer: Customer }
  | { slice: 'accounts'; type: 'accounts/customerUpdated'; customerId: string; changes: CustomerChanges }
  | { slice: 'accounts'; type: 'accounts/staffRegistered'; staff: Staff }
  | { slice: 'accounts'; type: 'accounts/tokenIssued'; token: LoginToken }
  | { slice: 'accounts'; type: 'accounts/tokenTouched'; token: string; at: number }
  | { slice: 'accounts'; type: 'accounts/tokensRevoked'; tokens: string[] }
  | { slice: 'accounts'; type: 'accounts/stepTokenIssued'; stepToken: StepToken }
  | { slice: 'accounts'; type: 'accounts/stepTokenUsed'; token: string }
  | { slice: 'accounts'; type: 'accounts/captchaIssued'; captcha: Captcha }
  | { slice: 'accounts'; type: 'accounts/captchaUsed'; imageKey: string }
  | { slice: 'accounts'; type: 'accounts/smsCodeSent'; sms: SmsCode }
  | { slice: 'accounts'; type: 'accounts/smsCodeFailed'; key: string }
  | { slice: 'accounts'; type: 'accounts/smsCodeUsed'; key: string }
  | { slice: 'accounts'; type: 'accounts/companyAdded'; company: Company }
  | { slice: 'accounts'; type: 'accounts/productAdded'; product: Product };

/** Effects the shell carries out: deliver an SMS (the outbox), announce a captcha (the console). */
export type AccountsEffect =
  | { type: 'sms'; phone: string; purpose: SmsPurpose; code: string; text: string }
  | { type: 'captcha'; imageKey: string; code: string; expiresAt: number };

const DAY_MS = 86_400_000;

/** Applies one accounts event in place. */
export function evolveAccounts(db: Db, e: AccountsEvent): void {
  const a = db.state.accounts;
  const idx = db.idx.accounts;
  switch (e.type) {
    case 'accounts/customerRegistered':
      a.customers[e.customer.customerId] = e.customer;
      idx.customerIdByPhone.set(e.customer.phoneNumber, e.customer.customerId);
      return;
    case 'accounts/customerUpdated': {
      const c = a.customers[e.customerId];
      if (!c) return;
      if (e.changes.phoneNumber !== undefined && e.changes.phoneNumber !== c.phoneNumber) {
        idx.customerIdByPhone.delete(c.phoneNumber);
        idx.customerIdByPhone.set(e.changes.phoneNumber, c.customerId);
      }
      Object.assign(c, e.changes);
      return;
    }
    case 'accounts/staffRegistered':
      a.staff[e.staff.usersId] = e.staff;
      idx.staffIdByPhone.set(e.staff.usersPhone, e.staff.usersId);
      return;
    case 'accounts/tokenIssued':
      a.tokens[e.token.token] = e.token;
      addToken(idx, e.token);
      return;
    case 'accounts/tokenTouched': {
      const t = a.tokens[e.token];
      if (t) t.lastUsedAt = e.at;
      return;
    }
    case 'accounts/tokensRevoked':
      for (const token of e.tokens) {
        const t = a.tokens[token];
        if (!t) continue;
        delete a.tokens[token];
        idx.tokensBySubject.get(t.subjectId)?.delete(token);
      }
      return;
    case 'accounts/stepTokenIssued':
      for (const [k, s] of Object.entries(a.stepTokens)) if (s.expiresAt <= e.stepToken.issuedAt) delete a.stepTokens[k];
      a.stepTokens[e.stepToken.token] = e.stepToken;
      return;
    case 'accounts/stepTokenUsed':
      delete a.stepTokens[e.token];
      return;
    case 'accounts/captchaIssued':
      // expired captchas are dropped here so the state does not grow with every page load
      for (const [k, c] of Object.entries(a.captchas)) if (c.expiresAt <= e.captcha.issuedAt) delete a.captchas[k];
      a.captchas[e.captcha.imageKey] = e.captcha;
      return;
    case 'accounts/captchaUsed':
      delete a.captchas[e.imageKey];
      return;
    case 'accounts/smsCodeSent': {
      a.smsCodes[smsKey(e.sms.purpose, e.sms.phone)] = e.sms;
      const log = (a.smsSendLog[e.sms.phone] ?? []).filter((t) => t > e.sms.sentAt - DAY_MS);
      log.push(e.sms.sentAt);
      a.smsSendLog[e.sms.phone] = log;
      return;
    }
    case 'accounts/smsCodeFailed': {
      const s = a.smsCodes[e.key];
      if (s) s.tries += 1;
      return;
    }
    case 'accounts/smsCodeUsed':
      delete a.smsCodes[e.key];
      return;
    case 'accounts/companyAdded':
      db.state.reference.companies[e.company.companyId] = e.company;
      return;
    case 'accounts/productAdded':
      db.state.reference.products[e.product.productId] = e.product;
      return;
    default:
      assertNever(e);
  }
}
