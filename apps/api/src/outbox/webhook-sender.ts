// One webhook attempt: a signed JSON POST with a hard time limit. The result says what happened
// in terms the delivery log shows (status code, error, duration); it never throws.
import http from 'node:http';
import https from 'node:https';
import type { AttemptResult } from './attempt-result.js';
import { parseRetryAfter } from './backoff.js';
import { FAILURE, failureOf } from './failure-class.js';
import { isPrivateAddress, literalAddress, publicAddressLookup } from './network-guard.js';
import {
  ATTEMPT_HEADER,
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
} from './signature.js';

export interface WebhookRequest {
  url: string;
  /** The exact bytes that are signed and sent. */
  body: string;
  /** Signing secrets, one `v1` each: the previous one while a rotation's grace lasts, then the current one. */
  secrets: readonly string[];
  eventId: string;
  eventType: string;
  deliveryId: string;
  attempt: number;
  timeoutMs: number;
  /** Aborts the request when the dispatcher is torn down. */
  signal?: AbortSignal | undefined;
  /** Unix seconds for the signature: the wall clock, which the receiver compares with its own. */
  timestamp?: number;
  /** Let the webhook reach private and loopback addresses (network-guard.ts); default false. */
  allowPrivateNetworks?: boolean;
}

const USER_AGENT = 'LogisticsGuarantee-Webhooks/1.0';

// Connections to receivers are kept open between deliveries.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export async function sendWebhook(request: WebhookRequest): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refused = (error: string): AttemptResult => ({
    ok: false,
    statusCode: null,
    error,
    durationMs: elapsed(),
  });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ...refused(FAILURE.notAUrl), permanent: true };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ...refused(FAILURE.notHttp), permanent: true };
  }
  const guarded = request.allowPrivateNetworks !== true;
  const literal = literalAddress(url);
  if (guarded && literal !== null && isPrivateAddress(literal)) {
    return refused(FAILURE.privateAddress);
  }

  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  try {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const outgoing = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method: 'POST',
          agent: agents[url.protocol as 'http:' | 'https:'],
          signal,
          // A name is resolved, checked and connected to in one step (network-guard.ts).
          ...(guarded ? { lookup: publicAddressLookup } : {}),
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(request.body)),
            'user-agent': USER_AGENT,
            [SIGNATURE_HEADER]: signWebhook(request.secrets, request.body, timestamp),
            [EVENT_ID_HEADER]: request.eventId,
            [EVENT_TYPE_HEADER]: request.eventType,
            [DELIVERY_ID_HEADER]: request.deliveryId,
            [ATTEMPT_HEADER]: String(request.attempt),
          },
        },
        resolve,
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
    // The body is not needed; draining it frees the connection for the next delivery. A
    // redirect is not a delivery either: it is never followed, so the event can't go somewhere
    // the storefront never configured.
    response.resume();
    const status = response.statusCode ?? 0;
    const ok = status >= 200 && status < 300;
    const retryAfter = response.headers['retry-after'];
    return {
      ok,
      statusCode: status,
      error: ok ? null : `HTTP ${status}`,
      durationMs: elapsed(),
      retryAfterMs: ok ? null : parseRetryAfter(retryAfter ?? null, new Date()),
    };
  } catch (error) {
    const { error: failure, detail } = describeFailure(error, timeout);
    return { ...refused(failure), detail };
  }
}

/** The failure as a class (failure-class.ts) and, for the server log only, its code. */
function describeFailure(error: unknown, timeout: AbortSignal): { error: string; detail: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? code : 'no code';
  if (timeout.aborted) return { error: FAILURE.timeout, detail: 'time limit' };
  if (error instanceof Error && error.name === 'AbortError')
    return { error: FAILURE.aborted, detail };
  return { error: failureOf(error), detail };
}
