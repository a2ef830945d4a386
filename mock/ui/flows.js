// What the console composes from documented operations: staff and customer logins from the ready-made accounts,
// order reads through #20/#31/#33, approvals #27/#29, disbursement #34 and the whole payment flow #36-#43.
/* global localStorage, URLSearchParams */
import { admin, legacy, legacyRaw, touchCaptcha, guid, ApiError, session, bus } from './api.js';
import { PATH_OF, MAGIC_CARDS } from './labels.js';
import { testIdCardNo, credentialsIn, freshSms, smsKey } from './model.js';

const op = (operationId, params) => legacy(PATH_OF[operationId], params);

let cache = fresh();
function fresh() {
  return { accounts: null, companies: null, logins: new Map(), companyOfOrder: new Map(), bankCodes: null };
}
/** Forgets every login and list: after a reset, a state upload or a session switch. */
export function forget() {
  cache = fresh();
}
bus.addEventListener('session', forget);
bus.addEventListener('changed', (e) => {
  if (e.detail?.reset) forget();
  else cache.accounts = null;
});

/** GET /__mock/accounts, cached until the state changes. */
export async function accounts() {
  cache.accounts ??= await admin('GET', '/accounts');
  return cache.accounts;
}

/** #25 companies, cached. */
export async function companies() {
  if (!cache.companies) cache.companies = (await op('queryCompany', {})).list ?? [];
  return cache.companies;
}

export async function companyName(companyId) {
  const list = await companies().catch(() => []);
  return list.find((c) => String(c.companyId) === String(companyId))?.companyName ?? '';
}

// --- customers remembered from scenario results (their passwords are not in the baseline accounts) ---
const KNOWN_KEY = () => `partywo-mock:customers:${session()}`;

function knownCustomers() {
  try {
    return JSON.parse(localStorage.getItem(KNOWN_KEY()) ?? '{}');
  } catch {
    return {};
  }
}


/** Remembers the customers (with passwords) a scenario's answer carries, for later logins. */
export function rememberCredentials(value) {
  localStorage.setItem(KNOWN_KEY(), JSON.stringify({ ...knownCustomers(), ...credentialsIn(value) }));
}

/** Phone and password of a customer: baseline accounts first, then remembered scenario customers. */
export async function customerCredentials(customerId) {
  const list = (await accounts()).customers ?? [];
  const found = list.find((c) => String(c.customerId) === String(customerId));
  if (found) return { phoneNumber: String(found.phoneNumber), password: String(found.password) };
  return knownCustomers()[String(customerId)] ?? null;
}

// --- logins ---

function looksLikeAuthFailure(err) {
  return ['TOKEN_MISSING', 'TOKEN_INVALID'].includes(err?.body?.code);
}

async function login(key, doLogin, fn) {
  for (let attempt = 0; attempt < 2; attempt++) {
    let entry = cache.logins.get(key);
    if (!entry || attempt > 0) {
      entry = await doLogin();
      cache.logins.set(key, entry);
    }
    try {
      return await fn(entry);
    } catch (err) {
      if (attempt === 0 && err instanceof ApiError && looksLikeAuthFailure(err)) continue;
      throw err;
    }
  }
  throw new Error('unreachable');
}

/** The ready-made staff user of a company with a role (seller | risk | finance), or undefined. */
export async function staffFor(companyId, role) {
  const staff = (await accounts()).staff ?? [];
  return staff.find((s) => String(s.companyId) === String(companyId) && s.role === role);
}

/** Runs fn({token, user, staff}) logged in (#24) as the company's staff user with `role`; logs in again once if the token died. */
export async function asStaff(companyId, role, fn) {
  const staff = await staffFor(companyId, role);
  if (!staff) throw new Error(`公司 ${companyId} 没有角色为 ${role} 的员工 (no ready-made ${role} staff for company ${companyId} in /__mock/accounts)`);
  return login(
    `staff:${staff.usersId}`,
    async () => {
      const env = await op('usersLogin', { usersPhone: staff.usersPhone, password: staff.password });
      return { token: env.token, user: env.obj ?? {}, staff };
    },
    fn,
  );
}

/** Runs fn({token, customer}) logged in (#3) as the customer. */
export async function asCustomer(customerId, fn) {
  const creds = await customerCredentials(customerId);
  if (!creds) {
    throw new Error(`不知道用户 ${customerId} 的密码 (customer ${customerId} is neither a ready-made account nor created by a scenario loaded here)`);
  }
  return login(
    `customer:${customerId}`,
    async () => {
      const env = await op('customerLogin', { phone_number: creds.phoneNumber, password: creds.password });
      return { token: env.token, customer: env.obj ?? {}, phoneNumber: creds.phoneNumber };
    },
    fn,
  );
}

// --- orders ---

async function companiesToTry(hint) {
  const ids = (await companies()).map((c) => String(c.companyId));
  const staffCompanies = ((await accounts()).staff ?? []).map((s) => String(s.companyId));
  return [...new Set([hint, ...ids, ...staffCompanies].filter(Boolean).map(String))];
}

/**
 * Everything the order page shows, read with a staff login of the order's company (found by trying each company):
 * #20 order + materials, #33 approval records, #31 repayment schedule.
 */
export async function loadOrder(orderId, companyHint) {
  const tried = [];
  const hint = companyHint ?? cache.companyOfOrder.get(String(orderId));
  for (const companyId of await companiesToTry(hint)) {
    for (const role of ['seller', 'risk', 'finance']) {
      if (!(await staffFor(companyId, role))) continue;
      try {
        return await asStaff(companyId, role, async ({ token }) => {
          const env = await op('queryOrdersByOrderId', { login_token: token, orderId });
          const order = env.obj ?? {};
          const materials = env.list ?? [];
          cache.companyOfOrder.set(String(orderId), String(order.companyId ?? companyId));
          const approvals = await legacyRaw(PATH_OF.getApproveRecordsByOrderId, { login_token: token, orderId });
          const schedule = await legacyRaw(PATH_OF.getRepaymentRecordByOrderId, { login_token: token, orderId });
          return {
            order,
            materials,
            approvals: approvals.success ? (approvals.list ?? []) : [],
            approvalsError: approvals.success ? null : approvals.message,
            schedule: schedule.success ? (schedule.list ?? []) : [],
            scheduleError: schedule.success ? null : schedule.message,
            companyId: String(order.companyId ?? companyId),
            readAs: role,
          };
        });
      } catch (err) {
        tried.push(`${companyId}/${role}: ${err.message}`);
        break; // another role of the same company would be refused the same way
      }
    }
  }
  throw new Error(`读取订单 ${orderId} 失败 (no staff login could read it): ${tried.join('; ')}`);
}

/** #31 schedule of one order (staff of its company). */
export async function scheduleOf(orderId) {
  const { schedule } = await loadOrder(orderId);
  return schedule;
}

/**
 * The order table: GET /__mock/orders (every order of the session, newest first; `status` a 1005 code, a pseudo
 * filter or '' = all but deleted). Returns {rows, total}; remembers each row's company for loadOrder.
 */
export async function listOrders({ status = '', customerId = '', companyId = '', limit = 200 } = {}) {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (customerId) q.set('customerId', customerId);
  if (companyId) q.set('companyId', companyId);
  q.set('limit', String(limit));
  const body = await admin('GET', `/orders?${q}`);
  const rows = body.orders ?? [];
  for (const row of rows) if (row.companyId) cache.companyOfOrder.set(String(row.orderId), String(row.companyId));
  return { rows, total: Number(body.total ?? rows.length) };
}

// --- actions ---

/** #27 (seller) or #29 (risk) as the company's ready-made staff user of that role. */
export async function approve(order, stage, pass, remarks = '') {
  const operationId = stage === 'seller' ? 'sellerApproveOrder' : 'riskManagementApproveOrder';
  return asStaff(order.companyId, stage, ({ token, user, staff }) =>
    op(operationId, {
      login_token: token,
      orderId: order.orderId,
      approvePerson: user.usersId ?? staff.usersId,
      approveName: user.usersName ?? staff.usersName,
      approveResult: pass ? 'true' : 'false',
      approveRemarks: remarks,
    }),
  );
}

/** #34 as the company's finance user, with the approval fields the 2015 client sends along. */
export async function disburse(order, remarks = '') {
  return asStaff(order.companyId, 'finance', ({ token, user, staff }) =>
    op('loanByOrderId', {
      login_token: token,
      orderId: order.orderId,
      approvePerson: user.usersId ?? staff.usersId,
      approveName: user.usersName ?? staff.usersName,
      approveResult: 'true',
      approveRemarks: remarks,
    }),
  );
}

/** GET /__mock/payments: {payments: [...], callbacks: [...]}. */
export async function payments() {
  return admin('GET', '/payments');
}

/** POST /__mock/payments/flush: delivers every pending callback now. */
export async function flush() {
  return admin('POST', '/payments/flush');
}

// --- captcha and SMS through the admin API ---

async function captcha() {
  const key = guid();
  await touchCaptcha(key);
  const { code } = await admin('GET', `/captchas/${encodeURIComponent(key)}`);
  return { key, code };
}

async function smsSeen(phone) {
  const body = await admin('GET', `/sms?phone=${encodeURIComponent(phone)}`);
  return new Set((body.messages ?? []).map(smsKey));
}

async function newSms(phone, seen, purpose) {
  const body = await admin('GET', `/sms?phone=${encodeURIComponent(phone)}`);
  const fresh = freshSms(body.messages ?? [], seen, purpose);
  if (!fresh) throw new Error(`没有发往 ${phone} 的新短信 (no new ${purpose} SMS for ${phone} in /__mock/sms)`);
  return fresh.code;
}


/** The magic test card that pays successfully (labels.js MAGIC_CARDS); the order page can pick another. */
export const DEFAULT_TEST_CARD = MAGIC_CARDS[0][0];

async function bankCode() {
  if (!cache.bankCodes) cache.bankCodes = (await op('getBankCode', {})).obj ?? {};
  const codes = Object.keys(cache.bankCodes);
  return codes.includes('ICBC') ? 'ICBC' : (codes[0] ?? 'ICBC');
}

/**
 * Pays one instalment the way the legacy client does: #36 card bound? -> (#37 #9 #38 SMS #39) -> #40 -> #41 ->
 * #9 #42 SMS #43. The platform's callback (#35) then arrives later or on flush. `step(text)` reports progress.
 */
export async function payInstalment({ order, record, cardNo = DEFAULT_TEST_CARD, step = () => {} }) {
  const customerId = String(order.customerId);
  return asCustomer(customerId, async ({ token, phoneNumber }) => {
    step(`#3 登录用户 ${customerId} (customer login)`);
    const bound = await legacyRaw(PATH_OF.isExistBindBankCard, { login_token: token, customerId });
    step(`#36 是否绑卡 card bound: ${bound.success ? '是 yes' : '否 no'}`);
    if (!bound.success) {
      const bindBankCardId = (await op('getBindBankCardId', { login_token: token })).obj;
      step(`#37 绑卡编号 bindBankCardId ${bindBankCardId}`);
      const img = await captcha();
      step(`#9 图形验证码 captcha ${img.code}`);
      const card = {
        login_token: token,
        img_validate_key: img.key,
        img_validate_code: img.code,
        bindBankCardId,
        customerId,
        bankCode: await bankCode(),
        username: order.applicantName || '测试持卡人',
        cardno: cardNo,
        idcardno: order.applicantIdentity || testIdCardNo(),
        phone: phoneNumber,
      };
      const seen = await smsSeen(phoneNumber);
      await op('invokeBindBanCard', card);
      step('#38 发起绑卡 bind request sent');
      const code = await newSms(phoneNumber, seen, 'bindCard');
      step(`短信 SMS ${code}`);
      await op('confirmBindBankcard', { ...card, validate_code: code });
      step('#39 确认绑卡 card bound');
    }
    const cards = (await op('getBindBankCardByCustomerId', { login_token: token, customerId })).list ?? [];
    const bbcId = cards[0]?.bbcId;
    step(`#40 银行卡 card ${cards[0]?.bankCard ?? '?'}`);
    const paymentId = (await op('sendBindRequest', { login_token: token, customerId, repaymentRecordId: record.repaymentRecordId, bindBankCardId: bbcId })).obj;
    step(`#41 支付编号 payment id ${paymentId}`);
    const img = await captcha();
    const seen = await smsSeen(phoneNumber);
    const pay = { login_token: token, img_validate_key: img.key, img_validate_code: img.code, orderid: paymentId };
    await op('sendSmsByRepaymentRecordId', pay);
    step(`#42 支付短信已发 payment SMS sent (captcha ${img.code})`);
    const code = await newSms(phoneNumber, seen, 'payment');
    const done = await op('smsConfirm', { ...pay, validate_code: code });
    step(`#43 确认支付 confirmed with ${code}: ${done.message ?? ''}`);
    return { paymentId, message: done.message };
  });
}
