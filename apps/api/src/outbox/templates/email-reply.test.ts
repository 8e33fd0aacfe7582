import { POLICY_2026_11 } from '@lg/domain';
import { describe, expect, it } from 'vitest';
import { emailReplyEmail } from './email-reply.js';
import type { EmailReplyJson } from './types.js';

const base: EmailReplyJson = {
  language: 'en',
  answer: 'FILED',
  subject: 'M1042+SO-88817+Claim',
  inReplyTo: '<abc@member.example>',
  orderNumber: 'SO-88817',
  claim: {
    reference: 'M1042+SO-88817+Claim',
    type: 'DAMAGE',
    status: 'NEEDS_DOCUMENTS',
    trackingNumber: '1Z999',
    missingDocuments: ['PACKAGING_PHOTO'],
    dueAt: null,
  },
  refusal: null,
  trackingNumbers: [],
  accepted: [{ fileName: 'invoice.pdf', kind: 'PROOF_OF_PURCHASE' }],
  rejected: [{ fileName: 'photo.jpg', reason: 'CONTENT' }],
  maxAttachments: 20,
};

describe('emailReplyEmail', () => {
  it('R20 R13 R18 answers a filed claim with its reference, what is missing and the notice', () => {
    const email = emailReplyEmail({ reply: base, policy: POLICY_2026_11, storefrontName: 'Shop' });
    expect(email.subject).toBe('Re: M1042+SO-88817+Claim');
    expect(email.inReplyTo).toBe('<abc@member.example>');
    expect(email.text).toContain('M1042+SO-88817+Claim');
    expect(email.text).toContain('waiting for documents');
    expect(email.text).toContain('photo.jpg');
    expect(email.text).toContain('keep all packaging');
    expect(email.html).toContain('<html lang="en">');
  });

  it('answers a mail written in Chinese in Chinese', () => {
    const email = emailReplyEmail({
      reply: { ...base, language: 'zh' },
      policy: POLICY_2026_11,
      storefrontName: 'Shop',
    });
    expect(email.text).toContain('我们已收到您的理赔申请');
    expect(email.text).toContain('外包装照片');
    expect(email.text).toContain('请保留包裹的全部包装和物品');
    expect(email.html).toContain('<html lang="zh-CN">');
  });

  it('R14 says a refusal in words with its code, in both languages', () => {
    const reply: EmailReplyJson = {
      ...base,
      answer: 'REFUSED',
      claim: null,
      accepted: [],
      rejected: [],
      refusal: {
        code: 'CLAIM_WINDOW_EXPIRED',
        message: 'claims must be filed within 24 hours of delivery',
      },
    };
    const en = emailReplyEmail({ reply, policy: POLICY_2026_11, storefrontName: 'Shop' });
    expect(en.text).toContain('within 24 hours of delivery (CLAIM_WINDOW_EXPIRED)');
    const zh = emailReplyEmail({
      reply: { ...reply, language: 'zh' },
      policy: POLICY_2026_11,
      storefrontName: 'Shop',
    });
    expect(zh.text).toContain('24 小时内申请');
  });
});
