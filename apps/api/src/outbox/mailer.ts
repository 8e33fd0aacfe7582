// Member emails. With SMTP_URL set they go to that server; without it (the embedded default
// and the tests) each message is written as an .eml file under LG_DATA_DIR/mail, so a bare
// `pnpm start` shows what members would receive without any mail setup.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { AttemptResult } from './attempt-result.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The outbox event the message reports; it names the file and the Message-ID. */
  eventId: string;
  /** When the message is sent, for the file name. */
  at: Date;
  /** The Message-ID of the mail this one answers (a reply to a member's claim email). */
  inReplyTo?: string | undefined;
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<AttemptResult>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string | undefined;
  from: string;
  /** The data directory; files go to `<dataDir>/mail`. */
  dataDir: string;
  /** Bound on each SMTP step, so a stuck mail server can't hold a dispatcher slot. */
  timeoutMs?: number;
}

/** The directory .eml files are written to when no SMTP server is configured. */
export function mailDirectory(dataDir: string): string {
  return path.join(dataDir, 'mail');
}

export function createMailer(options: MailerOptions): Mailer {
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (options.smtpUrl) {
    const pool: SMTPPool.Options = {
      url: options.smtpUrl,
      pool: true,
      maxConnections: 4,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    };
    const transport: Transporter = nodemailer.createTransport(pool);
    return {
      kind: 'smtp',
      send: (message) =>
        attempt(async () => {
          const info = await transport.sendMail(envelope(options.from, message));
          return { statusCode: smtpCode(info.response) };
        }),
      close: () => transport.close(),
    };
  }

  const directory = mailDirectory(options.dataDir);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  // Made for the first message, and again only if it has gone since.
  let directoryMade: Promise<unknown> | null = null;
  return {
    kind: 'file',
    send: (message) =>
      attempt(async () => {
        const info = await transport.sendMail(envelope(options.from, message));
        // Asynchronous: the dispatcher shares the server's event loop (BENCHMARKS.md, "Soak").
        directoryMade ??= mkdir(directory, { recursive: true });
        await directoryMade;
        const stamp = message.at.toISOString().replace(/[-:]/g, '').replace('.', '');
        const file = path.join(directory, `${stamp}-${message.eventId}.eml`);
        // Written aside and renamed, so a reader never sees half a message.
        const partial = `${file}.partial`;
        try {
          await writeFile(partial, info.message as Buffer);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          directoryMade = mkdir(directory, { recursive: true });
          await directoryMade;
          await writeFile(partial, info.message as Buffer);
        }
        await rename(partial, file);
        return { statusCode: null };
      }),
    close: () => transport.close(),
  };
}

function envelope(from: string, message: MailMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // Stable per event: a retry after a lost acknowledgement is recognisable as the same mail.
    messageId: `<${message.eventId}@logistics-guarantee>`,
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo, references: [message.inReplyTo] } : {}),
    // RFC 3834: no auto-responder answers a message marked so, and inbound claim mail that
    // carries it (ours, come back) is never answered: no mail loops.
    headers: {
      'X-LG-Event-Id': message.eventId,
      'Auto-Submitted': message.inReplyTo ? 'auto-replied' : 'auto-generated',
    },
  };
}

async function attempt(work: () => Promise<{ statusCode: number | null }>): Promise<AttemptResult> {
  const started = performance.now();
  try {
    const { statusCode } = await work();
    return {
      ok: true,
      statusCode,
      error: null,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const failure = error as { responseCode?: unknown; code?: unknown; message?: unknown };
    const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : null;
    return {
      ok: false,
      statusCode: responseCode,
      // The server's reply text can quote the recipient's address: only codes are kept.
      error:
        responseCode !== null
          ? `SMTP ${responseCode}`
          : typeof failure.code === 'string'
            ? `mail failed (${failure.code})`
            : 'mail failed',
      durationMs: Math.round(performance.now() - started),
      // 5xx is the server saying this message will never be accepted (RFC 5321 4.2.1).
      permanent: responseCode !== null && responseCode >= 500,
    };
  }
}

function smtpCode(response: string | undefined): number | null {
  const match = /^(\d{3})/.exec(response ?? '');
  return match ? Number(match[1]) : null;
}
