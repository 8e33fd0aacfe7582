import { REFUSAL_CODES, type RefusalCode } from '@lg/domain';
import type { ObjectRef } from '@pothos/core';
import type { Outcome, UserErrorShape } from '../../services/outcome.js';
import { type BuilderTypes, builder } from '../builder.js';

/**
 * What each refusal code means to a partner, in the domain's order (packages/domain
 * src/results/codes.ts says why each exists). A Record, so a new code cannot ship undescribed.
 */
const REFUSAL_MEANINGS: Record<RefusalCode, string> = {
  INVALID_INPUT: 'The input is malformed or outside its documented limits; `field` names it.',
  UNSUPPORTED_CURRENCY:
    'A valid ISO 4217 currency with no published exchange rate fresh enough (LG_FX_MAX_AGE_HOURS) to sell a guarantee in it.',
  QUOTE_EXPIRED: 'The quote outlived its expiresAt (POLICY R3): quote the cart again.',
  QUOTE_INVALID: 'The quote token was altered, forged or issued for another storefront (R3).',
  ORDER_ALREADY_GUARANTEED: 'This order already has a guarantee: one per order (R2).',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used before with different input.',
  NOT_FOUND: 'No such object, or one the credential may not see.',
  NOT_COVERED: 'No ACTIVE guarantee covers this order or package (R11).',
  PACKAGE_ALREADY_SHIPPED:
    'A package of the order has shipped: too late to change its guarantee (R2).',
  CLAIM_WINDOW_EXPIRED: 'Damage and partial loss are claimed within 24 hours of delivery (R14).',
  PACKAGE_UNCLAIMED: 'The package waited at the destination more than 30 days (R15).',
  LOSS_NOT_YET_CLAIMABLE:
    'A loss is claimable once the carrier reports it or the package is overdue (R16).',
  NOT_DELIVERED: 'Damage and partial loss are claimed after delivery (R14).',
  ALREADY_DELIVERED: 'A delivered package is not lost (R16).',
  CLAIM_ALREADY_OPEN: 'The package already has an open claim (R21).',
  INVALID_TRANSITION: "The claim's current status does not allow this step.",
  AMOUNT_REQUIRED: 'Approving partial loss or damage needs the audited amount (R7, R8).',
  REASON_REQUIRED: 'A rejection names at least one reason code (R11).',
  DOCUMENT_NOT_UPLOADED: "A document's bytes were not uploaded yet (R13).",
  DUPLICATE_TRACKING_NUMBER: 'This tracking number is already registered for another package.',
  GUARANTEE_CANCELLED: 'The guarantee was cancelled and covers nothing any more.',
  CAP_REACHED: 'The package has been paid all it can be paid (R9, R21).',
  TOO_MANY_DOCUMENTS: 'A claim holds a bounded number of documents.',
  QUOTE_MISMATCH: "The quote priced another product value than the order's (R1, R3).",
  QUOTE_ALREADY_USED: 'A quote buys one guarantee (R2).',
  PACKAGE_VALUE_EXCEEDS_ORDER:
    "The order's packages together would exceed its guaranteed value (R5, R6).",
};

export const UserErrorCode = builder.enumType('UserErrorCode', {
  description:
    'Why a mutation was refused; the message says it in words. The codes and the rules behind them: packages/domain (POLICY.md, src/results/codes.ts).',
  values: Object.fromEntries(
    REFUSAL_CODES.map((code) => [code, { description: REFUSAL_MEANINGS[code] }]),
  ) as Record<RefusalCode, { description: string }>,
});

/** What every payload's `userErrors` says. */
export const USER_ERRORS_DESCRIPTION =
  'Why nothing was done: empty when the mutation succeeded, else one entry per refusal.';

export const UserErrorRef = builder.objectRef<UserErrorShape>('UserError').implement({
  description: 'A business-rule refusal: the request was understood and nothing was written.',
  fields: (t) => ({
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the input field at fault, e.g. ["input", "lines", "0", "quantity"].',
    }),
    message: t.exposeString('message', {
      description: 'The refusal in English words, for developers and logs; may change.',
    }),
    code: t.field({
      type: UserErrorCode,
      description: 'The refusal as a stable code, for programs to act on.',
      resolve: (error) => error.code,
    }),
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

/**
 * `<Name>Payload { <field>: <Type>, userErrors: [UserError!]! }`, alike for every mutation;
 * `descriptions` says what the payload is the result of and what its object is.
 */
export function payloadType<T>(
  name: string,
  field: string,
  type: ObjectRef<BuilderTypes, T>,
  descriptions: { payload: string; value: string },
) {
  return builder.objectRef<Payload<T>>(name).implement({
    description: descriptions.payload,
    fields: (t) => ({
      [field]: t.expose('value', { type, nullable: true, description: descriptions.value }),
      userErrors: t.expose('userErrors', {
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
      }),
    }),
  });
}
