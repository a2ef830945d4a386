// A bundled OpenAPI document (openapi/generated/*.json) as plain JSON: JSON pointers, internal `$ref`s, and
// one Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) holding the whole document, so that any schema
// of it compiles by pointer with its `#/components/...` references resolving. Shared by the mock (request
// validation), the api-test helper and the scripts (example checker, fuzzer, docs); runtime code imports
// it from here, scripts may too (never the other way round).
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under tsx/vitest the default export may arrive wrapped
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The `$id` the document is registered under in the Ajv of `createSpecValidator`. */
export const DOCUMENT_ID = 'urn:partywo:openapi';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Escapes one token of a JSON pointer (`/` is `~1`, `~` is `~0`). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Decodes one JSON-pointer token (`~1` is `/`, `~0` is `~`). */
export function decodePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at an internal reference (`#/components/schemas/Envelope`), or undefined. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  const pointer = ref.replace(/^#/, '');
  if (pointer === '') return doc;
  return pointer
    .slice(1)
    .split('/')
    .map(decodePointerToken)
    .reduce<unknown>((node, token) => (isObject(node) ? node[token] : Array.isArray(node) ? node[Number(token)] : undefined), doc);
}

/**
 * Follows internal `$ref`s (`#/...`) from `node`, which sits at `pointer`; returns the target and its pointer.
 * External references are left as they are.
 */
export function followRef(doc: unknown, node: unknown, pointer = ''): { node: unknown; pointer: string } {
  let current = node;
  let at = pointer;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); i++) {
    at = current.$ref;
    current = resolvePointer(doc, at);
  }
  return { node: current, pointer: at };
}

/** Media types whose body is binary (an image, a file), never the JSON envelope. */
export function isBinaryMediaType(mediaType: string): boolean {
  return /^(image|audio|video)\//.test(mediaType) || mediaType === 'application/octet-stream';
}

/** An Ajv for OpenAPI 3.1 schemas: JSON Schema's formats checked (ajv-formats), and OpenAPI's own: integer
 *  ranges of int32/int64 checked, the rest (float, double, password, binary) annotations. */
export function createAjv(): Ajv2020 {
  // the document is no JSON Schema at its top: nothing to gain from validating it against the meta-schema
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const name of ['float', 'double', 'password', 'binary']) ajv.addFormat(name, true);
  return ajv;
}

export interface SpecValidator {
  /** The Ajv holding the document (add helper schemas to it with `ajv.addSchema(schema, key)`). */
  ajv: Ajv2020;
  /** Compiles (once) the schema at `pointer` in the document (`#/components/schemas/Envelope`, or without the
   *  `#`), or a schema added to `ajv` under a key that is no pointer (`urn:...`). */
  at(pointer: string): ValidateFunction;
}

/** An Ajv instance holding `doc`; schemas are compiled on first use and cached by pointer. */
export function createSpecValidator(doc: object): SpecValidator {
  const ajv = createAjv();
  ajv.addSchema({ ...doc, $id: DOCUMENT_ID }, DOCUMENT_ID);
  const cache = new Map<string, ValidateFunction>();
  return {
    ajv,
    at(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        const ref = pointer.startsWith('#') ? `${DOCUMENT_ID}${pointer}` : pointer.startsWith('/') ? `${DOCUMENT_ID}#${pointer}` : pointer;
        validate = ajv.compile({ $ref: ref });
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}

/** Ajv errors as short readable lines: `/obj/customerId: must match pattern "^\d{8,20}$"`. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const detail =
      e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties'
        ? ` (${String((e.params as Record<string, unknown>).additionalProperty ?? (e.params as Record<string, unknown>).unevaluatedProperty)})`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)})`
          : '';
    return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${detail}`;
  });
}
