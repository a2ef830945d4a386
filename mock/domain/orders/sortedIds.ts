// Sorted id lists: legacy ids are digit strings whose (length, text) order is their creation order.

/** Compares two legacy ids in creation order. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function lowerBound(list: readonly string[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(list[mid] as string, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts `id` keeping `list` sorted (no duplicates); O(1) when ids arrive in creation order. */
export function insertSorted(list: string[], id: string): void {
  const last = list[list.length - 1];
  if (last === undefined || compareIds(last, id) < 0) {
    list.push(id);
    return;
  }
  const i = lowerBound(list, id);
  if (list[i] !== id) list.splice(i, 0, id);
}

/** Removes `id` from sorted `list` when present. */
export function removeSorted(list: string[], id: string): void {
  const i = lowerBound(list, id);
  if (list[i] === id) list.splice(i, 1);
}

/** Page `pageNum` (1-based) of `list` newest first. */
export function pageNewestFirst(list: readonly string[], pageNum: number, pageSize: number): string[] {
  const end = list.length - (pageNum - 1) * pageSize;
  const start = Math.max(0, end - pageSize);
  const out: string[] = [];
  for (let i = end - 1; i >= start; i--) out.push(list[i] as string);
  return out;
}

/** A binary min-heap of (at, id) pairs: the repayment records in due order, for overdue checks. */
export class DueHeap {
  readonly #at: number[] = [];
  readonly #id: string[] = [];

  get size(): number {
    return this.#at.length;
  }

  /** Earliest `at`, or Infinity when empty. */
  peek(): number {
    return this.#at[0] ?? Infinity;
  }

  /** Id of the earliest entry. */
  peekId(): string | undefined {
    return this.#id[0];
  }

  /** Calls `fn` for every entry with `at` <= `limit`, without removing any (visits only those subtrees). */
  forEachUpTo(limit: number, fn: (id: string, at: number) => void): void {
    const stack = [0];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const at = this.#at[i];
      if (at === undefined || at > limit) continue;
      fn(this.#id[i] as string, at);
      stack.push(2 * i + 1, 2 * i + 2);
    }
  }

  push(at: number, id: string): void {
    const a = this.#at;
    const d = this.#id;
    let i = a.length;
    a.push(at);
    d.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as number) <= at) break;
      a[i] = a[p] as number;
      d[i] = d[p] as string;
      i = p;
    }
    a[i] = at;
    d[i] = id;
  }

  /** Removes and returns the earliest id. */
  pop(): string | undefined {
    const a = this.#at;
    const d = this.#id;
    if (a.length === 0) return undefined;
    const top = d[0];
    const lastAt = a.pop() as number;
    const lastId = d.pop() as string;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (a[r] as number) < (a[l] as number) ? r : l;
        if ((a[c] as number) >= lastAt) break;
        a[i] = a[c] as number;
        d[i] = d[c] as string;
        i = c;
      }
      a[i] = lastAt;
      d[i] = lastId;
    }
    return top;
  }
}
