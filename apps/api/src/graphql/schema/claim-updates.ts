// Subscription.claimUpdated: the claim each time it changes, from any instance (the changes
// arrive over the database: services/claims/claim-changes.ts). Served at /graphql/stream.
import type { ClaimRow } from '@lg/db';
import { GraphQLError } from 'graphql';
import { canSee } from '../../auth/visibility.js';
import type { ClaimChange } from '../../services/claims/claim-changes.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import { idOf } from '../global-id.js';
import { ClaimRef } from './claim.js';

builder.subscriptionField('claimUpdated', (t) =>
  t.field({
    type: ClaimRef,
    description:
      "The claim each time its status, documents, decision or payout change, as it is after the change. Without claimId: every claim the credential sees (a member its own, a secret key its storefront's, an operator all), filings included.",
    authScopes: { secretKey: true, member: true, operator: true },
    args: {
      claimId: t.arg.id({
        description:
          'Only this claim (its global ID). A claim the credential may not see is refused with NOT_FOUND, as one that does not exist.',
      }),
    },
    subscribe: async (_root, args, ctx) => {
      let claimId: string | null = null;
      if (args.claimId !== null && args.claimId !== undefined) {
        const id = idOf('Claim', String(args.claimId));
        const row = id && isUuid(id) ? await ctx.loaders.claim.load(id) : null;
        if (!row || !canSee(ctx.viewer, row)) {
          throw new GraphQLError('no claim with this id that this credential may see', {
            extensions: { code: 'NOT_FOUND' },
          });
        }
        claimId = row.id;
      }
      return ctx.app.claimFeed.subscribe(ctx.viewer, claimId);
    },
    // Each change is executed with a context of its own (http/stream-route.ts), so this read
    // is fresh; the feed only passed changes of claims this viewer may see.
    resolve: async (change: ClaimChange, _args, ctx): Promise<ClaimRow> => {
      const row = await ctx.loaders.claim.load(change.id);
      if (!row || !canSee(ctx.viewer, row)) throw new Error('a changed claim is out of sight');
      return row;
    },
  }),
);
