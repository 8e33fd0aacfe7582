// Evidence that arrives with its bytes in hand (an emailed attachment) rather than through an
// upload URL: the same checks as createDocumentUpload and the PUT (name, kind, type, size,
// and the bytes' real type), then the document and its bytes stored in the caller's
// transaction, so they exist only if the claim they are for is written too.
import { createHash, randomUUID } from 'node:crypto';
import type { DocumentRow } from '@lg/db';
import { documentBlobs, documents } from '@lg/db';
import type { Transaction } from '@lg/db/client';
import type { App } from '../../app.js';
import { type AllowedContentType, bytesMatchContentType } from '../file-signature.js';
import type { UserErrorShape } from '../outcome.js';
import { type CreateUploadInput, checkDocumentInput } from './create-document-upload.js';
import { hashToken } from './limits.js';

export interface ReceivedDocument {
  kind: CreateUploadInput['kind'];
  fileName: string;
  contentType: string;
  content: Uint8Array;
}

/** Why a file was not taken, in words a member can act on. */
export type DocumentCheck = { ok: true } | { ok: false; errors: UserErrorShape[] };

/** The checks an upload's create and PUT make, for bytes already at hand. */
export function checkReceivedDocument(app: App, file: ReceivedDocument): DocumentCheck {
  const errors = checkDocumentInput(
    {
      kind: file.kind,
      fileName: file.fileName,
      contentType: file.contentType,
      byteSize: file.content.length,
    },
    app.config.maxUploadBytes,
  );
  if (errors.length > 0) return { ok: false, errors };
  const type = file.contentType as AllowedContentType;
  if (!bytesMatchContentType(file.content, type)) {
    return {
      ok: false,
      errors: [
        {
          code: 'INVALID_INPUT',
          message: `the bytes are not a valid ${type} file`,
          field: ['content'],
        },
      ],
    };
  }
  return { ok: true };
}

/**
 * Stores a checked file as an uploaded document of the member (`memberId`), not yet on a
 * claim. The caller has run checkReceivedDocument.
 */
export async function storeReceivedDocument(
  tx: Transaction,
  storefrontId: string,
  memberId: string,
  file: ReceivedDocument,
  now: Date,
): Promise<DocumentRow> {
  const id = randomUUID();
  const [row] = await tx
    .insert(documents)
    .values({
      id,
      storefrontId,
      memberId,
      kind: file.kind,
      fileName: file.fileName,
      contentType: file.contentType,
      byteSize: file.content.length,
      // No upload URL was ever issued: the column's uniqueness wants a value nobody can hold.
      uploadTokenHash: hashToken(`received:${randomUUID()}`),
      uploadExpiresAt: now,
      uploadedAt: now,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('document insert returned nothing');
  await tx.insert(documentBlobs).values({ documentId: id, content: file.content });
  return row;
}
