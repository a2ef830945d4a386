// Magic test cards (Stripe-style): the card number picks what the simulated payment platform does.
// Every number is 16 digits and passes the Luhn check; any other valid card number simply succeeds.
import type { PaymentOutcome } from '../orders/state';

export interface MagicCard {
  cardNo: string;
  /** What happens when this card binds (#38) or pays (#43). */
  outcome: PaymentOutcome | 'bindRefused';
  label: string;
  description: string;
}

/** The published table (README "Magic test cards"; a unit test checks each is Luhn-valid). */
export const MAGIC_CARDS: readonly MagicCard[] = [
  {
    cardNo: '6222020000000007',
    outcome: 'success',
    label: '成功 success',
    description: 'payment succeeds: the callback (#35) arrives after callbackDelayMs (default 3 s); poll status 3 then 1',
  },
  {
    cardNo: '6222020000000015',
    outcome: 'declined',
    label: '拒绝 declined',
    description: 'the bank declines after callbackDelayMs: poll status 0 with errorcode DECLINED / errormsg 支付失败: 银行卡余额不足, no callback, no credit',
  },
  {
    cardNo: '6222020000000023',
    outcome: 'duplicate',
    label: '回调两次 callback delivered twice',
    description: 'the callback arrives twice (after callbackDelayMs and 1 s later): credited once, one ledger entry',
  },
  {
    cardNo: '6222020000000031',
    outcome: 'late',
    label: '回调延迟 callback delivered late',
    description: 'the callback arrives after lateCallbackDelayMs (default 60 s; flush or a clock move delivers it sooner)',
  },
  {
    cardNo: '6222020000000049',
    outcome: 'never',
    label: '无回调 callback never delivered',
    description: 'the platform never calls back: poll status stays 3 (处理中), flush delivers nothing, the instalment stays unpaid',
  },
  {
    cardNo: '6222020000000056',
    outcome: 'bindRefused',
    label: '绑卡失败 binding refused',
    description: 'binding is refused at #38 (CARD_REFUSED_BY_BANK): the bank says the holder data does not match',
  },
];

const BY_NUMBER = new Map(MAGIC_CARDS.map((c) => [c.cardNo, c]));

/** What paying with `cardNo` does: its magic outcome, or success for any other card. */
export function paymentOutcomeOf(cardNo: string): PaymentOutcome {
  const o = BY_NUMBER.get(cardNo)?.outcome;
  return o === undefined || o === 'bindRefused' ? 'success' : o;
}

/** True when the (simulated) bank refuses to bind `cardNo`. */
export function bindRefused(cardNo: string): boolean {
  return BY_NUMBER.get(cardNo)?.outcome === 'bindRefused';
}

/** Errors the simulated platform reports for a declined payment (poll `errorcode`/`errormsg`). */
export const DECLINE = { errorcode: 'DECLINED', errormsg: '支付失败: 银行卡余额不足' } as const;
