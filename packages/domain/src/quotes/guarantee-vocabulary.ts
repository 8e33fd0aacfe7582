// The guarantee vocabulary: whether a guarantee bought at checkout still covers its packages.
// Each union has a frozen `as const` tuple of its values, so callers validate untrusted strings
// and build enums from one list: @lg/db types its enum columns with these tuples and the API
// publishes them in this order. Keep the tuples literal (`as const`, checked by `satisfies`).

/** Whether a guarantee still covers its packages. */
export type GuaranteeStatus = 'ACTIVE' | 'CANCELLED';
/** Every {@link GuaranteeStatus}. */
export const GUARANTEE_STATUSES = Object.freeze([
  'ACTIVE',
  'CANCELLED',
] as const) satisfies readonly GuaranteeStatus[];
