import { describe, expect, it } from 'vitest';
import { ISO_4217_CURRENCIES } from './currencies.js';

describe('ISO_4217_CURRENCIES', () => {
  it('lists the active ISO 4217 codes (about 150+) as three capital letters', () => {
    const codes = Object.keys(ISO_4217_CURRENCIES);
    expect(codes.length).toBeGreaterThanOrEqual(150);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('knows the minor-unit digits of 0, 2, 3 and 4-decimal currencies', () => {
    expect(ISO_4217_CURRENCIES.USD?.decimals).toBe(2);
    expect(ISO_4217_CURRENCIES.EUR?.decimals).toBe(2);
    expect(ISO_4217_CURRENCIES.JPY?.decimals).toBe(0);
    expect(ISO_4217_CURRENCIES.KRW?.decimals).toBe(0);
    expect(ISO_4217_CURRENCIES.KWD?.decimals).toBe(3);
    expect(ISO_4217_CURRENCIES.BHD?.decimals).toBe(3);
    expect(ISO_4217_CURRENCIES.CLF?.decimals).toBe(4);
  });

  it('leaves out withdrawn codes and codes without minor units', () => {
    for (const code of ['HRK', 'ZWL', 'XAU', 'XXX', 'XTS']) {
      expect(Object.hasOwn(ISO_4217_CURRENCIES, code)).toBe(false);
    }
  });

  it('is deep-frozen', () => {
    expect(Object.isFrozen(ISO_4217_CURRENCIES)).toBe(true);
    expect(Object.isFrozen(ISO_4217_CURRENCIES.USD)).toBe(true);
  });
});
