// The GraphQL enums are the domain's vocabulary, listed once in @lg/domain. Each value's
// meaning is written here, in a Record keyed by the domain's type, so a value the domain adds
// cannot reach the schema undescribed.
import {
  CLAIM_OUTCOMES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  type ClaimOutcome,
  type ClaimStatus,
  type ClaimType,
  DOCUMENT_KINDS,
  type DocumentKind,
  GUARANTEE_STATUSES,
  PACKAGE_EVENT_TYPES,
  PACKAGE_FLAGS,
  PACKAGE_STATUSES,
} from '@lg/domain';
import { builder } from '../builder.js';

type GuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];
type PackageEventType = (typeof PACKAGE_EVENT_TYPES)[number];
type PackageFlag = (typeof PACKAGE_FLAGS)[number];
type PackageStatus = (typeof PACKAGE_STATUSES)[number];

/** An enum's values in the domain's order, each with its description. */
export function described<T extends string>(values: readonly T[], meanings: Record<T, string>) {
  return Object.fromEntries(
    values.map((value) => [value, { description: meanings[value] }]),
  ) as Record<T, { description: string }>;
}

export const ClaimTypeEnum = builder.enumType('ClaimType', {
  description: 'What a claim says happened to the package.',
  values: described<ClaimType>(CLAIM_TYPES, {
    LOSS: 'The whole package is lost (POLICY R5, R16).',
    PARTIAL_LOSS: 'Some of the contents are missing; paid on an audited amount (R7).',
    DAMAGE: 'The contents cannot be used normally; paid on an audited amount (R8).',
  }),
});
export const ClaimStatusEnum = builder.enumType('ClaimStatus', {
  description: 'Open = NEEDS_DOCUMENTS, UNDER_REVIEW, APPROVED.',
  values: described<ClaimStatus>(CLAIM_STATUSES, {
    NEEDS_DOCUMENTS: 'Filed; waits for the documents its type requires (R13).',
    UNDER_REVIEW: 'Every document is in; a decision is due by dueAt (R17).',
    APPROVED: 'An adjuster approved it; the payout is still to be recorded.',
    REJECTED: 'Rejected, with its reason codes (R11). Final.',
    PAID: 'Approved and paid, with the payout reference. Final.',
  }),
});
export const DocumentKindEnum = builder.enumType('DocumentKind', {
  description: 'What a piece of evidence is (POLICY R13).',
  values: described<DocumentKind>(DOCUMENT_KINDS, {
    PROOF_OF_PURCHASE: 'An invoice or transaction record showing the contents and their value.',
    ORDER_NOTIFICATION_EMAIL:
      'The order notification email the member received, e.g. its .eml file.',
    PACKAGING_PHOTO: 'A photo of the packaging (damage and partial loss); an image.',
    CONTENTS_PHOTO: 'A photo of the contents (damage and partial loss); an image.',
    OTHER: 'Any other evidence the member wants the adjuster to see.',
  }),
});
export const PackageFlagEnum = builder.enumType('PackageFlag', {
  description: 'Evidence the data shows about a package (POLICY R12); the adjuster decides.',
  values: described<PackageFlag>(PACKAGE_FLAGS, {
    NO_SIGNATURE: 'Delivered without a signature.',
    ADDRESS_MISMATCH: 'The delivery address differs from the Member Center address.',
    WEIGHT_SHORTFALL:
      'The actual weight is below the estimate by more than 10% of it and more than 50 g (R7).',
    SHIPPED_BEFORE_PURCHASE: 'The package shipped before the guarantee was bought (R2).',
  }),
});
export const GuaranteeStatusEnum = builder.enumType('GuaranteeStatus', {
  description: 'Whether a guarantee covers its packages.',
  values: described<GuaranteeStatus>(GUARANTEE_STATUSES, {
    ACTIVE: "Covers the order's packages.",
    CANCELLED: 'Cancelled before any package shipped; covers nothing.',
  }),
});
export const PackageEventTypeEnum = builder.enumType('PackageEventType', {
  description: 'What a carrier reports about a package.',
  values: described<PackageEventType>(PACKAGE_EVENT_TYPES, {
    SHIPPED: 'The carrier took the package.',
    ARRIVED_AT_DESTINATION:
      'The package reached the destination (a pickup point or warehouse): the 30 days of R15 start.',
    DELIVERED: 'The recipient received it: the 24 hours of R14 start.',
    LOST: 'The carrier reports the package lost (R16).',
  }),
});
export const PackageStatusEnum = builder.enumType('PackageStatus', {
  description:
    'Where a package is, as its carrier events tell it: the furthest step reported, whatever order the events arrived in (a delivery outranks a loss report).',
  values: described<PackageStatus>(PACKAGE_STATUSES, {
    REGISTERED: 'Registered; no carrier event yet.',
    SHIPPED: 'On its way.',
    ARRIVED_AT_DESTINATION: 'Waiting at the destination to be collected or delivered.',
    DELIVERED: 'Received by the recipient.',
    LOST: 'Reported lost by the carrier.',
  }),
});
export const ClaimOutcomeEnum = builder.enumType('ClaimOutcome', {
  description: "An adjuster's verdict on a claim.",
  values: described<ClaimOutcome>(CLAIM_OUTCOMES, {
    APPROVE: 'Pay the claim what its rules allow (POLICY R5-R9).',
    REJECT: 'Pay nothing, for the reason codes given (R11).',
  }),
});
