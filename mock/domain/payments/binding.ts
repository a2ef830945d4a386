// Bank-card binding through the payment platform (#36-#40): #37 reserves an id, #38 checks the card and
// has the platform text a code to the bank-reserved phone, #39 confirms with that code. Pure.
import { pick } from '../dict';
import type { Principal } from '../accounts/auth';
import { checkCaptcha, verifySmsCode } from '../accounts/credentials';
import type { SmsPurpose } from '../accounts/state';
import { smsKey } from '../accounts/state';
import { BANK_CODES } from '../codes';
import type { DomainEvent } from '../events';
import type { CustomerActor } from '../orders/orders';
import { isBankCardNo, isMobile, isPrcIdNumber } from '../orders/checks';
import type { BindRequest, BoundBankCard } from '../orders/state';
import type { Db } from '../state';
import type { Ctx, Decision } from '../types';
import { accept, refuse } from '../types';
import { bindRefused } from './cards';

const PLATFORM_SMS_TEXT: Record<Exclude<SmsPurpose, 'account'>, string> = {
  bindCard: '【易宝支付】您正在绑定银行卡,验证码{code},5分钟内有效。',
  payment: '【易宝支付】您正在进行还款支付,验证码{code},5分钟内有效。',
};
const PLATFORM_SMS_TTL_MS = 5 * 60_000;
const PLATFORM_SMS_RESEND_MS = 60_000;

/** The payment platform texts a 6-digit code (its own sender: the partywo per-phone limits do not apply,
 *  only one code a minute per phone and purpose). */
export function platformSms(
  db: Db,
  cmd: { phone: string; purpose: 'bindCard' | 'payment'; fixedCode?: string | null },
  ctx: Ctx,
): Decision<{ expiresAt: number }> {
  const prev = db.state.accounts.smsCodes[smsKey(cmd.purpose, cmd.phone)];
  if (prev && ctx.now >= prev.sentAt && ctx.now - prev.sentAt < PLATFORM_SMS_RESEND_MS) {
    return refuse('SMS_RATE_LIMITED', `请 ${Math.ceil((prev.sentAt + PLATFORM_SMS_RESEND_MS - ctx.now) / 1000)} 秒后再试`);
  }
  let code = cmd.fixedCode ?? '';
  if (!code) for (let i = 0; i < 6; i++) code += String(Math.floor(ctx.random() * 10));
  const expiresAt = ctx.now + PLATFORM_SMS_TTL_MS;
  return accept(
    { expiresAt },
    [{ slice: 'accounts', type: 'accounts/smsCodeSent', sms: { phone: cmd.phone, purpose: cmd.purpose, code, sentAt: ctx.now, expiresAt, tries: 0 } }],
    [{ type: 'sms', phone: cmd.phone, purpose: cmd.purpose, code, text: PLATFORM_SMS_TEXT[cmd.purpose].replace('{code}', code) }],
  );
}

/** Bound cards of a customer, in bind order. */
export function cardsOf(db: Db, customerId: string): BoundBankCard[] {
  return pick(db.state.orders.bankCards, db.idx.orders.cardsByCustomer.get(customerId));
}

/** #36: does the caller have a bound card? (`false` is the normal "no card" answer). */
export function hasBoundCard(db: Db, actor: CustomerActor): boolean {
  return cardsOf(db, actor.customer.customerId).length > 0;
}

/** #37: reserves a binding id (tokenless in the 2015 client: bound to a customer at #38). */
export function getBindBankCardId(_db: Db, cmd: { actor: Principal | null }, ctx: Ctx): Decision<string> {
  const request: BindRequest = {
    bindBankCardId: ctx.ids.next('bindBankCard'),
    createTime: ctx.now,
    customerId: cmd.actor?.kind === 'customer' ? cmd.actor.customer.customerId : null,
    bankCode: null,
    cardNo: null,
    username: null,
    idCardNo: null,
    phone: null,
    smsSentTime: null,
    status: 'reserved',
  };
  return accept(request.bindBankCardId, [{ slice: 'orders', type: 'orders/bindIdReserved', request }]);
}

export interface CardDetails {
  bindBankCardId: string;
  bankCode: string | null;
  username: string | null;
  cardno: string;
  idcardno: string | null;
  phone: string | null;
}

/** Normalises a card number as typed (spaces and dashes dropped). */
export function normaliseCardNo(text: string): string {
  return text.replace(/[\s-]/g, '');
}

function checkDetails(d: CardDetails, needAll: boolean): Decision<void> {
  // bankCode: not in the document's #38 (the 2015 client sends it anyway), required by #39
  if (d.bankCode && !BANK_CODES[d.bankCode.toUpperCase()]) return refuse('BANK_CODE_INVALID', `bankCode=${d.bankCode.slice(0, 20)}`);
  if (!isBankCardNo(normaliseCardNo(d.cardno))) return refuse('CARD_NO_INVALID', '卡号须为16-19位数字并通过校验');
  if (needAll || d.idcardno) {
    if (!d.idcardno || !isPrcIdNumber(d.idcardno.trim())) return refuse('ID_NUMBER_INVALID', 'idcardno');
  }
  if (needAll || d.username) {
    if (!d.username?.trim() || d.username.trim().length > 50) return refuse('PARAM_INVALID', 'username 持卡人姓名不能为空');
  }
  if (needAll || d.phone) {
    if (!d.phone || !isMobile(d.phone.trim())) return refuse('PARAM_INVALID', 'phone 不是有效的手机号');
  }
  return accept(undefined);
}

function openRequest(db: Db, actor: CustomerActor, bindBankCardId: string): Decision<BindRequest> {
  const req = db.state.orders.bindRequests[bindBankCardId];
  if (!req || req.status === 'bound') return refuse('BIND_ID_INVALID', `bindBankCardId ${bindBankCardId}`);
  if (req.customerId !== null && req.customerId !== actor.customer.customerId) return refuse('FORBIDDEN', `bindBankCardId ${bindBankCardId}`);
  return accept(req);
}

function alreadyBound(db: Db, customerId: string, cardNo: string): boolean {
  return cardsOf(db, customerId).some((c) => c.cardNo === cardNo);
}

/** #38: checks the card (Luhn, ID checksum, bank code, magic "refused" card) and the image captcha, then
 *  the platform texts a code to the bank-reserved phone. */
export function invokeBindBankCard(
  db: Db,
  cmd: CardDetails & { actor: CustomerActor; captcha: { imageKey: string; answer: string }; fixedCode?: string | null },
  ctx: Ctx,
): Decision<BindRequest> {
  const r = openRequest(db, cmd.actor, cmd.bindBankCardId);
  if (!r.ok) return r;
  const c = checkDetails(cmd, true);
  if (!c.ok) return c;
  const cardNo = normaliseCardNo(cmd.cardno);
  if (alreadyBound(db, cmd.actor.customer.customerId, cardNo)) return refuse('CARD_ALREADY_BOUND');
  const captcha = checkCaptcha(db, cmd.captcha.imageKey, cmd.captcha.answer, ctx.now);
  if (!captcha.ok) return captcha;
  if (bindRefused(cardNo)) return refuse('CARD_REFUSED_BY_BANK', null, captcha.events);
  const phone = (cmd.phone as string).trim();
  const sms = platformSms(db, { phone, purpose: 'bindCard', fixedCode: cmd.fixedCode ?? null }, ctx);
  if (!sms.ok) return { ...sms, events: [...captcha.events, ...sms.events] };
  const request: BindRequest = {
    ...r.value,
    customerId: cmd.actor.customer.customerId,
    bankCode: cmd.bankCode ? cmd.bankCode.toUpperCase() : null,
    cardNo,
    username: (cmd.username as string).trim(),
    idCardNo: (cmd.idcardno as string).trim().toUpperCase(),
    phone,
    smsSentTime: ctx.now,
    status: 'smsSent',
  };
  return accept(request, [...captcha.events, ...sms.events, { slice: 'orders', type: 'orders/bindSmsSent', request }], sms.effects);
}

/** #39: confirms a binding with the SMS code; the details re-sent must match those of #38 (the image
 *  captcha is re-sent by the client but not checked again: it may have been refreshed). */
export function confirmBindBankCard(
  db: Db,
  cmd: CardDetails & { actor: CustomerActor; validateCode: string },
  ctx: Ctx,
): Decision<BoundBankCard> {
  const r = openRequest(db, cmd.actor, cmd.bindBankCardId);
  if (!r.ok) return r;
  const req = r.value;
  if (req.status !== 'smsSent' || req.phone === null || req.cardNo === null) return refuse('BIND_NOT_REQUESTED');
  const c = checkDetails(cmd, false);
  if (!c.ok) return c;
  const changed =
    normaliseCardNo(cmd.cardno) !== req.cardNo ||
    (cmd.bankCode && req.bankCode !== null && cmd.bankCode.toUpperCase() !== req.bankCode) ||
    (cmd.phone && cmd.phone.trim() !== req.phone) ||
    (cmd.idcardno && cmd.idcardno.trim().toUpperCase() !== req.idCardNo) ||
    (cmd.username && cmd.username.trim() !== req.username);
  if (changed) return refuse('BIND_DETAILS_CHANGED');
  if (alreadyBound(db, cmd.actor.customer.customerId, req.cardNo)) return refuse('CARD_ALREADY_BOUND');
  const bankCode = req.bankCode ?? cmd.bankCode?.toUpperCase() ?? null;
  if (!bankCode) return refuse('BANK_CODE_INVALID', 'bankCode 不能为空');
  const code = verifySmsCode(db, req.phone, 'bindCard', cmd.validateCode, ctx.now);
  if (!code.ok) return code;
  const card: BoundBankCard = {
    bindBankCardId: req.bindBankCardId,
    customerId: cmd.actor.customer.customerId,
    bankCode,
    cardNo: req.cardNo,
    username: req.username ?? '',
    idCardNo: req.idCardNo ?? '',
    phone: req.phone,
    bindTime: ctx.now,
  };
  const events: DomainEvent[] = [...code.events, { slice: 'orders', type: 'orders/cardBound', card }];
  return accept(card, events);
}
