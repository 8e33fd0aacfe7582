// Documents are recognised by their bytes, not by the type the client claims: a "PDF" that
// does not start like a PDF is refused (docs/architecture.md, "Documents go through the API").

export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'message/rfc822',
] as const;

export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

export function isAllowedContentType(value: string): value is AllowedContentType {
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(value);
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const EMAIL_HEADERS =
  /^(from|to|date|subject|received|return-path|message-id|mime-version|delivered-to|reply-to|sender):/im;

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, end)).toString('latin1');
}

/** Whether the bytes are really of the content type. */
export function bytesMatchContentType(bytes: Uint8Array, contentType: AllowedContentType): boolean {
  switch (contentType) {
    case 'application/pdf':
      return ascii(bytes, 0, 5) === '%PDF-';
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/webp':
      return ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP';
    case 'image/heic':
      return ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12));
    case 'message/rfc822': {
      // An email is text: a header block of "Name: value" lines that names at least one of
      // the headers every message has, and no NUL bytes.
      const head = Buffer.from(bytes.subarray(0, 8192)).toString('utf8');
      if (head.includes('\u0000')) return false;
      const headerBlock = head.split(/\r?\n\r?\n/)[0] ?? '';
      return /^[A-Za-z0-9-]+:[ \t]?\S/.test(head) && EMAIL_HEADERS.test(headerBlock);
    }
  }
}
