import { KEEP_EVIDENCE_NOTICE, POLICY_2026_11 } from '@lg/domain';
import { describe, expect, it } from 'vitest';
import { claimCompletedEmail, explainReason } from './claim-completed.js';
import { claimFiledEmail } from './claim-filed.js';
import { guaranteePurchasedEmail } from './guarantee-purchased.js';
import { renderMemberEmail } from './index.js';
import { escapeHtml } from './layout.js';
import type { ClaimJson, GuaranteeJson } from './types.js';

const policy = POLICY_2026_11;
const storefrontName = 'Harbour & Sons <Shop>';

const guarantee: GuaranteeJson = {
  id: 'R3VhcmFudGVlOjE=',
  orderNumber: 'SO-88817',
  memberId: 'M1042',
  status: 'ACTIVE',
  productValue: { amount: '456.78', currencyCode: 'USD' },
  fee: { amount: '45.68', currencyCode: 'USD' },
  policyVersion: '2026-11',
  purchasedAt: '2026-11-03T09:30:00.000Z',
  cancelledAt: null,
};

function claim(overrides: Partial<ClaimJson> = {}): ClaimJson {
  return {
    id: 'Q2xhaW06MQ==',
    reference: 'M1042+SO-88817+Claim',
    type: 'LOSS',
    status: 'NEEDS_DOCUMENTS',
    description: 'Lost',
    filedAt: '2026-11-10T12:00:00.000Z',
    dueAt: null,
    missingDocuments: ['PROOF_OF_PURCHASE', 'ORDER_NOTIFICATION_EMAIL'],
    package: { trackingNumber: 'TRK123', status: 'LOST' },
    guarantee,
    decision: null,
    ...overrides,
  };
}

describe('guarantee purchased email (receipt)', () => {
  const email = guaranteePurchasedEmail({ guarantee, policy, storefrontName });

  it('states the fee, the policy version and the order', () => {
    expect(email.subject).toBe('Your Logistics Guarantee for order SO-88817');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('$45.68');
      expect(part).toContain('2026-11');
      expect(part).toContain('SO-88817');
    }
  });

  it('says what is covered from the policy (R5, R8, R9) and how to claim (R13-R16)', () => {
    expect(email.text).toContain('At most $5,000.00 per package');
    expect(email.text).toContain('30% of the shipping fee plus $100.00');
    expect(email.text).toContain('within 24 hours of delivery');
    expect(email.text).toContain('30 days after shipping');
    expect(email.text).toContain('Proof of purchase');
    expect(email.text).toContain('Photos of the contents');
    expect(email.text).toContain('natural disaster');
  });

  it('escapes everything it puts into HTML', () => {
    expect(email.html).toContain(escapeHtml(storefrontName));
    expect(email.html).not.toContain('<Shop>');
    expect(email.html).toMatch(/^<!doctype html>/);
  });
});

describe('claim filed email', () => {
  it('R20 carries the claim reference in the subject; R13 lists what is missing; R18 asks to keep the evidence', () => {
    const email = claimFiledEmail({ claim: claim(), policy, storefrontName });
    expect(email.subject).toBe('M1042+SO-88817+Claim — claim received');
    expect(email.text).toContain('Proof of purchase');
    expect(email.text).toContain('The order notification email');
    expect(email.text).toContain(KEEP_EVIDENCE_NOTICE);
    expect(email.html).toContain(escapeHtml(KEEP_EVIDENCE_NOTICE));
    expect(email.text).not.toContain('You will have our decision by');
  });

  it('R17 gives the due date once the documents are complete', () => {
    const email = claimFiledEmail({
      claim: claim({
        status: 'UNDER_REVIEW',
        missingDocuments: [],
        dueAt: '2026-11-17T12:00:00.000Z',
      }),
      policy,
      storefrontName,
    });
    expect(email.text).toContain(
      'You will have our decision by Tuesday, 17 November 2026 at 12:00 UTC',
    );
    expect(email.text).toContain(KEEP_EVIDENCE_NOTICE);
  });
});

describe('claim completed email (R19)', () => {
  it('when paid, states the amount and its breakdown, as the API shows it', () => {
    const email = claimCompletedEmail({
      claim: claim({
        status: 'PAID',
        payoutReference: 'PAY-7',
        paidAt: '2026-11-12T08:00:00.000Z',
        decision: {
          outcome: 'APPROVE',
          payable: { amount: '130.00', currencyCode: 'USD' },
          reasonCodes: [],
          breakdown: [
            {
              label: 'Lower of package value and sale price',
              rule: 'R6',
              amount: { amount: '110.00', currencyCode: 'USD' },
            },
            { label: 'Shipping fee', rule: 'R5', amount: { amount: '20.00', currencyCode: 'USD' } },
          ],
          decidedAt: '2026-11-11T08:00:00.000Z',
          note: null,
        },
      }),
      policy,
      storefrontName,
    });
    expect(email.subject).toBe('M1042+SO-88817+Claim — claim paid');
    expect(email.text).toContain('We have paid $130.00');
    expect(email.text).toContain('Lower of package value and sale price: $110.00 (terms, rule R6)');
    expect(email.text).toContain('Shipping fee: $20.00');
    expect(email.text).toContain('PAY-7');
  });

  it('when rejected, explains every reason in the words of the policy version', () => {
    const reasons = ['NATURAL_DISASTER', 'MISSING_DOCUMENTS'];
    const email = claimCompletedEmail({
      claim: claim({
        status: 'REJECTED',
        decision: {
          outcome: 'REJECT',
          payable: { amount: '0.00', currencyCode: 'USD' },
          reasonCodes: reasons,
          breakdown: [],
          decidedAt: '2026-11-11T08:00:00.000Z',
          note: 'Storm <b>damage</b>',
        },
      }),
      policy,
      storefrontName,
    });
    expect(email.subject).toBe('M1042+SO-88817+Claim — claim not approved');
    for (const code of reasons) {
      const exclusion = policy.exclusions.find((e) => e.code === code);
      expect(email.text).toContain(`${exclusion?.title}: ${exclusion?.description}`);
    }
    expect(email.text).not.toContain('NATURAL_DISASTER');
    expect(email.html).toContain('Storm &lt;b&gt;damage&lt;/b&gt;');
  });

  it('names an unknown code rather than dropping it', () => {
    expect(explainReason('SOMETHING_NEW', policy)).toBe('SOMETHING_NEW');
  });
});

describe('renderMemberEmail', () => {
  it('renders the member-facing events and nothing for the others', () => {
    const context = { storefrontName, policyFor: () => policy };
    expect(renderMemberEmail('guarantee.purchased', guarantee, context)?.subject).toContain(
      'SO-88817',
    );
    expect(renderMemberEmail('claim.filed', claim(), context)?.subject).toContain('claim received');
    expect(renderMemberEmail('claim.status_changed', claim(), context)).toBeNull();
    expect(renderMemberEmail('webhook.test', guarantee, context)).toBeNull();
  });

  it("states a EUR guarantee's caps in euros, at the rate it was bought with (not today's)", () => {
    const euros: GuaranteeJson = {
      ...guarantee,
      productValue: { amount: '100.00', currencyCode: 'EUR' },
      fee: { amount: '27.60', currencyCode: 'EUR' },
      exchangeRate: {
        currencyCode: 'EUR',
        perUsd: '0.92',
        asOf: '2026-11-02T15:00:00.000Z',
        source: 'ECB',
      },
    };
    const email = renderMemberEmail('guarantee.purchased', euros, {
      storefrontName,
      policyFor: () => policy,
    });
    expect(email?.text).toContain('At most €4,600.00 per package');
    expect(email?.text).toContain('30% of the shipping fee plus €92.00');
    expect(email?.text).toContain('€27.60');
  });
});

describe('guarantee cancelled email (R2 refund)', () => {
  const cancelled: GuaranteeJson = {
    ...guarantee,
    status: 'CANCELLED',
    cancelledAt: '2026-11-04T10:00:00.000Z',
    refund: { amount: '45.68', currencyCode: 'USD' },
  };

  it('tells the member the order and the fee refunded', () => {
    const email = renderMemberEmail('guarantee.cancelled', cancelled, {
      storefrontName,
      policyFor: () => policy,
    });
    expect(email?.subject).toBe('Guarantee cancelled for order SO-88817: fee refunded');
    for (const part of [email?.text, email?.html]) {
      expect(part).toContain('$45.68');
      expect(part).toContain('SO-88817');
    }
    expect(email?.html).toContain('Harbour &amp; Sons &lt;Shop&gt;');
  });
});
