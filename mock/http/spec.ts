// The bundled OpenAPI document (openapi/generated/openapi.json) as the mock uses it: which operations
// exist at which path, and one Ajv (JSON Schema 2020-12) validator per operation, compiled on first use.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { DOCUMENT_ID, createSpecValidator, followRef, pointerToken } from './spec-ajv';

export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('../../openapi/generated/openapi.json', import.meta.url));
export const DEFAULT_ADMIN_SPEC_PATH = fileURLToPath(new URL('../../openapi/generated/mock-admin.json', import.meta.url));

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head'] as const;

type Json = Record<string, unknown>;

export interface SpecOperation {
  operationId: string;
  path: string;
  /** Methods the spec documents (lower case). */
  methods: string[];
  /** JSON pointer of the request parameter schema (an object schema), or null when it has none. */
  requestPointer: string | null;
  /** Request content types the spec documents (e.g. multipart/form-data). */
  requestContentTypes: string[];
  /** The 200 response: content type -> JSON pointer of its schema. */
  responses: Record<string, string>;
  /** The request schema's declared properties (every other parameter is unknown). */
  paramNames: string[];
  /** Params the schema says are files (`format: binary`). */
  fileParams: string[];
}

export interface Spec {
  doc: Json;
  operations: Map<string, SpecOperation>;
  /** Compiles (once) the schema at `pointer`. */
  validator(pointer: string): ValidateFunction;
  /** Validates a request's parameters (strings; absent = not present) for `operationId`. */
  validateRequest(operationId: string, params: Record<string, unknown>): readonly ErrorObject[] | null;
}

function resolve(doc: Json, node: unknown): Json | undefined {
  return followRef(doc, node).node as Json | undefined;
}

/** Property names and required names of an object schema (following $ref and allOf). */
function objectShape(doc: Json, schema: unknown, out = { names: new Set<string>(), files: new Set<string>() }) {
  const s = resolve(doc, schema);
  if (!s) return out;
  const props = s.properties as Record<string, unknown> | undefined;
  if (props) {
    for (const [name, sub] of Object.entries(props)) {
      out.names.add(name);
      const r = resolve(doc, sub);
      if (r && (r.format === 'binary' || typeof r.contentMediaType === 'string')) out.files.add(name);
    }
  }
  for (const part of (s.allOf as unknown[] | undefined) ?? []) objectShape(doc, part, out);
  return out;
}

function buildOperations(doc: Json, ajvAddSchema: (schema: Json, key: string) => void): Map<string, SpecOperation> {
  const ops = new Map<string, SpecOperation>();
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolve(doc, rawItem);
    if (!item) continue;
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op || typeof op.operationId !== 'string') continue;
      const base = `#/paths/${pointerToken(path)}/${method}`;
      const existing = ops.get(op.operationId);
      if (existing) {
        existing.methods.push(method);
        continue;
      }
      let requestPointer: string | null = null;
      let requestContentTypes: string[] = [];
      let shape = { names: new Set<string>(), files: new Set<string>() };
      const body = resolve(doc, op.requestBody);
      const content = body?.content as Record<string, Json> | undefined;
      if (content) {
        requestContentTypes = Object.keys(content);
        const ct = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'].find((c) => content[c]?.schema);
        if (ct) {
          requestPointer = `${base}/requestBody/content/${pointerToken(ct)}/schema`;
          if ((op.requestBody as Json).$ref) {
            // a $ref'd request body: point at the resolved schema through the component
            requestPointer = `${(op.requestBody as Json).$ref as string}/content/${pointerToken(ct)}/schema`;
          }
          shape = objectShape(doc, content[ct]!.schema);
        }
      }
      // each parameter with the JSON pointer of its schema (through a components/parameters $ref if any)
      const params = ((op.parameters as unknown[] | undefined) ?? [])
        .map((raw, i) => {
          const ref = (raw as Json).$ref;
          const p = resolve(doc, raw);
          return p ? { p, pointer: `${typeof ref === 'string' ? ref : `${base}/parameters/${i}`}/schema` } : null;
        })
        .filter((x): x is { p: Json; pointer: string } => !!x && (x.p.in === 'query' || x.p.in === 'formData'));
      if (!requestPointer && params.length > 0) {
        // GET operations (getImageValidate): one object schema over the query parameters' schemas
        const key = `urn:partywo:params:${op.operationId}`;
        ajvAddSchema(
          {
            type: 'object',
            required: params.filter((x) => x.p.required).map((x) => x.p.name as string),
            properties: Object.fromEntries(params.map((x) => [x.p.name as string, { $ref: `${DOCUMENT_ID}${x.pointer}` }])),
          },
          key,
        );
        requestPointer = key;
        for (const x of params) shape.names.add(x.p.name as string);
      }
      const responses: Record<string, string> = {};
      const ok = resolve(doc, (op.responses as Json | undefined)?.['200']);
      const okContent = ok?.content as Record<string, Json> | undefined;
      const okBase = (op.responses as Json)['200'] && ((op.responses as Json)['200'] as Json).$ref
        ? (((op.responses as Json)['200'] as Json).$ref as string)
        : `${base}/responses/200`;
      for (const [ct, media] of Object.entries(okContent ?? {})) {
        if (media.schema) responses[ct] = `${okBase}/content/${pointerToken(ct)}/schema`;
      }
      ops.set(op.operationId, {
        operationId: op.operationId,
        path,
        methods: [method],
        requestPointer,
        requestContentTypes,
        responses,
        paramNames: [...shape.names],
        fileParams: [...shape.files],
      });
    }
  }
  return ops;
}

/** Loads an OpenAPI document and builds its operation table and validators. */
export function createSpec(doc: Json): Spec {
  const { ajv, at: validator } = createSpecValidator(doc);
  const operations = buildOperations(doc, (schema, key) => ajv.addSchema(schema, key));
  return {
    doc,
    operations,
    validator,
    validateRequest(operationId, params) {
      const op = operations.get(operationId);
      if (!op?.requestPointer) return null;
      const v = validator(op.requestPointer);
      return v(params) ? null : (v.errors ?? []);
    },
  };
}

const specCache = new Map<string, { mtimeMs: number; spec: Spec }>();

/** The spec at `path` (parsed once per file version and process). Throws a clear error when missing. */
export function loadSpec(path = DEFAULT_SPEC_PATH): Spec {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    throw new Error(`The bundled spec ${path} does not exist: run \`npm run spec:types\` first.`);
  }
  const hit = specCache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.spec;
  const spec = createSpec(JSON.parse(readFileSync(path, 'utf8')) as Json);
  specCache.set(path, { mtimeMs, spec });
  return spec;
}
