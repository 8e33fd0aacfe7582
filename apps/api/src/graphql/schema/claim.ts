// The Claim type and its timeline, with the mutations that file, complete, decide and pay
// claims. Resolvers decode global IDs and call one use case in services/claims; the listing
// (claims-listing.ts), the decision and eligibility types sit beside this file.
import type { ClaimEventRow, ClaimRow } from '@lg/db';
import { isDecisionOverdue, KEEP_EVIDENCE_NOTICE } from '@lg/domain';
import { canSee } from '../../auth/visibility.js';
import { addClaimDocuments } from '../../services/claims/add-claim-documents.js';
import { decideClaim } from '../../services/claims/decide-claim.js';
import { fileClaim } from '../../services/claims/file-claim.js';
import { missingClaimDocuments } from '../../services/claims/missing-claim-documents.js';
import { recordClaimPayout } from '../../services/claims/record-claim-payout.js';
import { failure } from '../../services/outcome.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { idOf } from '../global-id.js';
import { ClaimDecisionRef, decisionOf } from './claim-decision.js';
import { DocumentRef } from './document.js';
import {
  ClaimOutcomeEnum,
  ClaimStatusEnum,
  ClaimTypeEnum,
  DocumentKindEnum,
  PackageFlagEnum,
} from './enums.js';
import { GuaranteeRef } from './guarantee.js';
import { MoneyInput } from './money.js';
import { PackageRef } from './package.js';
import { ClaimReasonCodeEnum } from './policy.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

async function loadVisibleClaim(ctx: Context, id: string): Promise<ClaimRow | null> {
  const row = await ctx.loaders.claim.load(id);
  return row && canSee(ctx.viewer, row) ? row : null;
}

async function guaranteeOf(ctx: Context, claim: ClaimRow) {
  const guarantee = await ctx.loaders.guarantee.load(claim.guaranteeId);
  if (!guarantee) throw new Error('claim without guarantee');
  return guarantee;
}

const ClaimEventRef = builder.objectRef<ClaimEventRow>('ClaimEvent').implement({
  description: "One entry of a claim's timeline: its filing or a change of status.",
  fields: (t) => ({
    at: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.at }),
    status: t.field({
      type: ClaimStatusEnum,
      description: 'The status the claim entered.',
      resolve: (e) => e.toStatus,
    }),
    fromStatus: t.field({
      type: ClaimStatusEnum,
      nullable: true,
      description: 'The status it left; null for the filing.',
      resolve: (e) => e.fromStatus,
    }),
    actor: t.exposeString('actor', {
      description: 'Who did it: "member:<Member ID>", "storefront:<id>" or "operator:<key id>".',
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'Why, when the actor said (a decision note, a payout reference).',
    }),
  }),
});

export const ClaimRef = builder.node(builder.objectRef<ClaimRow>('Claim'), {
  description:
    "A member's claim on a guaranteed package: what happened, its evidence, its status and the adjuster's decision.",
  id: { resolve: (c) => c.id },
  loadOne: (id, ctx) => (isUuid(id) ? loadVisibleClaim(ctx, id) : null),
  fields: (t) => ({
    reference: t.exposeString('reference', {
      description: 'POLICY R20: "Member ID+Order Number+Claim". A label, not unique.',
    }),
    type: t.field({
      type: ClaimTypeEnum,
      description: 'What the claim says happened.',
      resolve: (c) => c.type,
    }),
    status: t.field({
      type: ClaimStatusEnum,
      description: 'Where the claim is in its lifecycle.',
      resolve: (c) => c.status,
    }),
    description: t.exposeString('description', {
      description: "What happened, in the member's words.",
    }),
    memberId: t.exposeString('memberId', { description: "The claimant's Member ID." }),
    package: t.field({
      type: PackageRef,
      description: 'The package claimed on.',
      resolve: async (c, _args, ctx) => {
        const pkg = await ctx.loaders.package.load(c.packageId);
        if (!pkg) throw new Error('claim without package');
        return pkg;
      },
    }),
    guarantee: t.field({
      type: GuaranteeRef,
      description: "The package's guarantee, whose policy version decides the claim.",
      resolve: (c, _args, ctx) => guaranteeOf(ctx, c),
    }),
    filedAt: t.field({
      type: 'DateTime',
      description: 'When it was filed.',
      resolve: (c) => c.filedAt,
    }),
    documents: t.field({
      type: [DocumentRef],
      description: 'The evidence attached, oldest first.',
      resolve: (c, _args, ctx) => ctx.loaders.documentsByClaim.load(c.id),
    }),
    missingDocuments: t.field({
      type: [DocumentKindEnum],
      description: 'POLICY R13: what the claim still needs before review.',
      resolve: async (c, _args, ctx) =>
        missingClaimDocuments(
          ctx.app,
          c,
          await guaranteeOf(ctx, c),
          await ctx.loaders.documentsByClaim.load(c.id),
        ),
    }),
    dueAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'POLICY R17: a decision is due 7 days after the documents are complete.',
      resolve: (c) => c.dueAt,
    }),
    overdue: t.boolean({
      description: 'True while UNDER_REVIEW past dueAt (POLICY R17).',
      resolve: (c, _args, ctx) =>
        c.status === 'UNDER_REVIEW' && isDecisionOverdue(c.dueAt, ctx.now),
    }),
    flags: t.field({
      type: [PackageFlagEnum],
      description:
        "The package's flags when the claim was filed (POLICY R12): evidence for the adjuster.",
      resolve: (c) => c.flags,
    }),
    decision: t.field({
      type: ClaimDecisionRef,
      nullable: true,
      description: "The adjuster's decision; null until decided.",
      resolve: decisionOf,
    }),
    payoutReference: t.exposeString('payoutReference', {
      nullable: true,
      description:
        "The payout's reference (the bank's or the payment provider's); null until PAID.",
    }),
    paidAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the payout was recorded; null until PAID.',
      resolve: (c) => c.paidAt,
    }),
    timeline: t.field({
      type: [ClaimEventRef],
      description: 'Filing first, then every transition. Never edited.',
      resolve: (c, _args, ctx) => ctx.loaders.timelineByClaim.load(c.id),
    }),
  }),
});

builder.queryFields((t) => ({
  claim: t.field({
    type: ClaimRef,
    nullable: true,
    description: 'A claim by its id; null if there is none the viewer may see.',
    authScopes: { secretKey: true, member: true, operator: true },
    args: { id: t.arg.id({ required: true, description: "The claim's global ID." }) },
    resolve: (_root, args, ctx) => {
      const id = idOf('Claim', String(args.id));
      return id ? loadVisibleClaim(ctx, id) : null;
    },
  }),
}));

const FileClaimInput = builder.inputType('FileClaimInput', {
  description: 'A claim on a guaranteed package, with the evidence uploaded so far.',
  fields: (t) => ({
    trackingNumber: t.string({ required: true, description: 'The package claimed on.' }),
    type: t.field({ type: ClaimTypeEnum, required: true, description: 'What happened.' }),
    description: t.string({
      required: true,
      description: "What happened, in the member's words; at most 5,000 characters.",
    }),
    documentIds: t.idList({
      description: 'Uploaded documents (DocumentUpload.documentId), at most 20.',
    }),
    memberId: t.string({ description: 'Required when acting with a secret key.' }),
  }),
});

const FileClaimPayload = builder.objectRef<Payload<ClaimRow>>('FileClaimPayload').implement({
  description: 'The result of fileClaim.',
  fields: (t) => ({
    claim: t.field({
      type: ClaimRef,
      nullable: true,
      description: 'The claim filed; null when refused.',
      resolve: (p) => p.value,
    }),
    evidenceNotice: t.string({
      nullable: true,
      description: 'POLICY R18: keep all packaging and contents until the review is complete.',
      resolve: (p) => (p.value ? KEEP_EVIDENCE_NOTICE : null),
    }),
    userErrors: t.field({
      type: [UserErrorRef],
      description: USER_ERRORS_DESCRIPTION,
      resolve: (p) => p.userErrors,
    }),
  }),
});

const AddClaimDocumentsInput = builder.inputType('AddClaimDocumentsInput', {
  description: 'Evidence to add to an open claim.',
  fields: (t) => ({
    claimId: t.id({ required: true, description: "The claim's global ID." }),
    documentIds: t.idList({
      required: true,
      description: 'Uploaded documents (DocumentUpload.documentId); a claim holds at most 20.',
    }),
  }),
});

const DecideClaimInput = builder.inputType('DecideClaimInput', {
  description: "An adjuster's decision on a claim under review.",
  fields: (t) => ({
    claimId: t.id({ required: true, description: "The claim's global ID." }),
    outcome: t.field({ type: ClaimOutcomeEnum, required: true, description: 'Approve or reject.' }),
    auditedAmount: t.field({
      type: MoneyInput,
      description: 'Required to approve PARTIAL_LOSS and DAMAGE.',
    }),
    reasonCodes: t.field({ type: [ClaimReasonCodeEnum], description: 'Required to reject.' }),
    note: t.string({ description: "Why, for the claim's record; at most 5,000 characters." }),
  }),
});

const RecordClaimPayoutInput = builder.inputType('RecordClaimPayoutInput', {
  description: 'The payout of an approved claim.',
  fields: (t) => ({
    claimId: t.id({ required: true, description: "The claim's global ID." }),
    reference: t.string({
      required: true,
      description:
        "The payout's reference (the bank's or the payment provider's); at most 200 characters.",
    }),
  }),
});

function claimPayload(name: string, mutation: string) {
  return builder.objectRef<Payload<ClaimRow>>(name).implement({
    description: `The result of ${mutation}.`,
    fields: (t) => ({
      claim: t.field({
        type: ClaimRef,
        nullable: true,
        description: 'The claim as it is now; null when refused.',
        resolve: (p) => p.value,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });
}

const AddClaimDocumentsPayload = claimPayload('AddClaimDocumentsPayload', 'addClaimDocuments');
const DecideClaimPayload = claimPayload('DecideClaimPayload', 'decideClaim');
const RecordClaimPayoutPayload = claimPayload('RecordClaimPayoutPayload', 'recordClaimPayout');

const notFound = () => toPayload(failure('NOT_FOUND', 'no such claim', ['input', 'claimId']));

builder.mutationFields((t) => ({
  fileClaim: t.field({
    type: FileClaimPayload,
    description: 'Files a claim on a guaranteed package (POLICY R13-R16, R21).',
    authScopes: { member: true, secretKey: true },
    args: {
      input: t.arg({ type: FileClaimInput, required: true, description: 'The claim to file.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.viewer;
      if (viewer.kind !== 'member' && viewer.kind !== 'secret') throw new Error('scope checked');
      return toPayload(
        await fileClaim(
          ctx.app,
          viewer,
          {
            ...input,
            documentIds: input.documentIds?.map((id) => idOf('Document', String(id))),
          },
          ctx.now,
        ),
      );
    },
  }),
  addClaimDocuments: t.field({
    type: AddClaimDocumentsPayload,
    description: 'Adds evidence; completing the documents starts the 7-day clock (R17).',
    authScopes: { member: true, secretKey: true },
    args: {
      input: t.arg({
        type: AddClaimDocumentsInput,
        required: true,
        description: 'The claim and its new documents.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.viewer;
      if (viewer.kind !== 'member' && viewer.kind !== 'secret') throw new Error('scope checked');
      const id = idOf('Claim', String(input.claimId));
      if (!id) return notFound();
      return toPayload(
        await addClaimDocuments(
          ctx.app,
          viewer,
          id,
          input.documentIds.map((documentId) => idOf('Document', String(documentId))),
          ctx.now,
        ),
      );
    },
  }),
  decideClaim: t.field({
    type: DecideClaimPayload,
    description: "An adjuster's decision, under the guarantee's own policy version.",
    authScopes: { operator: true },
    args: {
      input: t.arg({ type: DecideClaimInput, required: true, description: 'The decision.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf('Claim', String(input.claimId));
      if (!id) return notFound();
      return toPayload(await decideClaim(ctx.app, ctx.viewer, { ...input, claimId: id }, ctx.now));
    },
  }),
  recordClaimPayout: t.field({
    type: RecordClaimPayoutPayload,
    description: 'APPROVED -> PAID with the payout reference.',
    authScopes: { operator: true },
    args: {
      input: t.arg({ type: RecordClaimPayoutInput, required: true, description: 'The payout.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf('Claim', String(input.claimId));
      if (!id) return notFound();
      return toPayload(await recordClaimPayout(ctx.app, ctx.viewer, id, input.reference, ctx.now));
    },
  }),
}));
