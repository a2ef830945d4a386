// Back-office staff: registration (#23), login (#24).
import { isCodeOf } from '../codes';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import { issueLoginToken } from './auth';
import { newPasswordHash, passwordMatches } from './credentials';
import type { Staff, StaffRole } from './state';

export interface RegisterUsers {
  usersPhone: string;
  password: string;
  usersName: string;
  companyId: string;
  sex?: string | null;
  /** Not a legacy parameter: the mock's optional `role` (default seller). */
  role?: StaffRole | null;
}

/** #23: a staff user of an existing company. The legacy call is unauthenticated (a security finding). */
export function registerUsers(db: Db, cmd: RegisterUsers, ctx: Ctx): Decision<{ staff: Staff }> {
  const company = db.state.reference.companies[cmd.companyId];
  if (!company || company.deleted) return refuse('COMPANY_NOT_FOUND', `companyId ${cmd.companyId}`);
  if (db.idx.accounts.staffIdByPhone.has(cmd.usersPhone)) return refuse('STAFF_PHONE_REGISTERED', cmd.usersPhone);
  if (cmd.sex && !isCodeOf('1001', cmd.sex)) return refuse('BASE_CODE_INVALID', `sex=${cmd.sex} 不属于代码类别 1001`);
  const staff: Staff = {
    usersId: ctx.ids.next('users'),
    usersPhone: cmd.usersPhone,
    usersName: cmd.usersName,
    ...newPasswordHash(cmd.password, ctx),
    companyId: cmd.companyId,
    sex: cmd.sex ?? null,
    role: cmd.role ?? 'seller',
    createTime: ctx.now,
  };
  return accept({ staff }, [{ slice: 'accounts', type: 'accounts/staffRegistered', staff }]);
}

/** #24: staff phone and password. */
export function usersLogin(db: Db, cmd: { usersPhone: string; password: string }, ctx: Ctx): Decision<{ staff: Staff; token: string }> {
  const id = db.idx.accounts.staffIdByPhone.get(cmd.usersPhone);
  const s = id ? db.state.accounts.staff[id] : undefined;
  if (!s || !passwordMatches(s, cmd.password)) return refuse('LOGIN_FAILED');
  const { token, event } = issueLoginToken('staff', s.usersId, ctx);
  return accept({ staff: s, token }, [event]);
}

/** Staff as the wire shows it (#24 obj): never the password. */
export function staffView(s: Staff, formatTime: (t: number) => string) {
  return {
    usersId: s.usersId,
    usersPhone: s.usersPhone,
    usersName: s.usersName,
    password: null,
    companyId: s.companyId,
    sex: s.sex,
    role: s.role,
    roleId: s.role,
    subsidiaryId: null,
    createTime: formatTime(s.createTime),
  };
}
