// PUT /uploads/:token (the evidence bytes) and GET /documents/:id (an authorised download).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { claims, documents } from '@lg/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq } from 'drizzle-orm';
import type { App } from '../app.js';
import { canSee } from '../auth/visibility.js';
import { checkDownloadLink, readDocumentContent } from '../services/documents/download-links.js';
import { openUpload, receiveUpload } from '../services/documents/receive-upload.js';
import { isUuid } from '../services/uuid.js';
import { header, sendError, sendJson } from './respond.js';
import type { RouteHandler } from './server.js';

/** A signed upload token (`up.<payload>.<signature>`, base64url parts). */
/** How long an upload may go without a byte before its connection is closed. */
const UPLOAD_IDLE_TIMEOUT_MS = 20_000;
const UPLOAD_PATH = /^\/uploads\/([A-Za-z0-9._-]{20,400})$/;
const DOCUMENT_PATH = /^\/documents\/([0-9a-f-]{36})$/;

export function documentRoutes(app: App): RouteHandler {
  return async (req, res, path, search, client) => {
    if (!path.startsWith('/uploads/') && !path.startsWith('/documents/')) return false;
    // Per client IP, before any work: an upload URL needs no credential to be tried.
    const wait = await client.limiter.consume('upload', client.ip);
    if (wait !== null) {
      sendError(res, 429, 'RATE_LIMITED', 'too many uploads or downloads from this address', {
        'retry-after': String(wait),
        'access-control-allow-origin': '*',
      });
      return true;
    }
    const upload = UPLOAD_PATH.exec(path);
    if (upload) {
      await handleUpload(app, req, res, upload[1] as string);
      return true;
    }
    const download = DOCUMENT_PATH.exec(path);
    if (download) {
      await handleDownload(app, req, res, download[1] as string, search);
      return true;
    }
    if (path.startsWith('/uploads/')) {
      refuseUnread(res, { status: 404, code: 'NOT_FOUND', message: 'no such upload' });
      return true;
    }
    if (path.startsWith('/documents/')) {
      sendError(res, 404, 'NOT_FOUND', 'no such document');
      return true;
    }
    return false;
  };
}

async function handleUpload(app: App, req: IncomingMessage, res: ServerResponse, token: string) {
  // The URL itself is the capability, so any origin (a member center) may PUT to it.
  const cors = { 'access-control-allow-origin': '*' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      'access-control-allow-methods': 'PUT, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '7200',
    });
    res.end();
    return;
  }
  if (req.method !== 'PUT') {
    refuseUnread(
      res,
      { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'upload the bytes with PUT' },
      { allow: 'PUT, OPTIONS', ...cors },
    );
    return;
  }
  // Everything that can refuse an upload from its head is checked before a body byte is read.
  const contentLength = header(req, 'content-length');
  if (contentLength === undefined) {
    refuseUnread(
      res,
      {
        status: 411,
        code: 'LENGTH_REQUIRED',
        message: 'send the bytes with a Content-Length (the declared byteSize), not chunked',
      },
      cors,
    );
    return;
  }
  const now = app.clock();
  // Node's parser has refused a Content-Length that is not digits.
  const opened = await openUpload(
    app,
    token,
    { contentType: header(req, 'content-type'), contentLength: Number(contentLength) },
    now,
  );
  if (!opened.ok) {
    refuseUnread(res, opened.refusal, cors);
    return;
  }
  // A client that stops sending mid-body is cut off rather than held open until the request
  // timeout: an upload's bytes sit in memory until the last one arrives.
  req.setTimeout(UPLOAD_IDLE_TIMEOUT_MS, () => req.destroy());
  // The stream stays open when receiveUpload stops early, so the refusal can still be sent.
  let result: Awaited<ReturnType<typeof receiveUpload>>;
  try {
    result = await receiveUpload(app, opened.value, req.iterator({ destroyOnReturn: false }), now);
  } finally {
    // The timeout is the socket's: left set, it outlives the upload on a keep-alive connection,
    // which Node then destroys after 20 s idle (resetting a client that reuses it just then) or
    // in the middle of a later request slower than that (found by the soak, BENCHMARKS.md).
    req.setTimeout(0);
  }
  if (!result.ok) {
    refuseUnread(res, result.refusal, cors);
    return;
  }
  sendJson(
    res,
    201,
    {
      documentId: encodeGlobalID('Document', result.value.id),
      byteSize: result.value.byteSize,
      sha256: result.value.sha256,
      uploadedAt: result.value.uploadedAt?.toISOString(),
    },
    cors,
  );
}

/**
 * A refusal sent while the client may still be sending a body we will not read: the
 * connection closes once the answer is out (Node then drops the socket instead of reading the
 * rest of the body to reach a next request).
 */
function refuseUnread(
  res: ServerResponse,
  refusal: { status: number; code: string; message: string },
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return; // the client is gone: nobody to answer
  sendError(res, refusal.status, refusal.code, refusal.message, {
    ...headers,
    connection: 'close',
  });
}

async function handleDownload(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  search: string,
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET', { allow: 'GET, HEAD' });
    return;
  }
  if (!isUuid(id)) {
    sendError(res, 404, 'NOT_FOUND', 'no such document');
    return;
  }
  const now = app.clock();
  const token = new URLSearchParams(search).get('token');
  const link = token === null ? 'INVALID' : checkDownloadLink(app, id, token, now);
  let allowed = link === 'VALID';
  const [doc] = await app.db.select().from(documents).where(eq(documents.id, id));
  if (!allowed && doc) {
    const auth = await app.authenticator.authenticate(header(req, 'authorization'), undefined, now);
    if (auth.ok && auth.viewer.kind !== 'anonymous') {
      let memberId = doc.memberId ?? undefined;
      if (doc.claimId) {
        const [claim] = await app.db
          .select({ memberId: claims.memberId })
          .from(claims)
          .where(eq(claims.id, doc.claimId));
        memberId = claim?.memberId;
      }
      allowed = canSee(auth.viewer, { storefrontId: doc.storefrontId, memberId: memberId ?? '' });
      if (auth.viewer.kind === 'secret') allowed = auth.viewer.storefrontId === doc.storefrontId;
    }
  }
  // Unknown and not-yours answer alike, so ids can't be probed. An expired link this API
  // signed for this document tells nothing its holder did not know: it answers 410, so a
  // member center knows to read Document.url again instead of calling the document gone.
  if (doc?.uploadedAt && !allowed && link === 'EXPIRED') {
    sendError(
      res,
      410,
      'LINK_EXPIRED',
      'this download link has expired: read Document.url again for a new one',
    );
    return;
  }
  if (!doc || !allowed || !doc.uploadedAt) {
    sendError(res, 404, 'NOT_FOUND', 'no such document');
    return;
  }
  const content = await readDocumentContent(app, doc.id);
  if (!content) {
    sendError(res, 404, 'NOT_FOUND', 'no such document');
    return;
  }
  const asciiName = doc.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.writeHead(200, {
    'content-type': doc.contentType,
    'content-length': String(content.length),
    'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  res.end(req.method === 'HEAD' ? undefined : Buffer.from(content));
}
