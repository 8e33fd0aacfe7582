import { POLICY_2026_11, policyInCurrency } from '@lg/domain';
import { describe, expect, it } from 'vitest';
import { TokenSigner } from '../../auth/signed-token.js';
import { issueQuote } from './issue-quote.js';
import { verifyQuote } from './verify-quote.js';

const signer = new TokenSigner('a-test-secret-of-enough-length-0123456789');
const now = new Date('2026-11-26T10:00:00.000Z');
const USD = { policy: POLICY_2026_11, rate: null };
type Line = { sku?: string; title?: string; unitPrice: string; quantity: number };
const quoteFor = (lines: Line[]) =>
  issueQuote(signer, USD, 'sf-1', { currencyCode: 'USD', lines }, now);

describe('issueQuote', () => {
  it('R1/R3: prices the cart and signs a token purchaseGuarantee can verify', () => {
    const quote = quoteFor([
      { unitPrice: '39.90', quantity: 2 },
      { unitPrice: '24.50', quantity: 1 },
    ]);
    if (!quote.ok) throw new Error('refused');
    expect(quote.value.productValue).toEqual({ minor: 10430, currency: 'USD' });
    expect(quote.value.fee).toEqual({ minor: 3000, currency: 'USD' });
    expect(quote.value.expiresAt.toISOString()).toBe('2026-11-26T10:30:00.000Z');
    const verified = verifyQuote(signer, quote.value.token, 'sf-1', now);
    expect(verified).toEqual({
      ok: true,
      value: {
        id: quote.value.id,
        storefrontId: 'sf-1',
        currency: 'USD',
        productValueMinor: 10430,
        feeMinor: 3000,
        policyVersion: '2026-11',
        expiresAt: quote.value.expiresAt,
        consent: { quotedAt: now, locale: null, preselected: false, surface: 'api' },
        exchangeRate: null,
      },
    });
  });

  it('signs the exchange rate of a quote in another currency into its token', () => {
    const rate = {
      currency: 'EUR',
      perUsd: '0.92',
      asOf: new Date('2026-11-25T15:00:00Z'),
      source: 'ECB',
    };
    const quote = issueQuote(
      signer,
      { policy: policyInCurrency(POLICY_2026_11, rate), rate },
      'sf-1',
      { currencyCode: 'EUR', lines: [{ unitPrice: '100.00', quantity: 1 }] },
      now,
    );
    if (!quote.ok) throw new Error('refused');
    expect(quote.value.fee).toEqual({ minor: 2760, currency: 'EUR' });
    expect(quote.value.maxCompensationPerPackage).toEqual({ minor: 460000, currency: 'EUR' });
    expect(quote.value.exchangeRate).toEqual(rate);
    const verified = verifyQuote(signer, quote.value.token, 'sf-1', now);
    expect(verified).toMatchObject({
      ok: true,
      value: { currency: 'EUR', feeMinor: 2760, exchangeRate: rate },
    });
  });

  it('carries what the shopper was shown to the purchase (the consent record)', () => {
    const quote = issueQuote(
      signer,
      USD,
      'sf-1',
      {
        currencyCode: 'USD',
        lines: [{ unitPrice: '10.00', quantity: 1 }],
        presentation: { locale: 'zh-CN', preselected: true, surface: 'widget@0.1.0' },
      },
      now,
    );
    if (!quote.ok) throw new Error('refused');
    const verified = verifyQuote(signer, quote.value.token, 'sf-1', now);
    expect(verified.ok && verified.value.consent).toEqual({
      quotedAt: now,
      locale: 'zh-CN',
      preselected: true,
      surface: 'widget@0.1.0',
    });
  });

  it('gives every quote its own id', () => {
    const ids = new Set(
      Array.from({ length: 1100 }, () => {
        const quote = quoteFor([{ unitPrice: '1.00', quantity: 1 }]);
        return quote.ok ? quote.value.id : null;
      }),
    );
    expect(ids.size).toBe(1100);
  });

  it('reports every refused line at once, each with its own field path', () => {
    const quote = quoteFor([
      { unitPrice: '1.00', quantity: 1 },
      { unitPrice: '1.234', quantity: 1, sku: 's'.repeat(501) },
      { unitPrice: '2.00', quantity: 1, title: 't'.repeat(501) },
      { unitPrice: '3.00', quantity: 1, sku: 's'.repeat(500), title: 't'.repeat(500) },
    ]);
    expect(quote).toEqual({
      ok: false,
      errors: [
        {
          code: 'INVALID_INPUT',
          message: 'unitPrice has more decimals than the currency allows',
          field: ['input', 'lines', '1', 'unitPrice'],
        },
        {
          code: 'INVALID_INPUT',
          message: 'sku is longer than 500 characters',
          field: ['input', 'lines', '1', 'sku'],
        },
        {
          code: 'INVALID_INPUT',
          message: 'title is longer than 500 characters',
          field: ['input', 'lines', '2', 'title'],
        },
      ],
    });
  });

  it('refuses a bad quantity with its path from the domain', () => {
    const quote = quoteFor([
      { unitPrice: '1.00', quantity: 1 },
      { unitPrice: '1.00', quantity: 0 },
    ]);
    expect(quote.ok ? null : quote.errors[0]?.field).toEqual(['input', 'lines', '1', 'quantity']);
  });
});
