// A tiny Pact Broker stand-in on loopback: enough of the HAL API for publishing contracts, fetching
// pacts for verification and receiving verification results; it records every request it gets.
import http from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface FakeBroker {
  url: string;
  requests: RecordedRequest[];
  /** Pacts published so far (decoded), by consumer name. */
  published: Map<string, Record<string, unknown>>;
  /** Serve only these interactions of each published pact for verification (all when unset). */
  serveOnly?: (description: string) => boolean;
  close(): Promise<void>;
}

/** Starts the fake broker; `auth` is the Authorization header value it insists on. */
export async function startFakeBroker(auth: string): Promise<FakeBroker> {
  const broker: FakeBroker = { url: '', requests: [], published: new Map(), close: async () => undefined };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // keep the text
      }
      const path = (req.url ?? '/').split('?')[0]!;
      broker.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/hal+json' });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== auth) return send(401, { error: 'unauthorised' });
      const base = broker.url;
      if (req.method === 'GET' && path === '/') {
        return send(200, {
          _links: {
            'pb:publish-contracts': { href: `${base}/contracts/publish` },
            'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true },
          },
        });
      }
      if (req.method === 'POST' && path === '/contracts/publish') {
        const p = body as { pacticipantName: string; contracts: { content: string }[] };
        for (const c of p.contracts) broker.published.set(p.pacticipantName, JSON.parse(Buffer.from(c.content, 'base64').toString('utf8')) as Record<string, unknown>);
        return send(200, { notices: [{ type: 'success', text: `published ${p.pacticipantName}` }], _embedded: {}, _links: {} });
      }
      const forVerification = /^\/pacts\/provider\/([^/]+)\/for-verification$/.exec(path);
      if (req.method === 'GET' && forVerification) {
        // the verifier reads the resource first, then POSTs its selectors to it
        return send(200, { _links: { self: { href: `${base}${path}` } } });
      }
      if (req.method === 'POST' && forVerification) {
        return send(200, {
          _embedded: {
            pacts: [...broker.published.keys()].map((consumer) => ({
              shortDescription: `latest from ${consumer}`,
              verificationProperties: { pending: false, notices: [{ when: 'before_verification', text: `verifying ${consumer}` }] },
              _links: { self: { href: `${base}/pacts/provider/${forVerification[1]}/consumer/${encodeURIComponent(consumer)}/pact-version/1`, name: `Pact between ${consumer} and ${decodeURIComponent(forVerification[1]!)}` } },
            })),
          },
        });
      }
      const pactUrl = /^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/pact-version\/1$/.exec(path);
      if (req.method === 'GET' && pactUrl) {
        const pact = broker.published.get(decodeURIComponent(pactUrl[2]!));
        if (!pact) return send(404, {});
        const interactions = (pact.interactions as { description: string }[]).filter((i) => !broker.serveOnly || broker.serveOnly(i.description));
        return send(200, {
          ...pact,
          interactions,
          _links: {
            'pb:publish-verification-results': { href: `${base}${path}/verification-results` },
            'pb:provider': { href: `${base}/pacticipants/${pactUrl[1]}` },
          },
        });
      }
      if (req.method === 'POST' && path.endsWith('/verification-results')) return send(201, { _links: {} });
      const pacticipant = /^\/pacticipants\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && pacticipant) {
        return send(200, {
          name: decodeURIComponent(pacticipant[1]!),
          _links: {
            'pb:branch-version': { href: `${base}/pacticipants/${pacticipant[1]}/branches/{branch}/versions/{version}`, templated: true },
            'pb:version-tag': { href: `${base}/pacticipants/${pacticipant[1]}/versions/{version}/tags/{tag}`, templated: true },
          },
        });
      }
      if (req.method === 'PUT' && /^\/pacticipants\/[^/]+\/branches\/[^/]+\/versions\/[^/]+$/.test(path)) return send(200, { _links: {} });
      return send(404, { error: `fake broker: no ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  broker.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  broker.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return broker;
}
