// The SMTP listener for claims by email (LG_INBOUND_SMTP_PORT): a member's mail server
// delivers to it directly, and every message goes to the same use case as POST /inbound/email.
// It takes mail for any recipient (the address members write to is the operator's choice:
// the MX of a domain pointed here, or a relay forwarding to this port).
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { App } from '../app.js';
import { MAX_EMAIL_BYTES } from '../services/email-claims/limits.js';
import {
  type ClaimEmailOptions,
  receiveClaimEmail,
} from '../services/email-claims/receive-claim-email.js';

export interface SmtpListener {
  port: number;
  /**
   * Stops taking connections; sessions still open get `closeTimeoutMs` to finish, then are
   * told 421 and cut (their servers retry; the Message-ID makes a retry harmless).
   */
  close(): Promise<void>;
}

/** An SMTP reply code with its text, as smtp-server sends it. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_EMAIL_BYTES) chunks.push(chunk);
  }
  // smtp-server counts against the SIZE it announced and flags the overflow.
  if (stream.sizeExceeded || size > MAX_EMAIL_BYTES) return null;
  return Buffer.concat(chunks, size);
}

export async function startSmtpListener(
  app: App,
  port: number,
  host: string,
  options: ClaimEmailOptions & { closeTimeoutMs: number },
): Promise<SmtpListener> {
  const server = new SMTPServer({
    name: options.mta,
    banner: 'Logistics Guarantee claims',
    size: MAX_EMAIL_BYTES,
    authOptional: true,
    // Plain SMTP on the port given: TLS, if wanted, is the relay or load balancer's job.
    disabledCommands: ['AUTH', 'STARTTLS'],
    // A session that sends nothing for this long is closed.
    socketTimeout: 60_000,
    closeTimeout: options.closeTimeoutMs,
    logger: false,
    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (error?: Error | null) => void,
    ) {
      void (async () => {
        try {
          const raw = await readMessage(stream);
          if (!raw) {
            callback(
              smtpError(
                552,
                `message exceeds the fixed maximum message size (${MAX_EMAIL_BYTES} bytes)`,
              ),
            );
            return;
          }
          const mailFrom = session.envelope.mailFrom;
          const receipt = await receiveClaimEmail(
            app,
            raw,
            {
              transport: 'smtp',
              smtp: {
                ip: session.remoteAddress,
                helo: session.hostNameAppearsAs || session.clientHostname || session.remoteAddress,
                mailFrom: mailFrom ? mailFrom.address : '',
              },
              storefrontId: null,
            },
            options,
          );
          // Over the hourly limit: a temporary refusal, so the sender's server tries later.
          if (receipt.status === 'RATE_LIMITED') {
            callback(smtpError(452, 'too many messages from this sender, try again later'));
            return;
          }
          // Accepted whatever the claim's fate: the reply mail tells the member.
          callback(null);
        } catch (error) {
          app.logger.error({ err: error }, 'claim email: receiving failed');
          // 451: a temporary failure of ours, the sender's server retries (and Message-ID
          // makes the retry harmless).
          callback(smtpError(451, 'local error in processing, try again later'));
        }
      })();
    },
  });
  server.on('error', (error) => app.logger.warn({ err: error }, 'claim email: SMTP session error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port: bound,
    close() {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

/** This host's name for SMTP greetings and SPF. */
export function mtaName(): string {
  return hostname() || 'localhost';
}
