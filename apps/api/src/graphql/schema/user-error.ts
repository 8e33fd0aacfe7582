import { REFUSAL_CODES } from '@lg/domain';
import type { ObjectRef } from '@pothos/core';
import type { Outcome, UserErrorShape } from '../../services/outcome.js';
import { type BuilderTypes, builder } from '../builder.js';

export const UserErrorCode = builder.enumType('UserErrorCode', {
  description:
    'Why a mutation was refused; the message says it in words. The codes and the rules behind them: packages/domain (POLICY.md, src/results/codes.ts).',
  values: REFUSAL_CODES,
});

export const UserErrorRef = builder.objectRef<UserErrorShape>('UserError').implement({
  description: 'A business-rule refusal: the request was understood and nothing was written.',
  fields: (t) => ({
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the input field at fault, e.g. ["input", "lines", "0", "quantity"].',
    }),
    message: t.exposeString('message'),
    code: t.field({ type: UserErrorCode, resolve: (error) => error.code }),
  }),
});

/** Payload backing shape: the object (null on refusal) and the userErrors. */
export interface Payload<T> {
  value: T | null;
  userErrors: UserErrorShape[];
}

export function toPayload<T>(outcome: Outcome<T>): Payload<T> {
  return outcome.ok
    ? { value: outcome.value, userErrors: [] }
    : { value: null, userErrors: outcome.errors };
}

/** `<Name>Payload { <field>: <Type>, userErrors: [UserError!]! }`, alike for every mutation. */
export function payloadType<T>(name: string, field: string, type: ObjectRef<BuilderTypes, T>) {
  return builder.objectRef<Payload<T>>(name).implement({
    fields: (t) => ({
      [field]: t.expose('value', { type, nullable: true }),
      userErrors: t.expose('userErrors', { type: [UserErrorRef] }),
    }),
  });
}
