import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globalId } from '../services/global-id.js';
import { idOf } from './global-id.js';

describe('global IDs', () => {
  it('are encoded by the services exactly as the schema encodes them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Claim', 'Guarantee', 'Package', 'Document'),
        fc.uuid(),
        (t, id) => {
          expect(globalId(t, id)).toBe(encodeGlobalID(t, id));
          expect(decodeGlobalID(globalId(t, id))).toEqual({ typename: t, id });
        },
      ),
    );
  });

  it('decode only to a uuid of the expected type', () => {
    const id = '0b8e4a52-52a3-4c8e-9a57-4d0d8f6f2a10';
    expect(idOf('Claim', globalId('Claim', id))).toBe(id);
    expect(idOf('Package', globalId('Claim', id))).toBeNull();
    expect(idOf('Claim', globalId('Claim', 'not-a-uuid'))).toBeNull();
    expect(idOf('Claim', '%%%')).toBeNull();
  });
});
