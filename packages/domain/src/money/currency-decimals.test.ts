import { describe, expect, it } from 'vitest';
import { currencyDecimals } from './currency-decimals.js';

describe('currencyDecimals', () => {
  it('gives the minor-unit digits of a currency', () => {
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
  });

  it('throws on a code that is not ISO 4217, including lower case and prototype keys', () => {
    for (const code of ['usd', 'XYZ', '', 'constructor', '__proto__', 'toString']) {
      expect(() => currencyDecimals(code)).toThrow(TypeError);
    }
  });
});
