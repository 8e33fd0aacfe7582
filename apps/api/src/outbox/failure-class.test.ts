import { describe, expect, it } from 'vitest';
import { FAILURE, failureOf, failureOfCode, publicFailure } from './failure-class.js';
import { PRIVATE_ADDRESS } from './network-guard.js';

describe('failureOfCode', () => {
  it.each([
    ['ECONNREFUSED', 'connection refused'],
    ['ECONNRESET', 'connection reset'],
    ['EPIPE', 'connection reset'],
    ['ETIMEDOUT', 'timed out'],
    ['ENOTFOUND', 'DNS lookup failed'],
    ['EAI_AGAIN', 'DNS lookup failed'],
    ['EHOSTUNREACH', 'host unreachable'],
    ['ENETUNREACH', 'host unreachable'],
    ['EPROTO', 'TLS error'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS error'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS error'],
    ['CERT_HAS_EXPIRED', 'TLS error'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS error'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS error'],
    ['HPE_INVALID_CONSTANT', 'invalid HTTP response'],
    [PRIVATE_ADDRESS, 'refused: the host resolves to a private network address'],
    ['EWHATEVER', 'request failed'],
  ])('classes %s as "%s"', (code, failure) => {
    expect(failureOfCode(code)).toBe(failure);
  });
});

describe('failureOf', () => {
  it("never repeats an error's message, which can name addresses and ports", () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(failureOf(error)).toBe('connection refused');
    expect(failureOf(new Error('getaddrinfo failed for db.internal:5432'))).toBe(FAILURE.other);
    expect(failureOf('a string')).toBe(FAILURE.other);
    expect(failureOf(null)).toBe(FAILURE.other);
  });
});

describe('publicFailure', () => {
  it('passes the classes and HTTP statuses through', () => {
    for (const failure of Object.values(FAILURE)) expect(publicFailure(failure)).toBe(failure);
    expect(publicFailure('HTTP 503')).toBe('HTTP 503');
    expect(publicFailure(null)).toBeNull();
  });

  it("turns what older versions recorded in the error's own words into its class", () => {
    expect(publicFailure('connection failed (ECONNREFUSED)')).toBe('connection refused');
    expect(publicFailure('connection failed (CERT_HAS_EXPIRED)')).toBe('TLS error');
    expect(publicFailure('connect ECONNREFUSED 10.0.0.7:5432')).toBe('request failed');
    expect(publicFailure('HTTP 503 from 10.0.0.7')).toBe('request failed');
  });
});
