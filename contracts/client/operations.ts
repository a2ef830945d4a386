// Runtime table of every operation the typed client can call: legacy number, path, HTTP method and
// how the real 2015 client encodes the request (client-facts.md §1.1, §1.5, §1.6). Keyed by operationId,
// the same key as `operations[...]` in openapi/generated/openapi.d.ts (a type test keeps them in step).

/** How the legacy client puts the parameters on the wire. */
export type Encoding =
  /** jQuery `$.ajax` POST: `application/x-www-form-urlencoded` body. */
  | 'form'
  /** Hidden-iframe form post: `multipart/form-data`, text fields plus one file part. */
  | 'multipart'
  /** `<img src>` GET with the parameters in the query string. */
  | 'query';

/** One row of the operation table. */
export interface OperationInfo {
  /** The number in the legacy document (null for the two undocumented calls the client uses). */
  readonly number: number | null;
  readonly tag: 'account' | 'reference' | 'orders' | 'backoffice' | 'loans' | 'payment' | 'payment-platform';
  readonly path: `/${string}`;
  readonly method: 'POST' | 'GET';
  readonly encoding: Encoding;
  /** Name of the file part of a multipart operation. */
  readonly filePart?: string;
  /** What the answer is: the JSON envelope, JSON text served as text/html for an iframe, or an image. */
  readonly response: 'json' | 'iframe-json' | 'image';
}

const form = { method: 'POST', encoding: 'form', response: 'json' } as const;

/** Every operation of openapi/operations.yaml (44 documented + uploadIcon + getPayRecordById). */
export const operationTable = {
  sendValidateMessage: { number: 1, tag: 'account', path: '/message/sendValidateMessage', ...form },
  registerCustomer: { number: 2, tag: 'account', path: '/user/registerCustomerController', ...form },
  customerLogin: { number: 3, tag: 'account', path: '/user/CustomerLoginController', ...form },
  updatePasswordPre: { number: 4, tag: 'account', path: '/user/updatePasswordPreController', ...form },
  updatePassword: { number: 5, tag: 'account', path: '/user/updatePasswordController', ...form },
  updateCustomerInfo: { number: 6, tag: 'account', path: '/user/updateCustomerInfoController', ...form },
  getCustomerByCustomerId: { number: 7, tag: 'account', path: '/user/getCustomerByCustomerIdController', ...form },
  getBaseCodeByParents: { number: 8, tag: 'reference', path: '/baseCodeController/getBaseCodeByParents', ...form },
  getImageValidate: { number: 9, tag: 'account', path: '/imageValidate/getImageValidate', method: 'GET', encoding: 'query', response: 'image' },
  customerLoginOut: { number: 10, tag: 'account', path: '/user/CustomerLoginOutController', ...form },
  updatePhoneNumberPre: { number: 11, tag: 'account', path: '/user/updatePhoneNumberPreController', ...form },
  updatePhoneNumber: { number: 12, tag: 'account', path: '/user/updatePhoneNumberController', ...form },
  getOrderId: { number: 13, tag: 'orders', path: '/order/getOrderIdController', ...form },
  editOrderPackage: { number: 14, tag: 'orders', path: '/order/editOrderPackageController', ...form },
  editOrderCustomerInfo: { number: 15, tag: 'orders', path: '/order/editOrderCustomerInfoController', ...form },
  editOrderComplete: { number: 16, tag: 'orders', path: '/order/editOrderCompleteController', ...form },
  uploadOrderMaterial: { number: 17, tag: 'orders', path: '/order/uploadOrderMaterial', method: 'POST', encoding: 'multipart', filePart: 'orderMaterialFile', response: 'iframe-json' },
  deleteOrderMaterial: { number: 18, tag: 'orders', path: '/order/deleteOrderMaterial', ...form },
  queryOrders: { number: 19, tag: 'orders', path: '/order/queryOrdersController', ...form },
  queryOrdersByOrderId: { number: 20, tag: 'orders', path: '/order/queryOrdersByOrderIdController', ...form },
  deleteOrderByOrderId: { number: 21, tag: 'orders', path: '/order/deleteOrderByOrderIdController', ...form },
  queryProduct: { number: 22, tag: 'reference', path: '/order/queryProductController', ...form },
  registerUsers: { number: 23, tag: 'backoffice', path: '/user/registerUsersController', ...form },
  usersLogin: { number: 24, tag: 'backoffice', path: '/user/UsersLoginController', ...form },
  queryCompany: { number: 25, tag: 'reference', path: '/order/queryCompanyController', ...form },
  querySellerApproveOrders: { number: 26, tag: 'backoffice', path: '/order/querySellerApproveOrdersController', ...form },
  sellerApproveOrder: { number: 27, tag: 'backoffice', path: '/order/sellerApproveOrderController', ...form },
  queryRiskManagementApproveOrders: { number: 28, tag: 'backoffice', path: '/order/queryRiskManagementApproveOrdersController', ...form },
  riskManagementApproveOrder: { number: 29, tag: 'backoffice', path: '/order/riskManagementApproveOrderController', ...form },
  queryWaitingForPayOrders: { number: 30, tag: 'backoffice', path: '/order/queryWaitingForPayOrdersController', ...form },
  getRepaymentRecordByOrderId: { number: 31, tag: 'loans', path: '/order/getRepaymentRecordByOrderId', ...form },
  getRepaymentRecordByRepaymentRecordId: { number: 32, tag: 'loans', path: '/order/getRepaymentRecordByRepaymentRecordId', ...form },
  getApproveRecordsByOrderId: { number: 33, tag: 'backoffice', path: '/order/getApproveRecordsByOrderId', ...form },
  loanByOrderId: { number: 34, tag: 'loans', path: '/order/loanByOrderId', ...form },
  repaymentDoneByRepaymentRecordId: { number: 35, tag: 'payment-platform', path: '/order/repaymentDoneByRepaymentRecordId', ...form },
  isExistBindBankCard: { number: 36, tag: 'payment', path: '/payPc/isExistBindBankCard', ...form },
  getBindBankCardId: { number: 37, tag: 'payment', path: '/payPc/getBindBankCardId', ...form },
  invokeBindBanCard: { number: 38, tag: 'payment', path: '/payPc/invokeBindBanCard', ...form },
  confirmBindBankcard: { number: 39, tag: 'payment', path: '/payPc/confirmBindBankcard', ...form },
  getBindBankCardByCustomerId: { number: 40, tag: 'payment', path: '/payPc/getBindBankCardByCustomerId', ...form },
  sendBindRequest: { number: 41, tag: 'payment', path: '/payPc/sendBindRequest', ...form },
  sendSmsByRepaymentRecordId: { number: 42, tag: 'payment', path: '/payPc/sendSmsByRepaymentRecordId', ...form },
  smsConfirm: { number: 43, tag: 'payment', path: '/payPc/smsConfirm', ...form },
  getBankCode: { number: 44, tag: 'reference', path: '/baseCodeController/getBankCode', ...form },
  uploadIcon: { number: null, tag: 'account', path: '/user/uploadIcon', method: 'POST', encoding: 'multipart', filePart: 'avatar', response: 'iframe-json' },
  getPayRecordById: { number: null, tag: 'payment', path: '/payPc/getPayRecordById', ...form },
} as const satisfies Record<string, OperationInfo>;

/** Every operationId the client knows, in legacy-number order. */
export type OperationName = keyof typeof operationTable;
export const operationNames = Object.keys(operationTable) as OperationName[];
