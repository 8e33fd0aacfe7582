import {
  normaliseAddressPart as normalise,
  normalisePostalCode,
} from '../internal/normalise-address-part.js';
import type { PostalAddress } from './addresses-match.js';

/**
 * One text per place: two addresses have the same key exactly when `addressesMatch` holds
 * (the same normalising of case, accents, punctuation and postal-code spacing), so the API
 * can find every package sent to one place with an index lookup instead of comparing pairs.
 * Parts are joined with "|", which no normalised part contains.
 */
export function deliveryAddressKey(address: PostalAddress): string {
  return [
    normalise(`${address.line1} ${address.line2 ?? ''}`),
    normalise(address.city),
    normalise(address.region),
    normalisePostalCode(address.postalCode),
    normalise(address.countryCode),
  ].join('|');
}
