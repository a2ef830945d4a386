// Customer accounts: registration, login, the two-step password and phone changes, the profile.
import { BASE_CODES, isCodeOf } from '../codes';
import type { DomainEvent } from '../events';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import type { Principal } from './auth';
import { issueLoginToken, requireCustomer, tokensOf } from './auth';
import { newPasswordHash, passwordMatches, verifySmsCode } from './credentials';
import type { CustomerChanges } from './events';
import { STEP_TOKEN_TTL_MS } from './rules';
import type { Customer, StepPurpose, StepToken } from './state';

function customerByPhone(db: Db, phone: string): Customer | undefined {
  const id = db.idx.accounts.customerIdByPhone.get(phone);
  return id ? db.state.accounts.customers[id] : undefined;
}

function issueStepToken(purpose: StepPurpose, customerId: string, ctx: Ctx): { stepToken: StepToken; event: DomainEvent } {
  const stepToken: StepToken = { token: ctx.ids.token(), purpose, customerId, issuedAt: ctx.now, expiresAt: ctx.now + STEP_TOKEN_TTL_MS };
  return { stepToken, event: { slice: 'accounts', type: 'accounts/stepTokenIssued', stepToken } };
}

/** A live step token of `purpose` for `customerId` (the given one, or any). */
function liveStepToken(db: Db, purpose: StepPurpose, customerId: string, now: number, token?: string): StepToken | undefined {
  if (token) {
    const s = db.state.accounts.stepTokens[token];
    return s && s.purpose === purpose && s.customerId === customerId && s.expiresAt > now ? s : undefined;
  }
  let best: StepToken | undefined;
  for (const s of Object.values(db.state.accounts.stepTokens)) {
    if (s.purpose === purpose && s.customerId === customerId && s.expiresAt > now && (!best || s.issuedAt > best.issuedAt)) best = s;
  }
  return best;
}

export interface RegisterCustomer {
  phone: string;
  password: string;
  smsCode: string;
  name?: string | null;
}

/** A new customer as registration creates it: a fresh customerId, the password hashed, the profile empty. */
export function newCustomer(phone: string, password: string, name: string | null, ctx: Ctx): Customer {
  return {
    customerId: ctx.ids.next('customer'),
    phoneNumber: phone,
    ...newPasswordHash(password, ctx),
    name,
    sex: null,
    identification: null,
    maritalStatus: null,
    interesting: null,
    birthday: null,
    provinceCode: null,
    cityCode: null,
    icon: null,
    createTime: ctx.now,
  };
}

/** #2: a new customer for a phone that proved itself with an SMS code; registration logs in. */
export function registerCustomer(db: Db, cmd: RegisterCustomer, ctx: Ctx): Decision<{ customer: Customer; token: string }> {
  const code = verifySmsCode(db, cmd.phone, 'account', cmd.smsCode, ctx.now);
  if (!code.ok) return code;
  if (customerByPhone(db, cmd.phone)) return refuse('PHONE_REGISTERED', cmd.phone, code.events);
  const customer = newCustomer(cmd.phone, cmd.password, cmd.name ?? null, ctx);
  const { token, event } = issueLoginToken('customer', customer.customerId, ctx);
  return accept({ customer, token }, [...code.events, { slice: 'accounts', type: 'accounts/customerRegistered', customer }, event]);
}

/** #3: phone and password; the same answer whether the phone or the password is wrong. */
export function customerLogin(db: Db, cmd: { phone: string; password: string }, ctx: Ctx): Decision<{ customer: Customer; token: string }> {
  const c = customerByPhone(db, cmd.phone);
  if (!c || !passwordMatches(c, cmd.password)) return refuse('LOGIN_FAILED');
  const { token, event } = issueLoginToken('customer', c.customerId, ctx);
  return accept({ customer: c, token }, [event]);
}

/** #4 / #11: the phone proves itself with an SMS code; answers the customer and a single-use step token. */
export function verifyPhoneStep(
  db: Db,
  cmd: { phone: string; smsCode: string; purpose: StepPurpose },
  ctx: Ctx,
): Decision<{ customer: Customer; stepToken: string }> {
  const code = verifySmsCode(db, cmd.phone, 'account', cmd.smsCode, ctx.now);
  if (!code.ok) return code;
  const c = customerByPhone(db, cmd.phone);
  if (!c) return refuse('PHONE_NOT_REGISTERED', cmd.phone, code.events);
  const { stepToken, event } = issueStepToken(cmd.purpose, c.customerId, ctx);
  return accept({ customer: c, stepToken: stepToken.token }, [...code.events, event]);
}

/** #5: a new password with #4's step token; ends the step token and every login token of the customer. */
export function updatePassword(db: Db, cmd: { customerId: string; stepToken: string; password: string }, ctx: Ctx): Decision<void> {
  const c = db.state.accounts.customers[cmd.customerId];
  if (!c) return refuse('CUSTOMER_NOT_FOUND', cmd.customerId);
  const step = liveStepToken(db, 'password', c.customerId, ctx.now, cmd.stepToken);
  if (!step) return refuse('STEP_TOKEN_INVALID', 'token');
  return accept(undefined, [
    { slice: 'accounts', type: 'accounts/customerUpdated', customerId: c.customerId, changes: newPasswordHash(cmd.password, ctx) },
    { slice: 'accounts', type: 'accounts/stepTokenUsed', token: step.token },
    { slice: 'accounts', type: 'accounts/tokensRevoked', tokens: tokensOf(db, c.customerId) },
  ]);
}

export interface UpdatePhoneNumber {
  customerId: string;
  /** The login token (what the 2015 client sends) or #11's step token (what the document says). */
  token: string;
  newPhone: string;
  smsCode: string;
}

/** #12: moves the customer to a new phone proven by an SMS code; needs a step token of #11 (proof of
 *  the old phone), either sent as `token` or still live for this customer. */
export function updatePhoneNumber(db: Db, cmd: UpdatePhoneNumber, ctx: Ctx): Decision<{ customer: Customer }> {
  let c: Customer | undefined;
  let step: StepToken | undefined;
  const events: DomainEvent[] = [];
  const asStep = db.state.accounts.stepTokens[cmd.token];
  if (asStep) {
    if (asStep.customerId !== cmd.customerId) return refuse('FORBIDDEN', `customer_id ${cmd.customerId}`);
    c = db.state.accounts.customers[cmd.customerId];
    step = liveStepToken(db, 'phone', cmd.customerId, ctx.now, cmd.token);
  } else {
    const who = requireCustomer(db, cmd.token, cmd.customerId, ctx.now);
    if (!who.ok) return who;
    events.push(...who.events);
    c = who.value.customer;
    step = liveStepToken(db, 'phone', c.customerId, ctx.now);
  }
  if (!c) return refuse('CUSTOMER_NOT_FOUND', cmd.customerId, events);
  if (!step) return refuse('STEP_TOKEN_INVALID', '请先验证原手机号 (updatePhoneNumberPre)', events);
  if (cmd.newPhone === c.phoneNumber) return refuse('PHONE_UNCHANGED', cmd.newPhone, events);
  if (customerByPhone(db, cmd.newPhone)) return refuse('PHONE_REGISTERED', cmd.newPhone, events);
  const code = verifySmsCode(db, cmd.newPhone, 'account', cmd.smsCode, ctx.now);
  events.push(...code.events);
  if (!code.ok) return { ...code, events };
  events.push(
    { slice: 'accounts', type: 'accounts/customerUpdated', customerId: c.customerId, changes: { phoneNumber: cmd.newPhone } },
    { slice: 'accounts', type: 'accounts/stepTokenUsed', token: step.token },
  );
  return accept({ customer: { ...c, phoneNumber: cmd.newPhone } }, events);
}

export interface UpdateCustomerInfo {
  token: string;
  customerId: string;
  sex?: string | null;
  identification?: string | null;
  maritalStatus?: string | null;
  interesting?: string | null;
  birthday?: string | null;
}

/** #6: partial profile update (only the fields sent); codes must exist in their family. */
export function updateCustomerInfo(db: Db, cmd: UpdateCustomerInfo, ctx: Ctx): Decision<{ customer: Customer }> {
  const who = requireCustomer(db, cmd.token, cmd.customerId, ctx.now);
  if (!who.ok) return who;
  const changes: CustomerChanges = {};
  const single: [keyof UpdateCustomerInfo & keyof CustomerChanges, string][] = [
    ['sex', '1001'],
    ['identification', '1002'],
    ['maritalStatus', '1003'],
  ];
  for (const [field, family] of single) {
    const v = cmd[field];
    if (v === null || v === undefined) continue;
    if (!isCodeOf(family, v)) return refuse('BASE_CODE_INVALID', `${field}=${v} 不属于代码类别 ${family}`, who.events);
    changes[field] = v;
  }
  if (cmd.interesting) {
    const codes = cmd.interesting.split(',');
    const bad = codes.find((code) => !isCodeOf('1004', code));
    if (bad !== undefined) return refuse('BASE_CODE_INVALID', `interesting 中的 ${bad || '(空)'} 不属于代码类别 1004`, who.events);
    changes.interesting = [...new Set(codes)].join(',');
  }
  if (cmd.birthday) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cmd.birthday);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getTime() > ctx.now) {
      return refuse('PARAM_INVALID', `birthday=${cmd.birthday} 不是有效日期 (yyyy-MM-dd)`, who.events);
    }
    changes.birthday = cmd.birthday;
  }
  const customer = { ...who.value.customer, ...changes };
  if (Object.keys(changes).length === 0) return accept({ customer }, who.events);
  return accept({ customer }, [...who.events, { slice: 'accounts', type: 'accounts/customerUpdated', customerId: cmd.customerId, changes }]);
}

/** #7: a customer by id (tokenless, as the legacy backend served it). When a login token IS sent, it
 *  must be that customer's own. */
export function getCustomer(db: Db, cmd: { customerId: string; token?: string | null }, now: number): Decision<{ customer: Customer }> {
  const c = db.state.accounts.customers[cmd.customerId];
  if (cmd.token) {
    const who = requireCustomer(db, cmd.token, cmd.customerId, now);
    if (!who.ok) return who;
    return accept({ customer: who.value.customer }, who.events);
  }
  if (!c) return refuse('CUSTOMER_NOT_FOUND', cmd.customerId);
  return accept({ customer: c });
}

/** Customer as the wire shows it (#2, #3, #4, #7, #11): no password or hash, every code with its label. */
export interface CustomerView {
  customerId: string;
  phoneNumber: string;
  name: string | null;
  password: null;
  passwordMd5: null;
  provinceCode: string | null;
  cityCode: string | null;
  attention: null;
  createTime: string | null;
  icon: string | null;
  birthday: string | null;
  sex: string | null;
  sexDes: string | null;
  identification: string | null;
  identificationDes: string | null;
  maritalStatus: string | null;
  maritalStatusDes: string | null;
  interesting: string | null;
  interestingDesc: string | null;
}

export function customerView(c: Customer, iconUrl: (key: string) => string, formatTime: (t: number) => string): CustomerView {
  const label = (family: string, code: string | null): string | null => (code ? (BASE_CODES[family]?.[code] ?? null) : null);
  return {
    customerId: c.customerId,
    phoneNumber: c.phoneNumber,
    name: c.name,
    password: null,
    passwordMd5: null,
    provinceCode: c.provinceCode,
    cityCode: c.cityCode,
    attention: null,
    createTime: formatTime(c.createTime),
    icon: c.icon ? iconUrl(c.icon) : null,
    birthday: c.birthday,
    sex: c.sex,
    sexDes: label('1001', c.sex),
    identification: c.identification,
    identificationDes: label('1002', c.identification),
    maritalStatus: c.maritalStatus,
    maritalStatusDes: label('1003', c.maritalStatus),
    interesting: c.interesting,
    interestingDesc: c.interesting
      ? c.interesting
          .split(',')
          .map((code) => `${label('1004', code) ?? code} `)
          .join('')
      : null,
  };
}

export type { Principal };

/** uploadIcon: the customer's avatar is now the stored file `iconKey`. */
export function setIcon(db: Db, cmd: { token: string; customerId: string; iconKey: string }, ctx: Ctx): Decision<{ customer: Customer }> {
  const who = requireCustomer(db, cmd.token, cmd.customerId, ctx.now);
  if (!who.ok) return who;
  return accept({ customer: { ...who.value.customer, icon: cmd.iconKey } }, [
    ...who.events,
    { slice: 'accounts', type: 'accounts/customerUpdated', customerId: cmd.customerId, changes: { icon: cmd.iconKey } },
  ]);
}
