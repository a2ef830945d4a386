// The order/loan/payment slice of a Session's state: plain JSON data, no classes, no functions.
// Money is always integer fen; times are epoch milliseconds of the mock clock.
import { dict } from '../dict';

/** Order status, base-code family 1005 (only the codes the mock can reach). */
export type OrderStatus =
  | '100501' // 未完成 draft
  | '100502' // 商家审核中 seller review
  | '100503' // 风控审核中 risk review
  | '100504' // 已删除 deleted
  | '100506' // 待放款 waiting for loan
  | '100507' // 还款中 repaying
  | '100508' // 已还清 paid off
  | '100509' // 拒绝 rejected
  | '100510'; // 已逾期 overdue

/** Repayment record status, base-code family 1019. */
export type RepaymentStatus = '101901' | '101902' | '101903';

/** Package step (#14) fields, as the customer entered them (money parsed to fen). */
export interface OrderPackage {
  contractNo: string | null;
  packageName: string | null;
  packageType: string | null;
  companyId: string | null;
  contractMoneyFen: number | null;
  packageMoneyFen: number | null;
  fenQiTimes: number | null;
  poundageFen: number | null;
  repaymentType: string | null;
  moneyMonthFen: number | null;
}

/** Applicant step (#15) fields: legacy wire names, text values (null = not given). */
export type OrderApplicant = Record<string, string | null>;

/** Loan facts written once by the disbursement (#34). */
export interface OrderLoan {
  loanTime: number;
  loanApproveRecordId: string;
  /** Repayment record ids in instalment order (1..fenQiTimes). */
  repaymentRecordIds: string[];
}

export interface Order {
  orderId: string;
  customerId: string;
  /** Owning company (from #14 `companyId`); staff act only on their company's orders. */
  companyId: string | null;
  status: OrderStatus;
  /** The live step token of the wizard (#14/#15 issue it; #15/#16 check it when sent). */
  stepToken: string | null;
  createTime: number;
  updateTime: number;
  submitTime: number | null;
  package: OrderPackage;
  applicant: OrderApplicant;
  /** Material ids in upload order (deleted ones stay, flagged on the material). */
  materialIds: string[];
  /** Approval record ids in the order they happened. */
  approveRecordIds: string[];
  sellerApproveRecordId: string | null;
  riskApproveRecordId: string | null;
  loan: OrderLoan | null;
  /** Kept current by disbursement, payments and the clock (#35 remark). */
  nextRepaymentTime: number | null;
  nextRepaymentMoneyFen: number | null;
  noRepaymentTimes: number | null;
}

export interface OrderMaterial {
  orderMaterialId: string;
  orderId: string;
  customerId: string;
  /** Base-code family 1007 (100701..100713), kept as text. */
  orderMaterialType: string;
  /** Key of the stored file (the route layer maps it to a URL and the bytes). */
  fileKey: string;
  contentType: string;
  size: number;
  uploadTime: number;
  /** Legacy numeric flag: 0 present, 1 deleted. */
  delete: 0 | 1;
}

export type ApproveStage = 'seller' | 'risk' | 'loan';

export interface ApproveRecord {
  approveRecordId: string;
  orderId: string;
  stage: ApproveStage;
  approvePerson: string;
  approveName: string | null;
  approveResult: boolean;
  approveRemarks: string | null;
  approveTime: number;
  /** The staff user whose token made the decision. */
  usersId: string;
}

export interface RepaymentRecord {
  repaymentRecordId: string;
  orderId: string;
  customerId: string;
  /** 1-based instalment number. */
  period: number;
  periods: number;
  expectRepaymentTime: number;
  principalFen: number;
  feeFen: number;
  status: RepaymentStatus;
  realRepaymentTime: number | null;
  /** Penalty interest frozen when paid; while unpaid it is derived from the clock. */
  paidOverdueInterestFen: number | null;
  paidAmountFen: number | null;
  paymentId: string | null;
}

export interface BoundBankCard {
  bindBankCardId: string;
  customerId: string;
  bankCode: string;
  /** Full number stays inside the mock; responses only ever show a mask. */
  cardNo: string;
  username: string;
  idCardNo: string;
  phone: string;
  bindTime: number;
}

/** A binding in progress: #37 reserved the id, #38 sent the SMS, #39 confirms it. */
export interface BindRequest {
  bindBankCardId: string;
  createTime: number;
  customerId: string | null;
  bankCode: string | null;
  cardNo: string | null;
  username: string | null;
  idCardNo: string | null;
  phone: string | null;
  smsSentTime: number | null;
  status: 'reserved' | 'smsSent' | 'bound';
}

/** What the payment platform will do with a payment (picked by the magic test card). */
export type PaymentOutcome = 'success' | 'declined' | 'duplicate' | 'late' | 'never';

export type PaymentStatus =
  | 'created' // #41 done
  | 'smsSent' // #42 done
  | 'processing' // #43 done: in flight, waiting for the platform
  | 'succeeded' // callback #35 applied
  | 'failed'; // declined by the platform

export interface Payment {
  paymentId: string;
  customerId: string;
  repaymentRecordId: string;
  orderId: string;
  bindBankCardId: string;
  amountFen: number;
  outcome: PaymentOutcome;
  status: PaymentStatus;
  createTime: number;
  confirmTime: number | null;
  finishTime: number | null;
  errorcode: string | null;
  errormsg: string | null;
  /** How many #35 notices arrived for this payment (only the first credits). */
  callbacksReceived: number;
}

/** A platform notice the mock will deliver to itself (#35) or a decline it will apply. */
export interface PendingCallback {
  callbackId: string;
  paymentId: string;
  repaymentRecordId: string;
  kind: 'callback' | 'decline';
  /** Mock-clock time from which it is due (flush and clock moves deliver earlier/at it). */
  dueAt: number;
  /** Real-time delay the shell waits before delivering it by itself. */
  delayMs: number;
}

/** 资金收付流水: one entry per credited payment (in) and per disbursement (out), for the company's
 *  daily reconciliation. */
export interface LedgerEntry {
  ledgerId: string;
  kind: 'repayment' | 'disbursement';
  direction: 'in' | 'out';
  time: number;
  companyId: string | null;
  customerId: string;
  orderId: string;
  repaymentRecordId: string | null;
  paymentId: string | null;
  bindBankCardId: string | null;
  amountFen: number;
  principalFen: number;
  feeFen: number;
  overdueInterestFen: number;
}

/** Everything about orders, loans, cards and payments in one Session. JSON-serialisable. */
export interface OrdersState {
  /** #13 ids handed out but not yet used by #14 (orderId -> reserve time). */
  reservedOrderIds: Record<string, number>;
  orders: Record<string, Order>;
  materials: Record<string, OrderMaterial>;
  approveRecords: Record<string, ApproveRecord>;
  repaymentRecords: Record<string, RepaymentRecord>;
  bankCards: Record<string, BoundBankCard>;
  bindRequests: Record<string, BindRequest>;
  payments: Record<string, Payment>;
  pendingCallbacks: Record<string, PendingCallback>;
  ledger: LedgerEntry[];
}

/** A fresh, empty orders slice; every map is prototype-free (dict.ts): keys come from client input. */
export function emptyOrdersState(): OrdersState {
  return {
    reservedOrderIds: dict(),
    orders: dict(),
    materials: dict(),
    approveRecords: dict(),
    repaymentRecords: dict(),
    bankCards: dict(),
    bindRequests: dict(),
    payments: dict(),
    pendingCallbacks: dict(),
    ledger: [],
  };
}
