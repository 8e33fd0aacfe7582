// The bounds of claims by email (docs/operations.md, "Claims by email").

/** The largest message taken, by SMTP (its SIZE extension) and by `POST /inbound/email`. */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;
/** More attachments than this in one mail is refused as a whole: nothing is filed. */
export const MAX_ATTACHMENTS_PER_EMAIL = 20;
/** The window of the per-sender limit (LG_INBOUND_EMAILS_PER_HOUR). */
export const SENDER_WINDOW_MS = 60 * 60_000;
