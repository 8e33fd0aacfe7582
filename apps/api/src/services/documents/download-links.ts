// Reading a document's bytes, and the short-lived links that download them without a credential.
import { documentBlobs } from '@lg/db';
import { eq } from 'drizzle-orm';
import type { App } from '../../app.js';
import { DOWNLOAD_URL_TTL_MS } from './limits.js';

export async function readDocumentContent(
  app: App,
  documentId: string,
): Promise<Uint8Array | null> {
  const [blob] = await app.db
    .select()
    .from(documentBlobs)
    .where(eq(documentBlobs.documentId, documentId));
  return blob?.content ?? null;
}

/** When a download link issued at `now` stops working. */
export function downloadUrlExpiresAt(now: Date): Date {
  return new Date(now.getTime() + DOWNLOAD_URL_TTL_MS);
}

/** A short-lived link that downloads the document without an Authorization header. */
export function downloadUrl(app: App, documentId: string, now: Date): string {
  const token = app.signer.sign('dl', {
    exp: downloadUrlExpiresAt(now).getTime(),
    doc: documentId,
  });
  return `/documents/${documentId}?token=${token}`;
}

const EPOCH = new Date(0);

/**
 * What a download link's token is worth for `documentId`: VALID, EXPIRED (a link this API
 * issued for this very document, past its expiry: its holder may be told so and fetch a new
 * one), or INVALID (anything else, which must answer like a missing document).
 */
export function checkDownloadLink(
  app: App,
  documentId: string,
  token: string,
  now: Date,
): 'VALID' | 'EXPIRED' | 'INVALID' {
  // Verified as of the epoch, so the signature and the document it names are checked whatever
  // the expiry; the expiry is then compared here, as the signer would (exp <= now: expired).
  const signed = app.signer.verify<{ exp: number; doc: string }>('dl', token, EPOCH);
  if (!signed.ok || signed.payload.doc !== documentId) return 'INVALID';
  return signed.payload.exp > now.getTime() ? 'VALID' : 'EXPIRED';
}
