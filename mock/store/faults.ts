// Fault rules of one Session (POST /__mock/faults, --latency): latency, HTTP 500 errors, forced business
// failures and dropped connections for legacy operations. Every random choice is drawn from a stream
// seeded per rule, so the same rules and the same requests give the same faults (tests are exact).
import { drawFloat, draw32 } from './random';

export interface FaultFailure {
  message: string;
  code: string;
}

/** A fault rule as the admin API shows it (mock-admin.yaml FaultRule). */
export interface FaultRule {
  id: string;
  /** The legacy operation it applies to; absent: every legacy operation. */
  operationId?: string;
  latencyMs?: number;
  latencyMaxMs?: number;
  errorRate?: number;
  failure?: FaultFailure;
  failureRate?: number;
  dropRate?: number;
}

export type FaultRuleInput = Omit<FaultRule, 'id'>;

/** What happens to one request: wait `delayMs`, then answer normally or with the fault. */
export type FaultPlan =
  | { delayMs: number; action: 'none' }
  | { delayMs: number; action: 'error'; ruleId: string }
  | { delayMs: number; action: 'drop'; ruleId: string }
  | { delayMs: number; action: 'failure'; ruleId: string; failure: FaultFailure };

export const DEFAULT_FAULT_CODE = 'FAULT_INJECTED';
export const MAX_LATENCY_MS = 60_000;
/** Rules per session: enough for any test, small enough that matching stays cheap. */
export const MAX_RULES = 100;

const KEYS = new Set(['operationId', 'latencyMs', 'latencyMaxMs', 'errorRate', 'failure', 'failureRate', 'dropRate']);
const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/** Checks a POST /__mock/faults body; the error names the field (Chinese and English). */
export function parseFaultRule(input: unknown, isOperation: (operationId: string) => boolean): { ok: true; rule: FaultRuleInput } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('故障规则必须是 JSON 对象 (the rule must be a JSON object)');
  const v = input as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!KEYS.has(k)) return fail(`未知字段 ${k} (unknown field ${k}; known: ${[...KEYS].join(', ')})`);
  const rule: FaultRuleInput = {};
  if (v.operationId !== undefined && v.operationId !== null) {
    if (typeof v.operationId !== 'string' || !isOperation(v.operationId)) return fail(`operationId ${JSON.stringify(v.operationId)} 不是本服务的接口 (not an operation of the legacy API)`);
    rule.operationId = v.operationId;
  }
  const int = (k: 'latencyMs' | 'latencyMaxMs'): string | null => {
    const x = v[k];
    if (x === undefined || x === null) return null;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > MAX_LATENCY_MS) return `${k} 必须是 0..${MAX_LATENCY_MS} 的整数 (${k} must be an integer 0..${MAX_LATENCY_MS})`;
    rule[k] = x;
    return null;
  };
  const rate = (k: 'errorRate' | 'failureRate' | 'dropRate'): string | null => {
    const x = v[k];
    if (x === undefined || x === null) return null;
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) return `${k} 必须是 0..1 的数 (${k} must be a number from 0 to 1)`;
    rule[k] = x;
    return null;
  };
  const problem = int('latencyMs') ?? int('latencyMaxMs') ?? rate('errorRate') ?? rate('failureRate') ?? rate('dropRate');
  if (problem) return fail(problem);
  if (rule.latencyMaxMs !== undefined) {
    if (rule.latencyMs === undefined) return fail('latencyMaxMs 需要同时给出 latencyMs (latencyMaxMs needs latencyMs)');
    if (rule.latencyMaxMs < rule.latencyMs) return fail('latencyMaxMs 不能小于 latencyMs (latencyMaxMs must be >= latencyMs)');
  }
  if (v.failure !== undefined && v.failure !== null) {
    const f = v.failure as Record<string, unknown>;
    if (typeof f !== 'object' || Array.isArray(f)) return fail('failure 必须是 {message, code} 对象 (failure must be an object)');
    for (const k of Object.keys(f)) if (k !== 'message' && k !== 'code') return fail(`failure 的未知字段 ${k} (unknown field failure.${k})`);
    if (typeof f.message !== 'string' || f.message.length === 0 || f.message.length > 500) return fail('failure.message 必须是 1..500 个字符 (failure.message must be 1..500 characters)');
    const code = f.code ?? DEFAULT_FAULT_CODE;
    if (typeof code !== 'string' || !CODE_PATTERN.test(code) || code.length > 64) return fail('failure.code 必须是大写字母、数字和下划线 (failure.code must match ^[A-Z][A-Z0-9_]*$)');
    rule.failure = { message: f.message, code };
  }
  if (rule.failureRate !== undefined && !rule.failure) return fail('failureRate 需要同时给出 failure (failureRate needs failure)');
  if (rule.latencyMs === undefined && rule.errorRate === undefined && rule.failure === undefined && rule.dropRate === undefined) {
    return fail('至少给出 latencyMs、errorRate、failure 或 dropRate 之一 (give at least one of latencyMs, errorRate, failure, dropRate)');
  }
  return { ok: true, rule };
}

/** Parses `--latency MS` or `--latency MIN-MAX` into a rule input (null when not a valid value). */
export function parseLatencyFlag(value: string): FaultRuleInput | null {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? undefined : Number(m[2]);
  if (min > MAX_LATENCY_MS || (max !== undefined && (max < min || max > MAX_LATENCY_MS))) return null;
  return max === undefined || max === min ? { latencyMs: min } : { latencyMs: min, latencyMaxMs: max };
}

/** The seed of a session's fault rules: the mock's seed mixed with the session name. */
export function faultSeed(seed: number, sessionName: string): number {
  let h = seed | 0;
  for (let i = 0; i < sessionName.length; i++) h = draw32(h, sessionName.charCodeAt(i));
  return h;
}

interface Live {
  rule: FaultRule;
  seed: number;
  /** Draws taken so far from this rule's stream. */
  n: number;
}

/** The fault rules of one session, in the order they apply. */
export class FaultRules {
  readonly #seed: number;
  #rules: Live[] = [];
  #seq = 0;

  constructor(seed: number) {
    this.#seed = seed;
  }

  get size(): number {
    return this.#rules.length;
  }

  /** Adds a rule with a fresh id (`f1`, `f2`, ... or the one given, e.g. `cli-latency`). */
  add(input: FaultRuleInput, id?: string): FaultRule {
    if (this.#rules.length >= MAX_RULES) throw new RangeError(`at most ${MAX_RULES} fault rules per session`);
    const seq = ++this.#seq;
    const rule: FaultRule = { id: id ?? `f${seq}`, ...input };
    if (this.#rules.some((l) => l.rule.id === rule.id)) throw new RangeError(`fault rule ${rule.id} exists`);
    this.#rules.push({ rule, seed: draw32(this.#seed, seq), n: 0 });
    // operation-specific rules apply before global ones; among equals, the earliest added first
    this.#rules.sort((a, b) => Number(a.rule.operationId === undefined) - Number(b.rule.operationId === undefined));
    return { ...rule };
  }

  /** The rules in the order they apply. */
  list(): FaultRule[] {
    return this.#rules.map((l) => ({ ...l.rule, ...(l.rule.failure ? { failure: { ...l.rule.failure } } : {}) }));
  }

  /** Removes the rule `id`, or every rule when `id` is omitted; returns how many were removed. */
  remove(id?: string): number {
    const before = this.#rules.length;
    this.#rules = id === undefined ? [] : this.#rules.filter((l) => l.rule.id !== id);
    return before - this.#rules.length;
  }

  /** What to do with a request of `operationId`: per kind, the first matching rule that has it decides. */
  plan(operationId: string): FaultPlan {
    let latency: Live | undefined;
    let drop: Live | undefined;
    let error: Live | undefined;
    let failure: Live | undefined;
    for (const l of this.#rules) {
      const r = l.rule;
      if (r.operationId !== undefined && r.operationId !== operationId) continue;
      if (!latency && r.latencyMs !== undefined) latency = l;
      if (!drop && r.dropRate !== undefined) drop = l;
      if (!error && r.errorRate !== undefined) error = l;
      if (!failure && r.failure !== undefined) failure = l;
    }
    let delayMs = 0;
    if (latency) {
      const min = latency.rule.latencyMs!;
      const max = latency.rule.latencyMaxMs ?? min;
      delayMs = max > min ? min + Math.floor(drawFloat(latency.seed, latency.n++) * (max - min + 1)) : min;
    }
    if (drop && drawFloat(drop.seed, drop.n++) < drop.rule.dropRate!) return { delayMs, action: 'drop', ruleId: drop.rule.id };
    if (error && drawFloat(error.seed, error.n++) < error.rule.errorRate!) return { delayMs, action: 'error', ruleId: error.rule.id };
    if (failure && drawFloat(failure.seed, failure.n++) < (failure.rule.failureRate ?? 1)) {
      return { delayMs, action: 'failure', ruleId: failure.rule.id, failure: { ...failure.rule.failure! } };
    }
    return { delayMs, action: 'none' };
  }
}
