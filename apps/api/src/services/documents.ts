// Evidence uploads: createDocumentUpload issues a short-lived, single-use URL on this server;
// PUT streams the bytes, which are checked for size and real type before anything is stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DocumentRow } from '@lg/db';
import { documentBlobs, documents } from '@lg/db';
import { DOCUMENT_KINDS, type DocumentKind, documentAcceptsContentType } from '@lg/domain';
import { and, eq, isNull } from 'drizzle-orm';
import type { App } from '../app.js';
import type { Viewer } from '../auth/viewer.js';
import {
  ALLOWED_CONTENT_TYPES,
  type AllowedContentType,
  bytesMatchContentType,
  isAllowedContentType,
} from './file-signature.js';
import { type Outcome, success, type UserErrorShape } from './outcome.js';
import { checkText } from './validate.js';

const UPLOAD_URL_TTL_MS = 15 * 60_000;
const DOWNLOAD_URL_TTL_MS = 5 * 60_000;

export interface CreateUploadInput {
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  byteSize: number;
}

export interface IssuedUpload {
  document: DocumentRow;
  url: string;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createDocumentUpload(
  app: App,
  viewer: Extract<Viewer, { kind: 'member' | 'secret' }>,
  input: CreateUploadInput,
  now: Date,
): Promise<Outcome<IssuedUpload>> {
  const errors: UserErrorShape[] = [];
  const nameError = checkText(input.fileName, ['input', 'fileName'], { max: 255 });
  if (nameError) errors.push(nameError);
  else if (/[/\\]/.test(input.fileName)) {
    errors.push({
      code: 'INVALID_INPUT',
      message: 'fileName must not contain a path',
      field: ['input', 'fileName'],
    });
  }
  if (!DOCUMENT_KINDS.includes(input.kind)) {
    errors.push({
      code: 'INVALID_INPUT',
      message: 'unknown document kind',
      field: ['input', 'kind'],
    });
  }
  if (!isAllowedContentType(input.contentType)) {
    errors.push({
      code: 'INVALID_INPUT',
      message: `contentType must be one of ${ALLOWED_CONTENT_TYPES.join(', ')}`,
      field: ['input', 'contentType'],
    });
  }
  if (
    isAllowedContentType(input.contentType) &&
    !documentAcceptsContentType(input.kind, input.contentType)
  ) {
    errors.push({
      code: 'INVALID_INPUT',
      message: `a ${input.kind === 'PACKAGING_PHOTO' ? 'packaging' : 'contents'} photo must be an image (PNG, JPEG, WebP or HEIC)`,
      field: ['input', 'contentType'],
    });
  }
  const max = app.config.maxUploadBytes;
  if (!Number.isInteger(input.byteSize) || input.byteSize < 1 || input.byteSize > max) {
    errors.push({
      code: 'INVALID_INPUT',
      message: `byteSize must be 1 to ${max} bytes`,
      field: ['input', 'byteSize'],
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + UPLOAD_URL_TTL_MS);
  const [row] = await app.db
    .insert(documents)
    .values({
      id: randomUUID(),
      storefrontId: viewer.storefrontId,
      memberId: viewer.kind === 'member' ? viewer.memberId : null,
      kind: input.kind,
      fileName: input.fileName,
      contentType: input.contentType,
      byteSize: input.byteSize,
      uploadTokenHash: hashToken(token),
      uploadExpiresAt: expiresAt,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('document insert returned nothing');
  return success({ document: row, url: `/uploads/${token}`, expiresAt });
}

export type UploadRefusal = { status: number; code: string; message: string };

/** Stores the bytes for an upload URL, or says (as a 4xx) why not. Nothing is half-stored. */
export async function receiveUpload(
  app: App,
  token: string,
  contentType: string | undefined,
  body: Buffer,
  now: Date,
): Promise<{ ok: true; document: DocumentRow } | { ok: false; refusal: UploadRefusal }> {
  const refuse = (status: number, code: string, message: string) => ({
    ok: false as const,
    refusal: { status, code, message },
  });
  const [row] = await app.db
    .select()
    .from(documents)
    .where(eq(documents.uploadTokenHash, hashToken(token)));
  if (!row) return refuse(404, 'UPLOAD_NOT_FOUND', 'this upload URL is unknown');
  if (row.uploadedAt) return refuse(409, 'UPLOAD_USED', 'this upload URL was already used');
  if (row.uploadExpiresAt.getTime() <= now.getTime()) {
    return refuse(410, 'UPLOAD_EXPIRED', 'this upload URL has expired: create a new upload');
  }
  const declared = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (declared !== row.contentType) {
    return refuse(
      415,
      'CONTENT_TYPE_MISMATCH',
      `send the Content-Type declared for this upload: ${row.contentType}`,
    );
  }
  if (body.length !== row.byteSize) {
    return refuse(
      400,
      'SIZE_MISMATCH',
      `expected exactly ${row.byteSize} bytes, received ${body.length}`,
    );
  }
  if (!bytesMatchContentType(body, row.contentType as AllowedContentType)) {
    return refuse(415, 'CONTENT_NOT_OF_TYPE', `the bytes are not a valid ${row.contentType} file`);
  }
  const sha256 = createHash('sha256').update(body).digest('hex');
  const stored = await app.db.transaction(async (tx) => {
    // The conditional UPDATE makes the URL single-use even under concurrent PUTs.
    const [updated] = await tx
      .update(documents)
      .set({ uploadedAt: now, sha256 })
      .where(and(eq(documents.id, row.id), isNull(documents.uploadedAt)))
      .returning();
    if (!updated) return null;
    await tx.insert(documentBlobs).values({ documentId: row.id, content: new Uint8Array(body) });
    return updated;
  });
  if (!stored) return refuse(409, 'UPLOAD_USED', 'this upload URL was already used');
  return { ok: true, document: stored };
}

export async function readDocumentContent(
  app: App,
  documentId: string,
): Promise<Uint8Array | null> {
  const [blob] = await app.db
    .select()
    .from(documentBlobs)
    .where(eq(documentBlobs.documentId, documentId));
  return blob?.content ?? null;
}

/** A short-lived link that downloads the document without an Authorization header. */
export function downloadUrl(app: App, documentId: string, now: Date): string {
  const token = app.signer.sign('dl', {
    exp: now.getTime() + DOWNLOAD_URL_TTL_MS,
    doc: documentId,
  });
  return `/documents/${documentId}?token=${token}`;
}

export function verifyDownload(app: App, documentId: string, token: string, now: Date): boolean {
  const result = app.signer.verify<{ exp: number; doc: string }>('dl', token, now);
  return result.ok && result.payload.doc === documentId;
}
