// Fixed names and locations of the Pact setup (consumers, provider, pact folder).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web app (PC customer site + back office): the consumer of every app-facing operation. */
export const WEB_CONSUMER = 'partywo-web';
/** The payment platform (易宝 Yeepay): the only caller of #35 repaymentDoneByRepaymentRecordId. */
export const PAYMENT_PLATFORM_CONSUMER = 'partywo-payment-platform';
/** The legacy backend (or the mock standing in for it). */
export const PROVIDER = 'partywo-api';

/** Root of the repository. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the consumer suites write their pact files (override with PACT_DIR, e.g. for a temp copy). */
export const PACT_DIR = process.env.PACT_DIR ? path.resolve(process.env.PACT_DIR) : path.join(REPO_ROOT, 'contracts/pacts');
/** The bundled OpenAPI document written by `npm run spec:types`. */
export const BUNDLED_SPEC = path.join(REPO_ROOT, 'openapi/generated/openapi.json');
/** The pact file of a consumer, as Pact names it. */
export const pactFileName = (consumer: string, provider = PROVIDER): string => `${consumer}-${provider}.json`;
