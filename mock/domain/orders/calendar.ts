// Calendar arithmetic in China Standard Time (UTC+8, no daylight saving since 1991), pure.

export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Start of the CST calendar day containing `t`. */
export function startOfDayCst(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** The CST day `months` calendar months after `t`'s day, clamped to the month's end (Jan 31 + 1 -> Feb 28/29). */
export function addMonthsCst(t: number, months: number): number {
  const d = new Date(t + OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const day = d.getUTCDate();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(day, lastDay)) - OFFSET_MS;
}

/** "yyyy-MM-dd" of `t` in CST. */
export function formatDateCst(t: number): string {
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** "yyyy-MM-dd HH:mm:ss" of `t` in CST. */
export function formatDateTimeCst(t: number): string {
  const iso = new Date(t + OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Whole days from the due day to `now` (0 on the due day itself, 1 the day after). */
export function daysPastDue(expect: number, now: number): number {
  return Math.max(0, Math.floor((startOfDayCst(now) - startOfDayCst(expect)) / DAY_MS));
}
