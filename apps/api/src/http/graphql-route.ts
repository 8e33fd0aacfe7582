// POST/GET /graphql: authenticate, rate-limit, enforce the publishable key's origins, then
// serve a prepared operation (prepared-operations.ts) or hand the request to Apollo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { App } from '../app.js';
import { rateLimitKeyOf, type Viewer } from '../auth/viewer.js';
import { type Context, createContext } from '../graphql/context.js';
import { toApolloRequest } from './apollo.js';
import { QUERY_LIMITS } from './limits.js';
import type { PreparedOperations } from './prepared-operations.js';
import type { RequestRateLimiter } from './rate-limit.js';
import { type RequestHeaders, readBodyWithin, sendGraphQLError } from './respond.js';

/** The answer to a CORS preflight of /graphql and /graphql/stream. */
const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id',
  'access-control-max-age': '7200',
  vary: 'Origin',
};

export interface GraphQLRouteDeps {
  app: App;
  apollo: ApolloServer<Context>;
  limiter: RequestRateLimiter;
  /** The prepared-operations lane; null: Apollo serves every request. */
  prepared: PreparedOperations | null;
}

/** The viewer kind of the request, for the access log. */
export type Handled = { viewer: string };

export async function handleGraphQL(
  deps: GraphQLRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  headers: RequestHeaders,
  search: string,
  requestId: string,
  clientIp: string,
): Promise<Handled> {
  const origin = headers.origin;
  const method = req.method ?? 'GET';

  const early = answerMethod(res, method, origin, requestId);
  if (early) return early;
  const auth = await authenticateRequest(deps, res, headers, requestId, clientIp);
  if (!auth.ok) return auth.handled;
  const viewer = auth.viewer;
  const bucket = rateLimitKeyOf(viewer);
  if (bucket) {
    const wait = await deps.limiter.consume(bucket.kind, bucket.key);
    if (wait !== null) {
      refuse(res, requestId, 429, 'RATE_LIMITED', 'rate limit exceeded for this credential', {
        'retry-after': String(wait),
      });
      return { viewer: viewer.kind };
    }
  }

  let body: unknown;
  if (method === 'POST') {
    const raw = await readQueryBody(req, res, headers, requestId);
    if (raw === null) return { viewer: viewer.kind };
    const contentType = headers.contentType ?? '';
    if (contentType.startsWith('application/json') || contentType.includes('+json')) {
      try {
        body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
      } catch {
        refuse(res, requestId, 400, 'BAD_REQUEST', 'the request body is not valid JSON');
        return { viewer: viewer.kind };
      }
    } else {
      body = raw.toString('utf8');
    }
  }

  const handled = { viewer: viewer.kind };

  if (deps.prepared !== null && method === 'POST') {
    const pending = deps.prepared.serve(body, headers.contentType, headers.accept, () =>
      createContext(deps.app, viewer, requestId),
    );
    const answer = pending && (await pending);
    if (answer) {
      writeComplete(
        res,
        answer.status,
        answer.headers,
        answer.body,
        origin,
        viewer.kind,
        requestId,
      );
      return handled;
    }
  }

  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: toApolloRequest(method, req.rawHeaders, search, body),
    context: async () => createContext(deps.app, viewer, requestId),
  });

  if (response.body.kind === 'complete') {
    writeComplete(
      res,
      response.status ?? 200,
      response.headers,
      response.body.string,
      origin,
      viewer.kind,
      requestId,
    );
  } else {
    res.writeHead(
      response.status ?? 200,
      responseHeaders(response.headers, origin, viewer.kind, requestId),
    );
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
  return handled;
}

/**
 * The methods /graphql and /graphql/stream do not serve: a CORS preflight (it carries no
 * credential, so it is answered for any origin; the origin is enforced on the real request)
 * and anything but GET or POST. Null: a GET or POST, to be served.
 */
export function answerMethod(
  res: ServerResponse,
  method: string,
  origin: string | undefined,
  requestId: string,
): Handled | null {
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      ...PREFLIGHT_HEADERS,
      'x-request-id': requestId,
      ...(origin ? { 'access-control-allow-origin': origin } : {}),
    });
    res.end();
    return { viewer: 'preflight' };
  }
  if (method !== 'GET' && method !== 'POST') {
    refuse(res, requestId, 405, 'BAD_REQUEST', 'use GET or POST', { allow: 'GET, POST, OPTIONS' });
    return { viewer: 'none' };
  }
  return null;
}

type RequestAuth =
  | { ok: true; viewer: Viewer; validUntil: number | null }
  | { ok: false; handled: Handled };

/**
 * The address's rate limit, then the credential, as /graphql and /graphql/stream check them;
 * a refusal has been sent where `ok` is false. The credential's own limit is the caller's.
 */
export async function authenticateRequest(
  deps: { app: App; limiter: RequestRateLimiter },
  res: ServerResponse,
  headers: RequestHeaders,
  requestId: string,
  clientIp: string,
): Promise<RequestAuth> {
  const origin = headers.origin;
  const ipWait = await deps.limiter.consume('ip', clientIp);
  if (ipWait !== null) {
    refuse(res, requestId, 429, 'RATE_LIMITED', 'too many requests from this address', {
      'retry-after': String(ipWait),
    });
    return { ok: false, handled: { viewer: 'none' } };
  }
  const auth = await deps.app.authenticator.authenticate(
    headers.authorization,
    origin,
    deps.app.clock(),
  );
  if (!auth.ok) {
    // A valid publishable key from an origin outside its allowedOrigins gets no
    // Access-Control-Allow-Origin: the browser hides the answer from that origin. An unknown,
    // revoked or malformed credential may be read by any page, so a widget can say "wrong
    // key" instead of "unreachable": the refusal tells the page nothing but that the
    // credential it sent itself is not valid (no cookie or other ambient credential is used).
    const forbidden = auth.failure.code === 'FORBIDDEN';
    refuse(res, requestId, forbidden ? 403 : 401, auth.failure.code, auth.failure.message, {
      vary: 'Origin',
      ...(origin && !forbidden ? { 'access-control-allow-origin': origin } : {}),
    });
    return { ok: false, handled: { viewer: 'rejected' } };
  }
  return { ok: true, viewer: auth.viewer, validUntil: auth.validUntil };
}

/** A POSTed operation's body, or null once a 413 has been sent. */
export function readQueryBody(
  req: IncomingMessage,
  res: ServerResponse,
  headers: RequestHeaders,
  requestId: string,
  refusalHeaders: Record<string, string> = {},
): Promise<Buffer | null> {
  const limit = QUERY_LIMITS.maxBodyBytes;
  return readBodyWithin(
    req,
    limit,
    () =>
      refuse(
        res,
        requestId,
        413,
        'BAD_REQUEST',
        `request body is larger than ${limit} bytes`,
        refusalHeaders,
      ),
    headers.contentLength,
  );
}

/** Headers of a GraphQL answer: ours, then Apollo's (or the lane's, the same), then CORS. */
function responseHeaders(
  given: Iterable<[string, string]>,
  origin: string | undefined,
  viewerKind: string,
  requestId: string,
): Record<string, string> {
  const out: Record<string, string> = {
    'x-request-id': requestId,
    'cache-control': 'no-store',
    vary: 'Origin',
  };
  for (const [name, value] of given) out[name] = value;
  if (browserMayRead(origin, viewerKind)) out['access-control-allow-origin'] = origin;
  return out;
}

/**
 * Browsers may read an answer only where a browser credential is expected: a publishable key
 * from an allowed origin (authentication refused the others), a member session, an operator
 * console, or no credential (the public policy). Secret keys are for servers.
 */
export function browserMayRead(origin: string | undefined, viewerKind: string): origin is string {
  return origin !== undefined && origin !== '' && viewerKind !== 'secret';
}

/** One writeHead with a content-length, one end: the quote path is hot. */
function writeComplete(
  res: ServerResponse,
  status: number,
  given: Iterable<[string, string]>,
  body: string,
  origin: string | undefined,
  viewerKind: string,
  requestId: string,
): void {
  const out = responseHeaders(given, origin, viewerKind, requestId);
  out['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, out);
  res.end(body);
}

/** A refusal of this route, with the request id every answer carries. */
export function refuse(
  res: ServerResponse,
  requestId: string,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendGraphQLError(res, status, code, message, { 'x-request-id': requestId, ...headers });
}
