import { REFUSAL_CODES, type RefusalCode } from '@lg/domain';
import type { ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../builder.js';

/** A business refusal as the API returns it: HTTP 200, nothing written. */
export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: RefusalCode;
}

/** What every mutation's service returns: the object, or why not. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: UserErrorShape[] };

export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function failure(
  code: RefusalCode,
  message: string,
  field?: readonly string[],
): Outcome<never> {
  return { ok: false, errors: [{ code, message, field: field ? [...field] : null }] };
}

/** Thrown inside a transaction to roll it back and answer with userErrors instead. */
export class Refused extends Error {
  constructor(readonly errors: UserErrorShape[]) {
    super(errors[0]?.message ?? 'refused');
  }

  static of(code: RefusalCode, message: string, field?: readonly string[]): Refused {
    return new Refused([{ code, message, field: field ? [...field] : null }]);
  }
}

/** Runs `work`; a `Refused` thrown inside (after its transaction rolled back) becomes userErrors. */
export async function refusalsAsOutcome<T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}

export const UserErrorCode = builder.enumType('UserErrorCode', {
  description: 'Why a mutation was refused. Each code is documented in POLICY.md / API.md.',
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
      [field]: t.field({ type, nullable: true, resolve: (payload) => payload.value as never }),
      userErrors: t.expose('userErrors', { type: [UserErrorRef] }),
    }),
  });
}
