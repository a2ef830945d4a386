// Accounts: the baseline's ready-made customers and staff (GET /__mock/accounts) with roles and passwords.
import { h, card, table, bi, show, chip } from '../dom.js';
import { ROLES } from '../labels.js';
import { accounts, companies } from '../flows.js';
import { copy } from './sms.js';

export function mount(ctx) {
  const body = h('div', null, h('p', { class: 'muted' }, '…'));
  ctx.el.append(
    h('h1', null, bi('现成账号', 'Ready-made accounts')),
    h('p', { class: 'muted' }, bi('密码只在模拟服务的管理接口中出现;旧版接口从不返回密码。', 'Passwords come only from the admin API; the legacy API never returns them.')),
    body,
  );
  const copyable = (text) => h('span', { class: 'copyable' }, h('code', null, show(text)), ' ', h('button', { type: 'button', class: 'copy', title: '复制 copy', onclick: () => copy(String(text), ctx.toast) }, '复制'));

  async function load() {
    const data = await accounts();
    const names = Object.fromEntries((await companies().catch(() => [])).map((c) => [String(c.companyId), c.companyName]));
    body.replaceChildren(
      card(
        '用户',
        'Customers',
        null,
        table(
          [
            { zh: '用户编号', en: 'customerId', cell: (c) => h('a', { href: `#/orders?customerId=${encodeURIComponent(c.customerId)}` }, c.customerId) },
            { zh: '手机号', en: 'phoneNumber', cell: (c) => copyable(c.phoneNumber) },
            { zh: '密码', en: 'password', cell: (c) => copyable(c.password) },
            { zh: '姓名', en: 'name', cell: (c) => show(c.name) },
          ],
          data.customers ?? [],
        ),
      ),
      card(
        '后台员工',
        'Staff',
        null,
        table(
          [
            { zh: '员工编号', en: 'usersId', cell: (s) => s.usersId },
            { zh: '姓名', en: 'usersName', cell: (s) => show(s.usersName) },
            { zh: '手机号', en: 'usersPhone', cell: (s) => copyable(s.usersPhone) },
            { zh: '密码', en: 'password', cell: (s) => copyable(s.password) },
            { zh: '公司', en: 'company', cell: (s) => `${names[String(s.companyId)] ?? ''} ${s.companyId}` },
            { zh: '角色', en: 'role', cell: (s) => chip(null, ROLES[s.role] ? `${ROLES[s.role][0]} · ${ROLES[s.role][1]}` : show(s.role), s.role) },
          ],
          data.staff ?? [],
        ),
      ),
    );
  }
  const run = () => load().catch((err) => body.replaceChildren(h('p', { class: 'error' }, err.message)));
  run();
  ctx.onChanged(run);
}
