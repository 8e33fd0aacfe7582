import { describe, expect, it } from 'vitest';
import { addressSharedByMembers } from './address-shared-by-members.js';

describe('addressSharedByMembers', () => {
  it('fires when three distinct members used the address, naming them', () => {
    expect(addressSharedByMembers('M1', ['M3', 'M2', 'M3'])).toEqual({
      code: 'ADDRESS_SHARED_BY_MEMBERS',
      detail: 'the delivery address received packages of 3 members: M1 (this claim) and M2, M3',
    });
  });

  it('counts the members it is not given by name', () => {
    expect(addressSharedByMembers('M1', ['M2'], 4)?.detail).toBe(
      'the delivery address received packages of 5 members: M1 (this claim) and M2 and 3 more',
    );
  });

  it('does not fire for two members (a household)', () => {
    expect(addressSharedByMembers('M1', ['M2', 'M2'])).toBeNull();
  });

  it("does not count the claimant's own other packages as other members", () => {
    expect(addressSharedByMembers('M1', ['M1', 'M1', 'M2'])).toBeNull();
  });
});
