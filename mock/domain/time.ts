// Time formatting in China Standard Time (UTC+8), the legacy backend's zone. Pure.

const OFFSET_MS = 8 * 3_600_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** `yyyy-MM-dd` of `t` in CST. */
export function dateCst(t: number): string {
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** `yyyy-MM-dd HH:mm:ss` of `t` in CST. */
export function dateTimeCst(t: number): string {
  const iso = new Date(t + OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `yyyyMMdd` of `t` in CST (the prefix of legacy ids). */
export function compactDateCst(t: number): string {
  return dateCst(t).replaceAll('-', '');
}
