import { describe, expect, it } from 'vitest';
import { parseClaimSubject } from './parse-claim-subject.js';

describe('parseClaimSubject', () => {
  it('R20 reads "Member ID+Order Number+Claim"', () => {
    expect(parseClaimSubject('M1042+SO-88817+Claim')).toEqual({
      memberId: 'M1042',
      orderNumber: 'SO-88817',
    });
  });

  it('R20 tolerates spaces around the plus signs and the case of "Claim"', () => {
    expect(parseClaimSubject('  M1042 + SO-88817 +  CLAIM ')).toEqual({
      memberId: 'M1042',
      orderNumber: 'SO-88817',
    });
    expect(parseClaimSubject('M1042+SO-88817+claim')?.orderNumber).toBe('SO-88817');
  });

  it('R20 accepts the full-width plus sign of Chinese input methods', () => {
    expect(parseClaimSubject('M1042＋SO-88817＋Claim')).toEqual({
      memberId: 'M1042',
      orderNumber: 'SO-88817',
    });
  });

  it('R20 reads the subject of a reply or a forward', () => {
    expect(parseClaimSubject('Re: RE: M1042+SO-1+Claim')?.memberId).toBe('M1042');
    expect(parseClaimSubject('回复：M1042+SO-1+Claim')?.orderNumber).toBe('SO-1');
    expect(parseClaimSubject('Fwd: M1042 + SO-1 + Claim')?.orderNumber).toBe('SO-1');
  });

  it('refuses anything that is not the three parts ending in "Claim"', () => {
    for (const subject of [
      '',
      'Claim',
      'M1042+SO-1',
      'M1042+SO-1+Claims',
      'M1042++Claim',
      'M1042+SO-1+Claim+extra',
      'Hello there',
      'M 1042+SO-1+Claim',
    ]) {
      expect(parseClaimSubject(subject), subject).toBeNull();
    }
  });
});
