import { describe, expect, it } from 'vitest';
import { type LossReportRow, lossReportCsv } from './report-csv.js';

const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

function row(overrides: Partial<LossReportRow> = {}): LossReportRow {
  return {
    month: '2026-11',
    currencyCode: 'USD',
    storefrontId: 'U3RvcmVmcm9udDox',
    storefrontName: 'Acme',
    guaranteesSold: 3,
    fees: usd('90.00'),
    refunds: usd('0.00'),
    claimsFiled: 2,
    claimsApproved: 1,
    claimsRejected: 1,
    payouts: usd('103.00'),
    lossRatio: '1.1444',
    medianHoursToDecision: 12.5,
    decidedWithinPromise: '1.00',
    ...overrides,
  };
}

describe('lossReportCsv', () => {
  it('writes a header and one line per row with exact decimals', () => {
    expect(lossReportCsv([row()]).split('\r\n')).toEqual([
      'month,storefront_id,storefront,currency,guarantees_sold,fees,refunds,claims_filed,claims_approved,claims_rejected,payouts,loss_ratio,median_hours_to_decision,decided_within_promise',
      '2026-11,U3RvcmVmcm9udDox,Acme,USD,3,90.00,0.00,2,1,1,103.00,1.1444,12.5,1.00',
      '',
    ]);
  });

  it('leaves null figures empty (no fees: no loss ratio)', () => {
    const line = lossReportCsv([
      row({ lossRatio: null, medianHoursToDecision: null, decidedWithinPromise: null }),
    ]).split('\r\n')[1];
    expect(line?.endsWith(',103.00,,,')).toBe(true);
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas in names', () => {
    const csv = lossReportCsv([
      row({ storefrontId: 'x', storefrontName: 'Shop, "best"' }),
      row({ storefrontId: 'y', storefrontName: '=HYPERLINK("evil")' }),
    ]);
    expect(csv).toContain(',"Shop, ""best""",');
    expect(csv).toContain(`,"'=HYPERLINK(""evil"")",`);
  });
});
