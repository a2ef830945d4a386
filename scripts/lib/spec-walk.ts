// Reading a bundled OpenAPI document: its operations and the parameter names each one accepts.
import { followRef, HTTP_METHODS, isObject, type JsonObject } from '../../mock/http/spec-ajv';

/** Resolves internal `$ref`s (`#/components/...`) of a bundled document; other values are returned as they are. */
export function deref(doc: JsonObject, node: unknown): unknown {
  return followRef(doc, node).node;
}

export interface OperationEntry {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operation: JsonObject;
  pathItem: JsonObject;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: JsonObject): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, raw] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const pathItem = deref(doc, raw);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) entries.push({ path, method, operation, pathItem });
    }
  }
  return entries;
}

/** Property names a schema accepts, through `$ref`, `allOf`, `anyOf` and `oneOf`. */
export function schemaPropertyNames(doc: JsonObject, schema: unknown, seen = new Set<unknown>()): Set<string> {
  const names = new Set<string>();
  const node = deref(doc, schema);
  if (!isObject(node) || seen.has(node)) return names;
  seen.add(node);
  if (isObject(node.properties)) for (const name of Object.keys(node.properties)) names.add(name);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const sub of list) for (const name of schemaPropertyNames(doc, sub, seen)) names.add(name);
  }
  return names;
}

/** Every parameter name an operation accepts: request-body properties (all media types) and parameters (query, ...). */
export function requestParameterNames(doc: JsonObject, entry: OperationEntry): Set<string> {
  const names = new Set<string>();
  const parameters = [
    ...(Array.isArray(entry.pathItem.parameters) ? entry.pathItem.parameters : []),
    ...(Array.isArray(entry.operation.parameters) ? entry.operation.parameters : []),
  ];
  for (const raw of parameters) {
    const parameter = deref(doc, raw);
    if (isObject(parameter) && typeof parameter.name === 'string') names.add(parameter.name);
  }
  const body = deref(doc, entry.operation.requestBody);
  if (isObject(body) && isObject(body.content)) {
    for (const media of Object.values(body.content)) {
      if (isObject(media)) for (const name of schemaPropertyNames(doc, media.schema)) names.add(name);
    }
  }
  return names;
}
