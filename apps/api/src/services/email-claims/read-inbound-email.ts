// One parser for every way claim mail arrives (SMTP listener, POST /inbound/email): the raw
// RFC 822 bytes in, what the use case reads out.
import { createHash } from 'node:crypto';
import { type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';

export interface InboundAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface InboundEmail {
  /** The Message-ID, or `sha256:<hex>` of the raw bytes for a message without one. */
  messageKey: string;
  messageId: string | null;
  /** The single From address, lower-cased; '' when there is none or more than one. */
  from: string;
  subject: string;
  /** The member's own words: the plain text without the quoted mail it answers. */
  text: string;
  attachments: InboundAttachment[];
  /** Header names (lower-case) with their values as mailparser reads them. */
  headers: ReadonlyMap<string, HeaderValue>;
  /** How many Received headers the message carries (a loop grows them without end). */
  hops: number;
}

/** Parses a raw message. Throws only on bytes that are not a message at all. */
export async function readInboundEmail(raw: Buffer): Promise<InboundEmail> {
  // Attached emails stay attachments (the order notification email), never inlined.
  const parsed: ParsedMail = await simpleParser(raw, {
    skipHtmlToText: false,
    skipTextLinks: true,
    skipImageLinks: true,
    ...({ ignoreEmbedded: true } as object),
  });
  const addresses = parsed.from?.value ?? [];
  const from = addresses.length === 1 ? (addresses[0]?.address ?? '').trim().toLowerCase() : '';
  const messageId = parsed.messageId?.trim() || null;
  return {
    messageKey: messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    messageId,
    from,
    subject: (parsed.subject ?? '').trim(),
    text: ownWords(parsed.text ?? ''),
    attachments: parsed.attachments
      // Images a mail's HTML shows inline (a signature's logo) are not evidence.
      .filter((attachment) => !attachment.related)
      .map((attachment, index) => ({
        fileName: (attachment.filename ?? '').trim() || `attachment-${index + 1}`,
        contentType: attachment.contentType.toLowerCase(),
        content: attachment.content,
      })),
    headers: parsed.headers,
    hops: parsed.headerLines.filter((line) => line.key === 'received').length,
  };
}

/**
 * The text without the mail it quotes: a member replying to our answer quotes our words
 * ("lost, missing items or damaged"), which must not be read as theirs.
 */
function ownWords(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    // "On <date>, <someone> wrote:", "-----Original Message-----", "在 ... 写道："
    if (/^(on\s.+wrote:|-{2,}\s*original message\s*-{2,}|在.+写道[:：])\s*$/i.test(line.trim()))
      break;
    if (/^\s*>/.test(line)) continue;
    lines.push(line);
  }
  return lines.join('\n').trim();
}
