import { describe, expect, it } from 'vitest';
import { addressesMatch, type PostalAddress } from './addresses-match.js';
import { deliveryAddressKey } from './delivery-address-key.js';

const home: PostalAddress = {
  line1: '12 Main St., Apt 4',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62701-1234',
  countryCode: 'US',
};

describe('deliveryAddressKey', () => {
  it('is the same for addresses that match as R12 compares them', () => {
    const same = { ...home, line1: '12 MAIN ST', line2: 'apt 4', postalCode: '627011234' };
    expect(addressesMatch(home, same)).toBe(true);
    expect(deliveryAddressKey(same)).toBe(deliveryAddressKey(home));
  });

  it('differs for addresses that do not match', () => {
    for (const other of [
      { ...home, line1: '14 Main St., Apt 4' },
      { ...home, region: null },
      { ...home, postalCode: '62702' },
      { ...home, city: 'Springfield Heights' },
    ]) {
      expect(addressesMatch(home, other)).toBe(false);
      expect(deliveryAddressKey(other)).not.toBe(deliveryAddressKey(home));
    }
  });
});
