// Member sessions: a signed token (`ms.` prefix) that carries only a random session id and its
// expiry, so nothing personal can be read out of it. Who the member is, and which secret key
// vouched for them, sits in `member_sessions`; authenticate.ts reads that row (cached) and
// refuses the session once that key is revoked or has expired after a roll.
import { randomUUID } from 'node:crypto';
import { apiKeys, memberSessions } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq, inArray, lt } from 'drizzle-orm';
import type { TokenSigner } from './signed-token.js';

const MEMBER_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/** Expired rows removed by each new session: enough to keep the table at its live size. */
const EXPIRED_ROWS_PER_ISSUE = 100;

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface SessionPayload {
  exp: number;
  sid: string;
}

export interface IssueSession {
  storefrontId: string;
  memberId: string;
  /** The secret key the storefront's server called with. */
  apiKeyId: string;
}

/** A session's row, as authentication needs it: the member, and the key that vouched. */
export interface StoredSession {
  storefrontId: string;
  memberId: string;
  /** The SHA-256 of that key, to look it up where revocations are announced. */
  apiKeyHash: string;
}

export class MemberSessions {
  constructor(
    private readonly db: Database,
    private readonly signer: TokenSigner,
  ) {}

  async issue(session: IssueSession, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(now.getTime() + MEMBER_SESSION_TTL_MS);
    const id = randomUUID();
    await this.db.insert(memberSessions).values({ id, ...session, expiresAt, createdAt: now });
    await this.db
      .delete(memberSessions)
      .where(
        inArray(
          memberSessions.id,
          this.db
            .select({ id: memberSessions.id })
            .from(memberSessions)
            .where(lt(memberSessions.expiresAt, now))
            .limit(EXPIRED_ROWS_PER_ISSUE),
        ),
      );
    const token = this.signer.sign<SessionPayload>('ms', { exp: expiresAt.getTime(), sid: id });
    return { token, expiresAt };
  }

  /**
   * The session id of a genuine, unexpired token, with its expiry (Unix ms); null otherwise
   * (no database read).
   */
  verify(token: string, now: Date): { id: string; expiresAt: number } | null {
    const result = this.signer.verify<SessionPayload>('ms', token, now);
    if (!result.ok) return null;
    const { sid, exp } = result.payload;
    // Tokens of the earlier format carried the member instead: they end at the upgrade.
    return typeof sid === 'string' && SESSION_ID.test(sid) ? { id: sid, expiresAt: exp } : null;
  }

  /** The stored session, or null when there is none (a token from another database). */
  async find(id: string): Promise<StoredSession | null> {
    const [row] = await this.db
      .select({
        storefrontId: memberSessions.storefrontId,
        memberId: memberSessions.memberId,
        apiKeyHash: apiKeys.keyHash,
      })
      .from(memberSessions)
      .innerJoin(apiKeys, eq(apiKeys.id, memberSessions.apiKeyId))
      .where(eq(memberSessions.id, id));
    return row ?? null;
  }
}
