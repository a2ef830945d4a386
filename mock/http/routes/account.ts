// Tag "account": SMS code, captcha, registration, login, logout, password and phone changes, profile,
// avatar upload. Thin adapters: parameters -> one domain call -> envelope.
import type { FastifyInstance } from 'fastify';
import { logout } from '../../domain/accounts/auth';
import { issueCaptcha, sendSmsCode } from '../../domain/accounts/credentials';
import {
  customerLogin,
  customerView,
  getCustomer,
  registerCustomer,
  setIcon,
  updateCustomerInfo,
  updatePassword,
  updatePhoneNumber,
  verifyPhoneStep,
} from '../../domain/accounts/customers';
import type { Customer } from '../../domain/accounts/state';
import { sniffImageType } from '../../store/blobs';
import { FIXED_CAPTCHA, FIXED_SMS_CODE } from '../../store/session';
import { renderCaptchaPng } from '../captcha-image';
import { success } from '../envelope';
import type { OpContext } from '../operations';
import { defineOperations } from '../operations';

function view(op: OpContext, c: Customer) {
  return customerView(c, op.fileUrl, op.time);
}

export default async function accountRoutes(app: FastifyInstance): Promise<void> {
  defineOperations(app, {
    // #1
    sendValidateMessage(op) {
      op.run((db, ctx) =>
        sendSmsCode(
          db,
          {
            phone: op.str('phone_number'),
            purpose: 'account',
            captcha: { imageKey: op.str('validate_key'), answer: op.str('validate_code') },
            fixedCode: op.session.fixedCodes ? FIXED_SMS_CODE : null,
          },
          ctx,
        ),
      );
      return success({ message: '短信发送成功' });
    },

    // #2
    registerCustomer(op) {
      const r = op.run((db, ctx) =>
        registerCustomer(db, { phone: op.str('phone_number'), password: op.str('password'), smsCode: op.str('validate_code'), name: op.opt('name') }, ctx),
      );
      return success({ obj: view(op, r.customer), token: r.token, message: '用户注册成功!' });
    },

    // #3
    customerLogin(op) {
      const r = op.run((db, ctx) => customerLogin(db, { phone: op.str('phone_number'), password: op.str('password') }, ctx));
      return success({ obj: view(op, r.customer), token: r.token, message: '登录成功!' });
    },

    // #4
    updatePasswordPre(op) {
      const r = op.run((db, ctx) => verifyPhoneStep(db, { phone: op.str('phone_number'), smsCode: op.str('validate_code'), purpose: 'password' }, ctx));
      return success({ obj: view(op, r.customer), token: r.stepToken });
    },

    // #5
    updatePassword(op) {
      op.run((db, ctx) => updatePassword(db, { customerId: op.str('customer_id'), stepToken: op.str('token'), password: op.str('password') }, ctx));
      return success({ message: '密码更新成功!' });
    },

    // #6
    updateCustomerInfo(op) {
      op.run((db, ctx) =>
        updateCustomerInfo(
          db,
          {
            token: op.str('login_token'),
            customerId: op.str('customerId'),
            sex: op.opt('sex'),
            identification: op.opt('identification'),
            maritalStatus: op.opt('maritalStatus'),
            interesting: op.opt('interesting'),
            birthday: op.opt('birthday'),
          },
          ctx,
        ),
      );
      return success({ message: '用户信息更新成功!' });
    },

    // #7
    getCustomerByCustomerId(op) {
      const r = op.run((db, ctx) => getCustomer(db, { customerId: op.str('customerId'), token: op.opt('login_token') }, ctx.now));
      return success({ obj: view(op, r.customer) });
    },

    // #9
    async getImageValidate(op) {
      const captcha = op.run((db, ctx) => issueCaptcha(db, { imageKey: op.str('image_key'), fixedCode: op.session.fixedCodes ? FIXED_CAPTCHA : null }, ctx));
      const png = await renderCaptchaPng(captcha.code);
      return { raw: png, contentType: 'image/png', headers: { 'cache-control': 'no-store' } };
    },

    // #10
    customerLoginOut(op) {
      op.run((db, ctx) => logout(db, { token: op.str('login_token') }, ctx));
      return success({ message: '注销登录成功!' });
    },

    // #11
    updatePhoneNumberPre(op) {
      const r = op.run((db, ctx) => verifyPhoneStep(db, { phone: op.str('phone_number'), smsCode: op.str('validate_code'), purpose: 'phone' }, ctx));
      return success({ obj: view(op, r.customer), token: r.stepToken });
    },

    // #12
    updatePhoneNumber(op) {
      op.run((db, ctx) =>
        updatePhoneNumber(db, { customerId: op.str('customer_id'), token: op.str('token'), newPhone: op.str('phoneNumber'), smsCode: op.str('validate_code') }, ctx),
      );
      return success({ message: '手机号更新成功!' });
    },

    // undocumented: the profile page's avatar upload (multipart, answered as text/html for the iframe)
    uploadIcon: {
      html: true,
      handler(op) {
        const customerId = op.str('customer_id');
        op.customer(customerId);
        const file = op.file('avatar');
        const type = sniffImageType(file.data);
        if (!type) return op.fail('FILE_TYPE_INVALID', `avatar (${file.filename || 'unnamed'})`);
        const now = op.session.clock.now();
        const key = `avatars/${customerId}-${now.toString(36)}.${type.ext}`;
        const r = op.run((db, ctx) => setIcon(db, { token: op.str('login_token'), customerId, iconKey: key }, ctx));
        op.session.blobs.put(key, type.contentType, file.data, now);
        return success({ obj: view(op, r.customer).icon, message: '头像上传成功' });
      },
    },
  });
}
