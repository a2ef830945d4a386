// Finds text that YAML silently turned into a comment: in a plain (unquoted) scalar, " #" starts a comment,
// so `finding: the token from #4, whose ...` keeps only "the token from". Any trailing comment after a plain
// scalar in the spec sources is reported: quote the text, or put a real comment on a line of its own.
import fs from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments, visit } from 'yaml';

export interface SwallowedText {
  file: string;
  line: number;
  value: string;
  comment: string;
}

/** Trailing comments after plain scalars in one YAML text. */
export function findSwallowedText(text: string, file: string): SwallowedText[] {
  const lineCounter = new LineCounter();
  const found: SwallowedText[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.type !== 'PLAIN' || !node.comment) return;
        const line = node.range ? lineCounter.linePos(node.range[0]).line : 0;
        found.push({ file, line, value: String(node.value), comment: node.comment });
      },
    });
  }
  return found;
}

/** Every `*.yaml` / `*.yml` file under `dir` (recursively), skipping `generated/` and test fixtures. */
export async function yamlFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['generated', 'node_modules', 'fixtures'].includes(entry.name)) files.push(...(await yamlFiles(full)));
    } else if (/\.ya?ml$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files.sort();
}

export async function checkYamlSources(dir: string): Promise<SwallowedText[]> {
  const found: SwallowedText[] = [];
  for (const file of await yamlFiles(dir)) found.push(...findSwallowedText(await fs.readFile(file, 'utf8'), file));
  return found;
}
