// The ONE error catalogue of the mock: code -> Chinese message. Every failure envelope carries one of
// these codes in `code` and its message (plus a detail naming the parameter or problem) in `message`.
// Other slices append their codes here (keep the groups; codes are UPPER_SNAKE, stable: tests,
// the spec's examples and Pact interactions rely on them).

export const errors = {
  // transport (HTTP status other than 200 only for these)
  NOT_FOUND: '接口不存在',
  METHOD_NOT_ALLOWED: '不支持该请求方法',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  BODY_UNPARSEABLE: '请求内容无法解析',
  UNSUPPORTED_MEDIA_TYPE: '不支持的请求内容类型',
  INTERNAL_ERROR: '服务器内部错误',

  // parameters (from the spec validation)
  PARAM_MISSING: '缺少参数',
  PARAM_INVALID: '参数格式不正确',

  // authentication and authorisation
  TOKEN_MISSING: '缺少登录标志,请先登录',
  TOKEN_INVALID: '登录已失效,请重新登录',
  NOT_CUSTOMER_TOKEN: '该操作需要用户登录',
  NOT_STAFF_TOKEN: '该操作需要后台用户登录',
  FORBIDDEN: '无权访问该数据',
  ROLE_FORBIDDEN: '当前后台用户无此操作权限',

  // image captcha
  CAPTCHA_INVALID: '图形验证码错误',
  CAPTCHA_EXPIRED: '图形验证码已过期,请刷新',

  // SMS codes
  SMS_RATE_LIMITED: '短信发送过于频繁,请稍后再试',
  SMS_CODE_INVALID: '短信验证码错误',
  SMS_CODE_EXPIRED: '短信验证码已过期,请重新获取',
  SMS_CODE_TOO_MANY_TRIES: '短信验证码错误次数过多,请重新获取',
  SMS_CODE_NOT_SENT: '请先获取短信验证码',

  // accounts
  PHONE_REGISTERED: '该手机号已注册',
  PHONE_NOT_REGISTERED: '该手机号未注册',
  LOGIN_FAILED: '手机号或密码错误',
  CUSTOMER_NOT_FOUND: '用户不存在',
  STEP_TOKEN_INVALID: '操作凭证无效或已过期,请重新验证',
  PHONE_UNCHANGED: '新手机号与原手机号相同',
  STAFF_PHONE_REGISTERED: '该手机号已注册后台用户',
  COMPANY_NOT_FOUND: '公司不存在',
  BASE_CODE_INVALID: '代码不存在',
  BASE_CODE_FAMILY_UNKNOWN: '未知的代码类别',

  // uploads
  FILE_MISSING: '缺少上传文件',
  FILE_TYPE_INVALID: '文件不是支持的图片格式(jpg、png、gif、bmp)',

  // orders, materials, approvals (issue 4)
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_ID_NOT_RESERVED: '订单编号无效,请先获取订单编号',
  ORDER_NOT_EDITABLE: '订单已提交,不能再修改',
  ORDER_INCOMPLETE: '订单信息不完整',
  ORDER_STATUS_INVALID: '订单当前状态不允许该操作',
  MONEY_INVALID: '金额格式不正确',
  PACKAGE_MONEY_EXCEEDS_CONTRACT: '分期金额不能大于合同金额',
  FEN_QI_TIMES_INVALID: '分期期数必须是3、6、9、12、18、24、36之一',
  ID_NUMBER_INVALID: '身份证号码不正确',
  PRODUCT_NOT_FOUND: '套餐不存在',
  MATERIAL_NOT_FOUND: '资料不存在',
  MATERIAL_TYPE_INVALID: '资料类型不正确(客户可上传 100701-100711)',
  FILE_TOO_LARGE: '上传文件过大(不能超过10MB)',
  APPROVE_RESULT_INVALID: '审批结果不正确(true、false或0)',

  // loans, repayments, bank cards, payment (issue 4)
  REPAYMENT_RECORD_NOT_FOUND: '还款记录不存在',
  REPAYMENT_ALREADY_PAID: '该期已还款',
  REPAYMENT_OUT_OF_ORDER: '请先偿还更早的一期',
  PAYMENT_IN_PROGRESS: '该期还款正在处理中,请稍后查看还款记录',
  BIND_ID_INVALID: '绑定银行卡编号无效,请重新获取',
  BIND_NOT_REQUESTED: '请先发送绑定银行卡短信验证码',
  BIND_DETAILS_CHANGED: '银行卡信息与发送验证码时不一致',
  CARD_NO_INVALID: '银行卡号不正确',
  CARD_ALREADY_BOUND: '该银行卡已绑定',
  CARD_REFUSED_BY_BANK: '银行卡信息校验失败,持卡人信息与银行预留信息不符',
  BANK_CODE_INVALID: '不支持的银行编码',
  BANK_CARD_NOT_FOUND: '银行卡未绑定',
  NO_BOUND_CARD: '用户未绑定银行卡',
  PAYMENT_NOT_FOUND: '支付订单不存在',
  PAYMENT_STATUS_INVALID: '支付订单当前状态不允许该操作',
  PAYMENT_NOT_IN_FLIGHT: '该还款记录没有处理中的支付',

  // mock admin API
  ADMIN_FORBIDDEN: '管理接口仅限本机访问或需要管理令牌',
  SNAPSHOT_INVALID: '状态快照无效',
  SNAPSHOT_VERSION_UNSUPPORTED: '状态快照版本不受支持',
  SCENARIO_UNKNOWN: '未知的场景',
  SCENARIO_PARAM_INVALID: '场景参数不正确',
  CLOCK_BACKWARDS: '模拟时钟不能倒退',
  CAPTCHA_NOT_FOUND: '该图形验证码不存在',

  // operations: fault injection and sessions (issue 7)
  FAULT_INJECTED: '模拟故障',
  FAULT_NOT_FOUND: '该故障规则不存在',
  SESSION_NOT_FOUND: '该会话不存在',
  SESSION_LIMIT_REACHED: '会话数量已达上限',
} as const;

export type ErrorCode = keyof typeof errors;

/** A business failure: a catalogue code and a Chinese message naming the problem. */
export interface DomainError {
  code: ErrorCode;
  message: string;
}

/** Builds a DomainError; `detail` (a parameter name or the problem) is appended to the catalogue text. */
export function domainError(code: ErrorCode, detail?: string | null): DomainError {
  const base = errors[code];
  return { code, message: detail ? `${base}: ${detail}` : base };
}

/** True when `code` is a code of the catalogue. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(errors, code);
}
