// The repayment schedule is exact to the fen (fast-check properties), money parses and formats
// losslessly, and the identity checks (Luhn, PRC ID) accept exactly what they should.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsCst, formatDateCst } from '../domain/orders/calendar';
import { isBankCardNo, isPrcIdNumber, luhnValid, maskCardNo, prcIdCheckChar } from '../domain/orders/checks';
import { FEE_RATE_PERCENT, FEN_QI_TIMES, standardPoundageFen } from '../domain/orders/codes';
import { fenToYuanNumber, fenToYuanText, parseYuan } from '../domain/orders/money';
import { buildSchedule, splitEvenly } from '../domain/orders/schedule';
import { MAGIC_CARDS } from '../domain/payments/cards';
import { DueHeap, compareIds, insertSorted, pageNewestFirst, removeSorted } from '../domain/orders/sortedIds';

const LOAN_TIME = Date.parse('2015-09-10T10:00:00+08:00');

describe('schedule (properties)', () => {
  const amount = fc.integer({ min: 1, max: 50_000_000 }); // 0.01 .. 500,000 yuan in fen
  const periods = fc.integer({ min: 3, max: 36 });
  const rate = fc.integer({ min: 0, max: 2000 }); // fee rate in basis points (0 .. 20 %)

  it('instalments sum exactly to amount + fee, none negative, one per month', () => {
    fc.assert(
      fc.property(amount, periods, rate, (amountFen, n, bp) => {
        const feeFen = Math.round((amountFen * bp) / 10_000);
        const s = buildSchedule({ amountFen, feeFen, periods: n, loanTime: LOAN_TIME });
        expect(s).toHaveLength(n);
        expect(s.reduce((t, i) => t + i.principalFen + i.feeFen, 0)).toBe(amountFen + feeFen);
        expect(s.reduce((t, i) => t + i.principalFen, 0)).toBe(amountFen);
        expect(s.reduce((t, i) => t + i.feeFen, 0)).toBe(feeFen);
        for (const i of s) {
          expect(i.principalFen).toBeGreaterThanOrEqual(0);
          expect(i.feeFen).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(i.principalFen) && Number.isInteger(i.feeFen)).toBe(true);
        }
        for (let k = 1; k < n; k++) expect(s[k]!.expectRepaymentTime).toBeGreaterThan(s[k - 1]!.expectRepaymentTime);
      }),
      { numRuns: 500 },
    );
  });

  it('every instalment but the last is the same; the last takes the rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), periods, (total, n) => {
        const parts = splitEvenly(total, n);
        const regular = parts.slice(0, -1);
        expect(new Set(regular).size).toBeLessThanOrEqual(1);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.min(...parts)).toBeGreaterThanOrEqual(0);
        // the regular part is total/n rounded (the client's moneyMonth) or, for tiny totals, rounded down
        const r = parts[0]!;
        expect(r === Math.round(total / n) || r === Math.floor(total / n)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the legacy example: 80000 over 12 with the 7 % fee', () => {
    const fee = standardPoundageFen(8_000_000, 12)!;
    expect(fenToYuanText(fee)).toBe('5600.00');
    const s = buildSchedule({ amountFen: 8_000_000, feeFen: fee, periods: 12, loanTime: LOAN_TIME });
    expect(s.slice(0, 11).every((i) => i.principalFen === 666_667)).toBe(true);
    expect(s[11]!.principalFen).toBe(666_663);
    expect(s[11]!.feeFen).toBe(560_000 - 46_667 * 11);
    expect(formatDateCst(s[0]!.expectRepaymentTime)).toBe('2015-10-10');
    expect(formatDateCst(s[11]!.expectRepaymentTime)).toBe('2016-09-10');
  });

  it('month ends clamp (Jan 31 + 1 month = Feb 29 in 2016) and months never drift', () => {
    const jan31 = Date.parse('2016-01-31T12:00:00+08:00');
    expect(formatDateCst(addMonthsCst(jan31, 1))).toBe('2016-02-29');
    expect(formatDateCst(addMonthsCst(jan31, 2))).toBe('2016-03-31');
    expect(formatDateCst(addMonthsCst(jan31, 13))).toBe('2017-02-28');
  });

  it('the fee table covers every instalment count the client offers', () => {
    for (const n of FEN_QI_TIMES) expect(FEE_RATE_PERCENT[n]).toBeTypeOf('number');
    expect(standardPoundageFen(100, 5)).toBeNull();
  });
});

describe('money', () => {
  it.each([
    ['80000', 8_000_000],
    ['5600.00', 560_000],
    ['6666.7', 666_670],
    ['0.01', 1],
    [' 12 ', 1200],
  ])('parses %j as %d fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['', '-1', '1.234', '1,000', 'abc', '1e5', '.5', '1234567890'])('refuses %j', (text) => expect(parseYuan(text)).toBeNull());

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        expect(parseYuan(fenToYuanText(fen))).toBe(fen);
        expect(Math.round(fenToYuanNumber(fen) * 100)).toBe(fen);
      }),
    );
  });
});

describe('identity checks', () => {
  it('PRC ID numbers: checksum, date, X', () => {
    const body = '11010519850101123';
    expect(isPrcIdNumber(body + prcIdCheckChar(body))).toBe(true);
    expect(isPrcIdNumber('11010519491001001X'.slice(0, 17) + prcIdCheckChar('11010519491001001'))).toBe(true);
    expect(isPrcIdNumber(body + ((Number(prcIdCheckChar(body)) + 1) % 10))).toBe(false);
    expect(isPrcIdNumber('110105198502301234')).toBe(false); // Feb 30
    expect(isPrcIdNumber('11010519850101123')).toBe(false); // 17 chars
    const withX = Array.from({ length: 100 }, (_, i) => `44030119900101${String(i).padStart(3, '0')}`).find((b) => prcIdCheckChar(b) === 'X')!;
    expect(isPrcIdNumber(withX + 'x')).toBe(true);
  });

  it('Luhn and card numbers; masks keep only first 6 and last 4', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(isBankCardNo('6222020000000007')).toBe(true);
    expect(isBankCardNo('622202000000007')).toBe(false); // 15 digits
    expect(maskCardNo('6222020000000007')).toBe('622202******0007');
    expect(maskCardNo('6222020000000000007').length).toBe(19);
  });

  it('every magic test card is a valid card number and the table has every outcome', () => {
    for (const c of MAGIC_CARDS) expect(isBankCardNo(c.cardNo)).toBe(true);
    expect(new Set(MAGIC_CARDS.map((c) => c.outcome))).toEqual(new Set(['success', 'declined', 'duplicate', 'late', 'never', 'bindRefused']));
  });
});

describe('index structures', () => {
  it('sorted id lists keep creation order across id lengths and page newest first', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }), { maxLength: 200 }), fc.integer({ min: 1, max: 7 }), (seqs, size) => {
        const ids = seqs.map((n) => `20150910${String(n).padStart(4, '0')}`);
        const list: string[] = [];
        for (const id of ids) insertSorted(list, id);
        const sorted = [...ids].sort(compareIds);
        expect(list).toEqual(sorted);
        const newest = [...sorted].reverse();
        expect(pageNewestFirst(list, 2, size)).toEqual(newest.slice(size, 2 * size));
        for (const id of ids.slice(0, 10)) removeSorted(list, id);
        expect(list).toEqual(sorted.filter((id) => !ids.slice(0, 10).includes(id)));
      }),
    );
  });

  it('the due heap yields entries in time order and visits exactly those due', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 100 }), fc.integer({ min: 0, max: 1000 }), (ats, limit) => {
        const h = new DueHeap();
        ats.forEach((at, i) => h.push(at, `r${i}`));
        const seen: number[] = [];
        h.forEachUpTo(limit, (_id, at) => seen.push(at));
        expect(seen.sort((a, b) => a - b)).toEqual(ats.filter((a) => a <= limit).sort((a, b) => a - b));
        const popped: number[] = [];
        while (h.size > 0) {
          popped.push(h.peek());
          h.pop();
        }
        expect(popped).toEqual([...ats].sort((a, b) => a - b));
      }),
    );
  });
});
