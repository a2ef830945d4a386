// The repayment schedule created by the disbursement (#34): exact to the fen, rounding on the last instalment.
import { addMonthsCst, startOfDayCst } from './calendar';

export interface Instalment {
  period: number;
  expectRepaymentTime: number;
  principalFen: number;
  feeFen: number;
}

/**
 * Splits `totalFen` into `periods` parts: every part but the last is total/periods rounded to the fen
 * (the client's `moneyMonth`), the last takes the rest. Falls back to rounding down when rounding up
 * would leave a negative last part, so every part is >= 0 and the parts sum to `totalFen` exactly.
 */
export function splitEvenly(totalFen: number, periods: number): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new RangeError(`bad amount ${totalFen}`);
  if (!Number.isInteger(periods) || periods < 1) throw new RangeError(`bad periods ${periods}`);
  let regular = Math.round(totalFen / periods);
  if (regular * (periods - 1) > totalFen) regular = Math.floor(totalFen / periods);
  const parts = new Array<number>(periods).fill(regular);
  parts[periods - 1] = totalFen - regular * (periods - 1);
  return parts;
}

/** The monthly instalments of a loan disbursed at `loanTime`: due on the same CST day of each following month. */
export function buildSchedule(input: { amountFen: number; feeFen: number; periods: number; loanTime: number }): Instalment[] {
  const principal = splitEvenly(input.amountFen, input.periods);
  const fee = splitEvenly(input.feeFen, input.periods);
  const loanDay = startOfDayCst(input.loanTime);
  return principal.map((p, i) => ({
    period: i + 1,
    expectRepaymentTime: addMonthsCst(loanDay, i + 1),
    principalFen: p,
    feeFen: fee[i] ?? 0,
  }));
}
