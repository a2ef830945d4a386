// Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) loaded with a whole bundled OpenAPI document, so any
// schema of it can be compiled by JSON pointer with its internal `#/components/...` references resolving.
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const DOCUMENT_ID = 'urn:partywo:openapi';

/** Adds OpenAPI's own `format`s, which JSON Schema does not define: integer ranges checked, the rest annotations. */
function addOpenApiFormats(ajv: Ajv2020): void {
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const name of ['float', 'double', 'password']) ajv.addFormat(name, true);
}

/** Escapes one token of a JSON pointer. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface SpecValidator {
  /** Compiles (once) the schema found at `pointer` (e.g. `#/components/schemas/Envelope`). */
  at(pointer: string): ValidateFunction;
}

/** An Ajv instance holding `doc`; schemas are compiled on first use and cached by pointer. */
export function createSpecValidator(doc: object): SpecValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  addOpenApiFormats(ajv);
  ajv.addSchema({ ...doc, $id: DOCUMENT_ID }, DOCUMENT_ID);
  const cache = new Map<string, ValidateFunction>();
  return {
    at(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer.startsWith('#') ? pointer : `#${pointer}`}` });
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
