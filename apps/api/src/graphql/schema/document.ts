import type { DocumentRow } from '@lg/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { canSee } from '../../auth/visibility.js';
import { createDocumentUpload, downloadUrl, type IssuedUpload } from '../../services/documents.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { DocumentKindEnum } from './enums.js';
import { type Payload, toPayload, UserErrorRef } from './user-error.js';

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
  id: { resolve: (d) => d.id },
  loadOne: (id, ctx) => (isUuid(id) ? loadVisibleDocument(ctx, id) : null),
  fields: (t) => ({
    kind: t.field({ type: DocumentKindEnum, resolve: (d) => d.kind }),
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType'),
    byteSize: t.exposeInt('byteSize'),
    uploadedAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.uploadedAt }),
    url: t.string({
      nullable: true,
      description: 'A short-lived authorised download link (relative to the API), once uploaded.',
      resolve: (d, _args, ctx) => (d.uploadedAt ? downloadUrl(ctx.app, d.id, ctx.now) : null),
    }),
  }),
});

const DocumentUploadRef = builder.objectRef<IssuedUpload>('DocumentUpload').implement({
  description: 'PUT the file to `url` with the declared Content-Type and exactly byteSize bytes.',
  fields: (t) => ({
    documentId: t.field({ type: 'ID', resolve: (u) => encodeGlobalID('Document', u.document.id) }),
    url: t.exposeString('url', { description: 'Relative to the API origin; single use.' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (u) => u.expiresAt }),
    document: t.field({ type: DocumentRef, resolve: (u) => u.document }),
  }),
});

const CreateDocumentUploadInput = builder.inputType('CreateDocumentUploadInput', {
  fields: (t) => ({
    kind: t.field({ type: DocumentKindEnum, required: true }),
    fileName: t.string({ required: true }),
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
    fields: (t) => ({
      upload: t.field({ type: DocumentUploadRef, nullable: true, resolve: (p) => p.value }),
      userErrors: t.field({ type: [UserErrorRef], resolve: (p) => p.userErrors }),
    }),
  });

builder.mutationField('createDocumentUpload', (t) =>
  t.field({
    type: CreateDocumentUploadPayload,
    description: 'Starts an evidence upload (POLICY R13).',
    authScopes: { member: true, secretKey: true },
    args: { input: t.arg({ type: CreateDocumentUploadInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.viewer;
      if (viewer.kind !== 'member' && viewer.kind !== 'secret') throw new Error('scope checked');
      return toPayload(await createDocumentUpload(ctx.app, viewer, input, ctx.now));
    },
  }),
);
