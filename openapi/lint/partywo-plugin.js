// Redocly CLI plugin with the partywo contract's own lint rules (loaded by redocly.yaml).
// Plain ESM JavaScript: Redocly imports plugins at run time, without a TypeScript loader.

const MAX_DEPTH = 12;
const SECURITY_SEVERITIES = ['critical', 'high', 'medium', 'low'];
const LEGACY_SOURCES = ['document', 'client', 'client-2016', 'inferred'];

/** Media types whose body is binary (an image, a file), never the JSON envelope. */
function isBinaryMediaType(mediaType) {
  return /^(image|audio|video)\//.test(mediaType) || mediaType === 'application/octet-stream';
}

/**
 * Follows `$ref`s, each relative to the file it was found in; returns { node, from } where `from` is the
 * source of the returned node (pass it on to resolve the node's own references).
 */
function derefFrom(node, ctx, from) {
  let current = node;
  let source = from;
  for (let i = 0; i < MAX_DEPTH && current && typeof current === 'object' && typeof current.$ref === 'string'; i++) {
    const resolved = ctx.resolve(current, source);
    if (!resolved || resolved.node === undefined) return { node: undefined, from: source };
    current = resolved.node;
    source = resolved.location?.source?.absoluteRef ?? source;
  }
  return { node: current, from: source };
}

/**
 * True when the schema is the legacy envelope: the schema titled `Envelope` itself, an `allOf` that
 * includes an envelope, or a `oneOf`/`anyOf` whose every branch is an envelope.
 */
function isEnvelopeSchema(schema, ctx, envelopeTitle, from, depth = 0) {
  if (depth > MAX_DEPTH) return false;
  const { node, from: source } = derefFrom(schema, ctx, from);
  if (!node || typeof node !== 'object') return false;
  if (node.title === envelopeTitle) return true;
  const isEnvelope = (s) => isEnvelopeSchema(s, ctx, envelopeTitle, source, depth + 1);
  if (Array.isArray(node.allOf) && node.allOf.some(isEnvelope)) return true;
  for (const key of ['oneOf', 'anyOf']) {
    const branches = node[key];
    if (Array.isArray(branches) && branches.length > 0 && branches.every(isEnvelope)) return true;
  }
  return false;
}

/** partywo/operation-envelope: every non-binary body of the 200 response is (or allOf-includes) the Envelope schema. */
function OperationEnvelope(opts) {
  const envelopeTitle = opts?.envelopeTitle ?? 'Envelope';
  return {
    Operation: {
      enter(operation, ctx) {
        const { node: response, from: responseFrom } = derefFrom(operation.responses?.['200'], ctx, undefined);
        if (!response) {
          ctx.report({ message: 'The operation must answer HTTP 200 (the legacy envelope is always sent with 200).', location: ctx.location.child('responses') });
          return;
        }
        const content = response.content ?? {};
        const mediaTypes = Object.keys(content);
        if (mediaTypes.length === 0) {
          ctx.report({ message: 'The 200 response must have content (the envelope).', location: ctx.location.child(['responses', '200']) });
          return;
        }
        for (const mediaType of mediaTypes) {
          if (isBinaryMediaType(mediaType)) continue;
          const { node: media, from } = derefFrom(content[mediaType], ctx, responseFrom);
          if (!media?.schema || !isEnvelopeSchema(media.schema, ctx, envelopeTitle, from)) {
            ctx.report({
              message: `The 200 response's \`${mediaType}\` schema must be the ${envelopeTitle} schema or include it with \`allOf\` (every branch of a oneOf/anyOf).`,
              location: ctx.location.child(['responses', '200', 'content', mediaType, 'schema']),
            });
          }
        }
      },
    },
  };
}

/** Named examples of a media type, resolved: [{ name, value }]. */
function namedExamples(media, ctx, from) {
  const examples = media?.examples;
  if (!examples || typeof examples !== 'object') return [];
  return Object.entries(examples).map(([name, example]) => ({ name, value: derefFrom(example, ctx, from).node?.value }));
}

/**
 * partywo/operation-examples: a request-body example, and named 200 examples for success
 * (`success: true`, or a binary success body) and for at least one failure (`success: false`).
 */
function OperationExamples(opts) {
  const requireFailure = opts?.requireFailure ?? true;
  const requireRequestExample = opts?.requireRequestExample ?? true;
  return {
    Operation: {
      enter(operation, ctx) {
        const { node: requestBody, from: requestFrom } = derefFrom(operation.requestBody, ctx, undefined);
        if (requireRequestExample && requestBody?.content) {
          const hasExample = Object.values(requestBody.content).some((m) => {
            const media = derefFrom(m, ctx, requestFrom).node;
            return media && (media.example !== undefined || (media.examples && Object.keys(media.examples).length > 0));
          });
          if (!hasExample) {
            ctx.report({ message: 'The request body needs an example (named `examples` on at least one media type).', location: ctx.location.child('requestBody') });
          }
        }
        const { node: response, from: responseFrom } = derefFrom(operation.responses?.['200'], ctx, undefined);
        if (!response?.content) return;
        let successes = 0;
        let failures = 0;
        let binarySuccess = false;
        for (const [mediaType, m] of Object.entries(response.content)) {
          if (isBinaryMediaType(mediaType)) {
            binarySuccess = true;
            continue;
          }
          const { node: media, from } = derefFrom(m, ctx, responseFrom);
          if (media?.example !== undefined) {
            ctx.report({
              message: 'Use named `examples` (one per outcome) instead of a single `example`.',
              location: ctx.location.child(['responses', '200', 'content', mediaType, 'example']),
            });
          }
          for (const { value } of namedExamples(media, ctx, from)) {
            if (value && value.success === true) successes++;
            if (value && value.success === false) failures++;
          }
        }
        const where = ctx.location.child(['responses', '200']);
        if (successes === 0 && !binarySuccess) {
          ctx.report({ message: 'The 200 response needs a named success example (`success: true`).', location: where });
        }
        if (requireFailure && failures === 0) {
          ctx.report({ message: 'The 200 response needs at least one named failure example (`success: false`).', location: where });
        }
      },
    },
  };
}

/** Checks one `x-security-finding` value (an object or a list of objects) and reports what is wrong. */
function checkSecurityFinding(value, ctx, location) {
  const findings = Array.isArray(value) ? value : [value];
  findings.forEach((finding, i) => {
    const at = Array.isArray(value) ? location.child([i]) : location;
    if (!finding || typeof finding !== 'object') {
      ctx.report({ message: '`x-security-finding` must be an object (or a list of objects).', location: at });
      return;
    }
    if (!SECURITY_SEVERITIES.includes(finding.severity)) {
      ctx.report({ message: `\`x-security-finding.severity\` must be one of ${SECURITY_SEVERITIES.join(', ')}.`, location: at });
    }
    if (typeof finding.fix !== 'string' || finding.fix.trim() === '') {
      ctx.report({ message: '`x-security-finding.fix` must say what the backend team should change.', location: at });
    }
    const text = finding.finding ?? finding.title ?? finding.description;
    if (typeof text !== 'string' || text.trim() === '') {
      ctx.report({ message: '`x-security-finding` must describe the weakness (`finding`).', location: at });
    }
  });
}

/** Checks one `x-legacy-source` value. */
function checkLegacySource(value, ctx, location) {
  if (!LEGACY_SOURCES.includes(value)) {
    ctx.report({ message: `\`x-legacy-source\` must be one of ${LEGACY_SOURCES.join(', ')}.`, location });
  }
}

/** Runs `check` on the extension `key` of every node of the given visitor types. */
function extensionVisitor(key, check, nodeTypes) {
  const visitor = {};
  for (const type of nodeTypes) {
    visitor[type] = {
      enter(node, ctx) {
        if (node && typeof node === 'object' && node[key] !== undefined) check(node[key], ctx, ctx.location.child(key));
      },
    };
  }
  return visitor;
}

const ANNOTATED_NODES = ['Root', 'Info', 'PathItem', 'Operation', 'Parameter', 'RequestBody', 'Response', 'MediaType', 'Schema', 'Example'];

/** partywo/security-finding-shape: every `x-security-finding` has a severity, the finding and the fix. */
function SecurityFindingShape() {
  return extensionVisitor('x-security-finding', checkSecurityFinding, ANNOTATED_NODES);
}

/** partywo/legacy-source-values: `x-legacy-source` is document, client, client-2016 or inferred. */
function LegacySourceValues() {
  return extensionVisitor('x-legacy-source', checkLegacySource, ANNOTATED_NODES);
}

export default function partywoPlugin() {
  return {
    id: 'partywo',
    rules: {
      oas3: {
        'operation-envelope': OperationEnvelope,
        'operation-examples': OperationExamples,
        'security-finding-shape': SecurityFindingShape,
        'legacy-source-values': LegacySourceValues,
      },
    },
  };
}
