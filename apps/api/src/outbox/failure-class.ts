// What a storefront learns about a failed webhook attempt: a class of failure, never the
// error's own text. Error messages carry addresses, ports, certificate names and a receiver's
// words; a delivery log that repeated them would let anyone who can set a webhook URL probe
// networks with it (which port refuses, which times out, what a TLS server calls itself).
// The server log keeps the error code for operators.
import { PRIVATE_ADDRESS } from './network-guard.js';

export const FAILURE = {
  timeout: 'timed out',
  refused: 'connection refused',
  reset: 'connection reset',
  dns: 'DNS lookup failed',
  unreachable: 'host unreachable',
  tls: 'TLS error',
  badResponse: 'invalid HTTP response',
  privateName: 'refused: the host resolves to a private network address',
  privateAddress: 'refused: a private network address',
  aborted: 'aborted',
  notAUrl: 'the webhook URL is not a URL',
  notHttp: 'the webhook URL is not http(s)',
  noUrl: 'no webhook URL configured',
  /** Our fault, not the receiver's (e.g. a template that could not be rendered). */
  internal: 'internal error',
  other: 'request failed',
} as const;

const KNOWN: ReadonlySet<string> = new Set(Object.values(FAILURE));

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: FAILURE.refused,
  ECONNRESET: FAILURE.reset,
  ECONNABORTED: FAILURE.reset,
  EPIPE: FAILURE.reset,
  ETIMEDOUT: FAILURE.timeout,
  ENOTFOUND: FAILURE.dns,
  EAI_AGAIN: FAILURE.dns,
  EAI_FAIL: FAILURE.dns,
  EAI_NODATA: FAILURE.dns,
  EAI_NONAME: FAILURE.dns,
  EHOSTUNREACH: FAILURE.unreachable,
  EHOSTDOWN: FAILURE.unreachable,
  ENETUNREACH: FAILURE.unreachable,
  ENETDOWN: FAILURE.unreachable,
  EPROTO: FAILURE.tls,
  [PRIVATE_ADDRESS]: FAILURE.privateName,
};

/** The class of a Node.js error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...). */
export function failureOfCode(code: string): string {
  const known = BY_CODE[code];
  if (known) return known;
  // OpenSSL and Node's TLS layer: ERR_SSL_*, ERR_TLS_*, CERT_HAS_EXPIRED,
  // DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_VERIFY_LEAF_SIGNATURE, HOSTNAME_MISMATCH, ...
  if (/SSL|TLS|CERT|UNABLE_TO_|HOSTNAME_MISMATCH/.test(code)) return FAILURE.tls;
  // llhttp could not parse what the receiver answered.
  if (code.startsWith('HPE_')) return FAILURE.badResponse;
  return FAILURE.other;
}

/** The class of a failed request's error. */
export function failureOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? failureOfCode(code) : FAILURE.other;
}

/**
 * An attempt's recorded error as a storefront may see it. What this version records passes
 * through; what older ones recorded in the error's own words becomes its class.
 */
export function publicFailure(recorded: string | null): string | null {
  if (recorded === null || KNOWN.has(recorded) || /^HTTP \d{3}$/.test(recorded)) return recorded;
  const legacy = /^connection failed \(([A-Z0-9_]+)\)$/.exec(recorded);
  return legacy?.[1] ? failureOfCode(legacy[1]) : FAILURE.other;
}
