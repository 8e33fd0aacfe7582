import { describe, expect, it } from 'vitest';
import { claimTypeInText } from './claim-type-in-text.js';

describe('claimTypeInText', () => {
  it('R8 reads damage in English and Chinese', () => {
    expect(claimTypeInText('The vase arrived damaged.')).toBe('DAMAGE');
    expect(claimTypeInText('花瓶到货时已经破损')).toBe('DAMAGE');
    expect(claimTypeInText('商品损坏了')).toBe('DAMAGE');
  });

  it('R7 reads partial loss ("missing items", 少件, 缺少)', () => {
    expect(claimTypeInText('Two items are missing from the box')).toBe('PARTIAL_LOSS');
    expect(claimTypeInText('missing item: the charger')).toBe('PARTIAL_LOSS');
    expect(claimTypeInText('包裹少件')).toBe('PARTIAL_LOSS');
    expect(claimTypeInText('缺少一个配件')).toBe('PARTIAL_LOSS');
    expect(claimTypeInText('部分丢失')).toBe('PARTIAL_LOSS');
  });

  it('R5 reads a complete loss ("lost", 丢失, 遗失)', () => {
    expect(claimTypeInText('My package was lost in transit')).toBe('LOSS');
    expect(claimTypeInText('包裹丢失')).toBe('LOSS');
    expect(claimTypeInText('快递遗失了')).toBe('LOSS');
  });

  it('asks (null) when the text names no kind, or more than one', () => {
    expect(claimTypeInText('Please find my documents attached.')).toBeNull();
    expect(claimTypeInText('')).toBeNull();
    expect(claimTypeInText('One parcel was lost and the other arrived damaged')).toBeNull();
  });

  it('does not read "lost" out of words that merely contain it', () => {
    expect(claimTypeInText('The glossy box is fine; contents damaged')).toBe('DAMAGE');
  });
});
