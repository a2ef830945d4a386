// Broker settings from the environment. Without PACT_BROKER_BASE_URL everything runs from local files.
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../shared/names';

/** How to reach the broker and how to name versions. */
export interface BrokerConfig {
  baseUrl: string;
  token?: string;
  username?: string;
  password?: string;
}

/** Reads PACT_BROKER_BASE_URL with PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD; null without a broker. */
export function brokerFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerConfig | null {
  const baseUrl = env.PACT_BROKER_BASE_URL?.trim();
  if (!baseUrl) return null;
  const config: BrokerConfig = { baseUrl: baseUrl.replace(/\/+$/, '') };
  if (env.PACT_BROKER_TOKEN) config.token = env.PACT_BROKER_TOKEN;
  else if (env.PACT_BROKER_USERNAME) {
    config.username = env.PACT_BROKER_USERNAME;
    config.password = env.PACT_BROKER_PASSWORD ?? '';
  }
  return config;
}

/** The Authorization header for the broker (bearer token or basic auth), if any. */
export function authHeader(config: BrokerConfig): Record<string, string> {
  if (config.token) return { authorization: `Bearer ${config.token}` };
  if (config.username !== undefined) return { authorization: `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}` };
  return {};
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The application version to publish under: the env override, else the git commit (CI variables first). */
export function appVersion(envName: string, env: NodeJS.ProcessEnv = process.env): string {
  const v = env[envName] ?? env.GIT_COMMIT ?? env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? git('rev-parse', 'HEAD');
  if (!v) throw new Error(`no version: set ${envName} (or GIT_COMMIT), or run inside a git checkout with a commit`);
  return v;
}

/** The branch to publish under: the env override, else CI's branch variables, else git's current branch. */
export function appBranch(envName: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const b = env[envName] ?? env.GIT_BRANCH ?? env.GITHUB_HEAD_REF ?? env.GITHUB_REF_NAME ?? env.CI_COMMIT_REF_NAME ?? git('rev-parse', '--abbrev-ref', 'HEAD');
  return b && b !== 'HEAD' ? b : undefined;
}
