// Pure helpers of the console (no DOM, no network): how admin answers are read and forms are turned into bodies.
// Unit-tested in mock/test/console.unit.test.ts.

/** A valid PRC ID-card number (GB 11643 checksum) for a test cardholder born on `birth` (yyyyMMdd). */
export function testIdCardNo(birth = '19900307') {
  const body = `110101${birth}123`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** Entries of GET /__mock/payments ({payments, callbacks}) that concern an order or one of its records. */
export function paymentsOf(body, orderId, recordIds) {
  const kind = { payments: '支付 payment', callbacks: '待回调 callback' };
  const rows = [];
  for (const [key, value] of Object.entries(body ?? {})) {
    if (Array.isArray(value)) rows.push(...value.map((v) => ({ _list: kind[key] ?? key, ...v })));
  }
  const ids = new Set([String(orderId), ...recordIds.map(String)]);
  return rows.filter((p) => [p.orderId, p.repaymentRecordId].some((v) => v !== undefined && ids.has(String(v))));
}

/** A scenario of GET /__mock/scenarios as the form needs it: {name, description, params: [{name, description, ...}]}. */
export function normaliseScenario(entry) {
  if (typeof entry === 'string') return { name: entry, description: '', params: [] };
  const raw = entry.params ?? {};
  let params = [];
  if (Array.isArray(raw)) params = raw.map((p) => (typeof p === 'string' ? { name: p } : p));
  else if (raw && typeof raw === 'object') {
    // mock-admin.yaml: name -> "what it means (default ...)"; the mock may also give {type, description, default, enum}.
    params = Object.entries(raw).map(([name, spec]) => ({ name, ...(spec && typeof spec === 'object' ? spec : { description: String(spec) }) }));
  }
  return { name: entry.name, description: entry.description ?? '', params };
}

/** The scenarios of GET /__mock/scenarios. */
export function scenarioList(body) {
  return (body?.scenarios ?? []).map(normaliseScenario);
}

/** A form text turned into the scenario parameter's JSON type; '' = leave the parameter out (its default). */
export function coerceParam(param, text) {
  if (text === '') return undefined;
  if (param.type === 'integer' || param.type === 'number') return Number(text);
  if (param.type === 'boolean') return text === 'true';
  return text;
}

/** One request-journal entry (mock-admin.yaml JournalEntry) as the console shows it. */
export function normaliseEntry(e) {
  const unknownParams = e.unknownParams ?? {};
  return {
    seq: e.seq,
    at: e.mockTime ?? e.at,
    method: e.method ?? '',
    path: e.url ?? '',
    operationId: e.operationId ?? null,
    params: e.params ?? {},
    unknownParams,
    unknown: Object.keys(unknownParams),
    status: e.status,
    success: e.response?.success ?? null,
    message: e.response?.message ?? null,
    code: e.response?.code ?? null,
    raw: e,
  };
}

/** The body of POST /__mock/faults (mock-admin.yaml FaultRuleInput) from the form's texts; empty fields left out. */
export function faultBody({ operationId = '', latencyMin = '', latencyMax = '', errorRate = '', message = '', failureRate = '', dropRate = '' }) {
  const body = {};
  if (operationId) body.operationId = operationId;
  if (latencyMin !== '' || latencyMax !== '') {
    body.latencyMs = Number(latencyMin !== '' ? latencyMin : latencyMax);
    if (latencyMin !== '' && latencyMax !== '' && Number(latencyMax) !== Number(latencyMin)) body.latencyMaxMs = Number(latencyMax);
  }
  if (errorRate !== '') body.errorRate = Number(errorRate);
  if (message) {
    body.failure = { message };
    if (failureRate !== '') body.failureRate = Number(failureRate);
  }
  if (dropRate !== '') body.dropRate = Number(dropRate);
  return body;
}

/** Every {customerId, phoneNumber, password} triple found anywhere in a scenario's answer. */
export function credentialsIn(value) {
  const found = {};
  const visit = (v) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(visit);
    const phone = v.phoneNumber ?? v.phone_number;
    if (v.customerId && phone && v.password) found[String(v.customerId)] = { phoneNumber: String(phone), password: String(v.password) };
    Object.values(v).forEach(visit);
  };
  visit(value);
  return found;
}

/** The first SMS in `messages` (newest first) that is not in `seen` (ids from smsKey) and fits `purpose`. */
export function freshSms(messages, seen, purpose) {
  return messages.find((m) => !seen.has(smsKey(m)) && (!purpose || m.purpose === purpose));
}

/** Identity of an SMS in the outbox. */
export function smsKey(m) {
  return `${m.sentAt}|${m.phone}|${m.code}|${m.purpose}`;
}
