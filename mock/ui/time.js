// Calendar arithmetic in China Standard Time (UTC+8), as the mock's due dates use it. Pure: no DOM, no clock.

export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Start (00:00 CST) of the day containing `t`. */
export function startOfDayCst(t) {
  return Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** `t` moved by whole calendar months in CST, the day clamped to the month's end (Jan 31 + 1 -> Feb 28/29). */
export function addMonthsCst(t, months) {
  const d = new Date(t + OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()) - OFFSET_MS;
}

/** "yyyy-MM-dd HH:mm:ss" of `t` in CST. */
export function formatCst(t) {
  const iso = new Date(t + OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** "yyyy-MM-dd" of `t` in CST. */
export function formatDateCst(t) {
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Epoch ms of a legacy date text ("yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", read as CST) or of an ISO-8601 text
 * with a zone; NaN when it is neither.
 */
export function parseLegacyDate(text) {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (m) {
    const [, y, mo, d, hh = '0', mi = '0', ss = '0'] = m;
    return Date.UTC(+y, +mo - 1, +d, +hh, +mi, +ss) - OFFSET_MS;
  }
  return Date.parse(text);
}

/**
 * Where "to the next due date" moves the clock: the start of the earliest due day strictly after today's day
 * (so nothing is overdue yet on arrival), or null when no due date lies ahead.
 */
export function nextDueTarget(now, dueDates) {
  const today = startOfDayCst(now);
  let best = null;
  for (const due of dueDates) {
    const t = parseLegacyDate(due);
    if (Number.isNaN(t)) continue;
    const day = startOfDayCst(t);
    if (day > today && (best === null || day < best)) best = day;
  }
  return best;
}

/** Records whose status changed between two reads of the same schedules: [{before, after}]. */
export function statusChanges(before, after) {
  const old = new Map(before.map((r) => [String(r.repaymentRecordId), r]));
  const changes = [];
  for (const r of after) {
    const prev = old.get(String(r.repaymentRecordId));
    if (prev && String(prev.status) !== String(r.status)) changes.push({ before: prev, after: r });
  }
  return changes;
}
