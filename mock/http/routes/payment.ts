// Tag "payment": bank-card binding and paying an instalment through the simulated payment platform
// (#36-#43) and the undocumented status poll getPayRecordById. Thin adapters.
import type { FastifyInstance } from 'fastify';
import { authenticate } from '../../domain/accounts/auth';
import { bankCardView } from '../../domain/orders/views';
import { fenToYuanNumber } from '../../domain/orders/money';
import type { CardDetails } from '../../domain/payments/binding';
import { cardsOf, confirmBindBankCard, getBindBankCardId, hasBoundCard, invokeBindBankCard } from '../../domain/payments/binding';
import { confirmPayment, payStatusOf, sendBindRequest, sendPaymentSms } from '../../domain/payments/payment';
import { accept, refuse } from '../../domain/types';
import { FIXED_SMS_CODE } from '../../store/session';
import { success } from '../envelope';
import type { OpContext } from '../operations';
import { defineOperations } from '../operations';
import { platformTiming } from '../payments-platform';

function cardDetails(op: OpContext): CardDetails {
  return {
    bindBankCardId: op.str('bindBankCardId'),
    bankCode: op.opt('bankCode'),
    username: op.opt('username'),
    cardno: op.str('cardno'),
    idcardno: op.opt('idcardno'),
    phone: op.opt('phone'),
  };
}

function fixedCode(op: OpContext): string | null {
  return op.session.fixedCodes ? FIXED_SMS_CODE : null;
}

function paymentRef(op: OpContext) {
  return { orderid: op.opt('orderid'), repaymentRecordId: op.opt('repaymentRecordId') };
}

export default async function paymentRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #36: success false (NO_BOUND_CARD) is the normal "no card" answer
    isExistBindBankCard(op) {
      const actor = op.customer(op.str('customerId'));
      const has = op.run((db) => (hasBoundCard(db, actor) ? accept(true) : refuse('NO_BOUND_CARD')));
      return success({ message: has ? '用户已绑定银行卡' : '' });
    },

    // #37: no token in the 2015 client; a token, when sent, must be a live customer token
    getBindBankCardId(op) {
      const actor = op.opt('login_token') ? op.customer() : null;
      return success({ obj: op.run((db, ctx) => getBindBankCardId(db, { actor }, ctx)), message: '' });
    },

    // #38
    invokeBindBanCard(op) {
      const actor = op.customer(op.str('customerId'));
      op.run((db, ctx) =>
        invokeBindBankCard(
          db,
          { actor, ...cardDetails(op), captcha: { imageKey: op.str('img_validate_key'), answer: op.str('img_validate_code') }, fixedCode: fixedCode(op) },
          ctx,
        ),
      );
      return success({ message: '验证码已发送至银行预留手机,请注意查收' });
    },

    // #39
    confirmBindBankcard(op) {
      const actor = op.customer(op.str('customerId'));
      op.run((db, ctx) => confirmBindBankCard(db, { actor, ...cardDetails(op), validateCode: op.str('validate_code') }, ctx));
      return success({ message: '银行卡绑定成功' });
    },

    // #40: masked numbers only
    getBindBankCardByCustomerId(op) {
      const actor = op.customer(op.str('customerId'));
      const cards = op.run((db) => accept(cardsOf(db, actor.customer.customerId).map(bankCardView)));
      return success({ obj: {}, list: cards, message: '' });
    },

    // #41: obj = the payment id (the client's later `orderid`)
    sendBindRequest(op) {
      const actor = op.customer(op.str('customerId'));
      const p = op.run((db, ctx) => sendBindRequest(db, { actor, repaymentRecordId: op.str('repaymentRecordId'), bindBankCardId: op.opt('bindBankCardId') }, ctx));
      return success({ obj: p.paymentId, message: '' });
    },

    // #42: the payment by `orderid` (client) or `repaymentRecordId` (document)
    sendSmsByRepaymentRecordId(op) {
      const actor = op.customer(op.opt('customerId'));
      const ref = paymentRef(op);
      if (!ref.orderid && !ref.repaymentRecordId) return op.fail('PARAM_MISSING', 'orderid 或 repaymentRecordId');
      op.run((db, ctx) =>
        sendPaymentSms(db, { actor, ...ref, captcha: { imageKey: op.str('img_validate_key'), answer: op.str('img_validate_code') }, fixedCode: fixedCode(op) }, ctx),
      );
      return success({ message: '验证码已发送至银行预留手机,请注意查收' });
    },

    // #43: the payment is in flight; the platform's callback (#35) comes later
    smsConfirm(op) {
      const actor = op.customer(op.opt('customerId'));
      const ref = paymentRef(op);
      if (!ref.orderid && !ref.repaymentRecordId) return op.fail('PARAM_MISSING', 'orderid 或 repaymentRecordId');
      op.run((db, ctx) => confirmPayment(db, { actor, ...ref, validateCode: op.str('validate_code'), timing: platformTiming(app) }, ctx));
      return success({ message: '支付完成,请及时关注还款记录状态!' });
    },

    // undocumented status poll: only `orderid`, no token (a token, when sent, must be the payment's customer)
    getPayRecordById(op) {
      const paymentId = op.str('orderid');
      const token = op.opt('login_token');
      const obj = op.run((db, ctx) => {
        const events = [];
        if (token) {
          const who = authenticate(db, token, ctx.now);
          if (!who.ok) return who;
          events.push(...who.events);
          const p = db.state.orders.payments[paymentId];
          if (p && (who.value.kind !== 'customer' || who.value.customer.customerId !== p.customerId)) return refuse('FORBIDDEN', `orderid ${paymentId}`, events);
        }
        const p = db.state.orders.payments[paymentId];
        if (!p) return refuse('PAYMENT_NOT_FOUND', `orderid ${paymentId}`, events);
        return accept(
          { status: payStatusOf(p), errorcode: p.errorcode, errormsg: p.errormsg, orderid: p.paymentId, repaymentRecordId: p.repaymentRecordId, amount: fenToYuanNumber(p.amountFen) },
          events,
        );
      });
      return success({ obj, message: '' });
    },
  });
}
