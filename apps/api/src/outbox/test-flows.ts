// Test helpers for the outbox: a real HTTP webhook receiver, a real SMTP server, a small MIME
// reader for what they receive, and the claim flows that produce events, all over GraphQL.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestApi, TestStorefront } from '../test-support/harness.js';
import {
  ALL_DOCUMENTS,
  DECIDE,
  FILE_CLAIM,
  guaranteedPackage,
  PAYOUT,
  recordEvent,
  type UserErrors,
  uploadDocument,
} from '../test-support/operations.js';
import { verifyWebhookSignature } from './signature.js';

// ---- webhook receiver ----

export interface ReceivedWebhook {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
  event: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  status: number;
}

/** What the receiver answers: a status code, or 'hang' to never answer. */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Requests answered 2xx. */
  accepted(): ReceivedWebhook[];
  /** Decides each answer; the default accepts everything. */
  answer: (request: { body: string; count: number }) => Answer;
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: Receiver = {
    url: '',
    received: [],
    accepted: () => receiver.received.filter((r) => r.status >= 200 && r.status < 300),
    answer: () => 200,
    async waitFor(predicate, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(receiver.received)) {
        if (Date.now() > until)
          throw new Error(`receiver: timed out (${receiver.received.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = receiver.answer({ body, count: receiver.received.length + 1 });
      const status = answer === 'hang' ? 0 : answer;
      receiver.received.push({
        at: Date.now(),
        headers: req.headers,
        body,
        event: JSON.parse(body),
        status,
      });
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** Whether a received webhook carries a valid signature for `secret`. */
export function signedWith(webhook: ReceivedWebhook, secret: string): boolean {
  return verifyWebhookSignature(
    webhook.headers['lg-signature'] as string | undefined,
    webhook.body,
    secret,
  );
}

// ---- SMTP ----

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  message: ParsedMail;
}

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  /** Reject the next messages with this SMTP code (e.g. 451, 550); null accepts. */
  rejectWith: number | null;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    messages: [],
    rejectWith: null,
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (sink.messages.length < count) {
        if (Date.now() > until)
          throw new Error(`smtp: timed out (${sink.messages.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (sink.rejectWith !== null) {
          const error = Object.assign(new Error('rejected by test'), {
            responseCode: sink.rejectWith,
          });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        sink.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          message: parseMail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}

// ---- a small MIME reader (what nodemailer writes: multipart/alternative, QP or base64) ----

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

function splitHead(raw: string): { head: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const headText = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const head = new Map<string, string>();
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      head.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { head, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
            String.fromCharCode(Number.parseInt(hex, 16)),
          ),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_m, _charset: string, kind: string, text: string) =>
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) =>
                  String.fromCharCode(Number.parseInt(hex, 16)),
                ),
              'latin1',
            ).toString('utf8'),
    );
}

export function parseMail(raw: string): ParsedMail {
  const { head, body } = splitHead(raw);
  const parsed: ParsedMail = {
    headers: head,
    subject: decodeHeader(head.get('subject') ?? ''),
    text: '',
    html: '',
  };
  const collect = (headers: Map<string, string>, content: string) => {
    const type = headers.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith('multipart/') && boundary) {
      const parts = content.split(`--${boundary}`).slice(1);
      for (const part of parts) {
        if (part.startsWith('--')) break;
        const inner = splitHead(part.replace(/^\r?\n/, ''));
        collect(inner.head, inner.body);
      }
      return;
    }
    const decoded = decodeBody(content, headers.get('content-transfer-encoding'));
    if (type.toLowerCase().startsWith('text/html')) parsed.html += decoded;
    else if (type.toLowerCase().startsWith('text/plain')) parsed.text += decoded;
  };
  collect(head, body);
  return parsed;
}

// ---- flows that produce events ----

export interface FiledClaim {
  claimId: string;
  reference: string;
  status: string;
  missingDocuments: string[];
  memberId: string;
  orderNumber: string;
  guaranteeId: string;
}

/** Buys a guarantee, ships and loses the package, and files a LOSS claim (with a secret key). */
export async function fileLossClaim(
  api: TestApi,
  shop: TestStorefront,
  options: { memberId?: string; withDocuments?: boolean } = {},
): Promise<FiledClaim> {
  const { trackingNumber, memberId, orderNumber, guarantee } = await guaranteedPackage(api, shop, {
    memberId: options.memberId ?? 'M1042',
  });
  const shipped = new Date(api.clock.now.getTime() - 2 * 86_400_000);
  await recordEvent(api, shop, trackingNumber, 'SHIPPED', shipped);
  await recordEvent(api, shop, trackingNumber, 'LOST', new Date(shipped.getTime() + 3_600_000));
  const documentIds = options.withDocuments
    ? await Promise.all(
        ALL_DOCUMENTS.slice(0, 2).map((kind) => uploadDocument(api, shop.secretKey, kind)),
      )
    : [];
  const result = await api.gql<{
    fileClaim: {
      claim: { id: string; reference: string; status: string; missingDocuments: string[] } | null;
      userErrors: UserErrors;
    };
  }>(
    FILE_CLAIM,
    {
      input: {
        trackingNumber,
        type: 'LOSS',
        description: 'The carrier lost the parcel.',
        memberId,
        documentIds,
      },
    },
    shop.secretKey,
  );
  const claim = result.body.data?.fileClaim.claim;
  if (!claim) throw new Error(`fileClaim failed: ${JSON.stringify(result.body)}`);
  return {
    claimId: claim.id,
    reference: claim.reference,
    status: claim.status,
    missingDocuments: claim.missingDocuments,
    memberId,
    orderNumber,
    guaranteeId: guarantee.id,
  };
}

export async function rejectClaim(api: TestApi, claimId: string, reasonCodes: string[]) {
  const result = await api.gql<{
    decideClaim: { claim: { status: string } | null; userErrors: UserErrors };
  }>(
    DECIDE,
    { input: { claimId, outcome: 'REJECT', reasonCodes, note: 'Reviewed with the carrier.' } },
    api.operatorKey,
  );
  if (result.body.data?.decideClaim.claim?.status !== 'REJECTED')
    throw new Error(`reject failed: ${JSON.stringify(result.body)}`);
}

export async function approveAndPay(api: TestApi, claimId: string, reference = 'PAYOUT-1') {
  const decided = await api.gql<{ decideClaim: { claim: { status: string } | null } }>(
    DECIDE,
    { input: { claimId, outcome: 'APPROVE' } },
    api.operatorKey,
  );
  if (decided.body.data?.decideClaim.claim?.status !== 'APPROVED')
    throw new Error(`approve failed: ${JSON.stringify(decided.body)}`);
  const paid = await api.gql<{ recordClaimPayout: { claim: { status: string } | null } }>(
    PAYOUT,
    { input: { claimId, reference } },
    api.operatorKey,
  );
  if (paid.body.data?.recordClaimPayout.claim?.status !== 'PAID')
    throw new Error(`payout failed: ${JSON.stringify(paid.body)}`);
}

const DELIVERIES = `query($first: Int, $after: String, $filter: WebhookDeliveryFilter, $storefrontId: ID) {
  webhookDeliveries(first: $first, after: $after, filter: $filter, storefrontId: $storefrontId) {
    edges { cursor node { id eventId eventType status url attemptCount lastStatusCode lastError
      nextAttemptAt deliveredAt createdAt redeliveryOf payload
      attempts { attempt at url statusCode error durationMs ok } } }
    pageInfo { hasNextPage endCursor } } }`;

export interface DeliveryNode {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  url: string;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  redeliveryOf: string | null;
  payload: string;
  attempts: {
    attempt: number;
    statusCode: number | null;
    error: string | null;
    ok: boolean;
    url: string | null;
  }[];
}

export async function webhookLog(
  api: TestApi,
  credential: string,
  variables: Record<string, unknown> = {},
): Promise<DeliveryNode[]> {
  const result = await api.gql<{ webhookDeliveries: { edges: { node: DeliveryNode }[] } }>(
    DELIVERIES,
    { first: 100, ...variables },
    credential,
  );
  if (!result.body.data)
    throw new Error(`webhookDeliveries failed: ${JSON.stringify(result.body)}`);
  return result.body.data.webhookDeliveries.edges.map((edge) => edge.node);
}
