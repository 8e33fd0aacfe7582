// Evidence uploads: createDocumentUpload issues a short-lived, single-use URL on this server;
// PUT streams the bytes, which are checked for size and real type before anything is stored.
// Nothing of a body is read before its URL and declared length are known to be good
// (openUpload), and no more than the declared bytes are ever held (receiveUpload): a made-up
// URL costs an HMAC, not a buffer.
import { createHash, randomUUID } from 'node:crypto';
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
/** How long a download link works: long enough to follow, short enough to leak little. */
export const DOWNLOAD_URL_TTL_MS = 5 * 60_000;
/**
 * How much of a body the type check reads (an email's header block is looked for in its first
 * 8 KiB; the other signatures are in the first 12 bytes): bytes of the wrong type are refused
 * once this much has arrived, not after the whole file.
 */
const SIGNATURE_BYTES = 8192;

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

  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + UPLOAD_URL_TTL_MS);
  // Signed, so a URL nobody was given is refused without a database read; stored hashed, so
  // it is used once.
  const token = app.signer.sign('up', { exp: expiresAt.getTime(), doc: id });
  const [row] = await app.db
    .insert(documents)
    .values({
      id,
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

export type UploadOutcome<T> = { ok: true; value: T } | { ok: false; refusal: UploadRefusal };

function refuse(status: number, code: string, message: string) {
  return { ok: false as const, refusal: { status, code, message } };
}

/**
 * The document an upload URL may still fill, checked from the request head alone: the URL's
 * signature and expiry, then that it was issued and not used, the content type and the
 * `Content-Length` (exactly the byteSize declared with createDocumentUpload). The caller reads
 * no body byte until this says yes.
 */
export async function openUpload(
  app: App,
  token: string,
  head: { contentType: string | undefined; contentLength: number },
  now: Date,
): Promise<UploadOutcome<DocumentRow>> {
  const signed = app.signer.verify<{ exp: number; doc: string }>('up', token, now);
  if (!signed.ok) {
    return signed.reason === 'EXPIRED'
      ? refuse(410, 'UPLOAD_EXPIRED', 'this upload URL has expired: create a new upload')
      : refuse(404, 'UPLOAD_NOT_FOUND', 'this upload URL is unknown');
  }
  const max = app.config.maxUploadBytes;
  if (head.contentLength > max) {
    return refuse(413, 'TOO_LARGE', `uploads are at most ${max} bytes`);
  }
  const [row] = await app.db
    .select()
    .from(documents)
    .where(eq(documents.uploadTokenHash, hashToken(token)));
  if (!row) return refuse(404, 'UPLOAD_NOT_FOUND', 'this upload URL is unknown');
  if (row.uploadedAt) return refuse(409, 'UPLOAD_USED', 'this upload URL was already used');
  if (row.uploadExpiresAt.getTime() <= now.getTime()) {
    return refuse(410, 'UPLOAD_EXPIRED', 'this upload URL has expired: create a new upload');
  }
  const declared = (head.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (declared !== row.contentType) {
    return refuse(
      415,
      'CONTENT_TYPE_MISMATCH',
      `send the Content-Type declared for this upload: ${row.contentType}`,
    );
  }
  if (head.contentLength !== row.byteSize) {
    return refuse(
      400,
      'SIZE_MISMATCH',
      `expected exactly ${row.byteSize} bytes, Content-Length is ${head.contentLength}`,
    );
  }
  return { ok: true, value: row };
}

/**
 * Reads the body of an opened upload and stores it. It stops reading, and refuses, as soon as
 * the bytes cannot be right: more than declared (413), or a start that is not of the declared
 * type (415); fewer than declared is a 400. Nothing is half-stored.
 */
export async function receiveUpload(
  app: App,
  upload: DocumentRow,
  body: AsyncIterable<Uint8Array>,
  now: Date,
): Promise<UploadOutcome<DocumentRow>> {
  const size = upload.byteSize;
  const type = upload.contentType as AllowedContentType;
  const signatureAt = Math.min(size, SIGNATURE_BYTES);
  let bytes: Buffer | undefined;
  let received = 0;
  let typeChecked = false;
  const sha256 = createHash('sha256');
  try {
    for await (const chunk of body) {
      if (chunk.length > size - received) {
        return refuse(413, 'TOO_LARGE', `more than the declared ${size} bytes were sent`);
      }
      // Allocated when the first byte arrives: a client that sends nothing holds nothing. Not
      // from the shared pool, so the stored view is exactly these bytes.
      bytes ??= Buffer.allocUnsafeSlow(size);
      bytes.set(chunk, received);
      received += chunk.length;
      sha256.update(chunk);
      if (!typeChecked && received >= signatureAt) {
        typeChecked = true;
        if (!bytesMatchContentType(bytes.subarray(0, received), type)) {
          return refuse(415, 'CONTENT_NOT_OF_TYPE', `the bytes are not a valid ${type} file`);
        }
      }
    }
  } catch {
    // The client went away mid-body (or the stream failed): nothing was stored.
    return refuse(400, 'INCOMPLETE_BODY', `the upload ended before ${size} bytes arrived`);
  }
  if (!bytes || received !== size) {
    return refuse(400, 'SIZE_MISMATCH', `expected exactly ${size} bytes, received ${received}`);
  }
  const content = new Uint8Array(bytes.buffer, bytes.byteOffset, size);
  const digest = sha256.digest('hex');
  const stored = await app.db.transaction(async (tx) => {
    // The conditional UPDATE makes the URL single-use even under concurrent PUTs.
    const [updated] = await tx
      .update(documents)
      .set({ uploadedAt: now, sha256: digest })
      .where(and(eq(documents.id, upload.id), isNull(documents.uploadedAt)))
      .returning();
    if (!updated) return null;
    await tx.insert(documentBlobs).values({ documentId: upload.id, content });
    return updated;
  });
  if (!stored) return refuse(409, 'UPLOAD_USED', 'this upload URL was already used');
  return { ok: true, value: stored };
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

/** When a download link issued at `now` stops working. */
export function downloadUrlExpiresAt(now: Date): Date {
  return new Date(now.getTime() + DOWNLOAD_URL_TTL_MS);
}

/** A short-lived link that downloads the document without an Authorization header. */
export function downloadUrl(app: App, documentId: string, now: Date): string {
  const token = app.signer.sign('dl', {
    exp: downloadUrlExpiresAt(now).getTime(),
    doc: documentId,
  });
  return `/documents/${documentId}?token=${token}`;
}

const EPOCH = new Date(0);

/**
 * What a download link's token is worth for `documentId`: VALID, EXPIRED (a link this API
 * issued for this very document, past its expiry: its holder may be told so and fetch a new
 * one), or INVALID (anything else, which must answer like a missing document).
 */
export function checkDownloadLink(
  app: App,
  documentId: string,
  token: string,
  now: Date,
): 'VALID' | 'EXPIRED' | 'INVALID' {
  // Verified as of the epoch, so the signature and the document it names are checked whatever
  // the expiry; the expiry is then compared here, as the signer would (exp <= now: expired).
  const signed = app.signer.verify<{ exp: number; doc: string }>('dl', token, EPOCH);
  if (!signed.ok || signed.payload.doc !== documentId) return 'INVALID';
  return signed.payload.exp > now.getTime() ? 'VALID' : 'EXPIRED';
}
