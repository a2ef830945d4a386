// Security-suite worlds: a "party" is a customer with one order at every point of the life cycle, a loan
// with a bound card, a payment in flight, pending card bindings, and the staff of its company; built through
// the scenarios and the legacy API (app.inject), plus the party's distinctive values that must never show
// up in an answer to someone else.
import type { CallOptions, Params } from '../../../scripts/conformance/client';
import { createClient, injectSender } from '../../../scripts/conformance/client';
import { ClientDriver } from '../../../scripts/conformance/driver';
import { ASCII_GIF } from '../../../scripts/fuzz/http';
import { loadSpecModel } from '../../../scripts/fuzz/spec-model';
import type { Ids } from '../../../scripts/conformance/world';
import { captcha, cardNumber, idNumber, scenario, smsCode } from '../../../scripts/conformance/world';
import type { TestApp } from '../helper';

export const SHENGHUOJIA = '20150901000001';
export const LANGRUN = '20150901000002';

export type OrderKind = 'draft' | 'submitted' | 'risk' | 'waiting' | 'loan';
export type Role = 'seller' | 'risk' | 'finance';

export interface Party {
  customerId: string;
  phoneNumber: string;
  name: string;
  login_token: string;
  companyId: string;
  orders: Record<OrderKind, { orderId: string; orderMaterialId?: string }>;
  /** The loan with its first instalment paid (#31, #32, #41 against its next record). */
  loan: { repaymentRecordIds: string[]; nextRepaymentRecordId: string; bindBankCardId: string; cardno: string };
  /** A second loan whose first instalment has a payment in flight (created by #41; SMS not yet sent). */
  payment: { orderid: string; repaymentRecordId: string; cardPhone: string };
  /** Bank-card bindings: `fresh` just reserved by #37, `requested` past #38 (its SMS code in `code`). */
  binding: { fresh: string; requested: string; requestedCard: Params; code: string };
  staff: Record<Role, { login_token: string; usersId: string }>;
  /** Values only this party has: they must not appear in an answer to anyone else. */
  secrets: string[];
}

/** The driver of a security suite: the legacy API and the admin API through app.inject. */
export function driverOf(t: TestApp): ClientDriver {
  return new ClientDriver(createClient(loadSpecModel(), injectSender(t.app)));
}

export const gif = (field: string): CallOptions => ({ files: { [field]: { filename: 'a.gif', contentType: 'image/gif', data: ASCII_GIF } }, headers: { accept: 'application/json' } });

let serial = 0;

/** Builds a party: `label` names it (its name is `label` + a number), `money` makes its amounts distinct. */
export async function party(d: ClientDriver, label: string, companyId: string, money: string): Promise<Party> {
  serial++;
  const name = `${label}${serial}号`;
  const c = await scenario(d, 'a logged-in customer', { phoneNumber: d.phones.next(), name, password: 'Secur1ty2015' });
  const own = { customerId: c.customerId, companyId, packageMoney: money };
  const cardno = cardNumber(`62284800${String(serial).padStart(4, '0')}123`);
  const loan = await scenario(d, 'a loan with N of M instalments paid', { ...own, n: 1, m: 3, cardno });
  const payLoan = await scenario(d, 'a loan with N of M instalments paid', { ...own, n: 0, m: 3, cardno });
  const draft = await scenario(d, 'an order in draft', own);
  const submitted = await scenario(d, 'an order awaiting seller approval', own);
  const risk = await scenario(d, 'an order awaiting risk approval', own);
  const waiting: Ids = await scenario(d, 'an order waiting for loan', own);
  const token = waiting.login_token as string;
  const pay = await d.must('sendBindRequest', { login_token: token, customerId: c.customerId, repaymentRecordId: payLoan.nextRepaymentRecordId, bindBankCardId: payLoan.bindBankCardId });
  const fresh = (await d.must('getBindBankCardId', { login_token: token })).body!.obj as string;
  const requested = (await d.must('getBindBankCardId', { login_token: token })).body!.obj as string;
  const key = d.key();
  const requestedCard: Params = {
    bindBankCardId: requested,
    customerId: c.customerId,
    cardno: cardNumber(`62170000${String(serial).padStart(4, '0')}456`),
    idcardno: idNumber(`11010519900101${String(serial % 1000).padStart(3, '0')}`),
    username: name,
    phone: c.phoneNumber,
    bankCode: 'CCB',
  };
  await d.must('invokeBindBanCard', { login_token: token, img_validate_key: key, img_validate_code: await captcha(d, key), ...requestedCard });
  const code = await smsCode(d, c.phoneNumber, 'bindCard');
  const p: Party = {
    customerId: c.customerId,
    phoneNumber: c.phoneNumber,
    name,
    login_token: token,
    companyId,
    orders: {
      draft: { orderId: draft.orderId, orderMaterialId: draft.orderMaterialId },
      submitted: { orderId: submitted.orderId, orderMaterialId: submitted.orderMaterialId },
      risk: { orderId: risk.orderId },
      waiting: { orderId: waiting.orderId },
      loan: { orderId: loan.orderId },
    },
    loan: { repaymentRecordIds: loan.repaymentRecordIds, nextRepaymentRecordId: loan.nextRepaymentRecordId, bindBankCardId: loan.bindBankCardId, cardno },
    payment: { orderid: pay.body!.obj as string, repaymentRecordId: payLoan.nextRepaymentRecordId, cardPhone: c.phoneNumber },
    binding: { fresh, requested, requestedCard, code },
    staff: {
      seller: { login_token: waiting.seller_login_token, usersId: waiting.seller_usersId },
      risk: { login_token: waiting.risk_login_token, usersId: waiting.risk_usersId },
      finance: { login_token: waiting.finance_login_token, usersId: waiting.finance_usersId },
    },
    secrets: [],
  };
  p.secrets = await secretsOf(d, p);
  return p;
}

/** The party's distinctive values, read as the party itself sees them. */
async function secretsOf(d: ClientDriver, p: Party): Promise<string[]> {
  const out = new Set<string>([p.name, p.phoneNumber, p.loan.cardno, String(p.binding.requestedCard.cardno), String(p.binding.requestedCard.idcardno)]);
  for (const { orderId } of Object.values(p.orders)) {
    const o = (await d.must('queryOrdersByOrderId', { login_token: p.login_token, orderId })).body!;
    for (const k of ['applicantIdentity', 'contractMoney', 'packageMoney']) if (o.obj?.[k]) out.add(String(o.obj[k]));
    for (const m of o.list ?? []) if (m.orderMaterialUrl) out.add(new URL(m.orderMaterialUrl as string).pathname);
  }
  for (const card of (await d.must('getBindBankCardByCustomerId', { login_token: p.login_token, customerId: p.customerId })).body!.list ?? []) out.add(String(card.bankCard));
  // values too short or too common to be told apart are not searched
  return [...out].filter((v) => v.length >= 5);
}

/** The secrets of `p` found in an answer body. */
export function leaked(p: Party, body: string): string[] {
  return p.secrets.filter((s) => body.includes(s));
}
