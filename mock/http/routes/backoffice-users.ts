// Tag "backoffice", the staff accounts: registration (#23) and login (#24). The order side of the back
// office lives in backoffice-orders.ts.
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../domain/accounts/state';
import { registerUsers, staffView, usersLogin } from '../../domain/accounts/staff';
import { success } from '../envelope';
import { defineOperations } from '../operations';

export default async function backofficeUsersRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #23 (role: the mock's optional extension, default seller)
    registerUsers(op) {
      op.run((db, ctx) =>
        registerUsers(
          db,
          {
            usersPhone: op.str('usersPhone'),
            password: op.str('password'),
            usersName: op.str('usersName'),
            companyId: op.str('companyId'),
            sex: op.opt('sex'),
            role: op.opt('role') as StaffRole | null,
          },
          ctx,
        ),
      );
      return success({ message: '用户注册成功!' });
    },
    // #24
    usersLogin(op) {
      const r = op.run((db, ctx) => usersLogin(db, { usersPhone: op.str('usersPhone'), password: op.str('password') }, ctx));
      return success({ obj: staffView(r.staff, op.time), token: r.token, message: '登录成功!' });
    },
  });
}
