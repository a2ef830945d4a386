// Login tokens: who a `login_token` is, and what it may touch. Customer and staff tokens share a shape
// but never each other's endpoints; a customer token reaches only its own customer.
import type { DomainEvent } from '../events';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import { LOGIN_TOKEN_IDLE_MS, LOGIN_TOKEN_TOUCH_MS } from './rules';
import type { Customer, LoginToken, PrincipalKind, Staff, StaffRole } from './state';

export type Principal =
  | { kind: 'customer'; token: string; customer: Customer }
  | { kind: 'staff'; token: string; staff: Staff };

/** A new login token for a customer or staff user. */
export function issueLoginToken(kind: PrincipalKind, subjectId: string, ctx: Ctx): { token: string; event: DomainEvent } {
  const token = ctx.ids.token();
  const rec: LoginToken = { token, kind, subjectId, issuedAt: ctx.now, lastUsedAt: ctx.now };
  return { token, event: { slice: 'accounts', type: 'accounts/tokenIssued', token: rec } };
}

/** Every live login token of `subjectId` (to end them on password change). */
export function tokensOf(db: Db, subjectId: string): string[] {
  return [...(db.idx.accounts.tokensBySubject.get(subjectId) ?? [])];
}

/** Resolves a login token to its principal; ends it when idle too long; refreshes its last use (hourly). */
export function authenticate(db: Db, token: string | null | undefined, now: number): Decision<Principal> {
  if (!token) return refuse('TOKEN_MISSING', 'login_token');
  const t = db.state.accounts.tokens[token];
  if (!t) return refuse('TOKEN_INVALID');
  if (now - t.lastUsedAt >= LOGIN_TOKEN_IDLE_MS) {
    return refuse('TOKEN_INVALID', '登录超时', [{ slice: 'accounts', type: 'accounts/tokensRevoked', tokens: [token] }]);
  }
  const events: DomainEvent[] = now - t.lastUsedAt >= LOGIN_TOKEN_TOUCH_MS ? [{ slice: 'accounts', type: 'accounts/tokenTouched', token, at: now }] : [];
  if (t.kind === 'customer') {
    const customer = db.state.accounts.customers[t.subjectId];
    if (!customer) return refuse('TOKEN_INVALID');
    return accept({ kind: 'customer', token, customer }, events);
  }
  const staff = db.state.accounts.staff[t.subjectId];
  if (!staff) return refuse('TOKEN_INVALID');
  return accept({ kind: 'staff', token, staff }, events);
}

/** A customer token, and (when `customerId` is given) the token's own customer. */
export function requireCustomer(
  db: Db,
  token: string | null | undefined,
  customerId: string | null | undefined,
  now: number,
): Decision<Extract<Principal, { kind: 'customer' }>> {
  const d = authenticate(db, token, now);
  if (!d.ok) return d;
  if (d.value.kind !== 'customer') return refuse('NOT_CUSTOMER_TOKEN', null, d.events);
  if (customerId && d.value.customer.customerId !== customerId) return refuse('FORBIDDEN', `customerId ${customerId}`, d.events);
  return accept(d.value, d.events);
}

/** A staff token, of one of `roles` when given. */
export function requireStaff(
  db: Db,
  token: string | null | undefined,
  roles: readonly StaffRole[] | null,
  now: number,
): Decision<Extract<Principal, { kind: 'staff' }>> {
  const d = authenticate(db, token, now);
  if (!d.ok) return d;
  if (d.value.kind !== 'staff') return refuse('NOT_STAFF_TOKEN', null, d.events);
  if (roles && !roles.includes(d.value.staff.role)) {
    return refuse('ROLE_FORBIDDEN', `需要角色 ${roles.join('/')},当前为 ${d.value.staff.role}`, d.events);
  }
  return accept(d.value, d.events);
}

/** #10: ends one login token (customer or staff). */
export function logout(db: Db, cmd: { token: string }, _ctx: Ctx): Decision<void> {
  if (!db.state.accounts.tokens[cmd.token]) return refuse('TOKEN_INVALID');
  return accept(undefined, [{ slice: 'accounts', type: 'accounts/tokensRevoked', tokens: [cmd.token] }]);
}
