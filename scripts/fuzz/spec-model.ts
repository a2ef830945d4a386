// The bundled spec (openapi/generated/openapi.json) as the fuzzer and the conformance run read it: every
// operation with its parameters (schema and JSON pointer each), its documented outcomes (the success and
// failure examples of its 200 answer) and one Ajv validator for requests and responses. Built from the
// spec alone, never from the mock's own operation table (mock/http/spec.ts), so it is an independent oracle
// (only the Ajv set-up and the JSON-pointer helpers of mock/http/spec-ajv.ts are shared).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { createSpecValidator, followRef, formatErrors, isObject, pointerToken, type JsonObject, type SpecValidator } from '../../mock/http/spec-ajv';
import { generatedDir } from '../lib/paths';

export const BUNDLED_SPEC = path.join(generatedDir, 'openapi.json');
export const FAILURE_ENVELOPE = '#/components/schemas/FailureEnvelope';

export interface ParamModel {
  name: string;
  /** The parameter's schema with `$ref`s followed (sibling keywords of a `$ref` kept). */
  schema: JsonObject;
  /** JSON pointer of the schema in the bundled document (compilable by the validator). */
  pointer: string;
  required: boolean;
  /** A file part (`format: binary` / `contentMediaType`). */
  file: boolean;
  /** A query parameter (GET operations) rather than a body property. */
  query: boolean;
}

export interface Outcome {
  /** The example name. */
  name: string;
  /** null for a success example, else the failure `code`. */
  code: string | null;
  contentType: string;
}

export interface OperationModel {
  operationId: string;
  path: string;
  /** Documented methods, upper case (POST, or GET for getImageValidate). */
  methods: string[];
  /** x-legacy-number (null for the two undocumented endpoints). */
  number: number | null;
  tags: string[];
  requestContentTypes: string[];
  params: ParamModel[];
  /** JSON pointer of the request body's object schema (null for GET operations). */
  bodyPointer: string | null;
  /** 200 answer: content type -> JSON pointer of its schema. */
  responses: Record<string, string>;
  outcomes: Outcome[];
}

export interface SpecModel {
  doc: JsonObject;
  operations: OperationModel[];
  byId: Map<string, OperationModel>;
  validator: SpecValidator;
  /** Schema errors of a parameter map (strings; absent = not given) for the operation, or null when valid. */
  validateParams(operationId: string, params: Record<string, unknown>): string[] | null;
  /** Is `value` valid for one parameter? */
  validParam(operationId: string, name: string, value: unknown): boolean;
  /** Problems of an answer against the spec: a 200 against the operation's schema for its content type, any other status against FailureEnvelope. */
  checkAnswer(operationId: string | null, status: number, contentType: string, body: Buffer): string[];
}

const METHODS = ['get', 'post'] as const;

/** A schema with its `$ref` chain followed; keywords beside the `$ref` win (OpenAPI 3.1 allows them). */
export function resolved(doc: JsonObject, node: unknown): JsonObject {
  if (!isObject(node)) return {};
  if (typeof node.$ref !== 'string') return node;
  const { node: target } = followRef(doc, { $ref: node.$ref });
  const siblings = Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref'));
  return { ...(isObject(target) ? resolved(doc, target) : {}), ...siblings };
}

/** Properties (with pointers) and required names of an object schema, through `$ref` and `allOf`. */
function objectParams(doc: JsonObject, schema: unknown, at: string, out: ParamModel[], required: Set<string>): void {
  const { node, pointer } = followRef(doc, schema, at);
  if (!isObject(node)) return;
  for (const r of Array.isArray(node.required) ? node.required : []) required.add(String(r));
  if (isObject(node.properties)) {
    for (const [name, sub] of Object.entries(node.properties)) {
      const s = resolved(doc, sub);
      out.push({
        name,
        schema: s,
        pointer: `${pointer}/properties/${pointerToken(name)}`,
        required: false,
        file: s.format === 'binary' || typeof s.contentMediaType === 'string',
        query: false,
      });
    }
  }
  (Array.isArray(node.allOf) ? node.allOf : []).forEach((part, i) => objectParams(doc, part, `${pointer}/allOf/${i}`, out, required));
}

function outcomesOf(content: JsonObject): Outcome[] {
  const out: Outcome[] = [];
  const seen = new Set<string>();
  for (const [contentType, media] of Object.entries(content)) {
    if (!isObject(media) || !isObject(media.examples)) continue;
    for (const [name, ex] of Object.entries(media.examples)) {
      const v = isObject(ex) ? ex.value : undefined;
      if (!isObject(v)) continue;
      const code = v.success === true ? null : typeof v.code === 'string' ? v.code : null;
      if (v.success !== true && code === null) continue;
      const key = code ?? 'success';
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name, code, contentType });
    }
  }
  return out;
}

function buildOperations(doc: JsonObject): OperationModel[] {
  const ops = new Map<string, OperationModel>();
  for (const [p, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const { node: item, pointer: itemPointer } = followRef(doc, rawItem, `#/paths/${pointerToken(p)}`);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const base = `${itemPointer}/${method}`;
      const existing = ops.get(op.operationId);
      if (existing) {
        existing.methods.push(method.toUpperCase());
        continue;
      }
      const params: ParamModel[] = [];
      const required = new Set<string>();
      let bodyPointer: string | null = null;
      let requestContentTypes: string[] = [];
      const { node: body, pointer: bodyAt } = followRef(doc, op.requestBody, `${base}/requestBody`);
      if (isObject(body) && isObject(body.content)) {
        requestContentTypes = Object.keys(body.content);
        const ct = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'].find((c) => isObject((body.content as JsonObject)[c]));
        if (ct) {
          const media = (body.content as JsonObject)[ct] as JsonObject;
          bodyPointer = followRef(doc, media.schema, `${bodyAt}/content/${pointerToken(ct)}/schema`).pointer;
          objectParams(doc, media.schema, `${bodyAt}/content/${pointerToken(ct)}/schema`, params, required);
        }
      }
      (Array.isArray(op.parameters) ? op.parameters : []).forEach((raw, i) => {
        const { node: prm, pointer: prmAt } = followRef(doc, raw, `${base}/parameters/${i}`);
        if (!isObject(prm) || prm.in !== 'query' || typeof prm.name !== 'string') return;
        if (prm.required === true) required.add(prm.name);
        params.push({ name: prm.name, schema: resolved(doc, prm.schema), pointer: `${prmAt}/schema`, required: false, file: false, query: true });
      });
      for (const prm of params) prm.required = required.has(prm.name);
      const { node: ok, pointer: okAt } = followRef(doc, isObject(op.responses) ? op.responses['200'] : undefined, `${base}/responses/200`);
      const responses: Record<string, string> = {};
      const content = isObject(ok) && isObject(ok.content) ? ok.content : {};
      for (const [ct, media] of Object.entries(content)) {
        if (isObject(media) && media.schema !== undefined) responses[ct] = `${okAt}/content/${pointerToken(ct)}/schema`;
      }
      ops.set(op.operationId, {
        operationId: op.operationId,
        path: p,
        methods: [method.toUpperCase()],
        number: typeof op['x-legacy-number'] === 'number' ? op['x-legacy-number'] : null,
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        requestContentTypes,
        params,
        bodyPointer,
        responses,
        outcomes: outcomesOf(content),
      });
    }
  }
  return [...ops.values()];
}

function fmt(errors: readonly ErrorObject[] | null | undefined): string {
  return formatErrors(errors).slice(0, 4).join('; ');
}

/** Loads the bundled spec (default openapi/generated/openapi.json) into a SpecModel. */
export function loadSpecModel(file = BUNDLED_SPEC): SpecModel {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  const operations = buildOperations(doc);
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  const validator = createSpecValidator(doc);
  const opOf = (id: string): OperationModel => {
    const op = byId.get(id);
    if (!op) throw new Error(`operation ${id} is not in the spec`);
    return op;
  };
  return {
    doc,
    operations,
    byId,
    validator,
    validateParams(operationId, params) {
      const op = opOf(operationId);
      const errors: string[] = [];
      if (op.bodyPointer) {
        const v = validator.at(op.bodyPointer);
        if (!v(params)) errors.push(fmt(v.errors));
      } else {
        for (const p of op.params) {
          if (!(p.name in params)) {
            if (p.required) errors.push(`missing ${p.name}`);
            continue;
          }
          const v = validator.at(p.pointer);
          if (!v(params[p.name])) errors.push(`${p.name}: ${fmt(v.errors)}`);
        }
      }
      return errors.length ? errors : null;
    },
    validParam(operationId, name, value) {
      const p = opOf(operationId).params.find((x) => x.name === name);
      if (!p) return true;
      return validator.at(p.pointer)(value) as boolean;
    },
    checkAnswer(operationId, status, contentType, body) {
      const ct = contentType.split(';')[0]!.trim().toLowerCase();
      const op = operationId ? byId.get(operationId) : undefined;
      if (status === 200 && op && ct.startsWith('image/')) {
        if (!op.responses[ct]) return [`${ct} is not documented for ${op.operationId}`];
        const png = body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        const jpeg = body[0] === 0xff && body[1] === 0xd8;
        return png || jpeg ? [] : [`${ct} body is not an image`];
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return [`body is not JSON (${ct || 'no content type'}): ${JSON.stringify(body.toString('utf8').slice(0, 120))}`];
      }
      let pointer: string;
      if (status === 200 && op) {
        const p = op.responses[ct];
        if (!p) return [`content type ${ct || '(none)'} is not documented for ${op.operationId} (${Object.keys(op.responses).join(', ')})`];
        pointer = p;
      } else {
        if (ct !== 'application/json' && ct !== 'text/html') return [`status ${status} answered ${ct || '(none)'}`];
        pointer = FAILURE_ENVELOPE;
      }
      const v = validator.at(pointer);
      return v(parsed) ? [] : [`${status === 200 ? op!.operationId : 'FailureEnvelope'}: ${fmt(v.errors)}`];
    },
  };
}
