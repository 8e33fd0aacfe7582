// Turns a bearer credential into a Viewer. Key look-ups are cached briefly so the quote path
// (the widget's hot path) does no database I/O after the first request of a key.

import { apiKeys, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq } from 'drizzle-orm';
import { hashApiKey, parseKeyPrefix } from './api-keys.js';
import type { MemberSessions } from './member-sessions.js';
import { ANONYMOUS, type Viewer } from './viewer.js';

export type AuthFailure = { code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

interface KeyRecord {
  keyId: string;
  kind: 'publishable' | 'secret' | 'operator';
  storefrontId: string | null;
  allowedOrigins: readonly string[];
}

interface CacheEntry {
  record: KeyRecord | null;
  expiresAt: number;
}

const POSITIVE_TTL_MS = 30_000;
const NEGATIVE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export class Authenticator {
  readonly #cache = new Map<string, CacheEntry>();

  constructor(
    private readonly db: Database,
    private readonly sessions: MemberSessions,
  ) {}

  /**
   * Resolves the viewer, or says why the request must be refused. `origin` is the request's
   * Origin header: a publishable key is honoured only from its storefront's allowed origins.
   */
  async authenticate(
    authorization: string | undefined,
    origin: string | undefined,
    now: Date,
  ): Promise<{ ok: true; viewer: Viewer } | { ok: false; failure: AuthFailure }> {
    if (authorization === undefined || authorization === '') return { ok: true, viewer: ANONYMOUS };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const credential = match?.[1];
    if (!credential)
      return unauthenticated('the Authorization header must be "Bearer <credential>"');

    if (credential.startsWith('ms.')) {
      const session = this.sessions.verify(credential, now);
      if (!session) return unauthenticated('the member session is invalid or expired');
      return { ok: true, viewer: session };
    }

    if (!parseKeyPrefix(credential)) return unauthenticated('the credential is not a valid key');
    const record = await this.#lookup(hashApiKey(credential), now.getTime());
    if (!record) return unauthenticated('the key is unknown or revoked');

    if (record.kind === 'operator')
      return { ok: true, viewer: { kind: 'operator', keyId: record.keyId } };
    const storefrontId = record.storefrontId as string;
    if (record.kind === 'secret') {
      return { ok: true, viewer: { kind: 'secret', storefrontId, keyId: record.keyId } };
    }
    if (origin !== undefined && !record.allowedOrigins.includes(origin)) {
      return {
        ok: false,
        failure: {
          code: 'FORBIDDEN',
          message: 'this publishable key is not allowed from this origin',
        },
      };
    }
    return { ok: true, viewer: { kind: 'publishable', storefrontId, keyId: record.keyId } };
  }

  /** Forget cached keys, e.g. after a key is revoked or origins change in this process. */
  invalidate(): void {
    this.#cache.clear();
  }

  /** Forget one key, by its SHA-256: a revocation announced on the database (key-revocation.ts). */
  forget(keyHash: string): void {
    this.#cache.delete(keyHash);
  }

  async #lookup(hash: string, nowMs: number): Promise<KeyRecord | null> {
    const cached = this.#cache.get(hash);
    if (cached && cached.expiresAt > nowMs) return cached.record;

    const rows = await this.db
      .select({
        keyId: apiKeys.id,
        kind: apiKeys.kind,
        storefrontId: apiKeys.storefrontId,
        revokedAt: apiKeys.revokedAt,
        allowedOrigins: storefronts.allowedOrigins,
      })
      .from(apiKeys)
      .leftJoin(storefronts, eq(storefronts.id, apiKeys.storefrontId))
      .where(eq(apiKeys.keyHash, hash))
      .limit(1);
    const row = rows[0];
    const record: KeyRecord | null =
      row && !row.revokedAt
        ? {
            keyId: row.keyId,
            kind: row.kind,
            storefrontId: row.storefrontId,
            allowedOrigins: row.allowedOrigins ?? [],
          }
        : null;
    if (this.#cache.size >= MAX_ENTRIES) this.#cache.clear();
    this.#cache.set(hash, {
      record,
      expiresAt: nowMs + (record ? POSITIVE_TTL_MS : NEGATIVE_TTL_MS),
    });
    return record;
  }
}

function unauthenticated(message: string): { ok: false; failure: AuthFailure } {
  return { ok: false, failure: { code: 'UNAUTHENTICATED', message } };
}
