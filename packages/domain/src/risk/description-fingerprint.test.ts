import { describe, expect, it } from 'vitest';
import { descriptionFingerprint } from './description-fingerprint.js';

describe('descriptionFingerprint', () => {
  it('ignores case, wrapping and surrounding whitespace', () => {
    const a = descriptionFingerprint('The box was  crushed and\nthe vase inside is broken ');
    const b = descriptionFingerprint('  the BOX was crushed and the vase\tinside is broken');
    expect(a).toBe('the box was crushed and the vase inside is broken');
    expect(b).toBe(a);
  });

  it('keeps wording: another word is another description', () => {
    expect(descriptionFingerprint('The box was crushed and the vase inside is broken')).not.toBe(
      descriptionFingerprint('The box was crushed and the lamp inside is broken'),
    );
  });

  it('has none for a stock phrase under 40 characters, and one at 40', () => {
    expect(descriptionFingerprint(`${'x'.repeat(39)}  `)).toBeNull();
    expect(descriptionFingerprint('x'.repeat(40))).toBe('x'.repeat(40));
  });
});
