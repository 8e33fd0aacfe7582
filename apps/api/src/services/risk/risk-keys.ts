// The lookup keys the risk signals search by, stored with the rows they describe: sha256 of
// the domain's normalised text, so equal places and equal descriptions meet in one index entry
// of fixed size whatever the text's length.
import { createHash } from 'node:crypto';
import { deliveryAddressKey, descriptionFingerprint, type PostalAddress } from '@lg/domain';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** packages.delivery_address_key for an address; null without one. */
export function addressLookupKey(address: PostalAddress | null | undefined): string | null {
  return address ? sha256Hex(deliveryAddressKey(address)) : null;
}

/** claims.description_key; null for a description too short to compare. */
export function descriptionLookupKey(description: string): string | null {
  const fingerprint = descriptionFingerprint(description);
  return fingerprint === null ? null : sha256Hex(fingerprint);
}
