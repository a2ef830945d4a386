// Matchers for the legacy value kinds (client-facts.md §1.8), shared by the consumer suites.
import { MatchersV3 } from '@pact-foundation/pact';
import type { V4ResponseBuilder } from '@pact-foundation/pact/src/v4/http/types';

const { regex } = MatchersV3;

/** A digit-string id (customer, order, product, ...), e.g. `201508300051`. */
export const digitsId = (example: string) => regex('^\\d{1,32}$', example);
/** A login or step token: 32 upper-case hex characters. */
export const token32 = (example: string) => regex('^[0-9A-F]{32}$', example);
/** A mainland mobile number (the client's own regex). */
export const phone = (example: string) => regex('^1[3578]\\d{9}$', example);
/** A base code of `family` (e.g. `1001` -> `100101`). */
export const code = (family: string, example: string) => regex(`^${family}\\d{2}$`, example);
/** Comma-joined codes of `family` (#6/#7 `interesting`). */
export const codeList = (family: string, example: string) => regex(`^${family}\\d{2}(,${family}\\d{2})*$`, example);
/** A `yyyy-MM-dd` date text. */
export const dateText = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}$', example);
/** A `yyyy-MM-dd` date text, possibly followed by a time. */
export const dateTimeText = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})?)?$', example);
/** An absolute http(s) URL. */
export const absoluteUrl = (example: string) => regex('^https?://\\S+$', example);
/** A money amount as text with at most 2 decimals, e.g. `5600.00`. */
export const moneyText = (example: string) => regex('^\\d+(\\.\\d{1,2})?$', example);

/**
 * The body of an iframe upload answer (#17, uploadIcon): the envelope's JSON served as `text/html`
 * (client-facts.md §1.6). Pact compares non-JSON bodies as text, so each field the client reads is a
 * regex over the text (anchored, any key order).
 */
export function iframeJsonBody(builder: V4ResponseBuilder, example: Record<string, unknown>, fieldPatterns: Record<string, string>): void {
  const text = JSON.stringify(example);
  builder.headers({ 'Content-Type': regex('^text/html(;.*)?$', 'text/html; charset=utf-8') });
  // pact-js's V4 builder records a non-JSON body only as binary; Pact's core takes it as text this way
  const internals = builder as unknown as { interaction: { withResponseBody(body: string, contentType: string): boolean } };
  internals.interaction.withResponseBody(text, 'text/html; charset=utf-8');
  builder.matchingRules({
    body: [{ path: '$', rules: Object.entries(fieldPatterns).map(([field, valuePattern]) => regex(`^[\\s\\S]*"${field}":\\s*${valuePattern}[\\s\\S]*$`, text)) }],
  });
}
