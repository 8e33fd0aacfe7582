import type { Money } from '../money/money.js';

/** The amounts of one package that compensation is computed from (R5-R9). */
export interface PackageMoney {
  /** The value of the items in the package. */
  declaredValue: Money;
  /** The package's share of the order's sale price. */
  salePrice: Money;
  /** What shipping this package cost. */
  shippingFee: Money;
}
