// Small helpers for walking a bundled OpenAPI document as plain JSON.

export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
