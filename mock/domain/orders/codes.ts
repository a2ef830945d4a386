// Code tables the order side needs (base-code families 1005, 1007, 1019) and the 2015 fee table.
import type { OrderStatus, RepaymentStatus } from './state';

/** 1005 labels of the statuses the mock uses. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  '100501': '未完成',
  '100502': '商家审核中',
  '100503': '风控审核中',
  '100504': '已删除',
  '100506': '待放款',
  '100507': '还款中',
  '100508': '已还清',
  '100509': '拒绝',
  '100510': '已逾期',
};

export const ORDER_STATUSES = Object.keys(ORDER_STATUS_LABELS) as OrderStatus[];

/** Client pseudo filters (client-facts 2.5): not statuses, they stand for a set of statuses. */
export const PSEUDO_STATUS_FILTERS: Record<string, readonly OrderStatus[]> = {
  /** 审核中: both review stages. */
  '100502100503': ['100502', '100503'],
  /** 我的额度: orders that became a loan. */
  '100500': ['100507', '100508', '100510'],
};

/** 1019 labels. */
export const REPAYMENT_STATUS_LABELS: Record<RepaymentStatus, string> = {
  '101901': '还款中',
  '101902': '已还款',
  '101903': '已逾期',
};

/** 1007 upload material types (100701..100713). */
export const MATERIAL_TYPE_LABELS: Record<string, string> = {
  '100701': '身份证',
  '100702': '房产证明',
  '100703': '现住址证明',
  '100704': '工作证明',
  '100705': '收入证明',
  '100706': '结婚证/单身证明',
  '100707': '连带责任人身份证照片',
  '100708': '企业用户营业执照照片',
  '100709': '企业用户组织结构代码证',
  '100710': '企业用户税务登记证',
  '100711': '企业用户企业经营场所照片',
  '100712': '征信',
  '100713': '其它信息',
};

/** Material type whose presence #16 requires (at least one). */
export const ID_CARD_MATERIAL = '100701';

/** Instalment counts the 2015 client offers. */
export const FEN_QI_TIMES = [3, 6, 9, 12, 18, 24, 36] as const;

/** 2015 total service-fee rate per instalment count, in percent of the financed amount. */
export const FEE_RATE_PERCENT: Record<number, number> = { 3: 0, 6: 1, 9: 4, 12: 7, 18: 10, 24: 13, 36: 16 };

/** Penalty interest on an overdue instalment: 5 per 10,000 (0.05 %) of the instalment per day overdue. */
export const OVERDUE_DAILY_RATE_PER_10000 = 5;

/** The service fee the 2015 client computes for an amount and a count (fen, rounded half up). */
export function standardPoundageFen(packageMoneyFen: number, fenQiTimes: number): number | null {
  const rate = FEE_RATE_PERCENT[fenQiTimes];
  if (rate === undefined) return null;
  return Math.round((packageMoneyFen * rate) / 100);
}

/** Approval stage labels (family 1017 for seller/risk; 1024 for the disbursement). */
export const APPROVE_STAGE_CODES = { seller: '101701', risk: '101702', loan: '102402' } as const;
export const APPROVE_STAGE_LABELS = { seller: '商家审批', risk: '风控审批', loan: '放款' } as const;
