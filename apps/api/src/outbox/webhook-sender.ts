// One webhook attempt: a signed JSON POST with a hard time limit. The result says what happened
// in terms the delivery log shows (status code, error, duration); it never throws.
import { parseRetryAfter } from './backoff.js';
import {
  ATTEMPT_HEADER,
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
} from './signature.js';

/** What one attempt of any channel produced. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed, in a few words; never a secret or an address. */
  error: string | null;
  durationMs: number;
  /** No retry can succeed (e.g. an SMTP 5xx for a mailbox that doesn't exist). */
  permanent?: boolean;
  /** The receiver asked for this much quiet (Retry-After). */
  retryAfterMs?: number | null;
}

export interface WebhookRequest {
  url: string;
  /** The exact bytes that are signed and sent. */
  body: string;
  secret: string;
  eventId: string;
  eventType: string;
  deliveryId: string;
  attempt: number;
  timeoutMs: number;
  /** Aborts the request when the dispatcher is torn down. */
  signal?: AbortSignal | undefined;
  /** Unix seconds for the signature: the wall clock, which the receiver compares with its own. */
  timestamp?: number;
}

export const USER_AGENT = 'LogisticsGuarantee-Webhooks/1.0';

export async function sendWebhook(request: WebhookRequest): Promise<AttemptResult> {
  const started = performance.now();
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      // A redirect is not a delivery: following it could send the event somewhere the
      // storefront never configured.
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        [SIGNATURE_HEADER]: signWebhook(request.secret, request.body, timestamp),
        [EVENT_ID_HEADER]: request.eventId,
        [EVENT_TYPE_HEADER]: request.eventType,
        [DELIVERY_ID_HEADER]: request.deliveryId,
        [ATTEMPT_HEADER]: String(request.attempt),
      },
      body: request.body,
    });
    // The body is not needed; releasing it frees the connection for the next delivery.
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      durationMs: elapsed(),
      retryAfterMs: ok ? null : parseRetryAfter(response.headers.get('retry-after'), new Date()),
    };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      error: describeFailure(error, timeout),
      durationMs: elapsed(),
    };
  }
}

function describeFailure(error: unknown, timeout: AbortSignal): string {
  if (timeout.aborted) return 'timed out';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  if (cause && typeof cause.code === 'string') return `connection failed (${cause.code})`;
  if (error instanceof Error) return error.message.slice(0, 200);
  return 'request failed';
}
