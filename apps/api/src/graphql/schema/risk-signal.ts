// Claim.riskSignals: what the API noticed about a claim when it was filed or got documents
// (services/risk/assess-claim-risk.ts). For adjusters and the claim's storefront; a member is
// refused the field, like every other field that judges the member.
import type { StoredRiskSignal } from '@lg/db';
import { RISK_SIGNAL_CODES, RISK_THRESHOLDS, type RiskSignalCode } from '@lg/domain';
import { builder } from '../builder.js';
import { ClaimRef } from './claim.js';
import { described } from './enums.js';

// The descriptions state the thresholds the domain applies, read from it.
const T = RISK_THRESHOLDS;
const DAY_MS = 86_400_000;

const RiskSignalCodeEnum = builder.enumType('RiskSignalCode', {
  description: 'What a risk signal points at. Evidence for an adjuster, never a verdict.',
  values: described<RiskSignalCode>(RISK_SIGNAL_CODES, {
    MEMBER_CLAIM_VELOCITY: `The member filed ${T.velocityMinClaims} or more claims (this one included) in the ${T.velocityWindowMs / DAY_MS} days up to this one.`,
    ADDRESS_SHARED_BY_MEMBERS: `The package's delivery address received packages of ${T.sharedAddressMinMembers} or more members of the storefront.`,
    CLAIM_SOON_AFTER_DELIVERY: `Filed within ${T.soonAfterDeliveryMs / 60_000} minutes of the carrier reporting the delivery.`,
    WEIGHT_SHORTFALL:
      'The package weighed less at delivery than estimated, past POLICY R7 (the R12 flag, with its numbers).',
    HIGH_VALUE_FIRST_ORDER: `The member's first guaranteed order at the storefront, worth at least ${T.highValueFirstOrderCapShareBps / 100}% of the R9 cap.`,
    DESCRIPTION_REUSED: `Another claim of the storefront has the same description word for word (case and spacing aside; stock phrases under ${T.reusedDescriptionMinChars} characters don't count).`,
  }),
});

const RiskSignalRef = builder.objectRef<StoredRiskSignal>('RiskSignal').implement({
  description:
    'Something about a claim worth a second look before a SUSPECTED_FRAUD decision (POLICY R11). Informs; never decides or blocks.',
  fields: (t) => ({
    code: t.field({
      type: RiskSignalCodeEnum,
      description: 'What it points at.',
      resolve: (s) => s.code,
    }),
    detail: t.exposeString('detail', {
      description:
        'What an adjuster can check: the numbers, dates and the other claims or members involved.',
    }),
  }),
});

builder.objectField(ClaimRef, 'riskSignals', (t) =>
  t.field({
    type: [RiskSignalRef],
    description:
      'Risk signals computed when the claim was filed and each time documents were added; empty when none. Operators and secret keys; members are refused (FORBIDDEN).',
    authScopes: { operator: true, secretKey: true },
    resolve: (c) => c.riskSignals,
  }),
);
