// A Session: everything one developer's mock world holds (state, clock, SMS outbox, journal, pending
// jobs, uploaded files, fault rules), and the registry that maps session names to Sessions.
import type { Effect } from '../domain/events';
import type { Db, State } from '../domain/state';
import { SCHEMA_VERSION } from '../domain/state';
import { domainError } from '../domain/errors';
import type { Ctx, Decision } from '../domain/types';
import { BlobStore } from './blobs';
import { FaultRules, faultSeed } from './faults';
import type { ClockOptions } from './clock';
import { MockClock } from './clock';
import { Journal } from './journal';
import { Scheduler } from './scheduler';
import type { Outcome } from './store';
import { SnapshotError, Store } from './store';

/** The subset of pino's logger the store layer uses. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface SmsMessage {
  phone: string;
  code: string;
  purpose: string;
  text: string;
  /** ISO-8601 (mock clock). */
  sentAt: string;
}

/** Carries out one effect of the given type for a session (registered by route plugins). */
export type EffectHandler = (session: Session, effect: Effect) => void;

export type { FaultRule } from './faults';

export interface SessionOptions {
  name: string;
  seed: number;
  /** Every captcha 8888 and every SMS code 123456. */
  fixedCodes: boolean;
  clock: ClockOptions;
  /** Builds the seeded baseline State for `seed`. */
  baseline: (seed: number) => State;
  effectHandlers: ReadonlyMap<string, EffectHandler>;
  log: Logger;
}

/** What GET /__mock/state returns and PUT /__mock/state takes. */
export interface SessionSnapshot {
  schemaVersion: number;
  clock: { now: string; frozen: boolean };
  state: State;
}

export const FIXED_CAPTCHA = '8888';
export const FIXED_SMS_CODE = '123456';
const OUTBOX_LIMIT = 1000;

export class Session {
  readonly name: string;
  readonly options: SessionOptions;
  readonly store: Store;
  readonly clock: MockClock;
  readonly journal = new Journal(500);
  readonly scheduler: Scheduler;
  readonly blobs = new BlobStore();
  /** Newest last. */
  readonly outbox: SmsMessage[] = [];
  /** Fault rules for this session's legacy operations (POST /__mock/faults, --latency). */
  readonly faults: FaultRules;
  readonly log: Logger;

  constructor(options: SessionOptions) {
    this.name = options.name;
    this.options = options;
    this.log = options.log;
    this.clock = new MockClock(options.clock);
    this.store = new Store(() => options.baseline(options.seed));
    this.scheduler = new Scheduler(this.clock);
    this.faults = new FaultRules(faultSeed(options.seed, options.name));
    this.scheduler.onError = (err, job) => this.log.error({ err, job, session: this.name }, 'scheduled job failed');
  }

  get db(): Db {
    return this.store.db;
  }

  get fixedCodes(): boolean {
    return this.options.fixedCodes;
  }

  /** Runs a decision on this session's store at the mock clock's now, then carries out its effects. */
  run<V>(decide: (db: Db, ctx: Ctx) => Decision<V>): Outcome<V> {
    const outcome = this.store.execute(this.clock.now(), decide);
    for (const effect of outcome.effects) this.perform(effect);
    return outcome;
  }

  /** Carries out one effect: SMS and captcha here, the rest by the registered handlers. */
  perform(effect: Effect): void {
    switch (effect.type) {
      case 'sms': {
        const msg: SmsMessage = {
          phone: effect.phone,
          code: effect.code,
          purpose: effect.purpose,
          text: effect.text,
          sentAt: new Date(this.clock.now()).toISOString(),
        };
        this.outbox.push(msg);
        if (this.outbox.length > OUTBOX_LIMIT) this.outbox.splice(0, this.outbox.length - OUTBOX_LIMIT);
        this.log.info({ session: this.name, sms: { phone: msg.phone, code: msg.code, purpose: msg.purpose } }, `短信验证码 SMS code ${msg.code} -> ${msg.phone} (${msg.purpose})`);
        return;
      }
      case 'captcha':
        this.log.info(
          { session: this.name, captcha: { imageKey: effect.imageKey, code: effect.code } },
          `图形验证码 captcha ${effect.code} for image_key ${effect.imageKey}`,
        );
        return;
      default: {
        const handler = this.options.effectHandlers.get(effect.type);
        if (!handler) {
          this.log.warn({ session: this.name, effect }, `no handler for effect ${effect.type}`);
          return;
        }
        handler(this, effect);
      }
    }
  }

  /** SMS messages for `phone` (all phones when omitted), newest first. */
  sms(phone?: string | null): SmsMessage[] {
    const out: SmsMessage[] = [];
    for (let i = this.outbox.length - 1; i >= 0; i--) {
      const m = this.outbox[i]!;
      if (!phone || m.phone === phone) out.push(m);
    }
    return out;
  }

  /** Back to the seeded baseline: state, clock, outbox, pending jobs and files. */
  reset(): void {
    this.scheduler.clear();
    this.clock.reset();
    this.store.reset();
    this.outbox.length = 0;
    this.blobs.clear();
  }

  snapshot(): SessionSnapshot {
    return {
      schemaVersion: SCHEMA_VERSION,
      clock: { now: new Date(this.clock.now()).toISOString(), frozen: this.clock.frozen },
      state: this.store.snapshot(),
    };
  }

  /** Restores a snapshot (throws SnapshotError with a clear message when it is not one we can take). */
  restore(snapshot: unknown): void {
    if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
      throw new SnapshotError(domainError('SNAPSHOT_INVALID', '快照必须是一个 JSON 对象 (snapshot must be a JSON object)'));
    }
    const s = snapshot as Partial<SessionSnapshot>;
    if (s.schemaVersion !== SCHEMA_VERSION) {
      throw new SnapshotError(
        domainError(
          'SNAPSHOT_VERSION_UNSUPPORTED',
          `schemaVersion ${JSON.stringify(s.schemaVersion ?? null)} (本服务只接受 ${SCHEMA_VERSION}; this mock only restores schemaVersion ${SCHEMA_VERSION})`,
        ),
      );
    }
    const now = s.clock && typeof s.clock.now === 'string' ? Date.parse(s.clock.now) : NaN;
    if (Number.isNaN(now)) throw new SnapshotError(domainError('SNAPSHOT_INVALID', 'clock.now 必须是 ISO-8601 时间 (clock.now must be ISO-8601)'));
    this.scheduler.clear();
    this.store.restore(s.state); // validates before anything changes
    this.clock.restore(now);
  }

  close(): void {
    this.scheduler.close();
  }
}

export type SessionFactory = (name: string) => Session;

/** Maps session names to Sessions; `default` always exists, others are created on first use. */
export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();
  readonly #factory: SessionFactory;
  readonly #created = new Set<(s: Session) => void>();

  constructor(factory: SessionFactory) {
    this.#factory = factory;
    this.get(DEFAULT_SESSION);
  }

  /** The named session, created on first use. */
  get(name: string): Session {
    let s = this.#sessions.get(name);
    if (!s) {
      s = this.#factory(name);
      this.#sessions.set(name, s);
      for (const l of this.#created) l(s);
    }
    return s;
  }

  has(name: string): boolean {
    return this.#sessions.has(name);
  }

  list(): Session[] {
    return [...this.#sessions.values()];
  }

  /** Drops a session (the default one is reset instead). */
  drop(name: string): boolean {
    if (name === DEFAULT_SESSION) {
      this.get(DEFAULT_SESSION).reset();
      return true;
    }
    const s = this.#sessions.get(name);
    if (!s) return false;
    s.close();
    this.#sessions.delete(name);
    return true;
  }

  /** Called for every session created from now on (and not for existing ones). */
  onCreated(l: (s: Session) => void): () => void {
    this.#created.add(l);
    return () => this.#created.delete(l);
  }

  close(): void {
    for (const s of this.#sessions.values()) s.close();
  }
}

export const DEFAULT_SESSION = 'default';
