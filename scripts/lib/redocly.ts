// Runs the Redocly CLI (a child process: Redocly CLI 2 ships as a bundled command, not a library).
import { spawn } from 'node:child_process';
import { bin, repoRoot } from './paths';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Drops the boxed Node.js deprecation banner Redocly CLI prints on Node 20, keeping everything else. */
export function withoutBanner(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/[║╔╚]/.test(line))
    .join('\n')
    .replace(/^\s*\n/, '');
}

/** Runs `redocly <args>` in the repository root and resolves with its exit code and output (banner removed). */
export function runRedocly(args: readonly string[], options: { cwd?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin('redocly'), [...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: withoutBanner(stdout), stderr: withoutBanner(stderr) }));
  });
}
