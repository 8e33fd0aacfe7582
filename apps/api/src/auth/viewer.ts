// Who is calling. Resolved once per request from the Authorization header; every GraphQL
// field's scope is decided from it (Pothos scope-auth), never hand-checked in resolvers.

export type Viewer =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'publishable'; readonly storefrontId: string; readonly keyId: string }
  | { readonly kind: 'secret'; readonly storefrontId: string; readonly keyId: string }
  | { readonly kind: 'member'; readonly storefrontId: string; readonly memberId: string }
  | { readonly kind: 'operator'; readonly keyId: string };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** The storefront whose data the viewer may touch; null for operators (all) and anonymous. */
export function storefrontOf(viewer: Viewer): string | null {
  return viewer.kind === 'publishable' || viewer.kind === 'secret' || viewer.kind === 'member'
    ? viewer.storefrontId
    : null;
}

/** How the viewer is named in a claim's timeline. Never an email or a key. */
export function actorOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'member':
      return `member:${viewer.memberId}`;
    case 'secret':
    case 'publishable':
      return `storefront:${viewer.storefrontId}`;
    case 'operator':
      return `operator:${viewer.keyId}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** The rate-limit bucket a request is counted in. */
export function rateLimitKeyOf(
  viewer: Viewer,
): { kind: 'pk' | 'sk' | 'member' | 'op'; key: string } | null {
  switch (viewer.kind) {
    case 'publishable':
      return { kind: 'pk', key: viewer.keyId };
    case 'secret':
      return { kind: 'sk', key: viewer.keyId };
    case 'member':
      return { kind: 'member', key: `${viewer.storefrontId}:${viewer.memberId}` };
    case 'operator':
      return { kind: 'op', key: viewer.keyId };
    case 'anonymous':
      return null;
  }
}
