// Member sessions are signed tokens (`ms.` prefix), so a member-center frontend can call the
// API with no session table to read; they expire after a day.
import type { TokenSigner } from './signed-token.js';
import type { Viewer } from './viewer.js';

const MEMBER_SESSION_TTL_MS = 24 * 60 * 60 * 1000;

interface SessionPayload {
  exp: number;
  sf: string;
  mid: string;
  em: string;
}

export class MemberSessions {
  constructor(private readonly signer: TokenSigner) {}

  issue(
    storefrontId: string,
    memberId: string,
    email: string,
    now: Date,
  ): { token: string; expiresAt: Date } {
    const expiresAt = new Date(now.getTime() + MEMBER_SESSION_TTL_MS);
    const token = this.signer.sign<SessionPayload>('ms', {
      exp: expiresAt.getTime(),
      sf: storefrontId,
      mid: memberId,
      em: email,
    });
    return { token, expiresAt };
  }

  verify(token: string, now: Date): Extract<Viewer, { kind: 'member' }> | null {
    const result = this.signer.verify<SessionPayload>('ms', token, now);
    if (!result.ok) return null;
    const { sf, mid, em } = result.payload;
    if (typeof sf !== 'string' || typeof mid !== 'string' || typeof em !== 'string') return null;
    return { kind: 'member', storefrontId: sf, memberId: mid, email: em };
  }
}
