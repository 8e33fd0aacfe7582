// PUT /uploads/<token>: the URL and the declared length are checked from the request head
// (openUpload) before any body byte is read; the body is then streamed with a hard cap and its
// first bytes checked for their real type (receiveUpload).
import { createHash } from 'node:crypto';
import type { DocumentRow } from '@lg/db';
import { documentBlobs, documents } from '@lg/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { App } from '../../app.js';
import { type AllowedContentType, bytesMatchContentType } from '../file-signature.js';
import { hashToken, SIGNATURE_BYTES } from './limits.js';

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
  // The chunks as they arrive: what is held is what was sent, never the declared size ahead of
  // the bytes (a client trickling one byte would otherwise reserve the whole file).
  const chunks: Uint8Array[] = [];
  let received = 0;
  let typeChecked = false;
  const sha256 = createHash('sha256');
  try {
    for await (const chunk of body) {
      if (chunk.length > size - received) {
        return refuse(413, 'TOO_LARGE', `more than the declared ${size} bytes were sent`);
      }
      chunks.push(chunk);
      received += chunk.length;
      sha256.update(chunk);
      if (!typeChecked && received >= signatureAt) {
        typeChecked = true;
        if (!bytesMatchContentType(Buffer.concat(chunks, received), type)) {
          return refuse(415, 'CONTENT_NOT_OF_TYPE', `the bytes are not a valid ${type} file`);
        }
      }
    }
  } catch {
    // The client went away mid-body (or the stream failed): nothing was stored.
    return refuse(400, 'INCOMPLETE_BODY', `the upload ended before ${size} bytes arrived`);
  }
  if (received !== size) {
    return refuse(400, 'SIZE_MISMATCH', `expected exactly ${size} bytes, received ${received}`);
  }
  // Copied once into a buffer of its own, so the stored view is exactly these bytes.
  const bytes = Buffer.concat(chunks, size);
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
