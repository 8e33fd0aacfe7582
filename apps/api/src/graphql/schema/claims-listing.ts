// The claims listing: Query.claims and Guarantee.claims, one connection type, paged forward or
// backward in the adjusters' order (services/claims/list-claims.ts).
import { GraphQLError } from 'graphql';
import { listClaims } from '../../services/claims/list-claims.js';
import { builder } from '../builder.js';
import { idOf } from '../global-id.js';
import { pageRequestOf, totalCountDescription } from '../paging.js';
import { ClaimRef } from './claim.js';
import { ClaimStatusEnum, ClaimTypeEnum } from './enums.js';
import { GuaranteeRef } from './guarantee.js';

const ClaimConnection = builder.connectionObject(
  {
    type: ClaimRef,
    name: 'ClaimConnection',
    description: 'A page of claims, in the order of the field that lists them.',
    fields: (t) => ({
      totalCount: t.int({
        description: totalCountDescription('claims'),
        resolve: (connection) => connection.count(),
      }),
    }),
  },
  { name: 'ClaimEdge', description: 'A claim and its cursor.' },
);

const ClaimFilter = builder.inputType('ClaimFilter', {
  description: 'Narrows a claims listing; every condition given must hold.',
  fields: (t) => ({
    status: t.field({ type: [ClaimStatusEnum], description: 'Claims in one of these statuses.' }),
    orderNumber: t.string({ description: "The claims of this order's guarantee." }),
    memberId: t.string({ description: "This member's claims." }),
    overdue: t.boolean({
      description: 'true: under review past dueAt (POLICY R17); false: every other claim.',
    }),
    type: t.field({ type: [ClaimTypeEnum], description: 'Claims of one of these types.' }),
    storefrontId: t.id({
      description:
        "One storefront's claims (operators); a storefront's own key sees only its own claims, so another id lists none.",
    }),
  }),
});

/** The filter as the listing takes it: the storefront's global ID decoded, or refused. */
function filterOf(filter: typeof ClaimFilter.$inferInput | null | undefined) {
  if (!filter) return filter;
  const { storefrontId, ...rest } = filter;
  if (storefrontId === null || storefrontId === undefined) return rest;
  const id = idOf('Storefront', String(storefrontId));
  if (!id) {
    throw new GraphQLError('filter.storefrontId is not a Storefront id', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return { ...rest, storefrontId: id };
}

builder.objectField(GuaranteeRef, 'claims', (t) =>
  t.connection(
    {
      type: ClaimRef,
      description: "This order's claims the viewer may see, in the claims listing's order.",
      // Batched: every guarantee of a listing asking for the same page shares one statement.
      resolve: (g, args, ctx) =>
        ctx.loaders.claimPagesByGuarantee(ctx.viewer, pageRequestOf(args)).load(g.id),
    },
    ClaimConnection,
  ),
);

builder.queryFields((t) => ({
  claims: t.connection(
    {
      type: ClaimRef,
      description:
        'Operators see all claims, storefronts their own, members their own. Ordered by dueAt, overdue first.',
      authScopes: { secretKey: true, member: true, operator: true },
      args: { filter: t.arg({ type: ClaimFilter, description: 'Narrows the listing.' }) },
      resolve: (_root, args, ctx) =>
        listClaims(
          ctx.app,
          ctx.viewer,
          { page: pageRequestOf(args), filter: filterOf(args.filter) },
          ctx.now,
        ),
    },
    ClaimConnection,
  ),
}));
