// Checksums and formats of the identity data the legacy client sends.

/** Mainland mobile number as the client validates it (^1[3578]\d{9}$). */
export function isMobile(text: string): boolean {
  return /^1[3578]\d{9}$/.test(text);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** PRC resident ID number (GB 11643-1999): 18 characters, a real birth date, ISO 7064 MOD 11-2 check character. */
export function isPrcIdNumber(text: string): boolean {
  const id = text.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** The check character a 17-digit ID prefix needs (for building valid test data). */
export function prcIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '0';
}

/** Luhn (mod 10) check over a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** The digit that makes `body` + digit pass the Luhn check. */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  return '0';
}

/** Bank card numbers the mock takes: 16-19 digits passing Luhn (spaces ignored by the caller). */
export function isBankCardNo(text: string): boolean {
  return /^\d{16,19}$/.test(text) && luhnValid(text);
}

/** The only form a card number ever leaves the mock in: first 6 and last 4 digits. */
export function maskCardNo(cardNo: string): string {
  return `${cardNo.slice(0, 6)}${'*'.repeat(Math.max(0, cardNo.length - 10))}${cardNo.slice(-4)}`;
}
