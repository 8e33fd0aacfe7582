// Risk signals: facts about a claim worth an adjuster's second look before a SUSPECTED_FRAUD
// decision (R11). They inform the adjuster; no rule reads them, so they never decide or block.

/** What a risk signal points at. */
export type RiskSignalCode =
  | 'MEMBER_CLAIM_VELOCITY'
  | 'ADDRESS_SHARED_BY_MEMBERS'
  | 'CLAIM_SOON_AFTER_DELIVERY'
  | 'WEIGHT_SHORTFALL'
  | 'HIGH_VALUE_FIRST_ORDER'
  | 'DESCRIPTION_REUSED';
/** Every {@link RiskSignalCode}, in the order the API lists them. */
export const RISK_SIGNAL_CODES = Object.freeze([
  'MEMBER_CLAIM_VELOCITY',
  'ADDRESS_SHARED_BY_MEMBERS',
  'CLAIM_SOON_AFTER_DELIVERY',
  'WEIGHT_SHORTFALL',
  'HIGH_VALUE_FIRST_ORDER',
  'DESCRIPTION_REUSED',
] as const) satisfies readonly RiskSignalCode[];

/** One signal raised on a claim, with what an adjuster can check (numbers, other claims). */
export interface RiskSignal {
  readonly code: RiskSignalCode;
  readonly detail: string;
}
