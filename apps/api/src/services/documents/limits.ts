// How long upload and download links live, how much of a body the type check reads, and how
// an upload URL is stored (hashed: the URL itself is shown once).
import { createHash } from 'node:crypto';

export const UPLOAD_URL_TTL_MS = 15 * 60_000;
/** How long a download link works: long enough to follow, short enough to leak little. */
export const DOWNLOAD_URL_TTL_MS = 5 * 60_000;
/**
 * How much of a body the type check reads (an email's header block is looked for in its first
 * 8 KiB; the other signatures are in the first 12 bytes): bytes of the wrong type are refused
 * once this much has arrived, not after the whole file.
 */
export const SIGNATURE_BYTES = 8192;

/** The stored form of an upload URL's token: a leaked table holds no usable URL. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
