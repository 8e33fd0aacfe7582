// Turns a bearer credential into a Viewer. Key look-ups are cached briefly so the quote path
// (the widget's hot path) does no database I/O after the first request of a key. A revoked,
// rolled or re-configured key is announced over the database (key-revocation.ts) and dropped
// from every instance's cache at once; a rolled key's expiry is checked on every request.
import { apiKeys, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq } from 'drizzle-orm';
import { hashApiKey, parseKeyPrefix } from './api-keys.js';
import { BoundedCache } from './bounded-cache.js';
import type { MemberSessions, StoredSession } from './member-sessions.js';
import { ANONYMOUS, type Viewer } from './viewer.js';

export type AuthFailure = { code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

interface KeyRecord {
  keyId: string;
  kind: 'publishable' | 'secret' | 'operator';
  storefrontId: string | null;
  allowedOrigins: readonly string[];
  /** Unix ms after which the key is refused (it was rolled); null: no expiry. */
  expiresAt: number | null;
}

interface Cached<T> {
  value: T;
  /** Unix ms after which the entry is read again. */
  staleAt: number;
}

const POSITIVE_TTL_MS = 30_000;
const NEGATIVE_TTL_MS = 5_000;
/**
 * Keys in use. Unknown keys are cached apart, in a smaller cache, so a flood of made-up keys
 * evicts only other made-up keys.
 */
const MAX_KNOWN_KEYS = 10_000;
const MAX_UNKNOWN_KEYS = 2_000;
const MAX_SESSIONS = 10_000;

type Authenticated =
  | {
      ok: true;
      viewer: Viewer;
      /**
       * Unix ms at which the credential stops being accepted (a member session's expiry, a
       * rolled key's end); null: no end known now. Long-lived streams close then.
       */
      validUntil: number | null;
    }
  | { ok: false; failure: AuthFailure };

export class Authenticator {
  readonly #known = new BoundedCache<string, Cached<KeyRecord>>(MAX_KNOWN_KEYS);
  readonly #unknown = new BoundedCache<string, number>(MAX_UNKNOWN_KEYS);
  readonly #sessions = new BoundedCache<string, Cached<StoredSession | null>>(MAX_SESSIONS);

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
  ): Promise<Authenticated> {
    if (authorization === undefined || authorization === '')
      return { ok: true, viewer: ANONYMOUS, validUntil: null };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const credential = match?.[1];
    if (!credential)
      return unauthenticated('the Authorization header must be "Bearer <credential>"');
    const nowMs = now.getTime();
    if (credential.startsWith('ms.')) return this.#member(credential, now);
    if (!parseKeyPrefix(credential)) return unauthenticated('the credential is not a valid key');
    const record = await this.#lookup(hashApiKey(credential), nowMs);
    if (!record) return unauthenticated('the key is unknown or revoked');
    if (record.expiresAt !== null && record.expiresAt <= nowMs)
      return unauthenticated('the key has expired: it was rolled');
    const validUntil = record.expiresAt;
    if (record.kind === 'operator')
      return { ok: true, viewer: { kind: 'operator', keyId: record.keyId }, validUntil };
    const storefrontId = record.storefrontId as string;
    if (record.kind === 'secret') {
      return {
        ok: true,
        viewer: { kind: 'secret', storefrontId, keyId: record.keyId },
        validUntil,
      };
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
    return {
      ok: true,
      viewer: { kind: 'publishable', storefrontId, keyId: record.keyId },
      validUntil,
    };
  }

  /** Forget one key, by its SHA-256: a change announced on the database (key-revocation.ts). */
  forget(keyHash: string): void {
    this.#known.delete(keyHash);
    this.#unknown.delete(keyHash);
  }

  /** A member session lasts while the secret key that created it may still be used. */
  async #member(token: string, now: Date): Promise<Authenticated> {
    const verified = this.sessions.verify(token, now);
    if (!verified) return unauthenticated('the member session is invalid or expired');
    const sessionId = verified.id;
    const nowMs = now.getTime();
    let cached = this.#sessions.get(sessionId);
    if (!cached || cached.staleAt <= nowMs) {
      const value = await this.sessions.find(sessionId);
      cached = { value, staleAt: nowMs + (value ? POSITIVE_TTL_MS : NEGATIVE_TTL_MS) };
      this.#sessions.set(sessionId, cached);
    }
    const session = cached.value;
    if (!session) return unauthenticated('the member session is invalid or expired');
    const key = await this.#lookup(session.apiKeyHash, nowMs);
    if (!key || (key.expiresAt !== null && key.expiresAt <= nowMs))
      return unauthenticated('the member session ended: the key that created it was revoked');
    return {
      ok: true,
      viewer: { kind: 'member', storefrontId: session.storefrontId, memberId: session.memberId },
      validUntil:
        key.expiresAt === null ? verified.expiresAt : Math.min(verified.expiresAt, key.expiresAt),
    };
  }

  async #lookup(hash: string, nowMs: number): Promise<KeyRecord | null> {
    const known = this.#known.get(hash);
    if (known && known.staleAt > nowMs) return known.value;
    const unknownUntil = this.#unknown.get(hash);
    if (unknownUntil !== undefined && unknownUntil > nowMs) return null;
    const rows = await this.db
      .select({
        keyId: apiKeys.id,
        kind: apiKeys.kind,
        storefrontId: apiKeys.storefrontId,
        revokedAt: apiKeys.revokedAt,
        expiresAt: apiKeys.expiresAt,
        allowedOrigins: storefronts.allowedOrigins,
      })
      .from(apiKeys)
      .leftJoin(storefronts, eq(storefronts.id, apiKeys.storefrontId))
      .where(eq(apiKeys.keyHash, hash))
      .limit(1);
    const row = rows[0];
    if (!row || row.revokedAt) {
      this.#known.delete(hash);
      this.#unknown.set(hash, nowMs + NEGATIVE_TTL_MS);
      return null;
    }
    const record: KeyRecord = {
      keyId: row.keyId,
      kind: row.kind,
      storefrontId: row.storefrontId,
      allowedOrigins: row.allowedOrigins ?? [],
      expiresAt: row.expiresAt?.getTime() ?? null,
    };
    this.#unknown.delete(hash);
    this.#known.set(hash, { value: record, staleAt: nowMs + POSITIVE_TTL_MS });
    return record;
  }
}

function unauthenticated(message: string): { ok: false; failure: AuthFailure } {
  return { ok: false, failure: { code: 'UNAUTHENTICATED', message } };
}
