// Uploaded files of one Session (avatars, order materials), kept in memory and served back by the
// http layer at `/files/<key>`. State stores only the key.

export interface Blob {
  key: string;
  contentType: string;
  data: Buffer;
  createdAt: number;
}

export class BlobStore {
  readonly #blobs = new Map<string, Blob>();
  readonly #listeners = new Set<(blob: Blob) => void>();

  put(key: string, contentType: string, data: Buffer, createdAt: number): Blob {
    const blob = { key, contentType, data, createdAt };
    this.#blobs.set(key, blob);
    for (const l of this.#listeners) l(blob);
    return blob;
  }

  get(key: string): Blob | undefined {
    return this.#blobs.get(key);
  }

  keys(): string[] {
    return [...this.#blobs.keys()];
  }

  clear(): void {
    this.#blobs.clear();
  }

  /** Called for each stored blob (issue 7: persistence). */
  onPut(l: (blob: Blob) => void): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
}

/** The image types the mock accepts, recognised by content (magic bytes), never by file name. */
export function sniffImageType(data: Buffer): { contentType: string; ext: string } | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { contentType: 'image/png', ext: 'png' };
  }
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (data.length >= 6 && (data.subarray(0, 6).toString('latin1') === 'GIF87a' || data.subarray(0, 6).toString('latin1') === 'GIF89a')) {
    return { contentType: 'image/gif', ext: 'gif' };
  }
  if (data.length >= 26 && data[0] === 0x42 && data[1] === 0x4d) return { contentType: 'image/bmp', ext: 'bmp' };
  return null;
}
