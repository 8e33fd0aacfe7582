import {
  normaliseAddressPart as normalise,
  normalisePostalCode,
} from '../internal/normalise-address-part.js';

/** A postal address as entered at checkout or in the Member Center. */
export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

/**
 * R11/R12: whether two addresses are the same for the ADDRESS_MISMATCH flag. Compared after
 * normalising case, accents, whitespace and punctuation (and all spaces in postal codes).
 * Street lines are compared as one text (line1 then line2), so an apartment number written
 * on line 1 in one address and on line 2 in the other still matches.
 * Reading: an optional field present on one side and absent (or blank) on the other is a
 * mismatch: a missing postal code or region can't be assumed to be the same one. Only
 * both-absent or equal values match. Abbreviations ("CA" vs "California", "St" vs "Street")
 * are not expanded: the flag is evidence for an adjuster, who can judge those.
 */
export function addressesMatch(a: PostalAddress, b: PostalAddress): boolean {
  const street = (x: PostalAddress) => normalise(`${x.line1} ${x.line2 ?? ''}`);
  return (
    street(a) === street(b) &&
    normalise(a.city) === normalise(b.city) &&
    normalise(a.region) === normalise(b.region) &&
    normalisePostalCode(a.postalCode) === normalisePostalCode(b.postalCode) &&
    normalise(a.countryCode) === normalise(b.countryCode)
  );
}
