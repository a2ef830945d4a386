// Parsers for the legacy sources in ../shared/legacy: the numbered endpoint list of the API document and
// the parameter names the 2015-09 client sends (client-facts.md, sections 3 and 4).
import fs from 'node:fs/promises';
import path from 'node:path';
import { sharedDir } from './paths';

export const legacyApiFile = path.join(sharedDir, 'legacy', 'partywo-api.txt');
export const clientFactsFile = path.join(sharedDir, 'legacy', 'client-facts.md');

/** One numbered endpoint of the legacy document. */
export interface LegacyEndpoint {
  number: number;
  title: string;
  /** The URL path, with a leading slash: `/message/sendValidateMessage`. */
  path: string;
  /** The parameter names of the document's `参数` block (empty for "无" or an empty block). */
  params: string[];
}

const TYPE_WORDS = new Set(['string', 'int', 'null', 'true', 'false']);

/** The document's numbered list: `<b>N:title</b>` followed by `URL:http://host/path`. */
export function parseLegacyEndpoints(text: string): LegacyEndpoint[] {
  const endpoints: LegacyEndpoint[] = [];
  const heading = /<b>\s*(\d+)\s*[:：]\s*(.*?)\s*<\/b>/g;
  const matches = [...text.matchAll(heading)];
  matches.forEach((match, i) => {
    const body = text.slice((match.index ?? 0) + match[0].length, matches[i + 1]?.index ?? text.length);
    const url = body.match(/URL\s*[:：]\s*https?:\/\/[^/\s]+(\/[^\s]*)/);
    const paramBlock = body.match(/参数\s*[:：]([\s\S]*?)(?:返回值|备注|$)/)?.[1] ?? '';
    const params = [...new Set((paramBlock.match(/(?<=^|[\s{,'"(])[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((w) => !TYPE_WORDS.has(w)))];
    endpoints.push({ number: Number(match[1]), title: (match[2] ?? '').trim(), path: url?.[1] ?? '', params });
  });
  return endpoints;
}

/** Parameter names the 2015-09 client sends to one endpoint. */
export interface ClientSends {
  /** `#N` for a documented endpoint, else the path (`/user/uploadIcon`). */
  key: number | string;
  /** Names the client sends (must appear on the operation). */
  names: string[];
  /** Names the facts say are NOT sent ("no `x`", "`x` is not sent", "Never sent: ..."): tolerated, not required. */
  excluded: string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JS_LITERALS = new Set(['true', 'false', 'null', 'undefined']);

/** Removes parenthesised asides (which hold examples and remarks, not parameter names), nested ones included. */
function withoutParentheses(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '').filter((name) => IDENTIFIER.test(name) && !JS_LITERALS.has(name));
}

/**
 * Splits a "Sends" text into clauses and sorts the backticked names: a clause that negates
 * ("no", "not", "never") excludes its names, every other clause requires them.
 */
function classify(text: string, into: { names: Set<string>; excluded: Set<string> }): void {
  for (const clause of withoutParentheses(text).split(/[,;]|\.\s|\s—\s/)) {
    const names = backticked(clause);
    const target = /\b(no|not|never)\b/i.test(clause) ? into.excluded : into.names;
    for (const name of names) target.add(name);
  }
}

/**
 * Section 3 (documented endpoints): per `### #N`, the "Sends" bullet (and its indented sub-bullets, of
 * which only the part before " — " names a parameter); "as #M" copies #M's names; "Never sent:" bullets
 * list excluded names. Section 4 (undocumented): one bullet per path, names before "reads".
 */
export function parseClientSends(markdown: string): ClientSends[] {
  const section3 = markdown.split(/^## 3\./m)[1]?.split(/^## 4\./m)[0] ?? '';
  const section4 = markdown.split(/^## 4\./m)[1]?.split(/^## 5\./m)[0] ?? '';
  const result: ClientSends[] = [];
  const byNumber = new Map<number, ClientSends>();
  const inherits: [ClientSends, number][] = [];

  for (const block of section3.split(/^### /m).slice(1)) {
    const number = Number(block.match(/^#(\d+)/)?.[1]);
    if (!Number.isInteger(number)) continue;
    const into = { names: new Set<string>(), excluded: new Set<string>() };
    const lines = block.split('\n');
    let inheritFrom: number | undefined;
    lines.forEach((line, i) => {
      if (/^- Sen(ds|t)\b/.test(line)) {
        const text = line.split(/\bReads:/)[0] ?? '';
        classify(text, into);
        const as = withoutParentheses(text).match(/\bas #(\d+)/);
        if (as && backticked(withoutParentheses(text)).length === 0) inheritFrom = Number(as[1]);
        for (const sub of lines.slice(i + 1)) {
          if (!/^\s+- /.test(sub)) break;
          classify(sub.split(' — ')[0] ?? '', into);
        }
      } else if (/^- Never sent\b/i.test(line)) {
        for (const name of backticked(line)) into.excluded.add(name);
      }
    });
    for (const name of into.excluded) into.names.delete(name);
    const entry: ClientSends = { key: number, names: [...into.names], excluded: [...into.excluded] };
    result.push(entry);
    byNumber.set(number, entry);
    if (inheritFrom !== undefined) inherits.push([entry, inheritFrom]);
  }
  for (const [entry, from] of inherits) {
    const source = byNumber.get(from);
    if (source) {
      entry.names = [...new Set([...entry.names, ...source.names])];
      entry.excluded = [...new Set([...entry.excluded, ...source.excluded])];
    }
  }

  for (const line of section4.split('\n')) {
    const head = line.match(/^- `([A-Za-z]+\/[A-Za-z]+)`\s*—\s*(.*)$/);
    if (!head) continue;
    const into = { names: new Set<string>(), excluded: new Set<string>() };
    classify((head[2] ?? '').split(/\breads\b/i)[0] ?? '', into);
    for (const name of into.excluded) into.names.delete(name);
    result.push({ key: `/${head[1]}`, names: [...into.names], excluded: [...into.excluded] });
  }
  return result;
}

export async function readLegacyEndpoints(): Promise<LegacyEndpoint[]> {
  return parseLegacyEndpoints(await fs.readFile(legacyApiFile, 'utf8'));
}

export async function readClientSends(): Promise<ClientSends[]> {
  return parseClientSends(await fs.readFile(clientFactsFile, 'utf8'));
}
