import { describe, expect, it } from 'vitest';
import { documentAcceptsContentType } from './document-accepts-content-type.js';

describe('documentAcceptsContentType', () => {
  it.each(['image/png', 'image/jpeg', 'image/webp', 'image/heic'])(
    'R13 accepts %s as a packaging or contents photo',
    (type) => {
      expect(documentAcceptsContentType('PACKAGING_PHOTO', type)).toBe(true);
      expect(documentAcceptsContentType('CONTENTS_PHOTO', type)).toBe(true);
    },
  );

  it.each(['application/pdf', 'message/rfc822'])('R13 refuses %s as a photo', (type) => {
    expect(documentAcceptsContentType('PACKAGING_PHOTO', type)).toBe(false);
    expect(documentAcceptsContentType('CONTENTS_PHOTO', type)).toBe(false);
  });

  it('R13 accepts a PDF, an image or an email as proof of purchase or order notification', () => {
    for (const type of ['application/pdf', 'image/png', 'message/rfc822']) {
      expect(documentAcceptsContentType('PROOF_OF_PURCHASE', type)).toBe(true);
      expect(documentAcceptsContentType('ORDER_NOTIFICATION_EMAIL', type)).toBe(true);
      expect(documentAcceptsContentType('OTHER', type)).toBe(true);
    }
  });
});
