import { success } from '../../services/outcome.js';
import { checkEmail, checkIdentifier, firstErrors } from '../../services/validate.js';
import { builder } from '../builder.js';
import { type Payload, toPayload, UserErrorRef } from './user-error.js';

const CreateMemberSessionInput = builder.inputType('CreateMemberSessionInput', {
  fields: (t) => ({
    memberId: t.string({ required: true }),
    email: t.string({ required: true }),
  }),
});

const CreateMemberSessionPayload = builder
  .objectRef<Payload<{ token: string; expiresAt: Date }>>('CreateMemberSessionPayload')
  .implement({
    fields: (t) => ({
      token: t.string({ nullable: true, resolve: (p) => p.value?.token }),
      expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.value?.expiresAt }),
      userErrors: t.field({ type: [UserErrorRef], resolve: (p) => p.userErrors }),
    }),
  });

builder.mutationField('createMemberSession', (t) =>
  t.field({
    type: CreateMemberSessionPayload,
    description:
      "The storefront's server vouches for its member: the session reads and files that member's claims.",
    authScopes: { secretKey: true },
    args: { input: t.arg({ type: CreateMemberSessionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const invalid = firstErrors(
        checkIdentifier(input.memberId, ['input', 'memberId']),
        checkEmail(input.email, ['input', 'email']),
      );
      if (invalid) return toPayload(invalid);
      const { viewer } = ctx;
      if (viewer.kind !== 'secret') throw new Error('authScopes let only secret keys here');
      // The session lasts while this secret key does (auth/member-sessions.ts).
      const session = await ctx.app.sessions.issue(
        { storefrontId: viewer.storefrontId, memberId: input.memberId, apiKeyId: viewer.keyId },
        ctx.now,
      );
      return toPayload(success(session));
    },
  }),
);
