import type { DocumentRow } from '@lg/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { canSee } from '../../auth/visibility.js';
import {
  createDocumentUpload,
  type IssuedUpload,
} from '../../services/documents/create-document-upload.js';
import { downloadUrl, downloadUrlExpiresAt } from '../../services/documents/download-links.js';
import { DOWNLOAD_URL_TTL_MS } from '../../services/documents/limits.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { DocumentKindEnum } from './enums.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

/** A document is visible to its uploader, and to whoever may see the claim it is part of. */
async function loadVisibleDocument(ctx: Context, id: string): Promise<DocumentRow | null> {
  const doc = await ctx.loaders.document.load(id);
  if (!doc) return null;
  if (doc.claimId) {
    const claim = await ctx.loaders.claim.load(doc.claimId);
    return claim && canSee(ctx.viewer, claim) ? doc : null;
  }
  if (ctx.viewer.kind === 'member') {
    return doc.storefrontId === ctx.viewer.storefrontId && doc.memberId === ctx.viewer.memberId
      ? doc
      : null;
  }
  return canSee(ctx.viewer, { storefrontId: doc.storefrontId, memberId: doc.memberId ?? '' }) ||
    (ctx.viewer.kind === 'secret' && ctx.viewer.storefrontId === doc.storefrontId)
    ? doc
    : null;
}

export const DocumentRef = builder.node(builder.objectRef<DocumentRow>('Document'), {
  description:
    'A piece of evidence a member uploaded (POLICY R13), readable by whoever may see its claim.',
  id: { resolve: (d) => d.id },
  loadOne: (id, ctx) => (isUuid(id) ? loadVisibleDocument(ctx, id) : null),
  fields: (t) => ({
    kind: t.field({
      type: DocumentKindEnum,
      description: 'What the document is evidence of.',
      resolve: (d) => d.kind,
    }),
    fileName: t.exposeString('fileName', { description: 'The file name the uploader gave.' }),
    contentType: t.exposeString('contentType', {
      description: 'The MIME type, checked against the bytes, e.g. "application/pdf".',
    }),
    byteSize: t.exposeInt('byteSize', { description: 'The size in bytes.' }),
    uploadedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When its bytes arrived; null until the upload PUT succeeded.',
      resolve: (d) => d.uploadedAt,
    }),
    url: t.string({
      nullable: true,
      description:
        'A short-lived authorised download link (relative to the API), once uploaded. After urlExpiresAt it answers HTTP 410 with the code LINK_EXPIRED: read url again.',
      resolve: (d, _args, ctx) => (d.uploadedAt ? downloadUrl(ctx.app, d.id, ctx.now) : null),
    }),
    urlExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: `When url stops working (${DOWNLOAD_URL_TTL_MS / 60_000} minutes after it was read); null when there is no url.`,
      // The same clock reading as url's: both come from the request's `now`.
      resolve: (d, _args, ctx) => (d.uploadedAt ? downloadUrlExpiresAt(ctx.now) : null),
    }),
  }),
});

const DocumentUploadRef = builder.objectRef<IssuedUpload>('DocumentUpload').implement({
  description: 'PUT the file to `url` with the declared Content-Type and exactly byteSize bytes.',
  fields: (t) => ({
    documentId: t.field({
      type: 'ID',
      description: "The document's global ID, for fileClaim and addClaimDocuments.",
      resolve: (u) => encodeGlobalID('Document', u.document.id),
    }),
    url: t.exposeString('url', { description: 'Relative to the API origin; single use.' }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'After this the URL answers 410 UPLOAD_EXPIRED: create a new upload.',
      resolve: (u) => u.expiresAt,
    }),
    document: t.field({
      type: DocumentRef,
      description: 'The document; its uploadedAt and url stay null until the bytes arrive.',
      resolve: (u) => u.document,
    }),
  }),
});

const CreateDocumentUploadInput = builder.inputType('CreateDocumentUploadInput', {
  description: 'The file about to be uploaded, declared before its bytes.',
  fields: (t) => ({
    kind: t.field({
      type: DocumentKindEnum,
      required: true,
      description: 'What it is evidence of; photos must be images.',
    }),
    fileName: t.string({
      required: true,
      description: 'The file name, without a path; at most 255 characters.',
    }),
    contentType: t.string({
      required: true,
      description:
        'application/pdf, image/png, image/jpeg, image/webp, image/heic or message/rfc822',
    }),
    byteSize: t.int({ required: true, description: '1 byte to 10 MiB (LG_MAX_UPLOAD_BYTES)' }),
  }),
});

const CreateDocumentUploadPayload = builder
  .objectRef<Payload<IssuedUpload>>('CreateDocumentUploadPayload')
  .implement({
    description: 'The result of createDocumentUpload.',
    fields: (t) => ({
      upload: t.field({
        type: DocumentUploadRef,
        nullable: true,
        description: 'Where to PUT the bytes; null when refused.',
        resolve: (p) => p.value,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

builder.mutationField('createDocumentUpload', (t) =>
  t.field({
    type: CreateDocumentUploadPayload,
    description: 'Starts an evidence upload (POLICY R13).',
    authScopes: { member: true, secretKey: true },
    args: {
      input: t.arg({
        type: CreateDocumentUploadInput,
        required: true,
        description: 'The file to upload.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.viewer;
      if (viewer.kind !== 'member' && viewer.kind !== 'secret') throw new Error('scope checked');
      return toPayload(await createDocumentUpload(ctx.app, viewer, input, ctx.now));
    },
  }),
);
