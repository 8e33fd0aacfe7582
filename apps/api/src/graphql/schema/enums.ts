import { CLAIM_STATUSES, CLAIM_TYPES, DOCUMENT_KINDS, PACKAGE_FLAGS } from '@lg/domain';
import { builder } from '../builder.js';

export const ClaimTypeEnum = builder.enumType('ClaimType', { values: CLAIM_TYPES });
export const ClaimStatusEnum = builder.enumType('ClaimStatus', {
  description: 'Open = NEEDS_DOCUMENTS, UNDER_REVIEW, APPROVED.',
  values: CLAIM_STATUSES,
});
export const DocumentKindEnum = builder.enumType('DocumentKind', { values: DOCUMENT_KINDS });
export const PackageFlagEnum = builder.enumType('PackageFlag', {
  description: 'Evidence the data shows about a package (POLICY R12); the adjuster decides.',
  values: PACKAGE_FLAGS,
});
export const GuaranteeStatusEnum = builder.enumType('GuaranteeStatus', {
  values: ['ACTIVE', 'CANCELLED'] as const,
});
export const PackageEventTypeEnum = builder.enumType('PackageEventType', {
  values: ['SHIPPED', 'ARRIVED_AT_DESTINATION', 'DELIVERED', 'LOST'] as const,
});
export const PackageStatusEnum = builder.enumType('PackageStatus', {
  values: ['REGISTERED', 'SHIPPED', 'ARRIVED_AT_DESTINATION', 'DELIVERED', 'LOST'] as const,
});
export const ClaimOutcomeEnum = builder.enumType('ClaimOutcome', {
  values: ['APPROVE', 'REJECT'] as const,
});
