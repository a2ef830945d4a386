// fast-check arbitraries derived from the spec's request schemas: valid values of each parameter (its
// enum, pattern and length bounds), values that break exactly that schema, id-shaped near misses, huge and
// unicode strings, and files. Every generated value is checked against the parameter's own schema with
// Ajv, so "valid" and "invalid" are the spec's verdict, not the generator's belief.
import fc from 'fast-check';
import type { ParamModel, SpecModel } from './spec-model';
import { resolved } from './spec-model';
import { ASCII_GIF, TINY_PNG } from './http';

export type Arb<T> = fc.Arbitrary<T>;

/** Free-text strings of every kind: ASCII, CJK, emoji and other graphemes, control characters, lone surrogates. */
export function textArb(maxLength = 40): Arb<string> {
  return fc.oneof(
    { arbitrary: fc.string({ minLength: 1, maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength }), weight: 1 },
    { arbitrary: fc.constantFrom('\u0000', '\u202e\u0041\u0042', 'a\r\nb', '\ufeff', '\ud800', '\udfff\ud800', '💥🏠🇨🇳', '\u00a0', ' '), weight: 1 },
  );
}

function regexOf(p: ParamModel): RegExp | null {
  return typeof p.schema.pattern === 'string' ? new RegExp(p.schema.pattern) : null;
}

/** Property names every plain JavaScript object has (or that rewire it). */
export const OBJECT_KEYS = ['__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'];

/** Values of a (string) schema: its enum, const, pattern or length bounds, through $ref and anyOf/oneOf. */
function schemaArb(spec: SpecModel, node: unknown, depth = 0): Arb<string> | null {
  const s = resolved(spec.doc, node);
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null) as unknown[] | null;
  if (branches && depth < 5) {
    const arbs = branches.map((b) => schemaArb(spec, b, depth + 1)).filter((a): a is Arb<string> => a !== null);
    return arbs.length ? fc.oneof(...arbs) : null;
  }
  if (s.type === 'null') return null;
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum.map(String));
  if (s.const !== undefined) return fc.constant(String(s.const));
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  const max = typeof s.maxLength === 'number' ? Math.min(s.maxLength, 40) : 40;
  const min = typeof s.minLength === 'number' ? s.minLength : 1;
  return min > max ? fc.constant('x'.repeat(min)) : fc.oneof(textArb(max), fc.string({ minLength: Math.max(1, min), maxLength: Math.max(min, max) }));
}

/** A value the parameter's schema accepts (non-empty: an empty value means "not given"). */
export function validArb(spec: SpecModel, operationId: string, p: ParamModel): Arb<string> {
  const ok = (v: string) => v !== '' && spec.validParam(operationId, p.name, v);
  const arb = schemaArb(spec, p.schema);
  // a filter that never passes would spin forever: make sure the generator can satisfy the schema
  if (!arb || !fc.sample(arb, { seed: 1, numRuns: 60 }).some(ok)) throw new Error(`fuzz: cannot generate a valid ${operationId}.${p.name} from its schema`);
  // names of Object.prototype that the schema allows (keys like `constructor` reach plain-object maps)
  const proto = OBJECT_KEYS.filter(ok);
  return proto.length ? fc.oneof({ arbitrary: arb.filter(ok), weight: 9 }, { arbitrary: fc.constantFrom(...proto), weight: 1 }) : arb.filter(ok);
}

/** Near misses of digit ids and codes: wrong length, signs, decimals, spaces, other digit scripts, hex, exponents. */
export function idShapeArb(): Arb<string> {
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
  return fc.oneof(
    digits(1, 7),
    digits(21, 40),
    fc.tuple(fc.constantFrom('-', '+', ' ', '0x', '\t', '０', '٣'), digits(8, 14)).map(([a, b]) => a + b),
    fc.tuple(digits(8, 14), fc.constantFrom('.0', 'e3', ' ', '\n', 'L', '%00', ';', '\u0000', "' OR '1'='1", '/../..', '٣')).map(([a, b]) => a + b),
    fc.stringMatching(/^[0-9a-f]{8,20}$/),
    fc.constantFrom('null', 'undefined', 'NaN', 'Infinity', 'true', '[]', '{}', '__proto__', 'constructor', '../../etc/passwd', '${jndi:ldap://x/a}', '{{7*7}}', '<script>alert(1)</script>', '1; DROP TABLE orders'),
  );
}

/** A non-empty value that breaks the parameter's schema (null when its schema cannot be broken by a string). */
export function invalidArb(spec: SpecModel, operationId: string, p: ParamModel): Arb<string> | null {
  if (p.file) return null;
  const s = p.schema;
  const parts: Arb<string>[] = [textArb(30), idShapeArb()];
  if (typeof s.maxLength === 'number') parts.push(fc.integer({ min: s.maxLength + 1, max: s.maxLength + 64 }).map((n) => 'x'.repeat(n)));
  if (regexOf(p)) parts.push(fc.stringMatching(regexOf(p)!).map((v) => ` ${v}`), fc.stringMatching(regexOf(p)!).map((v) => `${v}x`));
  if (Array.isArray(s.enum)) parts.push(fc.constantFrom(...s.enum.map(String)).map((v) => v.toLowerCase() === v ? `${v}9` : v.toLowerCase()));
  const bad = (v: string) => v !== '' && !spec.validParam(operationId, p.name, v);
  const arb = fc.oneof(...parts);
  // free text without bounds cannot be broken by a string: no invalid value (a filter would spin forever)
  return fc.sample(arb, { seed: 1, numRuns: 80 }).some(bad) ? arb.filter(bad) : null;
}

/** A 100 KB string (ASCII digits, CJK or emoji). */
export function hugeArb(): Arb<string> {
  return fc.constantFrom('9', '家', '💥', 'a\u0301').map((unit) => unit.repeat(Math.ceil((100 * 1024) / Buffer.byteLength(unit))));
}

export interface FileValue {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Files as browsers send them: real small images, images with lying names or types, junk, empty files. */
export function fileArb(): Arb<FileValue> {
  const data = fc.oneof(
    fc.constant(ASCII_GIF),
    fc.constant(TINY_PNG),
    fc.constant(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])),
    fc.uint8Array({ minLength: 0, maxLength: 64 }).map((a) => Buffer.from(a)),
    fc.string({ minLength: 0, maxLength: 64 }).map((t) => Buffer.from(t)),
  );
  const filename = fc.oneof(
    fc.constantFrom('a.jpg', 'photo.png', 'scan.gif', 'x.bmp', 'evil.php.jpg', '../../etc/passwd', 'C:\\fakepath\\id.jpg', '身份证.jpg', ''),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
  );
  const contentType = fc.constantFrom('image/jpeg', 'image/png', 'image/gif', 'application/octet-stream', 'text/plain', 'image/svg+xml', 'application/x-msdownload');
  // browsers escape quotes and line breaks in the part header's filename
  return fc.record({ filename: filename.map((f) => f.replace(/["\r\n]/g, '_')), contentType, data });
}
