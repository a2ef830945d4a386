// Code tables the order side needs (base-code families 1005, 1007, 1019) and the 2015 fee table.
import { BASE_CODES, codeLabel } from '../codes';
import type { OrderStatus, RepaymentStatus } from './state';

/** The labels of `codes` in the base-code tables (BASE_CODES, #8: one source for every label). */
function labelsOf<K extends string>(codes: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const c of codes) {
    const label = codeLabel(c);
    if (!label) throw new Error(`code ${c} has no label in BASE_CODES`);
    out[c] = label;
  }
  return out;
}

/** 1005 statuses the mock uses. */
export const ORDER_STATUSES: readonly OrderStatus[] = ['100501', '100502', '100503', '100504', '100506', '100507', '100508', '100509', '100510'];

/** 1005 labels of the statuses the mock uses. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = labelsOf(ORDER_STATUSES);

/** Client pseudo filters (client-facts 2.5): not statuses, they stand for a set of statuses. */
export const PSEUDO_STATUS_FILTERS: Record<string, readonly OrderStatus[]> = {
  /** 审核中: both review stages. */
  '100502100503': ['100502', '100503'],
  /** 我的额度: orders that became a loan. */
  '100500': ['100507', '100508', '100510'],
};

/** 1019 labels. */
export const REPAYMENT_STATUS_LABELS: Record<RepaymentStatus, string> = labelsOf<RepaymentStatus>(['101901', '101902', '101903']);

/** 1007 upload material types (100701..100713). */
export const MATERIAL_TYPE_LABELS: Readonly<Record<string, string>> = BASE_CODES['1007']!;

/** The 1007 types a customer may upload (#17): 100701..100711; 100712 征信 and 100713 其它信息 are back-office uploads (client-facts 2.6). */
export const CUSTOMER_MATERIAL_TYPES: ReadonlySet<string> = new Set(Object.keys(MATERIAL_TYPE_LABELS).filter((code) => code <= '100711'));

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
