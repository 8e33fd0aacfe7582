import type { PackageRow } from '@lg/db';
import { money, type PackageMoney } from '@lg/domain';

/** The package's amounts as the domain reads them. */
export function packageMoney(row: PackageRow): PackageMoney {
  return {
    declaredValue: money(row.declaredValueMinor, row.currency),
    salePrice: money(row.salePriceMinor, row.currency),
    shippingFee: money(row.shippingFeeMinor, row.currency),
  };
}

export function paidSoFar(row: PackageRow) {
  return money(row.paidMinor, row.currency);
}
