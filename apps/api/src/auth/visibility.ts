import type { Viewer } from './viewer.js';

/**
 * Whether the viewer may see an object of a storefront (and, for member-owned objects, of a
 * member). Another tenant's object reads as if it did not exist.
 */
export function canSee(
  viewer: Viewer,
  owner: { storefrontId: string; memberId?: string },
): boolean {
  switch (viewer.kind) {
    case 'operator':
      return true;
    case 'secret':
      return viewer.storefrontId === owner.storefrontId;
    case 'member':
      return viewer.storefrontId === owner.storefrontId && viewer.memberId === owner.memberId;
    default:
      return false;
  }
}
