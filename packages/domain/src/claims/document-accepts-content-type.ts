import type { DocumentKind } from './claim-vocabulary.js';

/**
 * R13: photos of the packaging and of the contents are images; the proof of purchase, the
 * order notification email and other evidence may be any accepted file type. `contentType`
 * is a MIME type the upload already accepts (PDF, an image, or an email).
 */
export function documentAcceptsContentType(kind: DocumentKind, contentType: string): boolean {
  if (kind === 'PACKAGING_PHOTO' || kind === 'CONTENTS_PHOTO')
    return contentType.startsWith('image/');
  return true;
}
