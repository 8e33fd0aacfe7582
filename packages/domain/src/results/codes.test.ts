import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES, RefusalCode } from './codes.js';

// The API's UserErrorCode enum as first published: the contract clients rely on.
const API_USER_ERROR_CODES = [
  'INVALID_INPUT',
  'UNSUPPORTED_CURRENCY',
  'QUOTE_EXPIRED',
  'QUOTE_INVALID',
  'ORDER_ALREADY_GUARANTEED',
  'IDEMPOTENCY_KEY_REUSED',
  'NOT_FOUND',
  'NOT_COVERED',
  'PACKAGE_ALREADY_SHIPPED',
  'CLAIM_WINDOW_EXPIRED',
  'PACKAGE_UNCLAIMED',
  'LOSS_NOT_YET_CLAIMABLE',
  'NOT_DELIVERED',
  'ALREADY_DELIVERED',
  'CLAIM_ALREADY_OPEN',
  'INVALID_TRANSITION',
  'AMOUNT_REQUIRED',
  'REASON_REQUIRED',
  'DOCUMENT_NOT_UPLOADED',
];

describe('RefusalCode', () => {
  it('holds the refusals that bind a purchase to its order (R1-R3, R5)', () => {
    for (const code of ['QUOTE_MISMATCH', 'QUOTE_ALREADY_USED', 'PACKAGE_VALUE_EXCEEDS_ORDER']) {
      expect(REFUSAL_CODES).toContain(code);
    }
  });

  it('holds every UserErrorCode the API first published', () => {
    for (const code of API_USER_ERROR_CODES) expect(REFUSAL_CODES).toContain(code);
  });

  it('also holds the refusals for duplicates, cancellation, the cap and document count', () => {
    for (const code of [
      'DUPLICATE_TRACKING_NUMBER',
      'GUARANTEE_CANCELLED',
      'CAP_REACHED',
      'TOO_MANY_DOCUMENTS',
    ]) {
      expect(REFUSAL_CODES).toContain(code);
    }
    expect(REFUSAL_CODES).toHaveLength(26);
  });

  it('maps every key to itself so the enum can be used as a GraphQL enum as is', () => {
    for (const [key, value] of Object.entries(RefusalCode)) expect(key).toBe(value);
  });

  it('lists the codes in a frozen array without duplicates', () => {
    expect(Object.isFrozen(REFUSAL_CODES)).toBe(true);
    expect(new Set(REFUSAL_CODES).size).toBe(REFUSAL_CODES.length);
  });
});
