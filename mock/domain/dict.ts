// Maps keyed by client input (ids, phones, tokens, captcha keys, code tables) are null-prototype objects:
// `__proto__`, `constructor`, `valueOf`, `toString`, `hasOwnProperty` are then ordinary keys - never an
// inherited value, never a prototype swap - and the map stays plain JSON data (JSON.stringify works as usual).

/** A new prototype-free map holding the own entries of `entries` (an own `__proto__` key stays a key). */
export function dict<T>(entries?: Readonly<Record<string, T>> | null): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const k of Object.keys(entries)) out[k] = entries[k] as T;
  return out;
}

/** True when `value` is a prototype-free map. */
export function isDict(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === null;
}

/** `value` as a prototype-free map: itself when it already is one, a copy of an ordinary object (JSON.parse,
 *  structuredClone and object literals give those), and anything else (arrays, null, scalars) unchanged. */
export function asDict<T>(value: Record<string, T>): Record<string, T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isDict(value)) return value;
  return dict(value);
}

/** Makes every map field of `slice` prototype-free in place. The map fields are those whose value in
 *  `empty` (the slice's empty shape) is an object and not an array, so a new map is covered once it is
 *  in the empty shape. */
export function normaliseMaps<S extends object>(slice: S, empty: S): S {
  const target = slice as Record<string, unknown>;
  for (const [k, v] of Object.entries(empty)) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
    const cur = target[k];
    if (typeof cur === 'object' && cur !== null && !Array.isArray(cur)) target[k] = asDict(cur as Record<string, unknown>);
  }
  return slice;
}

/** The values of `map` at `ids`, in the order of `ids`, skipping ids with no entry (index lists -> records). */
export function pick<T>(map: Readonly<Record<string, T>>, ids: Iterable<string> | undefined): T[] {
  const out: T[] = [];
  if (ids) for (const id of ids) {
    const v = map[id];
    if (v !== undefined) out.push(v);
  }
  return out;
}
