// The request journal of one Session: a ring buffer of the latest requests (WireMock's near-miss
// journal in spirit): what arrived, which operation it hit, unknown parameters, what was answered.

export interface JournalEntry {
  seq: number;
  /** ISO-8601 of the real time the request arrived. */
  at: string;
  /** Mock-clock time (ISO-8601) when it arrived. */
  mockTime: string;
  method: string;
  url: string;
  /** null for admin calls, unknown routes and transport failures before routing. */
  operationId: string | null;
  /** Bound parameters known to the operation (files as "<file name, size>"). */
  params: Record<string, string | null>;
  /** Parameters the operation does not declare: accepted and ignored, as Spring MVC did. */
  unknownParams: Record<string, string | null>;
  status: number;
  response: { success: boolean | null; code: string | null; message: string | null };
  durationMs: number;
}

/** An entry recorded by `addLazy`: formatted the first time the journal is read. */
interface PendingEntry {
  seq: number;
  format: () => Omit<JournalEntry, 'seq'>;
}

export class Journal {
  readonly #buf: (JournalEntry | PendingEntry | undefined)[];
  #next = 0;
  #seq = 0;

  constructor(readonly capacity = 500) {
    this.#buf = new Array(capacity);
  }

  add(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const e = { seq: ++this.#seq, ...entry };
    this.#buf[this.#next] = e;
    this.#next = (this.#next + 1) % this.capacity;
    return e;
  }

  /** Records an entry whose formatting (ISO times, copies) waits until the journal is read: the request path
   *  only stores the facts (`format` must capture values, not live objects that change later). */
  addLazy(format: () => Omit<JournalEntry, 'seq'>): void {
    this.#buf[this.#next] = { seq: ++this.#seq, format };
    this.#next = (this.#next + 1) % this.capacity;
  }

  /** Newest first. */
  latest(limit = this.capacity): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.capacity && out.length < limit; i++) {
      const at = (this.#next - i + this.capacity) % this.capacity;
      let e = this.#buf[at];
      if (!e) break;
      if ('format' in e) {
        e = { seq: e.seq, ...e.format() };
        this.#buf[at] = e;
      }
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.#buf.fill(undefined);
    this.#next = 0;
  }
}
