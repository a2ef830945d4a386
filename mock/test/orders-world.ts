// Test support for the pure order/payment domain: a Store on the seeded baseline, a settable clock, and
// shortcuts that drive an order to any point of its life through the real decide functions.
import { expect } from 'vitest';
import type { Principal } from '../domain/accounts/auth';
import { DAY_MS } from '../domain/orders/calendar';
import type { ApplicantField, CustomerActor, PackageField, StaffActor, WireFields } from '../domain/orders/orders';
import {
  approveOrder,
  deleteOrder,
  editOrderComplete,
  editOrderCustomerInfo,
  editOrderPackage,
  reserveOrderId,
  uploadOrderMaterial,
} from '../domain/orders/orders';
import { loanByOrderId, sweepOverdue } from '../domain/orders/loans';
import type { OrderStatus } from '../domain/orders/state';
import { confirmBindBankCard, getBindBankCardId, invokeBindBankCard } from '../domain/payments/binding';
import { DEFAULT_TIMING, confirmPayment, repaymentDone, sendBindRequest, sendPaymentSms } from '../domain/payments/payment';
import { issueCaptcha } from '../domain/accounts/credentials';
import type { Db } from '../domain/state';
import type { Ctx, Decision } from '../domain/types';
import { baseline, DEFAULT_SEED } from '../fixtures/baseline';
import { APPLICANT_STEP, CARD as SAMPLE_CARD, COMPANY_ID, PACKAGE_STEP, sampleIdNumber } from '../fixtures/samples';
import type { Outcome } from '../store/store';
import { Store } from '../store/store';

export const T0 = Date.parse('2015-09-10T10:00:00+08:00');
export const SHENGHUOJIA = COMPANY_ID;
export const LANGRUN = '20150901000002';

/** A valid PRC ID number (checksum computed). */
export const idNumber = sampleIdNumber;

export const PACKAGE: WireFields<PackageField> = PACKAGE_STEP;

export const APPLICANT: WireFields<ApplicantField> = APPLICANT_STEP;

export const CARD: Record<keyof typeof SAMPLE_CARD, string> = SAMPLE_CARD;

export class World {
  readonly store = new Store(() => baseline(DEFAULT_SEED));
  now = T0;

  get db(): Db {
    return this.store.db;
  }

  run<V>(decide: (db: Db, ctx: Ctx) => Decision<V>): Outcome<V> {
    return this.store.execute(this.now, decide);
  }

  /** Runs and expects success; returns the value. */
  ok<V>(decide: (db: Db, ctx: Ctx) => Decision<V>): V {
    const o = this.run(decide);
    if (!o.ok) throw new Error(`expected success, got ${o.error.code}: ${o.error.message}`);
    return o.value;
  }

  /** Runs and expects the given error code; returns the message. */
  fails(code: string, decide: (db: Db, ctx: Ctx) => Decision<unknown>): string {
    const o = this.run(decide);
    expect(o.ok ? 'ok' : o.error.code).toBe(code);
    return o.ok ? '' : o.error.message;
  }

  advance(ms: number): void {
    this.now += ms;
    this.ok((db, ctx) => sweepOverdue(db, {}, ctx));
  }

  customer(customerId = '201509010101'): CustomerActor {
    const customer = this.db.state.accounts.customers[customerId];
    if (!customer) throw new Error(`no customer ${customerId}`);
    return { kind: 'customer', token: 'T', customer };
  }

  staff(role: 'seller' | 'risk' | 'finance', companyId = SHENGHUOJIA): StaffActor {
    const staff = Object.values(this.db.state.accounts.staff).find((s) => s.role === role && s.companyId === companyId);
    if (!staff) throw new Error(`no ${role} of ${companyId}`);
    return { kind: 'staff', token: 'T', staff };
  }

  status(orderId: string): OrderStatus | undefined {
    return this.db.state.orders.orders[orderId]?.status;
  }

  /** A draft with the package and applicant pages filled and an ID-card image. */
  draft(actor: CustomerActor = this.customer(), opts: { materials?: boolean; pkg?: WireFields<PackageField> } = {}): string {
    const orderId = this.ok((db, ctx) => reserveOrderId(db, {}, ctx));
    this.ok((db, ctx) => editOrderPackage(db, { actor, orderId, fields: opts.pkg ?? PACKAGE }, ctx));
    this.ok((db, ctx) => editOrderCustomerInfo(db, { actor, orderId, fields: { ...APPLICANT, applicantPhone: actor.customer.phoneNumber } }, ctx));
    if (opts.materials !== false) {
      this.ok((db, ctx) => uploadOrderMaterial(db, { actor, orderId, orderMaterialType: '100701', contentType: 'image/png', size: 100 }, ctx));
    }
    return orderId;
  }

  /** An order driven to `status` through the real transitions. */
  orderIn(status: OrderStatus, actor: CustomerActor = this.customer(), pkg?: WireFields<PackageField>): string {
    const orderId = this.draft(actor, pkg ? { pkg } : {});
    if (status === '100501') return orderId;
    if (status === '100504') {
      this.ok((db, ctx) => editOrderComplete(db, { actor, orderId }, ctx));
      return this.deleteIt(actor, orderId);
    }
    this.ok((db, ctx) => editOrderComplete(db, { actor, orderId }, ctx));
    if (status === '100502') return orderId;
    const seller = this.staff('seller');
    if (status === '100509') {
      this.ok((db, ctx) => approveOrder(db, { actor: seller, orderId, approveResult: 'false', stage: 'seller' }, ctx));
      return orderId;
    }
    this.ok((db, ctx) => approveOrder(db, { actor: seller, orderId, approveResult: 'true', stage: 'seller' }, ctx));
    if (status === '100503') return orderId;
    this.ok((db, ctx) => approveOrder(db, { actor: this.staff('risk'), orderId, approveResult: 'true', stage: 'risk' }, ctx));
    if (status === '100506') return orderId;
    this.ok((db, ctx) => loanByOrderId(db, { actor: this.staff('finance'), orderId, approveResult: 'true' }, ctx));
    if (status === '100507') return orderId;
    if (status === '100510') {
      const first = this.records(orderId)[0]!;
      this.now = first.expectRepaymentTime + DAY_MS + 1;
      this.ok((db, ctx) => sweepOverdue(db, {}, ctx));
      return orderId;
    }
    // 100508: pay everything
    this.bindCard(actor);
    for (const r of this.records(orderId)) {
      this.now = Math.max(this.now, r.expectRepaymentTime - DAY_MS);
      this.pay(actor, r.repaymentRecordId);
    }
    return orderId;
  }

  private deleteIt(actor: Principal, orderId: string): string {
    this.ok((db, ctx) => deleteOrder(db, { actor, orderId }, ctx));
    return orderId;
  }

  records(orderId: string) {
    const o = this.db.state.orders.orders[orderId];
    return (o?.loan?.repaymentRecordIds ?? []).map((id) => this.db.state.orders.repaymentRecords[id]!);
  }

  captcha(imageKey = 'k-' + this.now): { imageKey: string; answer: string } {
    const c = this.ok((db, ctx) => issueCaptcha(db, { imageKey }, ctx));
    return { imageKey, answer: c.code };
  }

  smsCode(phone: string, purpose: 'bindCard' | 'payment'): string {
    const s = this.db.state.accounts.smsCodes[`${purpose}:${phone}`];
    if (!s) throw new Error(`no ${purpose} code for ${phone}`);
    return s.code;
  }

  /** Binds `card` for the customer through #37/#38/#39; returns the bindBankCardId. */
  bindCard(actor: CustomerActor = this.customer(), card = CARD): string {
    const bindBankCardId = this.ok((db, ctx) => getBindBankCardId(db, { actor: null }, ctx));
    const captcha = this.captcha();
    this.ok((db, ctx) => invokeBindBankCard(db, { actor, bindBankCardId, ...card, captcha }, ctx));
    const validateCode = this.smsCode(card.phone, 'bindCard');
    this.ok((db, ctx) => confirmBindBankCard(db, { actor, bindBankCardId, ...card, validateCode }, ctx));
    return bindBankCardId;
  }

  /** Pays a record through #41/#42/#43 (the payment stays in flight); returns the payment id. */
  startPayment(actor: CustomerActor, repaymentRecordId: string, bindBankCardId: string | null = null): string {
    const p = this.ok((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId, bindBankCardId }, ctx));
    const captcha = this.captcha();
    this.ok((db, ctx) => sendPaymentSms(db, { actor, orderid: p.paymentId, repaymentRecordId: null, captcha }, ctx));
    const card = this.db.state.orders.bankCards[p.bindBankCardId]!;
    const validateCode = this.smsCode(card.phone, 'payment');
    this.ok((db, ctx) => confirmPayment(db, { actor, orderid: p.paymentId, repaymentRecordId: null, validateCode, timing: DEFAULT_TIMING }, ctx));
    return p.paymentId;
  }

  /** Pays a record and delivers the platform's callback. Moves the clock past the SMS resend gap. */
  pay(actor: CustomerActor, repaymentRecordId: string): string {
    this.now += 61_000;
    const paymentId = this.startPayment(actor, repaymentRecordId);
    this.now += 3000;
    this.ok((db, ctx) => repaymentDone(db, { repaymentRecordId }, ctx));
    return paymentId;
  }
}
