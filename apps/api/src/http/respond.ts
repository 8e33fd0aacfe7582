import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A refusal over plain HTTP: a 4xx with a reason a developer can act on. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** A GraphQL-shaped refusal (auth, rate limit) with no `data`. */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}

/**
 * A refusal sent possibly before the body was read: the connection closes after it, so the
 * unread body is not taken for the next request. Nothing is sent to a client already gone.
 */
export function sendClosingError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  sendError(res, status, code, message, { ...headers, connection: 'close' });
}

class BodyTooLarge extends Error {}

/**
 * The body up to `limit` bytes, or null once `tooLarge` has answered a longer one (each route
 * words its 413 its own way). Other read errors are thrown.
 */
export async function readBodyWithin(
  req: IncomingMessage,
  limit: number,
  tooLarge: () => void,
  contentLength?: string,
): Promise<Buffer | null> {
  try {
    return await readBody(req, limit, contentLength);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    tooLarge();
    return null;
  }
}

/** Reads a request body up to `limit` bytes; rejects with BodyTooLarge beyond it. */
function readBody(
  req: IncomingMessage,
  limit: number,
  contentLength: string | undefined = header(req, 'content-length'),
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(contentLength);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request headers the API's hot path reads. */
export interface RequestHeaders {
  authorization: string | undefined;
  origin: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  requestId: string | undefined;
  /** Repeats joined with ", ", as `req.headers` and Apollo's HeaderMap join them. */
  accept: string | undefined;
}

/**
 * Reads the headers of `RequestHeaders` straight from `req.rawHeaders`, without building the
 * `req.headers` object. Repeats are settled as `req.headers` settles them: the first
 * authorization, content-type and content-length win; origins, request ids and accepts are
 * joined.
 */
export function readRequestHeaders(rawHeaders: readonly string[]): RequestHeaders {
  const found: RequestHeaders = {
    authorization: undefined,
    origin: undefined,
    contentType: undefined,
    contentLength: undefined,
    requestId: undefined,
    accept: undefined,
  };
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    switch (name.length) {
      case 6:
        if (name.toLowerCase() === 'origin') {
          found.origin = found.origin === undefined ? value : `${found.origin}, ${value}`;
        } else if (name.toLowerCase() === 'accept') {
          found.accept = found.accept === undefined ? value : `${found.accept}, ${value}`;
        }
        break;
      case 12:
        if (name.toLowerCase() === 'content-type') found.contentType ??= value;
        else if (name.toLowerCase() === 'x-request-id') {
          found.requestId = found.requestId === undefined ? value : `${found.requestId}, ${value}`;
        }
        break;
      case 13:
        if (name.toLowerCase() === 'authorization') found.authorization ??= value;
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') found.contentLength ??= value;
        break;
    }
  }
  return found;
}
