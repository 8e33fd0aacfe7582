// The GraphQL enums are the domain's vocabulary, listed once in @lg/domain.
import {
  CLAIM_OUTCOMES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  DOCUMENT_KINDS,
  GUARANTEE_STATUSES,
  PACKAGE_EVENT_TYPES,
  PACKAGE_FLAGS,
  PACKAGE_STATUSES,
} from '@lg/domain';
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
  values: GUARANTEE_STATUSES,
});
export const PackageEventTypeEnum = builder.enumType('PackageEventType', {
  values: PACKAGE_EVENT_TYPES,
});
export const PackageStatusEnum = builder.enumType('PackageStatus', {
  values: PACKAGE_STATUSES,
});
export const ClaimOutcomeEnum = builder.enumType('ClaimOutcome', {
  values: CLAIM_OUTCOMES,
});
