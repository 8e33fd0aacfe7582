import { success } from '../../services/outcome.js';
import { checkEmail, checkIdentifier, firstErrors } from '../../services/validate.js';
import { builder } from '../builder.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

const CreateMemberSessionInput = builder.inputType('CreateMemberSessionInput', {
  description: 'The member the storefront vouches for.',
  fields: (t) => ({
    memberId: t.string({
      required: true,
      description: "The member's Member ID at the storefront.",
    }),
    email: t.string({ required: true, description: "The member's email address." }),
  }),
});

const CreateMemberSessionPayload = builder
  .objectRef<Payload<{ token: string; expiresAt: Date }>>('CreateMemberSessionPayload')
  .implement({
    description: 'The result of createMemberSession.',
    fields: (t) => ({
      token: t.string({
        nullable: true,
        description:
          "The member center's credential: send it as `Authorization: Bearer <token>`. Null when refused.",
        resolve: (p) => p.value?.token,
      }),
      expiresAt: t.field({
        type: 'DateTime',
        nullable: true,
        description:
          'When the session ends (24 hours), or sooner if the secret key that made it is rolled or revoked.',
        resolve: (p) => p.value?.expiresAt,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

builder.mutationField('createMemberSession', (t) =>
  t.field({
    type: CreateMemberSessionPayload,
    description:
      "The storefront's server vouches for its member: the session reads and files that member's claims.",
    authScopes: { secretKey: true },
    args: {
      input: t.arg({
        type: CreateMemberSessionInput,
        required: true,
        description: 'The member.',
      }),
    },
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
