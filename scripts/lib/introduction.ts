// Composes the partner introduction (info.description of the bundled spec) from openapi/introduction.md,
// filling its generated sections from their sources of truth: the spec itself (code tables, security
// findings) and the mock's simulated payment platform (magic test cards), so that none is written twice.
import fs from 'node:fs/promises';
import path from 'node:path';
import { MAGIC_CARDS } from '../../mock/domain/payments/cards';
import { HTTP_METHODS, isObject, pointerToken, type JsonObject } from '../../mock/http/spec-ajv';
import { openapiDir } from './paths';

export const introductionFile = path.join(openapiDir, 'introduction.md');

/** Markers in introduction.md replaced at build time. */
export const MARKERS = {
  codeTables: '<!-- partywo:code-tables -->',
  securityFindings: '<!-- partywo:security-findings -->',
  testCards: '<!-- partywo:test-cards -->',
} as const;

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

/** Escapes text for one cell of a markdown table. */
export function cell(value: unknown): string {
  return String(value ?? '')
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** One `x-security-finding`, with a human label for where it sits in the spec. */
export interface SecurityFinding {
  severity: string;
  finding: string;
  fix: string;
  where: string;
  legacyNumber: number | null;
  pointer: string;
}

/** Walks the bundled document and yields every value of the extension `key` with the path (keys) of its holder. */
export function collectExtension(doc: unknown, key: string): { pointer: string[]; value: unknown }[] {
  const found: { pointer: string[]; value: unknown }[] = [];
  const visit = (node: unknown, pointer: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, [...pointer, String(i)]));
    } else if (isObject(node)) {
      for (const [k, child] of Object.entries(node)) {
        if (k === key) found.push({ pointer, value: child });
        else visit(child, [...pointer, k]);
      }
    }
  };
  visit(doc, []);
  return found;
}

/** "#4 updatePasswordPre · POST /user/updatePasswordPreController · response obj.password", or "schema Customer.password". */
function describeLocation(doc: JsonObject, pointer: string[]): { where: string; legacyNumber: number | null } {
  if (pointer[0] === 'paths' && pointer.length >= 2) {
    const route = pointer[1] ?? '';
    const method = HTTP_METHODS.find((m) => m === pointer[2]);
    const paths = doc.paths as JsonObject | undefined;
    const operation = method ? ((paths?.[route] as JsonObject | undefined)?.[method] as JsonObject | undefined) : undefined;
    const number = typeof operation?.['x-legacy-number'] === 'number' ? (operation['x-legacy-number'] as number) : null;
    const name = operation?.operationId ? `${number ? `#${number} ` : ''}${String(operation.operationId)}` : '';
    const rest = pointer.slice(method ? 3 : 2);
    const fields = rest.filter((_token, i) => rest[i - 1] === 'properties');
    const part = rest[0] === 'requestBody' ? 'request' : rest[0] === 'responses' ? 'response' : rest[0] === 'parameters' ? 'parameter' : '';
    const detail = [part, fields.join('.')].filter(Boolean).join(' ');
    const head = [name, `\`${(method ?? '').toUpperCase()} ${route}\``.replace('` ', '`')].filter(Boolean).join(' · ');
    return { where: detail ? `${head} · ${detail}` : head, legacyNumber: number };
  }
  if (pointer[0] === 'components' && pointer.length >= 3) {
    const fields = pointer.slice(3).filter((_token, i, rest) => rest[i - 1] === 'properties');
    return { where: `${pointer[1]} \`${[pointer[2] ?? '', ...fields].join('.')}\``, legacyNumber: null };
  }
  return { where: pointer.length ? `\`#/${pointer.map(pointerToken).join('/')}\`` : 'the whole API', legacyNumber: null };
}

/** Every `x-security-finding` of the bundled document, most severe first, then in legacy-number order. */
export function collectSecurityFindings(doc: JsonObject): SecurityFinding[] {
  const findings: SecurityFinding[] = [];
  for (const { pointer, value } of collectExtension(doc, 'x-security-finding')) {
    const { where, legacyNumber } = describeLocation(doc, pointer);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!isObject(item)) continue;
      findings.push({
        severity: String(item.severity ?? ''),
        finding: String(item.finding ?? item.title ?? item.description ?? ''),
        fix: String(item.fix ?? ''),
        where,
        legacyNumber,
        pointer: `#/${pointer.map(pointerToken).join('/')}`,
      });
    }
  }
  const rank = (s: string) => (SEVERITY_ORDER.includes(s) ? SEVERITY_ORDER.indexOf(s) : SEVERITY_ORDER.length);
  return findings.sort(
    (a, b) => rank(a.severity) - rank(b.severity) || (a.legacyNumber ?? 99) - (b.legacyNumber ?? 99) || a.where.localeCompare(b.where),
  );
}

/** The findings as a list (a table does not fit Redoc's middle column): severity, where, the weakness, the fix. */
export function securityFindingsList(doc: JsonObject): string {
  const findings = collectSecurityFindings(doc);
  if (findings.length === 0) return '_No `x-security-finding` is recorded in the spec yet._';
  const items = findings.map(
    (f) => `- **${cell(f.severity)}** · ${cell(f.where)}<br/>${cell(f.finding)}<br/>**Fix 修复建议:** ${cell(f.fix)}`,
  );
  return [`${findings.length} findings, most severe first.`, '', '<div class="partywo-findings">', '', ...items, '', '</div>'].join('\n');
}

/** One row per base-code family found in components.schemas (schemas carrying `x-code-family`). */
export function codeTablesMarkdown(doc: JsonObject): string {
  const schemas = (isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {}) as JsonObject;
  const families = Object.entries(schemas)
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]) && typeof entry[1]['x-code-family'] === 'string')
    .sort(([, a], [, b]) => String(a['x-code-family']).localeCompare(String(b['x-code-family'])));
  if (families.length === 0) return '_The code families appear here once `components/schemas/codes/` is written._';
  const rows = families.map(([, schema]) => {
    const labels = isObject(schema['x-enumDescriptions']) ? schema['x-enumDescriptions'] : {};
    const codes = (Array.isArray(schema.enum) ? schema.enum : Object.keys(labels)).map((code) => `\`${String(code)}\` ${String(labels[String(code)] ?? '')}`.trim());
    return `| ${cell(schema['x-code-family'])} | ${cell(schema['x-family-name'])} | ${cell(codes.join(' · '))} |`;
  });
  return ['| Family 代码族 | Name 名称 | Codes 代码 (schema `Code<family>`) |', '|---|---|---|', ...rows].join('\n');
}

/** The magic test cards of the mock's simulated payment platform (mock/domain/payments/cards.ts), one item each. */
export function testCardsMarkdown(): string {
  const items = MAGIC_CARDS.map((card) => `- \`${card.cardNo}\` **${cell(card.label)}**: ${cell(card.description)}`);
  return [
    '<div class="partywo-test-cards">',
    '',
    ...items,
    '',
    '</div>',
    '',
    'Any other card number that passes the Luhn check pays successfully (all of the above pass it too).',
  ].join('\n');
}

/** introduction.md with every marker replaced by its generated section. */
export async function composeIntroduction(doc: JsonObject | Record<string, unknown>): Promise<string> {
  const source = await fs.readFile(introductionFile, 'utf8');
  const document = doc as JsonObject;
  return source
    .replace(MARKERS.codeTables, () => codeTablesMarkdown(document))
    .replace(MARKERS.securityFindings, () => securityFindingsList(document))
    .replace(MARKERS.testCards, () => testCardsMarkdown());
}
