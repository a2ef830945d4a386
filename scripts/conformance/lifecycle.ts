// The full loan life cycle, through the proxy, with the 2015-09 client's parameter names and encodings:
// register (captcha + SMS read through the admin API), log in, profile, the three-step application with a
// multipart material upload, submit, seller and risk approval, disbursement, card binding, and every
// instalment paid through #41-#43 (callbacks flushed through the admin API, status polled with
// getPayRecordById) until the order is paid off; then the account side (logout, password reset, phone
// change) so that every operation's success is proven at least once.
import { ASCII_GIF, TINY_PNG } from '../fuzz/http';
import { APPLICANT_STEP, COMPANY_ID } from '../../mock/fixtures/samples';
import type { Driver } from './driver';
import { advance, captcha, flushPayments, idNumber, smsCode } from './world';

const COMPANY = COMPANY_ID;
const FEN_QI = 6;

async function sendSms(r: Driver, phone: string): Promise<string> {
  const key = r.key();
  await r.must('sendValidateMessage', { phone_number: phone, validate_key: key, validate_code: await captcha(r, key) });
  return smsCode(r, phone, 'account');
}

async function staffToken(r: Driver, role: string): Promise<{ token: string; usersId: string; usersName: string }> {
  const { body } = await r.admin<{ staff: { usersPhone: string; password: string; companyId: string; role: string }[] }>('GET', '/__mock/accounts');
  const s = body.staff.find((x) => x.companyId === COMPANY && x.role === role);
  if (!s) throw new Error(`no ${role} staff of ${COMPANY} in /__mock/accounts`);
  const login = await r.must('usersLogin', { usersPhone: s.usersPhone, password: s.password });
  return { token: login.body!.token!, usersId: login.body!.obj.usersId, usersName: login.body!.obj.usersName };
}

/** Runs the life cycle; throws when a step the next ones depend on fails. */
export async function loanLifeCycle(r: Driver): Promise<void> {
  const phone = r.phones.next();
  const password = 'Conform2015';

  // the captcha image itself, straight from the mock: through the proxy its bytes are re-encoded as text
  await r.must('getImageValidate', { image_key: r.key(), t: '1441072800000' }, { encoding: 'get', direct: 'the PNG bytes (Prism passes non-JSON answers on as UTF-8 text)' });

  // registration page: captcha image, SMS, register (= login)
  const reg = await r.must('registerCustomer', { phone_number: phone, password, validate_code: await sendSms(r, phone) });
  const customerId = reg.body!.obj.customerId as string;
  const login = await r.must('customerLogin', { phone_number: phone, password });
  let token = login.body!.token!;

  // reference data the pages load
  await r.must('getBaseCodeByParents', { parents: '1001,1002,1003,1004' });
  await r.must('getBaseCodeByParents', { parents: '1005' });
  await r.must('getBaseCodeByParents', { parents: '1003,1008,1009,1012,1013,1014,1015,1016' });
  await r.must('queryCompany', {});
  const products = await r.must('queryProduct', { companyId: COMPANY });
  const product = products.body!.list![0] as { productId: string; productName: string };
  await r.must('getBankCode', {});

  // profile page
  await r.must('getCustomerByCustomerId', { customerId });
  await r.must('updateCustomerInfo', { login_token: token, customerId, sex: '100102', identification: '100202', maritalStatus: '100302', interesting: '100401,100404', birthday: '1986-02-03' });
  await r.must('uploadIcon', { login_token: token, customer_id: customerId }, { files: { avatar: { filename: 'me.gif', contentType: 'image/gif', data: ASCII_GIF } }, headers: { accept: 'application/json' } });

  // application wizard: #13 -> #14 -> #15 -> materials (#17, #18) -> #16
  const orderId = (await r.must('getOrderId', {})).body!.obj as string;
  await r.must('editOrderPackage', {
    login_token: token,
    customerId,
    orderId,
    contractNo: 'HT-2015-CONF',
    packageName: product.productName,
    packageType: product.productId,
    companyId: COMPANY,
    contractMoney: '60000',
    packageMoney: '48000',
    fenQiTimes: String(FEN_QI),
    poundage: '480.00',
    repaymentType: '100802',
    moneyMonth: '8000.00',
  });
  // the run's own applicant (李娜): the shared sample with her own name, ID, phone, job and family
  await r.must('editOrderCustomerInfo', {
    login_token: token,
    orderId,
    ...APPLICANT_STEP,
    applicantName: '李娜',
    applicantAge: '29',
    applicantSex: '100102',
    applicantIdentity: idNumber('11010519860203002'),
    applicantMarital: '100302',
    applicantMajor: '建筑学',
    applicantPhone: phone,
    applicantHouseNumber: '1',
    applicantHouseWorth: '2000000',
    applicantCarNumber: '0',
    applicantCarWorth: '0',
    applicantCompany: '北京某某设计有限公司',
    applicantCompanyIndustry: '101302',
    applicantWages: '18000',
    familyName: '李建国',
    familyTwoName: '王芳',
  });
  const file = (type: string) => ({ orderMaterialFile: { filename: `${type}.gif`, contentType: 'image/gif', data: ASCII_GIF } });
  // the iframe's answer is text/html, which Prism checks as a string against the envelope schema: through
  // the proxy the client asks for JSON (Accept), the text/html answer is checked by our validator directly
  const materialIds: string[] = [];
  for (const type of ['100701', '100701', '100701', '100702', '100703', '100704', '100705']) {
    const up = await r.must('uploadOrderMaterial', { login_token: token, customerId, orderId, orderMaterialType: type }, { files: file(type), headers: { accept: 'application/json' } });
    materialIds.push(up.body!.message!);
  }
  const html = await r.must(
    'uploadOrderMaterial',
    { login_token: token, customerId, orderId, orderMaterialType: '100706' },
    { files: { orderMaterialFile: { filename: 'single.png', contentType: 'image/png', data: TINY_PNG } }, direct: 'text/html iframe answer (Prism validates text/html bodies as strings) with a binary PNG (Prism re-encodes non-JSON bodies as UTF-8)' },
  );
  if (!html.contentType.startsWith('text/html')) throw new Error(`uploadOrderMaterial answered ${html.contentType}, the iframe needs text/html`);
  await r.must('deleteOrderMaterial', { login_token: token, orderMaterialId: html.body!.message! });
  await r.must('queryOrdersByOrderId', { login_token: token, orderId });
  await r.must('queryOrders', { login_token: token, customerId, status: '', currentPageNum: '1', pageSize: '10' });
  await r.must('editOrderComplete', { login_token: token, orderId });

  // back office: seller, risk, finance
  const seller = await staffToken(r, 'seller');
  await r.must('querySellerApproveOrders', { login_token: seller.token, status: '', currentPageNum: '1', companyId: COMPANY });
  await r.must('sellerApproveOrder', { login_token: seller.token, orderId, approvePerson: seller.usersId, approveName: seller.usersName, approveResult: 'true', approveRemarks: '资料齐全' });
  const risk = await staffToken(r, 'risk');
  await r.must('queryRiskManagementApproveOrders', { login_token: risk.token, status: '', currentPageNum: '1', companyId: COMPANY });
  await r.must('riskManagementApproveOrder', { login_token: risk.token, orderId, approvePerson: risk.usersId, approveName: risk.usersName, approveResult: 'true', approveRemarks: '' });
  const finance = await staffToken(r, 'finance');
  await r.must('queryWaitingForPayOrders', { login_token: finance.token, status: '', currentPageNum: '1', companyId: COMPANY });
  await r.must('loanByOrderId', { login_token: finance.token, orderId, approvePerson: finance.usersId, approveName: finance.usersName, approveResult: 'true', approveRemarks: '放款' });
  await r.must('getApproveRecordsByOrderId', { login_token: finance.token, orderId });
  await r.must('queryOrdersByOrderId', { login_token: seller.token, orderId });

  // the schedule
  const records = (await r.must('getRepaymentRecordByOrderId', { login_token: token, orderId })).body!.list as { repaymentRecordId: string; expectRepaymentTime: string }[];
  if (records.length !== FEN_QI) throw new Error(`expected ${FEN_QI} repayment records, got ${records.length}`);

  // no card yet (success:false is the normal answer), then bind one: #37 -> captcha -> #38 -> SMS -> #39
  await r.expect('NO_BOUND_CARD', 'isExistBindBankCard', { login_token: token, customerId });
  const bindBankCardId = (await r.must('getBindBankCardId', {})).body!.obj as string;
  const card = { bindBankCardId, customerId, bankCode: 'ICBC', username: '李娜', cardno: '6222020000000007', idcardno: idNumber('11010519860203002'), phone };
  const bindKey = r.key();
  await r.must('invokeBindBanCard', { login_token: token, img_validate_key: bindKey, img_validate_code: await captcha(r, bindKey), ...card });
  await r.must('confirmBindBankcard', { login_token: token, ...card, validate_code: await smsCode(r, phone, 'bindCard') });
  await r.must('isExistBindBankCard', { login_token: token, customerId });
  const cards = (await r.must('getBindBankCardByCustomerId', { login_token: token, customerId })).body!.list as { bbcId: string }[];

  // pay every instalment: #31 -> #36 -> #40 -> #41 -> captcha -> #42 -> SMS -> #43 -> poll; callback; poll
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    await advance(r, i === 0 ? 24 * 3600 : 30 * 24 * 3600);
    // a month later the customer comes back: login tokens end after 7 idle days
    token = (await r.must('customerLogin', { phone_number: phone, password })).body!.token!;
    const paymentId = (await r.must('sendBindRequest', { login_token: token, customerId, repaymentRecordId: rec.repaymentRecordId, bindBankCardId: cards[0]!.bbcId })).body!.obj as string;
    const payKey = r.key();
    await r.must('sendSmsByRepaymentRecordId', { login_token: token, img_validate_key: payKey, img_validate_code: await captcha(r, payKey), orderid: paymentId });
    await r.must('smsConfirm', { login_token: token, img_validate_key: payKey, img_validate_code: 'x1y2', orderid: paymentId, validate_code: await smsCode(r, phone, 'payment') });
    const polled = await r.must('getPayRecordById', { orderid: paymentId });
    if (polled.body!.obj.status !== 3 && polled.body!.obj.status !== '3') throw new Error(`payment ${paymentId} should be in progress (3), got ${JSON.stringify(polled.body!.obj)}`);
    if (i === 1) {
      // this time the payment platform's own call arrives first (through the proxy), the queued one later changes nothing
      await r.must('repaymentDoneByRepaymentRecordId', { repaymentRecordId: rec.repaymentRecordId, orderid: paymentId });
    }
    await flushPayments(r);
    const done = await r.must('getPayRecordById', { orderid: paymentId });
    if (String(done.body!.obj.status) !== '1') throw new Error(`payment ${paymentId} should be done (1), got ${JSON.stringify(done.body!.obj)}`);
    await r.must('getRepaymentRecordByRepaymentRecordId', { login_token: token, repaymentRecordId: rec.repaymentRecordId });
  }
  const paidOff = await r.must('queryOrdersByOrderId', { login_token: token, orderId });
  if (paidOff.body!.obj.status !== '100508') throw new Error(`order ${orderId} should be paid off (100508), is ${paidOff.body!.obj.status}`);
  await r.must('queryOrders', { login_token: token, customerId, status: '100508', currentPageNum: '1', pageSize: '10' });

  // a second application, given up while still a draft
  const draftId = (await r.must('getOrderId', { login_token: token })).body!.obj as string;
  await r.must('editOrderPackage', { login_token: token, customerId, orderId: draftId, packageType: product.productId, companyId: COMPANY, packageName: product.productName, contractMoney: '30000', packageMoney: '30000', fenQiTimes: '3', poundage: '0.00', moneyMonth: '10000.00', repaymentType: '100802' });
  await r.must('deleteOrderByOrderId', { login_token: token, orderId: draftId });

  // account side: logout, password reset (#4 -> #5), phone change (#11 -> #12), staff registration
  await r.must('customerLoginOut', { login_token: token });
  await advance(r, 61);
  const pre = await r.must('updatePasswordPre', { phone_number: phone, validate_code: await sendSms(r, phone) });
  await r.must('updatePassword', { customer_id: pre.body!.obj.customerId, token: pre.body!.token!, password: 'Conform2016' });
  const token2 = (await r.must('customerLogin', { phone_number: phone, password: 'Conform2016' })).body!.token!;
  await advance(r, 61);
  await r.must('updatePhoneNumberPre', { phone_number: phone, validate_code: await sendSms(r, phone) });
  const newPhone = r.phones.next();
  await r.must('updatePhoneNumber', { customer_id: customerId, token: token2, phoneNumber: newPhone, validate_code: await sendSms(r, newPhone) });
  await r.must('customerLogin', { phone_number: newPhone, password: 'Conform2016' });
  await r.must('registerUsers', { usersPhone: r.phones.next(), password: 'Staff2015x', usersName: '新同事', companyId: COMPANY, sex: '100101' });
}
