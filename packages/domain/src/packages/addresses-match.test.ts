import { describe, expect, it } from 'vitest';
import { addressesMatch, type PostalAddress } from './addresses-match.js';

const home: PostalAddress = {
  line1: '12 Main St.',
  line2: 'Apt 4',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62701',
  countryCode: 'US',
};

describe('addressesMatch', () => {
  it('R12 matches an address with itself', () => {
    expect(addressesMatch(home, { ...home })).toBe(true);
  });

  it('R12 ignores case, whitespace and punctuation', () => {
    expect(
      addressesMatch(home, {
        line1: '  12   MAIN st ',
        line2: 'apt. 4',
        city: 'SPRINGFIELD',
        region: 'il',
        postalCode: '62701',
        countryCode: 'us',
      }),
    ).toBe(true);
  });

  it('R12 ignores spaces and dashes inside postal codes', () => {
    const uk = {
      line1: '10 Downing St',
      city: 'London',
      postalCode: 'SW1A 2AA',
      countryCode: 'GB',
    };
    expect(addressesMatch(uk, { ...uk, postalCode: 'sw1a2aa' })).toBe(true);
    const zip = { ...home, postalCode: '62701-1234' };
    expect(addressesMatch(zip, { ...home, postalCode: '62701 1234' })).toBe(true);
  });

  it('R12 ignores accents', () => {
    const a = { line1: 'Bahnhofstrasse 1', city: 'Zürich', countryCode: 'CH' };
    expect(addressesMatch(a, { ...a, city: 'Zurich' })).toBe(true);
  });

  it('R12 compares the two street lines together, so a flat number may move between them', () => {
    expect(addressesMatch(home, { ...home, line1: '12 Main St, Apt 4', line2: null })).toBe(true);
  });

  it('R12 tells a different street number, city, postal code or country apart', () => {
    expect(addressesMatch(home, { ...home, line1: '14 Main St.' })).toBe(false);
    expect(addressesMatch(home, { ...home, city: 'Shelbyville' })).toBe(false);
    expect(addressesMatch(home, { ...home, postalCode: '62702' })).toBe(false);
    expect(addressesMatch(home, { ...home, countryCode: 'CA' })).toBe(false);
    expect(addressesMatch(home, { ...home, line2: 'Apt 5' })).toBe(false);
  });

  it('R12 treats an optional field present on one side only as a mismatch', () => {
    expect(addressesMatch(home, { ...home, postalCode: null })).toBe(false);
    expect(addressesMatch(home, { ...home, region: undefined })).toBe(false);
    expect(addressesMatch(home, { ...home, line2: null })).toBe(false);
  });

  it('R12 treats absent, null and blank optional fields alike', () => {
    const bare = { line1: '1 Rue de Rivoli', city: 'Paris', countryCode: 'FR' };
    expect(addressesMatch(bare, { ...bare, line2: null, region: '', postalCode: '  ' })).toBe(true);
  });

  it('R12 does not expand abbreviations: that is for the adjuster to judge', () => {
    expect(addressesMatch(home, { ...home, region: 'Illinois' })).toBe(false);
  });
});
