// PUT /uploads/:token (the evidence bytes) and GET /documents/:id (an authorised download).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { claims, documents } from '@lg/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq } from 'drizzle-orm';
import type { App } from '../app.js';
import { canSee } from '../auth/visibility.js';
import { readDocumentContent, receiveUpload, verifyDownload } from '../services/documents.js';
import { isUuid } from '../services/uuid.js';
import { BodyTooLarge, header, readBody, sendError, sendJson } from './respond.js';
import type { RouteHandler } from './server.js';

const UPLOAD_PATH = /^\/uploads\/([A-Za-z0-9_-]{20,100})$/;
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
    if (path.startsWith('/uploads/') || path.startsWith('/documents/')) {
      sendError(res, 404, 'NOT_FOUND', 'no such upload or document');
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
    sendError(res, 405, 'METHOD_NOT_ALLOWED', 'upload the bytes with PUT', {
      allow: 'PUT, OPTIONS',
      ...cors,
    });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, app.config.maxUploadBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      sendError(
        res,
        413,
        'TOO_LARGE',
        `uploads are at most ${app.config.maxUploadBytes} bytes`,
        cors,
      );
      return;
    }
    throw error;
  }
  const result = await receiveUpload(app, token, header(req, 'content-type'), body, app.clock());
  if (!result.ok) {
    sendError(res, result.refusal.status, result.refusal.code, result.refusal.message, cors);
    return;
  }
  sendJson(
    res,
    201,
    {
      documentId: encodeGlobalID('Document', result.document.id),
      byteSize: result.document.byteSize,
      sha256: result.document.sha256,
      uploadedAt: result.document.uploadedAt?.toISOString(),
    },
    cors,
  );
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
  let allowed = token !== null && verifyDownload(app, id, token, now);
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
  // Unknown and not-yours answer alike, so ids can't be probed.
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
