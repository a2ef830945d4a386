// The legacy wire format, as jQuery 1.x `$.ajax`/`$.param` and the hidden-iframe upload produce it
// (client-facts.md §1.1): every value is text, booleans `true`/`false`, numbers decimal text, and
// null becomes an EMPTY value (`status=`). Keys whose value is `undefined` are not sent at all,
// which is how the client's partial updates (#6) leave a field out.

/** A scalar the legacy client may put in a request. */
export type WireScalar = string | number | boolean | null | undefined;

/** The text of one value on the wire (jQuery: `value == null ? "" : value`). */
export function wireText(value: WireScalar): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Encodes parameters as `application/x-www-form-urlencoded` exactly like jQuery's `$.param`. */
export function encodeForm(params: Readonly<Record<string, unknown>> | undefined): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    body.append(key, wireText(value as WireScalar));
  }
  return body;
}

/** A file for a multipart part: any Blob (a File keeps its name) or raw bytes with a name and type. */
export type UploadFile = Blob | { bytes: Uint8Array | ArrayBuffer; fileName: string; contentType?: string };

function toBlob(file: UploadFile): { blob: Blob; fileName: string } {
  if (file instanceof Blob) {
    const name = (file as Blob & { name?: unknown }).name;
    return { blob: file, fileName: typeof name === 'string' && name !== '' ? name : 'upload.bin' };
  }
  const bytes = file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(file.bytes);
  return {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: file.contentType ?? 'application/octet-stream' }),
    fileName: file.fileName,
  };
}

/**
 * Encodes an iframe upload: each text parameter a field (as the hidden inputs of the generated form),
 * the file as the part named `filePart` (`orderMaterialFile` for #17, `avatar` for uploadIcon).
 */
export function encodeMultipart(params: Readonly<Record<string, unknown>>, filePart: string): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(params)) {
    if (key === filePart || value === undefined) continue;
    form.append(key, wireText(value as WireScalar));
  }
  const file = params[filePart] as UploadFile | undefined;
  if (file !== undefined && file !== null) {
    const { blob, fileName } = toBlob(file);
    form.append(filePart, blob, fileName);
  }
  return form;
}

/** Joins the configured base URL and a legacy path without doubling or dropping the slash. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
