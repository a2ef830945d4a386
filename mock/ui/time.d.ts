// Types of time.js (plain ES module served to the browser; typed for the tests).
export declare const DAY_MS: number;
export declare function startOfDayCst(t: number): number;
export declare function addMonthsCst(t: number, months: number): number;
export declare function formatCst(t: number): string;
export declare function formatDateCst(t: number): string;
export declare function parseLegacyDate(text: string | number): number;
export declare function nextDueTarget(now: number, dueDates: Iterable<string>): number | null;
export interface StatusRecord {
  repaymentRecordId: string | number;
  status: string;
  [key: string]: unknown;
}
export declare function statusChanges<T extends StatusRecord>(before: T[], after: T[]): { before: T; after: T }[];
