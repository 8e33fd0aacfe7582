// Evidence uploads: createDocumentUpload issues a short-lived, single-use URL on this server;
// PUT streams the bytes, which are checked for size and real type before anything is stored.
// Nothing of a body is read before its URL and declared length are known to be good
// (openUpload), and no more than the declared bytes are ever held (receiveUpload): a made-up
// URL costs an HMAC, not a buffer.
import { randomUUID } from 'node:crypto';
import type { DocumentRow } from '@lg/db';
import { documents } from '@lg/db';
import { DOCUMENT_KINDS, type DocumentKind, documentAcceptsContentType } from '@lg/domain';
import type { App } from '../../app.js';
import type { Viewer } from '../../auth/viewer.js';
import { ALLOWED_CONTENT_TYPES, isAllowedContentType } from '../file-signature.js';
import { type Outcome, success, type UserErrorShape } from '../outcome.js';
import { checkText } from '../validate.js';
import { hashToken, UPLOAD_URL_TTL_MS } from './limits.js';

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

export async function createDocumentUpload(
  app: App,
  viewer: Extract<Viewer, { kind: 'member' | 'secret' }>,
  input: CreateUploadInput,
  now: Date,
): Promise<Outcome<IssuedUpload>> {
  const errors = checkDocumentInput(input, app.config.maxUploadBytes);
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

/**
 * What an upload or an emailed attachment must be before anything is stored: a plain file
 * name, a known kind, an accepted content type that suits the kind, and 1 to `max` bytes.
 */
export function checkDocumentInput(input: CreateUploadInput, max: number): UserErrorShape[] {
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
  if (!Number.isInteger(input.byteSize) || input.byteSize < 1 || input.byteSize > max) {
    errors.push({
      code: 'INVALID_INPUT',
      message: `byteSize must be 1 to ${max} bytes`,
      field: ['input', 'byteSize'],
    });
  }
  return errors;
}
