import { describe, expect, it } from 'vitest';
import { attachmentDocumentKind } from './attachment-document-kind.js';

describe('attachmentDocumentKind', () => {
  it('R13 takes a PDF as the proof of purchase, or as the order notification by its name', () => {
    expect(attachmentDocumentKind('invoice.pdf', 'application/pdf', [])).toBe('PROOF_OF_PURCHASE');
    expect(attachmentDocumentKind('scan.pdf', 'application/pdf', [])).toBe('PROOF_OF_PURCHASE');
    expect(attachmentDocumentKind('order-confirmation.pdf', 'application/pdf', [])).toBe(
      'ORDER_NOTIFICATION_EMAIL',
    );
    expect(attachmentDocumentKind('订单发票.pdf', 'application/pdf', [])).toBe('PROOF_OF_PURCHASE');
  });

  it('R13 takes an attached email as the order notification email', () => {
    expect(attachmentDocumentKind('mail.eml', 'message/rfc822', [])).toBe(
      'ORDER_NOTIFICATION_EMAIL',
    );
  });

  it('R13 takes images as photos of the packaging or the contents, by name', () => {
    expect(attachmentDocumentKind('box.jpg', 'image/jpeg', [])).toBe('PACKAGING_PHOTO');
    expect(attachmentDocumentKind('外包装.png', 'image/png', [])).toBe('PACKAGING_PHOTO');
    expect(attachmentDocumentKind('contents.jpg', 'image/jpeg', [])).toBe('CONTENTS_PHOTO');
  });

  it('R13 gives an unnamed photo the kind still missing, packaging first', () => {
    expect(attachmentDocumentKind('IMG_1.jpg', 'image/jpeg', [])).toBe('PACKAGING_PHOTO');
    expect(attachmentDocumentKind('IMG_2.jpg', 'image/jpeg', ['PACKAGING_PHOTO'])).toBe(
      'CONTENTS_PHOTO',
    );
  });
});
