// The provider states of the partywo pacts: the names the consumer suites use in `.given(...)`, the
// parameters they pass, and the values the provider must return from the state setup (consumed by
// `fromProviderState('${key}')` and by the request filter's placeholders). This table is the backend
// team's checklist for their state change URL (README "Pact"). On the mock every state is the named
// scenario of the same name (mock/fixtures/*-scenarios.ts, `POST /__mock/scenarios/{name}`), which
// returns these keys among its ids; contracts/test/scenarios.pact.test.ts holds the two lists together.

/** One provider state. */
export interface StateInfo {
  /** What must be true on the provider after setup. */
  readonly means: string;
  /** Parameters the consumers pass (name -> meaning). */
  readonly params: Readonly<Record<string, string>>;
  /** Values the setup must return as a flat JSON object (key -> meaning). */
  readonly provides: Readonly<Record<string, string>>;
}

/** Every provider state used by the pacts, by name. */
export const stateCatalogue = {
  'an image captcha was issued': {
    means: 'An image captcha is bound to the key `imageKey` (as after GET #9 with image_key=imageKey).',
    params: { imageKey: 'the captcha key the page uses (a GUID)' },
    provides: { imageKey: 'the key', captchaCode: 'the text on the image' },
  },
  'an SMS code was sent to an unregistered phone': {
    means: 'A phone number with no customer account has received a registration SMS code (#1).',
    params: { purpose: '`register`' },
    provides: { phoneNumber: 'the phone', smsCode: 'the 6-digit code' },
  },
  'a registered customer': {
    means: 'A customer account exists with the given password (not logged in).',
    params: { password: 'the password to give the account', profile: 'optional; `complete` = sex, identification, maritalStatus, interesting and birthday are set' },
    provides: { customerId: 'the customer', phoneNumber: 'its phone' },
  },
  'a logged-in customer': {
    means: 'A customer account exists and holds a live login token.',
    params: {},
    provides: { customerId: 'the customer', phoneNumber: 'its phone', login_token: 'a live customer login token' },
  },
  'another logged-in customer': {
    means: 'A SECOND customer exists, logged in (used to prove one customer cannot reach another one\'s data).',
    params: {},
    provides: { otherCustomerId: 'the second customer', otherLoginToken: 'its live login token' },
  },
  'an SMS code was sent to a registered customer': {
    means: 'A registered customer has received an SMS code for `purpose` on their current phone (#1).',
    params: { purpose: '`findPassword` (#4) or `changePhone` (#11)' },
    provides: { customerId: 'the customer', phoneNumber: 'its phone', smsCode: 'the 6-digit code' },
  },
  'a password reset was verified': {
    means: 'Step 1 of the password reset (#4) succeeded for a registered customer.',
    params: {},
    provides: { customerId: 'the customer', resetToken: 'the step token #4 returned' },
  },
  'an SMS code was sent to a new phone of a logged-in customer': {
    means: 'A logged-in customer has passed #11 and received an SMS code on a NEW, unregistered phone (#1).',
    params: {},
    provides: { customerId: 'the customer', login_token: 'its login token', newPhoneNumber: 'the new phone', smsCode: 'the code sent to it' },
  },
  'a staff user of company X': {
    means: 'A back-office user of company `companyId` with `role` exists with the given password (not logged in).',
    params: { companyId: 'the company', role: '`seller`, `risk` or `finance`', password: 'the password to give the user' },
    provides: { usersId: 'the user', usersPhone: 'its phone', usersName: 'its name', companyId: 'its company' },
  },
  'a logged-in staff user of company X': {
    means: 'A back-office user of company `companyId` with `role` holds a live login token.',
    params: { companyId: 'the company', role: '`seller`, `risk` or `finance`' },
    provides: { usersId: 'the user', usersName: 'its name', staffLoginToken: 'a live staff login token' },
  },
  'an order id was reserved': {
    means: 'A logged-in customer has reserved an order id with #13 (no order yet).',
    params: {},
    provides: { customerId: 'the customer', login_token: 'its login token', orderId: 'the reserved id' },
  },
  'an order in draft': {
    means: 'A logged-in customer owns an order in status 100501 (draft) of company `companyId`, its package and applicant pages filled as the 2015 form submits them.',
    params: { companyId: 'the company', complete: '`true` = an ID-card image is uploaded too (ready for #16); `false` = no material (#16 refuses it)' },
    provides: { customerId: 'the owner', login_token: 'its login token', orderId: 'the order', orderMaterialId: 'one of its materials (when complete)' },
  },
  'an order awaiting seller approval': {
    means: 'A logged-in customer owns a complete order of company `companyId`, submitted with #16: status 100502.',
    params: { companyId: 'the company' },
    provides: { customerId: 'the owner', login_token: 'its login token', orderId: 'the order' },
  },
  'an order awaiting risk approval': {
    means: 'As above, seller-approved: status 100503, with one seller approval record.',
    params: { companyId: 'the company' },
    provides: { customerId: 'the owner', login_token: 'its login token', orderId: 'the order' },
  },
  'an order waiting for loan': {
    means: 'As above, risk-approved: status 100506.',
    params: { companyId: 'the company' },
    provides: { customerId: 'the owner', login_token: 'its login token', orderId: 'the order' },
  },
  'a loan with N of M instalments paid': {
    means: 'A disbursed order (100507) of `m` monthly instalments whose first `n` are paid (the n-th fell due today); the owner has a bound bank card.',
    params: { n: 'instalments paid (number)', m: 'instalments of the loan (number)' },
    provides: {
      customerId: 'the owner', phoneNumber: 'its phone (the bank-reserved phone of its card)', login_token: 'its login token', orderId: 'the order',
      repaymentRecordId: 'the first unpaid instalment', paidRepaymentRecordId: 'the first instalment (when n > 0)', bindBankCardId: 'the bound card',
    },
  },
  'a loan with an overdue instalment': {
    means: 'A disbursed order whose first instalment is past due and unpaid (record 101903, order 100510).',
    params: {},
    provides: { customerId: 'the owner', login_token: 'its login token', orderId: 'the order', repaymentRecordId: 'the overdue instalment' },
  },
  'a paid-off loan': {
    means: 'A loan whose every instalment is paid: order 100508.',
    params: {},
    provides: { customerId: 'the owner', login_token: 'its login token', orderId: 'the order', repaymentRecordId: 'one of its (paid) instalments' },
  },
  'a customer with a bound card': {
    means: 'A logged-in customer with one bound bank card.',
    params: {},
    provides: { customerId: 'the customer', login_token: 'its login token', bindBankCardId: 'the bound card (bbcId)' },
  },
  'a bank-card binding was started': {
    means: 'A logged-in customer has a fresh binding id from #37 and a captcha bound to `imageKey`.',
    params: { imageKey: 'the captcha key' },
    provides: { customerId: 'the customer', login_token: 'its login token', bindBankCardId: 'the binding id', captchaCode: 'the captcha text' },
  },
  'a bank-card binding SMS code was sent': {
    means: 'As above, and #38 was sent with the given card details: the bank sent an SMS code to `phone`.',
    params: { imageKey: 'the captcha key', bankCode: 'bank code', username: 'card holder', cardno: 'card number', idcardno: 'ID number', phone: 'bank-reserved phone' },
    provides: { customerId: 'the customer', login_token: 'its login token', bindBankCardId: 'the binding id', captchaCode: 'the captcha text', smsCode: 'the code the bank sent' },
  },
  'a payment was requested': {
    means: 'The owner of a loan with a bound card has called #41 for its first unpaid instalment; a captcha is bound to `imageKey`.',
    params: { imageKey: 'the captcha key' },
    provides: { customerId: 'the owner', login_token: 'its login token', repaymentRecordId: 'the instalment', payOrderId: 'the payment id #41 returned (sent as `orderid`)', captchaCode: 'the captcha text' },
  },
  'a payment SMS code was sent': {
    means: 'As above, and #42 succeeded: the payment platform sent an SMS code.',
    params: { imageKey: 'the captcha key' },
    provides: { customerId: 'the owner', login_token: 'its login token', repaymentRecordId: 'the instalment', payOrderId: 'the payment id', captchaCode: 'the captcha text', smsCode: 'the payment SMS code' },
  },
  'a payment was confirmed': {
    means: 'As above, and #43 succeeded and the platform\'s callback was delivered: the payment succeeded.',
    params: {},
    provides: { payOrderId: 'the payment id', repaymentRecordId: 'the instalment (now paid)' },
  },
  'a payment is in flight for an instalment': {
    means: 'A payment of an instalment was confirmed (#43) and its callback (#35) has not arrived yet.',
    params: {},
    provides: { repaymentRecordId: 'the instalment', payOrderId: 'the payment id' },
  },
} as const satisfies Record<string, StateInfo>;

/** A provider-state name of the catalogue. */
export type StateName = keyof typeof stateCatalogue;
export const stateNames = Object.keys(stateCatalogue) as StateName[];
