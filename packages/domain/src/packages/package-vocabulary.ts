// The package vocabulary: what carriers report, where a package is, and the flags the
// system raises for the adjuster (R12).
// Each union has a frozen `as const` tuple of its values, so callers validate untrusted strings
// and build enums from one list: @lg/db types its enum columns with these tuples and the API
// publishes them in this order. Keep the tuples literal (`as const`, checked by `satisfies`).

/** What a carrier reports about a package. */
export type PackageEventType = 'SHIPPED' | 'ARRIVED_AT_DESTINATION' | 'DELIVERED' | 'LOST';
/** Every {@link PackageEventType}. */
export const PACKAGE_EVENT_TYPES = Object.freeze([
  'SHIPPED',
  'ARRIVED_AT_DESTINATION',
  'DELIVERED',
  'LOST',
] as const) satisfies readonly PackageEventType[];

/** Where a package is, as derived from its events by `trackPackage`. */
export type PackageStatus =
  | 'REGISTERED'
  | 'SHIPPED'
  | 'ARRIVED_AT_DESTINATION'
  | 'DELIVERED'
  | 'LOST';
/** Every {@link PackageStatus}. */
export const PACKAGE_STATUSES = Object.freeze([
  'REGISTERED',
  'SHIPPED',
  'ARRIVED_AT_DESTINATION',
  'DELIVERED',
  'LOST',
] as const) satisfies readonly PackageStatus[];

/** R12: evidence the system raises for the adjuster; never a verdict by itself. */
export type PackageFlag =
  | 'NO_SIGNATURE'
  | 'ADDRESS_MISMATCH'
  | 'WEIGHT_SHORTFALL'
  | 'SHIPPED_BEFORE_PURCHASE';
/** Every {@link PackageFlag}, in the order `flagPackage` reports them. */
export const PACKAGE_FLAGS = Object.freeze([
  'NO_SIGNATURE',
  'ADDRESS_MISMATCH',
  'WEIGHT_SHORTFALL',
  'SHIPPED_BEFORE_PURCHASE',
] as const) satisfies readonly PackageFlag[];
