import { decodeGlobalID } from '@pothos/plugin-relay';
import { isUuid } from '../services/uuid.js';

/** The database id inside a global ID of the expected type; null for anything else. */
export function idOf(typename: string, globalId: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename && isUuid(decoded.id) ? decoded.id : null;
  } catch {
    return null;
  }
}
