// Mail no one wrote by hand is never answered (RFC 3834): answering an auto-reply, a bounce or
// a mailing list starts a mail loop, or sends backscatter to whoever a spammer forged.
import type { HeaderValue } from 'mailparser';

/** More Received headers than this is a message going round in circles. */
const MAX_HOPS = 30;

function text(value: HeaderValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    return value.value;
  }
  return String(value);
}

export interface AutomaticCheck {
  headers: ReadonlyMap<string, HeaderValue>;
  from: string;
  hops: number;
  /** The SMTP envelope's MAIL FROM ('' for the null sender); null when unknown (HTTP). */
  envelopeSender: string | null;
}

/**
 * Why a message is automatic (then it is recorded and never answered), or null for mail a
 * person wrote: `Auto-Submitted` other than `no`, auto-responder headers, `Precedence:
 * bulk/junk/list`, mailing lists, bounces (null sender, MAILER-DAEMON, multipart/report),
 * our own mail come back, or too many hops.
 */
export function automaticReason({
  headers,
  from,
  hops,
  envelopeSender,
}: AutomaticCheck): string | null {
  const autoSubmitted = text(headers.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted !== '' && !autoSubmitted.startsWith('no')) return 'auto-submitted';
  if (['x-autoreply', 'x-autorespond', 'x-autoresponder'].some((name) => headers.has(name))) {
    return 'auto-reply';
  }
  const precedence = text(headers.get('precedence')).trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return 'bulk';
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return 'mailing list';
  const returnPath = text(headers.get('return-path')).trim();
  if (envelopeSender === '' || returnPath === '<>') return 'bounce';
  if (/^(mailer-daemon|postmaster)@/i.test(from) || from === '') return 'bounce';
  if (text(headers.get('content-type')).toLowerCase() === 'multipart/report') return 'bounce';
  if (headers.has('x-lg-event-id')) return 'loop';
  if (hops > MAX_HOPS) return 'loop';
  return null;
}
