// Durable state (`--state-file PATH`): a write-through, append-only JSON-lines log of every change of
// every session, fsync'd before the answer that acknowledged the change is sent, compacted from time to
// time into a snapshot written to a temporary file, fsync'd and renamed over the log.
//
// File format (one JSON object per line, each line ends with "\n"):
//   line 1   {"t":"snapshot","v":1,"at":ISO,"sessions":{name: SessionImage}}   (every compaction rewrites it)
//   then     {"t":"open","s":name}                      a session was created
//            {"t":"ev","s":name,"e":[DomainEvent]}      events applied to a session's store
//            {"t":"state","s":name,"reason":"reset"|"restore","state":State}   the state was replaced
//            {"t":"clock","s":name,"now":ms,"offset":ms} the mock clock moved (offset: now - real time)
//            {"t":"sms","s":name,"m":SmsMessage}         an SMS went to the outbox
//            {"t":"blob","s":name,"key","contentType","createdAt","data":base64}   a file was uploaded
//            {"t":"drop","s":name}                      a session was dropped
// A crash (kill -9, power loss) can only tear the last line: it is discarded on load (and cut off the
// file), and it was never acknowledged, because the answer waits for the fsync. Any other bad line
// means the file was damaged from outside: the mock refuses to start rather than lose data silently.
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DomainEvent } from '../domain/events';
import type { State } from '../domain/state';
import type { Logger, Session, SessionRegistry, SmsMessage } from './session';
import { DEFAULT_SESSION, silentLogger } from './session';

export const STATE_FILE_VERSION = 1;

/** The SMS outbox keeps this many messages (as Session does). */
const OUTBOX_LIMIT = 1000;

interface ClockImage {
  now: number;
  /** now - real time when recorded: a running clock keeps its lead over real time across restarts. */
  offset: number;
}

interface BlobImage {
  key: string;
  contentType: string;
  createdAt: number;
  /** base64 */
  data: string;
}

/** Everything of one session that survives a restart. */
export interface SessionImage {
  state: State;
  clock: ClockImage;
  outbox: SmsMessage[];
  blobs: BlobImage[];
}

export type StateFileRecord =
  | { t: 'snapshot'; v: number; at: string; sessions: Record<string, SessionImage> }
  | { t: 'open'; s: string }
  | { t: 'ev'; s: string; e: readonly DomainEvent[] }
  | { t: 'state'; s: string; reason: 'reset' | 'restore'; state: State }
  | { t: 'clock'; s: string; now: number; offset: number }
  | { t: 'sms'; s: string; m: SmsMessage }
  | ({ t: 'blob'; s: string } & BlobImage)
  | { t: 'drop'; s: string };

/** The state file cannot be used (not ours, damaged from outside, locked by another process). */
export class StateFileError extends Error {}

export interface StateFileOptions {
  path: string;
  log?: Logger;
  /** Compact once the log after the snapshot is larger than this and than the snapshot (default 16 MiB). */
  compactBytes?: number;
}

export interface LoadReport {
  /** false: the file did not exist (or was empty) and was created. */
  existed: boolean;
  /** Records replayed after the snapshot. */
  records: number;
  /** Bytes of a torn last line that were discarded. */
  discardedBytes: number;
  sessions: string[];
}

function clockImage(session: Session): ClockImage {
  const now = session.clock.now();
  return { now, offset: now - Date.now() };
}

function imageOf(session: Session): SessionImage {
  return {
    state: session.store.state,
    clock: clockImage(session),
    outbox: session.outbox,
    blobs: session.blobs.keys().map((key) => {
      const b = session.blobs.get(key)!;
      return { key, contentType: b.contentType, createdAt: b.createdAt, data: b.data.toString('base64') };
    }),
  };
}

function restoreClock(session: Session, c: ClockImage): void {
  // a frozen clock stays where it was; a running one keeps its lead over real time (never going back)
  session.clock.restore(session.clock.frozen ? c.now : Math.max(c.now, Date.now() + c.offset));
}

function fsyncDir(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dirname(path), 'r');
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on directories; the rename is still atomic there
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function writeAllSync(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

async function writeAll(fh: FileHandle, data: Buffer): Promise<void> {
  let off = 0;
  while (off < data.length) {
    const { bytesWritten } = await fh.write(data, off, data.length - off);
    off += bytesWritten;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Write-through persistence of a SessionRegistry into one file. Open with `StateFile.open`. */
export class StateFile {
  readonly path: string;
  readonly #registry: SessionRegistry;
  readonly #log: Logger;
  readonly #compactBytes: number;
  readonly #attached = new WeakSet<Session>();
  readonly #detach: (() => void)[] = [];
  #fh: FileHandle | null = null;
  #replaying = false;
  #pending: string[] = [];
  #appended = 0;
  #durable = 0;
  #flushing: Promise<void> | null = null;
  #flushScheduled = false;
  #broken: Error | null = null;
  #tailBytes = 0;
  #snapshotBytes = 0;
  #closed = false;
  #compactions = 0;

  private constructor(registry: SessionRegistry, options: StateFileOptions) {
    this.path = options.path;
    this.#registry = registry;
    this.#log = options.log ?? silentLogger;
    this.#compactBytes = options.compactBytes ?? 16 * 1024 * 1024;
  }

  /** Loads `path` into `registry` (creating the file when missing), then records every later change. */
  static async open(registry: SessionRegistry, options: StateFileOptions): Promise<{ file: StateFile; report: LoadReport }> {
    const file = new StateFile(registry, options);
    file.#lock();
    try {
      file.#attachRegistry();
      const report = file.#load();
      file.#fh = await open(file.path, 'a');
      file.#resumePending();
      return { file, report };
    } catch (err) {
      file.#unlock();
      for (const d of file.#detach) d();
      throw err;
    }
  }

  /** Number of compactions so far (tests). */
  get compactions(): number {
    return this.#compactions;
  }

  /** True while changes wait for their fsync. */
  get dirty(): boolean {
    return this.#durable < this.#appended;
  }

  /** Resolves once every change recorded so far is on disk (group commit: one fsync serves many). */
  commit(): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (this.#durable >= this.#appended) return Promise.resolve();
    return this.#until(this.#appended);
  }

  /** Writes a fresh snapshot now (temp file, fsync, rename) and continues the log after it. */
  async compact(): Promise<void> {
    await this.commit();
    await this.#chain((this.#flushing ?? Promise.resolve()).then(() => this.#compact()));
  }

  /** Flushes, stops recording and releases the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.commit();
    } catch (err) {
      this.#log.error({ err, stateFile: this.path }, 'state file: last changes could not be written');
    }
    this.#closed = true;
    for (const d of this.#detach) d();
    await this.#fh?.close();
    this.#fh = null;
    this.#unlock();
  }

  // ---- recording -------------------------------------------------------------------------------

  #append(rec: StateFileRecord): void {
    if (this.#replaying || this.#closed) return;
    // serialised at once: the state keeps some of these objects and later changes mutate them
    this.#appendLine(JSON.stringify(rec));
  }

  #appendLine(json: string): void {
    this.#pending.push(json + '\n');
    this.#appended++;
    if (!this.#flushScheduled) {
      // changes made outside a request (scheduled payment callbacks) are flushed by themselves
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        this.commit().catch(() => {});
      });
    }
  }

  async #until(target: number): Promise<void> {
    while (this.#durable < target) {
      if (this.#broken) throw this.#broken;
      if (!this.#flushing) this.#chain(this.#flushOnce());
      await this.#flushing;
    }
  }

  /** Makes `work` the write in flight (writes never overlap); cleared when it settles. */
  #chain(work: Promise<void>): Promise<void> {
    const settled: Promise<void> = work.finally(() => {
      if (this.#flushing === settled) this.#flushing = null;
    });
    this.#flushing = settled;
    return settled;
  }

  async #flushOnce(): Promise<void> {
    if (this.#pending.length === 0) return;
    if (!this.#fh) throw new Error(`state file ${this.path} is not open`);
    const upto = this.#appended;
    const data = Buffer.from(this.#pending.join(''), 'utf8');
    this.#pending = [];
    try {
      await writeAll(this.#fh, data);
      await this.#fh.datasync();
    } catch (err) {
      // a half-written record would corrupt the middle of the log: stop writing, answer errors
      this.#broken = new Error(`state file ${this.path}: write failed: ${(err as Error).message}`);
      this.#log.error({ err, stateFile: this.path }, 'state file: write failed; further changes are not saved');
      throw this.#broken;
    }
    this.#tailBytes += data.length;
    if (upto > this.#durable) this.#durable = upto;
    if (this.#tailBytes > Math.max(this.#compactBytes, this.#snapshotBytes)) await this.#compact();
  }

  async #compact(): Promise<void> {
    if (this.#broken || this.#closed) return;
    // the snapshot holds every change applied so far, including those still waiting in #pending
    const upto = this.#appended;
    this.#pending = [];
    this.#writeSnapshot();
    this.#durable = upto;
    const old = this.#fh;
    this.#fh = await open(this.path, 'a');
    await old?.close();
  }

  #writeSnapshot(): void {
    const sessions: Record<string, SessionImage> = {};
    for (const s of this.#registry.list()) sessions[s.name] = imageOf(s);
    const rec: StateFileRecord = { t: 'snapshot', v: STATE_FILE_VERSION, at: new Date().toISOString(), sessions };
    const data = Buffer.from(JSON.stringify(rec) + '\n', 'utf8');
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeAllSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    fsyncDir(this.path);
    this.#snapshotBytes = data.length;
    this.#tailBytes = 0;
    this.#compactions++;
  }

  #attachRegistry(): void {
    const registry = this.#registry;
    for (const s of registry.list()) this.#attach(s);
    this.#detach.push(registry.onCreated((s) => this.#attach(s, true)));
    // the registry has no drop listener: wrap its drop on this instance only
    const drop = registry.drop;
    registry.drop = (name: string): boolean => {
      const ok = drop.call(registry, name);
      if (ok && name !== DEFAULT_SESSION) this.#append({ t: 'drop', s: name });
      return ok;
    };
    this.#detach.push(() => {
      registry.drop = drop;
    });
  }

  #attach(session: Session, created = false): void {
    if (this.#attached.has(session)) return;
    this.#attached.add(session);
    const s = session.name;
    if (created) this.#append({ t: 'open', s });
    // events are serialised before evolve runs (it keeps event objects and later events of the same batch
    // may change them) and recorded once they are applied
    let serialised: string | null = null;
    this.#detach.push(
      session.store.onApplying((events) => {
        serialised = this.#replaying || this.#closed ? null : JSON.stringify({ t: 'ev', s, e: events } satisfies StateFileRecord);
      }),
      session.store.onApplied(() => {
        if (serialised !== null) this.#appendLine(serialised);
        serialised = null;
      }),
      session.store.onReplaced((db, reason) => this.#append({ t: 'state', s, reason, state: db.state })),
      session.clock.onChange(() => this.#append({ t: 'clock', s, ...clockImage(session) })),
      session.blobs.onPut((b) =>
        this.#append({ t: 'blob', s, key: b.key, contentType: b.contentType, createdAt: b.createdAt, data: b.data.toString('base64') }),
      ),
    );
    // the outbox is a plain array filled by Session.perform: observe the SMS effects it carries out
    const perform = session.perform;
    session.perform = (effect) => {
      perform.call(session, effect);
      if (effect.type === 'sms') {
        const m = session.outbox[session.outbox.length - 1];
        if (m) this.#append({ t: 'sms', s, m });
      }
    };
    this.#detach.push(() => {
      session.perform = perform;
    });
  }

  // ---- loading ---------------------------------------------------------------------------------

  #load(): LoadReport {
    const path = this.path;
    const buf = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const lines: { start: number; end: number }[] = [];
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      lines.push({ start: pos, end: nl });
      pos = nl + 1;
    }
    let goodEnd = pos; // bytes after it: a last line without its "\n" (torn by a crash)
    let discardedBytes = buf.length - pos;
    const parsed: StateFileRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const { start, end } = lines[i]!;
      let rec: StateFileRecord;
      try {
        rec = JSON.parse(buf.toString('utf8', start, end)) as StateFileRecord;
        if (typeof rec !== 'object' || rec === null || typeof rec.t !== 'string') throw new Error('not a record');
      } catch (err) {
        if (i === lines.length - 1 && goodEnd === buf.length) {
          // the last line is bad but complete: a torn write that happened to end in "\n"
          goodEnd = start;
          discardedBytes = buf.length - start;
          break;
        }
        throw new StateFileError(`state file ${path}: line ${i + 1} is damaged (${(err as Error).message}); the file was changed outside the mock. Move it away to start fresh.`);
      }
      parsed.push(rec);
    }

    if (buf.length === 0) {
      // new or empty
      this.#writeSnapshot();
      return { existed: false, records: 0, discardedBytes: 0, sessions: this.#registry.list().map((s) => s.name) };
    }
    // the first line is written whole (temp file + rename): if it is not a snapshot, this is not our file
    const first = parsed[0];
    if (!first || lines[0]!.end + 1 > goodEnd || first.t !== 'snapshot' || first.v !== STATE_FILE_VERSION) {
      throw new StateFileError(
        `state file ${path} is not a partywo mock state file of version ${STATE_FILE_VERSION} (first line: ${!first ? 'not a record' : first.t === 'snapshot' ? `version ${String(first.v)}` : String(first.t)})`,
      );
    }
    if (discardedBytes > 0) {
      const fd = openSync(path, 'r+');
      try {
        ftruncateSync(fd, goodEnd);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.#log.warn({ stateFile: path, discardedBytes }, `state file: discarded a torn last record (${discardedBytes} bytes, never acknowledged)`);
    }

    this.#replaying = true;
    try {
      parsed.forEach((rec, i) => {
        try {
          this.#replay(rec);
        } catch (err) {
          throw new StateFileError(`state file ${path}: line ${i + 1} (${rec.t}) cannot be applied: ${(err as Error).message}`);
        }
      });
    } finally {
      this.#replaying = false;
    }
    const records = parsed.length - 1;
    this.#snapshotBytes = lines[0]!.end + 1;
    this.#tailBytes = goodEnd - this.#snapshotBytes;
    // start from a fresh snapshot so the next start replays nothing
    if (records > 0) this.#writeSnapshot();
    return { existed: true, records, discardedBytes, sessions: this.#registry.list().map((s) => s.name) };
  }

  #replay(rec: StateFileRecord): void {
    const reg = this.#registry;
    switch (rec.t) {
      case 'snapshot':
        for (const s of reg.list()) if (s.name !== DEFAULT_SESSION && !(s.name in rec.sessions)) reg.drop(s.name);
        for (const [name, img] of Object.entries(rec.sessions)) {
          const s = reg.get(name);
          s.store.restore(img.state);
          restoreClock(s, img.clock);
          s.outbox.length = 0;
          s.outbox.push(...img.outbox);
          s.blobs.clear();
          for (const b of img.blobs) s.blobs.put(b.key, b.contentType, Buffer.from(b.data, 'base64'), b.createdAt);
        }
        return;
      case 'open':
        reg.get(rec.s);
        return;
      case 'ev':
        reg.get(rec.s).store.apply(rec.e);
        return;
      case 'state': {
        const s = reg.get(rec.s);
        s.store.restore(rec.state);
        if (rec.reason === 'reset') {
          s.outbox.length = 0;
          s.blobs.clear();
        }
        return;
      }
      case 'clock':
        restoreClock(reg.get(rec.s), rec);
        return;
      case 'sms': {
        const s = reg.get(rec.s);
        s.outbox.push(rec.m);
        if (s.outbox.length > OUTBOX_LIMIT) s.outbox.splice(0, s.outbox.length - OUTBOX_LIMIT);
        return;
      }
      case 'blob':
        reg.get(rec.s).blobs.put(rec.key, rec.contentType, Buffer.from(rec.data, 'base64'), rec.createdAt);
        return;
      case 'drop':
        reg.drop(rec.s);
        return;
      default:
        throw new Error(`unknown record type ${JSON.stringify((rec as { t: unknown }).t)}`);
    }
  }

  /** Payment callbacks that were pending when the process stopped are scheduled again. */
  #resumePending(): void {
    for (const s of this.#registry.list()) {
      const pending = s.store.state.orders?.pendingCallbacks;
      if (!pending) continue;
      for (const callback of Object.values(pending)) s.perform({ type: 'paymentCallback', callback });
    }
  }

  // ---- one process per file ----------------------------------------------------------------------

  get #lockPath(): string {
    return `${this.path}.lock`;
  }

  #lock(): void {
    const lockPath = this.#lockPath;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const pid = Number(readFileSync(lockPath, 'utf8').trim());
        if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
          throw new StateFileError(`state file ${this.path} is in use by process ${pid}${pid === process.pid ? ' (this process)' : ''} (lock ${lockPath})`);
        }
        unlinkSync(lockPath); // left by a process that died (kill -9): take it over
      }
    }
    throw new StateFileError(`state file ${this.path}: cannot take the lock ${lockPath}`);
  }

  #unlock(): void {
    try {
      if (existsSync(this.#lockPath) && readFileSync(this.#lockPath, 'utf8').trim() === String(process.pid)) unlinkSync(this.#lockPath);
    } catch {
      // best effort
    }
  }
}

/** Size of the state file in bytes (0 when missing). */
export function stateFileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
