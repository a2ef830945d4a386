// Finds every example of a bundled OpenAPI document (media types, parameters, schemas) and validates it
// against its schema with Ajv (JSON Schema 2020-12).
import { createSpecValidator, followRef as follow, formatErrors, HTTP_METHODS, isBinaryMediaType, isObject, pointerToken, type JsonObject } from '../../mock/http/spec-ajv';

/** Keywords whose value is a subschema, or a map / list of subschemas. */
const SUBSCHEMA_KEYS = ['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const SUBSCHEMA_MAP_KEYS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_LIST_KEYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/** One example and the schema it must satisfy. */
export interface ExampleCase {
  /** Human label: `POST /user/CustomerLoginController · response 200 application/json · example "success"`. */
  label: string;
  /** JSON pointer of the schema in the bundled document. */
  schemaPointer: string;
  value: unknown;
}

export interface ExampleProblem {
  label: string;
  errors: string[];
}

/** Examples of an object with `example` / `examples` (media type or parameter), against `schemaPointer`. */
function exampleCases(doc: JsonObject, holder: JsonObject, schemaPointer: string, label: string): ExampleCase[] {
  const cases: ExampleCase[] = [];
  if (holder.example !== undefined) cases.push({ label: `${label} · example`, schemaPointer, value: holder.example });
  if (isObject(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const { node } = follow(doc, raw, '');
      if (isObject(node) && node.value !== undefined) cases.push({ label: `${label} · example "${name}"`, schemaPointer, value: node.value });
    }
  }
  return cases;
}

/** `example` / `examples` written inside schemas, each checked against the schema that holds it. */
function schemaCases(schema: unknown, pointer: string, label: string, seen: Set<string>): ExampleCase[] {
  if (!isObject(schema) || seen.has(pointer)) return [];
  seen.add(pointer);
  const cases: ExampleCase[] = [];
  if (schema.example !== undefined) cases.push({ label: `${label} · schema example`, schemaPointer: pointer, value: schema.example });
  if (Array.isArray(schema.examples)) {
    schema.examples.forEach((value, i) => cases.push({ label: `${label} · schema examples[${i}]`, schemaPointer: pointer, value }));
  }
  for (const key of SUBSCHEMA_KEYS) {
    if (isObject(schema[key])) cases.push(...schemaCases(schema[key], `${pointer}/${key}`, `${label}.${key}`, seen));
  }
  for (const key of SUBSCHEMA_MAP_KEYS) {
    if (!isObject(schema[key])) continue;
    for (const [name, sub] of Object.entries(schema[key] as JsonObject)) {
      cases.push(...schemaCases(sub, `${pointer}/${key}/${pointerToken(name)}`, key === 'properties' ? `${label}.${name}` : `${label}.${key}.${name}`, seen));
    }
  }
  for (const key of SUBSCHEMA_LIST_KEYS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((sub, i) => cases.push(...schemaCases(sub, `${pointer}/${key}/${i}`, `${label}.${key}[${i}]`, seen)));
  }
  return cases;
}

/** Every example of the document with the schema it must satisfy. */
export function collectExampleCases(doc: JsonObject): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const seenSchemas = new Set<string>();
  const content = (holder: JsonObject, pointer: string, label: string) => {
    if (!isObject(holder.content)) return;
    for (const [mediaType, media] of Object.entries(holder.content)) {
      if (!isObject(media) || isBinaryMediaType(mediaType)) continue;
      const mediaPointer = `${pointer}/content/${pointerToken(mediaType)}`;
      if (media.schema === undefined) continue;
      cases.push(...exampleCases(doc, media, `${mediaPointer}/schema`, `${label} ${mediaType}`));
      cases.push(...schemaCases(media.schema, `${mediaPointer}/schema`, `${label} ${mediaType} schema`, seenSchemas));
    }
  };
  const parameters = (list: unknown, pointer: string, label: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const { node, pointer: at } = follow(doc, raw, `${pointer}/parameters/${i}`);
      if (!isObject(node) || node.schema === undefined) return;
      const name = `${label} · parameter ${String(node.in)} ${String(node.name)}`;
      cases.push(...exampleCases(doc, node, `${at}/schema`, name));
      cases.push(...schemaCases(node.schema, `${at}/schema`, `${name} schema`, seenSchemas));
    });
  };

  for (const [route, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    const itemPointer = `#/paths/${pointerToken(route)}`;
    parameters(item.parameters, itemPointer, route);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const opPointer = `${itemPointer}/${method}`;
      const label = `${method.toUpperCase()} ${route}`;
      parameters(operation.parameters, opPointer, label);
      if (operation.requestBody !== undefined) {
        const { node, pointer } = follow(doc, operation.requestBody, `${opPointer}/requestBody`);
        if (isObject(node)) content(node, pointer, `${label} · request`);
      }
      for (const [status, raw] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        const { node, pointer } = follow(doc, raw, `${opPointer}/responses/${pointerToken(status)}`);
        if (isObject(node)) content(node, pointer, `${label} · response ${status}`);
      }
    }
  }
  const components = isObject(doc.components) ? doc.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
    cases.push(...schemaCases(schema, `#/components/schemas/${pointerToken(name)}`, `schema ${name}`, seenSchemas));
  }
  return cases;
}

/** Validates every example; returns the failing ones (empty when all are valid) and how many were checked. */
export function checkExamples(doc: JsonObject): { checked: number; problems: ExampleProblem[] } {
  const validator = createSpecValidator(doc);
  const cases = collectExampleCases(doc);
  const problems: ExampleProblem[] = [];
  for (const c of cases) {
    let validate;
    try {
      validate = validator.at(c.schemaPointer);
    } catch (error) {
      problems.push({ label: c.label, errors: [`schema ${c.schemaPointer} does not compile: ${(error as Error).message}`] });
      continue;
    }
    if (!validate(c.value)) problems.push({ label: c.label, errors: formatErrors(validate.errors) });
  }
  return { checked: cases.length, problems };
}
