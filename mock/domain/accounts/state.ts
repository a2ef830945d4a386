// The accounts slice of a Session's state: customers, staff, tokens, captchas and SMS codes.
// Plain JSON data; times are epoch milliseconds of the mock clock.
import { dict } from '../dict';

export type StaffRole = 'seller' | 'risk' | 'finance';
export const STAFF_ROLES: readonly StaffRole[] = ['seller', 'risk', 'finance'];

export interface Customer {
  customerId: string;
  phoneNumber: string;
  /** sha-256 hex of salt + password; never leaves through the legacy API. */
  passwordHash: string;
  passwordSalt: string;
  name: string | null;
  /** Base-code 1001. */
  sex: string | null;
  /** Base-code 1002. */
  identification: string | null;
  /** Base-code 1003. */
  maritalStatus: string | null;
  /** Base-code 1004 codes joined by ",". */
  interesting: string | null;
  /** `yyyy-MM-dd`. */
  birthday: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  /** Blob key of the avatar (the http layer maps it to an absolute URL), or null. */
  icon: string | null;
  createTime: number;
}

export interface Staff {
  usersId: string;
  usersPhone: string;
  usersName: string;
  passwordHash: string;
  passwordSalt: string;
  companyId: string;
  /** Base-code 1001. */
  sex: string | null;
  /** seller: company review (#26/#27); risk: risk management (#28/#29); finance: disbursement (#30/#34). */
  role: StaffRole;
  createTime: number;
}

export type PrincipalKind = 'customer' | 'staff';

export interface LoginToken {
  token: string;
  kind: PrincipalKind;
  /** customerId or usersId. */
  subjectId: string;
  issuedAt: number;
  /** Refreshed at most once an hour (so reads do not write); idle expiry counts from it. */
  lastUsedAt: number;
}

export type StepPurpose = 'password' | 'phone';

/** Single-use token of a two-step change (#4 -> #5 password, #11 -> #12 phone), bound to its customer. */
export interface StepToken {
  token: string;
  purpose: StepPurpose;
  customerId: string;
  issuedAt: number;
  expiresAt: number;
}

export interface Captcha {
  imageKey: string;
  code: string;
  issuedAt: number;
  expiresAt: number;
}

/** What an SMS code is for. `account` = every code of #1 (the document gives #1 no purpose parameter:
 *  one code serves registration, password reset and phone change); the payment side adds its own. */
export type SmsPurpose = 'account' | 'bindCard' | 'payment';

export interface SmsCode {
  phone: string;
  purpose: SmsPurpose;
  code: string;
  sentAt: number;
  expiresAt: number;
  /** Wrong attempts so far; the code dies at SMS_MAX_TRIES. */
  tries: number;
}

export interface Company {
  companyId: string;
  companyName: string;
  createTime: string;
  deleted: 0 | 1;
}

export interface Product {
  productId: string;
  productName: string;
  companyId: string;
  createTime: string;
  deleted: 0 | 1;
}

/** Reference data that scenarios may extend (companies, products). Static tables live in codes.ts. */
export interface ReferenceState {
  companies: Record<string, Company>;
  products: Record<string, Product>;
}

export interface AccountsState {
  customers: Record<string, Customer>;
  staff: Record<string, Staff>;
  tokens: Record<string, LoginToken>;
  stepTokens: Record<string, StepToken>;
  captchas: Record<string, Captcha>;
  /** Keyed by smsKey(purpose, phone): at most one live code per phone and purpose. */
  smsCodes: Record<string, SmsCode>;
  /** Send times per phone within the last day (rate limits). */
  smsSendLog: Record<string, number[]>;
}

/** Every map is prototype-free (dict.ts): keys come from client input. */
export function emptyAccountsState(): AccountsState {
  return { customers: dict(), staff: dict(), tokens: dict(), stepTokens: dict(), captchas: dict(), smsCodes: dict(), smsSendLog: dict() };
}

export function emptyReferenceState(): ReferenceState {
  return { companies: dict(), products: dict() };
}

export function smsKey(purpose: SmsPurpose, phone: string): string {
  return `${purpose}:${phone}`;
}

/** Derived lookups of the accounts slice (rebuilt on restore, never serialised). */
export interface AccountsIndex {
  customerIdByPhone: Map<string, string>;
  staffIdByPhone: Map<string, string>;
  /** subjectId -> its live login tokens. */
  tokensBySubject: Map<string, Set<string>>;
}

export function buildAccountsIndex(a: AccountsState): AccountsIndex {
  const idx: AccountsIndex = { customerIdByPhone: new Map(), staffIdByPhone: new Map(), tokensBySubject: new Map() };
  for (const c of Object.values(a.customers)) idx.customerIdByPhone.set(c.phoneNumber, c.customerId);
  for (const s of Object.values(a.staff)) idx.staffIdByPhone.set(s.usersPhone, s.usersId);
  for (const t of Object.values(a.tokens)) addToken(idx, t);
  return idx;
}

export function addToken(idx: AccountsIndex, t: LoginToken): void {
  let set = idx.tokensBySubject.get(t.subjectId);
  if (!set) idx.tokensBySubject.set(t.subjectId, (set = new Set()));
  set.add(t.token);
}
