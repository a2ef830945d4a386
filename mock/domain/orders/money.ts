// Money on the wire is yuan text with up to two decimals; inside the mock it is integer fen.

/** Largest amount the mock accepts (1 亿 yuan): keeps every sum a safe integer. */
export const MAX_FEN = 100_000_000 * 100;

const YUAN_TEXT = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** Parses legacy yuan text ("80000", "5600.00", "6666.7") to fen; null when it is not money. */
export function parseYuan(text: string): number | null {
  const m = YUAN_TEXT.exec(text.trim());
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = Number(((m[2] ?? '') + '00').slice(0, 2));
  const fen = whole * 100 + frac;
  return fen <= MAX_FEN ? fen : null;
}

/** Formats fen as legacy yuan text with exactly two decimals ("5600.00"). */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats fen as a JSON number of yuan (two decimals at most), for fields the client adds with `+`. */
export function fenToYuanNumber(fen: number): number {
  return Number(fenToYuanText(fen));
}
