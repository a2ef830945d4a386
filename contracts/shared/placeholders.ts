// Values that cannot live in a pact file. The consumer suites send these fixed placeholders; at
// verification the request filter (contracts/provider/request-filter.ts) swaps each for the value the
// provider state returned under the named key. Login tokens always go this way (they are session
// credentials, like the bearer token of pact-js's examples); ids go through `fromProviderState` in
// form bodies, and through these placeholders only in multipart bodies, where Pact cannot attach
// generators to a part.

/** The customer's login token in the pact: the legacy document's sample token. */
export const CUSTOMER_TOKEN = '8C01D2FEFD69916D9137CC813FCB5400';
/** A staff (back-office) login token in the pact. */
export const STAFF_TOKEN = '5AFF1E5AFF1E5AFF1E5AFF1E5AFF1E00';
/** The login token of a second customer (for "another customer's data" interactions). */
export const OTHER_CUSTOMER_TOKEN = '0A7E0A7E0A7E0A7E0A7E0A7E0A7E0A7E';
/** A well-formed token no provider ever issued (never replaced): the "expired or invalid token" case. */
export const DEAD_TOKEN = 'DEADDEADDEADDEADDEADDEADDEADDEAD';

/** Placeholder value -> the provider-state key whose value replaces it (any text field, form or multipart). */
export const TOKEN_PLACEHOLDERS: Readonly<Record<string, string>> = {
  [CUSTOMER_TOKEN]: 'login_token',
  [STAFF_TOKEN]: 'staffLoginToken',
  [OTHER_CUSTOMER_TOKEN]: 'otherLoginToken',
};

/** Sample ids used in multipart bodies (placeholder value -> provider-state key). */
export const SAMPLE_CUSTOMER_ID = '201508160007';
export const SAMPLE_ORDER_ID = '201508300051';
export const MULTIPART_ID_PLACEHOLDERS: Readonly<Record<string, string>> = {
  [SAMPLE_CUSTOMER_ID]: 'customerId',
  [SAMPLE_ORDER_ID]: 'orderId',
};
