// Code tables the console shows (client-facts.md section 2) and the operation catalogue (openapi/operations.yaml;
// a unit test keeps this copy equal to it).

/** 1005 订单状态 order status labels; English beside them. */
export const ORDER_STATUS = {
  100501: ['未完成', 'draft'],
  100502: ['商家审核中', 'seller review'],
  100503: ['风控审核中', 'risk review'],
  100504: ['已删除', 'deleted'],
  100505: ['待缴手续费', 'fee due'],
  100506: ['待放款', 'waiting for loan'],
  100507: ['还款中', 'repaying'],
  100508: ['已还清', 'paid off'],
  100509: ['拒绝', 'rejected'],
  100510: ['已逾期', 'overdue'],
};

/** Client pseudo filters of #19 (not statuses). */
export const ORDER_STATUS_FILTERS = {
  100502100503: ['审核中', 'in review'],
  100500: ['我的额度', 'became a loan'],
};

/** 1019 还款记录状态 repayment record status. */
export const REPAYMENT_STATUS = {
  101901: ['还款中', 'due'],
  101902: ['已还款', 'paid'],
  101903: ['已逾期', 'overdue'],
  101904: ['已违约', 'defaulted'],
};

/** 1007 材料类型 material types. */
export const MATERIAL_TYPE = {
  100701: '身份证',
  100702: '房产证明',
  100703: '现住址证明',
  100704: '工作证明',
  100705: '收入证明',
  100706: '结婚证/单身证明',
  100707: '连带责任人身份证照片',
  100708: '企业用户营业执照照片',
  100709: '企业用户组织结构代码证',
  100710: '企业用户税务登记证',
  100711: '企业用户企业经营场所照片',
  100712: '征信',
  100713: '其它信息',
};

/** Staff roles of /__mock/accounts. */
export const ROLES = {
  seller: ['商家审批', 'seller approval #26/#27'],
  risk: ['风控审批', 'risk approval #28/#29'],
  finance: ['财务放款', 'finance, disbursement #30/#34'],
};

/** Magic test cards of the simulated payment platform (README "Magic test cards"; a unit test keeps them equal). */
export const MAGIC_CARDS = [
  ['6222020000000007', '成功 success'],
  ['6222020000000015', '拒绝 declined'],
  ['6222020000000023', '回调两次 callback delivered twice'],
  ['6222020000000031', '回调延迟 callback delivered late'],
  ['6222020000000049', '无回调 callback never delivered'],
  ['6222020000000056', '绑卡失败 binding refused'],
];

/** Order fields of #20 with their Chinese names (the admin detail pages' captions). */
export const ORDER_FIELDS = [
  ['orderId', '订单编号'],
  ['customerId', '用户编号'],
  ['companyId', '公司'],
  ['contractNo', '合同编号'],
  ['packageName', '套餐'],
  ['packageType', '套餐编号'],
  ['contractMoney', '合同金额'],
  ['packageMoney', '分期金额'],
  ['fenQiTimes', '分期数'],
  ['poundage', '手续费'],
  ['moneyMonth', '月还本金'],
  ['repaymentType', '还款方式'],
  ['noRepaymentTimes', '待还期数'],
  ['nextRepaymentTime', '下次还款日'],
  ['nextRepaymentMoney', '下次还款金额'],
  ['loanTime', '放款时间'],
  ['applicantName', '申请人'],
  ['applicantPhone', '申请人电话'],
  ['applicantIdentity', '身份证号'],
  ['applicantAge', '年龄'],
  ['applicantSex', '性别'],
  ['applicantAddress', '住址'],
  ['applicantCompany', '工作单位'],
  ['applicantWages', '税后收入'],
  ['familyName', '家庭联系人'],
  ['familyPhone', '家庭联系人电话'],
  ['createTime', '创建时间'],
];

/** Operation catalogue (legacy number, path, operationId): the same list as openapi/operations.yaml. */
export const OPERATIONS = [
  [1, '/message/sendValidateMessage', 'sendValidateMessage'],
  [2, '/user/registerCustomerController', 'registerCustomer'],
  [3, '/user/CustomerLoginController', 'customerLogin'],
  [4, '/user/updatePasswordPreController', 'updatePasswordPre'],
  [5, '/user/updatePasswordController', 'updatePassword'],
  [6, '/user/updateCustomerInfoController', 'updateCustomerInfo'],
  [7, '/user/getCustomerByCustomerIdController', 'getCustomerByCustomerId'],
  [8, '/baseCodeController/getBaseCodeByParents', 'getBaseCodeByParents'],
  [9, '/imageValidate/getImageValidate', 'getImageValidate'],
  [10, '/user/CustomerLoginOutController', 'customerLoginOut'],
  [11, '/user/updatePhoneNumberPreController', 'updatePhoneNumberPre'],
  [12, '/user/updatePhoneNumberController', 'updatePhoneNumber'],
  [13, '/order/getOrderIdController', 'getOrderId'],
  [14, '/order/editOrderPackageController', 'editOrderPackage'],
  [15, '/order/editOrderCustomerInfoController', 'editOrderCustomerInfo'],
  [16, '/order/editOrderCompleteController', 'editOrderComplete'],
  [17, '/order/uploadOrderMaterial', 'uploadOrderMaterial'],
  [18, '/order/deleteOrderMaterial', 'deleteOrderMaterial'],
  [19, '/order/queryOrdersController', 'queryOrders'],
  [20, '/order/queryOrdersByOrderIdController', 'queryOrdersByOrderId'],
  [21, '/order/deleteOrderByOrderIdController', 'deleteOrderByOrderId'],
  [22, '/order/queryProductController', 'queryProduct'],
  [23, '/user/registerUsersController', 'registerUsers'],
  [24, '/user/UsersLoginController', 'usersLogin'],
  [25, '/order/queryCompanyController', 'queryCompany'],
  [26, '/order/querySellerApproveOrdersController', 'querySellerApproveOrders'],
  [27, '/order/sellerApproveOrderController', 'sellerApproveOrder'],
  [28, '/order/queryRiskManagementApproveOrdersController', 'queryRiskManagementApproveOrders'],
  [29, '/order/riskManagementApproveOrderController', 'riskManagementApproveOrder'],
  [30, '/order/queryWaitingForPayOrdersController', 'queryWaitingForPayOrders'],
  [31, '/order/getRepaymentRecordByOrderId', 'getRepaymentRecordByOrderId'],
  [32, '/order/getRepaymentRecordByRepaymentRecordId', 'getRepaymentRecordByRepaymentRecordId'],
  [33, '/order/getApproveRecordsByOrderId', 'getApproveRecordsByOrderId'],
  [34, '/order/loanByOrderId', 'loanByOrderId'],
  [35, '/order/repaymentDoneByRepaymentRecordId', 'repaymentDoneByRepaymentRecordId'],
  [36, '/payPc/isExistBindBankCard', 'isExistBindBankCard'],
  [37, '/payPc/getBindBankCardId', 'getBindBankCardId'],
  [38, '/payPc/invokeBindBanCard', 'invokeBindBanCard'],
  [39, '/payPc/confirmBindBankcard', 'confirmBindBankcard'],
  [40, '/payPc/getBindBankCardByCustomerId', 'getBindBankCardByCustomerId'],
  [41, '/payPc/sendBindRequest', 'sendBindRequest'],
  [42, '/payPc/sendSmsByRepaymentRecordId', 'sendSmsByRepaymentRecordId'],
  [43, '/payPc/smsConfirm', 'smsConfirm'],
  [44, '/baseCodeController/getBankCode', 'getBankCode'],
  [null, '/user/uploadIcon', 'uploadIcon'],
  [null, '/payPc/getPayRecordById', 'getPayRecordById'],
];

/** operationId -> legacy path. */
export const PATH_OF = Object.fromEntries(OPERATIONS.map(([, path, id]) => [id, path]));

/** operationId -> "#n" (or "undocumented"). */
export function numberOf(operationId) {
  const op = OPERATIONS.find(([, , id]) => id === operationId);
  if (!op) return '';
  return op[0] === null ? '未文档化 undocumented' : `#${op[0]}`;
}

/** [zh, en] of an order status code (or a pseudo filter), undefined when unknown. */
export function orderStatusLabel(code) {
  return ORDER_STATUS[code] ?? ORDER_STATUS_FILTERS[code];
}
