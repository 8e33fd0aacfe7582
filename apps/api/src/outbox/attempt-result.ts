/** What one attempt of any channel produced. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  /**
   * Why it failed, as a class of failure ("connection refused", "HTTP 500"): storefronts read
   * it in their delivery log, so never a secret, an address or a receiver's own error text.
   */
  error: string | null;
  durationMs: number;
  /** No retry can succeed (e.g. an SMTP 5xx for a mailbox that doesn't exist). */
  permanent?: boolean;
  /** The receiver asked for this much quiet (Retry-After). */
  retryAfterMs?: number | null;
  /** For the server log only, never recorded: what lies behind `error` (an error code). */
  detail?: string;
}
