import { describe, expect, it } from 'vitest';
import { KEEP_EVIDENCE_NOTICE } from './keep-evidence-notice.js';

describe('KEEP_EVIDENCE_NOTICE', () => {
  it('R18 asks the member to keep packaging and contents until the review is complete', () => {
    expect(KEEP_EVIDENCE_NOTICE).toMatch(/keep all packaging and contents/);
    expect(KEEP_EVIDENCE_NOTICE).toMatch(/until the review is complete\.$/);
  });
});
