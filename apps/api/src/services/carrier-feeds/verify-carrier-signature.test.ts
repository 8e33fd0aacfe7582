import { describe, expect, it } from 'vitest';
import { afterShipSignature, easyPostSignature } from '../../test-support/carrier-fixtures.js';
import { verifyCarrierSignature } from './verify-carrier-signature.js';

const BODY = Buffer.from(
  '{"object":"Event","description":"tracker.updated","result":{"weight":136.0}}',
);
const SECRET = 'whsec_0123456789abcdefghij';

describe('verifyCarrierSignature', () => {
  it('accepts EasyPost hmac-sha256-hex over the raw bytes, keyed by the NFKD form of the secret', () => {
    expect(
      verifyCarrierSignature('EASYPOST', easyPostSignature(BODY, SECRET), BODY, [SECRET]),
    ).toBe(true);
    // "ﬁ" (U+FB01) is "fi" under NFKD: EasyPost signs with the normalised secret.
    const ligature = 'secret-\uFB01le-0123456789';
    const signedWithNormalised = easyPostSignature(BODY, 'secret-file-0123456789');
    expect(verifyCarrierSignature('EASYPOST', signedWithNormalised, BODY, [ligature])).toBe(true);
  });

  it('accepts AfterShip base64 over the raw bytes', () => {
    expect(
      verifyCarrierSignature('AFTERSHIP', afterShipSignature(BODY, SECRET), BODY, [SECRET]),
    ).toBe(true);
  });

  it('refuses a wrong secret, another body, the other scheme, and no signature', () => {
    const other = Buffer.from(BODY.toString().replace('136.0', '136'));
    expect(
      verifyCarrierSignature('EASYPOST', easyPostSignature(BODY, `${SECRET}x`), BODY, [SECRET]),
    ).toBe(false);
    expect(
      verifyCarrierSignature('EASYPOST', easyPostSignature(BODY, SECRET), other, [SECRET]),
    ).toBe(false);
    expect(
      verifyCarrierSignature('AFTERSHIP', easyPostSignature(BODY, SECRET), BODY, [SECRET]),
    ).toBe(false);
    expect(
      verifyCarrierSignature('EASYPOST', afterShipSignature(BODY, SECRET), BODY, [SECRET]),
    ).toBe(false);
    expect(verifyCarrierSignature('AFTERSHIP', undefined, BODY, [SECRET])).toBe(false);
    expect(verifyCarrierSignature('AFTERSHIP', '', BODY, [SECRET])).toBe(false);
    expect(verifyCarrierSignature('AFTERSHIP', afterShipSignature(BODY, SECRET), BODY, [])).toBe(
      false,
    );
  });

  it('accepts a signature made with any of the secrets given (a rotation overlap)', () => {
    const previous = 'whsec_previous-0123456789';
    expect(
      verifyCarrierSignature('AFTERSHIP', afterShipSignature(BODY, previous), BODY, [
        SECRET,
        previous,
      ]),
    ).toBe(true);
  });
});
